/**
 * The optional passphrase lock. Off by default. When on, patient data are stored encrypted
 * (src/security/records.ts) and the key (src/security/session.ts) lives only in this tab's memory while unlocked; it is forgotten on
 * "Lock now", after inactivity (auto-lock) and on reload. A passphrase is always verified against the
 * encrypted check value before any record is read or rewritten, so a wrong one never changes data.
 * Turning the lock on or off rewrites every case and image in one transaction.
 */
import { create } from 'zustand';
import { getDb } from '../db/schema';
import type { CaseRecord, ImageRecord } from '../db/types';
import { createLock, PBKDF2_ITERATIONS, verifyPassphrase, type LockSettings } from '../security/crypto';
import { openCase, openImage, sealCase, sealImage } from '../security/records';
import { LOCK_KEY, sessionKey, setSessionKey } from '../security/session';
import { MessageError } from '../util/message';

export { LOCK_KEY, PBKDF2_ITERATIONS, sessionKey };
export const MIN_PASSPHRASE_LENGTH = 10;

export class WrongPassphraseError extends MessageError {
  override readonly name = 'WrongPassphraseError';
  constructor() {
    super('lock.wrongPassphrase');
  }
}

export async function getLockSettings(): Promise<LockSettings | null> {
  const v = (await getDb().meta.get(LOCK_KEY))?.value;
  return v ? (v as LockSettings) : null;
}

export interface LockState {
  /** 'checking' until the settings are read; 'off'; 'locked' (key unknown); 'unlocked'. */
  status: 'checking' | 'off' | 'locked' | 'unlocked';
  autoLockMinutes: number;
  /** Re-reads the settings (start-up, after a restore). */
  refresh(): Promise<void>;
}

export const useLockStore = create<LockState>((set) => ({
  status: 'checking',
  autoLockMinutes: 15,
  async refresh() {
    const s = await getLockSettings();
    if (!s) {
      setSessionKey(null);
      set({ status: 'off' });
    } else set({ status: sessionKey() ? 'unlocked' : 'locked', autoLockMinutes: s.autoLockMinutes });
  },
}));

/** Verifies the passphrase and keeps the key for this session. Writes nothing. */
export async function unlock(passphrase: string): Promise<void> {
  const settings = await getLockSettings();
  if (!settings) throw new MessageError('lock.notOn');
  const k = await verifyPassphrase(settings, passphrase);
  if (!k) throw new WrongPassphraseError();
  setSessionKey(k);
  useLockStore.setState({ status: 'unlocked', autoLockMinutes: settings.autoLockMinutes });
}

/** Forgets the key (the caller clears decrypted data from memory, e.g. the open case). */
export function lockNow(): void {
  if (useLockStore.getState().status !== 'unlocked') return;
  setSessionKey(null);
  useLockStore.setState({ status: 'locked' });
}

async function readAll(): Promise<{ cases: CaseRecord[]; images: ImageRecord[] }> {
  const db = getDb();
  return db.transaction('r', db.cases, db.images, async () => ({
    cases: await db.cases.toArray(),
    images: await db.images.toArray(),
  }));
}

function fingerprint(cases: CaseRecord[], images: ImageRecord[]): string {
  return JSON.stringify([
    cases.map((c) => [c.id, c.revision ?? 0, c.updatedAt, !!c.sealed]).sort(),
    images.map((i) => [i.caseId, i.blob.size, !!i.sealed]).sort(),
  ]);
}

/**
 * Rewrites every case and image with `transform` (done outside the transaction: WebCrypto is
 * asynchronous), then writes them and the lock setting in one transaction, provided nothing changed
 * in between (otherwise nothing is written and the user is asked to try again).
 */
async function rewriteAll(
  transform: {
    case: (c: CaseRecord) => Promise<CaseRecord>;
    image: (i: ImageRecord) => Promise<ImageRecord>;
  },
  settings: LockSettings | null,
  expectLock: boolean,
): Promise<void> {
  const db = getDb();
  const before = await readAll();
  const cases = await Promise.all(before.cases.map(transform.case));
  const images = await Promise.all(before.images.map(transform.image));
  await db.transaction('rw', [db.cases, db.images, db.meta], async () => {
    if (!!(await db.meta.get(LOCK_KEY)) !== expectLock) throw new MessageError('lock.changedElsewhere');
    const now = { cases: await db.cases.toArray(), images: await db.images.toArray() };
    if (fingerprint(now.cases, now.images) !== fingerprint(before.cases, before.images))
      throw new MessageError('lock.savedMeanwhile');
    await db.cases.bulkPut(cases);
    await db.images.bulkPut(images);
    if (settings) await db.meta.put({ key: LOCK_KEY, value: settings });
    else await db.meta.delete(LOCK_KEY);
  });
}

/** Turns the lock on: encrypts every case and image with a key from `passphrase`. */
export async function enableLock(
  passphrase: string,
  options: { iterations?: number; autoLockMinutes?: number } = {},
): Promise<void> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH)
    throw new MessageError('lock.tooShort', { min: MIN_PASSPHRASE_LENGTH });
  if (await getLockSettings()) throw new MessageError('lock.alreadyOn');
  const { settings, key: k } = await createLock(
    passphrase,
    options.iterations ?? PBKDF2_ITERATIONS,
    options.autoLockMinutes ?? 15,
  );
  await rewriteAll(
    { case: (c) => sealCase(c, k), image: (i) => (i.sealed ? Promise.resolve(i) : sealImage(i, k)) },
    settings,
    false,
  );
  setSessionKey(k);
  useLockStore.setState({ status: 'unlocked', autoLockMinutes: settings.autoLockMinutes });
}

/** Turns the lock off after verifying `passphrase`: decrypts every case and image. */
export async function disableLock(passphrase: string): Promise<void> {
  const settings = await getLockSettings();
  if (!settings) throw new MessageError('lock.notOn');
  const k = await verifyPassphrase(settings, passphrase);
  if (!k) throw new WrongPassphraseError();
  await rewriteAll({ case: (c) => openCase(c, k), image: (i) => openImage(i, k) }, null, true);
  setSessionKey(null);
  useLockStore.setState({ status: 'off' });
}

/** After a restore replaced the lock settings: forget the key, re-read the settings (off or locked). */
export async function reloadLockSettings(): Promise<void> {
  setSessionKey(null);
  await useLockStore.getState().refresh();
}

/** Test hook: forget the session key and state. */
export function resetLockSession(): void {
  setSessionKey(null);
  useLockStore.setState({ status: 'checking' });
}
