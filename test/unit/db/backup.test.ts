import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import {
  BackupError,
  createBackup,
  decodeValue,
  encodeValue,
  LAST_BACKUP_KEY,
  parseBackup,
  restoreBackup,
} from '../../../src/db/backup';
import { setModelsDb, type ModelsDatabase } from '../../../src/db/models';
import { setDb, type SonoMiRDatabase } from '../../../src/db/schema';
import { dump, freshDatabases, seed } from './fixtures';
import { englishRejected } from '../../fixtures/englishError';

let db: SonoMiRDatabase;
let mdb: ModelsDatabase;
beforeEach(() => {
  ({ db, mdb } = freshDatabases());
});
afterEach(async () => {
  await db.delete();
  await mdb.delete();
  setDb(null);
  setModelsDb(null);
});

/** Rewrites backup.json of a backup with `edit`. */
function tamper(bytes: Uint8Array, edit: (m: Record<string, unknown>) => void): Uint8Array {
  const files = unzipSync(bytes);
  const m = JSON.parse(strFromU8(files['backup.json'])) as Record<string, unknown>;
  edit(m);
  files['backup.json'] = strToU8(JSON.stringify(m));
  return zipSync(files);
}

describe('full backup and restore', () => {
  it('restores into an empty browser every record and image byte for byte', async () => {
    await seed(db, mdb);
    const before = await dump(db, mdb);
    const { bytes, summary } = await createBackup(new Date('2026-04-01T12:00:00.000Z'));
    expect(summary).toEqual({ cases: 3, images: 2, calibratorRuns: 1, models: 1, settings: 2 });
    expect((await db.meta.get(LAST_BACKUP_KEY))?.value).toBe('2026-04-01T12:00:00.000Z');
    console.info(`backup of the test data: ${bytes.length} bytes`);
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual(['backup.json', 'images/0.bin', 'images/1.bin']);

    // A fresh, empty browser (new databases).
    await db.delete();
    await mdb.delete();
    ({ db, mdb } = freshDatabases());
    expect(await db.cases.count()).toBe(0);
    const restored = await restoreBackup(bytes);
    expect(restored.cases).toBe(3);
    const after = await dump(db, mdb);
    expect(after).toEqual(before);
    // Typed arrays come back as typed arrays, images as identical bytes.
    const mask = after.cases.flatMap((c) => c.roi?.ops ?? []).find((o) => o.kind === 'mask');
    expect(mask?.kind === 'mask' && mask.data).toBeInstanceOf(Uint8Array);
    for (let i = 0; i < before.images.length; i++)
      expect(after.images[i].bytes).toEqual(before.images[i].bytes);
  });

  it('a restore replaces what was there (nothing stays behind from before)', async () => {
    await seed(db, mdb);
    const { bytes } = await createBackup();
    await db.cases.put({ ...(await db.cases.toArray())[0], id: 'extra', patientId: 'EXTRA' });
    await restoreBackup(bytes);
    expect(await db.cases.get('extra')).toBeUndefined();
    expect(await db.cases.count()).toBe(3);
  });

  it('includes a case that could not be saved (storage full) in place of its stored version', async () => {
    const cases = await seed(db, mdb);
    const unsaved = { ...cases[2], patientId: 'BR-0003 typed but not saved' };
    const image = { caseId: unsaved.id, blob: new Blob([new Uint8Array([9, 8, 7])]), fileName: 'new.png' };
    const { bytes, summary } = await createBackup(new Date(), { record: unsaved, image });
    expect(summary).toMatchObject({ cases: 3, images: 3 });
    const parsed = await parseBackup(bytes);
    expect(parsed.cases.find((c) => c.id === unsaved.id)?.patientId).toBe('BR-0003 typed but not saved');
    const img = parsed.images.find((i) => i.caseId === unsaved.id)!;
    expect(new Uint8Array(await img.blob.arrayBuffer())).toEqual(new Uint8Array([9, 8, 7]));
  });

  it('round-trips tagged values (typed arrays, ArrayBuffer, nested)', () => {
    const v = {
      a: new Float64Array([1.5, -2]),
      b: [new Uint8Array([1, 2]), { c: new ArrayBuffer(3) }],
      d: 'x',
    };
    expect(decodeValue(JSON.parse(JSON.stringify(encodeValue(v))))).toEqual(v);
  });

  describe('rejects bad files with a clear message and changes nothing', () => {
    const cases: [string, (good: Uint8Array) => Uint8Array, RegExp, string][] = [
      ['not a zip', () => strToU8('hello'), /not a zip archive/, 'backup.notZip'],
      [
        'zip without backup.json',
        () => zipSync({ 'a.txt': strToU8('x') }),
        /has no backup\.json/,
        'backup.noManifest',
      ],
      ['invalid JSON', () => zipSync({ 'backup.json': strToU8('{') }), /not valid JSON/, 'backup.badJson'],
      [
        'another format',
        (g) => tamper(g, (m) => (m.format = 'other')),
        /not a SonoMiR backup/,
        'backup.unknownFormat',
      ],
      [
        'newer schema',
        (g) => tamper(g, (m) => (m.schemaVersion = 99)),
        /newer SonoMiR \(database version 99/,
        'backup.newer',
      ],
      [
        'a case without id',
        (g) => tamper(g, (m) => delete (m.cases as Record<string, unknown>[])[0].id),
        /not valid: cases\.0\.id/,
        'backup.invalid',
      ],
      [
        'a duplicated case',
        (g) => tamper(g, (m) => (m.cases as unknown[]).push((m.cases as unknown[])[0])),
        /appears twice/,
        'backup.duplicateCase',
      ],
      [
        'an unknown status',
        (g) => tamper(g, (m) => ((m.cases as Record<string, unknown>[])[0].status = 'lost')),
        /cases\.0\.status/,
        'backup.invalid',
      ],
      [
        'a missing image entry',
        (g) => {
          const f = unzipSync(g);
          delete f['images/1.bin'];
          return zipSync(f);
        },
        /image images\/1\.bin is missing/,
        'backup.missingImage',
      ],
      [
        'a changed image byte',
        (g) => {
          const f = unzipSync(g);
          f['images/0.bin'][10] ^= 0xff;
          return zipSync(f);
        },
        /does not match its checksum/,
        'backup.checksum',
      ],
      [
        'an image of no case',
        (g) => tamper(g, (m) => ((m.images as Record<string, unknown>[])[0].caseId = 'nobody')),
        /belongs to no case/,
        'backup.orphanImage',
      ],
      [
        'an unknown typed array',
        (g) =>
          tamper(g, (m) => ((m.cases as Record<string, unknown>[])[0].x = { $typed: 'Evil', base64: '' })),
        /unknown typed array "Evil"/,
        'backup.damaged',
      ],
      ['models not a list', (g) => tamper(g, (m) => (m.models = 'x')), /not valid: models/, 'backup.invalid'],
    ];
    it.each(cases)('%s', async (_name, make, message, code) => {
      await seed(db, mdb);
      const { bytes } = await createBackup();
      const before = await dump(db, mdb);
      const bad = make(bytes);
      await expect(parseBackup(bad)).rejects.toThrow(BackupError);
      await expect(parseBackup(bad)).rejects.toMatchObject({ code });
      // what the restore dialog shows: the English text of the code
      expect(await englishRejected(restoreBackup(bad))).toMatch(message);
      expect(await dump(db, mdb)).toEqual(before);
    });
  });

  it('a write failing half-way rolls everything back (cases and model registry)', async () => {
    await seed(db, mdb);
    const { bytes } = await createBackup();
    await db.cases.put({ ...(await db.cases.toArray())[0], id: 'only-here', patientId: 'ONLY' });
    await mdb.models.put({ ...(await mdb.models.toArray())[0], id: 'b'.repeat(64), name: 'Local' });
    const before = await dump(db, mdb);
    db.calibratorRuns.hook('creating', () => {
      throw new Error('disk failure');
    });
    await expect(restoreBackup(bytes)).rejects.toThrow('disk failure');
    expect(await dump(db, mdb)).toEqual(before);
  });
});
