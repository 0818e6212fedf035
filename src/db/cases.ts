/** Case persistence: transactional save, load, list with search, duplicate, delete and restore. */
import { emptyQpcrEntry } from '../qpcr/analysis';
import { LOCK_KEY, sessionKey } from '../security/session';
import { LockedError, openCase, openImage, sealCase, sealImage } from '../security/records';
import { CaseConflictError } from './conflicts';
import { getDb } from './schema';
import type { CalibratorRun, CaseRecord, CaseStatus, ImageRecord } from './types';
import { MessageError } from '../util/message';

/** Status of a case from its content (outcome > prediction > missing parts). */
export function caseStatus(
  c: Pick<CaseRecord, 'image' | 'features' | 'qpcrResult' | 'prediction' | 'outcome'>,
): CaseStatus {
  if (c.outcome) return 'outcome';
  if (c.prediction) return 'predicted';
  if (!c.image) return 'missing-image';
  if (!c.features) return 'missing-roi';
  if (!c.qpcrResult || c.qpcrResult.relativeExpression === null) return 'missing-qpcr';
  return 'ready';
}

function newId(): string {
  return crypto.randomUUID();
}

/** A new, empty case record. */
export function newCaseRecord(patientId = ''): CaseRecord {
  const now = new Date().toISOString();
  return {
    id: newId(),
    patientId,
    createdAt: now,
    updatedAt: now,
    status: 'missing-image',
    image: null,
    roi: null,
    roi2: null,
    features: null,
    featureUnit: 'pixel',
    qpcr: emptyQpcrEntry(),
    qpcrResult: null,
    prediction: null,
    outcome: null,
    revision: 0,
  };
}

/**
 * Saves a case (and, when given, its image) in one transaction; sets `status`, `updatedAt` and the
 * next `revision`. Refuses (throws {@link CaseConflictError}, writing nothing) when the stored case
 * has another revision than `record` — another tab saved it in between — unless `force` is set.
 * @returns the stored record
 */
export async function saveCase(
  record: CaseRecord,
  image?: ImageRecord | null,
  options: { force?: boolean } = {},
): Promise<CaseRecord> {
  const db = getDb();
  const { sealed: _sealed, ...clear } = record;
  const plain: CaseRecord = { ...clear, status: caseStatus(record) };
  // Encryption is asynchronous, so it happens before the transaction (which it would otherwise end).
  const key = sessionKey();
  const toStore = key ? await sealCase(plain, key) : plain;
  const imageToStore = image && key ? await sealImage(image, key) : image;
  return db.transaction('rw', [db.cases, db.images, db.meta], async () => {
    await checkLockState(key);
    const current = await db.cases.get(record.id);
    const mine = record.revision ?? 0;
    if (current && (current.revision ?? 0) !== mine && !options.force) {
      throw new CaseConflictError(current.sealed ? { ...current, patientId: '(locked)' } : current);
    }
    const updatedAt = new Date().toISOString();
    const revision = Math.max(current?.revision ?? 0, mine) + 1;
    await db.cases.put({ ...toStore, updatedAt, revision });
    if (imageToStore) await db.images.put(imageToStore);
    else if (imageToStore === null) await db.images.delete(record.id);
    return { ...plain, updatedAt, revision };
  });
}

/**
 * Inside a transaction that includes `meta`: refuses to write clear data while the passphrase lock is
 * on (and this tab is locked), or encrypted data after the lock was turned off in another tab.
 */
async function checkLockState(key: CryptoKey | null): Promise<void> {
  const lockOn = !!(await getDb().meta.get(LOCK_KEY));
  if (lockOn && !key) throw new LockedError();
  if (!lockOn && key) throw new MessageError('lock.turnedOffElsewhere');
}

export async function loadCase(
  id: string,
): Promise<{ record: CaseRecord; image: ImageRecord | null } | null> {
  const db = getDb();
  const raw = await db.transaction('r', db.cases, db.images, async () => {
    const record = await db.cases.get(id);
    if (!record) return null;
    const image = (await db.images.get(id)) ?? null;
    return { record, image };
  });
  if (!raw) return null;
  const key = sessionKey();
  return {
    record: await openCase(raw.record, key),
    image: raw.image ? await openImage(raw.image, key) : null,
  };
}

/** The local calendar date (YYYY-MM-DD) of an ISO timestamp, as a date input shows it. */
export function localDate(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export interface CaseQuery {
  /** Substring of the pseudonymous patient ID (case-insensitive). */
  text?: string;
  /** Creation date YYYY-MM-DD. */
  date?: string;
  status?: CaseStatus | '';
}

/** Cases matching the query, most recently updated first. */
export async function listCases(query: CaseQuery = {}): Promise<CaseRecord[]> {
  const key = sessionKey();
  const all = await Promise.all(
    (await getDb().cases.orderBy('updatedAt').reverse().toArray()).map((c) => openCase(c, key)),
  );
  const text = query.text?.trim().toLowerCase() ?? '';
  return all.filter(
    (c) =>
      (!text || c.patientId.toLowerCase().includes(text)) &&
      (!query.date || localDate(c.createdAt) === query.date) &&
      (!query.status || c.status === query.status),
  );
}

/** Copies a case (new ID, patient ID suffixed " (copy)"), image included. */
export async function duplicateCase(id: string): Promise<CaseRecord | null> {
  const found = await loadCase(id);
  if (!found) return null;
  const now = new Date().toISOString();
  const copy: CaseRecord = {
    ...structuredClone(found.record),
    id: newId(),
    patientId: `${found.record.patientId} (copy)`,
    createdAt: now,
    revision: 0,
  };
  return saveCase(copy, found.image ? { ...found.image, caseId: copy.id } : undefined);
}

/** Deletes a case and its image; returns what was deleted (readable) so it can be restored (undo). */
export async function deleteCase(
  id: string,
): Promise<{ record: CaseRecord; image: ImageRecord | null } | null> {
  const db = getDb();
  const raw = await db.transaction('rw', db.cases, db.images, async () => {
    const record = await db.cases.get(id);
    if (!record) return null;
    const image = (await db.images.get(id)) ?? null;
    await db.cases.delete(id);
    await db.images.delete(id);
    return { record, image };
  });
  if (!raw) return null;
  const key = sessionKey();
  return {
    record: await openCase(raw.record, key),
    image: raw.image ? await openImage(raw.image, key) : null,
  };
}

/** Puts a deleted case back exactly as it was (encrypted again while the passphrase lock is on). */
export async function restoreCase(deleted: { record: CaseRecord; image: ImageRecord | null }): Promise<void> {
  const db = getDb();
  const key = sessionKey();
  const record = key && !deleted.record.sealed ? await sealCase(deleted.record, key) : deleted.record;
  const image =
    key && deleted.image && !deleted.image.sealed ? await sealImage(deleted.image, key) : deleted.image;
  await db.transaction('rw', [db.cases, db.images, db.meta], async () => {
    await checkLockState(key);
    await db.cases.put(record);
    if (image) await db.images.put(image);
  });
}

export async function saveCalibratorRun(run: CalibratorRun): Promise<void> {
  if (!run.name.trim()) throw new MessageError('store.calibratorRunName');
  await getDb().calibratorRuns.put({ ...run, name: run.name.trim() });
}

export async function listCalibratorRuns(): Promise<CalibratorRun[]> {
  return getDb().calibratorRuns.orderBy('savedAt').reverse().toArray();
}
