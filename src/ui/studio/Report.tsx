/** The Model Studio report, in the paper's shapes, with CSV export and a printable page. */
import { MODEL_KINDS } from '../../model/modelFile';
import { downloadBlob } from '../case/download';
import { CalibrationChart, DcaChart, RocChart } from './charts';
import { PUBLISHED } from './published';
import {
  baselineCell,
  baselineCsv,
  delongCsv,
  featuresCsv,
  fmt,
  fmtP,
  publishedDelongP,
  radScoreFormula,
  table3,
  table3Csv,
} from './report';
import type { TrainingOutput } from './training';
import { printableReport } from './printable';
import { useMessage, useT, type StoredMessage } from '../../i18n';

const pct = (v: number | null) => fmt(v, 3);

export function Report({
  output,
  label,
  splitLabel,
}: {
  output: TrainingOutput;
  label: StoredMessage;
  splitLabel: string;
}) {
  const t = useT();
  const m = useMessage();
  const kindLabel = (k: keyof typeof model.models) => t(`report.kind.${k}`);
  const setLabel = (set: 'cv' | 'validation') => t(`report.set.${set}`);
  const { result, model, ms } = output;
  const rows = table3(model);
  const csv = (text: string, name: string) => downloadBlob(text, name, 'text/csv;charset=utf-8');
  const baseline = result.baseline;
  return (
    <section className="panel studio-report" aria-labelledby="report-heading" id="studio-report">
      <div className="panel-head">
        <h3 id="report-heading">{t('report.heading')}</h3>
        <div className="report-actions no-print">
          <button type="button" onClick={() => window.print()}>
            {t('report.print')}
          </button>
          <button
            type="button"
            onClick={() => {
              const el = document.getElementById('studio-report');
              if (el)
                downloadBlob(printableReport(el, m(label)), 'sonomir-report.html', 'text/html;charset=utf-8');
            }}
          >
            {t('report.downloadHtml')}
          </button>
          <button type="button" onClick={() => csv(table3Csv(model), 'table3.csv')}>
            {t('report.downloadTable3')}
          </button>
          <button type="button" onClick={() => csv(baselineCsv(baseline), 'baseline.csv')}>
            {t('report.downloadBaseline')}
          </button>
          <button
            type="button"
            onClick={() =>
              csv(featuresCsv(result.lasso?.coefficients ?? [], result.screening), 'features.csv')
            }
          >
            {t('report.downloadFeatures')}
          </button>
          <button type="button" onClick={() => csv(delongCsv(result.comparisons), 'delong.csv')}>
            {t('report.downloadDelong')}
          </button>
        </div>
      </div>
      <p role="status" aria-label={t('report.summaryLabel')}>
        {t('report.summary', {
          label: m(label),
          n: model.training.n,
          nTrain: model.training.nTrain,
          nValidation: model.training.nValidation,
          split: splitLabel,
          seconds: (ms / 1000).toFixed(1),
          hash: model.hash.value.slice(0, 16),
        })}
      </p>
      {result.messages.length > 0 && (
        <ul className="messages">
          {result.messages.map((note) => (
            <li key={JSON.stringify(note)}>{m(note)}</li>
          ))}
        </ul>
      )}
      {Object.entries(result.notBuilt).map(([k, why]) => (
        <p key={k} className="message warn">
          {m(why)}
        </p>
      ))}

      <h4>{t('report.baselineHeading')}</h4>
      <table className="report-table" aria-label={t('report.baselineLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('report.colSet')}</th>
            <th scope="col">{t('report.colVariable')}</th>
            <th scope="col">{t('report.colPcr')}</th>
            <th scope="col">{t('report.colNonPcr')}</th>
            <th scope="col">{t('report.colTest')}</th>
            <th scope="col">{t('report.colStatistic')}</th>
            <th scope="col">{t('report.colP')}</th>
          </tr>
        </thead>
        <tbody>
          {baseline.map((r) => (
            <tr key={`${r.set}-${r.variable}`}>
              <td>{r.set === 'train' ? t('report.setTraining') : t('report.setValidation')}</td>
              <td>{r.variable}</td>
              <td>{baselineCell(r, 'pcr')}</td>
              <td>{baselineCell(r, 'nonPcr')}</td>
              <td>{r.test}</td>
              <td>{fmt(r.statistic)}</td>
              <td>{fmtP(r.p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="published">
        {t('report.publishedMir34a', {
          tp: PUBLISHED.mir34a.training.pcr[0],
          tpSd: PUBLISHED.mir34a.training.pcr[1],
          tn: PUBLISHED.mir34a.training.nonPcr[0],
          tnSd: PUBLISHED.mir34a.training.nonPcr[1],
          vp: PUBLISHED.mir34a.validation.pcr[0],
          vpSd: PUBLISHED.mir34a.validation.pcr[1],
          vn: PUBLISHED.mir34a.validation.nonPcr[0],
          vnSd: PUBLISHED.mir34a.validation.nonPcr[1],
        })}
      </p>

      <h4>{t('report.featuresHeading')}</h4>
      <p>
        {t('report.featureSummary', {
          candidates: result.candidates.length,
          icc: result.icc ? t('report.afterIcc', { threshold: result.icc.threshold }) : t('report.noIcc'),
          passed: result.screening.filter((s) => s.passed).length,
          kept: result.correlationFilter.kept.length,
          alpha: fmt(result.lasso?.alpha ?? null, 5),
          selected: result.selected.length,
        })}
      </p>
      {result.radScore && (
        <>
          <table className="report-table" aria-label={t('report.selectedLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('report.colFeature')}</th>
                <th scope="col">{t('report.colCoefficient')}</th>
                <th scope="col">{t('report.colTtestP')}</th>
              </tr>
            </thead>
            <tbody>
              {result.radScore.coefficients.map((c) => (
                <tr key={c.name}>
                  <td>{c.name}</td>
                  <td>{c.coefficient.toFixed(6)}</td>
                  <td>{fmtP(result.screening.find((s) => s.name === c.name)?.p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="formula">
            {radScoreFormula(result.radScore.intercept, result.radScore.coefficients)}
            {t('report.zScored')}
          </p>
        </>
      )}
      <p className="published">
        {t('report.publishedStudy')}
        {radScoreFormula(PUBLISHED.radScore.intercept, PUBLISHED.radScore.coefficients)}
      </p>

      <h4>{t('report.table3Heading')}</h4>
      <table className="report-table" aria-label={t('report.table3Label')}>
        <thead>
          <tr>
            <th scope="col">{t('report.colSet')}</th>
            <th scope="col">{t('report.colModel')}</th>
            <th scope="col">{t('report.colValues')}</th>
            <th scope="col">{t('report.colAuc')}</th>
            <th scope="col">{t('report.colSensitivity')}</th>
            <th scope="col">{t('report.colSpecificity')}</th>
            <th scope="col">{t('report.colAccuracy')}</th>
            <th scope="col">{t('report.colPrecision')}</th>
            <th scope="col">{t('report.colF1')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((r) => [
            <tr key={`${r.set}-${r.kind}`}>
              <td>{setLabel(r.set)}</td>
              <td>{t('report.modelK', { model: kindLabel(r.kind), k: model.models[r.kind]!.k })}</td>
              <td>{t('report.thisCohort', { n: r.n })}</td>
              <td>
                {fmt(r.auc)} ({fmt(r.ci95[0])}–{fmt(r.ci95[1])})
              </td>
              <td>{pct(r.sensitivity)}</td>
              <td>{pct(r.specificity)}</td>
              <td>{pct(r.accuracy)}</td>
              <td>{pct(r.precision)}</td>
              <td>{pct(r.f1)}</td>
            </tr>,
            <tr key={`${r.set}-${r.kind}-pub`} className="published-row">
              <td />
              <td />
              <td>{t('report.publishedValue')}</td>
              <td>
                {fmt(r.published.auc)} ({fmt(r.published.ci95[0])}–{fmt(r.published.ci95[1])})
              </td>
              <td>{pct(r.published.sensitivity)}</td>
              <td>{pct(r.published.specificity)}</td>
              <td>{pct(r.published.accuracy)}</td>
              <td>{pct(r.published.precision)}</td>
              <td>{pct(r.published.f1)}</td>
            </tr>,
          ])}
        </tbody>
      </table>
      <p className="hint">{t('report.table3Hint')}</p>

      <h4>{t('report.rocHeading')}</h4>
      <div className="chart-row">
        <RocChart model={model} set="validation" />
        <RocChart model={model} set="cv" />
      </div>

      <h4>{t('report.delongHeading')}</h4>
      <table className="report-table" aria-label={t('report.delongLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('report.colSet')}</th>
            <th scope="col">{t('report.colComparison')}</th>
            <th scope="col">{t('report.colDifference')}</th>
            <th scope="col">z</th>
            <th scope="col">{t('report.colP')}</th>
            <th scope="col">{t('report.colPublishedP')}</th>
          </tr>
        </thead>
        <tbody>
          {result.comparisons.map((c) => (
            <tr key={`${c.set}-${c.a}-${c.b}`}>
              <td>{setLabel(c.set)}</td>
              <td>{t('report.versus', { a: kindLabel(c.a), b: kindLabel(c.b) })}</td>
              <td>
                {t('report.ciTo', { value: fmt(c.difference), low: fmt(c.ci95[0]), high: fmt(c.ci95[1]) })}
              </td>
              <td>{fmt(c.z, 2)}</td>
              <td>{fmtP(c.p)}</td>
              <td>{fmtP(publishedDelongP(c))}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h4>{t('report.correlationHeading')}</h4>
      {result.mir34aCorrelation ? (
        <table className="report-table" aria-label={t('report.correlationLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('report.colCorrelatedFeature')}</th>
              <th scope="col">{t('report.colN')}</th>
              <th scope="col">{t('report.colR')}</th>
              <th scope="col">{t('report.colP')}</th>
              <th scope="col">{t('report.colPublishedR')}</th>
              <th scope="col">{t('report.colPublishedP')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{result.mir34aCorrelation.feature}</td>
              <td>{result.mir34aCorrelation.n}</td>
              <td>{fmt(result.mir34aCorrelation.r)}</td>
              <td>{fmtP(result.mir34aCorrelation.p)}</td>
              <td>{fmt(PUBLISHED.contrastMir34a.r, 2)}</td>
              <td>{PUBLISHED.contrastMir34a.p}</td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="hint">{t('report.correlationNone', { feature: PUBLISHED.contrastMir34a.feature })}</p>
      )}
      <p className="hint">{t('report.correlationHint')}</p>

      <h4>{t('report.dcaHeading')}</h4>
      <div className="chart-row">
        <DcaChart model={model} set="validation" />
        <DcaChart model={model} set="cv" />
      </div>

      <h4>{t('report.calibrationHeading')}</h4>
      <div className="chart-row">
        <CalibrationChart calibration={result.calibration} set="validation" />
        <CalibrationChart calibration={result.calibration} set="cv" />
      </div>
      <table className="report-table" aria-label={t('report.calibrationLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('report.colSet')}</th>
            <th scope="col">{t('report.colModel')}</th>
            <th scope="col">{t('report.colBrier')}</th>
            <th scope="col">{t('report.colCitl')}</th>
          </tr>
        </thead>
        <tbody>
          {result.calibration.map((c) => (
            <tr key={`${c.set}-${c.kind}`}>
              <td>{setLabel(c.set)}</td>
              <td>{kindLabel(c.kind)}</td>
              <td>{fmt(c.brier)}</td>
              <td>{fmt(c.citl)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        {t('report.modelsHint', {
          models: MODEL_KINDS.filter((k) => model.models[k])
            .map((k) => `${kindLabel(k)} k = ${model.models[k]!.k}`)
            .join(', '),
        })}
      </p>
    </section>
  );
}
