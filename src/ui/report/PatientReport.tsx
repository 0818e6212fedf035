/**
 * The printable one-page patient report of the open case (print stylesheet → the browser's "Save as
 * PDF"): identity, image with ROI and scale, measurements, model features, qPCR with QC, prediction
 * with the model's provenance and validation, ROC and decision curve, app version and caveat.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { MODEL_FEATURES } from '../../radiomics/extract';
import { analyseQpcr, GENES } from '../../qpcr/analysis';
import { measureMask } from '../../roi/measure';
import { roiMask } from '../../roi/roi';
import { effectiveSpacing, useCaseStore } from '../../store/caseStore';
import { useModelStore } from '../../store/models';
import { predictCase } from '../../store/prediction';
import { APP_VERSION } from '../../version';
import { initialise } from '../case/CaseScreen';
import { fmt, fmtFeature, probabilityPct } from '../case/format';
import { renderReportImage } from './reportImage';
import { REPORT_TEXT as T } from './text';
import { message as msg, t as tr, useT } from '../../i18n';
import './report.css';

const PredictionCharts = lazy(() => import('../case/PredictionCharts'));

/** DICOM DA (YYYYMMDD) → ISO date, or ''. */
function dicomDate(da: string | undefined): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec((da ?? '').trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : '';
}

function ReportImage() {
  const record = useCaseStore((s) => s.record);
  const image = useCaseStore((s) => s.image);
  const roi = useCaseStore((s) => s.record.roi);
  const spacing = effectiveSpacing(record);
  const mmPerPx = useCaseStore((s) => {
    const sp = effectiveSpacing(s.record);
    return sp?.unit === 'mm' ? sp.col : null;
  });
  const rendered = useMemo(() => {
    const d = image?.decoded;
    if (!d?.rgba) return null;
    return renderReportImage(d.rgba, d.info.width, d.info.height, roi ? roiMask(roi) : null, mmPerPx);
  }, [image, roi, mmPerPx]);
  if (!rendered || !record.image) return <p className="hint">{T.noImage}</p>;
  const scale = `${rendered.bar.length} ${rendered.bar.unit}`;
  const spacingText =
    spacing?.unit === 'mm'
      ? `${spacing.col.toPrecision(4)} × ${spacing.row.toPrecision(4)} mm/px (${msg(spacing.source)})`
      : T.uncalibrated;
  return (
    <figure className="report-image">
      <img src={rendered.url} alt={T.imageAlt(scale)} />
      <figcaption>
        {T.imageCaption(record.image.fileName, record.image.width, record.image.height, scale, spacingText)}
      </figcaption>
    </figure>
  );
}

function Measures() {
  const record = useCaseStore((s) => s.record);
  const spacing = effectiveSpacing(record);
  const m = useMemo(() => {
    if (!record.roi || !record.image || !spacing) return null;
    const r = measureMask(roiMask(record.roi), record.image.width, record.image.height, {
      row: spacing.row,
      col: spacing.col,
      unit: spacing.unit,
    });
    return r.pixels > 0 ? r : null;
  }, [record.roi, record.image, spacing]);
  if (!m) return <p className="hint">{T.noRoi}</p>;
  const mm = m.unit === 'mm';
  return (
    <table className="report-table" aria-label={T.measuresHeading}>
      <tbody>
        <tr>
          <th scope="row">{T.area}</th>
          <td className="num">{`${fmt(m.area, mm ? 2 : 0)} ${m.unit}²`}</td>
        </tr>
        <tr>
          <th scope="row">{T.perimeter}</th>
          <td className="num">{`${fmt(m.perimeter, 1)} ${m.unit}`}</td>
        </tr>
        <tr>
          <th scope="row">{T.maxDiameter}</th>
          <td className="num">{`${fmt(m.maxDiameter, mm ? 2 : 1)} ${m.unit}`}</td>
        </tr>
        <tr>
          <th scope="row">{T.roiPixels}</th>
          <td className="num">{m.pixels}</td>
        </tr>
      </tbody>
    </table>
  );
}

function Features() {
  const f = useCaseStore((s) => s.record.features);
  if (!f) return <p className="hint">{T.noFeatures}</p>;
  return (
    <>
      <table className="report-table" aria-label={T.featuresHeading}>
        <thead>
          <tr>
            <th scope="col">{T.feature}</th>
            <th scope="col">{T.value}</th>
          </tr>
        </thead>
        <tbody>
          {MODEL_FEATURES.map((name) => (
            <tr key={name}>
              <th scope="row">{name.replace(/^original_/, '')}</th>
              <td className="num">{fmtFeature(f.values[name])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{T.featureUnits(f.spacingUnit)}</p>
    </>
  );
}

function Qpcr() {
  const entry = useCaseStore((s) => s.record.qpcr);
  const stored = useCaseStore((s) => s.record.qpcrResult);
  const a = useMemo(() => analyseQpcr(entry), [entry]);
  const meanSd = (mean: number | null, sd: number | null) =>
    mean === null ? '–' : `${fmt(mean)} ± ${fmt(sd)}`;
  const rq = stored?.relativeExpression ?? a.relativeExpression;
  const source = stored?.source ?? a.source;
  return (
    <>
      <table className="report-table" aria-label={T.qpcrHeading}>
        <thead>
          <tr>
            <th scope="col">{T.gene}</th>
            <th scope="col">{T.patientCts}</th>
            <th scope="col">{T.patientMean}</th>
            <th scope="col">{T.calibratorMean}</th>
          </tr>
        </thead>
        <tbody>
          {GENES.map((g) => (
            <tr key={g}>
              <th scope="row">{g}</th>
              <td>{entry.cts.patient[g].map((t) => t.trim() || '–').join(' / ')}</td>
              <td className="num">{meanSd(a.summaries.patient[g].mean, a.summaries.patient[g].sd)}</td>
              <td className="num">{meanSd(a.summaries.calibrator[g].mean, a.summaries.calibrator[g].sd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="report-rq">
        {T.deltaDeltaCt} {fmt(stored?.deltaDeltaCt ?? a.quantification?.deltaDeltaCt ?? null)} ·{' '}
        <strong>
          {T.relativeExpression}
          <sup>{T.relativeExpressionExponent}</sup> = {fmt(rq, 3)}
        </strong>
        {source === 'direct' ? ` (${T.directValue})` : source === 'pfaffl' ? ` (${T.pfafflValue})` : ''}
      </p>
      {a.flags.length > 0 ? (
        <ul className="report-flags" aria-label={T.qcHeading}>
          {a.flags.map((f, i) => (
            <li key={i}>
              <span aria-hidden="true">⚠ </span>
              <strong>{T.qcFlag}:</strong> {msg(f.message)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">✓ {T.noQcFlags}</p>
      )}
    </>
  );
}

function Prediction() {
  const active = useModelStore((s) => s.active);
  const features = useCaseStore((s) => s.record.features);
  const qpcrResult = useCaseStore((s) => s.record.qpcrResult);
  const model = active?.model ?? null;
  const result = useMemo(
    () => (model ? predictCase(model, features, qpcrResult) : null),
    [model, features, qpcrResult],
  );
  if (!model || !active) return <p className="hint">{T.noModel}</p>;
  const h = result?.headline ?? null;
  const v = model.models[h?.kind ?? 'combined']?.metrics.validation ?? null;
  const pcrN = h ? h.prediction.neighbours.filter((n) => n.label === 1).length : 0;
  return (
    <>
      {h ? (
        <p className="report-probability" role="status" aria-label={T.probability}>
          <strong>{T.probabilityText(probabilityPct(h.prediction.probability))}</strong> ·{' '}
          {T.headlineModel(tr(`prediction.kind.${h.kind}`))} · {T.neighbours(pcrN, h.prediction.k)}
        </p>
      ) : (
        <p className="hint">
          {result && result.waitingFor.length ? T.waiting(result.waitingFor.join(' and ')) : T.noPrediction}
        </p>
      )}
      <dl className="report-model">
        <div>
          <dt>{T.model}</dt>
          <dd>
            {active.name} ({T.modelVersion(model.schemaVersion, model.createdAt.slice(0, 10))})
          </dd>
        </div>
        <div>
          <dt>{T.modelHash}</dt>
          <dd className="hash">{model.hash.value}</dd>
        </div>
        <div>
          <dt>{T.trainingSize}</dt>
          <dd>{T.trainingText(model.training.n, model.training.nTrain, model.training.nValidation)}</dd>
        </div>
        {v && (
          <div>
            <dt>{T.validationAuc}</dt>
            <dd>{T.aucText(fmt(v.auc, 3), fmt(v.ci95[0], 3), fmt(v.ci95[1], 3), v.n)}</dd>
          </div>
        )}
      </dl>
      {h && (
        <section className="report-charts" aria-label={T.chartsHeading}>
          <Suspense fallback={<p className="hint">{T.loadingCharts}</p>}>
            <PredictionCharts model={model} kind={h.kind} probability={h.prediction.probability} compact />
          </Suspense>
        </section>
      )}
    </>
  );
}

export default function PatientReport() {
  // Re-renders the report (REPORT_TEXT reads the current language) when the language changes.
  useT();
  const record = useCaseStore((s) => s.record);
  const loading = useCaseStore((s) => s.loading);
  const image = useCaseStore((s) => s.image);
  const active = useModelStore((s) => s.active);
  const [examDate, setExamDate] = useState('');
  const studyDate = dicomDate(image?.decoded.info.tags?.StudyDate);

  useEffect(() => {
    void initialise();
    // A failed start-up is not lost: the model store keeps it (status 'error' and its message, shown
    // on the Case screen); the report then states that no model is active instead of a probability.
    useModelStore
      .getState()
      .init()
      .catch(() => undefined);
  }, []);

  const shownDate = examDate || studyDate;
  return (
    <article className="patient-report" aria-labelledby="report-title">
      <div className="report-actions no-print">
        <a href="#/case">{T.back}</a>
        <button type="button" onClick={() => window.print()}>
          {T.print}
        </button>
        <label className="inline">
          {T.examDate}
          <input type="date" value={shownDate} onChange={(e) => setExamDate(e.target.value)} />
        </label>
        <span className="hint">
          {T.printHint} {T.examDateHint}
        </span>
      </div>
      <header className="report-head">
        <h2 id="report-title">{T.title}</h2>
        <dl>
          <div>
            <dt>{T.patientId}</dt>
            <dd>{record.patientId || T.noPatientId}</dd>
          </div>
          <div>
            <dt>{T.examDate}</dt>
            <dd>{shownDate || T.notRecorded}</dd>
          </div>
          <div>
            <dt>{T.caseCreated}</dt>
            <dd>{record.createdAt.slice(0, 10)}</dd>
          </div>
          <div>
            <dt>{T.printed}</dt>
            <dd>{new Date().toISOString().slice(0, 10)}</dd>
          </div>
        </dl>
      </header>
      {loading ? (
        <p role="status">{T.loading}</p>
      ) : (
        <div className="report-grid">
          <section aria-labelledby="r-image">
            <h3 id="r-image">{T.imageHeading}</h3>
            <ReportImage />
            <h3 id="r-measures">{T.measuresHeading}</h3>
            <Measures />
            <h3 id="r-features">{T.featuresHeading}</h3>
            <Features />
          </section>
          <section aria-labelledby="r-prediction">
            <h3 id="r-prediction">{T.predictionHeading}</h3>
            <Prediction />
            <h3 id="r-qpcr">{T.qpcrHeading}</h3>
            <Qpcr />
          </section>
        </div>
      )}
      <footer className="report-foot">
        <p className="caveat">{active ? T.caveat(active.model.training.n) : T.caveatNoModel}</p>
        <p>{T.appVersion(APP_VERSION)}</p>
      </footer>
    </article>
  );
}
