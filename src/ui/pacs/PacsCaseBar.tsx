/**
 * The case screen's PACS bar (shown only while a PACS is configured): "Open from PACS", "Store in
 * PACS" and the case's PACS status from the outbox. Must stay true: "stored in PACS" is shown only
 * for an outbox item the server confirmed (state `stored`); anything else says it is waiting (with
 * the last attempt's reason) or rejected (with the server's reason) — the object stays in the outbox.
 */
import { useEffect, useState } from 'react';
import { usePacsStore } from '../../store/pacs';
import { startOutboxSender } from '../../store/pacsUi';
import { useCaseStore } from '../../store/caseStore';
import { formatDateTime, formatInteger, useT } from '../../i18n';
import { CredentialsDialog } from './CredentialsDialog';
import { OpenFromPacs } from './OpenFromPacs';
import { usePacsMessage } from './pacsMessage';
import './pacs.css';

export function PacsCaseBar() {
  const t = useT();
  const pm = usePacsMessage();
  const enabled = usePacsStore((s) => s.settings.enabled);
  const outbox = usePacsStore((s) => s.outbox);
  const caseId = useCaseStore((s) => s.record.id);
  const hasDicom = useCaseStore((s) => s.record.image?.format === 'dicom' && s.image !== null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  // A message belongs to the case it was about (not shown once another case is open).
  const [note, setNoteOf] = useState<{ caseId: string; kind: 'error' | 'ok'; text: string } | null>(null);
  const setNote = (n: { kind: 'error' | 'ok'; text: string } | null) =>
    setNoteOf(n && { ...n, caseId: useCaseStore.getState().record.id });

  useEffect(() => startOutboxSender(), []);

  if (!enabled) return null;

  const mine = outbox.filter((x) => x.caseId === caseId);
  const latest = mine.length ? mine.reduce((a, b) => (b.createdAt > a.createdAt ? b : a)) : null;
  const waiting = outbox.filter((x) => x.state === 'pending').length;

  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setNote(null);
    try {
      await f();
    } catch (e) {
      setNote({ kind: 'error', text: pm(e) });
    } finally {
      setBusy(false);
    }
  };

  let status: string;
  if (!latest) status = t('pacs.statusNone');
  else if (latest.state === 'stored')
    status = t('pacs.statusStored', { time: formatDateTime(latest.storedAt ?? latest.createdAt) });
  else if (latest.state === 'pending') status = t('pacs.statusWaiting', { n: formatInteger(waiting) });
  else status = t('pacs.statusRejected');

  return (
    <div className="pacs-bar" role="group" aria-label={t('pacs.barLabel')}>
      <button type="button" onClick={() => setDialogOpen(true)} title={t('pacs.openTip')}>
        {t('pacs.open')}
      </button>
      <button
        type="button"
        className="primary"
        disabled={busy || !hasDicom}
        title={t('pacs.storeTip')}
        onClick={() => void run(() => usePacsStore.getState().storeAnalysis())}
      >
        {busy ? t('pacs.storing') : t('pacs.store')}
      </button>
      <span
        role="status"
        aria-label={t('pacs.statusLabel')}
        className={`pacs-status pacs-${latest?.state ?? 'none'}`}
      >
        {status}
      </span>
      {waiting > 0 && (
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(() => usePacsStore.getState().flushOutbox(true))}
        >
          {t('pacs.sendNow')}
        </button>
      )}
      {latest && latest.state !== 'stored' && latest.lastError && (
        <p role="alert" className={`message small ${latest.state === 'rejected' ? 'error' : 'warn'}`}>
          {latest.state === 'rejected'
            ? pm(latest.lastError)
            : t('pacs.lastError', { message: pm(latest.lastError) })}
        </p>
      )}
      {latest?.state === 'rejected' && (
        <>
          <button
            type="button"
            disabled={busy}
            onClick={() => void run(() => usePacsStore.getState().retryOutboxItem(latest.id))}
          >
            {t('pacs.retry')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              if (window.confirm(t('pacs.discardConfirm')))
                void run(() => usePacsStore.getState().discardOutboxItem(latest.id));
            }}
          >
            {t('pacs.discard')}
          </button>
        </>
      )}
      {note && note.caseId === caseId && (
        <p role={note.kind === 'error' ? 'alert' : 'status'} className={`message small ${note.kind}`}>
          {note.text}
        </p>
      )}
      <OpenFromPacs
        open={dialogOpen}
        onClose={(opened) => {
          setDialogOpen(false);
          if (opened) setNote({ kind: 'ok', text: opened });
        }}
      />
      <CredentialsDialog />
    </div>
  );
}

export default PacsCaseBar;
