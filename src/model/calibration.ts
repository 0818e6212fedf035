/**
 * Calibration of predicted probabilities: reliability curve (sklearn `calibration_curve`), Brier score,
 * calibration-in-the-large, logistic recalibration (slope/intercept) and the Hosmer–Lemeshow test.
 * Inputs are binary outcomes y ∈ {0, 1} and predicted probabilities p ∈ [0, 1] of equal length.
 */
import { quantileType7 } from './bootstrap';

export { quantileType7 };
import { fitLogistic } from './logistic';
import { chiSquareSf, logit } from './special';
import { MessageError } from '../util/message';

/** Throws unless y is 0/1, p lies in [0, 1] and both have the same non-zero length. */
function validate(name: string, y: ArrayLike<number>, p: ArrayLike<number>): void {
  if (y.length !== p.length)
    throw new MessageError('stats.lengthMismatch', { fn: name, what: 'y, p', a: y.length, b: p.length });
  if (y.length === 0) throw new MessageError('stats.tooFewValues', { fn: name, what: 'y', n: 0, min: 1 });
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1)
      throw new MessageError('stats.notBinary', { fn: name, what: `y[${i}]`, value: y[i] });
    if (!(p[i] >= 0 && p[i] <= 1))
      throw new MessageError('stats.outOfRange', { fn: name, what: `p[${i}]`, value: p[i], range: '[0, 1]' });
  }
}

/** `numpy.linspace(0, 1, num)`: i·(1/(num−1)) with the last point pinned to exactly 1. */
function linspace01(num: number): number[] {
  const step = 1 / (num - 1);
  const out = Array.from({ length: num }, (_, i) => i * step);
  out[num - 1] = 1;
  return out;
}

/** Number of entries of `edges` strictly less than v (numpy `searchsorted(edges, v, side='left')`). */
function searchsortedLeft(edges: readonly number[], v: number): number {
  let k = 0;
  while (k < edges.length && edges[k] < v) k++;
  return k;
}

/** Binning strategy of the reliability curve. */
export type CalibrationStrategy = 'uniform' | 'quantile';

/** Result of {@link calibrationCurve}. */
export interface CalibrationCurve {
  /** Observed event rate per non-empty bin. */
  probTrue: number[];
  /** Mean predicted probability per non-empty bin. */
  probPred: number[];
  /** The B + 1 bin edges. */
  binEdges: number[];
  /** Bin index of every sample (0-based, before dropping empty bins). */
  binIndex: number[];
  /** Sample count of each non-empty bin. */
  counts: number[];
  /** Indices of the non-empty bins. */
  nonEmptyBins: number[];
}

/**
 * Reliability curve as `sklearn.calibration.calibration_curve(y, p, n_bins, strategy)`.
 * Edges: 'uniform' = numpy.linspace(0, 1, B + 1); 'quantile' = numpy.percentile(p, linspace(0, 1, B + 1)·100).
 * Bin of p = number of inner edges strictly below p, so bins are [e₀, e₁], (e₁, e₂], …, (e_{B−1}, e_B] (a value on
 * an inner edge goes to the lower bin). prob_true_b = Σ_{i∈b} y_i / n_b, prob_pred_b = Σ_{i∈b} p_i / n_b over
 * non-empty bins only (tied quantile edges create empty bins that are dropped).
 */
export function calibrationCurve(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  nBins = 5,
  strategy: CalibrationStrategy = 'uniform',
): CalibrationCurve {
  validate('calibrationCurve', y, p);
  if (!Number.isInteger(nBins) || nBins < 1)
    throw new MessageError('stats.notInteger', {
      fn: 'calibrationCurve',
      what: 'nBins',
      value: nBins,
      range: '≥ 1',
    });
  let binEdges: number[];
  if (strategy === 'uniform') {
    binEdges = linspace01(nBins + 1);
  } else if (strategy === 'quantile') {
    const sorted = Array.from(p).sort((a, b) => a - b);
    binEdges = linspace01(nBins + 1).map((q) => quantileType7(sorted, (q * 100) / 100, true));
  } else {
    throw new MessageError('stats.unknownOption', {
      fn: 'calibrationCurve',
      what: 'strategy',
      value: String(strategy),
      allowed: "'uniform', 'quantile'",
    });
  }
  const inner = binEdges.slice(1, -1);
  const sums = new Array<number>(nBins + 1).fill(0);
  const trues = new Array<number>(nBins + 1).fill(0);
  const totals = new Array<number>(nBins + 1).fill(0);
  const binIndex: number[] = [];
  for (let i = 0; i < y.length; i++) {
    const b = searchsortedLeft(inner, p[i]);
    binIndex.push(b);
    sums[b] += p[i];
    trues[b] += y[i];
    totals[b] += 1;
  }
  const nonEmptyBins = totals.map((t, b) => (t > 0 ? b : -1)).filter((b) => b >= 0);
  return {
    probTrue: nonEmptyBins.map((b) => trues[b] / totals[b]),
    probPred: nonEmptyBins.map((b) => sums[b] / totals[b]),
    binEdges,
    binIndex,
    counts: nonEmptyBins.map((b) => totals[b]),
    nonEmptyBins,
  };
}

/** Brier score mean((p − y)²) (sklearn `brier_score_loss`). */
export function brierScore(y: ArrayLike<number>, p: ArrayLike<number>): number {
  validate('brierScore', y, p);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (p[i] - y[i]) ** 2;
  return s / y.length;
}

/** Calibration-in-the-large as a difference of means: mean(y) − mean(p) (0 = calibrated on average). */
export function calibrationInTheLarge(y: ArrayLike<number>, p: ArrayLike<number>): number {
  validate('calibrationInTheLarge', y, p);
  let sy = 0;
  let sp = 0;
  for (let i = 0; i < y.length; i++) {
    sy += y[i];
    sp += p[i];
  }
  return sy / y.length - sp / y.length;
}

/** A recalibration coefficient with its Wald standard error. */
export interface CoefficientWithSe {
  estimate: number;
  se: number;
}

/** Result of {@link logisticRecalibration}. */
export interface RecalibrationResult {
  /** α in logit P(y=1) = α + β·logit(p) (0 when perfectly calibrated). */
  intercept: CoefficientWithSe;
  /** β (1 when perfectly calibrated; < 1 means over-confident predictions). */
  slope: CoefficientWithSe;
}

/** logit(p_i) for every i, or null if some p_i is exactly 0 or 1. */
function logitsOrNull(p: ArrayLike<number>): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < p.length; i++) {
    if (p[i] <= 0 || p[i] >= 1) return null;
    out.push(logit(p[i]));
  }
  return out;
}

/**
 * Logistic recalibration: ML fit of logit P(y = 1) = α + β·logit(p) (statsmodels `Logit(y, add_constant(logit p))`).
 * Returns null when some p is exactly 0 or 1 (logit infinite, e.g. KNN probabilities) — the model is undefined.
 */
export function logisticRecalibration(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
): RecalibrationResult | null {
  validate('logisticRecalibration', y, p);
  const lp = logitsOrNull(p);
  if (lp === null) return null;
  const fit = fitLogistic(
    lp.map((v) => [v]),
    y,
  );
  return {
    intercept: { estimate: fit.terms[0].coef, se: fit.terms[0].se },
    slope: { estimate: fit.terms[1].coef, se: fit.terms[1].se },
  };
}

/**
 * Calibration-in-the-large as an intercept: α in logit P(y = 1) = α + 1·logit(p) (slope fixed to 1 via an offset;
 * statsmodels `GLM(y, 1, Binomial, offset=logit p)`). Returns null when some p is exactly 0 or 1.
 */
export function citlOffsetIntercept(y: ArrayLike<number>, p: ArrayLike<number>): CoefficientWithSe | null {
  validate('citlOffsetIntercept', y, p);
  const lp = logitsOrNull(p);
  if (lp === null) return null;
  const fit = fitLogistic(
    lp.map(() => []),
    y,
    { offset: lp },
  );
  return { estimate: fit.terms[0].coef, se: fit.terms[0].se };
}

/** Grouping rule of the Hosmer–Lemeshow test. */
export type HosmerLemeshowGrouping = 'equal-size' | 'quantile-cut';

/** One Hosmer–Lemeshow group. */
export interface HosmerLemeshowGroup {
  n: number;
  /** O_g = Σ y. */
  observedEvents: number;
  /** E_g = Σ p. */
  expectedEvents: number;
  meanP: number;
  minP: number;
  maxP: number;
  /** (O_g − E_g)² / (E_g (1 − E_g/n_g)); null when E_g = 0 or E_g = n_g. */
  contribution: number | null;
}

/** Result of {@link hosmerLemeshow}. */
export interface HosmerLemeshowResult {
  /** Σ_g contributions; null (undefined) when any group has E_g = 0 or E_g = n_g. */
  chi2: number | null;
  /** Degrees of freedom g − 2 with g the requested number of groups (kept even if fewer groups survive). */
  df: number;
  /** χ²_df survival of chi2, or null. */
  pValue: number | null;
  groups: HosmerLemeshowGroup[];
  /** Unique quantile breaks (quantile-cut grouping only). */
  breaks?: number[];
}

/**
 * Hosmer–Lemeshow goodness-of-fit test: HL = Σ_g (O_g − E_g)² / (E_g (1 − E_g/n_g)), p = P(χ²_{g−2} ≥ HL).
 * Grouping 'equal-size' (default): stable sort by p, then numpy.array_split into g contiguous groups (the first
 * n mod g groups have one extra member). Grouping 'quantile-cut' (R ResourceSelection::hoslem.test): breaks =
 * unique type-7 quantiles of p at 0, 1/g, …, 1; groups (b_i, b_{i+1}] with the first closed; empty groups dropped;
 * df stays g − 2. HL is undefined (chi2 = pValue = null) when a group has E_g = 0 or E_g = n_g.
 */
export function hosmerLemeshow(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  grouping: HosmerLemeshowGrouping = 'equal-size',
  nGroups = 10,
): HosmerLemeshowResult {
  validate('hosmerLemeshow', y, p);
  if (!Number.isInteger(nGroups) || nGroups < 3)
    throw new MessageError('stats.notInteger', {
      fn: 'hosmerLemeshow',
      what: 'nGroups',
      value: nGroups,
      range: '≥ 3',
    });
  const n = y.length;
  if (n < nGroups)
    throw new MessageError('stats.hosmerLemeshow.tooFew', { fn: 'hosmerLemeshow', n, groups: nGroups });
  const members: number[][] = [];
  let breaks: number[] | undefined;
  if (grouping === 'equal-size') {
    // Array.prototype.sort is stable: ties keep their data order (numpy mergesort).
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b]);
    const base = Math.floor(n / nGroups);
    const extra = n % nGroups;
    let start = 0;
    for (let g = 0; g < nGroups; g++) {
      const size = base + (g < extra ? 1 : 0);
      members.push(order.slice(start, start + size));
      start += size;
    }
  } else if (grouping === 'quantile-cut') {
    const sorted = Array.from(p).sort((a, b) => a - b);
    const qs = linspace01(nGroups + 1).map((q) => quantileType7(sorted, q, true));
    breaks = qs.filter((v, i) => i === 0 || v !== qs[i - 1]);
    const inner = breaks.slice(1, -1);
    const buckets: number[][] = Array.from({ length: breaks.length - 1 }, () => []);
    for (let i = 0; i < n; i++) buckets[searchsortedLeft(inner, p[i])].push(i);
    members.push(...buckets.filter((b) => b.length > 0));
  } else {
    throw new MessageError('stats.unknownOption', {
      fn: 'hosmerLemeshow',
      what: 'grouping',
      value: String(grouping),
      allowed: "'equal-size', 'quantile-cut'",
    });
  }
  let chi2: number | null = 0;
  const groups: HosmerLemeshowGroup[] = members.map((idx) => {
    let o = 0;
    let e = 0;
    let minP = Infinity;
    let maxP = -Infinity;
    for (const i of idx) {
      o += y[i];
      e += p[i];
      minP = Math.min(minP, p[i]);
      maxP = Math.max(maxP, p[i]);
    }
    const ng = idx.length;
    const contribution = e === 0 || e === ng ? null : ((o - e) * (o - e)) / (e * (1 - e / ng));
    if (contribution === null) chi2 = null;
    else if (chi2 !== null) chi2 += contribution;
    return { n: ng, observedEvents: o, expectedEvents: e, meanP: e / ng, minP, maxP, contribution };
  });
  const df = nGroups - 2;
  const finalChi2: number | null = chi2;
  const result: HosmerLemeshowResult = {
    chi2: finalChi2,
    df,
    pValue: finalChi2 === null ? null : chiSquareSf(finalChi2, df),
    groups,
  };
  if (breaks) result.breaks = breaks;
  return result;
}
