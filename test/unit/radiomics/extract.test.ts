import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { extractFeatures, MODEL_FEATURES, STUDY_FEATURE_NAMES } from '../../../src/radiomics/extract';
import { computeFirstOrder, percentileSorted } from '../../../src/radiomics/firstorder';
import { STUDY_PRESET } from '../../../src/radiomics/settings';
import { sha1Hex, voxelBytes } from '../../../src/radiomics/sha1';
import type { ImageVolume, MaskVolume, Vec3 } from '../../../src/radiomics/types';
import { thrownMessage } from '../../fixtures/thrownMessage';

/** A 1×ny×nx test image with a deterministic texture and a rectangular ROI (plus optional extra pixels). */
function testCase(ny = 24, nx = 32): { image: ImageVolume; mask: MaskVolume } {
  const size: Vec3 = [1, ny, nx];
  const data = new Float64Array(ny * nx);
  const m = new Uint8Array(ny * nx);
  for (let y = 0; y < ny; y++)
    for (let x = 0; x < nx; x++) {
      data[y * nx + x] = (x * 37 + y * 11 + ((x * y) % 7) * 13) % 256;
      if (y >= 4 && y < 18 && x >= 6 && x < 25) m[y * nx + x] = 1;
    }
  return { image: { data, size, spacing: [1, 1, 1] }, mask: { data: m, size, spacing: [1, 1, 1] } };
}

describe('feature name lists', () => {
  it('lists the 107 study features in PyRadiomics order and the 5 model features among them', () => {
    expect(STUDY_FEATURE_NAMES).toHaveLength(107);
    expect(new Set(STUDY_FEATURE_NAMES).size).toBe(107);
    expect(STUDY_FEATURE_NAMES[0]).toBe('original_shape_Elongation');
    expect(STUDY_FEATURE_NAMES[14]).toBe('original_firstorder_10Percentile');
    expect(STUDY_FEATURE_NAMES[106]).toBe('original_ngtdm_Strength');
    expect(MODEL_FEATURES).toHaveLength(5);
    for (const f of MODEL_FEATURES) expect(STUDY_FEATURE_NAMES).toContain(f);
  });
});

describe('extractFeatures', () => {
  it('returns the 107 features in order, finite, with timings and diagnostics', () => {
    const { image, mask } = testCase();
    const r = extractFeatures(image, mask, { settings: STUDY_PRESET });
    expect(r.features.map(([n]) => n)).toEqual(STUDY_FEATURE_NAMES);
    for (const [, v] of r.features) expect(Number.isFinite(v)).toBe(true);
    expect(r.values.original_shape_VoxelVolume).toBe(14 * 19);
    expect(r.values.original_firstorder_Minimum).toBeLessThan(r.values.original_firstorder_Maximum);
    for (const k of ['preprocess', 'shape', 'firstorder', 'glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm', 'total'])
      expect(r.timings[k]).toBeGreaterThanOrEqual(0);
    const d = Object.fromEntries(r.diagnostics);
    expect(d['diagnostics_Mask-original_VoxelNum']).toBe(String(14 * 19));
    expect(d['diagnostics_Mask-original_BoundingBox']).toBe('(6, 4, 0, 19, 14, 1)');
    expect(d['diagnostics_Mask-original_VolumeNum']).toBe('1');
    expect(d['diagnostics_Image-original_Size']).toBe('(32, 24, 1)');
    expect(d['diagnostics_Image-original_Spacing']).toBe('(1.0, 1.0, 1.0)');
    // Integer grey values held as float64 hash as the uint8 pixels the file carried (as PyRadiomics sees them).
    expect(d['diagnostics_Image-original_Hash']).toBe(
      createHash('sha1')
        .update(Uint8Array.from(image.data as Float64Array))
        .digest('hex'),
    );
    // Non-integer values hash as float64.
    const frac = { ...image, data: Float64Array.from(image.data as Float64Array, (v) => v + 0.5) };
    const rf = Object.fromEntries(extractFeatures(frac, mask, { settings: STUDY_PRESET }).diagnostics);
    expect(rf['diagnostics_Image-original_Hash']).toBe(
      createHash('sha1').update(voxelBytes(frac.data)).digest('hex'),
    );
    expect(JSON.parse(d['diagnostics_Configuration_Settings'])).toMatchObject(STUDY_PRESET);
    expect(d['diagnostics_Versions_Engine']).toMatch(/^sonomir-radiomics /);
  });

  it('computes only the requested classes and features, in PyRadiomics order', () => {
    const { image, mask } = testCase();
    const r = extractFeatures(image, mask, {
      settings: STUDY_PRESET,
      featureClasses: { ngtdm: ['Contrast'], glcm: ['MCC', 'Correlation'], firstorder: null },
    });
    const names = r.features.map(([n]) => n);
    expect(names.slice(0, 18).every((n) => n.startsWith('original_firstorder_'))).toBe(true);
    expect(names.slice(18)).toEqual([
      'original_glcm_Correlation',
      'original_glcm_MCC',
      'original_ngtdm_Contrast',
    ]);
    expect(r.timings.shape).toBeUndefined();
  });

  it('matches the full extraction when one class is extracted alone', () => {
    const { image, mask } = testCase();
    const all = extractFeatures(image, mask, { settings: STUDY_PRESET });
    const glrlm = extractFeatures(image, mask, { settings: STUDY_PRESET, featureClasses: { glrlm: [] } });
    for (const [n, v] of glrlm.features) expect(v).toBe(all.values[n]);
  });

  it('without diagnostics (the interactive app) gives the same features bit for bit and no diagnostics', () => {
    const { image, mask } = testCase();
    const all = extractFeatures(image, mask, { settings: STUDY_PRESET });
    const fast = extractFeatures(image, mask, { settings: STUDY_PRESET, diagnostics: false });
    expect(all.diagnostics.map(([n]) => n)).toContain('diagnostics_Image-original_Hash');
    expect(fast.diagnostics).toEqual([]);
    expect(fast.features).toEqual(all.features);
    expect(fast.settings).toEqual(all.settings);
  });

  it('counts face-connected components and the label of choice', () => {
    const { image, mask } = testCase();
    const m = Uint8Array.from(mask.data as Uint8Array);
    m[0] = 2;
    m[1] = 1;
    m[2 * 32 + 2] = 1; // two isolated pixels outside the rectangle
    const r = extractFeatures(image, { ...mask, data: m }, { settings: STUDY_PRESET });
    expect(Object.fromEntries(r.diagnostics)['diagnostics_Mask-original_VolumeNum']).toBe('3');
    const r2 = extractFeatures(
      image,
      { ...mask, data: Uint8Array.from(m, (v) => (v === 2 ? 2 : 0)).map((v, i) => (i === 3 ? 2 : v)) },
      {
        settings: { ...STUDY_PRESET, label: 2, minimumROIDimensions: 1 },
        featureClasses: { firstorder: null },
      },
    );
    expect(Object.fromEntries(r2.diagnostics)['diagnostics_Mask-original_VoxelNum']).toBe('2');
  });

  it('extracts shape2D with force2D on a one-slice ROI', () => {
    const { image, mask } = testCase();
    const r = extractFeatures(image, mask, {
      settings: { ...STUDY_PRESET, force2D: true },
      featureClasses: { shape2D: null },
    });
    expect(r.values.original_shape2D_PixelSurface).toBe(14 * 19);
    expect(r.features).toHaveLength(9);
  });

  it('runs every texture option (distances, weighting norms, bin count, resegmentation) to finite values', () => {
    const { image, mask } = testCase();
    const variants = [
      { distances: [1, 2] },
      { weightingNorm: 'manhattan' as const },
      { weightingNorm: 'euclidean' as const, symmetricalGLCM: false },
      { weightingNorm: 'infinity' as const },
      { binCount: 16, gldm_a: 1 },
      { resegmentRange: [-2, 2], resegmentMode: 'sigma' as const },
      { removeOutliers: 2 },
    ];
    for (const v of variants) {
      const r = extractFeatures(image, mask, { settings: { ...STUDY_PRESET, ...v } });
      expect(r.features).toHaveLength(107);
      for (const [n, x] of r.features) expect(Number.isFinite(x), `${JSON.stringify(v)} ${n}`).toBe(true);
    }
  });

  it('uses the distances setting for GLCM but always distance 1 for GLRLM, as PyRadiomics', () => {
    const { image, mask } = testCase();
    const run = (distances: number[]) =>
      extractFeatures(image, mask, {
        settings: { ...STUDY_PRESET, distances },
        featureClasses: { glcm: ['Contrast'], glrlm: null },
      }).values;
    const d1 = run([1]);
    const d12 = run([1, 2]);
    const d2 = run([2]);
    for (const name of Object.keys(d1).filter((n) => n.includes('glrlm'))) {
      expect(d12[name]).toBe(d1[name]);
      expect(d2[name]).toBe(d1[name]);
    }
    expect(d12.original_glcm_Contrast).not.toBe(d1.original_glcm_Contrast);
    expect(d2.original_glcm_Contrast).not.toBe(d12.original_glcm_Contrast);
  });

  it('throws clear errors for bad input', () => {
    const { image, mask } = testCase();
    const code = (fn: () => unknown) => thrownMessage(fn).code;
    expect(thrownMessage(() => extractFeatures(image, { ...mask, data: new Uint8Array(10) }))).toMatchObject({
      code: 'radiomics.volumeLength',
      params: { length: 10 },
    });
    expect(code(() => extractFeatures(image, { ...mask, data: new Uint8Array(24 * 32) }))).toBe(
      'radiomics.maskEmpty',
    );
    expect(thrownMessage(() => extractFeatures(image, mask, { settings: { label: 3 } }))).toMatchObject({
      code: 'radiomics.labelMissing',
      params: { label: 3 },
    });
    const one = new Uint8Array(24 * 32);
    one[100] = 1;
    expect(code(() => extractFeatures(image, { ...mask, data: one }))).toBe('radiomics.singleVoxel');
    const line = new Uint8Array(24 * 32);
    line.fill(1, 64, 70);
    expect(code(() => extractFeatures(image, { ...mask, data: line }))).toBe('radiomics.tooFewDimensions');
    expect(code(() => extractFeatures(image, mask, { settings: { minimumROISize: 1000 } }))).toBe(
      'radiomics.roiTooSmall',
    );
    expect(code(() => extractFeatures(image, mask, { featureClasses: { shape2D: null } }))).toBe(
      'radiomics.shape2D.needsForce2D',
    );
    expect(
      thrownMessage(() => extractFeatures(image, mask, { featureClasses: { wavelet: null } })),
    ).toMatchObject({ code: 'radiomics.featureClass.unsupported', params: { featureClass: 'wavelet' } });
    expect(thrownMessage(() => extractFeatures(image, mask, { settings: { binWidth: -1 } }))).toMatchObject({
      code: 'radiomics.setting.notAbove',
      params: { key: 'binWidth', value: -1 },
    });
  });
});

describe('first-order details', () => {
  it('interpolates percentiles like numpy (linear)', () => {
    const a = Float64Array.of(1, 2, 3, 4);
    expect(percentileSorted(a, 10)).toBeCloseTo(1.3, 14);
    expect(percentileSorted(a, 25)).toBeCloseTo(1.75, 14);
    expect(percentileSorted(a, 50)).toBe(2.5);
    expect(percentileSorted(a, 90)).toBeCloseTo(3.7, 14);
    expect(percentileSorted(a, 100)).toBe(4);
  });

  it('computes the features of a small hand-checked sample', () => {
    // values 1, 2, 3, 4 in bins 1, 1, 2, 2; shift 10; voxel volume 2
    const f = computeFirstOrder({
      values: [1, 2, 3, 4],
      voxelLevels: [1, 1, 2, 2],
      spacing: [2, 1, 1],
      settings: { voxelArrayShift: 10 },
    });
    expect(f.Mean).toBe(2.5);
    expect(f.Median).toBe(2.5);
    expect(f.Range).toBe(3);
    expect(f.Energy).toBe(121 + 144 + 169 + 196);
    expect(f.TotalEnergy).toBe(2 * 630);
    expect(f.RootMeanSquared).toBeCloseTo(Math.sqrt(630 / 4), 13);
    expect(f.Variance).toBeCloseTo(1.25, 14);
    expect(f.MeanAbsoluteDeviation).toBe(1);
    expect(f.Skewness).toBeCloseTo(0, 14);
    expect(f.Kurtosis).toBeCloseTo((2 * 5.0625 + 2 * 0.0625) / 4 / (1.25 * 1.25), 13);
    expect(f.Uniformity).toBe(0.5);
    expect(f.Entropy).toBeCloseTo(1, 14);
    expect(f.InterquartileRange).toBeCloseTo(1.5, 14);
    // within [P10, P90] = [1.3, 3.7]: 2 and 3
    expect(f.RobustMeanAbsoluteDeviation).toBe(0.5);
  });

  it('returns 0 skewness and kurtosis on a flat ROI and the ε-entropy', () => {
    const f = computeFirstOrder({
      values: [5, 5, 5],
      voxelLevels: [1, 1, 1],
      spacing: [1, 1, 1],
      settings: { voxelArrayShift: 0 },
    });
    expect(f.Skewness).toBe(0);
    expect(f.Kurtosis).toBe(0);
    expect(f.Entropy).toBeCloseTo(-3.2034265038149176e-16, 30);
  });
});

describe('sha1Hex', () => {
  it('matches known vectors and node:crypto around block boundaries', () => {
    expect(sha1Hex(new TextEncoder().encode('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex(new Uint8Array(0))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    for (const n of [55, 56, 63, 64, 65, 119, 120, 1000]) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255);
      expect(sha1Hex(b)).toBe(createHash('sha1').update(b).digest('hex'));
    }
  });
});
