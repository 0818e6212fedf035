/** The Model Studio report, in the paper's shapes, with CSV export and a printable page. */
import { MODEL_KINDS } from '../../model/modelFile';
import { downloadBlob } from '../case/download';
import { CalibrationChart, DcaChart, RocChart } from './charts';
import { PUBLISHED } from './published';
import {
  KIND_LABEL,
  SET_LABEL,
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

const pct = (v: number | null) => fmt(v, 3);

export function Report({
  output,
  label,
  splitLabel,
}: {
  output: TrainingOutput;
  label: string;
  splitLabel: string;
}) {
  const { result, model, ms } = output;
  const rows = table3(model);
  const csv = (text: string, name: string) => downloadBlob(text, name, 'text/csv;charset=utf-8');
  const baseline = result.baseline;
  return (
    <section className="panel studio-report" aria-labelledby="report-heading" id="studio-report">
      <div className="panel-head">
        <h3 id="report-heading">Report</h3>
        <div className="report-actions no-print">
          <button type="button" onClick={() => window.print()}>
            Print report
          </button>
          <button
            type="button"
            onClick={() => {
              const el = document.getElementById('studio-report');
              if (el)
                downloadBlob(printableReport(el, label), 'sonomir-report.html', 'text/html;charset=utf-8');
            }}
          >
            Download printable report (HTML)
          </button>
          <button type="button" onClick={() => csv(table3Csv(model), 'table3.csv')}>
            Download Table 3 (CSV)
          </button>
          <button type="button" onClick={() => csv(baselineCsv(baseline), 'baseline.csv')}>
            Download baseline table (CSV)
          </button>
          <button
            type="button"
            onClick={() =>
              csv(featuresCsv(result.lasso?.coefficients ?? [], result.screening), 'features.csv')
            }
          >
            Download features (CSV)
          </button>
          <button type="button" onClick={() => csv(delongCsv(result.comparisons), 'delong.csv')}>
            Download DeLong tests (CSV)
          </button>
        </div>
      </div>
      <p role="status" aria-label="Training summary">
        Cohort: {label}. {model.training.n} cases — training {model.training.nTrain}, validation{' '}
        {model.training.nValidation} ({splitLabel}
        ). Trained in {(ms / 1000).toFixed(1)} s in a Web Worker. Model hash {model.hash.value.slice(0, 16)}…
      </p>
      {result.messages.length > 0 && (
        <ul className="messages">
          {result.messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {Object.entries(result.notBuilt).map(([k, why]) => (
        <p key={k} className="message warn">
          {why}
        </p>
      ))}

      <h4>Table 1/2 — baseline characteristics by outcome</h4>
      <table className="report-table" aria-label="Baseline table">
        <thead>
          <tr>
            <th scope="col">Set</th>
            <th scope="col">Variable</th>
            <th scope="col">pCR</th>
            <th scope="col">Non-pCR</th>
            <th scope="col">Test</th>
            <th scope="col">Statistic</th>
            <th scope="col">P</th>
          </tr>
        </thead>
        <tbody>
          {baseline.map((r) => (
            <tr key={`${r.set}-${r.variable}`}>
              <td>{r.set === 'train' ? 'Training' : 'Validation'}</td>
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
        Published values (study, Table 2, miR-34a): training pCR {PUBLISHED.mir34a.training.pcr[0]} ±{' '}
        {PUBLISHED.mir34a.training.pcr[1]} vs non-pCR {PUBLISHED.mir34a.training.nonPcr[0]} ±{' '}
        {PUBLISHED.mir34a.training.nonPcr[1]}; validation {PUBLISHED.mir34a.validation.pcr[0]} ±{' '}
        {PUBLISHED.mir34a.validation.pcr[1]} vs {PUBLISHED.mir34a.validation.nonPcr[0]} ±{' '}
        {PUBLISHED.mir34a.validation.nonPcr[1]}.
      </p>

      <h4>Feature selection</h4>
      <p>
        {result.candidates.length} candidate features
        {result.icc ? ` after the ICC filter (> ${result.icc.threshold})` : ' (no ICC filter)'};{' '}
        {result.screening.filter((s) => s.passed).length} passed the t-test (P &lt; 0.05);{' '}
        {result.correlationFilter.kept.length} remained after the correlation filter (|r| &gt; 0.9); LASSO (α
        = {fmt(result.lasso?.alpha ?? null, 5)}) selected {result.selected.length}.
      </p>
      {result.radScore && (
        <>
          <table className="report-table" aria-label="Selected features">
            <thead>
              <tr>
                <th scope="col">Selected feature</th>
                <th scope="col">LASSO coefficient</th>
                <th scope="col">t-test P (training)</th>
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
            {radScoreFormula(result.radScore.intercept, result.radScore.coefficients)} (features z-scored with
            the training mean and SD)
          </p>
        </>
      )}
      <p className="published">
        Published values (study):{' '}
        {radScoreFormula(PUBLISHED.radScore.intercept, PUBLISHED.radScore.coefficients)}
      </p>

      <h4>Table 3 — performance of the three KNN models (threshold 0.5)</h4>
      <table className="report-table" aria-label="Table 3">
        <thead>
          <tr>
            <th scope="col">Set</th>
            <th scope="col">Model</th>
            <th scope="col">Values</th>
            <th scope="col">AUC (95 % CI)</th>
            <th scope="col">Sensitivity</th>
            <th scope="col">Specificity</th>
            <th scope="col">Accuracy</th>
            <th scope="col">Precision</th>
            <th scope="col">F1</th>
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((r) => [
            <tr key={`${r.set}-${r.kind}`}>
              <td>{SET_LABEL[r.set]}</td>
              <td>
                {KIND_LABEL[r.kind]} (k = {model.models[r.kind]!.k})
              </td>
              <td>this cohort (n = {r.n})</td>
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
              <td>published value</td>
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
      <p className="hint">
        AUC 95 % CI by DeLong. Published values are the study&apos;s (n = 93), shown for orientation only; the
        paper&apos;s Table 3 row labels appear swapped and are placed here under the set they fit.
      </p>

      <h4>ROC curves</h4>
      <div className="chart-row">
        <RocChart model={model} set="validation" />
        <RocChart model={model} set="cv" />
      </div>

      <h4>Paired DeLong tests</h4>
      <table className="report-table" aria-label="DeLong tests">
        <thead>
          <tr>
            <th scope="col">Set</th>
            <th scope="col">Comparison</th>
            <th scope="col">AUC difference (95 % CI)</th>
            <th scope="col">z</th>
            <th scope="col">P</th>
            <th scope="col">Published P</th>
          </tr>
        </thead>
        <tbody>
          {result.comparisons.map((c) => (
            <tr key={`${c.set}-${c.a}-${c.b}`}>
              <td>{SET_LABEL[c.set]}</td>
              <td>
                {KIND_LABEL[c.a]} vs {KIND_LABEL[c.b]}
              </td>
              <td>
                {fmt(c.difference)} ({fmt(c.ci95[0])} to {fmt(c.ci95[1])})
              </td>
              <td>{fmt(c.z, 2)}</td>
              <td>{fmtP(c.p)}</td>
              <td>{fmtP(publishedDelongP(c))}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h4>Decision curves</h4>
      <div className="chart-row">
        <DcaChart model={model} set="validation" />
        <DcaChart model={model} set="cv" />
      </div>

      <h4>Calibration</h4>
      <div className="chart-row">
        <CalibrationChart calibration={result.calibration} set="validation" />
        <CalibrationChart calibration={result.calibration} set="cv" />
      </div>
      <table className="report-table" aria-label="Calibration summary">
        <thead>
          <tr>
            <th scope="col">Set</th>
            <th scope="col">Model</th>
            <th scope="col">Brier score</th>
            <th scope="col">Calibration-in-the-large</th>
          </tr>
        </thead>
        <tbody>
          {result.calibration.map((c) => (
            <tr key={`${c.set}-${c.kind}`}>
              <td>{SET_LABEL[c.set]}</td>
              <td>{KIND_LABEL[c.kind]}</td>
              <td>{fmt(c.brier)}</td>
              <td>{fmt(c.citl)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Models:{' '}
        {MODEL_KINDS.filter((k) => model.models[k])
          .map((k) => `${KIND_LABEL[k]} k = ${model.models[k]!.k}`)
          .join(', ')}
        ; uniform-weight KNN on z-scored inputs.
      </p>
    </section>
  );
}
