/** The case list: search by pseudonymous patient ID, date and status; open, duplicate, delete (with undo). */
import { useCallback, useEffect, useState } from 'react';
import { deleteCase, duplicateCase, listCases, localDate, restoreCase } from '../../db/cases';
import { STATUS_LABEL, type CaseRecord, type CaseStatus, type ImageRecord } from '../../db/types';
import { flushSave, rememberCase, whenSaved } from '../../store/autosave';
import { useCaseStore } from '../../store/caseStore';
import { isDemoModelName } from '../../store/models';
import { pct } from './format';
import './case.css';

export function CasesScreen() {
  const [text, setText] = useState('');
  const [date, setDate] = useState('');
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [cases, setCases] = useState<CaseRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<CaseRecord | null>(null);
  const [deleted, setDeleted] = useState<{ record: CaseRecord; image: ImageRecord | null } | null>(null);
  const openCase = useCaseStore((s) => s.openCase);

  const refresh = useCallback(async () => {
    try {
      setCases(await listCases({ text, date, status }));
      setError(null);
    } catch (e) {
      setError(`The case list could not be read: ${(e as Error).message}`);
    }
  }, [text, date, status]);

  useEffect(() => {
    let live = true;
    // A case left on the Case screen a moment ago may still be being written.
    whenSaved()
      .then(() => listCases({ text, date, status }))
      .then((c) => live && setCases(c))
      .catch((e: unknown) => live && setError(`The case list could not be read: ${(e as Error).message}`));
    return () => {
      live = false;
    };
  }, [text, date, status]);

  const open = async (c: CaseRecord) => {
    await flushSave();
    await openCase(c.id);
    rememberCase(c.id);
    window.location.assign('#/case');
  };

  return (
    <section className="cases-screen" aria-labelledby="cases-heading">
      <div className="case-bar">
        <h2 id="cases-heading">Cases</h2>
        <button
          type="button"
          onClick={async () => {
            await flushSave();
            useCaseStore.getState().newCase();
            rememberCase(null);
            window.location.assign('#/case');
          }}
        >
          New case
        </button>
      </div>
      <div className="row filters">
        <label className="inline">
          Search patient ID
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="e.g. BR-00"
          />
        </label>
        <label className="inline">
          Created on
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label className="inline">
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as CaseStatus | '')}>
            <option value="">any</option>
            {(Object.keys(STATUS_LABEL) as CaseStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p role="alert" className="message error">
          {error}
        </p>
      )}
      {deleted && (
        <p role="status" className="message info">
          Case “{deleted.record.patientId || 'unnamed'}” deleted.{' '}
          <button
            type="button"
            onClick={async () => {
              await restoreCase(deleted);
              setDeleted(null);
              await refresh();
            }}
          >
            Undo delete
          </button>
        </p>
      )}
      {confirming && (
        <div role="alertdialog" aria-labelledby="confirm-text" className="confirm">
          <p id="confirm-text">
            Delete the case “{confirming.patientId || 'unnamed'}” with its image, ROI, qPCR values and
            prediction?
          </p>
          <button
            type="button"
            className="danger"
            onClick={async () => {
              const d = await deleteCase(confirming.id);
              setConfirming(null);
              if (d) setDeleted(d);
              if (d && useCaseStore.getState().record.id === d.record.id) {
                useCaseStore.getState().newCase();
                rememberCase(null);
              }
              await refresh();
            }}
          >
            Delete case
          </button>
          <button type="button" onClick={() => setConfirming(null)}>
            Keep case
          </button>
        </div>
      )}
      <table className="cases-table" aria-label="Cases">
        <thead>
          <tr>
            <th scope="col">Patient ID</th>
            <th scope="col">Created</th>
            <th scope="col">Updated</th>
            <th scope="col">Status</th>
            <th scope="col">miR-34a</th>
            <th scope="col">pCR probability</th>
            <th scope="col">Outcome</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {cases?.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.patientId || <span className="hint">unnamed</span>}</th>
              <td>{localDate(c.createdAt)}</td>
              <td>{new Date(c.updatedAt).toLocaleString()}</td>
              <td>
                <span className={`status-chip status-${c.status}`}>{STATUS_LABEL[c.status]}</span>
              </td>
              <td className="num">{c.qpcrResult?.relativeExpression?.toFixed(3) ?? '–'}</td>
              <td className="num">
                {c.prediction ? pct(c.prediction.headline.probability) : '–'}
                {c.prediction && isDemoModelName(c.prediction.modelName) && (
                  <span
                    className="demo-tag"
                    title="Demonstration model trained on synthetic data — not for clinical use"
                  >
                    {' '}
                    (demonstration model — not for clinical use)
                  </span>
                )}
              </td>
              <td>{c.outcome ? `MP ${c.outcome.millerPayne} (${c.outcome.pcr ? 'pCR' : 'no pCR'})` : '–'}</td>
              <td>
                <div className="actions">
                  <button
                    type="button"
                    onClick={() => void open(c)}
                    aria-label={`Open case ${c.patientId || 'unnamed'}`}
                  >
                    Open
                  </button>
                  <button
                    type="button"
                    onClick={async () => {
                      await duplicateCase(c.id);
                      await refresh();
                    }}
                    aria-label={`Duplicate case ${c.patientId || 'unnamed'}`}
                  >
                    Duplicate
                  </button>
                  <button
                    type="button"
                    onClick={() => setConfirming(c)}
                    aria-label={`Delete case ${c.patientId || 'unnamed'}`}
                  >
                    Delete
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cases && cases.length === 0 && (
        <p className="hint">No case matches. Cases are saved automatically on the Case screen.</p>
      )}
    </section>
  );
}
