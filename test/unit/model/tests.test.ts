import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  averageRanks,
  chiSquareContingency,
  fisherExact,
  mannWhitneyExactP,
  mannWhitneyU,
  studentTTest,
  welchTTest,
} from '../../../src/model/tests';
import { thrownMessage } from '../../fixtures/thrownMessage';

const SHARED = path.resolve(__dirname, '../../../../shared');

interface TTestCase {
  name: string;
  x: number[];
  y: number[];
  mean_x: number;
  sd_x_ddof1: number;
  mean_y: number;
  sd_y_ddof1: number;
  student: { t: number; df: number; p: number };
  welch: { t: number; df: number; p: number };
}
interface TableCase {
  name: string;
  table: number[][];
  expected: number[][];
  chi2_yates: { chi2: number; p: number; dof: number };
  chi2_no_correction: { chi2: number; p: number; dof: number };
  fisher_exact?: { odds_ratio_sample: number; p_two_sided: number; p_less: number; p_greater: number };
}
interface MwCase {
  name: string;
  x: number[];
  y: number[];
  U1_statistic_for_x: number;
  U2: number;
  p_asymptotic_continuity_tie_corrected: number;
  p_asymptotic_no_continuity: number;
  crosscheck_manual: { sigma_tie_corrected: number; z_with_continuity: number };
  has_ties: boolean;
  p_exact?: number;
}
const fixture = JSON.parse(readFileSync(path.join(SHARED, 'stats/baseline_tests.json'), 'utf8')) as {
  t_tests: TTestCase[];
  contingency_tables: TableCase[];
  mann_whitney: MwCase[];
};

/** |got − want| ≤ rel·|want| (exact equality required when want = 0). */
function expectRel(got: number, want: number, rel: number): void {
  if (want === 0) expect(got).toBe(0);
  else expect(Math.abs(got - want) / Math.abs(want)).toBeLessThanOrEqual(rel);
}

describe('t-tests (baseline_tests.json, every pair)', () => {
  it.each(fixture.t_tests.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const s = studentTTest(c.x, c.y);
    expectRel(s.t, c.student.t, 1e-12);
    expect(s.df).toBe(c.student.df);
    expectRel(s.p, c.student.p, 1e-9);
    expectRel(s.meanX, c.mean_x, 1e-12);
    expectRel(s.meanY, c.mean_y, 1e-12);
    expectRel(s.sdX, c.sd_x_ddof1, 1e-12);
    expectRel(s.sdY, c.sd_y_ddof1, 1e-12);
    const w = welchTTest(c.x, c.y);
    expectRel(w.t, c.welch.t, 1e-12);
    expectRel(w.df, c.welch.df, 1e-12);
    expectRel(w.p, c.welch.p, 1e-9);
  });
});

describe('contingency tables (baseline_tests.json, every table)', () => {
  it.each(fixture.contingency_tables.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const yates = chiSquareContingency(c.table, true);
    const plain = chiSquareContingency(c.table, false);
    c.expected.forEach((row, i) => row.forEach((e, j) => expectRel(yates.expected[i][j], e, 1e-12)));
    expect(yates.dof).toBe(c.chi2_yates.dof);
    expectRel(yates.chi2, c.chi2_yates.chi2, 1e-12);
    expectRel(yates.p, c.chi2_yates.p, 1e-9);
    expect(yates.yatesApplied).toBe(yates.dof === 1);
    expectRel(plain.chi2, c.chi2_no_correction.chi2, 1e-12);
    expectRel(plain.p, c.chi2_no_correction.p, 1e-9);
    if (c.fisher_exact) {
      const f = fisherExact(c.table);
      expectRel(f.oddsRatio, c.fisher_exact.odds_ratio_sample, 1e-12);
      expectRel(f.pTwoSided, c.fisher_exact.p_two_sided, 1e-9);
      expectRel(f.pLess, c.fisher_exact.p_less, 1e-9);
      expectRel(f.pGreater, c.fisher_exact.p_greater, 1e-9);
    } else {
      expect(c.table.length * c.table[0].length).toBeGreaterThan(4);
      expect(thrownMessage(() => fisherExact(c.table))).toEqual({
        code: 'stats.fisher.notTwoByTwo',
        params: { fn: 'fisherExact', rows: c.table.length, columns: c.table[0].length },
      });
    }
  });
});

describe('Mann–Whitney U (baseline_tests.json, every pair)', () => {
  it.each(fixture.mann_whitney.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = mannWhitneyU(c.x, c.y);
    expect(r.u1).toBe(c.U1_statistic_for_x);
    expect(r.u2).toBe(c.U2);
    expectRel(r.sigma, c.crosscheck_manual.sigma_tie_corrected, 1e-12);
    expectRel(r.z, c.crosscheck_manual.z_with_continuity, 1e-12);
    expectRel(r.p, c.p_asymptotic_continuity_tie_corrected, 1e-9);
    expectRel(mannWhitneyU(c.x, c.y, false).p, c.p_asymptotic_no_continuity, 1e-9);
    if (c.has_ties) {
      expect(thrownMessage(() => mannWhitneyExactP(c.x, c.y))).toEqual({
        code: 'stats.mannWhitney.ties',
        params: { fn: 'mannWhitneyExactP' },
      });
    } else expectRel(mannWhitneyExactP(c.x, c.y), c.p_exact as number, 1e-12);
  });
  it('exact p matches scipy method="exact" on small samples', () => {
    // scipy.stats.mannwhitneyu(..., method='exact') 1.17.1
    expectRel(mannWhitneyExactP([1, 2, 3, 4, 10], [5, 6, 7, 8, 9, 11, 12]), 0.04797979797979798, 1e-12);
    expectRel(mannWhitneyExactP([1.5, 2, 3], [5, 6, 0.5, 7]), 0.4, 1e-12);
  });
});

describe('edge cases and validation', () => {
  it('average ranks share tied positions', () => {
    expect(averageRanks([3, 1, 3, 2, 3])).toEqual([4, 1, 4, 2, 4]);
  });
  it('Fisher handles a degenerate margin and zero cells', () => {
    expect(
      fisherExact([
        [0, 0],
        [3, 4],
      ]).pTwoSided,
    ).toBe(1);
    expect(
      fisherExact([
        [5, 0],
        [0, 5],
      ]).oddsRatio,
    ).toBe(Infinity);
  });
  it('throws clear errors on bad input', () => {
    expect(thrownMessage(() => studentTTest([1], [1, 2]))).toEqual({
      code: 'stats.tooFewValues',
      params: { fn: 'tTestIndependent', what: 'x', n: 1, min: 2 },
    });
    expect(thrownMessage(() => studentTTest([1, 1], [2, 2]))).toEqual({
      code: 'stats.ttest.zeroVariance',
      params: { fn: 'tTestIndependent' },
    });
    expect(thrownMessage(() => welchTTest([1, NaN], [1, 2]))).toEqual({
      code: 'stats.notFinite',
      params: { fn: 'tTestIndependent', what: 'x[1]', value: NaN },
    });
    expect(thrownMessage(() => chiSquareContingency([[1, 2]]))).toEqual({
      code: 'stats.tooFewRows',
      params: { fn: 'chiSquareContingency', what: 'table', n: 1, min: 2 },
    });
    expect(
      thrownMessage(() =>
        chiSquareContingency([
          [1, -2],
          [1, 2],
        ]),
      ),
    ).toEqual({
      code: 'stats.outOfRange',
      params: { fn: 'chiSquareContingency', what: 'table[0][1]', value: -2, range: '[0, ∞)' },
    });
    expect(
      thrownMessage(() =>
        chiSquareContingency([
          [0, 0],
          [1, 2],
        ]),
      ),
    ).toEqual({ code: 'stats.chiSquare.zeroExpected', params: { fn: 'chiSquareContingency', i: 0, j: 0 } });
    expect(
      thrownMessage(() =>
        fisherExact([
          [1.5, 2],
          [1, 2],
        ]),
      ),
    ).toEqual({
      code: 'stats.notInteger',
      params: { fn: 'fisherExact', what: 'table', value: 1.5, range: '≥ 0' },
    });
    expect(thrownMessage(() => mannWhitneyU([1, 1], [1, 1]))).toEqual({
      code: 'stats.mannWhitney.allTied',
      params: { fn: 'mannWhitneyU' },
    });
  });
});
