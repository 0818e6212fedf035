import { createHash } from 'node:crypto';
import { englishThrown } from '../../fixtures/englishError';
import { englishRejected } from '../../fixtures/englishError';
import { describe, expect, it } from 'vitest';
import { syntheticCohort } from '../../fixtures/cohort';
import {
  STUDY_EXTRACTION_SETTINGS,
  canonicalJson,
  loadModel,
  modelHash,
  predict,
  sealModel,
  serializeModel,
} from '../../../src/model/modelFile';
import { fitStudyModels } from '../../../src/model/pipeline';
import { rocIndexAt } from '../../../src/model/roc';
import { thrownMessage } from '../../fixtures/thrownMessage';

const cohort = syntheticCohort(150, { seed: 9 });
const result = fitStudyModels(cohort, {
  seed: 4,
  nBoot: 200,
  createdAt: '2026-02-03T04:05:06.000Z',
  appVersion: '0.1.0',
});

describe('canonical JSON and hash', () => {
  it('sorts keys at every level, drops undefined, keeps numbers round-trip exact', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: null }], a: 0.1 + 0.2, u: undefined })).toBe(
      '{"a":0.30000000000000004,"b":[2,{"c":null,"d":1}]}',
    );
    expect(thrownMessage(() => canonicalJson({ x: Infinity }))).toEqual({
      code: 'model.file.nonFinite',
      params: { value: Infinity },
    });
    expect(englishThrown(() => canonicalJson({ x: NaN }))).toMatch(/non-finite number NaN/);
    expect(thrownMessage(() => canonicalJson({ f: () => 1 }))).toEqual({
      code: 'model.file.unstorable',
      params: { type: 'function' },
    });
  });
  it('hashes the canonical JSON without the hash field with SHA-256 (WebCrypto)', async () => {
    const doc = await sealModel(result.document);
    const { hash: _h, ...body } = doc;
    const expected = createHash('sha256').update(canonicalJson(body)).digest('hex');
    expect(doc.hash).toEqual({ algorithm: 'SHA-256', value: expected });
    expect(await modelHash(doc)).toBe(expected);
  });
});

describe('loadModel', () => {
  it('round-trips a sealed document', async () => {
    const doc = await sealModel(result.document);
    const text = serializeModel(doc);
    const loaded = await loadModel(text);
    expect(loaded).toEqual(doc);
    expect(loaded.models.combined!.inputs[0]).toBe('miR34a');
    expect(loaded.training.splitSeed).toBe(4);
  });
  it('refuses a tampered file', async () => {
    const doc = JSON.parse(serializeModel(await sealModel(result.document)));
    doc.models.clinical.trainingPoints[0][0] += 1e-9;
    expect(await englishRejected(loadModel(JSON.stringify(doc)))).toMatch(
      /modified after it was written.*tampered/,
    );
    const doc2 = JSON.parse(serializeModel(await sealModel(result.document)));
    doc2.models.combined.k = 3;
    expect(await englishRejected(loadModel(JSON.stringify(doc2)))).toMatch(/SHA-256 does not match/);
  });
  it('names the schema version it cannot read', async () => {
    const doc = JSON.parse(serializeModel(await sealModel(result.document)));
    doc.schemaVersion = 2;
    expect(await englishRejected(loadModel(JSON.stringify(doc)))).toMatch(
      /schemaVersion 2, but this version of SonoMiR reads schemaVersion 1/,
    );
  });
  it('gives specific messages for malformed files', async () => {
    expect(await englishRejected(loadModel('{not json'))).toMatch(/not valid JSON/);
    expect(await englishRejected(loadModel('[1]'))).toMatch(/not a JSON object/);
    expect(await englishRejected(loadModel('{"format":"other"}'))).toMatch(/not a SonoMiR model/);
    const doc = JSON.parse(serializeModel(await sealModel(result.document)));
    doc.models.clinical.k = -1;
    expect(await englishRejected(loadModel(JSON.stringify(doc)))).toMatch(/models\.clinical\.k/);
    const doc2 = JSON.parse(serializeModel(await sealModel(result.document)));
    doc2.models.clinical.labels.pop();
    expect(await englishRejected(loadModel(JSON.stringify(doc2)))).toMatch(/training points but \d+ labels/);
  });
  it('sealModel rejects an invalid document', async () => {
    expect(await englishRejected(sealModel({ ...result.document, createdAt: 'yesterday' }))).toMatch(
      /createdAt/,
    );
  });
});

describe('predict', () => {
  it('reproduces the pipeline validation probabilities from raw case values', async () => {
    const doc = await loadModel(serializeModel(await sealModel(result.document)));
    result.split.validation.slice(0, 10).forEach((i, r) => {
      const features = Object.fromEntries(cohort.featureNames.map((n, j) => [n, cohort.features[i][j]]));
      const preds = predict(doc, {
        features,
        mir34a: cohort.mir34a[i],
        extraction: STUDY_EXTRACTION_SETTINGS,
      });
      expect(preds.map((p) => p.kind)).toEqual(['clinical', 'radiomics', 'combined']);
      for (const p of preds) {
        expect(p.probability).toBe(result.models[p.kind]!.validationProbabilities[r]);
        expect(p.neighbours).toHaveLength(p.k);
        const pos = p.neighbours.filter((nb) => nb.label === 1).length;
        expect(p.probability).toBeCloseTo(pos / p.k, 15);
        for (let t = 1; t < p.k; t++)
          expect(p.neighbours[t].distance).toBeGreaterThanOrEqual(p.neighbours[t - 1].distance);
      }
    });
  });
  it("places each validation patient's probability on the stored ROC curve exactly", async () => {
    const doc = await loadModel(serializeModel(await sealModel(result.document)));
    const yVal = result.split.validation.map((i) => cohort.pcr![i]);
    for (const kind of ['clinical', 'radiomics', 'combined'] as const) {
      const roc = doc.models[kind]!.metrics.validation.roc;
      expect(roc.thresholds).toHaveLength(roc.fpr.length);
      expect(roc.thresholds![0]).toBeNull();
      const pv = result.models[kind]!.validationProbabilities;
      const nPos = yVal.filter((v) => v === 1).length;
      const nNeg = yVal.length - nPos;
      for (const p of pv) {
        const i = rocIndexAt(roc.thresholds!, p);
        expect(roc.tpr[i]).toBe(yVal.filter((v, k) => v === 1 && pv[k] >= p).length / nPos);
        expect(roc.fpr[i]).toBe(yVal.filter((v, k) => v === 0 && pv[k] >= p).length / nNeg);
      }
    }
  });
  it('reads model files without ROC thresholds (older files); refuses thresholds of the wrong length', async () => {
    const old = JSON.parse(serializeModel(await sealModel(result.document)));
    for (const kind of ['clinical', 'radiomics', 'combined']) {
      delete old.models[kind].metrics.validation.roc.thresholds;
      delete old.models[kind].metrics.cv.roc.thresholds;
    }
    delete old.hash;
    const resealed = await sealModel(old);
    const loaded = await loadModel(serializeModel(resealed));
    expect(loaded.models.combined!.metrics.validation.roc.thresholds).toBeUndefined();
    const bad = JSON.parse(serializeModel(await sealModel(result.document)));
    bad.models.combined.metrics.validation.roc.thresholds.pop();
    delete bad.hash;
    expect(await englishRejected(sealModel(bad))).toMatch(
      /fpr, tpr and thresholds must have one entry per point/,
    );
  });
  it('flags inputs with |z| > 3, refuses other settings and missing inputs', async () => {
    const doc = await sealModel(result.document);
    const i = result.split.validation[0];
    const features = Object.fromEntries(cohort.featureNames.map((n, j) => [n, cohort.features[i][j]]));
    const [clin] = predict(
      doc,
      { features, mir34a: 40, extraction: STUDY_EXTRACTION_SETTINGS },
      { kinds: ['clinical'] },
    );
    expect(clin.outOfRange).toEqual([{ input: 'miR34a', value: 40, z: clin.z[0] }]);
    expect(clin.z[0]).toBeGreaterThan(3);
    expect(
      englishThrown(() =>
        predict(doc, {
          features,
          mir34a: 0.5,
          extraction: { ...STUDY_EXTRACTION_SETTINGS, binWidth: 10, normalize: false },
        }),
      ),
    ).toMatch(/binWidth = 10 \(model: 25\), normalize = false \(model: true\)/);
    const sel = result.selected[0];
    const { [sel]: _drop, ...partial } = features;
    expect(
      englishThrown(() =>
        predict(doc, { features: partial, mir34a: 0.5, extraction: STUDY_EXTRACTION_SETTINGS }),
      ),
    ).toMatch(new RegExp(`lacks input "${sel}" required by the radiomics model`));
    expect(englishThrown(() => predict(doc, { features, extraction: STUDY_EXTRACTION_SETTINGS }))).toMatch(
      /lacks input "miR34a"/,
    );
  });
});
