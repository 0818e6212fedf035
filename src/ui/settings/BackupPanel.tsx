/** Backup and restore of everything in this browser, and the storage it uses. */
import { useEffect, useState } from 'react';
import { parseBackup, restoreBackup, storedCounts, type ParsedBackup } from '../../db/backup';
import { getDb } from '../../db/schema';
import { LAST_BACKUP_KEY } from '../../db/backup';
import { describeWriteError, storageUse, type StorageUse } from '../../db/quota';
import { rememberCase } from '../../store/autosave';
import { useCaseStore } from '../../store/caseStore';
import { resetModelStoreInit, useModelStore } from '../../store/models';
import { reloadLockSettings } from '../../security/lock';
import { downloadBackup, summaryText } from './backupActions';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

interface Pending {
  fileName: string;
  bytes: Uint8Array;
  backup: ParsedBackup;
  current: { cases: number; models: number };
}

/** Storage use and the time of the last backup. */
async function readStorageInfo(): Promise<{ use: StorageUse | null; lastBackup: string | null }> {
  const use = await storageUse().catch(() => null);
  const v = (
    await getDb()
      .meta.get(LAST_BACKUP_KEY)
      .catch(() => undefined)
  )?.value;
  return { use, lastBackup: typeof v === 'string' ? v : null };
}

export function BackupPanel() {
  const [info, setInfo] = useState<{ use: StorageUse | null; lastBackup: string | null } | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'info'; text: string } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = async () => setInfo(await readStorageInfo());
  useEffect(() => {
    let live = true;
    void readStorageInfo().then((i) => live && setInfo(i));
    return () => {
      live = false;
    };
  }, []);

  const exportBackup = async () => {
    setBusy(true);
    setMessage({ kind: 'info', text: 'Creating the backup…' });
    try {
      const summary = await downloadBackup();
      setMessage({ kind: 'ok', text: `Backup downloaded: ${summaryText(summary)}.` });
      await refresh();
    } catch (e) {
      setMessage({ kind: 'error', text: describeWriteError(e, 'The backup') });
    } finally {
      setBusy(false);
    }
  };

  const chooseFile = async (file: File) => {
    setPending(null);
    setMessage({ kind: 'info', text: `Checking “${file.name}”…` });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const backup = await parseBackup(bytes);
      setPending({ fileName: file.name, bytes, backup, current: await storedCounts() });
      setMessage(null);
    } catch (e) {
      setMessage({ kind: 'error', text: `“${file.name}” cannot be restored: ${(e as Error).message}` });
    }
  };

  const restore = async (p: Pending) => {
    setBusy(true);
    try {
      const summary = await restoreBackup(p.bytes);
      useCaseStore.getState().newCase();
      rememberCase(null);
      // The backup brings its own lock setting: locked again if it was made with the lock on.
      await reloadLockSettings();
      resetModelStoreInit();
      await useModelStore
        .getState()
        .init()
        .catch(() => undefined);
      setPending(null);
      setMessage({ kind: 'ok', text: `Backup restored: ${summaryText(summary)}.` });
      await refresh();
    } catch (e) {
      setMessage({
        kind: 'error',
        text: `${describeWriteError(e, 'The restore')} Nothing in this browser was changed.`,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="backup-heading">
      <h3 id="backup-heading">Backup and restore</h3>
      <p className="hint">
        One file (.zip) with every case, image, calibrator run, model and setting of this browser. Keep it as
        safely as the patient records themselves; it never leaves this computer unless you move it.
      </p>
      <p role="status" aria-label="Storage use">
        {!info
          ? 'Reading storage use…'
          : (info.use
              ? `Storage used by SonoMiR in this browser: ${info.use.text}.`
              : 'This browser does not report its storage use.') +
            (info.lastBackup
              ? ` Last backup: ${new Date(info.lastBackup).toLocaleString()}.`
              : ' No backup made yet.')}
      </p>
      <div className="row">
        <button type="button" disabled={busy} onClick={() => void exportBackup()}>
          Export backup
        </button>
        <label className="inline">
          Restore from a backup file
          <input
            type="file"
            accept=".zip,application/zip"
            disabled={busy}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void chooseFile(f);
            }}
          />
        </label>
      </div>
      {pending && (
        <div className="message info" role="group" aria-label="Confirm restore">
          <p>
            “{pending.fileName}” (made {new Date(pending.backup.manifest.createdAt).toLocaleString()}) holds{' '}
            {plural(pending.backup.cases.length, 'case')} and {plural(pending.backup.models.length, 'model')}.
            {pending.current.cases + pending.current.models > 0
              ? ` Restoring replaces everything in this browser: its ${plural(pending.current.cases, 'case')} and ${plural(pending.current.models, 'model')} are removed. Export a backup first if you may need them.`
              : ' This browser holds no cases or models yet.'}
          </p>
          <div className="row">
            <button type="button" disabled={busy} onClick={() => void restore(pending)}>
              Restore backup
            </button>
            <button type="button" disabled={busy} onClick={() => setPending(null)}>
              Cancel restore
            </button>
          </div>
        </div>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`}>
          {message.text}
        </p>
      )}
    </section>
  );
}
