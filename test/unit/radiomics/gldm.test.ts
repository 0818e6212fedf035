import { describe, expect, it } from 'vitest';
import { buildGldm, computeGldm } from '../../../src/radiomics/gldm';
import { checkTextureInput } from '../../../src/radiomics/glszm';
import type { TextureInput } from '../../../src/radiomics/types';
import { textureInput } from '../../fixtures/texture';
import { thrownMessage } from '../../fixtures/thrownMessage';

/** Reads a row-major matrix into nested rows. */
function toRows(P: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(P.subarray(r * cols, (r + 1) * cols)));
}

/** Builds the GLDM of a hand-made input as nested rows. */
function gldmOf(input: TextureInput): { P: number[][]; jvector: number[] } {
  const m = buildGldm(input, checkTextureInput(input, 'GLDM'));
  return { P: toRows(m.P, m.rows, m.cols), jvector: Array.from(m.jvector) };
}

describe('GLDM on the PyRadiomics docstring example (alpha = 0, delta = 1)', () => {
  const input = textureInput([
    [
      [5, 2, 5, 4, 4],
      [3, 3, 3, 1, 3],
      [2, 1, 1, 1, 3],
      [4, 2, 2, 2, 3],
      [3, 5, 3, 3, 2],
    ],
  ]);

  it('builds the documented matrix', () => {
    expect(gldmOf(input)).toEqual({
      P: [
        [0, 1, 2, 1],
        [1, 2, 3, 0],
        [1, 4, 4, 0],
        [1, 2, 0, 0],
        [3, 0, 0, 0],
      ],
      jvector: [1, 2, 3, 4],
    });
  });

  it('gives the hand-computed features (N_z = N_p = 25)', () => {
    const f = computeGldm(input);
    expect(Object.keys(f)).toHaveLength(14);
    // per grey level 1..5: 4, 6, 9, 3, 3 voxels; per dependence size 1..4: 6, 9, 9, 1
    expect(f.GrayLevelNonUniformity).toBeCloseTo(151 / 25, 14);
    expect(f.DependenceNonUniformity).toBeCloseTo(199 / 25, 14);
    expect(f.DependenceNonUniformityNormalized).toBeCloseTo(199 / 625, 14);
    expect(f.SmallDependenceEmphasis).toBeCloseTo((6 + 9 / 4 + 1 + 1 / 16) / 25, 14);
    expect(f.LargeDependenceEmphasis).toBeCloseTo(139 / 25, 14);
    expect(f.HighGrayLevelEmphasis).toBeCloseTo(232 / 25, 14);
    expect(f.LowGrayLevelEmphasis).toBeCloseTo((4 + 6 / 4 + 1 + 3 / 16 + 3 / 25) / 25, 14);
    expect(f.GrayLevelVariance).toBeCloseTo(1.44, 14);
    expect(f.DependenceVariance).toBeCloseTo(0.72, 14);
    const entries = [1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4];
    expect(f.DependenceEntropy).toBeCloseTo(
      -entries.reduce((a, v) => a + (v / 25) * Math.log2(v / 25), 0),
      13,
    );
    // (i, j, count): (1,2,1) (1,3,2) (1,4,1) (2,1,1) (2,2,2) (2,3,3) (3,1,1) (3,2,4) (3,3,4) (4,1,1) (4,2,2) (5,1,3)
    const cells: [number, number, number][] = [
      [1, 2, 1],
      [1, 3, 2],
      [1, 4, 1],
      [2, 1, 1],
      [2, 2, 2],
      [2, 3, 3],
      [3, 1, 1],
      [3, 2, 4],
      [3, 3, 4],
      [4, 1, 1],
      [4, 2, 2],
      [5, 1, 3],
    ];
    const sum = (w: (i: number, j: number) => number) =>
      cells.reduce((a, [i, j, n]) => a + n * w(i, j), 0) / 25;
    expect(f.SmallDependenceLowGrayLevelEmphasis).toBeCloseTo(
      sum((i, j) => 1 / (i * i * j * j)),
      14,
    );
    expect(f.SmallDependenceHighGrayLevelEmphasis).toBeCloseTo(
      sum((i, j) => (i * i) / (j * j)),
      13,
    );
    expect(f.LargeDependenceLowGrayLevelEmphasis).toBeCloseTo(
      sum((i, j) => (j * j) / (i * i)),
      13,
    );
    expect(f.LargeDependenceHighGrayLevelEmphasis).toBeCloseTo(
      sum((i, j) => i * i * j * j),
      12,
    );
  });
});

describe('GLDM semantics', () => {
  it('counts neighbours within gldm_a grey levels as dependent', () => {
    const row = [[[1, 2, 4]]];
    expect(gldmOf(textureInput(row))).toEqual({ P: [[1], [1], [1]], jvector: [1] });
    expect(gldmOf(textureInput(row, { gldm_a: 1 }))).toEqual({
      P: [
        [0, 1],
        [0, 1],
        [1, 0],
      ],
      jvector: [1, 2],
    });
    // alpha 2: 1 depends on 2; 2 on 1 and 4; 4 on 2
    expect(gldmOf(textureInput(row, { gldm_a: 2 }))).toEqual({
      P: [
        [1, 0],
        [0, 1],
        [1, 0],
      ],
      jvector: [2, 3],
    });
  });

  it('uses every requested distance in both directions', () => {
    expect(gldmOf(textureInput([[[1, 1, 1, 1, 1]]], { distances: [1, 2] }))).toEqual({
      P: [[2, 2, 1]],
      jvector: [3, 4, 5],
    });
  });

  it('ignores neighbours outside the ROI and uses actual bin indices', () => {
    const f = computeGldm(textureInput([[[3, 0, 3, 0, 7]]]));
    expect(f.LargeDependenceEmphasis).toBe(1); // every voxel has 0 dependants: j = 1
    expect(f.HighGrayLevelEmphasis).toBeCloseTo((9 + 9 + 49) / 3, 13);
    expect(f.LowGrayLevelEmphasis).toBeCloseTo((1 / 9 + 1 / 9 + 1 / 49) / 3, 15);
  });

  it('handles a flat ROI', () => {
    const f = computeGldm(
      textureInput([
        [
          [2, 2],
          [2, 2],
        ],
      ]),
    );
    expect(f.GrayLevelVariance).toBe(0);
    expect(f.DependenceVariance).toBe(0);
    expect(f.DependenceEntropy).toBe(-Math.log2(1 + Number.EPSILON));
    expect(f.LargeDependenceEmphasis).toBe(16); // 3 dependants each: j = 4
  });

  it('rejects a non-integer gldm_a', () => {
    expect(thrownMessage(() => computeGldm(textureInput([[[1, 2]]], { gldm_a: 0.5 })))).toEqual({
      code: 'radiomics.texture.gldmAlpha',
      params: { value: '0.5' },
    });
  });

  it('rejects an angle listed in both directions', () => {
    const input = textureInput([[[1, 2, 3]]]);
    expect(
      thrownMessage(() =>
        computeGldm({
          ...input,
          angles: [
            [0, 0, 1],
            [0, 0, -1],
          ],
        }),
      ).code,
    ).toBe('radiomics.texture.angleTwice');
  });
});
