import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticCohort } from '../../fixtures/cohort';
import { fitStudyModels } from '../../../src/model/pipeline';
import {
  predict,
  sealModel,
  STUDY_EXTRACTION_SETTINGS,
  type ModelDocument,
} from '../../../src/model/modelFile';
import { predictCase, settingsMismatch, storedPrediction } from '../../../src/store/prediction';
import type { StoredFeatures } from '../../../src/db/types';
import { renderEnglish } from '../../../src/i18n/render';

let doc: ModelDocument;
let cohort: ReturnType<typeof syntheticCohort>;
beforeAll(async () => {
  cohort = syntheticCohort(93, { seed: 3 });
  const r = fitStudyModels(cohort, {
    seed: 42,
    nBoot: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    appVersion: 'test',
  });
  doc = await sealModel(r.document);
});

function features(row: number, unit: 'mm' | 'pixel' = 'pixel'): StoredFeatures {
  const values = Object.fromEntries(cohort.featureNames.map((n, j) => [n, cohort.features[row][j]]));
  return {
    values,
    settings: {} as StoredFeatures['settings'],
    extraction: { ...STUDY_EXTRACTION_SETTINGS, spacingUnit: unit },
    spacing: [1, 1, 1],
    spacingUnit: unit,
    roiPixels: 100,
    computedAt: '',
  };
}

describe('predictCase', () => {
  it('gives the model file’s probabilities for all three models and the neighbours’ outcomes', () => {
    const f = features(0);
    const q = { relativeExpression: 0.7, source: 'ddct' as const, deltaDeltaCt: 0.5, flags: [] };
    const p = predictCase(doc, f, q);
    const want = predict(doc, { features: f.values, mir34a: 0.7, extraction: STUDY_EXTRACTION_SETTINGS });
    for (const w of want) {
      const o = p.outcomes.find((x) => x.kind === w.kind);
      expect(o?.ok && o.prediction.probability).toBe(w.probability);
    }
    expect(p.headline?.kind).toBe('combined');
    const s = storedPrediction(doc, 'm', p)!;
    const comb = want.find((w) => w.kind === 'combined')!;
    expect(s.headline.pcrNeighbours).toBe(comb.neighbours.filter((n) => n.label === 1).length);
    expect(s.headline.k).toBe(comb.k);
    expect(s.modelHash).toBe(doc.hash.value);
  });

  it('without miR-34a: radiomics still predicts, the headline waits and says why', () => {
    const p = predictCase(doc, features(1), null);
    expect(p.headline).toBeNull();
    expect(p.waitingFor.map(renderEnglish)).toEqual(['the miR-34a result']);
    expect(p.outcomes.find((o) => o.kind === 'radiomics')?.ok).toBe(true);
    const clinical = p.outcomes.find((o) => o.kind === 'clinical');
    expect(clinical).toEqual({ kind: 'clinical', ok: false, message: { code: 'prediction.needsMir' } });
    expect(clinical && !clinical.ok && renderEnglish(clinical.message)).toBe('needs miR-34a');
  });

  it('warns about spacing mismatch, out-of-range inputs and QC flags', () => {
    const f = features(2, 'mm');
    expect(renderEnglish(settingsMismatch(doc, f)[0])).toMatch(/Spacing mismatch/);
    const q = {
      relativeExpression: 50,
      source: 'direct' as const,
      deltaDeltaCt: null,
      flags: [{ code: 'sd' as const, message: 'x' }],
    };
    const p = predictCase(doc, f, q);
    const warnings = p.warnings.map(renderEnglish);
    expect(warnings.some((w) => /Spacing mismatch/.test(w))).toBe(true);
    expect(
      warnings.some((w) =>
        /miR34a = 50 is outside the training range \(z = [\d.]+; clinical model\)/.test(w),
      ),
    ).toBe(true);
    expect(warnings).toContain('qPCR: x');
    // The combined model needs features with the model's settings: it refuses with the reason.
    const comb = p.outcomes.find((o) => o.kind === 'combined');
    expect(comb?.ok).toBe(false);
    expect(comb && !comb.ok && renderEnglish(comb.message)).toMatch(/spacingUnit/);
    // The clinical model does not use the image: it still predicts.
    expect(p.outcomes.find((o) => o.kind === 'clinical')?.ok).toBe(true);
  });
});
