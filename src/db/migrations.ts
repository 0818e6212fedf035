/**
 * Schema history of the case database. Every version ever shipped stays declared here, in order, so
 * Dexie can open a database written by any earlier version and migrate it step by step.
 *
 * - Version 1: `cases`, `images`, `calibratorRuns`.
 * - Version 2: adds the `meta` table (app settings: passphrase-lock parameters, last backup time,
 *   migration log) and a `revision` counter on every case, checked inside the save transaction so
 *   two tabs editing the same case never silently overwrite each other (see `conflicts.ts`).
 * - Version 3: adds the `pacsOutbox` table (SR objects waiting for, or confirmed by, the PACS; see
 *   `src/pacs/outbox.ts`). No record changes.
 */
import type { Dexie, Transaction } from 'dexie';
import type { MigrationLogEntry } from './types';

/** Version 1, exactly as first shipped (history: never edit). */
export const SCHEMA_V1 = {
  cases: '&id, patientId, createdAt, updatedAt, status',
  images: '&caseId',
  calibratorRuns: '&name, savedAt',
} as const;

/** Version 2: version 1 plus the `meta` key/value table. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  meta: '&key',
} as const;

/** Version 3: version 2 plus the PACS outbox, keyed by the SR's SOP Instance UID. */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  pacsOutbox: '&id, createdAt, state, caseId, studyInstanceUid',
} as const;

export const CURRENT_SCHEMA_VERSION = 3;

/** Key of the migration log in the `meta` table. */
export const MIGRATION_LOG_KEY = 'migrations';

/** v1 → v2: every case gets `revision: 1` (it has been saved once as far as anyone knows). */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  let migrated = 0;
  await tx
    .table('cases')
    .toCollection()
    .modify((c: { revision?: unknown }) => {
      if (typeof c.revision !== 'number') {
        c.revision = 1;
        migrated++;
      }
    });
  const entry: MigrationLogEntry = { from: 1, to: 2, at: new Date().toISOString(), records: migrated };
  await tx.table('meta').put({ key: MIGRATION_LOG_KEY, value: [entry] });
}

/** Declares every schema version on a database instance (in the constructor). */
export function declareVersions(db: Dexie): void {
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
  db.version(3).stores(SCHEMA_V3);
}
