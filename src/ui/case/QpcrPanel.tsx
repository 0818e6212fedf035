/** miR-34a qRT-PCR entry: triplicate Cts for patient and calibrator, live 2^−ΔΔCt and QC. */
import { useEffect, useMemo, useState } from 'react';
import { listCalibratorRuns, saveCalibratorRun } from '../../db/cases';
import type { CalibratorRun } from '../../db/types';
import { analyseQpcr, GENES, type Gene, type QpcrEntry, type SampleKind } from '../../qpcr/analysis';
import { useCaseStore } from '../../store/caseStore';
import { fmt } from './format';

const GENE_NOTE: Record<Gene, string> = {
  'miR-34a': 'target',
  U6: 'reference',
  'miR-16': 'reference',
  'cel-miR-39': 'spike-in',
};

function fieldId(sample: SampleKind, gene: Gene, i: number): string {
  return `ct-${sample}-${gene.replace(/[^a-z0-9]/gi, '')}-${i}`;
}

function SampleTable({
  sample,
  entry,
  onChange,
}: {
  sample: SampleKind;
  entry: QpcrEntry;
  onChange(gene: Gene, i: number, text: string): void;
}) {
  const a = useMemo(() => analyseQpcr(entry), [entry]);
  const prefix = sample === 'calibrator' ? 'Calibrator ' : '';
  return (
    <table
      className="ct-table"
      aria-label={sample === 'calibrator' ? 'Calibrator Ct values' : 'Patient Ct values'}
    >
      <thead>
        <tr>
          <th scope="col">Gene</th>
          <th scope="col">Ct 1</th>
          <th scope="col">Ct 2</th>
          <th scope="col">Ct 3</th>
          <th scope="col">Mean</th>
          <th scope="col">SD</th>
        </tr>
      </thead>
      <tbody>
        {GENES.map((g) => {
          const sum = a.summaries[sample][g];
          const parsed = a.parsed[sample][g];
          const someFilled = parsed.some((p) => p.kind !== 'empty');
          // An empty well among filled ones is pointed out (the mean then uses the other wells).
          const errors = parsed
            .map((p, i) =>
              p.kind === 'error'
                ? { i, message: p.message, kind: 'error' }
                : p.kind === 'empty' && someFilled
                  ? {
                      i,
                      message: 'empty — type the Ct or “Undetermined” (the mean uses the other wells).',
                      kind: 'info',
                    }
                  : null,
            )
            .filter((x): x is { i: number; message: string; kind: string } => x !== null);
          const hasMessage = (i: number) => errors.some((er) => er.i === i);
          return (
            <tr key={g}>
              <th scope="row">
                {g} <span className="hint">{GENE_NOTE[g]}</span>
              </th>
              {[0, 1, 2].map((i) => {
                const p = a.parsed[sample][g][i];
                const id = fieldId(sample, g, i);
                return (
                  <td key={i}>
                    <input
                      id={id}
                      type="text"
                      inputMode="decimal"
                      autoComplete="off"
                      aria-label={`${prefix}${g} Ct (replicate ${i + 1})`}
                      aria-invalid={p.kind === 'error'}
                      aria-describedby={hasMessage(i) ? `${id}-err` : undefined}
                      value={entry.cts[sample][g][i]}
                      placeholder="Ct"
                      onChange={(e) => onChange(g, i, e.target.value)}
                      className={p.kind === 'undetermined' ? 'undet' : undefined}
                      title="A number (27.4 or 27,4) or “Undetermined”"
                    />
                  </td>
                );
              })}
              <td className="num">{fmt(sum.mean)}</td>
              <td className={`num${sum.sd !== null && sum.sd > 0.5 ? ' bad' : ''}`}>{fmt(sum.sd)}</td>
              {errors.length > 0 && (
                <td className="field-errors">
                  {errors.map((er) => (
                    <span
                      key={er.i}
                      id={`${fieldId(sample, g, er.i)}-err`}
                      className={`message ${er.kind} small`}
                    >
                      Ct {er.i + 1}: {er.message}
                    </span>
                  ))}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function QpcrPanel() {
  const entry = useCaseStore((s) => s.record.qpcr);
  const setQpcr = useCaseStore((s) => s.setQpcr);
  const a = useMemo(() => analyseQpcr(entry), [entry]);
  const [runs, setRuns] = useState<CalibratorRun[]>([]);
  const [runName, setRunName] = useState('');
  const [runMessage, setRunMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [chosen, setChosen] = useState('');

  useEffect(() => {
    let live = true;
    listCalibratorRuns()
      .then((r) => live && setRuns(r))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const change = (sample: SampleKind) => (gene: Gene, i: number, text: string) => {
    const cts = {
      ...entry.cts,
      [sample]: { ...entry.cts[sample], [gene]: entry.cts[sample][gene].map((t, k) => (k === i ? text : t)) },
    };
    setQpcr({
      ...entry,
      cts: cts as QpcrEntry['cts'],
      calibratorRun: sample === 'calibrator' ? null : entry.calibratorRun,
    });
  };

  const saveRun = async () => {
    try {
      await saveCalibratorRun({
        name: runName,
        savedAt: new Date().toISOString(),
        cts: entry.cts.calibrator,
      });
      setRuns(await listCalibratorRuns());
      setQpcr({ ...entry, calibratorRun: runName.trim() });
      setRunMessage({
        kind: 'info',
        text: `Calibrator run “${runName.trim()}” saved; choose it for the other patients of this plate.`,
      });
    } catch (e) {
      setRunMessage({ kind: 'error', text: (e as Error).message });
    }
  };

  const loadRun = () => {
    const run = runs.find((r) => r.name === chosen);
    if (!run) return;
    setQpcr({
      ...entry,
      cts: { ...entry.cts, calibrator: structuredClone(run.cts) },
      calibratorRun: run.name,
    });
    setRunMessage({ kind: 'info', text: `Calibrator values of run “${run.name}” filled in.` });
  };

  const q = a.quantification;
  return (
    <section className="panel qpcr-panel" aria-labelledby="qpcr-heading">
      <div className="panel-head">
        <h3 id="qpcr-heading">Plasma miR-34a (qRT-PCR)</h3>
      </div>
      <p className="hint">
        Triplicate Ct values; type “Undetermined” for a well without amplification. Reference Ct = mean of U6
        and miR-16; calibrator = pooled healthy plasma of the same plate.
      </p>
      <h4>Patient sample</h4>
      <SampleTable sample="patient" entry={entry} onChange={change('patient')} />
      <h4>
        Calibrator{entry.calibratorRun ? <span className="hint"> — run “{entry.calibratorRun}”</span> : null}
      </h4>
      <div className="row calibrator-runs">
        <label className="inline">
          Saved calibrator run
          <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">—</option>
            {runs.map((r) => (
              <option key={r.name} value={r.name}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={loadRun} disabled={!chosen}>
          Use run
        </button>
        <label className="inline">
          Calibrator run name
          <input
            type="text"
            value={runName}
            onChange={(e) => setRunName(e.target.value)}
            placeholder="e.g. Plate 2026-11-A"
          />
        </label>
        <button type="button" onClick={() => void saveRun()}>
          Save calibrator run
        </button>
      </div>
      {runMessage && (
        <p role={runMessage.kind === 'error' ? 'alert' : 'status'} className={`message ${runMessage.kind}`}>
          {runMessage.text}
        </p>
      )}
      <SampleTable sample="calibrator" entry={entry} onChange={change('calibrator')} />
      <div className="row">
        <label className="inline">
          <input
            type="checkbox"
            checked={entry.pfaffl}
            onChange={(e) => setQpcr({ ...entry, pfaffl: e.target.checked })}
          />
          Efficiency-corrected (Pfaffl)
        </label>
        {entry.pfaffl && (
          <>
            <label className="inline">
              Target amplification factor
              <input
                type="text"
                inputMode="decimal"
                size={5}
                value={entry.efficiencyTarget}
                onChange={(e) => setQpcr({ ...entry, efficiencyTarget: e.target.value })}
              />
            </label>
            <label className="inline">
              Reference amplification factor
              <input
                type="text"
                inputMode="decimal"
                size={5}
                value={entry.efficiencyReference}
                onChange={(e) => setQpcr({ ...entry, efficiencyReference: e.target.value })}
              />
            </label>
          </>
        )}
      </div>
      <dl className="qpcr-results">
        <div>
          <dt>Reference Ct (patient / calibrator)</dt>
          <dd>
            {fmt(a.referenceCt.patient)} / {fmt(a.referenceCt.calibrator)}
          </dd>
        </div>
        <div>
          <dt>ΔCt (patient / calibrator)</dt>
          <dd>
            {fmt(a.deltaCt.patient)} / {fmt(a.deltaCt.calibrator)}
          </dd>
        </div>
        <div>
          <dt>ΔΔCt</dt>
          <dd>{fmt(q?.deltaDeltaCt ?? null)}</dd>
        </div>
        <div>
          <dt>
            2<sup>−ΔΔCt</sup>
            {entry.pfaffl ? ' (Pfaffl ratio used)' : ''}
          </dt>
          <dd role="status" aria-label="Relative expression 2^−ΔΔCt" className="big-value">
            {q ? fmt(entry.pfaffl ? q.pfaffl.ratio : q.rq, 3) : '–'}
          </dd>
        </div>
      </dl>
      {a.missing.length > 0 && !q && (
        <p className="hint">
          Still needed for 2<sup>−ΔΔCt</sup>: {a.missing.join(', ')}.
        </p>
      )}
      <div className="row">
        <label className="inline">
          miR-34a relative expression
          <input
            type="text"
            inputMode="decimal"
            aria-label="miR-34a relative expression"
            aria-invalid={a.directError !== null}
            value={entry.directRelativeExpression}
            placeholder={q ? 'computed above' : 'as reported by the lab'}
            onChange={(e) => setQpcr({ ...entry, directRelativeExpression: e.target.value })}
            title="Only when the laboratory reports the value; overrides the computed 2^−ΔΔCt"
          />
        </label>
        {a.directError && <span className="message error small">{a.directError}</span>}
        {a.source === 'direct' && (
          <span className="hint">Entered directly — used instead of the Ct values.</span>
        )}
      </div>
      {a.flags.length > 0 && (
        <ul className="qc-flags" aria-label="qPCR quality flags">
          {a.flags.map((f, i) => (
            <li key={i} className="message warn">
              {f.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
