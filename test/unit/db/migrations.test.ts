import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { CURRENT_SCHEMA_VERSION, MIGRATION_LOG_KEY, SCHEMA_V1, SCHEMA_V2 } from '../../../src/db/migrations';
import { SonoMiRDatabase, setDb } from '../../../src/db/schema';
import { loadCase, newCaseRecord, saveCase } from '../../../src/db/cases';
import { addOp, emptyRoi } from '../../../src/roi/roi';
import type { CaseRecord, MigrationLogEntry } from '../../../src/db/types';
import { pseudoBytes } from './fixtures';

/** The version-1 schema exactly as shipped (a literal copy, so editing the history breaks this test). */
const V1_LITERAL = {
  cases: '&id, patientId, createdAt, updatedAt, status',
  images: '&caseId',
  calibratorRuns: '&name, savedAt',
};

const opened: Dexie[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
  setDb(null);
});

/** v1 case records as version 1 wrote them (no `revision`). */
function v1Cases(): Omit<CaseRecord, 'revision'>[] {
  const out: Omit<CaseRecord, 'revision'>[] = [];
  for (let i = 0; i < 25; i++) {
    const { revision: _r, ...rec } = newCaseRecord(`V1-${i}`);
    rec.createdAt = new Date(Date.UTC(2025, 0, 1 + i)).toISOString();
    rec.updatedAt = rec.createdAt;
    if (i % 3 === 0) {
      rec.image = {
        fileName: `v1-${i}.dcm`,
        format: 'dicom',
        width: 6,
        height: 5,
        fileSpacing: { row: 0.08, col: 0.08, unit: 'mm', source: 'DICOM PixelSpacing' },
        calibration: null,
        frame: i % 2 ? 1 : null,
      };
      rec.roi = addOp(emptyRoi(6, 5), {
        kind: 'mask',
        id: `m${i}`,
        width: 6,
        height: 5,
        data: pseudoBytes(30, i).map((b) => b & 1),
        dx: 0,
        dy: 1,
      });
      rec.status = 'missing-qpcr';
    }
    if (i === 4) rec.outcome = { millerPayne: 2, pcr: false, recordedAt: '2025-02-02T00:00:00.000Z' };
    out.push(rec);
  }
  return out;
}

describe('case database migrations', () => {
  it('keeps the version-1 schema in the code as history', () => {
    expect(SCHEMA_V1).toEqual(V1_LITERAL);
    expect(CURRENT_SCHEMA_VERSION).toBe(3);
    expect(SCHEMA_V2).toEqual({ ...V1_LITERAL, meta: '&key' });
  });

  it('opens a version-1 database and every record survives (v1 → v2 → v3)', async () => {
    const name = `mig-v1-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(V1_LITERAL);
    const cases = v1Cases();
    const images = cases
      .filter((c) => c.image)
      .map((c, k) => ({
        caseId: c.id,
        blob: new Blob([pseudoBytes(300 + k, k) as Uint8Array<ArrayBuffer>]),
        fileName: c.image!.fileName,
      }));
    const runs = [
      {
        name: 'Plate 1',
        savedAt: '2025-01-05T00:00:00.000Z',
        cts: {
          'miR-34a': ['30', '', ''],
          U6: ['', '', ''],
          'miR-16': ['', '', ''],
          'cel-miR-39': ['', '', ''],
        },
      },
    ];
    await v1.table('cases').bulkPut(cases);
    await v1.table('images').bulkPut(images);
    await v1.table('calibratorRuns').bulkPut(runs);
    // A record with a field version 1 never had must survive too (nothing is dropped).
    await v1.table('cases').put({ ...cases[1], id: 'extra-field', legacyNote: 'kept' });
    expect(v1.verno).toBe(1);
    v1.close();

    const db = new SonoMiRDatabase(name);
    opened.push(db);
    setDb(db);
    await db.open();
    expect(db.verno).toBe(3);
    const stored = await db.cases.toArray();
    expect(stored).toHaveLength(cases.length + 1);
    for (const c of cases) expect(await db.cases.get(c.id)).toEqual({ ...c, revision: 1 });
    expect(await db.cases.get('extra-field')).toEqual({
      ...cases[1],
      id: 'extra-field',
      legacyNote: 'kept',
      revision: 1,
    });
    for (const img of images) {
      const back = await db.images.get(img.caseId);
      expect(back?.fileName).toBe(img.fileName);
      expect(new Uint8Array(await back!.blob.arrayBuffer())).toEqual(
        new Uint8Array(await img.blob.arrayBuffer()),
      );
    }
    expect(await db.calibratorRuns.toArray()).toEqual(runs);
    const log = (await db.meta.get(MIGRATION_LOG_KEY))?.value as MigrationLogEntry[];
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ from: 1, to: 2, records: cases.length + 1 });
    // Indexes of version 1 still work after the upgrade.
    expect((await db.cases.where('patientId').equals('V1-7').toArray()).map((c) => c.id)).toEqual([
      cases[7].id,
    ]);
    expect(await db.cases.where('status').equals('missing-qpcr').count()).toBe(9);

    // The migrated case is saved normally (revision 1 → 2) and reopening does not migrate again.
    const first = await loadCase(cases[0].id);
    const saved = await saveCase({ ...first!.record, patientId: 'V1-0 edited' });
    expect(saved.revision).toBe(2);
    db.close();
    const again = new SonoMiRDatabase(name);
    opened.push(again);
    await again.open();
    expect((await again.meta.get(MIGRATION_LOG_KEY))?.value).toEqual(log);
    expect((await again.cases.get(cases[0].id))?.revision).toBe(2);
  });

  it('opens an empty version-1 database', async () => {
    const name = `mig-empty-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(V1_LITERAL);
    await v1.open();
    v1.close();
    const db = new SonoMiRDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.cases.count()).toBe(0);
    expect((await db.meta.get(MIGRATION_LOG_KEY))?.value).toMatchObject([{ from: 1, to: 2, records: 0 }]);
  });

  it('opens a version-2 database (v2 → v3): records, settings and log kept, an empty PACS outbox added', async () => {
    const name = `mig-v2-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(V1_LITERAL);
    v2.version(2).stores({ ...V1_LITERAL, meta: '&key' });
    const cases = v1Cases().map((c) => ({ ...c, revision: 3 }));
    await v2.table('cases').bulkPut(cases);
    const log: MigrationLogEntry[] = [{ from: 1, to: 2, at: '2025-01-01T00:00:00.000Z', records: 25 }];
    await v2.table('meta').bulkPut([
      { key: MIGRATION_LOG_KEY, value: log },
      { key: 'lock', value: { salt: 'abc' } },
    ]);
    v2.close();

    const db = new SonoMiRDatabase(name);
    opened.push(db);
    setDb(db);
    await db.open();
    expect(db.verno).toBe(3);
    for (const c of cases) expect(await db.cases.get(c.id)).toEqual(c);
    expect(await db.cases.count()).toBe(cases.length);
    expect((await db.meta.get(MIGRATION_LOG_KEY))?.value).toEqual(log);
    expect((await db.meta.get('lock'))?.value).toEqual({ salt: 'abc' });
    expect(await db.pacsOutbox.count()).toBe(0);
    const item = {
      id: '2.25.1',
      caseId: cases[0].id,
      createdAt: '2025-03-01T00:00:00.000Z',
      studyInstanceUid: '2.25.2',
      seriesInstanceUid: '2.25.3',
      patientId: 'P',
      bytes: new Uint8Array([1, 2, 3]),
      state: 'pending' as const,
      attempts: 0,
      lastAttemptAt: null,
      nextAttemptAt: null,
      lastError: null,
      storedAt: null,
    };
    await db.pacsOutbox.put(item);
    expect(await db.pacsOutbox.where('caseId').equals(cases[0].id).toArray()).toEqual([item]);
    expect(await db.pacsOutbox.where('state').equals('pending').count()).toBe(1);
  });
});
