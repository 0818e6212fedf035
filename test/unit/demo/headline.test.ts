/**
 * The embedded demonstration cohort reproduces the study's headline numbers (issue 15): every number
 * is computed here from the generated images, ROIs and Ct values by the real engine and the real
 * pipeline (`buildDemoArtifacts` on the default seed, the same build `scripts/build-demo.ts` runs).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDemoArtifacts,
  DEMO_MODEL_K,
  DEMO_WORKED_EXAMPLE,
  type DemoArtifacts,
} from '../../../src/demo/build';
import { DEMO_N_NON_PCR, DEMO_N_PCR } from '../../../src/demo/generator';
import { parseCohortCsv } from '../../../src/model/cohort';
import { MODEL_KINDS, predict, STUDY_EXTRACTION_SETTINGS } from '../../../src/model/modelFile';
import { PUBLISHED } from '../../../src/ui/studio/published';

let art: DemoArtifacts;

beforeAll(async () => {
  art = await buildDemoArtifacts();
}, 120_000);

describe('demonstration cohort: the study headline numbers, computed by the real pipeline', () => {
  it('has 54 pCR and 39 non-pCR patients, split 74/19 by the pipeline, with k = 7', () => {
    const cohort = parseCohortCsv(art.csv);
    expect(cohort.pcr?.filter((v) => v === 1)).toHaveLength(DEMO_N_PCR);
    expect(cohort.pcr?.filter((v) => v === 0)).toHaveLength(DEMO_N_NON_PCR);
    expect(art.result.split.train).toHaveLength(74);
    expect(art.result.split.validation).toHaveLength(19);
    for (const kind of MODEL_KINDS) expect(art.model.models[kind]?.k).toBe(7);
  });

  it('gives validation AUCs within ±0.03 of the published 0.764 / 0.806 / 0.875, combined > radiomics > clinical', () => {
    const auc = (kind: (typeof MODEL_KINDS)[number]) => art.model.models[kind]!.metrics.validation.auc;
    const published = PUBLISHED.table3Cv;
    for (const kind of MODEL_KINDS) {
      expect(Math.abs(auc(kind) - published[kind].auc), kind).toBeLessThanOrEqual(0.03 + 1e-12);
    }
    expect(auc('combined')).toBeGreaterThan(auc('radiomics'));
    expect(auc('radiomics')).toBeGreaterThan(auc('clinical'));
    // No perfect separation anywhere on the demo model's panel.
    for (const kind of MODEL_KINDS) {
      expect(art.model.models[kind]!.metrics.validation.auc).toBeLessThan(1);
      expect(art.model.models[kind]!.metrics.cv.auc).toBeLessThan(1);
    }
  });

  it('reproduces the DeLong tests: combined beats clinical (P < 0.05; published 0.015) and radiomics (P in 0.03–0.15)', () => {
    const cmp = (b: string) =>
      art.result.comparisons.find((c) => c.set === 'validation' && c.a === 'combined' && c.b === b)!;
    expect(cmp('clinical').difference).toBeGreaterThan(0);
    expect(cmp('clinical').p).toBeLessThan(0.05);
    expect(cmp('radiomics').difference).toBeGreaterThan(0);
    expect(cmp('radiomics').p).toBeGreaterThanOrEqual(0.03);
    expect(cmp('radiomics').p).toBeLessThanOrEqual(0.15);
    expect(art.manifest.delongValidation).toEqual({
      combinedVsClinical: cmp('clinical').p,
      combinedVsRadiomics: cmp('radiomics').p,
    });
  });

  it('correlates GLCM Contrast with miR-34a at r ≈ 0.38 (0.30–0.46), P < 0.01', () => {
    const c = art.result.mir34aCorrelation!;
    expect(c.feature).toBe('original_glcm_Contrast');
    expect(c.n).toBe(93);
    expect(c.r).toBeGreaterThanOrEqual(0.3);
    expect(c.r).toBeLessThanOrEqual(0.46);
    expect(c.p).toBeLessThan(0.01);
  });

  it('selects shape Elongation, the largest weight of the published Rad-score, with the same sign', () => {
    const coefs = art.result.radScore!.coefficients;
    const elongation = coefs.find((c) => c.name === 'original_shape_Elongation');
    expect(elongation?.coefficient).toBeGreaterThan(0);
    const largest = [...coefs].sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient))[0];
    expect(largest.name).toBe('original_shape_Elongation');
  });

  it('keeps the baseline table balanced: age and hospital do not differ by outcome (P > 0.05) in either set', () => {
    const rows = art.result.baseline.filter((r) => r.variable === 'age' || r.variable === 'hospital');
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r.p, `${r.set} ${r.variable}`).toBeGreaterThan(0.05);
  });

  it('has the worked example of Figure 2: a validation pCR patient the combined model gives 6 of 7 = 85.7 %', () => {
    const list = JSON.parse(art.files.get('cases.json') as string) as {
      workedExample: string | null;
      cases: { id: string; pcr: 0 | 1; set: string }[];
    };
    const id = list.workedExample!;
    const entry = list.cases.find((c) => c.id === id)!;
    expect(entry.set).toBe('validation');
    expect(entry.pcr).toBe(1);
    expect(art.manifest.workedExample).toBe(id);
    // The prediction the Case screen makes from the patient's features and miR-34a.
    const cohort = parseCohortCsv(art.csv);
    const i = cohort.ids.indexOf(id);
    const features = Object.fromEntries(cohort.featureNames.map((n, j) => [n, cohort.features[i][j]]));
    const combined = predict(art.model, {
      features,
      mir34a: cohort.mir34a[i],
      extraction: STUDY_EXTRACTION_SETTINGS,
    }).find((p) => p.kind === 'combined')!;
    expect(combined.k).toBe(DEMO_MODEL_K);
    expect(combined.neighbours.filter((n) => n.label === 1)).toHaveLength(DEMO_WORKED_EXAMPLE.pcrNeighbours);
    expect((combined.probability * 100).toFixed(1)).toBe('85.7');
  });
});
