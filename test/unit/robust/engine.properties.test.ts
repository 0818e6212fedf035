/**
 * Property-based tests of the feature engine (issue 7, "Robust engine") on random non-degenerate 2-D
 * ROIs (volume depth 1, spacing 1; images up to 40 × 40 with random integer grey values and random
 * blob, polygon or noise masks spanning ≥ 2 pixels in both in-plane dimensions):
 * - translation invariance of every feature, bit for bit (the 107 study features and the 9 shape2D ones);
 * - invariance under the 7 non-trivial symmetries of the square (rotations by 90°, 180°, 270°, flips,
 *   transposition, anti-transposition), to 1e-9 relative (the summation order changes):
 *   · invariant under all of them: every firstorder, glcm, glrlm, glszm, gldm and ngtdm feature (GLCM
 *     and GLRLM average over the 4 in-plane angles, which the symmetries permute; GLSZM, GLDM, NGTDM
 *     use the 8-neighbourhood), every shape2D feature, and shape Elongation, Flatness, LeastAxisLength,
 *     MajorAxisLength, MinorAxisLength, Maximum2DDiameterSlice, Maximum3DDiameter, MeshVolume,
 *     VoxelVolume;
 *   · shape Maximum2DDiameterRow and Maximum2DDiameterColumn swap under the symmetries that exchange
 *     rows and columns;
 *   · shape SurfaceArea, SurfaceVolumeRatio, Sphericity: invariant under the symmetries that keep each
 *     diagonal (180° rotation, transposition, anti-transposition), and under all of them when the ROI
 *     has no diagonal-only 2 × 2 window (PyRadiomics' marching-cubes table; see FINDINGS.md);
 * - independence of the array types of image and mask.
 * Seeds are fixed (printed) so that CI is reproducible; numRuns keep the file well under 30 s.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../../src/radiomics/extract';
import { STUDY_PRESET } from '../../../src/radiomics/settings';
import type { RadiomicsSettings } from '../../../src/radiomics/types';
import { flipX, flipY, gridArb, mulberry32, placeIn, rot90, transpose, volumes, type Grid2D } from './roiGen';

const SEED = 7_2026_11;
const RUNS_TRANSLATION = 150;
const RUNS_SYMMETRY = 300;
const RUNS_TYPES = 60;
console.log(`engine properties: fast-check seed ${SEED}`);

/** PyRadiomics' defaults without whole-image normalisation (the only setting reading pixels outside the ROI). */
const RAW: Partial<RadiomicsSettings> = { normalize: false };

/** Features of the 7 study classes. */
function features(g: Grid2D, settings: Partial<RadiomicsSettings>): Record<string, number> {
  const { image, mask } = volumes(g);
  return extractFeatures(image, mask, { settings }).values;
}

/** The 2-D shape class (force2D on the one-slice volume). */
function shape2D(g: Grid2D, settings: Partial<RadiomicsSettings>): Record<string, number> {
  const { image, mask } = volumes(g);
  return extractFeatures(image, mask, {
    settings: { ...settings, force2D: true },
    featureClasses: { shape2D: null },
  }).values;
}

/** True when the image holds at least two different values (whole-image normalisation is defined). */
function varies(g: Grid2D): boolean {
  return g.image.some((v) => v !== g.image[0]);
}

/** Equal up to floating-point summation order: 1e-9 relative (NaN equals NaN). */
function close(a: number, b: number): boolean {
  return Object.is(a, b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The names whose values differ (Object.is, i.e. bit for bit) between two results. */
function bitDifferences(a: Record<string, number>, b: Record<string, number>): string[] {
  expect(Object.keys(b)).toEqual(Object.keys(a));
  return Object.keys(a).filter((k) => !Object.is(a[k], b[k]));
}

describe('translation invariance (every feature, bit for bit)', () => {
  const placement = fc.record({
    g: gridArb(24),
    padY: fc.integer({ min: 0, max: 16 }),
    padX: fc.integer({ min: 0, max: 16 }),
    a: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
    b: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
    bgSeed: fc.integer({ min: 0, max: 0x7fffffff }),
    background: fc.integer({ min: -500, max: 500 }),
  });
  /** Top-left corner of a placement from fractions of the free space. */
  const at = (f: [number, number], padY: number, padX: number): [number, number] => [
    Math.round(f[0] * padY),
    Math.round(f[1] * padX),
  ];

  it('normalize: false — ROI and image content shifted inside a larger canvas of any background', () => {
    fc.assert(
      fc.property(placement, ({ g, padY, padX, a, b, bgSeed }) => {
        const ch = g.h + padY;
        const cw = g.w + padX;
        // Different random backgrounds: without normalisation nothing outside the ROI is read.
        const bgA = mulberry32(bgSeed);
        const bgB = mulberry32(bgSeed ^ 0x5bd1e995);
        const [ta, la] = at(a, padY, padX);
        const [tb, lb] = at(b, padY, padX);
        const A = placeIn(g, ch, cw, ta, la, () => Math.round(bgA() * 4000 - 2000));
        const B = placeIn(g, ch, cw, tb, lb, () => Math.round(bgB() * 4000 - 2000));
        expect(bitDifferences(features(A, RAW), features(B, RAW))).toEqual([]);
        expect(bitDifferences(shape2D(A, RAW), shape2D(B, RAW))).toEqual([]);
      }),
      { numRuns: RUNS_TRANSLATION, seed: SEED },
    );
  });

  it('study preset (normalize: true) — shift inside the same canvas with a constant background', () => {
    // Whole-image normalisation sees the same multiset of integer grey values at any position, and
    // integer sums are exact in any order, so μ and σ — hence every feature — are bit-identical.
    fc.assert(
      fc.property(placement, ({ g, padY, padX, a, b, background }) => {
        const ch = g.h + padY;
        const cw = g.w + padX;
        const [ta, la] = at(a, padY, padX);
        const [tb, lb] = at(b, padY, padX);
        const A = placeIn(g, ch, cw, ta, la, () => background);
        const B = placeIn(g, ch, cw, tb, lb, () => background);
        fc.pre(varies(A));
        expect(bitDifferences(features(A, STUDY_PRESET), features(B, STUDY_PRESET))).toEqual([]);
      }),
      { numRuns: RUNS_TRANSLATION, seed: SEED + 1 },
    );
  });

  it('study preset — a larger canvas changes μ and σ of the image: only the shape features stay', () => {
    fc.assert(
      fc.property(placement, ({ g, padY, padX, background }) => {
        fc.pre(varies(g));
        const big = placeIn(g, g.h + padY + 1, g.w + padX + 1, padY, padX, () => background);
        const small = features(g, STUDY_PRESET);
        const large = features(big, STUDY_PRESET);
        const changed = bitDifferences(small, large);
        expect(changed.filter((k) => k.startsWith('original_shape_'))).toEqual([]);
      }),
      { numRuns: RUNS_TRANSLATION, seed: SEED + 2 },
    );
    // …while the grey-value features do change (normalised values are an affine map of the originals).
    const g: Grid2D = {
      h: 4,
      w: 4,
      image: Float64Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160]),
      mask: Uint8Array.from([0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]),
    };
    const small = features(g, STUDY_PRESET);
    const large = features(
      placeIn(g, 8, 8, 2, 2, () => 0),
      STUDY_PRESET,
    );
    expect(large.original_firstorder_Mean).not.toBeCloseTo(small.original_firstorder_Mean, 3);
    expect(large.original_shape_MeshVolume).toBe(small.original_shape_MeshVolume);
  });
});

/** The 8 symmetries of the square except the identity. */
const SYMMETRIES: Record<string, (g: Grid2D) => Grid2D> = {
  rot90,
  rot180: (g) => rot90(rot90(g)),
  rot270: (g) => rot90(rot90(rot90(g))),
  flipX,
  flipY,
  transpose,
  antiTranspose: (g) => rot90(rot90(transpose(g))),
};

/** Symmetries that exchange rows and columns. */
const SWAPS_AXES = new Set(['rot90', 'rot270', 'transpose', 'antiTranspose']);

/**
 * Features of the 3-D shape class computed from the marching-cubes mesh area. PyRadiomics' table
 * (Lorensen–Cline/Bourke) triangulates the two diagonal configurations of a 2 × 2 pixel window
 * differently, so these change under symmetries that turn one diagonal into the other (90°
 * rotations, flips) — unless the ROI has no diagonal-only window. 180° rotation, transposition and
 * anti-transposition keep each diagonal, hence these features.
 */
const MESH_AREA = new Set([
  'original_shape_SurfaceArea',
  'original_shape_SurfaceVolumeRatio',
  'original_shape_Sphericity',
]);
const KEEPS_DIAGONALS = new Set(['rot180', 'transpose', 'antiTranspose']);

/** True when some 2 × 2 window of the mask holds exactly two diagonal pixels. */
function hasDiagonalWindow(g: Grid2D): boolean {
  for (let y = 0; y + 1 < g.h; y++)
    for (let x = 0; x + 1 < g.w; x++) {
      const a = g.mask[y * g.w + x];
      const b = g.mask[y * g.w + x + 1];
      const c = g.mask[(y + 1) * g.w + x];
      const d = g.mask[(y + 1) * g.w + x + 1];
      if (a === d && b === c && a !== b) return true;
    }
  return false;
}

/** The feature a symmetry maps `name` to (Row and Column diameters swap when the axes swap). */
function image(name: string, symmetry: string): string {
  if (!SWAPS_AXES.has(symmetry)) return name;
  if (name.endsWith('Maximum2DDiameterRow')) return name.replace(/Row$/, 'Column');
  if (name.endsWith('Maximum2DDiameterColumn')) return name.replace(/Column$/, 'Row');
  return name;
}

describe('invariance under 90° rotations, flips and transpositions', () => {
  it(
    'first-order, GLCM, GLRLM, GLSZM, GLDM, NGTDM (4 in-plane angles, 8-connectivity) and shape2D ' +
      'are invariant; shape is too, except Row ↔ Column diameters and the mesh-area features',
    () => {
      const cases = fc.record({
        g: gridArb(32),
        preset: fc.boolean(),
        symmetry: fc.constantFrom(...Object.keys(SYMMETRIES)),
      });
      let meshChecks = 0;
      fc.assert(
        fc.property(cases, ({ g, preset, symmetry }) => {
          const settings = preset ? STUDY_PRESET : RAW;
          fc.pre(!preset || varies(g));
          const t = SYMMETRIES[symmetry](g);
          const a = features(g, settings);
          const b = features(t, settings);
          const meshInvariant = KEEPS_DIAGONALS.has(symmetry) || !hasDiagonalWindow(g);
          for (const name of Object.keys(a)) {
            if (MESH_AREA.has(name) && !meshInvariant) continue;
            if (MESH_AREA.has(name)) meshChecks++;
            const other = image(name, symmetry);
            expect(
              close(a[name], b[other]),
              `${name} vs ${other} after ${symmetry}: ${a[name]} ≠ ${b[other]}`,
            ).toBe(true);
          }
          const s = shape2D(g, settings);
          const u = shape2D(t, settings);
          for (const name of Object.keys(s))
            expect(close(s[name], u[name]), `${name} after ${symmetry}`).toBe(true);
        }),
        { numRuns: RUNS_SYMMETRY, seed: SEED + 3 },
      );
      expect(meshChecks).toBeGreaterThan(0);
    },
  );

  it("the mesh-area features do depend on the diagonal orientation (PyRadiomics' marching-cubes table)", () => {
    // Two diagonal pixels: "\" (main diagonal) and "/" (anti-diagonal), one a flip of the other.
    const main: Grid2D = {
      h: 2,
      w: 2,
      image: Float64Array.from([5, 9, 9, 7]),
      mask: Uint8Array.from([1, 0, 0, 1]),
    };
    const anti = flipX(main);
    const a = features(main, RAW);
    const b = features(anti, RAW);
    expect(a.original_shape_SurfaceArea).toBeCloseTo(2 * Math.sqrt(3), 12);
    expect(b.original_shape_SurfaceArea).toBeCloseTo(2.5 * Math.sqrt(3), 12);
    expect(b.original_shape_MeshVolume).toBe(a.original_shape_MeshVolume);
    expect(b.original_shape_Sphericity).not.toBeCloseTo(a.original_shape_Sphericity, 6);
    // shape2D separates both diagonals alike, so its perimeter is the same.
    expect(shape2D(anti, RAW).original_shape2D_Perimeter).toBe(shape2D(main, RAW).original_shape2D_Perimeter);
    // The texture and first-order features do not see the orientation.
    for (const name of Object.keys(a))
      if (!name.startsWith('original_shape_')) expect(close(a[name], b[name]), name).toBe(true);
  });
});

describe('independence of the array types', () => {
  it('number[], Int16Array, Int32Array and Float32Array images, Float64Array or number[] masks with a label', () => {
    fc.assert(
      fc.property(gridArb(24), fc.integer({ min: 1, max: 255 }), fc.boolean(), (g, label, preset) => {
        fc.pre(!preset || varies(g));
        const settings = preset ? STUDY_PRESET : RAW;
        const reference = features(g, settings);
        const spacing: [number, number, number] = [1, 1, 1];
        const size: [number, number, number] = [1, g.h, g.w];
        // the grey values are integers within ±6000: exact in every one of these types
        const images = [
          Array.from(g.image),
          Int16Array.from(g.image),
          Int32Array.from(g.image),
          Float32Array.from(g.image),
        ];
        const masks = [Float64Array.from(g.mask, (v) => v * label), Array.from(g.mask, (v) => v * label)];
        for (const [k, data] of images.entries()) {
          const mask = masks[k % 2];
          const r = extractFeatures(
            { data, size, spacing },
            { data: mask, size, spacing },
            { settings: { ...settings, label } },
          );
          expect(bitDifferences(reference, r.values)).toEqual([]);
        }
      }),
      { numRuns: RUNS_TYPES, seed: SEED + 4 },
    );
  });
});
