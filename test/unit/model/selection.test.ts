import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pearsonMatrix, spearmanMatrix } from '../../../src/model/correlation';
import { greedyCorrelationFilter, orderByPValue, univariateTTests } from '../../../src/model/selection';
import { thrownMessage } from '../../fixtures/thrownMessage';

const SHARED = path.resolve(__dirname, '../../../../shared');

interface PerFeature {
  index: number;
  mean_pos: number;
  sd_pos_ddof1: number;
  n_pos: number;
  mean_neg: number;
  sd_neg_ddof1: number;
  n_neg: number;
  student_t: number;
  student_p: number;
  student_df: number;
  welch_t: number;
  welch_p: number;
  welch_df: number;
}
interface Variant {
  order: number[];
  kept: number[];
  dropped: { feature_index: number; dropped_because_of: number[]; abs_r: number[] }[];
}
const fixture = JSON.parse(readFileSync(path.join(SHARED, 'stats/selection.json'), 'utf8')) as {
  X: number[][];
  y: number[];
  per_feature_tests: PerFeature[];
  greedy_filter_results: Record<string, Variant>;
};

function expectRel(got: number, want: number, rel: number): void {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.abs(want));
}

const tests = univariateTTests(fixture.X, fixture.y);

describe('per-feature t-tests (selection.json, all 12 features)', () => {
  it.each(fixture.per_feature_tests.map((f) => [f.index, f] as const))('feature %i', (j, f) => {
    const r = tests[j];
    expect(r.nPos).toBe(f.n_pos);
    expect(r.nNeg).toBe(f.n_neg);
    expectRel(r.student.meanX, f.mean_pos, 1e-12);
    expectRel(r.student.meanY, f.mean_neg, 1e-12);
    expectRel(r.student.sdX, f.sd_pos_ddof1, 1e-12);
    expectRel(r.student.sdY, f.sd_neg_ddof1, 1e-12);
    expectRel(r.student.t, f.student_t, 1e-12);
    expect(r.student.df).toBe(f.student_df);
    expectRel(r.student.p, f.student_p, 1e-9);
    expectRel(r.welch.t, f.welch_t, 1e-12);
    expectRel(r.welch.df, f.welch_df, 1e-12);
    expectRel(r.welch.p, f.welch_p, 1e-9);
  });
});

describe('greedy |r| > 0.9 filter (selection.json, all 5 variants)', () => {
  const studentP = tests.map((t) => t.student.p);
  const welchP = tests.map((t) => t.welch.p);
  const pearsonR = pearsonMatrix(fixture.X);
  const spearmanR = spearmanMatrix(fixture.X);
  const variants: Record<string, { order: number[]; corr: number[][] }> = {
    A_all_features_order_student_p_pearson: { order: orderByPValue(studentP), corr: pearsonR },
    'B_student_p_lt_0.05_then_pearson': { order: orderByPValue(studentP, 0.05), corr: pearsonR },
    C_all_features_order_welch_p_pearson: { order: orderByPValue(welchP), corr: pearsonR },
    D_all_features_order_student_p_spearman: { order: orderByPValue(studentP), corr: spearmanR },
    E_column_order_pearson: { order: studentP.map((_p, j) => j), corr: pearsonR },
  };

  it('covers every variant in the fixture', () => {
    expect(Object.keys(variants).sort()).toEqual(Object.keys(fixture.greedy_filter_results).sort());
  });

  it.each(Object.entries(fixture.greedy_filter_results))(
    '%s: exact order, kept and dropped lists',
    (name, want) => {
      const { order, corr } = variants[name];
      expect(order).toEqual(want.order);
      const got = greedyCorrelationFilter(corr, order, 0.9);
      expect(got.kept).toEqual(want.kept);
      expect(got.dropped.map((d) => [d.featureIndex, d.droppedBecauseOf])).toEqual(
        want.dropped.map((d) => [d.feature_index, d.dropped_because_of]),
      );
      got.dropped.forEach((d, k) => d.absR.forEach((r, m) => expectRel(r, want.dropped[k].abs_r[m], 1e-12)));
    },
  );
});

describe('selection edge cases', () => {
  it('orders ties by column index and keeps features whose |r| equals the threshold', () => {
    expect(orderByPValue([0.2, 0.1, 0.2, 0.1])).toEqual([1, 3, 0, 2]);
    const corr = [
      [1, 0.9],
      [0.9, 1],
    ];
    expect(greedyCorrelationFilter(corr, [0, 1], 0.9).kept).toEqual([0, 1]);
    expect(greedyCorrelationFilter(corr, [1, 0], 0.89).kept).toEqual([1]);
  });
  it('dropped features do not eliminate later ones', () => {
    const corr = [
      [1, 0.95, 0],
      [0.95, 1, 0.95],
      [0, 0.95, 1],
    ];
    expect(greedyCorrelationFilter(corr, [0, 1, 2]).kept).toEqual([0, 2]);
  });
  it('rejects invalid input', () => {
    expect(thrownMessage(() => univariateTTests([[1], [2]], [0, 2]))).toEqual({
      code: 'stats.notBinary',
      params: { fn: 'univariateTTests', what: 'y[1]', value: 2 },
    });
    expect(thrownMessage(() => univariateTTests([[1]], [0, 1]))).toEqual({
      code: 'stats.lengthMismatch',
      params: { fn: 'univariateTTests', what: 'X, y', a: 1, b: 2 },
    });
    expect(thrownMessage(() => orderByPValue([NaN]))).toEqual({
      code: 'stats.isNaN',
      params: { fn: 'orderByPValue', what: 'pValues[0]' },
    });
    expect(thrownMessage(() => greedyCorrelationFilter([[1]], [0, 0]))).toEqual({
      code: 'stats.duplicateIndex',
      params: { fn: 'greedyCorrelationFilter', what: 'order', index: 0 },
    });
    expect(thrownMessage(() => greedyCorrelationFilter([[1]], [3]))).toEqual({
      code: 'stats.outOfRange',
      params: { fn: 'greedyCorrelationFilter', what: 'order', value: 3, range: '0 … 0' },
    });
  });
});
