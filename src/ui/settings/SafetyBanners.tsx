/**
 * Banners of the case screen that keep data from being lost: a save conflict with another tab
 * (choose which version to keep) and a full browser storage (export a backup before deleting).
 */
import { useState } from 'react';
import { resolveConflict } from '../../store/autosave';
import { useCaseStore } from '../../store/caseStore';
import { formatDateTime, message, t as tr, toMessage, useMessage, useT } from '../../i18n';

export function ConflictBanner() {
  const t = useT();
  const conflict = useCaseStore((s) => s.conflict);
  const [busy, setBusy] = useState(false);
  if (!conflict) return null;
  const choose = async (c: 'theirs' | 'copy') => {
    setBusy(true);
    try {
      await resolveConflict(c);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div role="alert" className="message error safety-banner" aria-label={t('settings.conflictLabel')}>
      <p>
        <strong>{t('settings.conflictStrong')}</strong>
        {t('settings.conflictSaved', { date: formatDateTime(conflict.updatedAt), id: conflict.patientId })}
        <strong>{t('settings.conflictNot')}</strong>
        {t('settings.conflictRest')}
      </p>
      <div className="row">
        <button type="button" disabled={busy} onClick={() => void choose('theirs')}>
          {t('settings.reloadTheirs')}
        </button>
        <button type="button" disabled={busy} onClick={() => void choose('copy')}>
          {t('settings.keepMine')}
        </button>
      </div>
      <p className="hint">{t('settings.conflictHint')}</p>
    </div>
  );
}

export function StorageFullBanner() {
  const t = useT();
  const m = useMessage();
  const storageFull = useCaseStore((s) => s.storageFull);
  const [state, setState] = useState<string | null>(null);
  if (!storageFull) return null;
  const exportNow = async () => {
    setState(tr('settings.creatingBackup'));
    try {
      const { downloadBackup, summaryText } = await import('./backupActions');
      setState(tr('settings.backupDownloaded', { summary: summaryText(await downloadBackup(true)) }));
    } catch (e) {
      setState(tr('settings.backupFailed', { message: message(toMessage(e)) }));
    }
  };
  return (
    <div role="alert" className="message error safety-banner" aria-label={t('settings.fullLabel')}>
      <p>
        <strong>{t('settings.fullStrong')}</strong> {m(storageFull)}
      </p>
      <div className="row">
        <button type="button" onClick={() => void exportNow()}>
          {t('settings.exportNow')}
        </button>
        <a href="#/cases">{t('settings.goToCases')}</a>
      </div>
      {state && (
        <p role="status" className="hint">
          {state}
        </p>
      )}
    </div>
  );
}
