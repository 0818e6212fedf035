/**
 * The PACS outbox table (schema version 3) as an `OutboxStorage` for src/pacs/outbox.ts, and the PACS
 * settings record in `meta` (never a password or token: those stay in memory for the session).
 */
import type { OutboxItem, OutboxStorage } from '../pacs/outbox';
import { getDb } from './schema';

/** The outbox on the app's database. */
export function outboxStorage(): OutboxStorage {
  return {
    put: async (item) => {
      await getDb().pacsOutbox.put(item);
    },
    get: (id) => getDb().pacsOutbox.get(id),
    list: () => getDb().pacsOutbox.toArray(),
    delete: (id) => getDb().pacsOutbox.delete(id),
  };
}

/** Outbox items of one case, newest first. */
export async function outboxItemsForCase(caseId: string): Promise<OutboxItem[]> {
  const items = await getDb().pacsOutbox.where('caseId').equals(caseId).toArray();
  return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Key of the PACS settings in `meta`. */
export const PACS_SETTINGS_KEY = 'pacsSettings';

/** Reads a `meta` value (undefined when absent). */
export async function readMeta<T>(key: string): Promise<T | undefined> {
  return (await getDb().meta.get(key))?.value as T | undefined;
}

/** Writes a `meta` value. */
export async function writeMeta(key: string, value: unknown): Promise<void> {
  await getDb().meta.put({ key, value });
}
