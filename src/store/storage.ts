/**
 * The UI's door to the databases. Only src/store imports src/db (eslint.config.js enforces it): the
 * screens list, copy, delete and restore cases, keep calibrator runs and models, and make or restore
 * backups through this module.
 */
import { LAST_BACKUP_KEY } from '../db/backup';
import { storageUse, type StorageUse } from '../db/quota';
import { getDb } from '../db/schema';

export {
  caseStatus,
  deleteCase,
  duplicateCase,
  listCalibratorRuns,
  listCases,
  restoreCase,
  saveCalibratorRun,
} from '../db/cases';
export { deleteModel, listModels, saveModel, type ModelRecord } from '../db/models';
export {
  backupFileName,
  createBackup,
  parseBackup,
  restoreBackup,
  storedCounts,
  type BackupSummary,
  type ParsedBackup,
} from '../db/backup';
export { describeWriteError, type StorageUse } from '../db/quota';
export {
  STATUS_LABEL,
  type CalibratorRun,
  type CaseRecord,
  type CaseStatus,
  type ImageRecord,
} from '../db/types';

/**
 * Storage use and the time of the last backup, each null where the browser or the database does not
 * say (this panel is informative: a failed read shows "unknown", it writes nothing).
 */
export async function readStorageInfo(): Promise<{ use: StorageUse | null; lastBackup: string | null }> {
  const use = await storageUse().catch(() => null);
  const v = (
    await getDb()
      .meta.get(LAST_BACKUP_KEY)
      .catch(() => undefined)
  )?.value;
  return { use, lastBackup: typeof v === 'string' ? v : null };
}
