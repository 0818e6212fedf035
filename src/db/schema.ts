/**
 * The SonoMiR case database (IndexedDB through Dexie). Versioned: every schema version and its
 * upgrade live in `migrations.ts` (Dexie keeps every declared version so older databases are
 * migrated step by step).
 *
 * Tables:
 * - `cases`: one record per patient case (everything but the image bytes), indexed by patient ID,
 *   creation/update time and status.
 * - `images`: the case's original image file as a Blob, keyed by case ID (kept apart so the case
 *   list never loads image bytes).
 * - `calibratorRuns`: named calibrator Ct sets (one per qPCR plate), reused for all patients of it.
 * - `meta` (version 2): key/value app settings (lock parameters, last backup, migration log).
 * - `pacsOutbox` (version 3): SR objects for the PACS, pending, rejected or stored (src/pacs/outbox.ts).
 * The Model Studio adds its own tables in `src/db/models.ts` with a later version number.
 */
import { Dexie, type Table } from 'dexie';
import { declareVersions } from './migrations';
import type { CaseRecord, CalibratorRun, ImageRecord, MetaRecord } from './types';
import type { OutboxItem } from '../pacs/outbox';

export const DB_NAME = 'sonomir';

export class SonoMiRDatabase extends Dexie {
  cases!: Table<CaseRecord, string>;
  images!: Table<ImageRecord, string>;
  calibratorRuns!: Table<CalibratorRun, string>;
  meta!: Table<MetaRecord, string>;
  pacsOutbox!: Table<OutboxItem, string>;

  constructor(name = DB_NAME) {
    super(name);
    declareVersions(this);
  }
}

let instance: SonoMiRDatabase | null = null;

/** The app's database (opened lazily). */
export function getDb(): SonoMiRDatabase {
  if (!instance) instance = new SonoMiRDatabase();
  return instance;
}

/** Test hook: use another database (e.g. a fresh fake-indexeddb one). */
export function setDb(db: SonoMiRDatabase | null): void {
  instance = db;
}
