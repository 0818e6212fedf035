/**
 * The engine under random valid PyRadiomics settings (issue 7, "Robust engine"): normalisation with
 * outlier removal and shifts, bin width or bin count, several distances, asymmetric GLCM, every
 * weightingNorm, gldm_a, ROI size checks, absolute/relative/sigma resegmentation (also of the shape),
 * force2D. Each extraction returns numbers that are finite or NaN (never ±Infinity), or throws a
 * clear Error (an `Error` with a sentence of ours). Seed fixed and printed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { englishError } from '../../../src/i18n/render';
import { extractFeatures } from '../../../src/radiomics/extract';
import type { RadiomicsSettings } from '../../../src/radiomics/types';
import { unclearError } from './fuzzCampaign';
import { gridArb, volumes } from './roiGen';

const SEED = 5_2026_11;
const RUNS = 400;

/** Random settings; bin widths and distances kept moderate so that every run stays fast. */
const settingsArb: fc.Arbitrary<Partial<RadiomicsSettings>> = fc.record(
  {
    normalize: fc.boolean(),
    normalizeScale: fc.constantFrom(1, 100, 0.01),
    removeOutliers: fc.constantFrom(null, 3, 0.5),
    voxelArrayShift: fc.constantFrom(0, 300, -50),
    binWidth: fc.constantFrom(5, 10, 25, 1000),
    binCount: fc.constantFrom(null, null, 1, 2, 16, 64),
    distances: fc.constantFrom([1], [2], [1, 2]),
    symmetricalGLCM: fc.boolean(),
    weightingNorm: fc.constantFrom(null, 'manhattan', 'euclidean', 'infinity', 'no_weighting'),
    gldm_a: fc.constantFrom(0, 1, 5),
    minimumROIDimensions: fc.constantFrom(1, 2),
    minimumROISize: fc.constantFrom(null, 3),
    resegmentRange: fc.constantFrom(null, [0], [-100, 100], [0.2, 0.8], [-1, 1]),
    resegmentMode: fc.constantFrom('absolute', 'relative', 'sigma'),
    resegmentShape: fc.boolean(),
    force2D: fc.boolean(),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Partial<RadiomicsSettings>>;

describe('random valid settings', () => {
  it('finite-or-NaN features, or a clear Error', () => {
    console.log(`engine under random settings: fast-check seed ${SEED}, ${RUNS} runs`);
    let extracted = 0;
    const messages = new Set<string>();
    fc.assert(
      fc.property(gridArb(24), settingsArb, (g, settings) => {
        const { image, mask } = volumes(g);
        let values: Record<string, number>;
        try {
          values = extractFeatures(image, mask, { settings }).values;
        } catch (e) {
          expect(unclearError(e)).toBeNull();
          messages.add(englishError(e).replace(/-?\d+(\.\d+)?/g, '#'));
          return;
        }
        extracted++;
        for (const [name, v] of Object.entries(values))
          expect(Number.isFinite(v) || Number.isNaN(v), `${name} = ${v}`).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`  ${extracted} extractions, refusals: ${[...messages].join(' | ')}`);
    expect(extracted).toBeGreaterThan(RUNS / 3);
  });
});
