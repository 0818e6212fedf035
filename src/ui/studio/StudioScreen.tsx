/**
 * Model Studio: build a cohort (demo cohort, cohort CSV or saved cases with an outcome), run the
 * study's pipeline in a worker (progress, cancel), read the report, save and activate the model.
 */
import { useEffect, useState } from 'react';
import { listCases } from '../../store/storage';
import { saveModel } from '../../store/storage';
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
import { isCancelled } from '../../model/pipeline';
import './studio.css';
import { formatInteger, message as msg, t as tr, toMessage, useMessage, useT } from '../../i18n';
import { APP_VERSION } from '../../version';
import { MessageError } from '../../util/message';

function CohortPanel() {
  const t = useT();
  const m = useMessage();
  const source = useStudioStore((s) => s.source);
  const error = useStudioStore((s) => s.cohortError);
  const setSource = useStudioStore((s) => s.setSource);
  const busy = useStudioStore((s) => s.run !== null);

  const guard = async (f: () => Promise<void>, what: string) => {
    try {
      await f();
    } catch (e) {
      setSource(null, tr('studio.cohort.failed', { what, message: msg(toMessage(e)) }));
    }
  };

  const c = source?.cohort;
  const nPcr = c?.pcr?.filter((v) => v === 1).length ?? 0;
  return (
    <section className="panel" aria-labelledby="cohort-heading">
      <h3 id="cohort-heading">{t('studio.cohort.heading')}</h3>
      <div className="studio-actions">
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void guard(async () => {
              setSource(cohortFromCsv(await fetchDemoText('cohort.csv'), tr('studio.cohort.demoLabel')));
            }, tr('studio.cohort.demoFailed'))
          }
        >
          {t('studio.cohort.loadDemo')}
        </button>
        <label className="button file-button">
          {t('studio.cohort.importCsv')}
          <input
            type="file"
            aria-label={t('studio.cohort.csvLabel')}
            accept=".csv,text/csv"
            disabled={busy}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f)
                void guard(
                  async () => setSource(cohortFromCsv(await f.text(), f.name)),
                  tr('studio.cohort.fileFailed', { name: f.name }),
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
              tr('studio.cohort.savedFailed'),
            )
          }
        >
          {t('studio.cohort.useSaved')}
        </button>
      </div>
      <p className="hint">
        {t('studio.cohort.hintBefore')}
        <sup>−ΔΔCt</sup>
        {t('studio.cohort.hintAfter')}
      </p>
      {error && (
        <p role="alert" className="message error">
          {error}
        </p>
      )}
      {c && (
        <p role="status" aria-label={t('studio.cohort.summaryLabel')}>
          {t('studio.cohort.summary', {
            label: m(source.label),
            n: c.ids.length,
            nPcr,
            nNon: c.ids.length - nPcr,
            nFeatures: c.featureNames.length,
          })}
          {c.reader2 ? t('studio.cohort.summaryReader2', { n: c.reader2.featureNames.length }) : ''}
          {c.clinical.length
            ? t('studio.cohort.summaryClinical', { names: c.clinical.map((v) => v.name).join(', ') })
            : ''}
          {t('studio.sentenceEnd')}
        </p>
      )}
      {source?.notes.length ? (
        <details>
          <summary>{t('studio.cohort.notes', { count: source.notes.length })}</summary>
          <ul>
            {source.notes.map((n) => (
              <li key={JSON.stringify(n)}>{m(n)}</li>
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
  const t = useT();
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
          {t('studio.field.wholeNumber', { min: formatInteger(min), max: formatInteger(max) })}
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
  const t = useT();
  const m = useMessage();
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
    let splitLabel = tr('studio.train.splitDefault', { seed: settings.seed });
    try {
      if (settings.split === 'column') {
        const s = splitFromSetColumn(cohort);
        if (!s) throw new MessageError('studio.noSetColumn');
        split = s;
        splitLabel = tr('studio.train.splitFromColumn');
      } else if (settings.validationPercent !== 20) {
        // The pipeline's own split is the study's 4:1; another share is drawn here the same way.
        if (!cohort.pcr) throw new MessageError('studio.noPcrColumn');
        split = stratifiedSplit(cohort.pcr, settings.seed, {
          testFraction: settings.validationPercent / 100,
        });
        splitLabel = tr('studio.train.splitCustom', {
          percent: settings.validationPercent,
          seed: settings.seed,
        });
      }
    } catch (e) {
      useStudioStore.setState({
        trainError: tr('studio.train.splitFailed', { message: msg(toMessage(e)) }),
      });
      return;
    }
    cohort = withoutSetColumn(cohort);
    if (!settings.icc) cohort = withoutReader2(cohort);
    const options = { ...trainingOptions(settings, split), extraction: source.extraction };
    const job = startTraining(cohort, options, (fraction, stage) =>
      useStudioStore.setState({ progress: { fraction, stage } }),
    );
    useStudioStore.setState({
      run: job,
      progress: { fraction: 0, stage: { code: 'model.stage.starting' } },
      trainError: null,
    });
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
      .catch((e: unknown) =>
        useStudioStore.setState({
          run: null,
          progress: null,
          // A cancelled run is told apart by its code (model.cancelled), never by its text.
          trainError: isCancelled(e)
            ? tr('studio.train.cancelled')
            : tr('studio.train.failed', { message: msg(toMessage(e)) }),
        }),
      );
  };

  return (
    <section className="panel" aria-labelledby="train-heading">
      <h3 id="train-heading">{t('studio.train.heading')}</h3>
      <div className="studio-form">
        <NumberField
          label={t('studio.train.seed')}
          value={settings.seed}
          min={0}
          max={2 ** 31 - 1}
          onChange={(seed) => setSettings({ seed })}
        />
        <label className="inline">
          {t('studio.train.split')}
          <select
            value={settings.split}
            onChange={(e) => setSettings({ split: e.target.value as TrainingSettings['split'] })}
          >
            <option value="random">{t('studio.train.splitRandom')}</option>
            <option value="column" disabled={!hasSetColumn}>
              {t('studio.train.splitColumn')}
              {hasSetColumn ? '' : t('studio.train.splitColumnNone')}
            </option>
          </select>
        </label>
        {settings.split === 'random' && (
          <NumberField
            label={t('studio.train.validationShare')}
            value={settings.validationPercent}
            min={10}
            max={50}
            onChange={(validationPercent) => setSettings({ validationPercent })}
          />
        )}
        <label className="inline">
          {t('studio.train.weights')}
          <select
            value={settings.weights}
            onChange={(e) => setSettings({ weights: e.target.value as TrainingSettings['weights'] })}
          >
            <option value="uniform">{t('studio.train.weightsUniform')}</option>
            <option value="distance">{t('studio.train.weightsDistance')}</option>
          </select>
        </label>
        <label className="inline">
          {t('studio.train.k')}
          <select
            value={settings.kMode}
            onChange={(e) => setSettings({ kMode: e.target.value as TrainingSettings['kMode'] })}
          >
            <option value="fixed">{t('studio.train.kFixed')}</option>
            <option value="auto">{t('studio.train.kAuto')}</option>
          </select>
        </label>
        {settings.kMode === 'fixed' ? (
          <NumberField
            label={t('studio.train.fixedK')}
            value={settings.k}
            min={1}
            max={51}
            onChange={(k) => setSettings({ k })}
          />
        ) : (
          <NumberField
            label={t('studio.train.kMax')}
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
          {t('studio.train.icc')}
          {hasReader2 ? '' : t('studio.train.iccNeedsReader2')}
        </label>
        <NumberField
          label={t('studio.train.nBoot')}
          value={settings.nBoot}
          min={0}
          max={10000}
          onChange={(nBoot) => setSettings({ nBoot })}
        />
      </div>
      <div className="studio-actions">
        <button type="button" disabled={!source || !!run} onClick={train}>
          {t('studio.train.train')}
        </button>
        <button type="button" disabled={!run} onClick={() => run?.cancel()}>
          {t('studio.train.cancel')}
        </button>
        {!source && <span className="hint">{t('studio.train.chooseCohort')}</span>}
      </div>
      {progress && (
        <div className="progress">
          <progress aria-label={t('studio.train.progressLabel')} value={progress.fraction} max={1} />
          <span role="status" aria-label={t('studio.train.stageLabel')}>
            {t('studio.train.stage', {
              percent: Math.round(progress.fraction * 100),
              stage: m(progress.stage),
            })}
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
  const t = useT();
  const m = useMessage();
  const output = useStudioStore((s) => s.output);
  const label = useStudioStore((s) => s.outputLabel);
  const bumpRegistry = useStudioStore((s) => s.bumpRegistry);
  const activateRecord = useModelStore((s) => s.activateRecord);
  const [name, setName] = useState(() => tr('studio.save.defaultName'));
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: () => string } | null>(null);
  if (!output) return null;
  const save = async (activate: boolean) => {
    try {
      const record = await saveModel(output.model, name, 'trained');
      bumpRegistry();
      if (activate) await activateRecord(record);
      setMessage({
        kind: 'info',
        text: () =>
          tr(activate ? 'studio.save.savedActivated' : 'studio.save.saved', {
            name: record.name,
            version: record.version,
          }),
      });
    } catch (e) {
      setMessage({ kind: 'error', text: () => tr('studio.save.failed', { message: msg(toMessage(e)) }) });
    }
  };
  return (
    <section className="panel" aria-labelledby="save-heading">
      <h3 id="save-heading">{t('studio.save.heading')}</h3>
      <p>{t('studio.save.trainedOn', { label: m(label) })}</p>
      <div className="studio-actions">
        <label className="inline">
          {t('studio.save.name')}
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="button" onClick={() => void save(false)}>
          {t('studio.save.save')}
        </button>
        <button type="button" onClick={() => void save(true)}>
          {t('studio.save.saveActivate')}
        </button>
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`}>
          {message.text()}
        </p>
      )}
    </section>
  );
}

export function StudioScreen() {
  const t = useT();
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
      <h2>{t('studio.heading')}</h2>
      <p className="hint">{t('studio.intro')}</p>
      <DemoModelNotice />
      <CohortPanel />
      <TrainPanel />
      <SavePanel />
      {output && <Report output={output} label={label} splitLabel={splitLabel} />}
      <Registry />
    </div>
  );
}
