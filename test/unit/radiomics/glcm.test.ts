import { describe, expect, it } from 'vitest';
import { eigenvalues } from '../../../src/radiomics/eigen';
import { angleWeight, buildGlcm, computeGlcm } from '../../../src/radiomics/glcm';
import { resolveSettings } from '../../../src/radiomics/settings';
import type { RadiomicsSettings, TextureInput, Vec3 } from '../../../src/radiomics/types';

/** The 5×5 example image of PyRadiomics' GLCM docstring (grey levels 1..5). */
const DOC_IMAGE = [
  [1, 2, 5, 2, 3],
  [3, 2, 1, 3, 1],
  [1, 3, 5, 5, 2],
  [1, 1, 1, 1, 2],
  [1, 2, 4, 3, 5],
];

/** Symmetrical GLCM of the docstring for δ = 1, θ = 0° (horizontal). */
const DOC_GLCM = [
  [6, 4, 3, 0, 0],
  [4, 0, 2, 1, 3],
  [3, 2, 0, 1, 2],
  [0, 1, 1, 0, 0],
  [0, 3, 2, 0, 2],
];

/** Builds a 2-D texture input (one slice) from rows of grey levels (0 = outside the ROI). */
function input2D(rows: number[][], angles: Vec3[], settings: Partial<RadiomicsSettings> = {}): TextureInput {
  const ny = rows.length;
  const nx = rows[0].length;
  const levels = Int32Array.from(rows.flat());
  const present = [...new Set(rows.flat().filter((v) => v > 0))].sort((a, b) => a - b);
  return {
    size: [1, ny, nx],
    levels,
    grayLevels: Int32Array.from(present),
    Ng: Math.max(...present),
    Np: levels.filter((v) => v > 0).length,
    angles,
    settings: resolveSettings(settings),
    spacing: [1, 1, 1],
  };
}

describe('GLCM matrix', () => {
  it('reproduces the symmetrical GLCM of the PyRadiomics docstring (δ=1, θ=0°)', () => {
    const m = buildGlcm(input2D(DOC_IMAGE, [[0, 0, 1]]));
    expect(m.n).toBe(5);
    expect(m.Na).toBe(1);
    // 20 horizontal pairs, counted in both directions -> 40
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) expect(m.p[i * 5 + j] * 40).toBeCloseTo(DOC_GLCM[i][j], 12);
  });

  it('counts each pair once without symmetrisation, P + Pᵀ equals the symmetrical matrix', () => {
    const m = buildGlcm(input2D(DOC_IMAGE, [[0, 0, 1]], { symmetricalGLCM: false }));
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++)
        expect((m.p[i * 5 + j] + m.p[j * 5 + i]) * 20).toBeCloseTo(DOC_GLCM[i][j], 12);
    // first row of the image gives pairs (1,2),(2,5),(5,2),(2,3): P(1,2) counts 1 there, 3 in total
    expect(m.p[0 * 5 + 1] * 20).toBeCloseTo(3, 12);
  });

  it('drops angles without pairs (1-pixel-high ROI keeps only the horizontal angle)', () => {
    const rows = [
      [0, 0, 0, 0],
      [1, 2, 2, 3],
      [0, 0, 0, 0],
    ];
    const all: Vec3[] = [
      [0, 1, 1],
      [0, 1, 0],
      [0, 1, -1],
      [0, 0, 1],
    ];
    expect(buildGlcm(input2D(rows, all)).Na).toBe(1);
    const a = computeGlcm(input2D(rows, all));
    const b = computeGlcm(input2D(rows, [[0, 0, 1]]));
    for (const k of Object.keys(b)) expect(a[k]).toBe(b[k]);
  });

  it('sums weighted angles into one matrix (no_weighting) and weights by exp(-d²)', () => {
    const angles: Vec3[] = [
      [0, 1, 0],
      [0, 0, 1],
    ];
    const m = buildGlcm(input2D(DOC_IMAGE, angles, { weightingNorm: 'no_weighting' }));
    expect(m.Na).toBe(1);
    const h = buildGlcm(input2D(DOC_IMAGE, [[0, 0, 1]]));
    const v = buildGlcm(input2D(DOC_IMAGE, [[0, 1, 0]]));
    // both angles have 20 pairs, so the merged normalised matrix is the mean of the two
    for (let k = 0; k < 25; k++) expect(m.p[k]).toBeCloseTo((h.p[k] + v.p[k]) / 2, 14);
    expect(angleWeight([1, 1, 0], [2, 1, 1], 'infinity')).toBeCloseTo(Math.exp(-4), 15);
    expect(angleWeight([1, 1, 0], [2, 1, 1], 'euclidean')).toBeCloseTo(Math.exp(-5), 15);
    expect(angleWeight([1, 1, 0], [2, 1, 1], 'manhattan')).toBeCloseTo(Math.exp(-9), 15);
    expect(angleWeight([1, 1, 0], [2, 1, 1], 'no_weighting')).toBe(1);
  });
});

describe('GLCM features', () => {
  it('computes the docstring matrix features from their definitions', () => {
    const f = computeGlcm(input2D(DOC_IMAGE, [[0, 0, 1]]));
    // p = P / 40 with P the docstring matrix; independent evaluation of a few definitions
    const p = DOC_GLCM.map((r) => r.map((v) => v / 40));
    let ux = 0,
      contrast = 0,
      energy = 0,
      ac = 0,
      id = 0,
      maxP = 0;
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) {
        ux += (i + 1) * p[i][j];
        contrast += (i - j) ** 2 * p[i][j];
        energy += p[i][j] ** 2;
        ac += (i + 1) * (j + 1) * p[i][j];
        id += p[i][j] / (1 + Math.abs(i - j));
        maxP = Math.max(maxP, p[i][j]);
      }
    expect(f.JointAverage).toBeCloseTo(ux, 13);
    expect(f.SumAverage).toBeCloseTo(2 * ux, 13); // symmetrical: SumAverage = 2 μx
    expect(f.Contrast).toBeCloseTo(contrast, 13);
    expect(f.JointEnergy).toBeCloseTo(energy, 14);
    expect(f.Autocorrelation).toBeCloseTo(ac, 13);
    expect(f.Id).toBeCloseTo(id, 14);
    expect(f.MaximumProbability).toBeCloseTo(6 / 40, 15);
    expect(f.Correlation).toBeGreaterThan(-1);
    expect(f.Correlation).toBeLessThan(1);
    expect(f.Imc1).toBeLessThanOrEqual(0);
    expect(f.Imc2).toBeGreaterThanOrEqual(0);
    expect(f.MCC).toBeGreaterThanOrEqual(0);
    expect(f.MCC).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('gives PyRadiomics values on a flat ROI (Correlation 1, MCC 1, Imc 0, entropy -log2(1+eps))', () => {
    const f = computeGlcm(
      input2D(
        [
          [3, 3, 3],
          [3, 3, 3],
        ],
        [
          [0, 1, 1],
          [0, 1, 0],
          [0, 1, -1],
          [0, 0, 1],
        ],
      ),
    );
    expect(f.Correlation).toBe(1);
    expect(f.MCC).toBe(1);
    expect(f.Imc1).toBe(0);
    expect(f.Imc2).toBe(0);
    expect(f.JointEntropy).toBeCloseTo(-3.2034265038149176e-16, 30);
    expect(f.Contrast).toBe(0);
    expect(f.JointAverage).toBe(3);
    expect(f.Idmn).toBe(1);
  });

  it('MCC of a 2-level matrix equals √(trace(Q) − 1)', () => {
    const rows = [
      [1, 1, 1, 2],
      [2, 2, 1, 1],
    ];
    const inp = input2D(rows, [[0, 0, 1]]);
    const m = buildGlcm(inp);
    const p = m.p;
    const px = [p[0] + p[1], p[2] + p[3]];
    const eps = 2.220446049250313e-16;
    let tr = 0;
    for (let i = 0; i < 2; i++)
      for (let k = 0; k < 2; k++) tr += (p[i * 2 + k] * p[i * 2 + k]) / (px[i] * px[k] + eps);
    expect(tr - 1).toBeGreaterThan(0.01);
    expect(computeGlcm(inp).MCC).toBeCloseTo(Math.sqrt(tr - 1), 12);
  });
});

describe('eigenvalues', () => {
  it('finds real eigenvalues of symmetric and non-symmetric matrices', () => {
    const sym = eigenvalues(Float64Array.of(2, 0, 0, 0, 3, 4, 0, 4, 9), 3);
    expect([...sym.re].sort((a, b) => a - b).map((v) => +v.toFixed(12))).toEqual([1, 2, 11]);
    const ns = eigenvalues(Float64Array.of(4, 1, 2, 3), 2);
    expect([...ns.re].sort((a, b) => a - b).map((v) => +v.toFixed(12))).toEqual([2, 5]);
  });

  it('finds complex pairs and larger spectra', () => {
    const rot = eigenvalues(Float64Array.of(0, -1, 1, 0), 2);
    expect([...rot.re].map((v) => Math.abs(v))).toEqual([0, 0]);
    expect([...rot.im].sort((a, b) => a - b)).toEqual([-1, 1]);
    // upper-triangular 6×6 with a dense upper part: eigenvalues are the diagonal
    const n = 6;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = i; j < n; j++) a[i * n + j] = i === j ? i + 1 : (i * 7 + j * 3) % 5;
    // similarity transform with a fixed invertible matrix keeps the spectrum
    const s = new Float64Array(n * n);
    const sInv = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      s[i * n + i] = 1;
      sInv[i * n + i] = 1;
      if (i + 1 < n) {
        s[i * n + i + 1] = 0.5;
      }
    }
    // inverse of unit upper bidiagonal with superdiagonal 0.5: (−0.5)^(j−i)
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) sInv[i * n + j] = (-0.5) ** (j - i);
    const mul = (x: Float64Array, y: Float64Array): Float64Array => {
      const r = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) r[i * n + j] += x[i * n + k] * y[k * n + j];
      return r;
    };
    const b = mul(mul(sInv, a), s);
    // make it non-triangular: conjugate by a rotation-like lower matrix too
    const l = new Float64Array(n * n);
    const lInv = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      l[i * n + i] = 1;
      lInv[i * n + i] = 1;
      if (i > 0) {
        l[i * n + i - 1] = 0.3;
      }
    }
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) lInv[i * n + j] = (-0.3) ** (i - j);
    const c = mul(mul(lInv, b), l);
    const ev = eigenvalues(c, n);
    expect([...ev.re].sort((x, y) => x - y).map((v) => +v.toFixed(8))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ev.im.every((v) => Math.abs(v) < 1e-9)).toBe(true);
  });
});
