/** pCR probability of the active model, the three models side by side, ROC and decision curve. */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { saveModel } from '../../store/storage';
import { MODEL_KINDS, loadModel, type ModelKind } from '../../model/modelFile';
import { useModelStore } from '../../store/models';
import { formatDate, message, t as tr, toMessage, useMessage, useT, type Message } from '../../i18n';
import { listOf } from '../../util/message';
import { useCaseStore } from '../../store/caseStore';
import { fmt, probabilityPct } from './format';

// The charts (recharts) load on demand, after the Case screen is interactive.
const PredictionCharts = lazy(() => import('./PredictionCharts'));
import { predictCase, storedPrediction, type CasePrediction } from '../../store/prediction';

export function PredictionPanel() {
  const t = useT();
  const m = useMessage();
  const active = useModelStore((s) => s.active);
  const modelStatus = useModelStore((s) => s.status);
  const modelStoreError = useModelStore((s) => s.error);
  const modelNotice = useModelStore((s) => s.notice);
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
      // Let the start-up activation (demonstration model) finish first so it cannot override this choice;
      // its own failure is kept and shown by the model store, and does not stop this import.
      await useModelStore
        .getState()
        .init()
        .catch(() => undefined);
      await activateRecord(record);
      setModelError(null);
    } catch (e) {
      setModelError(tr('prediction.fileFailed', { file: file.name, message: message(toMessage(e)) }));
    }
  };

  const h = result?.headline ?? null;
  const entry = h && model ? model.models[h.kind] : null;
  const pcrN = h ? h.prediction.neighbours.filter((n) => n.label === 1).length : 0;

  return (
    <section className="panel prediction-panel" aria-labelledby="prediction-heading">
      <div className="panel-head">
        <h3 id="prediction-heading">{t('prediction.heading')}</h3>
        <label className="button file-button" title={t('prediction.loadTip')}>
          {t('prediction.load')}
          <input
            type="file"
            aria-label={t('prediction.fileLabel')}
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
          {m(modelError ?? modelStoreError ?? '')}
        </p>
      )}
      {modelNotice && (
        <p role="alert" className="message warn">
          {m(modelNotice)}
        </p>
      )}
      <div
        role="status"
        aria-label={t('prediction.probabilityLabel')}
        className={`probability${h ? ' has-result' : ''}`}
      >
        {!model ? (
          <p className="hint">
            {modelStatus === 'loading' ? t('prediction.loadingModel') : t('prediction.noModel')}
          </p>
        ) : h ? (
          <>
            <span className="prob-value">{probabilityPct(h.prediction.probability)}</span>
            <span className="prob-label">{t('prediction.chance')}</span>
            <span className="prob-neighbours">
              {t('prediction.neighbours', { n: pcrN, k: h.prediction.k })}
            </span>
            {active?.isDemo && <span className="demo-notice">{t('models.demoNotice')}</span>}
          </>
        ) : (
          <p className="hint">
            {result && result.waitingFor.length
              ? t('prediction.waiting', { items: m(listOf(result.waitingFor)) })
              : m(
                  (
                    result?.outcomes.find((o) => !o.ok && o.kind === 'combined') as
                      { message?: Message } | undefined
                  )?.message ?? t('prediction.none'),
                )}
          </p>
        )}
      </div>
      {model && (
        <>
          <p className="model-line">
            <strong>{active?.isDemo ? t('models.demoName') : modelName}</strong>
            {t('prediction.modelLine', {
              schema: model.schemaVersion,
              app: model.appVersion,
              date: formatDate(model.createdAt),
              hash: model.hash.value.slice(0, 12),
            })}
            {entry &&
              t('prediction.modelAuc', {
                auc: fmt(entry.metrics.validation.auc, 3),
                low: fmt(entry.metrics.validation.ci95[0], 3),
                high: fmt(entry.metrics.validation.ci95[1], 3),
                n: entry.metrics.validation.n,
              })}
          </p>
          <p className="caveat">{t('prediction.caveat', { n: model.training.n })}</p>
          <table className="models-table" aria-label={t('prediction.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('prediction.colModel')}</th>
                <th scope="col">{t('prediction.colInputs')}</th>
                <th scope="col">{t('prediction.colProbability')}</th>
                <th scope="col">{t('prediction.colAuc')}</th>
              </tr>
            </thead>
            <tbody>
              {result?.outcomes.map((o) => {
                const e = model.models[o.kind]!;
                return (
                  <tr key={o.kind} className={h?.kind === o.kind ? 'active' : undefined}>
                    <th scope="row">{t(`prediction.kind.${o.kind}`)}</th>
                    <td>
                      {e.inputs.length === 1 ? e.inputs[0] : t('prediction.inputs', { n: e.inputs.length })}
                    </td>
                    <td className="num">
                      {o.ok ? (
                        probabilityPct(o.prediction.probability)
                      ) : (
                        <span className="hint">{m(o.message)}</span>
                      )}
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
                  <th scope="row">
                    {(MODEL_KINDS as readonly string[]).includes(k)
                      ? t(`prediction.kind.${k as ModelKind}`)
                      : k}
                  </th>
                  <td colSpan={3} className="hint">
                    {t('prediction.notBuilt', { why: m(why) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result && result.warnings.length > 0 && (
            <ul className="warnings" aria-label={t('prediction.warningsLabel')}>
              {result.warnings.map((w) => (
                <li key={JSON.stringify(w)} className="message warn">
                  {m(w)}
                </li>
              ))}
            </ul>
          )}
          {h && (
            <Suspense fallback={<p className="hint">{t('prediction.loadingCharts')}</p>}>
              <PredictionCharts model={model} kind={h.kind} probability={h.prediction.probability} />
            </Suspense>
          )}
        </>
      )}
      {!model && storedPred && (
        <p className="hint">
          {t('prediction.last', {
            p: probabilityPct(storedPred.headline.probability),
            name: storedPred.modelName,
            hash: storedPred.modelHash.slice(0, 12),
          })}
        </p>
      )}
    </section>
  );
}
