import { describe, expect, it } from 'vitest';
import {
  checkMask,
  computeBoundingBox,
  digitize,
  generateAngles,
  getBinEdges,
  labelMask,
  normalizeImage,
  prepareTextureInput,
  preprocess,
  resegmentMask,
} from '../../../src/radiomics/preprocess';
import { resolveSettings } from '../../../src/radiomics/settings';
import type { Vec3 } from '../../../src/radiomics/types';
import { thrownMessage } from '../../fixtures/thrownMessage';

const VALUES = Float64Array.of(-37.3, 12.1, 54.0, 166.0, 0.7);

describe('discretisation (getBinEdges + digitize), values from numpy', () => {
  it('fixed bin width: edges from floor(min/W)·W, left-closed bins', () => {
    const e25 = getBinEdges(VALUES, resolveSettings({ binWidth: 25 }));
    expect(e25[0]).toBe(-50);
    expect(e25.length).toBe(11);
    expect(e25[e25.length - 1]).toBe(200);
    expect(Array.from(VALUES, (v) => digitize(v, e25))).toEqual([1, 3, 5, 9, 3]);
    const e10 = getBinEdges(VALUES, resolveSettings({ binWidth: 10 }));
    expect([e10[0], e10.length, e10[e10.length - 1]]).toEqual([-40, 23, 180]);
    expect(Array.from(VALUES, (v) => digitize(v, e10))).toEqual([1, 6, 10, 21, 5]);
  });

  it('reproduces numpy.arange rounding for a non-integer bin width', () => {
    const e = getBinEdges(VALUES, resolveSettings({ binWidth: 0.3 }));
    expect(e[0]).toBe(-37.5);
    expect(e[2]).toBe(-36.900000000000006);
    expect(e[3]).toBe(-36.60000000000001);
    expect(e.length).toBe(681);
    expect(e[680]).toBe(166.49999999999807);
    expect(Array.from(VALUES, (v) => digitize(v, e))).toEqual([1, 166, 306, 679, 128]);
  });

  it('a value on an edge goes to the upper bin; the maximum gets its own bin', () => {
    const e = getBinEdges(Float64Array.of(54, 150, 166), resolveSettings({ binWidth: 25 }));
    expect(Array.from(e)).toEqual([50, 75, 100, 125, 150, 175, 200]);
    expect(digitize(150, e)).toBe(5);
    expect(digitize(149.99, e)).toBe(4);
    expect(digitize(175, e)).toBe(6);
  });

  it('fixed bin count: numpy.histogram edges with the last edge + 1', () => {
    const e = getBinEdges(VALUES, resolveSettings({ binCount: 7 }));
    expect(Array.from(e)).toEqual([
      -37.3, -8.257142857142853, 20.785714285714292, 49.828571428571436, 78.87142857142858,
      107.91428571428573, 136.95714285714286, 167,
    ]);
    expect(digitize(166, e)).toBe(7);
    const flat = getBinEdges(Float64Array.of(3, 3), resolveSettings({ binCount: 2 }));
    expect(Array.from(flat)).toEqual([2.5, 3, 4.5]);
  });
});

describe('normalisation', () => {
  it('uses ((x + (−μ))·(1/σ))·scale with the N−1 σ over the whole image (numpy reference)', () => {
    const out = normalizeImage(Float64Array.of(1, 2, 4, 7, 11, 3), 100, null);
    expect(Array.from(out)).toEqual([
      -98.46579518042202, -71.61148740394329, -17.90287185098583, 62.66005147845036, 170.0772825843653,
      -44.75717962746456,
    ]);
  });

  it('clips outliers at ±n·σ before scaling', () => {
    const out = normalizeImage(Float64Array.of(1, 2, 4, 7, 11, 3), 100, 1.5);
    expect(out[4]).toBe(150);
    expect(out[0]).toBeCloseTo(-98.46579518042202, 12);
  });

  it('rejects a constant image', () => {
    expect(thrownMessage(() => normalizeImage(Float64Array.of(5, 5, 5), 1, null)).code).toBe(
      'radiomics.constantImage',
    );
  });
});

describe('generateAngles (PyRadiomics C build_angles order)', () => {
  it('gives the 13 angles of 3-D distance 1, (1,1,1) first and (0,0,1) last', () => {
    const a = generateAngles([5, 5, 5], [1], false, 0);
    expect(a.length).toBe(13);
    expect(a[0]).toEqual([1, 1, 1]);
    expect(a[1]).toEqual([1, 1, 0]);
    expect(a[12]).toEqual([0, 0, 1]);
    // one of each ± pair
    const keys = new Set(a.map((v) => v.join()));
    for (const v of a) expect(keys.has(v.map((x) => -x).join())).toBe(false);
  });

  it('keeps the 4 in-plane angles on one slice and with force2D', () => {
    const inPlane: Vec3[] = [
      [0, 1, 1],
      [0, 1, 0],
      [0, 1, -1],
      [0, 0, 1],
    ];
    expect(generateAngles([1, 5, 5], [1], false, 0)).toEqual(inPlane);
    expect(generateAngles([4, 5, 5], [1], true, 0)).toEqual(inPlane);
    expect(generateAngles([4, 5, 5], [1], true, 2)).toEqual([
      [1, 1, 0],
      [1, 0, 0],
      [1, -1, 0],
      [0, 1, 0],
    ]);
    expect(generateAngles([1, 1, 5], [1], false, 0)).toEqual([[0, 0, 1]]);
  });

  it('generates 49 angles for distance 2 and 62 for distances 1 and 2', () => {
    expect(generateAngles([6, 6, 6], [2], false, 0).length).toBe(49);
    expect(generateAngles([6, 6, 6], [1, 2], false, 0).length).toBe(62);
    // offsets never reach the ROI size
    expect(generateAngles([2, 6, 6], [2], false, 0).every((a) => Math.abs(a[0]) < 2)).toBe(true);
    expect(thrownMessage(() => generateAngles([6, 6, 6], [0], false, 0))).toEqual({
      code: 'radiomics.distancesInvalid',
      params: { distances: '0' },
    });
  });
});

describe('mask checks', () => {
  const size: Vec3 = [1, 4, 5];
  const mk = (idx: number[]): Uint8Array => {
    const m = new Uint8Array(20);
    for (const i of idx) m[i] = 1;
    return m;
  };

  it('computes the inclusive bounding box', () => {
    const bb = computeBoundingBox(mk([6, 8, 13]), size)!;
    expect(bb).toEqual({ lower: [0, 1, 1], upper: [0, 2, 3], size: [1, 2, 3], count: 3 });
    expect(computeBoundingBox(mk([]), size)).toBeNull();
  });

  it('raises PyRadiomics errors for single voxels, too few dimensions and too small ROIs', () => {
    const s = resolveSettings({});
    expect(thrownMessage(() => checkMask(mk([7]), size, s)).code).toBe('radiomics.singleVoxel');
    expect(thrownMessage(() => checkMask(mk([6, 7, 8]), size, s))).toEqual({
      code: 'radiomics.tooFewDimensions',
      params: { dimensions: 1, minimum: 2 },
    });
    expect(checkMask(mk([6, 7, 8]), size, resolveSettings({ minimumROIDimensions: 1 })).count).toBe(3);
    expect(
      thrownMessage(() => checkMask(mk([6, 7, 11]), size, resolveSettings({ minimumROISize: 3 }))),
    ).toEqual({
      code: 'radiomics.roiTooSmall',
      params: { minimum: 3, size: 3 },
    });
  });

  it('selects the label and reports the labels present', () => {
    const mask = { data: Uint8Array.of(0, 2, 2, 3), size: [1, 2, 2] as Vec3, spacing: [1, 1, 1] as Vec3 };
    expect(Array.from(labelMask(mask, 2))).toEqual([0, 1, 1, 0]);
    expect(thrownMessage(() => labelMask(mask, 1))).toEqual({
      code: 'radiomics.labelMissing',
      params: { label: 1, labels: '2, 3' },
    });
    const empty = { data: new Uint8Array(4), size: [1, 2, 2] as Vec3, spacing: [1, 1, 1] as Vec3 };
    expect(thrownMessage(() => labelMask(empty, 1)).code).toBe('radiomics.maskEmpty');
  });
});

describe('resegmentation', () => {
  const img = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 100);
  const roi = Uint8Array.of(1, 1, 1, 1, 1, 1, 1, 1, 1);
  it('absolute, relative and sigma modes', () => {
    const abs = resegmentMask(img, roi, resolveSettings({ resegmentRange: [7, 3] }));
    expect(Array.from(abs)).toEqual([0, 0, 1, 1, 1, 1, 1, 0, 0]);
    const lower = resegmentMask(img, roi, resolveSettings({ resegmentRange: [5] }));
    expect(Array.from(lower)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const rel = resegmentMask(
      img,
      roi,
      resolveSettings({ resegmentRange: [0.05], resegmentMode: 'relative' }),
    );
    expect(Array.from(rel)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1]);
    // mean 15.111…, population sd 30.27…: [−1, 1] keeps everything but 100
    const sig = resegmentMask(img, roi, resolveSettings({ resegmentRange: [-1, 1], resegmentMode: 'sigma' }));
    expect(Array.from(sig)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0]);
  });
  it('fails when at most one voxel is left', () => {
    expect(thrownMessage(() => resegmentMask(img, roi, resolveSettings({ resegmentRange: [99] })))).toEqual({
      code: 'radiomics.resegment.tooFew',
      params: { label: 1, kept: 1 },
    });
  });
});

describe('preprocess / prepareTextureInput', () => {
  const image = {
    data: Float64Array.of(0, 0, 0, 0, 0, 0, 10, 20, 30, 0, 0, 40, 55, 60, 0, 0, 0, 0, 0, 0),
    size: [1, 4, 5] as Vec3,
    spacing: [1, 0.5, 0.5] as Vec3,
  };
  const mask = {
    data: Uint8Array.of(0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0),
    size: [1, 4, 5] as Vec3,
    spacing: [1, 0.5, 0.5] as Vec3,
  };

  it('crops to the bounding box, discretises and lists the grey levels present', () => {
    const t = prepareTextureInput(image, mask, { binWidth: 20 });
    expect(t.size).toEqual([1, 2, 3]);
    // values 10,20,30 / 40,55,60 with edges 0,20,40,60,80 -> 1,2,2 / 3,3,4
    expect(Array.from(t.levels)).toEqual([1, 2, 2, 3, 3, 4]);
    expect(Array.from(t.grayLevels)).toEqual([1, 2, 3, 4]);
    expect(t.Ng).toBe(4);
    expect(t.Np).toBe(6);
    expect(t.angles).toEqual([
      [0, 1, 1],
      [0, 1, 0],
      [0, 1, -1],
      [0, 0, 1],
    ]);
    expect(t.spacing).toEqual([1, 0.5, 0.5]);
  });

  it('keeps the original mask for shape and the resegmented one for texture', () => {
    const p = preprocess(image, mask, resolveSettings({ binWidth: 20, resegmentRange: [15, 100] }));
    expect(p.box.count).toBe(5);
    expect(Array.from(p.shapeMask)).toEqual([1, 1, 1, 1, 1, 1]);
    // PyRadiomics crops the original mask to the resegmented ROI's bounding box
    const q = preprocess(image, mask, resolveSettings({ resegmentRange: [25, 100] }));
    expect(q.shapeBox.size).toEqual([1, 2, 3]);
    expect(Array.from(q.shapeMask)).toEqual([1, 1, 1, 1, 1, 1]);
    const r = preprocess(image, mask, resolveSettings({ resegmentRange: [25, 100], resegmentShape: true }));
    expect(Array.from(r.shapeMask)).toEqual([0, 0, 1, 1, 1, 1]);
    const t = preprocess(
      image,
      mask,
      resolveSettings({ resegmentRange: [35, 100], minimumROIDimensions: 1 }),
    );
    expect(t.shapeBox.size).toEqual([1, 1, 3]);
    expect(Array.from(t.shapeMask)).toEqual([1, 1, 1]);
    expect(Array.from(p.values)).toEqual([20, 30, 40, 55, 60]);
    expect(Array.from(p.voxelLevels)).toEqual([1, 1, 2, 2, 3]);
    expect(Array.from(p.texture.levels)).toEqual([0, 1, 1, 2, 2, 3]);
  });

  it('rejects image/mask size mismatches', () => {
    const bad = { ...mask, size: [1, 5, 4] as Vec3 };
    expect(thrownMessage(() => preprocess(image, bad, resolveSettings({}))).code).toBe(
      'radiomics.dimensionMismatch',
    );
  });
});
