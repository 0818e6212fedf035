/**
 * Model Studio: build a cohort (demo cohort, cohort CSV or saved cases with an outcome), run the
 * study's pipeline in a worker (progress, cancel), read the report, save and activate the model.
 */
import { useEffect, useState } from 'react';
import { listCases } from '../../db/cases';
import { saveModel } from '../../db/models';
import { stratifiedSplit } from '../../model/split';
import { useModelStore } from '../../store/models';
import { fetchDemoText } from '../demo/demoAssets';
import { DemoModelNotice } from '../demo/DemoModelNotice';
import {
  cohortFromCases,
  cohortFromCsv,
  splitFromSetColumn,
  withoutReader2,
  withoutSetColumn,
} from './cohortSources';
import { Registry } from './Registry';
import { Report } from './Report';
import { useStudioStore, type TrainingSettings } from './studioStore';
import { startTraining, type TrainingOptions } from './training';
import './studio.css';

const APP_VERSION = '0.1.0';

function CohortPanel() {
  const source = useStudioStore((s) => s.source);
  const error = useStudioStore((s) => s.cohortError);
  const setSource = useStudioStore((s) => s.setSource);
  const busy = useStudioStore((s) => s.run !== null);

  const guard = async (f: () => Promise<void>, what: string) => {
    try {
      await f();
    } catch (e) {
      setSource(null, `${what}: ${(e as Error).message}`);
    }
  };

  const c = source?.cohort;
  const nPcr = c?.pcr?.filter((v) => v === 1).length ?? 0;
  return (
    <section className="panel" aria-labelledby="cohort-heading">
      <h3 id="cohort-heading">1. Cohort</h3>
      <div className="studio-actions">
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void guard(async () => {
              setSource(
                cohortFromCsv(await fetchDemoText('cohort.csv'), 'demo cohort (93 synthetic patients)'),
              );
            }, 'The demo cohort could not be loaded')
          }
        >
          Load demo cohort
        </button>
        <label className="button file-button">
          Import cohort CSV…
          <input
            type="file"
            aria-label="Cohort CSV"
            accept=".csv,text/csv"
            disabled={busy}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f)
                void guard(
                  async () => setSource(cohortFromCsv(await f.text(), f.name)),
                  `“${f.name}” was not loaded`,
                );
            }}
          />
        </label>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void guard(
              async () => setSource(cohortFromCases(await listCases())),
              'No cohort from the saved cases',
            )
          }
        >
          Use saved cases with an outcome
        </button>
      </div>
      <p className="hint">
        Cohort CSV: one row per case with PyRadiomics feature columns (e.g. original_glcm_Correlation), miR34a
        (2<sup>−ΔΔCt</sup>) and pCR (0/1); optional id, second-reader columns reader2_&lt;feature&gt; for the
        ICC filter, a set column (training/validation) for your own split, and clinical columns for the
        baseline table.
      </p>
      {error && (
        <p role="alert" className="message error">
          {error}
        </p>
      )}
      {c && (
        <p role="status" aria-label="Cohort summary">
          {source.label}: {c.ids.length} cases ({nPcr} pCR, {c.ids.length - nPcr} non-pCR),{' '}
          {c.featureNames.length} features
          {c.reader2 ? `, second reader for ${c.reader2.featureNames.length}` : ''}
          {c.clinical.length ? `, clinical: ${c.clinical.map((v) => v.name).join(', ')}` : ''}.
        </p>
      )}
      {source?.notes.length ? (
        <details>
          <summary>{source.notes.length} note(s) on left-out cases</summary>
          <ul>
            {source.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  disabled,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  min: number;
  max: number;
  disabled?: boolean;
}) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // The value changed from outside (e.g. a reset): show it.
    setShown(value);
    setText(String(value));
  }
  const v = Number(text);
  const bad = text.trim() === '' || !Number.isInteger(v) || v < min || v > max;
  return (
    <label className="inline">
      {label}
      <input
        type="number"
        value={text}
        min={min}
        max={max}
        step={1}
        disabled={disabled}
        aria-invalid={bad}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max) onChange(n);
        }}
      />
      {bad && (
        <span className="field-error">
          a whole number from {min} to {max}
        </span>
      )}
    </label>
  );
}

function trainingOptions(s: TrainingSettings, split: TrainingOptions['split']): TrainingOptions {
  return {
    seed: s.seed,
    split,
    k: s.kMode === 'auto' ? 'auto' : s.k,
    kMax: s.kMax,
    weights: s.weights,
    nBoot: s.nBoot,
    appVersion: APP_VERSION,
  };
}

function TrainPanel() {
  const source = useStudioStore((s) => s.source);
  const settings = useStudioStore((s) => s.settings);
  const setSettings = useStudioStore((s) => s.setSettings);
  const run = useStudioStore((s) => s.run);
  const progress = useStudioStore((s) => s.progress);
  const trainError = useStudioStore((s) => s.trainError);
  const hasSetColumn = !!source?.cohort.clinical.some((v) => /^(?:set|split)$/i.test(v.name));
  const hasReader2 = !!source?.cohort.reader2;

  const train = () => {
    if (!source) return;
    let cohort = source.cohort;
    let split: TrainingOptions['split'];
    let splitLabel = `stratified 4:1 (validation 20 %), seed ${settings.seed}`;
    try {
      if (settings.split === 'column') {
        const s = splitFromSetColumn(cohort);
        if (!s) throw new Error('the cohort has no set column (values training/validation)');
        split = s;
        splitLabel = 'split from the cohort’s set column';
      } else if (settings.validationPercent !== 20) {
        // The pipeline's own split is the study's 4:1; another share is drawn here the same way.
        if (!cohort.pcr) throw new Error('the cohort has no pCR column');
        split = stratifiedSplit(cohort.pcr, settings.seed, {
          testFraction: settings.validationPercent / 100,
        });
        splitLabel = `stratified, validation ${settings.validationPercent} %, seed ${settings.seed}`;
      }
    } catch (e) {
      useStudioStore.setState({ trainError: `The split could not be read: ${(e as Error).message}` });
      return;
    }
    cohort = withoutSetColumn(cohort);
    if (!settings.icc) cohort = withoutReader2(cohort);
    const options = { ...trainingOptions(settings, split), extraction: source.extraction };
    const job = startTraining(cohort, options, (fraction, stage) =>
      useStudioStore.setState({ progress: { fraction, stage } }),
    );
    useStudioStore.setState({ run: job, progress: { fraction: 0, stage: 'starting' }, trainError: null });
    job.promise
      .then((output) =>
        useStudioStore.setState({
          output,
          outputLabel: source.label,
          outputSplit: splitLabel,
          run: null,
          progress: null,
        }),
      )
      .catch((e: Error) =>
        useStudioStore.setState({
          run: null,
          progress: null,
          trainError:
            e.name === 'AbortError'
              ? 'Training was cancelled; nothing was changed.'
              : `Training failed: ${e.message}`,
        }),
      );
  };

  return (
    <section className="panel" aria-labelledby="train-heading">
      <h3 id="train-heading">2. Training settings</h3>
      <div className="studio-form">
        <NumberField
          label="Seed"
          value={settings.seed}
          min={0}
          max={2 ** 31 - 1}
          onChange={(seed) => setSettings({ seed })}
        />
        <label className="inline">
          Split
          <select
            value={settings.split}
            onChange={(e) => setSettings({ split: e.target.value as TrainingSettings['split'] })}
          >
            <option value="random">Stratified random (seeded)</option>
            <option value="column" disabled={!hasSetColumn}>
              The cohort&apos;s set column{hasSetColumn ? '' : ' (none in this cohort)'}
            </option>
          </select>
        </label>
        {settings.split === 'random' && (
          <NumberField
            label="Validation share (%)"
            value={settings.validationPercent}
            min={10}
            max={50}
            onChange={(validationPercent) => setSettings({ validationPercent })}
          />
        )}
        <label className="inline">
          Neighbour weights
          <select
            value={settings.weights}
            onChange={(e) => setSettings({ weights: e.target.value as TrainingSettings['weights'] })}
          >
            <option value="uniform">Uniform (the study: share of pCR among the k)</option>
            <option value="distance">Distance (1 / distance)</option>
          </select>
        </label>
        <label className="inline">
          k (neighbours)
          <select
            value={settings.kMode}
            onChange={(e) => setSettings({ kMode: e.target.value as TrainingSettings['kMode'] })}
          >
            <option value="fixed">Fixed</option>
            <option value="auto">Automatic (best 5-fold CV AUC, odd k)</option>
          </select>
        </label>
        {settings.kMode === 'fixed' ? (
          <NumberField
            label="Fixed k"
            value={settings.k}
            min={1}
            max={51}
            onChange={(k) => setSettings({ k })}
          />
        ) : (
          <NumberField
            label="Largest k tried"
            value={settings.kMax}
            min={1}
            max={51}
            onChange={(kMax) => setSettings({ kMax })}
          />
        )}
        <label className="inline">
          <input
            type="checkbox"
            checked={settings.icc && hasReader2}
            disabled={!hasReader2}
            onChange={(e) => setSettings({ icc: e.target.checked })}
          />
          Apply the inter-reader ICC filter (&gt; 0.75){hasReader2 ? '' : ' — needs second-reader columns'}
        </label>
        <NumberField
          label="Bootstrap resamples"
          value={settings.nBoot}
          min={0}
          max={10000}
          onChange={(nBoot) => setSettings({ nBoot })}
        />
      </div>
      <div className="studio-actions">
        <button type="button" disabled={!source || !!run} onClick={train}>
          Train models
        </button>
        <button type="button" disabled={!run} onClick={() => run?.cancel()}>
          Cancel training
        </button>
        {!source && <span className="hint">Choose a cohort first.</span>}
      </div>
      {progress && (
        <div className="progress">
          <progress aria-label="Training progress" value={progress.fraction} max={1} />
          <span role="status" aria-label="Training stage">
            {Math.round(progress.fraction * 100)} % — {progress.stage}
          </span>
        </div>
      )}
      {trainError && (
        <p role="alert" className="message error">
          {trainError}
        </p>
      )}
    </section>
  );
}

function SavePanel() {
  const output = useStudioStore((s) => s.output);
  const label = useStudioStore((s) => s.outputLabel);
  const bumpRegistry = useStudioStore((s) => s.bumpRegistry);
  const activateRecord = useModelStore((s) => s.activateRecord);
  const [name, setName] = useState('Site model');
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  if (!output) return null;
  const save = async (activate: boolean) => {
    try {
      const record = await saveModel(output.model, name, 'trained');
      bumpRegistry();
      if (activate) await activateRecord(record);
      setMessage({
        kind: 'info',
        text: `Saved as ${record.name} v${record.version}${activate ? ' and made the active model' : ''}.`,
      });
    } catch (e) {
      setMessage({ kind: 'error', text: `The model was not saved: ${(e as Error).message}` });
    }
  };
  return (
    <section className="panel" aria-labelledby="save-heading">
      <h3 id="save-heading">3. Save the model</h3>
      <p>Trained on {label}.</p>
      <div className="studio-actions">
        <label className="inline">
          Model name
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="button" onClick={() => void save(false)}>
          Save to registry
        </button>
        <button type="button" onClick={() => void save(true)}>
          Save and activate
        </button>
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`}>
          {message.text}
        </p>
      )}
    </section>
  );
}

export function StudioScreen() {
  const output = useStudioStore((s) => s.output);
  const label = useStudioStore((s) => s.outputLabel);
  const splitLabel = useStudioStore((s) => s.outputSplit);
  useEffect(() => {
    useModelStore
      .getState()
      .init()
      .catch(() => undefined);
  }, []);
  return (
    <div className="studio-screen">
      <h2>Model Studio</h2>
      <p className="hint">
        Build and validate your own site&apos;s model with the study&apos;s pipeline: 4:1 stratified split,
        ICC filter, t-test, correlation filter, LASSO, and clinical / radiomics / combined KNN models
        evaluated by 5-fold cross-validation and on the validation set.
      </p>
      <DemoModelNotice />
      <CohortPanel />
      <TrainPanel />
      <SavePanel />
      {output && <Report output={output} label={label} splitLabel={splitLabel} />}
      <Registry />
    </div>
  );
}
