import { describe, expect, it } from 'vitest';
import { buildGlszm, checkTextureInput, computeGlszm } from '../../../src/radiomics/glszm';
import { textureInput } from '../../fixtures/texture';
import { thrownMessage } from '../../fixtures/thrownMessage';

/** The 5x5 example image of PyRadiomics' GLSZM and GLDM docstrings. */
const DOC_IMAGE = [
  [5, 2, 5, 4, 4],
  [3, 3, 3, 1, 3],
  [2, 1, 1, 1, 3],
  [4, 2, 2, 2, 3],
  [3, 5, 3, 3, 2],
];

/** Reads a row-major matrix into nested rows. */
function toRows(P: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(P.subarray(r * cols, (r + 1) * cols)));
}

describe('GLSZM on the PyRadiomics docstring example', () => {
  const input = textureInput([DOC_IMAGE]);

  it('uses the 4 in-plane angles generateAngles gives for a 1x5x5 volume', () => {
    expect(input.angles).toEqual([
      [0, 1, 1],
      [0, 1, 0],
      [0, 1, -1],
      [0, 0, 1],
    ]);
  });

  it('builds the documented matrix (8-connected zones)', () => {
    const m = buildGlszm(input, checkTextureInput(input, 'GLSZM'));
    expect(toRows(m.P, m.rows, m.cols)).toEqual([
      [0, 0, 0, 1, 0],
      [1, 0, 0, 0, 1],
      [1, 0, 1, 0, 1],
      [1, 1, 0, 0, 0],
      [3, 0, 0, 0, 0],
    ]);
    expect(Array.from(m.ivector)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(m.jvector)).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives the hand-computed features (N_z = 11, N_p = 25)', () => {
    const f = computeGlszm(input);
    expect(Object.keys(f)).toHaveLength(16);
    // zone counts per grey level: 1, 2, 3, 2, 3; per size 1..5: 6, 1, 1, 1, 2
    expect(f.ZonePercentage).toBeCloseTo(11 / 25, 14);
    expect(f.GrayLevelNonUniformity).toBeCloseTo(27 / 11, 14);
    expect(f.GrayLevelNonUniformityNormalized).toBeCloseTo(27 / 121, 14);
    expect(f.SizeZoneNonUniformity).toBeCloseTo(43 / 11, 14);
    expect(f.SizeZoneNonUniformityNormalized).toBeCloseTo(43 / 121, 14);
    expect(f.SmallAreaEmphasis).toBeCloseTo((6 + 1 / 4 + 1 / 9 + 1 / 16 + 2 / 25) / 11, 14);
    expect(f.LargeAreaEmphasis).toBeCloseTo(85 / 11, 13);
    expect(f.HighGrayLevelZoneEmphasis).toBeCloseTo(143 / 11, 13);
    expect(f.LowGrayLevelZoneEmphasis).toBeCloseTo((1 + 2 / 4 + 3 / 9 + 2 / 16 + 3 / 25) / 11, 14);
    // zones (i, j): (1,4) (2,1) (2,5) (3,1) (3,3) (3,5) (4,1) (4,2) (5,1)x3
    expect(f.LargeAreaHighGrayLevelEmphasis).toBeCloseTo(
      (16 + 4 + 4 * 25 + 9 + 9 * 9 + 9 * 25 + 16 + 16 * 4 + 3 * 25) / 11,
      12,
    );
    expect(f.ZoneEntropy).toBeCloseTo((8 / 11) * Math.log2(11) + (3 / 11) * Math.log2(11 / 3), 12);
    const mu = (1 + 2 * 2 + 3 * 3 + 4 * 2 + 5 * 3) / 11;
    expect(f.GrayLevelVariance).toBeCloseTo(
      (1 * (1 - mu) ** 2 + 2 * (2 - mu) ** 2 + 3 * (3 - mu) ** 2 + 2 * (4 - mu) ** 2 + 3 * (5 - mu) ** 2) /
        11,
      13,
    );
  });
});

describe('GLSZM semantics', () => {
  it('connects diagonal neighbours in 2-D (8-connectivity)', () => {
    const input = textureInput([
      [
        [1, 0, 1],
        [0, 1, 0],
        [1, 0, 1],
      ],
    ]);
    const m = buildGlszm(input, checkTextureInput(input, 'GLSZM'));
    expect(Array.from(m.P)).toEqual([1]);
    expect(Array.from(m.jvector)).toEqual([5]);
  });

  it('connects corner neighbours in 3-D (26-connectivity) unless force2D splits the slices', () => {
    const vol = [
      [
        [1, 0],
        [0, 0],
      ],
      [
        [0, 0],
        [0, 1],
      ],
    ];
    const f3 = computeGlszm(textureInput(vol));
    expect(f3.ZonePercentage).toBe(0.5); // one zone of 2 voxels
    expect(f3.LargeAreaEmphasis).toBe(4);
    const f2 = computeGlszm(textureInput(vol, { force2D: true, force2Ddimension: 0 }));
    expect(f2.ZonePercentage).toBe(1); // two zones of 1 voxel
    expect(f2.LargeAreaEmphasis).toBe(1);
  });

  it('always uses distance 1, whatever the distances setting', () => {
    const vol = [
      [
        [1, 2, 1, 2],
        [2, 1, 2, 1],
        [1, 1, 2, 2],
      ],
    ];
    expect(computeGlszm(textureInput(vol, { distances: [2] }))).toEqual(computeGlszm(textureInput(vol)));
  });

  it('uses the actual bin indices as grey levels when levels are absent', () => {
    // levels 1 and 3 (2 absent): two single-voxel zones, i in {1, 3}
    const f = computeGlszm(textureInput([[[1, 3]]]));
    expect(f.HighGrayLevelZoneEmphasis).toBe((1 + 9) / 2);
    expect(f.LowGrayLevelZoneEmphasis).toBeCloseTo((1 + 1 / 9) / 2, 15);
    expect(f.GrayLevelVariance).toBe(1);
  });

  it('ignores voxels outside the ROI when growing zones', () => {
    // two 2-voxel zones of level 2 separated by a non-ROI column
    const f = computeGlszm(
      textureInput([
        [
          [2, 0, 2],
          [2, 0, 2],
        ],
      ]),
    );
    expect(f.ZonePercentage).toBe(0.5);
    expect(f.SizeZoneNonUniformity).toBe(2);
  });

  it('handles a flat ROI: one zone, entropy −log2(1 + ε), zero variances', () => {
    const f = computeGlszm(
      textureInput([
        [
          [4, 4, 4],
          [4, 4, 0],
        ],
      ]),
    );
    expect(f.ZoneEntropy).toBe(-Math.log2(1 + Number.EPSILON));
    expect(f.ZoneEntropy).toBeCloseTo(-3.2034e-16, 19); // the value the README reports for flat ROIs
    expect(f.GrayLevelVariance).toBe(0);
    expect(f.ZoneVariance).toBe(0);
    expect(f.ZonePercentage).toBe(1 / 5);
    expect(f.LargeAreaEmphasis).toBe(25);
  });

  it('labels a large ROI (200,000 voxels) with one serpentine zone without recursion limits', () => {
    const ny = 400;
    const nx = 500;
    // Level-2 bars on rows y % 4 = 1 (missing the last column) and y % 4 = 3 (missing the first)
    // leave a single level-1 zone snaking through the whole image.
    const level = (y: number, x: number): number =>
      (y % 4 === 1 && x < nx - 1) || (y % 4 === 3 && x > 0) ? 2 : 1;
    const vol = [Array.from({ length: ny }, (_, y) => Array.from({ length: nx }, (_u, x) => level(y, x)))];
    const input = textureInput(vol);
    const m = buildGlszm(input, checkTextureInput(input, 'GLSZM'));
    const bars = ny / 2;
    const snake = ny * nx - bars * (nx - 1);
    expect(Array.from(m.jvector)).toEqual([nx - 1, snake]);
    expect(toRows(m.P, m.rows, m.cols)).toEqual([
      [0, 1],
      [bars, 0],
    ]);
    expect(computeGlszm(input).ZonePercentage).toBe((bars + 1) / (ny * nx));
  });
});

describe('GLSZM input checks', () => {
  const good = textureInput([
    [
      [1, 2],
      [2, 1],
    ],
  ]);

  it('rejects an Np that does not match the ROI', () => {
    expect(thrownMessage(() => computeGlszm({ ...good, Np: 3 }))).toMatchObject({
      code: 'radiomics.texture.npMismatch',
      params: { cls: 'GLSZM', np: 3 },
    });
  });

  it('rejects levels of the wrong length', () => {
    expect(thrownMessage(() => computeGlszm({ ...good, levels: new Int32Array(3) }))).toMatchObject({
      code: 'radiomics.texture.levelsLength',
      params: { length: '3' },
    });
  });

  it('rejects a grey level missing from grayLevels and a listed level absent from the ROI', () => {
    expect(thrownMessage(() => computeGlszm({ ...good, grayLevels: Int32Array.from([1]), Ng: 1 })).code).toBe(
      'radiomics.texture.levelUnlisted',
    );
    expect(
      thrownMessage(() => computeGlszm({ ...good, grayLevels: Int32Array.from([1, 2, 3]), Ng: 3 })),
    ).toMatchObject({ code: 'radiomics.texture.levelAbsent', params: { level: 3 } });
  });

  it('rejects Ng different from max(grayLevels)', () => {
    expect(thrownMessage(() => computeGlszm({ ...good, Ng: 5 }))).toMatchObject({
      code: 'radiomics.texture.ng',
      params: { ng: 5 },
    });
  });
});
