/**
 * DeLong, DeLong & Clarke-Pearson (1988) nonparametric variance of the AUC, its confidence interval, and
 * tests comparing two AUCs (paired: same cases; unpaired: pROC's Welch-type test).
 *
 * Notation: m positives X_1..X_m, n negatives Y_1..Y_n, ψ(a, b) = 1 if a > b, ½ if a = b, 0 otherwise.
 * - Placements: V10_i = (1/n) Σ_j ψ(X_i, Y_j) for each positive (data order), V01_j = (1/m) Σ_i ψ(X_i, Y_j)
 *   for each negative. AUC = mean(V10) = mean(V01).
 * - S10 = Σ_i (V10_i − AUC)² / (m − 1), S01 = Σ_j (V01_j − AUC)² / (n − 1) (sample variances, ddof = 1).
 * - Var(AUC) = S10/m + S01/n.
 * The placements are computed exactly from tie-group counts (2·count is an integer, divided once), the
 * result agrees with the midrank algorithm of Sun & Xu (2014) and with pROC `var(method = 'delong')`.
 */
import { normalQuantile, normalSf, studentTTwoSidedP } from './special';
import { scoreGroups, validateBinaryScores } from './roc';
import type { BinaryLabels, Scores } from './roc';
import { MessageError } from '../util/message';

/** Structural components of a DeLong computation for one score. */
export interface DelongPlacements {
  /** AUC (Mann–Whitney, ties ½). */
  auc: number;
  /** V10 placement of each positive, in data order. */
  v10: Float64Array;
  /** V01 placement of each negative, in data order. */
  v01: Float64Array;
  /** Number of positives m. */
  nPos: number;
  /** Number of negatives n. */
  nNeg: number;
}

/** DeLong variance and confidence interval of one AUC. */
export interface DelongResult extends DelongPlacements {
  /** S10 = sample variance (ddof 1) of the V10 placements. */
  s10: number;
  /** S01 = sample variance (ddof 1) of the V01 placements. */
  s01: number;
  /** Var(AUC) = S10/m + S01/n. */
  variance: number;
  /** Standard error √variance. */
  se: number;
  /** Confidence level used for the interval (e.g. 0.95). */
  confLevel: number;
  /** Two-sided normal quantile z = Φ⁻¹(1 − (1 − level)/2) (1.959963984540054 for 95 %). */
  z: number;
  /** Interval AUC ∓ z·se clipped to [0, 1] (as pROC `ci.auc(method = 'delong')`). */
  ci: [number, number];
  /** Interval AUC ∓ z·se before clipping. */
  ciUnclipped: [number, number];
}

/** Check a confidence level lies strictly between 0 and 1 and return its two-sided normal quantile. */
function zForLevel(fn: string, confLevel: number): number {
  if (!(confLevel > 0 && confLevel < 1)) {
    throw new MessageError('stats.outOfRange', { fn, what: 'confLevel', value: confLevel, range: '(0, 1)' });
  }
  return normalQuantile(1 - (1 - confLevel) / 2);
}

/**
 * DeLong placements of one score. For a positive in tie group g: V10 = (neg_below_g + ½·neg_g)/n; for a
 * negative: V01 = (pos_above_g + ½·pos_g)/m. AUC = Σ V10 · (1/m) computed from the exact integer sum.
 *
 * @param y - labels 0/1 (at least one case of each class).
 * @param scores - finite scores, higher = more likely positive.
 * @returns the placements and AUC.
 * @throws Error on invalid input.
 */
export function delongPlacements(y: BinaryLabels, scores: Scores): DelongPlacements {
  const { nPos, nNeg } = validateBinaryScores(y, scores, 'delongPlacements');
  const { order, groupOf, groupStart, nGroups } = scoreGroups(scores);
  const posIn = new Float64Array(nGroups);
  const negIn = new Float64Array(nGroups);
  for (let g = 0; g < nGroups; g++) {
    for (let p = groupStart[g]; p < groupStart[g + 1]; p++) {
      if (y[order[p]] === 1) posIn[g]++;
      else negIn[g]++;
    }
  }
  // twiceV10[g] = 2·neg_below + neg_g ; twiceV01[g] = 2·pos_above + pos_g (exact integers).
  const twiceV10 = new Float64Array(nGroups);
  const twiceV01 = new Float64Array(nGroups);
  let negBelow = 0;
  let posBelow = 0;
  for (let g = 0; g < nGroups; g++) {
    twiceV10[g] = 2 * negBelow + negIn[g];
    twiceV01[g] = 2 * (nPos - posBelow - posIn[g]) + posIn[g];
    negBelow += negIn[g];
    posBelow += posIn[g];
  }
  const v10 = new Float64Array(nPos);
  const v01 = new Float64Array(nNeg);
  let twiceSum = 0;
  let ip = 0;
  let ineg = 0;
  for (let i = 0; i < y.length; i++) {
    const g = groupOf[i];
    if (y[i] === 1) {
      v10[ip++] = twiceV10[g] / (2 * nNeg);
      twiceSum += twiceV10[g];
    } else {
      v01[ineg++] = twiceV01[g] / (2 * nPos);
    }
  }
  return { auc: twiceSum / (2 * nPos * nNeg), v10, v01, nPos, nNeg };
}

/** Sample covariance (ddof 1) of two equally long arrays about the given centre values. */
function sampleCov(a: Float64Array, ca: number, b: Float64Array, cb: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ca) * (b[i] - cb);
  return s / (a.length - 1);
}

/** Throw unless both classes have at least two cases (S10/S01 need ddof 1). */
function assertVarianceDefined(nPos: number, nNeg: number, context: string): void {
  if (nPos < 2 || nNeg < 2) {
    throw new MessageError('stats.needBothClasses', { fn: context, nPos, nNeg, min: 2 });
  }
}

/**
 * AUC with DeLong variance and confidence interval (see the module comment for the formulas).
 * CI = AUC ∓ z·√Var with z = Φ⁻¹(1 − (1 − level)/2), clipped to [0, 1]; with zero variance (perfect
 * separation, all scores tied) it collapses to the point AUC.
 *
 * @param y - labels 0/1 (at least 2 of each class).
 * @param scores - finite scores.
 * @param confLevel - confidence level (default 0.95).
 * @returns placements, S10, S01, variance, SE and CI.
 * @throws Error on invalid input, fewer than 2 cases in a class, or a level outside (0, 1).
 */
export function delongAuc(y: BinaryLabels, scores: Scores, confLevel = 0.95): DelongResult {
  const z = zForLevel('delongAuc', confLevel);
  const pl = delongPlacements(y, scores);
  assertVarianceDefined(pl.nPos, pl.nNeg, 'delongAuc');
  const s10 = sampleCov(pl.v10, pl.auc, pl.v10, pl.auc);
  const s01 = sampleCov(pl.v01, pl.auc, pl.v01, pl.auc);
  const variance = s10 / pl.nPos + s01 / pl.nNeg;
  const se = Math.sqrt(variance);
  const lo = pl.auc - z * se;
  const hi = pl.auc + z * se;
  return {
    ...pl,
    s10,
    s01,
    variance,
    se,
    confLevel,
    z,
    ci: [Math.max(0, lo), Math.min(1, hi)],
    ciUnclipped: [lo, hi],
  };
}

/** Paired DeLong comparison of two AUCs measured on the same cases. */
export interface DelongPairedResult {
  /** AUC of score 1. */
  auc1: number;
  /** AUC of score 2. */
  auc2: number;
  /** 2×2 matrix S10 = sample covariance (ddof 1) of (V10 of score 1, V10 of score 2) over positives. */
  s10: [[number, number], [number, number]];
  /** 2×2 matrix S01, likewise over negatives. */
  s01: [[number, number], [number, number]];
  /** Var(AUC1) = S[0][0] with S = S10/m + S01/n. */
  varAuc1: number;
  /** Var(AUC2) = S[1][1]. */
  varAuc2: number;
  /** Cov(AUC1, AUC2) = S[0][1]. */
  covariance: number;
  /** Correlation of the two AUC estimates, S01/√(S00·S11) (null if a variance is 0). */
  correlation: number | null;
  /** AUC1 − AUC2. */
  difference: number;
  /** Var(AUC1 − AUC2) = S00 + S11 − 2·S01. */
  varDifference: number;
  /** √varDifference. */
  se: number;
  /** z = difference / se (0 when both are 0, as pROC). */
  z: number;
  /** Two-sided p = 2·(1 − Φ(|z|)), computed as 2·Φ(−|z|) for accuracy in the tail. */
  p: number;
  /** Confidence level of the interval. */
  confLevel: number;
  /** Interval difference ∓ z_crit·se (not clipped). */
  ci: [number, number];
}

/**
 * Paired DeLong test (DeLong et al. 1988; pROC `roc.test(method = 'delong', paired = TRUE)`) of
 * H0: AUC1 = AUC2 for two scores on the same cases, with the covariance matrix
 * S = S10/m + S01/n of (AUC1, AUC2), where S10[r][s] = Σ_i (V10_ri − AUC_r)(V10_si − AUC_s)/(m − 1)
 * over positives and S01 likewise over negatives. z = (AUC1 − AUC2)/√(S00 + S11 − 2·S01).
 *
 * @param y - labels 0/1 (at least 2 of each class).
 * @param scores1 - first score.
 * @param scores2 - second score (same cases, same order).
 * @param confLevel - level of the CI of the difference (default 0.95).
 * @returns AUCs, covariance, difference, SE, z, p and CI.
 * @throws Error on invalid input or mismatched lengths.
 */
export function delongPaired(
  y: BinaryLabels,
  scores1: Scores,
  scores2: Scores,
  confLevel = 0.95,
): DelongPairedResult {
  const zCrit = zForLevel('delongPaired', confLevel);
  if (scores1.length !== scores2.length) {
    throw new MessageError('stats.lengthMismatch', {
      fn: 'delongPaired',
      what: 'scores1, scores2',
      a: scores1.length,
      b: scores2.length,
    });
  }
  const a = delongPlacements(y, scores1);
  const b = delongPlacements(y, scores2);
  assertVarianceDefined(a.nPos, a.nNeg, 'delongPaired');
  const m = a.nPos;
  const n = a.nNeg;
  const s10: [[number, number], [number, number]] = [
    [sampleCov(a.v10, a.auc, a.v10, a.auc), sampleCov(a.v10, a.auc, b.v10, b.auc)],
    [sampleCov(b.v10, b.auc, a.v10, a.auc), sampleCov(b.v10, b.auc, b.v10, b.auc)],
  ];
  const s01: [[number, number], [number, number]] = [
    [sampleCov(a.v01, a.auc, a.v01, a.auc), sampleCov(a.v01, a.auc, b.v01, b.auc)],
    [sampleCov(b.v01, b.auc, a.v01, a.auc), sampleCov(b.v01, b.auc, b.v01, b.auc)],
  ];
  const varAuc1 = s10[0][0] / m + s01[0][0] / n;
  const varAuc2 = s10[1][1] / m + s01[1][1] / n;
  const covariance = s10[0][1] / m + s01[0][1] / n;
  const difference = a.auc - b.auc;
  const varDifference = Math.max(0, varAuc1 + varAuc2 - 2 * covariance);
  const se = Math.sqrt(varDifference);
  const z = se === 0 ? (difference === 0 ? 0 : difference > 0 ? Infinity : -Infinity) : difference / se;
  const p = 2 * normalSf(Math.abs(z));
  const denom = Math.sqrt(varAuc1 * varAuc2);
  return {
    auc1: a.auc,
    auc2: b.auc,
    s10,
    s01,
    varAuc1,
    varAuc2,
    covariance,
    correlation: denom > 0 ? covariance / denom : null,
    difference,
    varDifference,
    se,
    z,
    p,
    confLevel,
    ci: [difference - zCrit * se, difference + zCrit * se],
  };
}

/** Unpaired (independent samples) DeLong comparison, as pROC `roc.test(paired = FALSE)`. */
export interface DelongUnpairedResult {
  /** AUC of sample 1. */
  auc1: number;
  /** AUC of sample 2. */
  auc2: number;
  /** DeLong variance of AUC1. */
  var1: number;
  /** DeLong variance of AUC2. */
  var2: number;
  /** AUC1 − AUC2. */
  difference: number;
  /** D = (AUC1 − AUC2)/√(Var1 + Var2). */
  d: number;
  /** Welch–Satterthwaite-type df = (Var1 + Var2)² / (Var1²/(N1 − 1) + Var2²/(N2 − 1)), N = total cases. */
  df: number;
  /** Two-sided p = 2·P(T_df ≥ |D|) (Student t). */
  p: number;
}

/**
 * Unpaired DeLong test of two AUCs from independent samples, following pROC's `delong.unpaired.test`:
 * D = (AUC1 − AUC2)/√(V1 + V2) with DeLong variances V1, V2, referred to a Student t distribution with
 * df = (V1 + V2)² / (V1²/(N1 − 1) + V2²/(N2 − 1)) where N1, N2 are the total case counts of each sample.
 *
 * @param y1 - labels of sample 1.
 * @param scores1 - scores of sample 1.
 * @param y2 - labels of sample 2.
 * @param scores2 - scores of sample 2.
 * @returns D, df and the two-sided p-value.
 * @throws Error on invalid input or when both variances are 0 (the test is undefined).
 */
export function delongUnpaired(
  y1: BinaryLabels,
  scores1: Scores,
  y2: BinaryLabels,
  scores2: Scores,
): DelongUnpairedResult {
  const r1 = delongAuc(y1, scores1);
  const r2 = delongAuc(y2, scores2);
  const v = r1.variance + r2.variance;
  if (!(v > 0)) throw new MessageError('stats.delong.zeroVariance', { fn: 'delongUnpaired' });
  const n1 = y1.length;
  const n2 = y2.length;
  const difference = r1.auc - r2.auc;
  const d = difference / Math.sqrt(v);
  const df = (v * v) / ((r1.variance * r1.variance) / (n1 - 1) + (r2.variance * r2.variance) / (n2 - 1));
  return {
    auc1: r1.auc,
    auc2: r2.auc,
    var1: r1.variance,
    var2: r2.variance,
    difference,
    d,
    df,
    p: studentTTwoSidedP(d, df),
  };
}
