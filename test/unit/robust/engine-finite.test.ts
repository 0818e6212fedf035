/**
 * Finiteness of the features (issue 7, "Robust engine"): for any non-degenerate 2-D ROI (≥ 2 pixels
 * in both in-plane dimensions, images up to 48 × 48, random grey values and masks) every feature is a
 * finite number — except where PyRadiomics itself defines the value as NaN:
 * - GLCM: every feature is NaN when no two ROI pixels are neighbours along any of the 4 in-plane
 *   angles (all co-occurrence matrices empty; PyRadiomics' nanmean over angles of NaN) — except MCC,
 *   which PyRadiomics sets to 1 whenever the ROI has a single grey level;
 * - GLRLM: every feature is NaN when no row, column or diagonal holds two ROI pixels (PyRadiomics'
 *   C code empties an angle whose lines hold no run of ≥ 2 voxels, then nanmean of NaN);
 * - firstorder RobustMeanAbsoluteDeviation is NaN for a 2-pixel ROI with two different values (no value
 *   lies in [P10, P90]: numpy's mean of an empty array).
 * Checked both ways: finite everywhere else, NaN exactly there.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../../src/radiomics/extract';
import { STUDY_PRESET } from '../../../src/radiomics/settings';
import type { RadiomicsSettings } from '../../../src/radiomics/types';
import { drawGrid, gridArb, mulberry32, nonDegenerate, volumes, type Grid2D } from './roiGen';
import { thrownMessage } from '../../fixtures/thrownMessage';

const SEED = 4_2026_11;
const RUNS = 250;
console.log(`engine finiteness: fast-check seed ${SEED}`);

/** ROI pixel coordinates. */
function roiPixels(g: Grid2D): [number, number][] {
  const out: [number, number][] = [];
  for (let y = 0; y < g.h; y++) for (let x = 0; x < g.w; x++) if (g.mask[y * g.w + x]) out.push([y, x]);
  return out;
}

/** True when two ROI pixels are 8-neighbours (a co-occurrence pair at distance 1 exists). */
function hasNeighbours(g: Grid2D): boolean {
  const at = (y: number, x: number): boolean =>
    y >= 0 && y < g.h && x >= 0 && x < g.w && g.mask[y * g.w + x] === 1;
  return roiPixels(g).some(([y, x]) => at(y, x + 1) || at(y + 1, x - 1) || at(y + 1, x) || at(y + 1, x + 1));
}

/** True when some row, column, diagonal or anti-diagonal holds two ROI pixels. */
function sharesALine(g: Grid2D): boolean {
  const seen = [new Set<number>(), new Set<number>(), new Set<number>(), new Set<number>()];
  for (const [y, x] of roiPixels(g)) {
    const keys = [y, x, y - x, y + x];
    for (let k = 0; k < 4; k++) {
      if (seen[k].has(keys[k])) return true;
      seen[k].add(keys[k]);
    }
  }
  return false;
}

/** The features PyRadiomics defines as NaN for this ROI (see the file comment). */
function expectedNaN(g: Grid2D): (name: string) => boolean {
  const pixels = roiPixels(g);
  const values = pixels.map(([y, x]) => g.image[y * g.w + x]);
  const glcmEmpty = !hasNeighbours(g);
  const glrlmEmpty = !sharesALine(g);
  const rmadEmpty = pixels.length === 2 && values[0] !== values[1];
  return (name) =>
    (glcmEmpty && name.startsWith('original_glcm_')) ||
    (glrlmEmpty && name.startsWith('original_glrlm_')) ||
    (rmadEmpty && name === 'original_firstorder_RobustMeanAbsoluteDeviation');
}

/** All 8 classes: the 7 study classes, plus shape2D (force2D on the one-slice volume). */
function allFeatures(g: Grid2D, settings: Partial<RadiomicsSettings>): Record<string, number> {
  const { image, mask } = volumes(g);
  const study = extractFeatures(image, mask, { settings }).values;
  const flat = extractFeatures(image, mask, {
    settings: { ...settings, force2D: true },
    featureClasses: { shape2D: null },
  }).values;
  return { ...study, ...flat };
}

/** MCC of an ROI without co-occurrences: 1 for one grey level (PyRadiomics' early return), else NaN. */
const MCC = 'original_glcm_MCC';

/** Checks every feature against the rule; returns the number of NaN features seen. */
function checkFinite(g: Grid2D, settings: Partial<RadiomicsSettings>): number {
  const values = allFeatures(g, settings);
  expect(Object.keys(values)).toHaveLength(107 + 9);
  const nanExpected = expectedNaN(g);
  let nan = 0;
  for (const [name, v] of Object.entries(values)) {
    if (name === MCC && nanExpected(name) && v === 1) continue;
    if (nanExpected(name)) {
      expect(v, name).toBeNaN();
      nan++;
    } else expect(Number.isFinite(v), `${name} = ${v}`).toBe(true);
  }
  return nan;
}

describe('finite features on any non-degenerate ROI', () => {
  it('PyRadiomics defaults and the study preset, images up to 48 × 48', () => {
    let nanCases = 0;
    fc.assert(
      fc.property(gridArb(48), fc.boolean(), (g, preset) => {
        const varies = g.image.some((v) => v !== g.image[0]);
        if (preset && !varies) {
          // Whole-image normalisation of a constant image is undefined: a clear error, not NaN features.
          expect(thrownMessage(() => allFeatures(g, STUDY_PRESET)).code).toBe('radiomics.constantImage');
          return;
        }
        if (checkFinite(g, preset ? STUDY_PRESET : { normalize: false }) > 0) nanCases++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`  ${RUNS} ROIs checked, ${nanCases} with features PyRadiomics defines as NaN`);
  });

  it('sparse noise masks (isolated pixels, the NaN cases), images up to 16 × 16', () => {
    const sparse = fc
      .record({
        h: fc.integer({ min: 2, max: 16 }),
        w: fc.integer({ min: 2, max: 16 }),
        seed: fc.integer({ min: 0, max: 0x7fffffff }),
        range: fc.constantFrom(0, 3, 255),
        offset: fc.integer({ min: -50, max: 50 }),
        gradient: fc.constant(0),
        kind: fc.constant('noise' as const),
      })
      .map((p) => {
        const g = drawGrid(p);
        // keep about one pixel in six: many ROIs of a few isolated pixels
        const keep = mulberry32(p.seed ^ 0x2545f491);
        for (let i = 0; i < g.mask.length; i++) if (keep() >= 1 / 6) g.mask[i] = 0;
        return g;
      })
      .filter(nonDegenerate);
    let nanCases = 0;
    fc.assert(
      fc.property(sparse, (g) => {
        if (checkFinite(g, { normalize: false }) > 0) nanCases++;
      }),
      { numRuns: RUNS, seed: SEED + 1 },
    );
    console.log(`  ${RUNS} sparse ROIs checked, ${nanCases} with features PyRadiomics defines as NaN`);
    expect(nanCases).toBeGreaterThan(0);
  });

  it('examples of the NaN cases', () => {
    // Two isolated pixels, not on a common row, column or diagonal: GLCM and GLRLM are NaN.
    const apart: Grid2D = {
      h: 3,
      w: 2,
      image: Float64Array.from([40, 0, 0, 0, 0, 90]),
      mask: Uint8Array.from([1, 0, 0, 0, 0, 1]),
    };
    const a = allFeatures(apart, { normalize: false });
    expect(a.original_glcm_Contrast).toBeNaN();
    expect(a.original_glcm_MCC).toBeNaN();
    expect(a.original_glrlm_RunPercentage).toBeNaN();
    expect(a.original_glszm_ZonePercentage).toBe(1);
    expect(a.original_firstorder_RobustMeanAbsoluteDeviation).toBeNaN();
    expect(a.original_firstorder_Mean).toBe(65);
    // Two diagonal neighbours of different values: GLCM is defined, only RobustMAD is NaN.
    const diagonal: Grid2D = {
      h: 2,
      w: 2,
      image: Float64Array.from([10, 0, 0, 60]),
      mask: Uint8Array.from([1, 0, 0, 1]),
    };
    const d = allFeatures(diagonal, { normalize: false });
    expect(Number.isFinite(d.original_glcm_Contrast)).toBe(true);
    expect(d.original_firstorder_RobustMeanAbsoluteDeviation).toBeNaN();
    // The same two pixels with equal values: P10 = P90 = the value, RobustMAD = 0.
    const equal = { ...diagonal, image: Float64Array.from([10, 0, 0, 10]) };
    expect(allFeatures(equal, { normalize: false }).original_firstorder_RobustMeanAbsoluteDeviation).toBe(0);
    // Isolated pixels of one grey level: GLCM is NaN but MCC is 1 (PyRadiomics' Ng == 1 shortcut).
    const flat = allFeatures(
      { ...apart, image: Float64Array.from([40, 0, 0, 0, 0, 41]) },
      { normalize: false },
    );
    expect(flat.original_glcm_Contrast).toBeNaN();
    expect(flat.original_glcm_MCC).toBe(1);
  });
});
