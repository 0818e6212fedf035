import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeRle,
  flattenMask,
  iccAnova,
  intraclassCorrelation,
  maskOverlap,
} from '../../../src/model/agreement';
import type { IccResult } from '../../../src/model/agreement';
import { thrownMessage } from '../../fixtures/thrownMessage';

const SHARED = path.resolve(__dirname, '../../../../shared');

interface DiceCase {
  name: string;
  shape: [number, number];
  mask_a: number[][];
  mask_b: number[][];
  mask_a_rle: [number, number][];
  mask_b_rle: [number, number][];
  area_a: number;
  area_b: number;
  intersection: number;
  union: number;
  dice: number | null;
  jaccard: number | null;
}
interface IccRef {
  icc: number;
  F?: number;
  df1?: number;
  df2?: number;
  p?: number;
  ci95: [number, number];
  ci_satterthwaite_v?: number;
}
type IccKey = 'ICC(1,1)' | 'ICC(2,1)' | 'ICC(3,1)' | 'ICC(1,k)' | 'ICC(2,k)' | 'ICC(3,k)';
interface IccCase {
  name: string;
  ratings_subject_by_rater: number[][];
  results: Record<IccKey, IccRef> & {
    n_subjects: number;
    k_raters: number;
    anova: Record<string, number>;
  };
  published_2dp?: Record<IccKey, number>;
}
const fixture = JSON.parse(readFileSync(path.join(SHARED, 'stats/icc_dice.json'), 'utf8')) as {
  dice_cases: DiceCase[];
  icc_cases: IccCase[];
};
const KEYS: IccKey[] = ['ICC(1,1)', 'ICC(2,1)', 'ICC(3,1)', 'ICC(1,k)', 'ICC(2,k)', 'ICC(3,k)'];

function expectRel(got: number, want: number, rel: number): void {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.abs(want));
}

describe('Dice / Jaccard (icc_dice.json, every mask pair, both encodings)', () => {
  it.each(fixture.dice_cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const size = c.shape[0] * c.shape[1];
    const a = flattenMask(c.mask_a);
    const b = flattenMask(c.mask_b);
    expect(decodeRle(c.mask_a_rle, size)).toEqual(a);
    expect(decodeRle(c.mask_b_rle, size)).toEqual(b);
    const r = maskOverlap(a, b);
    expect([r.areaA, r.areaB, r.intersection, r.union]).toEqual([
      c.area_a,
      c.area_b,
      c.intersection,
      c.union,
    ]);
    if (c.dice === null || c.jaccard === null) {
      // Documented convention: two empty masks agree perfectly (Dice = Jaccard = 1) and are flagged.
      expect(r.bothEmpty).toBe(true);
      expect(r.dice).toBe(1);
      expect(r.jaccard).toBe(1);
    } else {
      expect(r.bothEmpty).toBe(false);
      expect(r.dice).toBe(c.dice);
      expect(r.jaccard).toBe(c.jaccard);
    }
  });
});

function checkIcc(got: IccResult, ref: IccCase['results']): void {
  const an = ref.anova;
  const pairs: [number, number][] = [
    [got.anova.grandMean, an.grand_mean],
    [got.anova.ssTotal, an.SS_total],
    [got.anova.ssRows, an.SS_subjects_rows],
    [got.anova.ssCols, an.SS_raters_cols],
    [got.anova.ssError, an.SS_error_residual],
    [got.anova.ssWithin, an.SS_within_subjects],
    [got.anova.msRows, an.MSR_subjects],
    [got.anova.msCols, an.MSC_raters],
    [got.anova.msError, an.MSE_residual],
    [got.anova.msWithin, an.MSW_within],
  ];
  pairs.forEach(([g, w]) => expectRel(g, w, 1e-12));
  for (const key of KEYS) {
    const g = got[key];
    const w = ref[key];
    expect(Math.abs(g.icc - w.icc)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(g.ci95[0] - w.ci95[0])).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(g.ci95[1] - w.ci95[1])).toBeLessThanOrEqual(1e-8);
    if (w.F !== undefined) {
      expectRel(g.F, w.F, 1e-12);
      expect([g.df1, g.df2]).toEqual([w.df1, w.df2]);
      expectRel(g.p, w.p as number, 1e-8);
    }
  }
  expectRel(got['ICC(2,1)'].ciSatterthwaiteV, ref['ICC(2,1)'].ci_satterthwaite_v as number, 1e-12);
}

describe('ICC (icc_dice.json, every ratings set, all six forms)', () => {
  it.each(fixture.icc_cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = intraclassCorrelation(c.ratings_subject_by_rater);
    expect(got.anova.nSubjects).toBe(c.results.n_subjects);
    expect(got.anova.kRaters).toBe(c.results.k_raters);
    checkIcc(got, c.results);
    if (c.published_2dp) {
      for (const key of KEYS) expect(got[key].icc).toBeCloseTo(c.published_2dp[key], 2);
    }
  });
});

describe('agreement edge cases', () => {
  it('one empty mask gives 0, masks of different size throw', () => {
    expect(maskOverlap([1, 1, 0], [0, 0, 0]).dice).toBe(0);
    expect(thrownMessage(() => maskOverlap([1], [1, 0]))).toEqual({
      code: 'stats.lengthMismatch',
      params: { fn: 'maskOverlap', what: 'a, b', a: 1, b: 2 },
    });
  });
  it('RLE decoding validates runs', () => {
    expect(Array.from(decodeRle([[1, 2]], 4))).toEqual([0, 1, 1, 0]);
    expect(thrownMessage(() => decodeRle([[3, 2]], 4))).toEqual({
      code: 'stats.rle.overrun',
      params: { fn: 'decodeRle', run: 0, end: 5, size: 4 },
    });
    expect(thrownMessage(() => decodeRle([[-1, 2]], 4))).toEqual({
      code: 'stats.rle.badRun',
      params: { fn: 'decodeRle', run: 0 },
    });
  });
  it('ICC rejects unbalanced, missing or degenerate ratings', () => {
    expect(thrownMessage(() => iccAnova([[1, 2], [3]]))).toEqual({
      code: 'stats.rowLength',
      params: { fn: 'iccAnova', what: 'ratings', i: 1, n: 1, expected: 2 },
    });
    expect(
      thrownMessage(() =>
        iccAnova([
          [1, NaN],
          [3, 4],
        ]),
      ),
    ).toEqual({ code: 'stats.notFinite', params: { fn: 'iccAnova', what: 'ratings[0][1]', value: NaN } });
    expect(thrownMessage(() => iccAnova([[1, 2]]))).toEqual({
      code: 'stats.tooFewRows',
      params: { fn: 'iccAnova', what: 'ratings', n: 1, min: 2 },
    });
    expect(thrownMessage(() => iccAnova([[1], [2]]))).toEqual({
      code: 'stats.tooFewColumns',
      params: { fn: 'iccAnova', what: 'ratings', n: 1, min: 2 },
    });
    expect(
      thrownMessage(() =>
        intraclassCorrelation([
          [1, 1],
          [2, 2],
          [3, 3],
        ]),
      ),
    ).toEqual({ code: 'stats.icc.noResidual', params: { fn: 'intraclassCorrelation' } });
  });
});
