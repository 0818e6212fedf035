/**
 * The model registry: a separate IndexedDB database (`sonomir-models`, via Dexie) so the Model
 * Studio's schema never clashes with the case database's versions.
 *
 * Tables (version 1):
 * - `models`: one record per stored model document, keyed by the document's SHA-256 (so the same
 *   file imported twice is stored once), with the registry metadata shown in the Model Studio
 *   (name, version, dates, cohort size, AUCs).
 * - `settings`: key/value pairs; `activeModelId` holds the id of the active model, or
 *   {@link DEMO_MODEL_ID} when the embedded demonstration model is active.
 */
import { Dexie, type Table } from 'dexie';
import { MODEL_KINDS, type ModelDocument, type ModelKind } from '../model/modelFile';
import { MessageError } from '../util/message';

export const MODELS_DB_NAME = 'sonomir-models';
/** Registry id that designates the embedded demonstration model (never stored in `models`). */
export const DEMO_MODEL_ID = 'demo';

/** AUCs of one model kind, for the registry list. */
export interface ModelAucs {
  cv: number;
  validation: number;
}

export interface ModelRecord {
  /** The document's SHA-256 (hash.value). */
  id: string;
  name: string;
  /** 1, 2, … per name. */
  version: number;
  /** When the record was stored (ISO). */
  savedAt: string;
  /** When the model was trained (the document's createdAt). */
  createdAt: string;
  /** Cases in the training cohort (training + validation). */
  cohortSize: number;
  metrics: Record<ModelKind, ModelAucs | null>;
  source: 'trained' | 'imported';
  document: ModelDocument;
}

interface SettingRecord {
  key: string;
  value: string;
}

export class ModelsDatabase extends Dexie {
  models!: Table<ModelRecord, string>;
  settings!: Table<SettingRecord, string>;

  constructor(name = MODELS_DB_NAME) {
    super(name);
    this.version(1).stores({ models: '&id, name, savedAt', settings: '&key' });
  }
}

let instance: ModelsDatabase | null = null;

/** The registry database (opened lazily). */
export function getModelsDb(): ModelsDatabase {
  if (!instance) instance = new ModelsDatabase();
  return instance;
}

/** Test hook: use another database (e.g. a fresh fake-indexeddb one). */
export function setModelsDb(db: ModelsDatabase | null): void {
  instance = db;
}

/** Cross-validated and validation AUC of each model kind in a document. */
export function modelAucs(doc: ModelDocument): Record<ModelKind, ModelAucs | null> {
  const out = {} as Record<ModelKind, ModelAucs | null>;
  for (const kind of MODEL_KINDS) {
    const m = doc.models[kind];
    out[kind] = m ? { cv: m.metrics.cv.auc, validation: m.metrics.validation.auc } : null;
  }
  return out;
}

/**
 * Stores a sealed document under a name; the version is one more than the highest stored version
 * of that name. A document already in the registry (same hash) is returned unchanged.
 */
export async function saveModel(
  doc: ModelDocument,
  name: string,
  source: ModelRecord['source'],
): Promise<ModelRecord> {
  const trimmed = name.trim();
  if (!trimmed) throw new MessageError('store.modelName');
  const db = getModelsDb();
  return db.transaction('rw', db.models, async () => {
    const existing = await db.models.get(doc.hash.value);
    if (existing) return existing;
    const same = await db.models.where('name').equals(trimmed).toArray();
    const record: ModelRecord = {
      id: doc.hash.value,
      name: trimmed,
      version: same.reduce((v, r) => Math.max(v, r.version), 0) + 1,
      savedAt: new Date().toISOString(),
      createdAt: doc.createdAt,
      cohortSize: doc.training.n,
      metrics: modelAucs(doc),
      source,
      document: doc,
    };
    await db.models.put(record);
    return record;
  });
}

/** Registry records, newest first. */
export async function listModels(): Promise<ModelRecord[]> {
  return getModelsDb().models.orderBy('savedAt').reverse().toArray();
}

export async function getModel(id: string): Promise<ModelRecord | null> {
  return (await getModelsDb().models.get(id)) ?? null;
}

export async function deleteModel(id: string): Promise<void> {
  await getModelsDb().models.delete(id);
}

/** The id of the active model ({@link DEMO_MODEL_ID} for the demonstration model), or null if never set. */
export async function getActiveModelId(): Promise<string | null> {
  return (await getModelsDb().settings.get('activeModelId'))?.value ?? null;
}

export async function setActiveModelId(id: string): Promise<void> {
  await getModelsDb().settings.put({ key: 'activeModelId', value: id });
}
