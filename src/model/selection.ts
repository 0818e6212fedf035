/**
 * Univariate feature screening and the greedy redundancy filter used before model fitting:
 * 1. a two-sample t-test per feature (pCR = 1 vs non-pCR = 0);
 * 2. features ordered by ascending p-value (ties by ascending column index), optionally only p < α;
 * 3. a greedy pass that keeps a feature unless |r| > threshold (strict) with an already KEPT feature.
 */
import { tTestIndependent } from './tests';
import type { TTestResult } from './tests';
import { MessageError } from '../util/message';

/** Per-feature t-test results (statistic sign = mean(pCR) − mean(non-pCR)). */
export interface FeatureTest {
  index: number;
  nPos: number;
  nNeg: number;
  student: TTestResult;
  welch: TTestResult;
}

/**
 * Runs Student and Welch t-tests for every column j of X comparing rows with y = 1 against y = 0.
 * Throws if y is not 0/1, lengths differ or a group has fewer than 2 rows.
 */
export function univariateTTests(x: readonly ArrayLike<number>[], y: ArrayLike<number>): FeatureTest[] {
  if (x.length !== y.length)
    throw new MessageError('stats.lengthMismatch', {
      fn: 'univariateTTests',
      what: 'X, y',
      a: x.length,
      b: y.length,
    });
  if (x.length === 0)
    throw new MessageError('stats.tooFewRows', { fn: 'univariateTTests', what: 'X', n: 0, min: 1 });
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1)
      throw new MessageError('stats.notBinary', { fn: 'univariateTTests', what: `y[${i}]`, value: y[i] });
  }
  const d = x[0].length;
  const result: FeatureTest[] = [];
  for (let j = 0; j < d; j++) {
    const pos: number[] = [];
    const neg: number[] = [];
    x.forEach((row, i) => {
      if (row.length !== d)
        throw new MessageError('stats.rowLength', {
          fn: 'univariateTTests',
          what: 'X',
          i,
          n: row.length,
          expected: d,
        });
      (y[i] === 1 ? pos : neg).push(row[j]);
    });
    result.push({
      index: j,
      nPos: pos.length,
      nNeg: neg.length,
      student: tTestIndependent(pos, neg, true),
      welch: tTestIndependent(pos, neg, false),
    });
  }
  return result;
}

/**
 * Feature indices sorted by ascending p-value, ties broken by ascending index. With `maxP` only features with
 * p < maxP (strict) are returned. NaN p-values are rejected.
 */
export function orderByPValue(pValues: readonly number[], maxP?: number): number[] {
  pValues.forEach((p, j) => {
    if (Number.isNaN(p))
      throw new MessageError('stats.isNaN', { fn: 'orderByPValue', what: `pValues[${j}]` });
  });
  return pValues
    .map((p, j) => [p, j] as const)
    .filter(([p]) => maxP === undefined || p < maxP)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([, j]) => j);
}

/** A feature removed by the greedy filter and the kept features that caused it. */
export interface DroppedFeature {
  featureIndex: number;
  /** Already-kept features i with |r(i, j)| > threshold, in the order they were kept. */
  droppedBecauseOf: number[];
  /** The corresponding |r| values. */
  absR: number[];
}

/** Result of {@link greedyCorrelationFilter}. */
export interface GreedyFilterResult {
  /** Kept feature indices, in visiting order. */
  kept: number[];
  dropped: DroppedFeature[];
}

/**
 * Greedy redundancy filter: visit features in `order`; keep j unless |r(i, j)| > threshold (strict) for some
 * already KEPT i (dropped features never eliminate later ones). `corr` is a full square correlation matrix.
 */
export function greedyCorrelationFilter(
  corr: readonly (readonly number[])[],
  order: readonly number[],
  threshold = 0.9,
): GreedyFilterResult {
  const d = corr.length;
  corr.forEach((row, i) => {
    if (row.length !== d)
      throw new MessageError('stats.rowLength', {
        fn: 'greedyCorrelationFilter',
        what: 'corr',
        i,
        n: row.length,
        expected: d,
      });
  });
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new MessageError('stats.outOfRange', {
      fn: 'greedyCorrelationFilter',
      what: 'threshold',
      value: threshold,
      range: '[0, 1]',
    });
  }
  const seen = new Set<number>();
  const kept: number[] = [];
  const dropped: DroppedFeature[] = [];
  for (const j of order) {
    if (!Number.isInteger(j) || j < 0 || j >= d)
      throw new MessageError('stats.outOfRange', {
        fn: 'greedyCorrelationFilter',
        what: 'order',
        value: j,
        range: `0 … ${d - 1}`,
      });
    if (seen.has(j))
      throw new MessageError('stats.duplicateIndex', {
        fn: 'greedyCorrelationFilter',
        what: 'order',
        index: j,
      });
    seen.add(j);
    const because: number[] = [];
    const absR: number[] = [];
    for (const i of kept) {
      const r = Math.abs(corr[i][j]);
      if (Number.isNaN(r))
        throw new MessageError('stats.isNaN', { fn: 'greedyCorrelationFilter', what: `corr[${i}][${j}]` });
      if (r > threshold) {
        because.push(i);
        absR.push(r);
      }
    }
    if (because.length === 0) kept.push(j);
    else dropped.push({ featureIndex: j, droppedBecauseOf: because, absR });
  }
  return { kept, dropped };
}
