import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { loadCase, newCaseRecord, saveCase } from '../../../src/db/cases';
import { CaseConflictError } from '../../../src/db/conflicts';
import { setDb, type SonoMiRDatabase } from '../../../src/db/schema';
import { setModelsDb, type ModelsDatabase } from '../../../src/db/models';
import { flushSave, resolveConflict, startAutosave, whenSaved } from '../../../src/store/autosave';
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

describe('revision check inside the save transaction', () => {
  it('counts revisions and refuses a save based on an older revision, writing nothing', async () => {
    const first = await saveCase(newCaseRecord('A-1'));
    expect(first.revision).toBe(1);
    const tabB = await saveCase({ ...first, patientId: 'A-1 from B' });
    expect(tabB.revision).toBe(2);
    // Tab A still holds revision 1.
    const err = await saveCase({ ...first, patientId: 'A-1 from A' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaseConflictError);
    expect((err as CaseConflictError).theirs.patientId).toBe('A-1 from B');
    expect((err as Error).message).toMatch(/changed in another tab or window/);
    expect((await loadCase(first.id))?.record).toEqual(tabB);
    // An explicit overwrite is possible (not used by the autosave).
    expect((await saveCase({ ...first, patientId: 'forced' }, undefined, { force: true })).revision).toBe(3);
  });
});

describe('autosave with two tabs', () => {
  async function openedCase() {
    const s = useCaseStore.getState();
    s.setPatientId('BR-0100');
    await flushSave();
    const id = useCaseStore.getState().record.id;
    expect(useCaseStore.getState().record.revision).toBe(1);
    // Another tab saves the same case (revision 1 → 2).
    const other = (await loadCase(id))!.record;
    const theirs = await saveCase({ ...other, patientId: 'BR-0100 (edited in tab B)' });
    // This tab edits its stale version.
    useCaseStore.getState().setPatientId('BR-0100 (edited in tab A)');
    await flushSave();
    return { id, theirs };
  }

  it('never overwrites the other tab: the conflict is shown and saving stops', async () => {
    const { id, theirs } = await openedCase();
    const st = useCaseStore.getState();
    expect(st.conflict?.patientId).toBe('BR-0100 (edited in tab B)');
    expect(st.saveState).toBe('error');
    expect((await loadCase(id))?.record).toEqual(theirs);
    // Further edits are not written over the other version either.
    st.setPatientId('BR-0100 (more from A)');
    await flushSave();
    expect((await loadCase(id))?.record).toEqual(theirs);
  });

  it('"reload theirs" opens the other version', async () => {
    const { id } = await openedCase();
    await resolveConflict('theirs');
    const st = useCaseStore.getState();
    expect(st.conflict).toBeNull();
    expect(st.record.id).toBe(id);
    expect(st.record.patientId).toBe('BR-0100 (edited in tab B)');
    expect(st.saveState).toBe('saved');
  });

  it('"keep mine as a copy" saves this tab\'s version as a new case and keeps theirs', async () => {
    // With the autosave running, as on the Case screen (leaving a case in conflict saves a copy of it
    // by itself: the copy made here must be the only one).
    const stop = startAutosave();
    onTestFinished(stop);
    const { id, theirs } = await openedCase();
    await resolveConflict('copy');
    await whenSaved();
    const st = useCaseStore.getState();
    expect(st.conflict).toBeNull();
    expect(st.record.id).not.toBe(id);
    expect(st.record.patientId).toBe('BR-0100 (edited in tab A) (my copy)');
    expect((await loadCase(st.record.id))?.record.patientId).toBe('BR-0100 (edited in tab A) (my copy)');
    expect((await loadCase(id))?.record).toEqual(theirs);
    expect(await db.cases.count()).toBe(2);
  });
});
