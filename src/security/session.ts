/**
 * The key of the unlocked session, held only in this tab's memory (never stored). The lock store
 * (src/store/lock.ts) sets and forgets it; the databases (src/db) seal and open records with it.
 */

/** Where the lock settings live in the `meta` table. */
export const LOCK_KEY = 'lock';

let key: CryptoKey | null = null;

/** The key of the unlocked session, or null (lock off, or locked). */
export function sessionKey(): CryptoKey | null {
  return key;
}

/** Keeps `k` for this session (null forgets it). */
export function setSessionKey(k: CryptoKey | null): void {
  key = k;
}
