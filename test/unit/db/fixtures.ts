/** Shared test data of the db/security unit tests: cases with images and ROI masks, a model, settings. */
import { ModelsDatabase, setModelsDb, type ModelRecord } from '../../../src/db/models';
import { SonoMiRDatabase, setDb } from '../../../src/db/schema';
import { newCaseRecord, saveCalibratorRun, saveCase } from '../../../src/db/cases';
import { addOp, emptyRoi } from '../../../src/roi/roi';
import type { ModelDocument } from '../../../src/model/modelFile';
import type { CaseRecord } from '../../../src/db/types';

let n = 0;
/** Fresh fake-indexeddb databases installed as the app's databases. */
export function freshDatabases(): { db: SonoMiRDatabase; mdb: ModelsDatabase } {
  n++;
  const db = new SonoMiRDatabase(`t-cases-${n}-${Math.random()}`);
  const mdb = new ModelsDatabase(`t-models-${n}-${Math.random()}`);
  setDb(db);
  setModelsDb(mdb);
  return { db, mdb };
}

export function pseudoBytes(len: number, seed: number): Uint8Array {
  const out = new Uint8Array(len);
  let s = seed >>> 0;
  for (let i = 0; i < len; i++) out[i] = (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24;
  return out;
}

/** Three cases (two with images and mask ROIs), a calibrator run, a setting, a registry model. */
export async function seed(db: SonoMiRDatabase, mdb: ModelsDatabase): Promise<CaseRecord[]> {
  const out: CaseRecord[] = [];
  for (let i = 0; i < 3; i++) {
    const rec = newCaseRecord(`BR-${String(i + 1).padStart(4, '0')}`);
    if (i < 2) {
      rec.image = {
        fileName: `lesion-${i}.png`,
        format: 'png',
        width: 8,
        height: 4,
        fileSpacing: { row: 0.1, col: 0.1, unit: 'mm', source: 'file' },
        calibration: null,
      };
      rec.roi = addOp(emptyRoi(8, 4), {
        kind: 'mask',
        id: `m${i}`,
        width: 8,
        height: 4,
        data: pseudoBytes(32, i + 7).map((b) => b & 1),
        dx: 1,
        dy: 0,
      });
    }
    rec.qpcr.cts.patient['miR-34a'] = ['29.1', '29.25', String(29 + i / 10)];
    if (i === 2) rec.outcome = { millerPayne: 5, pcr: true, recordedAt: '2026-03-01T10:00:00.000Z' };
    const image =
      i < 2
        ? {
            caseId: rec.id,
            blob: new Blob([pseudoBytes(1000 + i * 517, i + 1) as Uint8Array<ArrayBuffer>], {
              type: 'image/png',
            }),
            fileName: `lesion-${i}.png`,
          }
        : undefined;
    out.push(await saveCase(rec, image));
  }
  await saveCalibratorRun({
    name: 'Plate 7',
    savedAt: '2026-02-02T09:00:00.000Z',
    cts: {
      'miR-34a': ['30', '30.1', '29.9'],
      U6: ['24', '', ''],
      'miR-16': ['', '', ''],
      'cel-miR-39': ['', '', ''],
    },
  });
  await db.meta.put({ key: 'language', value: 'en' });
  const model: ModelRecord = {
    id: 'a'.repeat(64),
    name: 'Centre A',
    version: 1,
    savedAt: '2026-02-03T09:00:00.000Z',
    createdAt: '2026-02-01T09:00:00.000Z',
    cohortSize: 93,
    metrics: {
      clinical: null,
      radiomics: { cv: 0.71, validation: 0.69 },
      combined: { cv: 0.8, validation: 0.77 },
    },
    source: 'trained',
    document: {
      formatVersion: 1,
      hash: { algorithm: 'SHA-256', value: 'a'.repeat(64) },
    } as unknown as ModelDocument,
  };
  await mdb.models.put(model);
  await mdb.settings.put({ key: 'activeModelId', value: model.id });
  return out;
}

/** Every record of both databases, image bytes read out. */
export async function dump(db: SonoMiRDatabase, mdb: ModelsDatabase) {
  const images = await db.images.orderBy('caseId').toArray();
  return {
    cases: await db.cases.orderBy('id').toArray(),
    images: await Promise.all(
      images.map(async (i) => ({
        caseId: i.caseId,
        fileName: i.fileName,
        type: i.blob.type,
        bytes: new Uint8Array(await i.blob.arrayBuffer()),
      })),
    ),
    calibratorRuns: await db.calibratorRuns.toArray(),
    meta: await db.meta.orderBy('key').toArray(),
    models: await mdb.models.toArray(),
    modelSettings: await mdb.settings.toArray(),
  };
}
