import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderEnglish } from '../../../src/i18n/render';
import { Dexie } from 'dexie';
import { loadCase } from '../../../src/db/cases';
import { setDb, type SonoMiRDatabase } from '../../../src/db/schema';
import { setModelsDb, type ModelsDatabase } from '../../../src/db/models';
import {
  describeWriteError,
  formatBytes,
  isQuotaError,
  STORAGE_FULL_MESSAGE,
  storageUse,
} from '../../../src/db/quota';
import { flushSave } from '../../../src/store/autosave';
import { useCaseStore } from '../../../src/store/caseStore';
import { freshDatabases } from './fixtures';

let db: SonoMiRDatabase;
let mdb: ModelsDatabase;
beforeEach(() => {
  ({ db, mdb } = freshDatabases());
  useCaseStore.getState().newCase();
});
afterEach(async () => {
  await db.delete();
  await mdb.delete();
  setDb(null);
  setModelsDb(null);
});

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('storage quota errors', () => {
  it('recognises the raw DOMException, Dexie’s error and a wrapped one; nothing else', () => {
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', quota()))).toBe(true);
    expect(isQuotaError(new Error('outer', { cause: quota() }))).toBe(true);
    expect(isQuotaError(new Error('constraint failed'))).toBe(false);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    expect(describeWriteError(quota())).toBe(STORAGE_FULL_MESSAGE);
    expect(renderEnglish(STORAGE_FULL_MESSAGE)).toMatch(/full.*NOT saved.*Export a backup/s);
    expect(renderEnglish(describeWriteError(new Error('disk gone')))).toBe('Saving failed: disk gone');
  });

  it('a table failing with QuotaExceededError: the save fails, the store explains, the old data stays', async () => {
    const s = useCaseStore.getState();
    s.setPatientId('Q-1');
    await flushSave();
    const id = useCaseStore.getState().record.id;
    const before = (await loadCase(id))!.record;
    // The fake failing table: every write to `cases` is refused as the browser does when storage is full.
    const fail = () => {
      throw quota();
    };
    db.cases.hook('updating', fail);
    db.cases.hook('creating', fail);
    useCaseStore.getState().setPatientId('Q-1 changed');
    await flushSave();
    const st = useCaseStore.getState();
    expect(st.storageFull).toBe(STORAGE_FULL_MESSAGE);
    expect(st.saveState).toBe('error');
    expect((await loadCase(id))?.record).toEqual(before);
    // Once space is freed the next save clears the banner.
    db.cases.hook('updating').unsubscribe(fail);
    db.cases.hook('creating').unsubscribe(fail);
    useCaseStore.getState().setPatientId('Q-1 changed again');
    await flushSave();
    expect(useCaseStore.getState().storageFull).toBeNull();
    expect((await loadCase(id))?.record.patientId).toBe('Q-1 changed again');
  });

  it('reports storage use from navigator.storage.estimate()', async () => {
    expect(await storageUse({ estimate: async () => ({ usage: 12_345_678, quota: 2_000_000_000 }) })).toEqual(
      {
        usage: 12_345_678,
        quota: 2_000_000_000,
        text: '12.3 MB of 2.0 GB (0.6 %)',
      },
    );
    expect(await storageUse({ estimate: async () => ({}) })).toBeNull();
    expect(await storageUse(undefined)).toBeNull();
    expect(formatBytes(999)).toBe('999 bytes');
  });
});
