/** Backup download shared by the Settings screen and the storage-full banner (loaded on demand). */
import { backupFileName, createBackup, type BackupSummary } from '../../store/storage';
import { downloadBlob } from '../case/download';
import { useCaseStore } from '../../store/caseStore';

/**
 * Creates the backup file and hands it to the browser's download; returns what it holds. With
 * `includeUnsaved`, the open case as shown (not yet saved, e.g. storage full) goes into the backup.
 */
export async function downloadBackup(includeUnsaved = false): Promise<BackupSummary> {
  const s = useCaseStore.getState();
  const unsaved =
    includeUnsaved && s.touched
      ? {
          record: s.record,
          image: s.image
            ? {
                caseId: s.record.id,
                blob: new Blob([s.image.bytes as Uint8Array<ArrayBuffer>]),
                fileName: s.image.fileName,
              }
            : null,
        }
      : undefined;
  const { bytes, summary } = await createBackup(new Date(), unsaved);
  downloadBlob(bytes as Uint8Array<ArrayBuffer>, backupFileName(), 'application/zip');
  return summary;
}

export function summaryText(s: BackupSummary): string {
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return [
    n(s.cases, 'case', 'cases'),
    n(s.images, 'image', 'images'),
    n(s.calibratorRuns, 'calibrator run', 'calibrator runs'),
    n(s.models, 'model', 'models'),
    n(s.settings, 'setting', 'settings'),
  ].join(', ');
}
