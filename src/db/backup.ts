/**
 * Full backup and restore: one zip file (fflate) holding `backup.json` — every case, calibrator run,
 * app setting, registry model and registry setting — and each case image as its own entry
 * (`images/<n>.bin`, stored uncompressed, checked by size and SHA-256 on import).
 *
 * Records are written exactly as stored (passphrase-locked fields stay encrypted), so a restore
 * reproduces every record and image byte for byte. Typed arrays (ROI masks) are kept through a tagged
 * JSON encoding. A backup is validated completely (zod schema, schema version, image entries) before
 * anything is written, and the case database is replaced in one transaction: a bad file changes nothing.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { APP_VERSION } from '../version';
import { getModelsDb, type ModelRecord } from './models';
import { CURRENT_SCHEMA_VERSION } from './migrations';
import { getDb } from './schema';
import { caseStatus } from './cases';
import { sessionKey } from '../security/session';
import { sealCase, sealImage } from '../security/records';
import { decodeValue, encodeValue } from '../security/tagged';
import type { CalibratorRun, CaseRecord, ImageRecord, MetaRecord } from './types';
import { MessageError, toMessage } from '../util/message';

export const BACKUP_FORMAT = 'sonomir-backup';
export const BACKUP_JSON = 'backup.json';
/** Key in `meta` of the time of the last backup (ISO). */
export const LAST_BACKUP_KEY = 'lastBackupAt';

export { decodeValue, encodeValue, fromBase64, toBase64 } from '../security/tagged';

// ---------------------------------------------------------------- format

const imageEntry = z.object({
  caseId: z.string().min(1),
  fileName: z.string(),
  type: z.string(),
  entry: z.string().regex(/^images\/\d+\.bin$/),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Present when the image is encrypted (passphrase lock on). */
  sealed: z.object({ iv: z.string(), name: z.object({ iv: z.string(), data: z.string() }) }).optional(),
});

const caseShape = z
  .object({
    id: z.string().min(1),
    patientId: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    status: z.enum(['missing-image', 'missing-roi', 'missing-qpcr', 'ready', 'predicted', 'outcome']),
    revision: z.number().int().nonnegative().optional(),
  })
  .loose();

const BackupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  schemaVersion: z.number().int().min(1),
  createdAt: z.string(),
  appVersion: z.string(),
  cases: z.array(caseShape),
  images: z.array(imageEntry),
  calibratorRuns: z.array(z.object({ name: z.string().min(1), savedAt: z.string() }).loose()),
  meta: z.array(z.object({ key: z.string().min(1), value: z.unknown() })),
  models: z.array(
    z
      .object({ id: z.string().min(1), name: z.string(), version: z.number().int(), savedAt: z.string() })
      .loose(),
  ),
  modelSettings: z.array(z.object({ key: z.string().min(1), value: z.string() })),
});
export type BackupManifest = z.infer<typeof BackupSchema>;

export interface BackupSummary {
  cases: number;
  images: number;
  calibratorRuns: number;
  models: number;
  settings: number;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Everything stored, read in one transaction per database. */
async function readAll() {
  const db = getDb();
  const main = await db.transaction('r', [db.cases, db.images, db.calibratorRuns, db.meta], async () => ({
    cases: await db.cases.toArray(),
    images: await db.images.toArray(),
    calibratorRuns: await db.calibratorRuns.toArray(),
    meta: await db.meta.toArray(),
  }));
  const mdb = getModelsDb();
  const models = await mdb.transaction('r', mdb.models, mdb.settings, async () => ({
    models: await mdb.models.toArray(),
    settings: await mdb.settings.toArray(),
  }));
  return { ...main, models: models.models, modelSettings: models.settings };
}

/**
 * The backup file (zip bytes) of everything in this browser. Records the time in `meta`.
 * `unsaved`: a case held in memory that could not be saved (storage full) — it goes into the backup
 * in place of its stored version (encrypted first while the passphrase lock is on).
 */
export async function createBackup(
  now = new Date(),
  unsaved?: { record: CaseRecord; image: ImageRecord | null },
): Promise<{ bytes: Uint8Array; summary: BackupSummary }> {
  const all = await readAll();
  if (unsaved) {
    const key = sessionKey();
    const rec = { ...unsaved.record, status: caseStatus(unsaved.record) };
    const record = key ? await sealCase(rec, key) : rec;
    const image = unsaved.image && key ? await sealImage(unsaved.image, key) : unsaved.image;
    all.cases = [...all.cases.filter((c) => c.id !== record.id), record];
    if (image) all.images = [...all.images.filter((i) => i.caseId !== image.caseId), image];
  }
  const files: Zippable = {};
  const images: BackupManifest['images'] = [];
  for (const [n, img] of all.images.entries()) {
    const bytes = new Uint8Array(await img.blob.arrayBuffer());
    const entry = `images/${n}.bin`;
    files[entry] = [bytes, { level: 0 }];
    images.push({
      caseId: img.caseId,
      fileName: img.fileName,
      type: img.blob.type,
      entry,
      size: bytes.length,
      sha256: await sha256Hex(bytes),
      ...(img.sealed ? { sealed: img.sealed } : {}),
    });
  }
  const manifest = {
    format: BACKUP_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    createdAt: now.toISOString(),
    appVersion: APP_VERSION,
    cases: all.cases.map(encodeValue),
    images,
    calibratorRuns: all.calibratorRuns.map(encodeValue),
    meta: all.meta.map(encodeValue),
    models: all.models.map(encodeValue),
    modelSettings: all.modelSettings,
  };
  files[BACKUP_JSON] = [strToU8(JSON.stringify(manifest)), { level: 6 }];
  const bytes = zipSync(files, { mtime: now });
  // Best effort: a full storage must not prevent the backup that frees it.
  await getDb()
    .meta.put({ key: LAST_BACKUP_KEY, value: now.toISOString() })
    .catch(() => undefined);
  return {
    bytes,
    summary: {
      cases: all.cases.length,
      images: all.images.length,
      calibratorRuns: all.calibratorRuns.length,
      models: all.models.length,
      settings: all.meta.length + all.modelSettings.length,
    },
  };
}

/** A backup that cannot be restored; its code (`backup.*`) and params say why in plain language. */
export class BackupError extends MessageError {
  override readonly name = 'BackupError';
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(file)'}: ${i.message}`)
    .join('; ');
}

export interface ParsedBackup {
  manifest: BackupManifest;
  cases: CaseRecord[];
  images: ImageRecord[];
  calibratorRuns: CalibratorRun[];
  meta: MetaRecord[];
  models: ModelRecord[];
  modelSettings: { key: string; value: string }[];
}

/** Reads and validates a backup file completely; throws {@link BackupError} with a clear reason. */
export async function parseBackup(bytes: Uint8Array): Promise<ParsedBackup> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new BackupError('backup.notZip');
  }
  const json = files[BACKUP_JSON];
  if (!json) throw new BackupError('backup.noManifest', { file: BACKUP_JSON });
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(json));
  } catch {
    throw new BackupError('backup.badJson', { file: BACKUP_JSON });
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) throw new BackupError('backup.unknownFormat');
  const sv = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof sv === 'number' && sv > CURRENT_SCHEMA_VERSION) {
    throw new BackupError('backup.newer', { version: sv, supported: CURRENT_SCHEMA_VERSION });
  }
  const parsed = BackupSchema.safeParse(raw);
  if (!parsed.success) throw new BackupError('backup.invalid', { detail: describeIssues(parsed.error) });
  const manifest = parsed.data;
  const ids = new Set<string>();
  for (const c of manifest.cases) {
    if (ids.has(c.id)) throw new BackupError('backup.duplicateCase', { id: c.id });
    ids.add(c.id);
  }
  const images: ImageRecord[] = [];
  for (const img of manifest.images) {
    if (!ids.has(img.caseId)) throw new BackupError('backup.orphanImage', { entry: img.entry });
    const data = files[img.entry];
    if (!data) throw new BackupError('backup.missingImage', { entry: img.entry });
    if (data.length !== img.size || (await sha256Hex(data)) !== img.sha256)
      throw new BackupError('backup.checksum', { entry: img.entry });
    images.push({
      caseId: img.caseId,
      blob: new Blob([data as Uint8Array<ArrayBuffer>], { type: img.type }),
      fileName: img.fileName,
      ...(img.sealed ? { sealed: img.sealed } : {}),
    });
  }
  let decoded: Pick<ParsedBackup, 'cases' | 'calibratorRuns' | 'meta' | 'models'>;
  try {
    decoded = {
      cases: manifest.cases.map((c) => decodeValue(c) as CaseRecord),
      calibratorRuns: manifest.calibratorRuns.map((r) => decodeValue(r) as CalibratorRun),
      meta: manifest.meta.map((m) => decodeValue(m) as MetaRecord),
      models: manifest.models.map((m) => decodeValue(m) as ModelRecord),
    };
  } catch (e) {
    throw new BackupError('backup.damaged', { detail: toMessage(e) }, { cause: e });
  }
  // Backups of schema version 1 predate the save counter: same rule as the v1 → v2 migration.
  if (manifest.schemaVersion < 2) for (const c of decoded.cases) c.revision ??= 1;
  return { manifest, ...decoded, images, modelSettings: manifest.modelSettings };
}

/**
 * Replaces everything in this browser by the backup's content. The file is validated first; the case
 * database is replaced in one transaction, and the model registry (a separate database) is put back
 * as it was if that transaction fails, so a failed restore leaves the browser unchanged.
 */
export async function restoreBackup(bytes: Uint8Array): Promise<BackupSummary> {
  const b = await parseBackup(bytes);
  const mdb = getModelsDb();
  const previous = await mdb.transaction('r', mdb.models, mdb.settings, async () => ({
    models: await mdb.models.toArray(),
    settings: await mdb.settings.toArray(),
  }));
  const replaceModels = (models: ModelRecord[], settings: { key: string; value: string }[]) =>
    mdb.transaction('rw', mdb.models, mdb.settings, async () => {
      await mdb.models.clear();
      await mdb.settings.clear();
      await mdb.models.bulkPut(models);
      await mdb.settings.bulkPut(settings);
    });
  await replaceModels(b.models, b.modelSettings);
  const db = getDb();
  try {
    await db.transaction('rw', [db.cases, db.images, db.calibratorRuns, db.meta], async () => {
      await Promise.all([db.cases.clear(), db.images.clear(), db.calibratorRuns.clear(), db.meta.clear()]);
      await db.cases.bulkPut(b.cases);
      await db.images.bulkPut(b.images);
      await db.calibratorRuns.bulkPut(b.calibratorRuns);
      await db.meta.bulkPut(b.meta);
    });
  } catch (e) {
    await replaceModels(previous.models, previous.settings);
    throw e;
  }
  return {
    cases: b.cases.length,
    images: b.images.length,
    calibratorRuns: b.calibratorRuns.length,
    models: b.models.length,
    settings: b.meta.length + b.modelSettings.length,
  };
}

/** How many records a restore would replace (to warn before overwriting a non-empty browser). */
export async function storedCounts(): Promise<{ cases: number; models: number }> {
  return { cases: await getDb().cases.count(), models: await getModelsDb().models.count() };
}

/** File name of a backup made at `now`. */
export function backupFileName(now = new Date()): string {
  return `sonomir-backup-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.zip`;
}
