import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishError, renderEnglish } from '../../../src/i18n/render';
import { createBackup, restoreBackup } from '../../../src/db/backup';
import { listCases, loadCase, newCaseRecord, saveCase } from '../../../src/db/cases';
import { setModelsDb, type ModelsDatabase } from '../../../src/db/models';
import { setDb, type SonoMiRDatabase } from '../../../src/db/schema';
import {
  CHECK_PLAINTEXT,
  createLock,
  deriveKey,
  openText,
  PBKDF2_ITERATIONS,
  sealText,
  verifyPassphrase,
} from '../../../src/security/crypto';
import {
  disableLock,
  enableLock,
  getLockSettings,
  lockNow,
  resetLockSession,
  unlock,
  useLockStore,
  WrongPassphraseError,
} from '../../../src/store/lock';
import { LockedError } from '../../../src/security/records';
import type { CaseRecord } from '../../../src/db/types';
import { dump, freshDatabases, seed } from '../db/fixtures';
import { flushSave, lockApp } from '../../../src/store/autosave';
import { useCaseStore } from '../../../src/store/caseStore';
import { englishRejected } from '../../fixtures/englishError';

const PASS = 'correct horse battery staple';
/** Small iteration count for speed; the production default is asserted separately. */
const FAST = { iterations: 1_000 };

let db: SonoMiRDatabase;
let mdb: ModelsDatabase;
beforeEach(() => {
  ({ db, mdb } = freshDatabases());
  resetLockSession();
});
afterEach(async () => {
  resetLockSession();
  await db.delete();
  await mdb.delete();
  setDb(null);
  setModelsDb(null);
});

/** Cases read through the app (decrypted), in id order. */
async function readable(): Promise<{ cases: CaseRecord[]; images: [string, string, Uint8Array][] }> {
  const cases = (await listCases()).sort((a, b) => a.id.localeCompare(b.id));
  const images: [string, string, Uint8Array][] = [];
  for (const c of cases) {
    const img = (await loadCase(c.id))?.image;
    if (img) images.push([img.fileName, img.blob.type, new Uint8Array(await img.blob.arrayBuffer())]);
  }
  return { cases, images };
}

describe('WebCrypto primitives', () => {
  it('uses at least 600,000 PBKDF2 iterations by default', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const { settings, key } = await createLock(PASS);
    expect(settings.iterations).toBe(PBKDF2_ITERATIONS);
    expect(settings.kdf).toBe('PBKDF2-SHA-256');
    expect(await openText(key, settings.check)).toBe(CHECK_PLAINTEXT);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect(key.extractable).toBe(false);
  });

  it('random salt, fresh IV per value; wrong passphrase fails the check', async () => {
    const a = await createLock(PASS, 1000);
    const b = await createLock(PASS, 1000);
    expect(a.settings.salt).not.toBe(b.settings.salt);
    const x = await sealText(a.key, 'same');
    const y = await sealText(a.key, 'same');
    expect(x.iv).not.toBe(y.iv);
    expect(x.data).not.toBe(y.data);
    expect(await verifyPassphrase(a.settings, PASS)).not.toBeNull();
    expect(await verifyPassphrase(a.settings, PASS + ' ')).toBeNull();
    await expect(deriveKey(PASS, new Uint8Array(16), 0)).rejects.toThrow(/positive integer/);
  });
});

describe('passphrase lock over the case database', () => {
  it('encrypts identifiers, images and all case content at rest; the app reads them while unlocked', async () => {
    await seed(db, mdb);
    const before = await readable();
    const rawBefore = await dump(db, mdb);
    await enableLock(PASS, FAST);
    expect(useLockStore.getState().status).toBe('unlocked');
    const raw = await dump(db, mdb);
    const text = JSON.stringify(raw.cases);
    for (const c of before.cases) {
      expect(text).not.toContain(c.patientId);
      const stored = raw.cases.find((r) => r.id === c.id)!;
      expect(stored.patientId).toBe('');
      expect(stored.roi).toBeNull();
      expect(stored.sealed?.iv).toMatch(/^[A-Za-z0-9+/]{16}$/);
      expect(stored.revision).toBe(c.revision);
    }
    expect(text).not.toContain('lesion-');
    for (const [i, img] of raw.images.entries()) {
      expect(img.fileName).toBe('');
      expect(img.bytes).not.toEqual(rawBefore.images[i].bytes);
      expect(img.bytes.length).toBe(rawBefore.images[i].bytes.length + 16); // GCM tag
    }
    expect(await readable()).toEqual(before);

    // New saves are encrypted too.
    const saved = await saveCase(newCaseRecord('BR-NEW-SECRET'));
    expect(JSON.stringify(await db.cases.get(saved.id))).not.toContain('BR-NEW-SECRET');
    expect((await loadCase(saved.id))?.record.patientId).toBe('BR-NEW-SECRET');
  });

  it('while locked nothing is readable and nothing is written in clear', async () => {
    await seed(db, mdb);
    await enableLock(PASS, FAST);
    lockNow();
    expect(useLockStore.getState().status).toBe('locked');
    await expect(listCases()).rejects.toThrow(LockedError);
    const id = (await db.cases.toArray())[0].id;
    expect(englishError(await loadCase(id).catch((e: unknown) => e))).toMatch(/locked: enter the passphrase/);
    const rawBefore = await dump(db, mdb);
    await expect(saveCase(newCaseRecord('CLEAR-TEXT'))).rejects.toThrow(LockedError);
    expect(await dump(db, mdb)).toEqual(rawBefore);
  });

  it('a wrong passphrase never changes data (unlock and turning the lock off)', async () => {
    await seed(db, mdb);
    const before = await readable();
    await enableLock(PASS, FAST);
    lockNow();
    const raw = await dump(db, mdb);
    for (const wrong of ['', 'correct horse battery stapl', 'Correct horse battery staple', PASS + '\n']) {
      await expect(unlock(wrong)).rejects.toThrow(WrongPassphraseError);
      await expect(disableLock(wrong)).rejects.toMatchObject({ code: 'lock.wrongPassphrase' });
      expect(await englishRejected(disableLock(wrong))).toMatch(/Wrong passphrase\. Nothing was changed/);
      expect(await dump(db, mdb)).toEqual(raw);
      expect(useLockStore.getState().status).toBe('locked');
    }
    await unlock(PASS);
    expect(await readable()).toEqual(before);
  });

  it('turning the lock off restores every record byte for byte', async () => {
    await seed(db, mdb);
    const rawBefore = await dump(db, mdb);
    await enableLock(PASS, FAST);
    lockNow();
    await disableLock(PASS);
    expect(await getLockSettings()).toBeNull();
    expect(useLockStore.getState().status).toBe('off');
    expect(await dump(db, mdb)).toEqual(rawBefore);
  });

  it('refuses a short passphrase and a second enable', async () => {
    await expect(enableLock('short', FAST)).rejects.toMatchObject({
      code: 'lock.tooShort',
      params: { min: 10 },
    });
    expect(await englishRejected(enableLock('short', FAST))).toMatch(/at least 10 characters/);
    await enableLock(PASS, FAST);
    await expect(enableLock(PASS, FAST)).rejects.toMatchObject({ code: 'lock.alreadyOn' });
  });

  it('altered ciphertext is detected, not returned', async () => {
    await seed(db, mdb);
    await enableLock(PASS, FAST);
    const c = (await db.cases.toArray())[0];
    const data = c.sealed!.data;
    const flipped = (data[5] === 'A' ? 'B' : 'A') + '';
    await db.cases.put({ ...c, sealed: { ...c.sealed!, data: data.slice(0, 5) + flipped + data.slice(6) } });
    await expect(loadCase(c.id)).rejects.toThrow();
  });

  it('a backup of a locked database restores encrypted and opens with the passphrase', async () => {
    await seed(db, mdb);
    const before = await readable();
    await enableLock(PASS, FAST);
    const raw = await dump(db, mdb);
    const { bytes } = await createBackup();
    expect(new TextDecoder().decode(bytes)).not.toContain('BR-0001');
    await db.delete();
    await mdb.delete();
    ({ db, mdb } = freshDatabases());
    resetLockSession();
    await restoreBackup(bytes);
    const restored = await dump(db, mdb);
    expect(restored.cases).toEqual(raw.cases);
    expect(restored.images).toEqual(raw.images);
    await useLockStore.getState().refresh();
    expect(useLockStore.getState().status).toBe('locked');
    await unlock(PASS);
    expect(await readable()).toEqual(before);
  });

  it('a tab without the key (lock turned on elsewhere) keeps its edits and saves them encrypted after unlock', async () => {
    await enableLock(PASS, FAST);
    lockNow();
    useLockStore.setState({ status: 'off' }); // this tab has not noticed the lock yet
    useCaseStore.getState().newCase();
    useCaseStore.getState().setPatientId('EDITED-BEFORE-LOCK');
    await flushSave();
    expect(useCaseStore.getState().saveState).toBe('error');
    expect(renderEnglish(useCaseStore.getState().saveError!)).toMatch(/locked: enter the passphrase/);
    await expect.poll(() => useLockStore.getState().status).toBe('locked');
    expect(await db.cases.count()).toBe(0);
    await unlock(PASS);
    await flushSave();
    expect(useCaseStore.getState().saveState).toBe('saved');
    const id = useCaseStore.getState().record.id;
    expect(JSON.stringify(await db.cases.get(id))).not.toContain('EDITED-BEFORE-LOCK');
    expect((await loadCase(id))?.record.patientId).toBe('EDITED-BEFORE-LOCK');
  });

  it('locking clears a saved case; a case whose save failed stays (behind the lock) and is saved after unlock', async () => {
    await enableLock(PASS, FAST);
    const s = useCaseStore.getState();
    s.newCase();
    s.setPatientId('SAVED-BEFORE-LOCK');
    await lockApp();
    expect(useLockStore.getState().status).toBe('locked');
    expect(useCaseStore.getState().record.patientId).toBe('');
    await unlock(PASS);
    expect((await listCases()).map((c) => c.patientId)).toEqual(['SAVED-BEFORE-LOCK']);

    useCaseStore.getState().newCase();
    useCaseStore.getState().setPatientId('UNSAVED-AT-LOCK');
    // Every write to the cases table refused, as a full disk does.
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    db.cases.hook('creating', full);
    db.cases.hook('updating', full);
    await lockApp();
    expect(useLockStore.getState().status).toBe('locked');
    expect(useCaseStore.getState().saveState).toBe('error');
    expect(useCaseStore.getState().record.patientId).toBe('UNSAVED-AT-LOCK');
    db.cases.hook('creating').unsubscribe(full);
    db.cases.hook('updating').unsubscribe(full);
    await unlock(PASS);
    await flushSave(); // what the lock screen does after the passphrase when the case is unsaved
    expect(useCaseStore.getState().saveState).toBe('saved');
    expect((await listCases()).map((c) => c.patientId).sort()).toEqual([
      'SAVED-BEFORE-LOCK',
      'UNSAVED-AT-LOCK',
    ]);
  });
});
