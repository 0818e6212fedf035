/**
 * The PACS store against a real Orthanc: settings persist without secrets, nothing is contacted
 * without a PACS, a case opened from the PACS is stored as an SR through the outbox, and a fresh
 * case finds the prior analysis and restores ROI, features, miR-34a and prediction.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SonoMiRDatabase, setDb } from '../../../src/db/schema';
import { PACS_SETTINGS_KEY } from '../../../src/db/pacsOutbox';
import type { StoredFeatures, StoredPrediction } from '../../../src/db/types';
import { emptyQpcrEntry } from '../../../src/qpcr/analysis';
import { roiMask } from '../../../src/roi/roi';
import { useCaseStore } from '../../../src/store/caseStore';
import { DEFAULT_PACS_SETTINGS, usePacsStore } from '../../../src/store/pacs';
import { startOrthanc, uploadToOrthanc, type OrthancInstance } from '../../pacs/orthanc';
import { makeSeedSet, type SeedSet } from '../../pacs/seed';
import { lesionRoi, studyFeatures } from './srFixture';

let seed: SeedSet;
let pacs: OrthancInstance;
let db: SonoMiRDatabase;

beforeAll(async () => {
  [seed, pacs] = await Promise.all([makeSeedSet({ patients: 1 }), startOrthanc({ users: { op: 'pw-1' } })]);
  await uploadToOrthanc(pacs, [seed.instances[0].bytes]);
  db = new SonoMiRDatabase(`pacs-store-${Math.random()}`);
  setDb(db);
}, 60_000);

afterAll(async () => {
  await db?.delete();
  setDb(null);
  await Promise.all([pacs?.stop(), seed?.cleanup()]);
});

describe('PACS store', () => {
  it('contacts nothing while no PACS is configured', async () => {
    await usePacsStore.getState().loadSettings();
    expect(usePacsStore.getState().settings).toEqual(DEFAULT_PACS_SETTINGS);
    await expect(usePacsStore.getState().searchStudies({ patientId: 'SMR-0001' })).rejects.toMatchObject({
      code: 'pacs.notConfigured',
    });
    await expect(usePacsStore.getState().testConnection()).rejects.toMatchObject({
      code: 'pacs.notConfigured',
    });
  });

  it('persists the settings without the password, and asks again after a 401', async () => {
    const s = usePacsStore.getState();
    await s.saveSettings({
      enabled: true,
      root: pacs.dicomWeb,
      authKind: 'basic',
      user: 'op',
      operator: '张^医生',
    });
    s.setSecret('wrong');
    await expect(usePacsStore.getState().testConnection()).rejects.toMatchObject({
      code: 'pacs.unauthorized',
    });
    expect(usePacsStore.getState().authPrompt).toEqual({ code: 'pacs.unauthorized', params: {} });
    usePacsStore.getState().setSecret('pw-1');
    expect(usePacsStore.getState().authPrompt).toBeNull();
    await usePacsStore.getState().testConnection();
    const stored = await db.meta.get(PACS_SETTINGS_KEY);
    expect(JSON.stringify(stored)).not.toContain('pw-1');
    expect(stored?.value).toMatchObject({ user: 'op', authKind: 'basic' });
  });

  it('opens an instance from the PACS, stores the analysis and restores it in a fresh case', async () => {
    const pacsStore = usePacsStore.getState();
    const [study] = await pacsStore.searchStudies({ patientId: 'SMR-0001' });
    const [series] = await pacsStore.listSeries(study.studyInstanceUid);
    const [instance] = await pacsStore.listInstances(study.studyInstanceUid, series.seriesInstanceUid);
    await pacsStore.openInstance(instance, 2);
    let cs = useCaseStore.getState();
    expect(cs.imageError).toBeNull();
    expect(cs.record.image).toMatchObject({ format: 'dicom', width: 640, height: 480, frame: 2 });
    cs.applyRoi(lesionRoi());
    const features = {
      values: studyFeatures(3),
      settings: {},
      extraction: {},
      spacing: [1, 0.075, 0.075],
      spacingUnit: 'mm',
      roiPixels: 1234,
      computedAt: '2025-03-14T11:00:00.000Z',
    } as unknown as StoredFeatures;
    const prediction: StoredPrediction = {
      modelHash: 'b'.repeat(64),
      modelName: 'Breast pCR v2',
      createdAt: '2025-03-14T11:00:01.000Z',
      probabilities: { clinical: 0.25, radiomics: 0.75, combined: 0.6180339887498949 },
      headline: { kind: 'combined', probability: 0.6180339887498949, pcrNeighbours: 3, k: 5 },
      warnings: [],
    };
    cs.setFeatureUnit('mm');
    cs.setFeatures(features);
    cs.setQpcr({ ...emptyQpcrEntry(), directRelativeExpression: '1.8375' });
    cs.setPrediction(prediction);
    cs = useCaseStore.getState();
    const roi = cs.record.roi!;

    const item = await usePacsStore.getState().storeAnalysis();
    expect(item).toMatchObject({ state: 'stored', bytes: null, caseId: cs.record.id });
    expect((await usePacsStore.getState().caseOutbox(cs.record.id))[0].state).toBe('stored');

    // A fresh case (another workstation): the prior analysis is found and restored.
    useCaseStore.getState().newCase();
    const priors = await usePacsStore.getState().listPriorAnalyses(study.studyInstanceUid);
    expect(priors).toHaveLength(1);
    expect(priors[0].analysis).toMatchObject({ operator: '张^医生', mir34a: 1.8375, frame: 2 });
    expect(priors[0].analysis.probabilities).toEqual(prediction.probabilities);
    await usePacsStore.getState().openPrior(priors[0]);
    const after = useCaseStore.getState();
    expect(after.record.image).toMatchObject({ width: 640, height: 480, frame: 2 });
    expect(roiMask(after.record.roi!)).toEqual(roiMask(roi));
    expect(after.record.features?.values).toEqual(features.values);
    expect(after.record.prediction).toEqual(prediction);
    expect(after.record.qpcrResult?.relativeExpression).toBe(1.8375);
    expect(after.record.patientId).toBe('SMR-0001');
  });
});
