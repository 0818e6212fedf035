/**
 * The PACS outbox: SR objects waiting to be stored (STOW-RS). Pure logic over a storage interface
 * (the store layer backs it with the IndexedDB table `pacsOutbox`, src/db/pacsOutbox.ts).
 *
 * Must stay true (nothing is lost):
 * - An item's bytes are dropped only after the server accepted it (STOW-RS without a failure for it)
 *   AND a QIDO-RS query finds the instance on the server; then the item becomes `stored` (kept,
 *   without bytes, as the case's proof).
 * - Transport errors, 401/403, 5xx and answers that do not mention the instance keep the item
 *   `pending`, with `lastError` and a later `nextAttemptAt` (exponential backoff).
 * - A permanent refusal (the instance in FailedSOPSequence, HTTP 409/400, or a "stored" answer for an
 *   instance the server does not hold — `pacs.notKept`) makes the item `rejected` with the reason;
 *   it stays until the user retries or discards it.
 */
import { isMessageError, MessageError, type Message } from '../util/message';
import type { DicomwebClient } from './dicomweb';

export type OutboxState = 'pending' | 'rejected' | 'stored';

export interface OutboxItem {
  /** The SR's SOP Instance UID (one item per object). */
  id: string;
  /** The local case the analysis belongs to (null when unknown). */
  caseId: string | null;
  createdAt: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  patientId: string;
  /** The Part 10 bytes; null once stored. */
  bytes: Uint8Array | null;
  state: OutboxState;
  attempts: number;
  lastAttemptAt: string | null;
  /** When the next automatic attempt is due (ISO); null when none is scheduled. */
  nextAttemptAt: string | null;
  /** Why the last attempt failed (a `pacs.*` message), or null. */
  lastError: Message | null;
  storedAt: string | null;
}

/** Where outbox items live. */
export interface OutboxStorage {
  put(item: OutboxItem): Promise<void>;
  get(id: string): Promise<OutboxItem | undefined>;
  list(): Promise<OutboxItem[]>;
  delete(id: string): Promise<void>;
}

/** Backoff before attempt `attempts + 1`: 5 s, 10 s, 20 s … capped at 10 min. */
export function backoffMs(attempts: number): number {
  return Math.min(600_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

/** Adds an SR object to the outbox (state pending, due now). */
export async function enqueue(
  storage: OutboxStorage,
  input: {
    sopInstanceUid: string;
    seriesInstanceUid: string;
    studyInstanceUid: string;
    patientId: string;
    caseId: string | null;
    bytes: Uint8Array;
  },
  now: Date = new Date(),
): Promise<OutboxItem> {
  const item: OutboxItem = {
    id: input.sopInstanceUid,
    caseId: input.caseId,
    createdAt: now.toISOString(),
    studyInstanceUid: input.studyInstanceUid,
    seriesInstanceUid: input.seriesInstanceUid,
    patientId: input.patientId,
    bytes: input.bytes,
    state: 'pending',
    attempts: 0,
    lastAttemptAt: null,
    nextAttemptAt: now.toISOString(),
    lastError: null,
    storedAt: null,
  };
  await storage.put(item);
  return item;
}

/** Codes after which an item stays pending (the server may accept it later). */
const TRANSIENT = new Set([
  'pacs.unreachable',
  'pacs.unavailable',
  'pacs.unauthorized',
  'pacs.forbidden',
  'pacs.httpError',
  'pacs.badResponse',
  'pacs.notFound',
]);

/**
 * Sends one item now (whatever its schedule) and records the outcome.
 * @returns the updated item (stored, still pending with `lastError`, or rejected with the reason)
 */
export async function sendItem(
  storage: OutboxStorage,
  client: DicomwebClient,
  item: OutboxItem,
  now: Date = new Date(),
): Promise<OutboxItem> {
  if (item.state === 'stored' || !item.bytes) return item;
  const attempts = item.attempts + 1;
  const base = { ...item, attempts, lastAttemptAt: now.toISOString() };
  let next: OutboxItem;
  try {
    const res = await client.store([item.bytes], item.studyInstanceUid);
    const listed = res.stored.some((s) => s.sopInstanceUid === item.id);
    const failed = res.failed.find((f) => f.sopInstanceUid === item.id || f.sopInstanceUid === '');
    // A "stored" answer is confirmed with QIDO before the bytes are dropped: Orthanc 1.10 with
    // DICOMweb 1.7 lists an instance its ReceivedInstanceFilter refused as stored, and answers an
    // empty 200 when the filter fails.
    const kept =
      !failed && (await client.instanceExists(item.studyInstanceUid, item.seriesInstanceUid, item.id));
    if (kept) {
      next = {
        ...base,
        state: 'stored',
        bytes: null,
        nextAttemptAt: null,
        lastError: null,
        storedAt: now.toISOString(),
      };
    } else if (failed || res.status === 409 || res.status === 400) {
      const reason = failed?.reason || `HTTP ${res.status}`;
      next = {
        ...base,
        state: 'rejected',
        nextAttemptAt: null,
        lastError: { code: 'pacs.rejected', params: { reason, count: Math.max(1, res.failed.length) } },
      };
    } else {
      // The server said "stored" (or nothing) but does not hold the object: a server rule refused it.
      next = {
        ...base,
        state: 'rejected',
        nextAttemptAt: null,
        lastError: { code: 'pacs.notKept', params: { listed: listed ? 'yes' : 'no' } },
      };
    }
  } catch (e) {
    const msg: Message = isMessageError(e)
      ? e.toMessage()
      : { code: 'pacs.unreachable', params: { url: '' } };
    if (isMessageError(e) && !TRANSIENT.has(e.code)) {
      next = { ...base, state: 'rejected', nextAttemptAt: null, lastError: msg };
    } else {
      next = {
        ...base,
        state: 'pending',
        nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
        lastError: msg,
      };
    }
  }
  await storage.put(next);
  return next;
}

/**
 * Sends every pending item that is due (all pending items with `force`), oldest first. Stops at the
 * first authentication or transport failure (the others would fail alike) and leaves them pending.
 * @returns the items after the attempt, in creation order
 */
export async function flushOutbox(
  storage: OutboxStorage,
  client: DicomwebClient,
  options: { now?: Date; force?: boolean } = {},
): Promise<OutboxItem[]> {
  const now = options.now ?? new Date();
  const items = (await storage.list()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  let halted = false;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (halted || it.state !== 'pending') continue;
    if (!options.force && it.nextAttemptAt && it.nextAttemptAt > now.toISOString()) continue;
    items[i] = await sendItem(storage, client, it, now);
    const code = items[i].lastError?.code;
    if (items[i].state === 'pending' && code && code !== 'pacs.badResponse') halted = true;
  }
  return items;
}

/** Makes a rejected item pending again (the user chose to retry, e.g. after the PACS was fixed). */
export async function retryItem(
  storage: OutboxStorage,
  id: string,
  now: Date = new Date(),
): Promise<OutboxItem> {
  const item = await storage.get(id);
  if (!item) throw new MessageError('pacs.notFound', { what: 'outbox item' });
  const next: OutboxItem = {
    ...item,
    state: item.state === 'stored' ? 'stored' : 'pending',
    nextAttemptAt: now.toISOString(),
  };
  await storage.put(next);
  return next;
}
