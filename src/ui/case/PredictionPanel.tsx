/** pCR probability of the active model, the three models side by side, ROC and decision curve. */
import { useEffect, useMemo, useState } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceDot,
  ReferenceLine,
  XAxis,
  YAxis,
} from 'recharts';
import { saveModel } from '../../db/models';
import { loadModel, type ModelDocument } from '../../model/modelFile';
import { DEMO_MODEL_NOTICE, useModelStore } from '../../store/models';
import { useCaseStore } from '../../store/caseStore';
import { fmt, pct } from './format';
import { kindLabel, predictCase, storedPrediction, type CasePrediction } from '../../store/prediction';

function RocChart({
  model,
  kind,
  probability,
}: {
  model: ModelDocument;
  kind: 'clinical' | 'radiomics' | 'combined';
  probability: number;
}) {
  const perf = model.models[kind]!.metrics.validation;
  const data = perf.roc.fpr.map((x, i) => ({ fpr: x, tpr: perf.roc.tpr[i] }));
  const op = perf.atHalf;
  const opPoint =
    op.specificity !== null && op.sensitivity !== null ? { x: 1 - op.specificity, y: op.sensitivity } : null;
  return (
    <figure className="chart" aria-label="ROC curve with operating point">
      <figcaption>
        ROC curve ({kindLabel(kind)} model, validation set, AUC {fmt(perf.auc, 3)})
      </figcaption>
      <ComposedChart width={330} height={250} data={data} margin={{ top: 8, right: 12, bottom: 24, left: 4 }}>
        <CartesianGrid stroke="#e3e8ee" />
        <XAxis
          type="number"
          dataKey="fpr"
          domain={[0, 1]}
          tickCount={6}
          label={{ value: '1 − specificity', position: 'bottom', offset: 6 }}
        />
        <YAxis
          type="number"
          domain={[0, 1]}
          tickCount={6}
          label={{ value: 'Sensitivity', angle: -90, position: 'insideLeft' }}
        />
        <ReferenceLine
          segment={[
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ]}
          stroke="#aab4be"
          strokeDasharray="4 4"
        />
        <Line
          type="linear"
          dataKey="tpr"
          stroke="#1f4e79"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        {opPoint && (
          <ReferenceDot
            x={opPoint.x}
            y={opPoint.y}
            r={6}
            fill={probability > 0.5 ? '#00a152' : '#d9480f'}
            stroke="#fff"
          />
        )}
      </ComposedChart>
      {opPoint && (
        <p className="hint">
          Dot: operating point at the 50 % threshold (sensitivity {pct(op.sensitivity!)}, specificity{' '}
          {pct(op.specificity!)}). This patient ({pct(probability)}) is{' '}
          {probability > 0.5 ? 'above' : 'at or below'} it — classified as{' '}
          {probability > 0.5 ? 'likely pCR' : 'unlikely pCR'}.
        </p>
      )}
    </figure>
  );
}

function DcaChart({
  model,
  kind,
  probability,
}: {
  model: ModelDocument;
  kind: 'clinical' | 'radiomics' | 'combined';
  probability: number;
}) {
  const d = model.models[kind]!.metrics.validation.dca;
  const data = d.thresholds.map((t, i) => ({ t, model: d.netBenefit[i], all: d.treatAll[i], none: 0 }));
  // Net benefit of "treat all" falls steeply at high thresholds; show the informative range only.
  const top = Math.max(0.05, ...d.netBenefit, ...d.treatAll);
  const yDomain: [number, number] = [-0.1, Math.ceil(top * 20) / 20];
  return (
    <figure className="chart" aria-label="Decision curve">
      <figcaption>Decision curve ({kindLabel(kind)} model, validation set)</figcaption>
      <ComposedChart width={330} height={250} data={data} margin={{ top: 8, right: 12, bottom: 24, left: 4 }}>
        <CartesianGrid stroke="#e3e8ee" />
        <XAxis
          type="number"
          dataKey="t"
          domain={[0, 1]}
          tickCount={6}
          label={{ value: 'Threshold probability', position: 'bottom', offset: 6 }}
        />
        <YAxis
          type="number"
          domain={yDomain}
          allowDataOverflow
          tickFormatter={(v: number) => v.toFixed(2)}
          label={{ value: 'Net benefit', angle: -90, position: 'insideLeft' }}
        />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 11 }} />
        <Line
          name="Model"
          type="linear"
          dataKey="model"
          stroke="#1f4e79"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          name="Treat all"
          type="linear"
          dataKey="all"
          stroke="#9aa5b1"
          dot={false}
          isAnimationActive={false}
        />
        <Line
          name="Treat none"
          type="linear"
          dataKey="none"
          stroke="#c2c9d1"
          strokeDasharray="3 3"
          dot={false}
          isAnimationActive={false}
        />
        <ReferenceLine
          x={probability}
          stroke="#d9480f"
          strokeDasharray="4 3"
          label={{ value: 'this patient', position: 'insideTopLeft', fontSize: 11 }}
        />
      </ComposedChart>
    </figure>
  );
}

export function PredictionPanel() {
  const active = useModelStore((s) => s.active);
  const modelStatus = useModelStore((s) => s.status);
  const modelStoreError = useModelStore((s) => s.error);
  const activateRecord = useModelStore((s) => s.activateRecord);
  const model = active?.model ?? null;
  const modelName = active?.name ?? '';
  const features = useCaseStore((s) => s.record.features);
  const qpcrResult = useCaseStore((s) => s.record.qpcrResult);
  const storedPred = useCaseStore((s) => s.record.prediction);
  const setPrediction = useCaseStore((s) => s.setPrediction);
  const [modelError, setModelError] = useState<string | null>(null);

  const result: CasePrediction | null = useMemo(
    () => (model ? predictCase(model, features, qpcrResult) : null),
    [model, features, qpcrResult],
  );

  useEffect(() => {
    if (!model || !result) return;
    const next = storedPrediction(model, modelName, result);
    const key = (p: typeof next) => (p ? JSON.stringify({ ...p, createdAt: '' }) : 'null');
    if (key(next) !== key(useCaseStore.getState().record.prediction)) setPrediction(next);
  }, [model, modelName, result, setPrediction]);

  const loadFile = async (file: File) => {
    try {
      const doc = await loadModel(await file.text());
      const record = await saveModel(doc, file.name.replace(/\.json$/i, ''), 'imported');
      // Let the start-up activation (demonstration model) finish first so it cannot override this choice.
      await useModelStore
        .getState()
        .init()
        .catch(() => undefined);
      await activateRecord(record);
      setModelError(null);
    } catch (e) {
      setModelError(`The model file “${file.name}” was not loaded: ${(e as Error).message}`);
    }
  };

  const h = result?.headline ?? null;
  const entry = h && model ? model.models[h.kind] : null;
  const pcrN = h ? h.prediction.neighbours.filter((n) => n.label === 1).length : 0;

  return (
    <section className="panel prediction-panel" aria-labelledby="prediction-heading">
      <div className="panel-head">
        <h3 id="prediction-heading">Prediction</h3>
        <label
          className="button file-button"
          title="A SonoMiR model file (.json); it is added to the Model Studio's registry and made active"
        >
          Load model file…
          <input
            type="file"
            aria-label="Model file"
            accept=".json,application/json"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void loadFile(f);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {(modelError ?? (modelStatus === 'error' ? modelStoreError : null)) && (
        <p role="alert" className="message error">
          {modelError ?? modelStoreError}
        </p>
      )}
      <div role="status" aria-label="pCR probability" className={`probability${h ? ' has-result' : ''}`}>
        {!model ? (
          <p className="hint">
            {modelStatus === 'loading'
              ? 'Loading the active model…'
              : 'No active model. Choose one in the Model Studio or load a model file.'}
          </p>
        ) : h ? (
          <>
            <span className="prob-value">{pct(h.prediction.probability)}</span>
            <span className="prob-label">chance of pathological complete response</span>
            <span className="prob-neighbours">
              {pcrN} of the {h.prediction.k} most similar patients reached pCR
            </span>
            {active?.isDemo && <span className="demo-notice">{DEMO_MODEL_NOTICE}</span>}
          </>
        ) : (
          <p className="hint">
            {result && result.waitingFor.length
              ? `Waiting for ${result.waitingFor.join(' and ')}.`
              : ((
                  result?.outcomes.find((o) => !o.ok && o.kind === 'combined') as
                    { message?: string } | undefined
                )?.message ?? 'No prediction.')}
          </p>
        )}
      </div>
      {model && (
        <>
          <p className="model-line">
            <strong>{modelName}</strong> · schema v{model.schemaVersion} · app {model.appVersion} · created{' '}
            {model.createdAt.slice(0, 10)} · SHA-256 {model.hash.value.slice(0, 12)}
            {entry && (
              <>
                {' '}
                · validation AUC {fmt(entry.metrics.validation.auc, 3)} (95 % CI{' '}
                {fmt(entry.metrics.validation.ci95[0], 3)}–{fmt(entry.metrics.validation.ci95[1], 3)}, n ={' '}
                {entry.metrics.validation.n})
              </>
            )}
          </p>
          <p className="caveat">
            A K-nearest-neighbour estimate from {model.training.n} previous patients of one study cohort: it
            supports, and does not replace, the multidisciplinary team&apos;s decision.
          </p>
          <table className="models-table" aria-label="Models side by side">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Inputs</th>
                <th scope="col">pCR probability</th>
                <th scope="col">Validation AUC (95 % CI)</th>
              </tr>
            </thead>
            <tbody>
              {result?.outcomes.map((o) => {
                const e = model.models[o.kind]!;
                return (
                  <tr key={o.kind} className={h?.kind === o.kind ? 'active' : undefined}>
                    <th scope="row">{kindLabel(o.kind)}</th>
                    <td>{e.inputs.length === 1 ? e.inputs[0] : `${e.inputs.length} inputs`}</td>
                    <td className="num">
                      {o.ok ? pct(o.prediction.probability) : <span className="hint">{o.message}</span>}
                    </td>
                    <td className="num">
                      {fmt(e.metrics.validation.auc, 3)} ({fmt(e.metrics.validation.ci95[0], 2)}–
                      {fmt(e.metrics.validation.ci95[1], 2)})
                    </td>
                  </tr>
                );
              })}
              {Object.entries(model.notBuilt).map(([k, why]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td colSpan={3} className="hint">
                    not built: {why}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result && result.warnings.length > 0 && (
            <ul className="warnings" aria-label="Prediction warnings">
              {result.warnings.map((w) => (
                <li key={w} className="message warn">
                  {w}
                </li>
              ))}
            </ul>
          )}
          {h && (
            <div className="charts">
              <RocChart model={model} kind={h.kind} probability={h.prediction.probability} />
              <DcaChart model={model} kind={h.kind} probability={h.prediction.probability} />
            </div>
          )}
        </>
      )}
      {!model && storedPred && (
        <p className="hint">
          Last prediction: {pct(storedPred.headline.probability)} with model “{storedPred.modelName}” (
          {storedPred.modelHash.slice(0, 12)}). Load that model to see the details.
        </p>
      )}
    </section>
  );
}
