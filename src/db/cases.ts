/** Case persistence: transactional save, load, list with search, duplicate, delete and restore. */
import { emptyQpcrEntry } from '../qpcr/analysis';
import { CaseConflictError } from './conflicts';
import { getDb } from './schema';
import type { CalibratorRun, CaseRecord, CaseStatus, ImageRecord } from './types';

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
  return db.transaction('rw', db.cases, db.images, async () => {
    const current = await db.cases.get(record.id);
    const mine = record.revision ?? 0;
    if (current && (current.revision ?? 0) !== mine && !options.force) throw new CaseConflictError(current);
    const stored: CaseRecord = {
      ...record,
      status: caseStatus(record),
      updatedAt: new Date().toISOString(),
      revision: Math.max(current?.revision ?? 0, mine) + 1,
    };
    await db.cases.put(stored);
    if (image) await db.images.put(image);
    else if (image === null) await db.images.delete(record.id);
    return stored;
  });
}

export async function loadCase(
  id: string,
): Promise<{ record: CaseRecord; image: ImageRecord | null } | null> {
  const db = getDb();
  return db.transaction('r', db.cases, db.images, async () => {
    const record = await db.cases.get(id);
    if (!record) return null;
    const image = (await db.images.get(id)) ?? null;
    return { record, image };
  });
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
  const all = await getDb().cases.orderBy('updatedAt').reverse().toArray();
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

/** Deletes a case and its image; returns what was deleted so it can be restored (undo). */
export async function deleteCase(
  id: string,
): Promise<{ record: CaseRecord; image: ImageRecord | null } | null> {
  const db = getDb();
  return db.transaction('rw', db.cases, db.images, async () => {
    const record = await db.cases.get(id);
    if (!record) return null;
    const image = (await db.images.get(id)) ?? null;
    await db.cases.delete(id);
    await db.images.delete(id);
    return { record, image };
  });
}

/** Puts a deleted case back exactly as it was. */
export async function restoreCase(deleted: { record: CaseRecord; image: ImageRecord | null }): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.cases, db.images, async () => {
    await db.cases.put(deleted.record);
    if (deleted.image) await db.images.put(deleted.image);
  });
}

export async function saveCalibratorRun(run: CalibratorRun): Promise<void> {
  if (!run.name.trim())
    throw new Error('Give the calibrator run a name (e.g. the plate ID) before saving it.');
  await getDb().calibratorRuns.put({ ...run, name: run.name.trim() });
}

export async function listCalibratorRuns(): Promise<CalibratorRun[]> {
  return getDb().calibratorRuns.orderBy('savedAt').reverse().toArray();
}
