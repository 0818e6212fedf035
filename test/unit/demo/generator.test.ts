import { describe, expect, it } from 'vitest';
import { buildDemoArtifacts, demoMir34a, DEMO_MODEL_K } from '../../../src/demo/build';
import {
  DEMO_HEIGHT,
  DEMO_N_NON_PCR,
  DEMO_N_PCR,
  DEMO_SEED,
  DEMO_WIDTH,
  DEMO_DESIGN,
  demoCalibrator,
  demoLatentScores,
  demoOrder,
  demoOutcomes,
  generateDemoCohort,
  generateMolecular,
} from '../../../src/demo/generator';
import { parseCohortCsv } from '../../../src/model/cohort';
import { loadModel, predict, STUDY_EXTRACTION_SETTINGS } from '../../../src/model/modelFile';
import { STUDY_FEATURE_NAMES } from '../../../src/radiomics/extract';
import { thrownMessage } from '../../fixtures/thrownMessage';

function mean(v: number[]): number {
  return v.reduce((s, x) => s + x, 0) / v.length;
}
function sd(v: number[]): number {
  const m = mean(v);
  return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
}

describe('demonstration cohort generator', () => {
  it('has the study outcome split, 54 pCR and 39 non-pCR, in a seeded order', () => {
    const y = demoOutcomes();
    expect(y).toHaveLength(93);
    expect(y.filter((v) => v === 1)).toHaveLength(DEMO_N_PCR);
    expect(y.filter((v) => v === 0)).toHaveLength(DEMO_N_NON_PCR);
    expect(demoOutcomes()).toEqual(y);
    expect(demoOutcomes(DEMO_SEED + 1)).not.toEqual(y);
  });

  it('gives identical images, ROIs and Ct values for the same seed and different ones for another seed', () => {
    const a = generateDemoCohort(DEMO_SEED, 6);
    const b = generateDemoCohort(DEMO_SEED, 6);
    const c = generateDemoCohort(DEMO_SEED + 1, 6);
    expect(a.calibrator).toEqual(b.calibrator);
    a.patients.forEach((p, i) => {
      const q = b.patients[i];
      expect(Buffer.from(p.image).equals(Buffer.from(q.image))).toBe(true);
      expect(p.roi1).toEqual(q.roi1);
      expect(p.roi2).toEqual(q.roi2);
      expect(p.cts).toEqual(q.cts);
    });
    expect(Buffer.from(a.patients[0].image).equals(Buffer.from(c.patients[0].image))).toBe(false);
    expect(a.patients[0].cts).not.toEqual(c.patients[0].cts);
  });

  it('draws hypoechoic lesions inside brighter tissue, with readers agreeing at Dice ≥ 0.85', () => {
    const cohort = generateDemoCohort(DEMO_SEED, 10);
    for (const p of cohort.patients) {
      expect(p.image).toHaveLength(DEMO_WIDTH * DEMO_HEIGHT);
      expect(p.dice).toBeGreaterThanOrEqual(0.85);
      const inside: number[] = [];
      const ring: number[] = [];
      p.image.forEach((v, i) => (p.mask1[i] ? inside : ring).push(v));
      expect(inside.length).toBeGreaterThan(300);
      expect(mean(inside)).toBeLessThan(mean(ring) - 20);
    }
  });

  it('makes miR-34a keep the study Table 2 means, with the spread Table 3 implies, through real Ct triplicates and 2^−ΔΔCt', () => {
    const order = demoOrder();
    const y = demoOutcomes();
    const cal = demoCalibrator();
    const values = order.map((g, i) =>
      demoMir34a(generateMolecular(DEMO_SEED, g, y[i], demoLatentScores(DEMO_SEED, g)).cts, cal),
    );
    const pcr = values.filter((_, i) => y[i] === 1);
    const non = values.filter((_, i) => y[i] === 0);
    // Log-normal with log-SD σ: SD = mean·√(e^{σ²} − 1); the sampling error of a mean of 39–54 draws
    // is about 0.03–0.06. The committed molecular stream (searched for Table 3's DeLong P, README.md)
    // draws a low non-pCR sample: mean 0.353 against the design's 0.44 — within one of Table 2's SDs
    // (0.10), which is the bound asserted.
    const { pcrMean, nonPcrMean, logSd } = DEMO_DESIGN.mir;
    expect(pcrMean).toBe(0.77);
    expect(nonPcrMean).toBe(0.44);
    expect(Math.abs(mean(pcr) - pcrMean)).toBeLessThan(0.12);
    expect(Math.abs(mean(non) - nonPcrMean)).toBeLessThan(0.1);
    const cv = Math.sqrt(Math.exp(logSd * logSd) - 1);
    expect(sd(pcr) / mean(pcr)).toBeGreaterThan(0.6 * cv);
    expect(sd(pcr) / mean(pcr)).toBeLessThan(1.5 * cv);
    const m = generateMolecular(DEMO_SEED, 0, 1, demoLatentScores(DEMO_SEED, 0));
    for (const cts of Object.values(m.cts)) {
      expect(cts).toHaveLength(3);
      for (const ct of cts) expect(Math.round(ct * 100) / 100).toBe(ct);
    }
  });

  it('rejects a bad seed or size with a clear message', () => {
    expect(thrownMessage(() => generateDemoCohort(1.5, 2))).toEqual({
      code: 'demo.seedInvalid',
      params: { seed: '1.5' },
    });
    expect(thrownMessage(() => generateDemoCohort(DEMO_SEED, 0))).toEqual({
      code: 'demo.sizeInvalid',
      params: { total: 93, n: '0' },
    });
  });
});

describe('demonstration artifacts (real engine + real pipeline)', () => {
  it('builds the same CSV, images and model hash twice, and the model predicts a demo case', async () => {
    const a = await buildDemoArtifacts({ n: 40 });
    const b = await buildDemoArtifacts({ n: 40 });
    expect(a.csv).toBe(b.csv);
    expect(a.model.hash.value).toBe(b.model.hash.value);
    expect(a.files.get('model.json')).toBe(b.files.get('model.json'));
    expect([...a.files.keys()]).toEqual([...b.files.keys()]);
    const png = a.files.get('cases/DEMO-001.png') as Uint8Array;
    expect(Buffer.from(png).equals(Buffer.from(b.files.get('cases/DEMO-001.png') as Uint8Array))).toBe(true);

    const cohort = parseCohortCsv(a.csv);
    expect(cohort.ids).toHaveLength(40);
    expect(cohort.featureNames).toEqual(STUDY_FEATURE_NAMES);
    expect(cohort.reader2?.featureNames).toEqual(STUDY_FEATURE_NAMES);

    const model = await loadModel(a.files.get('model.json') as string);
    expect(model.models.clinical?.k).toBe(DEMO_MODEL_K);
    expect(model.training.n).toBe(40);
    const features = Object.fromEntries(cohort.featureNames.map((n, j) => [n, cohort.features[0][j]]));
    const pred = predict(model, {
      features,
      mir34a: cohort.mir34a[0],
      extraction: STUDY_EXTRACTION_SETTINGS,
    });
    expect(pred.length).toBeGreaterThanOrEqual(1);
    for (const p of pred)
      expect(p.probability * DEMO_MODEL_K).toBeCloseTo(Math.round(p.probability * DEMO_MODEL_K), 9);
    const list = JSON.parse(a.files.get('cases.json') as string) as {
      cases: { id: string; mir34a: number }[];
    };
    expect(list.cases[0].id).toBe('DEMO-001');
    expect(list.cases[0].mir34a).toBe(cohort.mir34a[0]);
  });
});
