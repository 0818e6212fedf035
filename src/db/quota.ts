/**
 * Storage quota: recognising a full browser storage (QuotaExceededError, raw or wrapped by Dexie) and
 * explaining it, and reading how much space SonoMiR uses (`navigator.storage.estimate()`).
 */
import { message, toMessage, type Message } from '../util/message';

/** True when `e` (or an error it wraps) is the browser refusing a write because storage is full. */
export function isQuotaError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && typeof x === 'object' && depth < 5; depth++) {
    const o = x as { name?: unknown; inner?: unknown; cause?: unknown; message?: unknown; code?: unknown };
    if (o.name === 'QuotaExceededError' || o.name === 'QuotaExceeded' || o.code === 22) return true;
    if (typeof o.message === 'string' && /QuotaExceeded|quota exceeded|exceeded the quota/i.test(o.message))
      return true;
    x = o.inner ?? o.cause;
  }
  return false;
}

/** What to tell the user when a write failed because storage is full (`code.save.storageFull`). */
export const STORAGE_FULL_MESSAGE: Message = message('save.storageFull');

/** What failed, for {@link describeWriteError}. */
export type WriteKind = 'saving' | 'copy' | 'backup' | 'restore' | 'lock';
const WHAT: Record<WriteKind, Message> = {
  saving: message('save.what.saving'),
  copy: message('save.what.copy'),
  backup: message('save.what.backup'),
  restore: message('save.what.restore'),
  lock: message('save.what.lock'),
};

/** The message for a failed write: the storage-full explanation, or what failed and the error's message. */
export function describeWriteError(e: unknown, what: WriteKind = 'saving'): Message {
  if (isQuotaError(e)) return STORAGE_FULL_MESSAGE;
  return message('save.failed', { what: WHAT[what], message: toMessage(e) });
}

export interface StorageUse {
  usage: number;
  quota: number;
  /** e.g. "12.3 MB of 2.1 GB (0.6 %)" */
  text: string;
}

export function formatBytes(n: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${v.toFixed(1)} ${units[u]}`;
}

/** Storage used and available to this site, or null where the browser does not say. */
export async function storageUse(
  storage: Pick<StorageManager, 'estimate'> | undefined = globalThis.navigator?.storage,
): Promise<StorageUse | null> {
  if (!storage?.estimate) return null;
  const { usage, quota } = await storage.estimate();
  if (usage === undefined || quota === undefined || quota <= 0) return null;
  const pct = (100 * usage) / quota;
  return {
    usage,
    quota,
    text: `${formatBytes(usage)} of ${formatBytes(quota)} (${pct < 0.1 ? pct.toFixed(2) : pct.toFixed(1)} %)`,
  };
}
