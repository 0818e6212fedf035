/**
 * Masks and ROIs at the edges (issue 7), each through `extractFeatures` with PyRadiomics' behaviour:
 * empty ROI, one-pixel and one-line ROIs (minimumROIDimensions), ROIs along the image border, a mask of
 * another size than the image, masks with several label values (label selection), two components.
 */
import { encode as encodePng } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { renderEnglish } from '../../../src/i18n/render';
import { decodeImage, decodeMask } from '../../../src/imaging';
import { extractFeatures } from '../../../src/radiomics/extract';
import { STUDY_PRESET } from '../../../src/radiomics/settings';
import type { RadiomicsSettings } from '../../../src/radiomics/types';
import { mulberry32, placeIn, volumes, type Grid2D } from './roiGen';
import { thrownMessage } from '../../fixtures/thrownMessage';

/** A w × h image of random integers 0–255 (fixed seed) with the mask given as rows of 0/1/labels. */
function grid(rows: number[][], seed = 1): Grid2D {
  const h = rows.length;
  const w = rows[0].length;
  const rnd = mulberry32(seed);
  return {
    h,
    w,
    image: Float64Array.from({ length: h * w }, () => Math.floor(rnd() * 256)),
    mask: Uint8Array.from(rows.flat()),
  };
}

/** extractFeatures on a grid. */
function extract(
  g: Grid2D,
  settings: Partial<RadiomicsSettings> = { normalize: false },
): Record<string, number> {
  const { image, mask } = volumes(g);
  return extractFeatures(image, mask, { settings }).values;
}

/** The code of the MessageError `fn` throws and its English text (the words a user sees). */
function refused(fn: () => unknown): { code: string; text: string } {
  const m = thrownMessage(fn);
  return { code: m.code, text: renderEnglish(m) };
}

/** Every value finite. */
function allFinite(values: Record<string, number>): boolean {
  return Object.values(values).every(Number.isFinite);
}

/** A 6 × 6 mask with a filled rectangle [y0, y1) × [x0, x1). */
function rect(y0: number, y1: number, x0: number, x1: number, h = 6, w = 6): number[][] {
  return Array.from({ length: h }, (_, y) =>
    Array.from({ length: w }, (_, x) => (y >= y0 && y < y1 && x >= x0 && x < x1 ? 1 : 0)),
  );
}

describe('ROI size checks (PyRadiomics checkMask messages)', () => {
  it('an empty ROI: "No labels found in this mask"', () => {
    expect(refused(() => extract(grid(rect(0, 0, 0, 0))))).toEqual({
      code: 'radiomics.maskEmpty',
      text: 'No labels found in this mask (i.e. nothing is segmented)! Draw or load an ROI.',
    });
  });

  it('a one-pixel ROI: "mask only contains 1 segmented voxel"', () => {
    expect(refused(() => extract(grid(rect(2, 3, 4, 5))))).toEqual({
      code: 'radiomics.singleVoxel',
      text: 'mask only contains 1 segmented voxel! Cannot extract features for a single voxel. Enlarge the ROI.',
    });
    expect(
      thrownMessage(() => extract(grid(rect(2, 3, 4, 5)), { ...STUDY_PRESET, minimumROIDimensions: 1 })).code,
    ).toBe('radiomics.singleVoxel');
  });

  it('a one-row or one-column ROI: too few dimensions, unless minimumROIDimensions is 1', () => {
    for (const line of [rect(2, 3, 0, 6), rect(0, 6, 3, 4)]) {
      expect(refused(() => extract(grid(line)))).toEqual({
        code: 'radiomics.tooFewDimensions',
        text:
          'mask has too few dimensions (number of dimensions 1, minimum required 2). ' +
          'Enlarge the ROI or lower minimumROIDimensions.',
      });
      const ok = extract(grid(line), { normalize: false, minimumROIDimensions: 1 });
      expect(ok.original_shape_VoxelVolume).toBe(6);
      expect(ok.original_firstorder_Mean).toBeGreaterThanOrEqual(0);
    }
  });

  it('minimumROISize: ROIs of that many pixels or fewer are refused', () => {
    const g = grid(rect(1, 3, 1, 3));
    expect(refused(() => extract(g, { normalize: false, minimumROISize: 4 }))).toEqual({
      code: 'radiomics.roiTooSmall',
      text: 'Size of the ROI is too small (minimum size: 4, ROI size: 4). Enlarge the ROI or lower minimumROISize.',
    });
    expect(extract(g, { normalize: false, minimumROISize: 3 }).original_shape_VoxelVolume).toBe(4);
  });

  it('a 2 × 2 ROI (the smallest non-degenerate square) gives finite features', () => {
    expect(allFinite(extract(grid(rect(2, 4, 2, 4))))).toBe(true);
    expect(allFinite(extract(grid(rect(2, 4, 2, 4)), STUDY_PRESET))).toBe(true);
  });
});

describe('ROIs along the image border', () => {
  const inner = grid([
    [0, 1, 1, 0],
    [1, 1, 1, 1],
    [1, 1, 0, 1],
    [0, 1, 1, 1],
  ]);

  it('an ROI touching the borders gives the same features as inside a larger image (no normalisation)', () => {
    const reference = extract(placeIn(inner, 12, 12, 4, 5, () => 17));
    // touching each corner, and an ROI filling the whole image
    for (const [top, left] of [
      [0, 0],
      [0, 8],
      [8, 0],
      [8, 8],
    ]) {
      const g = placeIn(inner, 12, 12, top, left, () => 17);
      expect(extract(g)).toEqual(reference);
    }
    const whole = grid(rect(0, 6, 0, 6));
    const wholeValues = extract(whole);
    expect(wholeValues.original_shape_VoxelVolume).toBe(36);
    expect(extract(placeIn(whole, 10, 10, 2, 2, () => 0))).toEqual(wholeValues);
    expect(allFinite(extract(whole, STUDY_PRESET))).toBe(true);
  });

  it('the 2-D shape of a border ROI is that of the padded ROI (a 6 × 6 square: perimeter 20 + 2√2, area 35.5)', () => {
    const { image, mask } = volumes(grid(rect(0, 6, 0, 6)));
    const s = extractFeatures(image, mask, {
      settings: { normalize: false, force2D: true },
      featureClasses: { shape2D: null },
    }).values;
    // marching squares cuts each corner pixel by a half-pixel diagonal
    expect(s.original_shape2D_Perimeter).toBeCloseTo(4 * 5 + 4 * Math.SQRT1_2, 12);
    expect(s.original_shape2D_MeshSurface).toBeCloseTo(36 - 4 * 0.125, 12);
  });
});

describe('mask and image of different sizes', () => {
  it('volumes: the sizes are named and the mask must be on the image grid', () => {
    const g = grid(rect(1, 4, 1, 4));
    const { image } = volumes(g);
    const mask = {
      data: new Uint8Array(6 * 7).fill(1),
      size: [1, 6, 7] as [number, number, number],
      spacing: [1, 1, 1] as [number, number, number],
    };
    expect(refused(() => extractFeatures(image, mask))).toEqual({
      code: 'radiomics.dimensionMismatch',
      text: 'Image size 1x6x6 and mask size 1x6x7 differ; give the mask on the image grid.',
    });
    const short = { ...mask, size: [1, 6, 6] as [number, number, number] };
    expect(refused(() => extractFeatures(image, short))).toEqual({
      code: 'radiomics.volumeLength',
      text: 'Mask data length 42 does not match its size 1x6x6 (= 36 voxels)',
    });
  });

  it('decoded PNG image and mask of different sizes give the same error end to end', () => {
    const img = encodePng({
      width: 8,
      height: 6,
      depth: 8,
      channels: 1,
      data: Uint8Array.from({ length: 48 }, (_, i) => i * 5),
    });
    const msk = encodePng({ width: 6, height: 8, depth: 8, channels: 1, data: new Uint8Array(48).fill(255) });
    const image = decodeImage(img, 'image.png').image;
    const { mask } = decodeMask(msk, 'mask.png');
    expect(thrownMessage(() => extractFeatures(image, mask))).toEqual({
      code: 'radiomics.dimensionMismatch',
      params: { image: '1x6x8', mask: '1x8x6' },
    });
  });
});

describe('masks with several label values and several components', () => {
  const labelled = grid([
    [1, 1, 0, 0, 2, 2],
    [1, 1, 0, 0, 2, 2],
    [1, 1, 0, 3, 3, 2],
    [0, 0, 0, 3, 3, 0],
    [2, 2, 0, 0, 0, 0],
    [2, 2, 0, 0, 0, 0],
  ]);
  /** The 0/1 mask of one label. */
  const only = (label: number): Grid2D => ({
    ...labelled,
    mask: labelled.mask.map((v) => (v === label ? 1 : 0)),
  });

  it('label selection: each label gives the features of its own pixels only', () => {
    for (const label of [1, 2, 3]) {
      const { image, mask } = volumes(labelled);
      const selected = extractFeatures(image, mask, { settings: { normalize: false, label } }).values;
      expect(selected).toEqual(extract(only(label)));
    }
    // the default label is 1
    expect(extract(labelled)).toEqual(extract(only(1)));
  });

  it('a label that is absent is refused with the labels present (PyRadiomics message)', () => {
    const { image, mask } = volumes(labelled);
    expect(refused(() => extractFeatures(image, mask, { settings: { label: 4 } }))).toEqual({
      code: 'radiomics.labelMissing',
      text: 'Label (4) not present in mask. Choose from [1, 2, 3]',
    });
  });

  it('two components of one label: both are used, and the diagnostics count them', () => {
    const { image, mask } = volumes(labelled);
    const r = extractFeatures(image, mask, { settings: { normalize: false, label: 2 } });
    expect(r.values.original_shape_VoxelVolume).toBe(9);
    expect(allFinite(r.values)).toBe(true);
    const diag = Object.fromEntries(r.diagnostics);
    expect(diag['diagnostics_Mask-original_VolumeNum']).toBe('2');
    expect(diag['diagnostics_Mask-original_VoxelNum']).toBe('9');
    // GLSZM sees the zones of both components (same features as the union mask).
    expect(r.values.original_glszm_ZonePercentage).toBe(extract(only(2)).original_glszm_ZonePercentage);
  });

  it('2-D raster masks: several values are all ROI unless a label is chosen', () => {
    const png = encodePng({ width: 6, height: 6, depth: 8, channels: 1, data: labelled.mask });
    const all = decodeMask(png, 'labels.png');
    expect(all.labels).toEqual([1, 2, 3]);
    expect(all.warnings.map(renderEnglish).join(' ')).toMatch(
      /several non-zero values \(1, 2, 3\); all of them were taken as ROI/,
    );
    const three = decodeMask(png, 'labels.png', { label: 3 });
    expect([...three.mask.data]).toEqual([...labelled.mask].map((v) => (v === 3 ? 1 : 0)));
    const { image } = volumes(labelled);
    expect(extractFeatures(image, three.mask, { settings: { normalize: false } }).values).toEqual(
      extract(only(3)),
    );
  });
});
