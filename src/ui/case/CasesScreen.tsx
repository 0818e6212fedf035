/** The case list: search by pseudonymous patient ID, date and status; open, duplicate, delete (with undo). */
import { useCallback, useEffect, useState } from 'react';
import { deleteCase, duplicateCase, listCases, restoreCase } from '../../store/storage';
import { STATUS_LABEL, type CaseRecord, type CaseStatus, type ImageRecord } from '../../store/storage';
import { formatDate, formatDateTime, formatNumber, message, t as tr, toMessage, useT } from '../../i18n';
import { flushSave, rememberCase, whenSaved } from '../../store/autosave';
import { useCaseStore } from '../../store/caseStore';
import { isDemoModelName } from '../../store/models';
import { probabilityPct } from './format';
import './case.css';

export function CasesScreen() {
  const t = useT();
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
      setError(tr('cases.readFailed', { message: message(toMessage(e)) }));
    }
  }, [text, date, status]);

  useEffect(() => {
    let live = true;
    // A case left on the Case screen a moment ago may still be being written.
    whenSaved()
      .then(() => listCases({ text, date, status }))
      .then((c) => live && setCases(c))
      .catch((e: unknown) => live && setError(tr('cases.readFailed', { message: message(toMessage(e)) })));
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
        <h2 id="cases-heading">{t('cases.heading')}</h2>
        <button
          type="button"
          onClick={async () => {
            await flushSave();
            useCaseStore.getState().newCase();
            rememberCase(null);
            window.location.assign('#/case');
          }}
        >
          {t('cases.newCase')}
        </button>
      </div>
      <div className="row filters">
        <label className="inline">
          {t('cases.search')}
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('cases.searchPlaceholder')}
          />
        </label>
        <label className="inline">
          {t('cases.createdOn')}
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label className="inline">
          {t('cases.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value as CaseStatus | '')}>
            <option value="">{t('cases.anyStatus')}</option>
            {(Object.keys(STATUS_LABEL) as CaseStatus[]).map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
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
          {t('cases.deleted', { id: deleted.record.patientId || t('cases.unnamed') })}{' '}
          <button
            type="button"
            onClick={async () => {
              await restoreCase(deleted);
              setDeleted(null);
              await refresh();
            }}
          >
            {t('cases.undoDelete')}
          </button>
        </p>
      )}
      {confirming && (
        <div role="alertdialog" aria-labelledby="confirm-text" className="confirm">
          <p id="confirm-text">
            {t('cases.confirmDelete', { id: confirming.patientId || t('cases.unnamed') })}
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
            {t('cases.deleteCase')}
          </button>
          <button type="button" onClick={() => setConfirming(null)}>
            {t('cases.keepCase')}
          </button>
        </div>
      )}
      <table className="cases-table" aria-label={t('cases.tableLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('cases.colPatient')}</th>
            <th scope="col">{t('cases.colCreated')}</th>
            <th scope="col">{t('cases.colUpdated')}</th>
            <th scope="col">{t('cases.colStatus')}</th>
            <th scope="col">miR-34a</th>
            <th scope="col">{t('cases.colProbability')}</th>
            <th scope="col">{t('cases.colOutcome')}</th>
            <th scope="col">{t('cases.colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {cases?.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.patientId || <span className="hint">{t('cases.unnamed')}</span>}</th>
              <td>{formatDate(c.createdAt)}</td>
              <td>{formatDateTime(c.updatedAt)}</td>
              <td>
                <span className={`status-chip status-${c.status}`}>{t(`status.${c.status}`)}</span>
              </td>
              <td className="num">{formatNumber(c.qpcrResult?.relativeExpression, 3)}</td>
              <td className="num">
                {c.prediction ? probabilityPct(c.prediction.headline.probability) : '–'}
                {c.prediction && isDemoModelName(c.prediction.modelName) && (
                  <span className="demo-tag" title={t('models.demoNotice')}>
                    {' '}
                    {t('cases.demoTag')}
                  </span>
                )}
              </td>
              <td>
                {c.outcome
                  ? t('cases.outcome', {
                      grade: c.outcome.millerPayne,
                      outcome: t(c.outcome.pcr ? 'demo.outcomePcr' : 'demo.outcomeNoPcr'),
                    })
                  : '–'}
              </td>
              <td>
                <div className="actions">
                  <button
                    type="button"
                    onClick={() => void open(c)}
                    aria-label={t('cases.openLabel', { id: c.patientId || t('cases.unnamed') })}
                  >
                    {t('cases.open')}
                  </button>
                  <button
                    type="button"
                    onClick={async () => {
                      await duplicateCase(c.id);
                      await refresh();
                    }}
                    aria-label={t('cases.duplicateLabel', { id: c.patientId || t('cases.unnamed') })}
                  >
                    {t('cases.duplicate')}
                  </button>
                  <button
                    type="button"
                    onClick={() => setConfirming(c)}
                    aria-label={t('cases.deleteLabel', { id: c.patientId || t('cases.unnamed') })}
                  >
                    {t('cases.delete')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cases && cases.length === 0 && <p className="hint">{t('cases.noMatch')}</p>}
    </section>
  );
}
