/** miR-34a qRT-PCR entry: triplicate Cts for patient and calibrator, live 2^−ΔΔCt and QC. */
import { useEffect, useMemo, useState } from 'react';
import { listCalibratorRuns, saveCalibratorRun } from '../../store/storage';
import type { CalibratorRun } from '../../store/storage';
import { analyseQpcr, GENES, type Gene, type QpcrEntry, type SampleKind } from '../../qpcr/analysis';
import { useCaseStore } from '../../store/caseStore';
import { fmt } from './format';
import { message, t as tr, toMessage, useMessage, useT } from '../../i18n';

const GENE_NOTE = {
  'miR-34a': 'qpcr.noteTarget',
  U6: 'qpcr.noteReference',
  'miR-16': 'qpcr.noteReference',
  'cel-miR-39': 'qpcr.noteSpike',
} as const satisfies Record<Gene, string>;

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
  const t = useT();
  const m = useMessage();
  const a = useMemo(() => analyseQpcr(entry), [entry]);
  const ctLabel = sample === 'calibrator' ? 'qpcr.ctLabelCalibrator' : 'qpcr.ctLabel';
  return (
    <table
      className="ct-table"
      aria-label={sample === 'calibrator' ? t('qpcr.calibratorTable') : t('qpcr.patientTable')}
    >
      <thead>
        <tr>
          <th scope="col">{t('qpcr.colGene')}</th>
          <th scope="col">{t('qpcr.colCt', { n: 1 })}</th>
          <th scope="col">{t('qpcr.colCt', { n: 2 })}</th>
          <th scope="col">{t('qpcr.colCt', { n: 3 })}</th>
          <th scope="col">{t('qpcr.colMean')}</th>
          <th scope="col">{t('qpcr.colSd')}</th>
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
                ? { i, message: m(p.message), kind: 'error' }
                : p.kind === 'empty' && someFilled
                  ? { i, message: t('qpcr.emptyWell'), kind: 'info' }
                  : null,
            )
            .filter((x): x is { i: number; message: string; kind: string } => x !== null);
          const hasMessage = (i: number) => errors.some((er) => er.i === i);
          return (
            <tr key={g}>
              <th scope="row">
                {g} <span className="hint">{t(GENE_NOTE[g])}</span>
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
                      aria-label={t(ctLabel, { gene: g, n: i + 1 })}
                      aria-invalid={p.kind === 'error'}
                      aria-describedby={hasMessage(i) ? `${id}-err` : undefined}
                      value={entry.cts[sample][g][i]}
                      placeholder={t('qpcr.ctPlaceholder')}
                      onChange={(e) => onChange(g, i, e.target.value)}
                      className={p.kind === 'undetermined' ? 'undet' : undefined}
                      title={t('qpcr.ctTip')}
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
                      {t('qpcr.wellMessage', { n: er.i + 1, message: er.message })}
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
  const t = useT();
  const m = useMessage();
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
      .catch((e: unknown) => {
        // The Ct entry still works; the saved runs are just not offered — say so.
        if (live)
          setRunMessage({
            kind: 'error',
            text: tr('qpcr.runsUnreadable', { message: message(toMessage(e)) }),
          });
      });
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
        text: tr('qpcr.runSaved', { name: runName.trim() }),
      });
    } catch (e) {
      setRunMessage({ kind: 'error', text: message(toMessage(e)) });
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
    setRunMessage({ kind: 'info', text: tr('qpcr.runFilled', { name: run.name }) });
  };

  const q = a.quantification;
  return (
    <section className="panel qpcr-panel" aria-labelledby="qpcr-heading">
      <div className="panel-head">
        <h3 id="qpcr-heading">{t('qpcr.heading')}</h3>
      </div>
      <p className="hint">{t('qpcr.hint')}</p>
      <h4>{t('qpcr.patientSample')}</h4>
      <SampleTable sample="patient" entry={entry} onChange={change('patient')} />
      <h4>
        {t('qpcr.calibrator')}
        {entry.calibratorRun ? (
          <span className="hint">{t('qpcr.calibratorRun', { name: entry.calibratorRun })}</span>
        ) : null}
      </h4>
      <div className="row calibrator-runs">
        <label className="inline">
          {t('qpcr.savedRun')}
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
          {t('qpcr.useRun')}
        </button>
        <label className="inline">
          {t('qpcr.runName')}
          <input
            type="text"
            value={runName}
            onChange={(e) => setRunName(e.target.value)}
            placeholder={t('qpcr.runNamePlaceholder')}
          />
        </label>
        <button type="button" onClick={() => void saveRun()}>
          {t('qpcr.saveRun')}
        </button>
      </div>
      {runMessage && (
        <p role={runMessage.kind === 'error' ? 'alert' : 'status'} className={`message ${runMessage.kind}`}>
          {m(runMessage.text)}
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
          {t('qpcr.pfaffl')}
        </label>
        {entry.pfaffl && (
          <>
            <label className="inline">
              {t('qpcr.targetFactor')}
              <input
                type="text"
                inputMode="decimal"
                size={5}
                value={entry.efficiencyTarget}
                onChange={(e) => setQpcr({ ...entry, efficiencyTarget: e.target.value })}
              />
            </label>
            <label className="inline">
              {t('qpcr.referenceFactor')}
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
          <dt>{t('qpcr.referenceCt')}</dt>
          <dd>
            {fmt(a.referenceCt.patient)} / {fmt(a.referenceCt.calibrator)}
          </dd>
        </div>
        <div>
          <dt>{t('qpcr.deltaCt')}</dt>
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
            {entry.pfaffl ? t('qpcr.pfafflUsed') : ''}
          </dt>
          <dd>
            <span role="status" aria-label={t('qpcr.rqLabel')} className="big-value">
              {q ? fmt(entry.pfaffl ? q.pfaffl.ratio : q.rq, 3) : '–'}
            </span>
          </dd>
        </div>
      </dl>
      {a.missing.length > 0 && !q && (
        <p className="hint">
          {t('qpcr.stillNeeded')}
          <sup>−ΔΔCt</sup>
          {t('qpcr.stillNeededList', { list: a.missing.map(m).join(t('qpcr.listSeparator')) })}
        </p>
      )}
      <div className="row">
        <label className="inline">
          {t('qpcr.direct')}
          <input
            type="text"
            inputMode="decimal"
            aria-label={t('qpcr.direct')}
            aria-invalid={a.directError !== null}
            value={entry.directRelativeExpression}
            placeholder={q ? t('qpcr.directComputed') : t('qpcr.directLab')}
            onChange={(e) => setQpcr({ ...entry, directRelativeExpression: e.target.value })}
            title={t('qpcr.directTip')}
          />
        </label>
        {a.directError && <span className="message error small">{m(a.directError)}</span>}
        {a.source === 'direct' && <span className="hint">{t('qpcr.directUsed')}</span>}
      </div>
      {a.flags.length > 0 && (
        <ul className="qc-flags" aria-label={t('qpcr.flagsLabel')}>
          {a.flags.map((f, i) => (
            <li key={i} className="message warn">
              <span aria-hidden="true">⚠ </span>
              {/* Printed before every QC flag, so that a flag is never shown by colour alone. */}
              <strong>{t('qpcr.qcFlag')}</strong> {m(f.message)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
