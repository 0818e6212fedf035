import { describe, expect, it } from 'vitest';
import { checkTextureInput } from '../../../src/radiomics/glszm';
import { buildNgtdm, computeNgtdm } from '../../../src/radiomics/ngtdm';
import { textureInput } from '../../fixtures/texture';
import { thrownMessage } from '../../fixtures/thrownMessage';

describe('NGTDM on the PyRadiomics docstring example (4x4, no grey level 4)', () => {
  const input = textureInput([
    [
      [1, 2, 5, 2],
      [3, 5, 1, 3],
      [1, 3, 5, 5],
      [3, 1, 1, 1],
    ],
  ]);
  const m = buildNgtdm(input, checkTextureInput(input, 'NGTDM'));
  // s_i as the docstring spells them out (s_1 = 13.35, s_3 = 3.03 as in PyRadiomics 3.1's docstring)
  const s1 = [10 / 3, 30 / 8, 15 / 5, 13 / 5, 15 / 5, 11 / 3].reduce((a, v) => a + Math.abs(1 - v), 0);
  const s2 = 2 * Math.abs(2 - 15 / 5);
  const s3 = [12 / 5, 18 / 5, 20 / 8, 5 / 3].reduce((a, v) => a + Math.abs(3 - v), 0);
  // The docstring's spelled-out terms for s_5 (14/5, 18/5, 20/8, 11/5) do not add up to its total
  // 10.075; the neighbourhood means of the four 5s, read off the image, are 13/5, 21/8, 20/8, 11/5.
  const s5 = [13 / 5, 21 / 8, 20 / 8, 11 / 5].reduce((a, v) => a + Math.abs(5 - v), 0);

  it('builds the documented n_i and s_i, with the empty level removed', () => {
    expect(Array.from(m.ivector)).toEqual([1, 2, 3, 5]);
    expect(Array.from(m.n)).toEqual([6, 2, 4, 4]);
    expect(s1).toBeCloseTo(13.35, 12);
    expect(s5).toBeCloseTo(10.075, 12);
    [s1, s2, s3, s5].forEach((s, k) => expect(m.s[k]).toBeCloseTo(s, 12));
  });

  it('gives the features from p_i = n_i / 16 and the documented s_i', () => {
    const f = computeNgtdm(input);
    expect(Object.keys(f).sort()).toEqual(['Busyness', 'Coarseness', 'Complexity', 'Contrast', 'Strength']);
    const i = [1, 2, 3, 5];
    const p = [6 / 16, 2 / 16, 4 / 16, 4 / 16];
    const s = [s1, s2, s3, s5];
    const sumPs = p.reduce((a, v, k) => a + v * s[k], 0);
    const sumS = s1 + s2 + s3 + s5;
    let pp = 0;
    let absdiff = 0;
    let cplx = 0;
    let strength = 0;
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        pp += p[a] * p[b] * (i[a] - i[b]) ** 2;
        absdiff += Math.abs(i[a] * p[a] - i[b] * p[b]);
        cplx += (Math.abs(i[a] - i[b]) * (p[a] * s[a] + p[b] * s[b])) / (p[a] + p[b]);
        strength += (p[a] + p[b]) * (i[a] - i[b]) ** 2;
      }
    }
    expect(f.Coarseness).toBeCloseTo(1 / sumPs, 12);
    expect(f.Contrast).toBeCloseTo((pp / 12) * (sumS / 16), 12);
    expect(f.Busyness).toBeCloseTo(sumPs / absdiff, 12);
    expect(f.Complexity).toBeCloseTo(cplx / 16, 12);
    expect(f.Strength).toBeCloseTo(strength / sumS, 12);
  });
});

describe('NGTDM semantics', () => {
  it('counts a voxel without ROI neighbours in n_i but adds 0 to s_i', () => {
    // 1 and 2 are each other's only neighbour; 5 has none (the gap is outside the ROI)
    const input = textureInput([[[1, 2, 0, 5]]]);
    const m = buildNgtdm(input, checkTextureInput(input, 'NGTDM'));
    expect(Array.from(m.n)).toEqual([1, 1, 1]);
    expect(Array.from(m.s)).toEqual([1, 1, 0]);
    const f = computeNgtdm(input);
    expect(f.Coarseness).toBeCloseTo(1.5, 14); // 1 / (1/3 + 1/3)
    expect(f.Strength).toBeCloseTo(52 / 3, 13);
    expect(f.Contrast).toBeCloseTo(52 / 81, 14);
    expect(f.Busyness).toBeCloseTo(1 / 8, 14);
    expect(f.Complexity).toBeCloseTo(3, 14);
  });

  it('returns Coarseness 1e6 and zero Strength/Busyness when no voxel has an ROI neighbour', () => {
    const f = computeNgtdm(textureInput([[[3, 0, 0, 1]]]));
    expect(f).toEqual({ Busyness: 0, Coarseness: 1e6, Complexity: 0, Contrast: 0, Strength: 0 });
  });

  it('handles a flat ROI', () => {
    const f = computeNgtdm(
      textureInput([
        [
          [6, 6, 6],
          [6, 0, 6],
        ],
      ]),
    );
    expect(f).toEqual({ Busyness: 0, Coarseness: 1e6, Complexity: 0, Contrast: 0, Strength: 0 });
  });

  it('averages over the full 3-D neighbourhood (26 offsets)', () => {
    // centre voxel 2 surrounded by 26 voxels of level 1
    const vol = [0, 1, 2].map((z) =>
      [0, 1, 2].map((y) => [0, 1, 2].map((x) => (z === 1 && y === 1 && x === 1 ? 2 : 1))),
    );
    const input = textureInput(vol);
    expect(input.angles).toHaveLength(13);
    const m = buildNgtdm(input, checkTextureInput(input, 'NGTDM'));
    expect(m.s[1]).toBe(1); // |2 - 26/26|
    expect(m.n[0]).toBe(26);
  });

  it('rejects an input without angles', () => {
    const input = textureInput([[[1, 2]]]);
    expect(thrownMessage(() => computeNgtdm({ ...input, angles: [] }))).toEqual({
      code: 'radiomics.texture.anglesEmpty',
      params: { cls: 'NGTDM' },
    });
  });
});
