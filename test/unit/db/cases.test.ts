import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SonoMiRDatabase, setDb } from '../../../src/db/schema';
import {
  caseStatus,
  deleteCase,
  duplicateCase,
  listCalibratorRuns,
  listCases,
  localDate,
  loadCase,
  newCaseRecord,
  restoreCase,
  saveCalibratorRun,
  saveCase,
} from '../../../src/db/cases';
import { addOp, emptyRoi } from '../../../src/roi/roi';

let db: SonoMiRDatabase;
let n = 0;
beforeEach(async () => {
  db = new SonoMiRDatabase(`test-${++n}`);
  setDb(db);
});
afterEach(async () => {
  await db.delete();
  setDb(null);
});

describe('case database (Dexie)', () => {
  it('declares the current schema version (3) with its five tables', async () => {
    await db.open();
    expect(db.verno).toBe(3);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'calibratorRuns',
      'cases',
      'images',
      'meta',
      'pacsOutbox',
    ]);
  });

  it('saves and reloads a case with its image blob, ROI with a mask and status', async () => {
    const rec = newCaseRecord('P-001');
    rec.image = {
      fileName: 'a.png',
      format: 'png',
      width: 4,
      height: 3,
      fileSpacing: { row: 1, col: 1, unit: 'px', source: 'none' },
      calibration: null,
    };
    rec.roi = addOp(emptyRoi(4, 3), {
      kind: 'mask',
      id: 'm',
      width: 4,
      height: 3,
      data: new Uint8Array([0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]),
      dx: 0,
      dy: 0,
    });
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    await saveCase(rec, { caseId: rec.id, blob: new Blob([bytes]), fileName: 'a.png' });
    const back = await loadCase(rec.id);
    expect(back?.record.patientId).toBe('P-001');
    expect(back?.record.status).toBe('missing-roi');
    const op = back?.record.roi?.ops[0];
    expect(op?.kind === 'mask' && Array.from(op.data)).toEqual([0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    const blob = back?.image?.blob;
    expect(blob).toBeDefined();
    expect(new Uint8Array(await (blob as Blob).arrayBuffer())).toEqual(bytes);
  });

  it('lists with search by patient ID, date and status; duplicates; deletes and restores', async () => {
    const a = newCaseRecord('BR-0007');
    const b = newCaseRecord('BR-0012');
    b.outcome = { millerPayne: 4, pcr: true, recordedAt: new Date().toISOString() };
    await saveCase(a);
    await saveCase(b);
    expect((await listCases({ text: '0007' })).map((c) => c.patientId)).toEqual(['BR-0007']);
    expect((await listCases({ status: 'outcome' })).map((c) => c.patientId)).toEqual(['BR-0012']);
    expect(await listCases({ date: localDate(a.createdAt) })).toHaveLength(2);
    expect(await listCases({ date: '1999-01-01' })).toHaveLength(0);
    const copy = await duplicateCase(a.id);
    expect(copy?.patientId).toBe('BR-0007 (copy)');
    expect(await listCases()).toHaveLength(3);
    const deleted = await deleteCase(a.id);
    expect(await loadCase(a.id)).toBeNull();
    await restoreCase(deleted!);
    expect((await loadCase(a.id))?.record.patientId).toBe('BR-0007');
  });

  it('status follows the content', () => {
    const r = newCaseRecord('x');
    expect(caseStatus(r)).toBe('missing-image');
    expect(caseStatus({ ...r, image: {} as never })).toBe('missing-roi');
    expect(caseStatus({ ...r, image: {} as never, features: {} as never })).toBe('missing-qpcr');
    expect(
      caseStatus({
        ...r,
        image: {} as never,
        features: {} as never,
        qpcrResult: { relativeExpression: 0.5, source: 'ddct', deltaDeltaCt: 1, flags: [] },
      }),
    ).toBe('ready');
  });

  it('calibrator runs: saved by name, listed, a nameless run is refused with a message', async () => {
    const cts = newCaseRecord().qpcr.cts.calibrator;
    cts.U6 = ['24', '24.1', '24.2'];
    await saveCalibratorRun({ name: ' Plate 12 ', savedAt: new Date().toISOString(), cts });
    const runs = await listCalibratorRuns();
    expect(runs.map((r) => r.name)).toEqual(['Plate 12']);
    expect(runs[0].cts.U6).toEqual(['24', '24.1', '24.2']);
    await expect(saveCalibratorRun({ name: ' ', savedAt: '', cts })).rejects.toMatchObject({
      code: 'store.calibratorRunName',
    });
  });
});
