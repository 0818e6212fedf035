/**
 * Banners of the case screen that keep data from being lost: a save conflict with another tab
 * (choose which version to keep) and a full browser storage (export a backup before deleting).
 */
import { useState } from 'react';
import { resolveConflict } from '../../store/autosave';
import { useCaseStore } from '../../store/caseStore';

export function ConflictBanner() {
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
    <div role="alert" className="message error safety-banner" aria-label="Save conflict">
      <p>
        <strong>This case was changed in another tab or window</strong> (saved{' '}
        {new Date(conflict.updatedAt).toLocaleString()}, patient ID “{conflict.patientId}”). Your changes in
        this tab have <strong>not</strong> been saved over it. Choose which version to keep:
      </p>
      <div className="row">
        <button type="button" disabled={busy} onClick={() => void choose('theirs')}>
          Reload their version
        </button>
        <button type="button" disabled={busy} onClick={() => void choose('copy')}>
          Keep mine as a copy
        </button>
      </div>
      <p className="hint">
        “Reload their version” discards the unsaved changes made in this tab; “Keep mine as a copy” saves them
        as a new case and leaves the other version as it is.
      </p>
    </div>
  );
}

export function StorageFullBanner() {
  const storageFull = useCaseStore((s) => s.storageFull);
  const [state, setState] = useState<string | null>(null);
  if (!storageFull) return null;
  const exportNow = async () => {
    setState('Creating the backup…');
    try {
      const { downloadBackup, summaryText } = await import('./backupActions');
      setState(
        `Backup downloaded (with the unsaved changes of this case): ${summaryText(await downloadBackup(true))}.`,
      );
    } catch (e) {
      setState(`The backup could not be created: ${(e as Error).message}`);
    }
  };
  return (
    <div role="alert" className="message error safety-banner" aria-label="Storage full">
      <p>
        <strong>Storage full.</strong> {storageFull}
      </p>
      <div className="row">
        <button type="button" onClick={() => void exportNow()}>
          Export backup now
        </button>
        <a href="#/cases">Go to the case list to delete cases</a>
      </div>
      {state && (
        <p role="status" className="hint">
          {state}
        </p>
      )}
    </div>
  );
}
