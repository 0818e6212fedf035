import { describe, expect, it } from 'vitest';
import { buildGlrlm, computeGlrlm, glrlmAngleWeight } from '../../../src/radiomics/glrlm';
import { resolveSettings } from '../../../src/radiomics/settings';
import type { RadiomicsSettings, TextureInput, Vec3 } from '../../../src/radiomics/types';

/** The 5×5 example image of PyRadiomics' GLRLM docstring. */
const DOC_IMAGE = [
  [5, 2, 5, 4, 4],
  [3, 3, 3, 1, 3],
  [2, 1, 1, 1, 3],
  [4, 2, 2, 2, 3],
  [3, 5, 3, 3, 2],
];

/** GLRLM of the docstring for θ = 0° (rows: grey level 1..5, columns: run length 1..5). */
const DOC_GLRLM = [
  [1, 0, 1, 0, 0],
  [3, 0, 1, 0, 0],
  [4, 1, 1, 0, 0],
  [1, 1, 0, 0, 0],
  [3, 0, 0, 0, 0],
];

const IN_PLANE: Vec3[] = [
  [0, 1, 1],
  [0, 1, 0],
  [0, 1, -1],
  [0, 0, 1],
];

/** Builds a 2-D texture input (one slice) from rows of grey levels (0 = outside the ROI). */
function input2D(rows: number[][], angles: Vec3[], settings: Partial<RadiomicsSettings> = {}): TextureInput {
  const levels = Int32Array.from(rows.flat());
  const present = [...new Set(rows.flat().filter((v) => v > 0))].sort((a, b) => a - b);
  return {
    size: [1, rows.length, rows[0].length],
    levels,
    grayLevels: Int32Array.from(present),
    Ng: Math.max(...present),
    Np: levels.filter((v) => v > 0).length,
    angles,
    settings: resolveSettings(settings),
    spacing: [1, 1, 1],
  };
}

describe('GLRLM matrix', () => {
  it('reproduces the GLRLM of the PyRadiomics docstring (θ = 0°)', () => {
    const m = buildGlrlm(input2D(DOC_IMAGE, [[0, 0, 1]]));
    expect(m.Na).toBe(1);
    expect(m.Nr).toBe(5);
    const got = Array.from({ length: 5 }, (_, i) => Array.from(m.P.subarray(i * 5, i * 5 + 5)));
    expect(got).toEqual(DOC_GLRLM);
  });

  it('runs along the vertical and diagonal angles cover every voxel once', () => {
    const m = buildGlrlm(input2D(DOC_IMAGE, IN_PLANE));
    expect(m.Na).toBe(4);
    for (let a = 0; a < 4; a++) {
      let voxels = 0;
      for (let i = 0; i < m.n; i++)
        for (let j = 0; j < m.Nr; j++) voxels += m.P[(a * m.n + i) * m.Nr + j] * (j + 1);
      expect(voxels).toBe(25);
    }
  });

  it('breaks runs at voxels outside the ROI', () => {
    const m = buildGlrlm(input2D([[1, 1, 0, 1, 1, 1]], [[0, 0, 1]], { minimumROIDimensions: 1 }));
    // one run of length 2 and one of length 3 of grey level 1
    expect(Array.from(m.P.subarray(0, 6))).toEqual([0, 1, 1, 0, 0, 0]);
  });

  it('empties an angle whose scan lines never hold 2 ROI voxels', () => {
    const rows = [
      [0, 0, 0, 0],
      [1, 2, 2, 3],
      [0, 0, 0, 0],
    ];
    expect(buildGlrlm(input2D(rows, IN_PLANE)).Na).toBe(1);
    const a = computeGlrlm(input2D(rows, IN_PLANE));
    const b = computeGlrlm(input2D(rows, [[0, 0, 1]]));
    for (const k of Object.keys(b)) expect(a[k]).toBe(b[k]);
  });

  it('gives the same runs for an angle and its opposite', () => {
    const pos = buildGlrlm(input2D(DOC_IMAGE, [[0, 1, -1]]));
    const neg = buildGlrlm(input2D(DOC_IMAGE, [[0, -1, 1]]));
    expect(Array.from(neg.P)).toEqual(Array.from(pos.P));
  });

  it('keeps an angle whose scan lines hold 2 non-adjacent ROI voxels', () => {
    const rows = [
      [1, 0, 2],
      [0, 0, 0],
      [3, 0, 1],
    ];
    const m = buildGlrlm(input2D(rows, IN_PLANE));
    expect(m.Na).toBe(4);
    for (let a = 0; a < 4; a++) {
      let runs = 0;
      for (let k = 0; k < m.n * m.Nr; k++) runs += m.P[a * m.n * m.Nr + k];
      expect(runs).toBe(4);
    }
  });

  it('sums angles with GLRLM weights (distance, not exponential)', () => {
    expect(glrlmAngleWeight([1, 1, 0], [2, 1, 1], 'infinity')).toBe(2);
    expect(glrlmAngleWeight([1, 1, 0], [2, 1, 1], 'euclidean')).toBeCloseTo(Math.sqrt(5), 15);
    expect(glrlmAngleWeight([1, 1, 0], [2, 1, 1], 'manhattan')).toBe(3);
    expect(glrlmAngleWeight([1, 1, 0], [2, 1, 1], 'no_weighting')).toBe(1);
    const angles: Vec3[] = [
      [0, 1, 1],
      [0, 0, 1],
    ];
    const w = buildGlrlm(input2D(DOC_IMAGE, angles, { weightingNorm: 'manhattan' }));
    const d = buildGlrlm(input2D(DOC_IMAGE, [[0, 1, 1]]));
    const h = buildGlrlm(input2D(DOC_IMAGE, [[0, 0, 1]]));
    expect(w.Na).toBe(1);
    for (let k = 0; k < w.P.length; k++) expect(w.P[k]).toBeCloseTo(2 * d.P[k] + h.P[k], 12);
  });
});

describe('GLRLM features', () => {
  it('computes the docstring matrix features by hand', () => {
    const f = computeGlrlm(input2D(DOC_IMAGE, [[0, 0, 1]]));
    // N_r = 17 runs; p_r = [12, 2, 3, 0, 0]; p_g = [2, 4, 6, 2, 3]; N_p = 25
    expect(f.ShortRunEmphasis).toBeCloseTo((12 + 2 / 4 + 3 / 9) / 17, 14);
    expect(f.LongRunEmphasis).toBeCloseTo((12 + 8 + 27) / 17, 14);
    expect(f.RunPercentage).toBeCloseTo(17 / 25, 15);
    expect(f.GrayLevelNonUniformity).toBeCloseTo(69 / 17, 14);
    expect(f.GrayLevelNonUniformityNormalized).toBeCloseTo(69 / 289, 15);
    expect(f.RunLengthNonUniformity).toBeCloseTo(157 / 17, 14);
    expect(f.RunLengthNonUniformityNormalized).toBeCloseTo(157 / 289, 15);
    expect(f.LowGrayLevelRunEmphasis).toBeCloseTo((2 + 4 / 4 + 6 / 9 + 2 / 16 + 3 / 25) / 17, 14);
    expect(f.HighGrayLevelRunEmphasis).toBeCloseTo((2 + 16 + 54 + 32 + 75) / 17, 14);
    // u_i = Σ p_g i / N_r = 45/17; GLV = Σ p_g (i − u_i)² / N_r
    const ui = (2 + 8 + 18 + 8 + 15) / 17;
    const glv = [2, 4, 6, 2, 3].reduce((s, v, k) => s + (v / 17) * (k + 1 - ui) ** 2, 0);
    expect(f.GrayLevelVariance).toBeCloseTo(glv, 14);
    const uj = 25 / 17;
    const rv = [12, 2, 3].reduce((s, v, k) => s + (v / 17) * (k + 1 - uj) ** 2, 0);
    expect(f.RunVariance).toBeCloseTo(rv, 14);
    let re = 0;
    for (const row of DOC_GLRLM)
      for (const v of row) re -= (v / 17) * Math.log2(v / 17 + 2.220446049250313e-16);
    expect(f.RunEntropy).toBeCloseTo(re, 14);
    let srlge = 0,
      lrhge = 0;
    DOC_GLRLM.forEach((row, i) =>
      row.forEach((v, j) => {
        srlge += v / ((i + 1) ** 2 * (j + 1) ** 2);
        lrhge += v * (i + 1) ** 2 * (j + 1) ** 2;
      }),
    );
    expect(f.ShortRunLowGrayLevelEmphasis).toBeCloseTo(srlge / 17, 14);
    expect(f.LongRunHighGrayLevelEmphasis).toBeCloseTo(lrhge / 17, 12);
  });

  it('averages per-angle features over the kept angles', () => {
    const all = computeGlrlm(input2D(DOC_IMAGE, IN_PLANE));
    const single = IN_PLANE.map((a) => computeGlrlm(input2D(DOC_IMAGE, [a])));
    for (const k of Object.keys(all)) {
      const mean = single.reduce((s, f) => s + f[k], 0) / 4;
      expect(all[k]).toBeCloseTo(mean, 12);
    }
  });
});
