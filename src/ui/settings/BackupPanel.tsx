/** Backup and restore of everything in this browser, and the storage it uses. */
import { useEffect, useState } from 'react';
import {
  describeWriteError,
  parseBackup,
  readStorageInfo,
  restoreBackup,
  storedCounts,
  type ParsedBackup,
  type StorageUse,
} from '../../store/storage';
import { rememberCase } from '../../store/autosave';
import { useCaseStore } from '../../store/caseStore';
import { resetModelStoreInit, useModelStore } from '../../store/models';
import { reloadLockSettings } from '../../store/lock';
import { downloadBackup, summaryText } from './backupActions';
import { formatDateTime, message as render, t as tr, toMessage, useT } from '../../i18n';

const nCases = (n: number) => (n === 1 ? tr('backup.caseOne') : tr('backup.cases', { n }));
const nModels = (n: number) => (n === 1 ? tr('backup.modelOne') : tr('backup.models', { n }));

interface Pending {
  fileName: string;
  bytes: Uint8Array;
  backup: ParsedBackup;
  current: { cases: number; models: number };
}

export function BackupPanel() {
  const t = useT();
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
    setMessage({ kind: 'info', text: tr('backup.creating') });
    try {
      const summary = await downloadBackup();
      setMessage({ kind: 'ok', text: tr('backup.downloaded', { summary: summaryText(summary) }) });
      await refresh();
    } catch (e) {
      setMessage({ kind: 'error', text: render(describeWriteError(e, 'backup')) });
    } finally {
      setBusy(false);
    }
  };

  const chooseFile = async (file: File) => {
    setPending(null);
    setMessage({ kind: 'info', text: tr('backup.checking', { file: file.name }) });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const backup = await parseBackup(bytes);
      setPending({ fileName: file.name, bytes, backup, current: await storedCounts() });
      setMessage(null);
    } catch (e) {
      setMessage({
        kind: 'error',
        text: tr('backup.cannotRestore', { file: file.name, message: render(toMessage(e)) }),
      });
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
      // A failed reload of the restored models is not lost: the model store keeps it (status 'error' and
      // its message), shown by the Model Studio and the prediction panel; the restore itself succeeded.
      await useModelStore
        .getState()
        .init()
        .catch(() => undefined);
      setPending(null);
      setMessage({ kind: 'ok', text: tr('backup.restored', { summary: summaryText(summary) }) });
      await refresh();
    } catch (e) {
      setMessage({
        kind: 'error',
        text: tr('backup.nothingChanged', { message: render(describeWriteError(e, 'restore')) }),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="backup-heading">
      <h3 id="backup-heading">{t('backup.heading')}</h3>
      <p className="hint">{t('backup.hint')}</p>
      <p role="status" aria-label={t('backup.storageLabel')}>
        {!info
          ? t('backup.readingStorage')
          : (info.use ? t('backup.storageUsed', { use: info.use.text }) : t('backup.storageUnknown')) +
            (info.lastBackup
              ? t('backup.lastBackup', { date: formatDateTime(info.lastBackup) })
              : t('backup.noBackup'))}
      </p>
      <div className="row">
        <button type="button" disabled={busy} onClick={() => void exportBackup()}>
          {t('backup.export')}
        </button>
        <label className="inline">
          {t('backup.restoreFrom')}
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
        <div className="message info" role="group" aria-label={t('backup.confirmLabel')}>
          <p>
            {t('backup.holds', {
              file: pending.fileName,
              date: formatDateTime(pending.backup.manifest.createdAt),
              cases: nCases(pending.backup.cases.length),
              models: nModels(pending.backup.models.length),
            })}
            {pending.current.cases + pending.current.models > 0
              ? t('backup.replaces', {
                  cases: nCases(pending.current.cases),
                  models: nModels(pending.current.models),
                })
              : t('backup.empty')}
          </p>
          <div className="row">
            <button type="button" disabled={busy} onClick={() => void restore(pending)}>
              {t('backup.restore')}
            </button>
            <button type="button" disabled={busy} onClick={() => setPending(null)}>
              {t('backup.cancel')}
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
