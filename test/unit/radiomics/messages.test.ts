/**
 * Every `radiomics.*` code renders in Chinese and in English with all placeholders filled, with the
 * parameters the real functions throw it with. Only the engine's "cannot happen" checks
 * (`radiomics.internal`: marching cubes, eigenvalue iterations, a class not computing a feature) and
 * running out of memory are built by hand or provoked with a stand-in RangeError.
 */
import { describe, expect, it } from 'vitest';
import { thrownMessage } from '../../fixtures/thrownMessage';
import { codesOf, codesUnder, en, expectTranslated, zh } from '../../fixtures/translated';
import { textureInput } from '../../fixtures/texture';
import { en as enResources } from '../../../src/i18n/en';
import { extractFeatures } from '../../../src/radiomics/extract';
import { computeFirstOrder } from '../../../src/radiomics/firstorder';
import { computeGlcm } from '../../../src/radiomics/glcm';
import { computeGldm } from '../../../src/radiomics/gldm';
import { computeGlrlm } from '../../../src/radiomics/glrlm';
import { bidirectionalOffsets, checkTextureInput, computeGlszm } from '../../../src/radiomics/glszm';
import { computeNgtdm } from '../../../src/radiomics/ngtdm';
import { withMemoryMessage } from '../../../src/radiomics/memory';
import { padTexture } from '../../../src/radiomics/padded';
import {
  generateAngles,
  getBinEdges,
  digitizeAll,
  labelMask,
  normalizeImage,
  preprocess,
  resegmentMask,
} from '../../../src/radiomics/preprocess';
import { DEFAULT_SETTINGS, parseParams, resolveSettings } from '../../../src/radiomics/settings';
import { computeShape } from '../../../src/radiomics/shape';
import { computeShape2D } from '../../../src/radiomics/shape2D';
import type { ImageVolume, MaskVolume, RadiomicsSettings, Vec3 } from '../../../src/radiomics/types';
import { message, type Message } from '../../../src/util/message';

const S = (over: Partial<RadiomicsSettings> = {}): RadiomicsSettings => ({ ...DEFAULT_SETTINGS, ...over });

/** A 1 × 6 × 6 image of distinct values and a 3 × 3 square ROI. */
function volumes(): { image: ImageVolume; mask: MaskVolume } {
  const data = Float64Array.from({ length: 36 }, (_, i) => i * 3 + (i % 5));
  const m = new Uint8Array(36);
  for (let y = 1; y < 4; y++) for (let x = 1; x < 4; x++) m[y * 6 + x] = 1;
  return {
    image: { data, size: [1, 6, 6], spacing: [1, 1, 1] },
    mask: { data: m, size: [1, 6, 6], spacing: [1, 1, 1] },
  };
}

function preprocessing(): Message[] {
  const { image, mask } = volumes();
  const withValue = (v: number, at: number): ImageVolume => {
    const data = Float64Array.from(image.data);
    data[at] = v;
    return { ...image, data };
  };
  const img9 = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 100);
  const roi9 = new Uint8Array(9).fill(1);
  return [
    thrownMessage(() => preprocess(image, { ...mask, size: [1, 6, 0] }, S())),
    thrownMessage(() => extractFeatures({ ...image, data: new Float64Array(5) }, mask)),
    thrownMessage(() => extractFeatures(image, { ...mask, data: new Uint8Array(5) })),
    thrownMessage(() => extractFeatures(image, { ...mask, data: new Uint8Array(36) })),
    thrownMessage(() => labelMask({ ...mask, data: Uint8Array.of(0, 2, 2, 3), size: [1, 2, 2] }, 1)),
    thrownMessage(() =>
      extractFeatures(image, { ...mask, data: Uint8Array.from({ length: 36 }, (_, i) => +(i === 7)) }),
    ),
    thrownMessage(() =>
      extractFeatures(image, {
        ...mask,
        data: Uint8Array.from({ length: 36 }, (_, i) => +(i >= 6 && i < 12)),
      }),
    ),
    thrownMessage(() => extractFeatures(image, mask, { settings: { minimumROISize: 9 } })),
    thrownMessage(() => normalizeImage(Float64Array.of(5, 5, 5), 1, null)),
    thrownMessage(() =>
      extractFeatures({ ...image, data: new Float64Array(36).fill(7) }, mask, {
        settings: { normalize: true },
      }),
    ),
    thrownMessage(() => extractFeatures(withValue(NaN, 0), mask, { settings: { normalize: true } })),
    thrownMessage(() => extractFeatures(image, { ...mask, size: [1, 4, 9] })),
    thrownMessage(() => generateAngles([6, 6, 6], [0], false, 0)),
    thrownMessage(() => resegmentMask(img9, roi9, S())),
    thrownMessage(() => resegmentMask(img9, roi9, S({ resegmentRange: [] }))),
    thrownMessage(() => resegmentMask(img9, roi9, S({ resegmentRange: [1], resegmentMode: 'x' as 'sigma' }))),
    thrownMessage(() => resegmentMask(img9, roi9, S({ resegmentRange: [99] }))),
    thrownMessage(() => getBinEdges(new Float64Array(0), S())),
    thrownMessage(() => extractFeatures(withValue(Infinity, 8), mask, { settings: { normalize: false } })),
    thrownMessage(() => digitizeAll(Float64Array.of(NaN), Float64Array.of(0, 1, 2), new Int32Array(1))),
    thrownMessage(() => extractFeatures(withValue(1e308, 7), mask, { settings: { normalize: false } })),
  ];
}

function settingsAndParams(): Message[] {
  const set = (input: Record<string, unknown>) => thrownMessage(() => resolveSettings(input));
  const file = (text: string, format?: 'json') => thrownMessage(() => parseParams(text, format));
  const { image, mask } = volumes();
  return [
    set({ binWidth: 'wide' }),
    set({ binCount: 2.5 }),
    set({ label: 0.5 }),
    set({ gldm_a: -1 }),
    set({ binWidth: 0 }),
    set({ normalize: 'yes' }),
    set({ distances: [] }),
    set({ weightingNorm: 'cosine' }),
    set({ minimumROIDimensions: 4 }),
    set({ resegmentRange: [1, 2, 3] }),
    set({ resampledPixelSpacing: [1, 1, 1] }),
    set({ interpolator: 'sitkFoo' }),
    set({ sigma: [1] }),
    file('featureClass:\n  wavelet: []\n'),
    file('featureClass:\n  glcm: 5\n'),
    file('featureClass:\n  glcm: [SumVariance]\n'),
    thrownMessage(() => extractFeatures(image, mask, { featureClasses: {} })),
    file('{ not json', 'json'),
    file('- a\n- b\n'),
    file('voxelSetting:\n  kernelRadius: 2\n'),
    file('setting: 5\n'),
    file('imageType:\n  LoG: {sigma: [1.0]}\n'),
    file('imageType:\n  Original: {binWidth: 5}\n'),
    file('imageType: {}\n'),
  ];
}

function shapes(): Message[] {
  const { image, mask } = volumes();
  const twoSlices: MaskVolume = {
    data: new Uint8Array(2 * 9).fill(1),
    size: [2, 3, 3],
    spacing: [1, 1, 1],
  };
  const image2: ImageVolume = {
    data: Float64Array.from({ length: 18 }, (_, i) => i),
    size: [2, 3, 3],
    spacing: [1, 1, 1],
  };
  return [
    thrownMessage(() => computeShape([1] as unknown as Uint8Array, [1, 1, 1], [1, 1, 1])),
    thrownMessage(() => computeShape(new Uint8Array(0), [0, 2, 3], [1, 1, 1])),
    thrownMessage(() => computeShape(new Uint8Array(6), [1, 2, 3], [1, 0, 1])),
    thrownMessage(() => computeShape(new Uint8Array(5), [1, 2, 3], [1, 1, 1])),
    thrownMessage(() => computeShape(Uint8Array.of(0, 255), [1, 1, 2], [1, 1, 1])),
    thrownMessage(() => computeShape(new Uint8Array(6), [1, 2, 3], [1, 1, 1])),
    thrownMessage(() => computeShape2D(new Uint8Array(4), [2, 2, 1] as unknown as [number, number], [1, 1])),
    thrownMessage(() => extractFeatures(image, mask, { featureClasses: { shape2D: null } })),
    thrownMessage(() =>
      extractFeatures(image2, twoSlices, {
        settings: { force2D: true, force2Ddimension: 1 },
        featureClasses: { shape2D: null },
      }),
    ),
  ];
}

function textures(): Message[] {
  const good = textureInput([
    [
      [1, 2, 2],
      [3, 0, 1],
    ],
  ]);
  return [
    thrownMessage(() =>
      computeFirstOrder({ values: [], voxelLevels: [], spacing: [1, 1, 1], settings: S() }),
    ),
    thrownMessage(() =>
      computeFirstOrder({ values: [1, 2], voxelLevels: [1], spacing: [1, 1, 1], settings: S() }),
    ),
    thrownMessage(() => checkTextureInput({ ...good, size: [1, 2] as unknown as Vec3 }, 'GLSZM')),
    thrownMessage(() => computeGlszm({ ...good, levels: new Int32Array(3) })),
    thrownMessage(() => computeGlszm({ ...good, grayLevels: new Int32Array(0) })),
    thrownMessage(() => computeGlszm({ ...good, grayLevels: Int32Array.of(2, 1, 3) })),
    thrownMessage(() => computeGlszm({ ...good, Ng: 5 })),
    thrownMessage(() => computeGlszm({ ...good, settings: null as unknown as RadiomicsSettings })),
    thrownMessage(() => computeGlszm({ ...good, Np: 0 })),
    thrownMessage(() => computeGlszm({ ...good, grayLevels: Int32Array.of(1), Ng: 1 })),
    thrownMessage(() => computeGlszm({ ...good, Np: 3 })),
    thrownMessage(() => computeGlszm({ ...good, grayLevels: Int32Array.of(1, 2, 3, 4), Ng: 4 })),
    thrownMessage(() => computeNgtdm({ ...good, angles: [] })),
    thrownMessage(() => bidirectionalOffsets({ ...good, angles: [[0, 1] as unknown as Vec3] }, 'NGTDM')),
    thrownMessage(() => bidirectionalOffsets({ ...good, angles: [[0, 0, 0]] }, 'NGTDM')),
    thrownMessage(() =>
      computeGldm({
        ...good,
        angles: [
          [0, 0, 1],
          [0, 0, -1],
        ],
      }),
    ),
    thrownMessage(() =>
      computeGlszm({ ...good, settings: { ...good.settings, force2D: true, force2Ddimension: 3 } }),
    ),
    thrownMessage(() => computeGldm({ ...good, settings: { ...good.settings, gldm_a: 0.5 } })),
    thrownMessage(() => computeGlcm({ ...good, angles: [] })),
    thrownMessage(() => computeGlrlm({ ...good, angles: [] })),
    thrownMessage(() => padTexture({ ...good, levels: new Int32Array(3) })),
    thrownMessage(() => padTexture({ ...good, levels: Int32Array.of(1, 2, 2, 7, 0, 1) })),
  ];
}

function handMade(): Message[] {
  return [
    thrownMessage(() =>
      withMemoryMessage(() => {
        throw new RangeError('Array buffer allocation failed');
      }),
    ),
    message('radiomics.internal', { what: 'marching cubes: open polygon in configuration 37' }),
  ];
}

const all = (): Message[] => [
  ...preprocessing(),
  ...settingsAndParams(),
  ...shapes(),
  ...textures(),
  ...handMade(),
];

describe('radiomics messages', () => {
  it('every radiomics.* code is thrown by a real call (or built for the unreachable ones)', () => {
    const made = new Set(all().flatMap(codesOf));
    const missing = codesUnder(enResources.code.radiomics, 'radiomics').filter((c) => !made.has(c));
    expect(missing).toEqual([]);
  });

  it('render in Chinese and in English with every placeholder filled', () => {
    expectTranslated(all());
  });

  it('keep the English of the earlier plain-Error texts', () => {
    const { image, mask } = volumes();
    expect(en(thrownMessage(() => extractFeatures(image, { ...mask, size: [1, 4, 9] })))).toBe(
      'Image size 1x6x6 and mask size 1x4x9 differ; give the mask on the image grid.',
    );
    expect(en(thrownMessage(() => extractFeatures(image, { ...mask, data: new Uint8Array(5) })))).toBe(
      'Mask data length 5 does not match its size 1x6x6 (= 36 voxels)',
    );
    expect(en(thrownMessage(() => resolveSettings({ binWidth: 0 })))).toBe(
      "Setting 'binWidth': must be > 0, got 0",
    );
    expect(zh(thrownMessage(() => extractFeatures(image, { ...mask, data: new Uint8Array(36) })))).toBe(
      '此掩膜中没有标签（即没有分割任何区域）！请绘制或载入 ROI。',
    );
  });
});
