import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  brierScore,
  calibrationCurve,
  calibrationInTheLarge,
  citlOffsetIntercept,
  hosmerLemeshow,
  logisticRecalibration,
  quantileType7,
} from '../../../src/model/calibration';
import type { CalibrationStrategy, HosmerLemeshowResult } from '../../../src/model/calibration';
import { thrownMessage } from '../../fixtures/thrownMessage';

const SHARED = path.resolve(__dirname, '../../../../shared');

interface Curve {
  strategy: CalibrationStrategy;
  n_bins: number;
  prob_true: number[];
  prob_pred: number[];
  bin_edges: number[];
  bin_index_per_sample: number[];
  count_per_nonempty_bin: number[];
  nonempty_bin_indices: number[];
}
interface HlGroup {
  n: number;
  observed_events: number;
  expected_events: number;
  mean_p: number;
  min_p: number;
  max_p: number;
  contribution: number | null;
}
interface HlRef {
  groups: HlGroup[];
  chi2: number | null;
  df: number;
  p_value: number | null;
  breaks?: number[];
}
interface Scenario {
  name: string;
  y: number[];
  p: number[];
  brier: number;
  calibration_in_the_large: number;
  calibration_curves: Curve[];
  logistic_recalibration: {
    intercept: number;
    slope: number;
    intercept_se: number;
    slope_se: number;
    citl_offset_intercept: number;
    citl_offset_intercept_se: number;
  } | null;
  hosmer_lemeshow: { sorted_equal_size_groups: HlRef; quantile_cut_groups_R_ResourceSelection: HlRef };
}
const fixture = JSON.parse(readFileSync(path.join(SHARED, 'stats/calibration.json'), 'utf8')) as {
  scenarios: Scenario[];
};

function expectRel(got: number, want: number, rel: number): void {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.abs(want));
}
function expectAbsAll(got: readonly number[], want: readonly number[], abs: number): void {
  expect(got.length).toBe(want.length);
  got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThanOrEqual(abs));
}
function checkHl(got: HosmerLemeshowResult, ref: HlRef): void {
  expect(got.df).toBe(ref.df);
  expect(got.groups.length).toBe(ref.groups.length);
  got.groups.forEach((g, k) => {
    const r = ref.groups[k];
    expect(g.n).toBe(r.n);
    expect(g.observedEvents).toBe(r.observed_events);
    expect(Math.abs(g.expectedEvents - r.expected_events)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(g.meanP - r.mean_p)).toBeLessThanOrEqual(1e-12);
    expect(g.minP).toBe(r.min_p);
    expect(g.maxP).toBe(r.max_p);
    if (r.contribution === null) expect(g.contribution).toBeNull();
    else expectRel(g.contribution as number, r.contribution, 1e-10);
  });
  if (ref.chi2 === null) {
    expect(got.chi2).toBeNull();
    expect(got.pValue).toBeNull();
  } else {
    expectRel(got.chi2 as number, ref.chi2, 1e-10);
    expectRel(got.pValue as number, ref.p_value as number, 1e-8);
  }
  if (ref.breaks) expect(got.breaks).toEqual(ref.breaks);
}

const scenarioRows = fixture.scenarios.map((s) => [s.name, s] as const);

describe('calibration curves (calibration.json, every scenario × strategy × bins)', () => {
  const rows = fixture.scenarios.flatMap((s) =>
    s.calibration_curves.map((c) => [s.name, c.strategy, c.n_bins, s, c] as const),
  );
  it.each(rows)('%s %s/%i', (_name, strategy, nBins, s, c) => {
    const got = calibrationCurve(s.y, s.p, nBins, strategy);
    expect(got.binEdges).toEqual(c.bin_edges); // bit-exact numpy linspace / percentile edges
    expect(got.binIndex).toEqual(c.bin_index_per_sample);
    expect(got.counts).toEqual(c.count_per_nonempty_bin);
    expect(got.nonEmptyBins).toEqual(c.nonempty_bin_indices);
    expectAbsAll(got.probTrue, c.prob_true, 1e-12);
    expectAbsAll(got.probPred, c.prob_pred, 1e-12);
  });
});

describe('Brier, CITL and recalibration (calibration.json, every scenario)', () => {
  it.each(scenarioRows)('%s', (_name, s) => {
    expect(Math.abs(brierScore(s.y, s.p) - s.brier)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(calibrationInTheLarge(s.y, s.p) - s.calibration_in_the_large)).toBeLessThanOrEqual(1e-12);
    const rec = logisticRecalibration(s.y, s.p);
    const citl = citlOffsetIntercept(s.y, s.p);
    const ref = s.logistic_recalibration;
    if (ref === null) {
      expect(rec).toBeNull();
      expect(citl).toBeNull();
      expect(s.p.some((v) => v === 0 || v === 1)).toBe(true);
      return;
    }
    expect(rec).not.toBeNull();
    expect(citl).not.toBeNull();
    if (!rec || !citl) return;
    expectRel(rec.intercept.estimate, ref.intercept, 1e-7);
    expectRel(rec.slope.estimate, ref.slope, 1e-7);
    expectRel(rec.intercept.se, ref.intercept_se, 1e-6);
    expectRel(rec.slope.se, ref.slope_se, 1e-6);
    expectRel(citl.estimate, ref.citl_offset_intercept, 1e-7);
    expectRel(citl.se, ref.citl_offset_intercept_se, 1e-6);
  });
});

describe('Hosmer–Lemeshow (calibration.json, every scenario × both grouping rules)', () => {
  it.each(scenarioRows)('%s: sorted equal-size groups', (_name, s) => {
    checkHl(hosmerLemeshow(s.y, s.p, 'equal-size', 10), s.hosmer_lemeshow.sorted_equal_size_groups);
  });
  it.each(scenarioRows)('%s: R ResourceSelection quantile-cut groups', (_name, s) => {
    checkHl(
      hosmerLemeshow(s.y, s.p, 'quantile-cut', 10),
      s.hosmer_lemeshow.quantile_cut_groups_R_ResourceSelection,
    );
  });
});

describe('calibration edge cases', () => {
  it('type-7 quantile interpolates like numpy', () => {
    expect(quantileType7([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileType7([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileType7([5], 0.3)).toBe(5);
  });
  it('a value exactly on an inner uniform edge goes to the lower bin', () => {
    const c = calibrationCurve([0, 1, 1], [0.2, 0.2000001, 1], 5, 'uniform');
    expect(c.binIndex).toEqual([0, 1, 4]);
  });
  it('rejects invalid input', () => {
    expect(thrownMessage(() => brierScore([0, 1], [0.5]))).toEqual({
      code: 'stats.lengthMismatch',
      params: { fn: 'brierScore', what: 'y, p', a: 2, b: 1 },
    });
    expect(thrownMessage(() => brierScore([0, 2], [0.5, 0.5]))).toEqual({
      code: 'stats.notBinary',
      params: { fn: 'brierScore', what: 'y[1]', value: 2 },
    });
    expect(thrownMessage(() => calibrationCurve([0, 1], [0.5, 1.5]))).toEqual({
      code: 'stats.outOfRange',
      params: { fn: 'calibrationCurve', what: 'p[1]', value: 1.5, range: '[0, 1]' },
    });
    expect(thrownMessage(() => calibrationCurve([0, 1], [0.5, 0.5], 0))).toEqual({
      code: 'stats.notInteger',
      params: { fn: 'calibrationCurve', what: 'nBins', value: 0, range: '≥ 1' },
    });
    expect(thrownMessage(() => hosmerLemeshow([0, 1, 0], [0.1, 0.2, 0.3]))).toEqual({
      code: 'stats.hosmerLemeshow.tooFew',
      params: { fn: 'hosmerLemeshow', n: 3, groups: 10 },
    });
  });
});
