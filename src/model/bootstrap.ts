/**
 * Stratified percentile bootstrap of the AUC (as pROC `ci.auc(method = 'bootstrap', boot.stratified = TRUE)`)
 * and the numpy 'linear' (R type 7) quantile used for the percentile interval.
 */
import { createRng } from './random';
import type { Rng } from './random';
import { scoreGroups, validateBinaryScores } from './roc';
import type { BinaryLabels, Scores } from './roc';
import { MessageError } from '../util/message';

/**
 * Quantile of `values` by numpy's default method 'linear' (Hyndman & Fan / R type 7): on the sorted
 * values a, h = (N − 1)·q, lo = ⌊h⌋, γ = h − lo and the result is the interpolation between a[lo] and
 * a[lo + 1] evaluated as numpy's `_lerp`: a[lo] + γ·(a[lo+1] − a[lo]) for γ < ½, and
 * a[lo+1] − (1 − γ)·(a[lo+1] − a[lo]) for γ ≥ ½ (bit-identical to `numpy.quantile`).
 *
 * @param values - finite numbers (not modified; a sorted copy is made unless `sorted` is true).
 * @param q - probability in [0, 1].
 * @param sorted - set true if `values` is already sorted ascending (skips the copy and sort).
 * @returns the quantile.
 * @throws Error on an empty array, non-finite values or q outside [0, 1].
 */
export function quantileType7(values: ArrayLike<number>, q: number, sorted = false): number {
  if (values.length === 0)
    throw new MessageError('stats.tooFewValues', { fn: 'quantileType7', what: 'values', n: 0, min: 1 });
  if (!(q >= 0 && q <= 1))
    throw new MessageError('stats.outOfRange', { fn: 'quantileType7', what: 'q', value: q, range: '[0, 1]' });
  let a: ArrayLike<number> = values;
  if (!sorted) {
    const copy = Float64Array.from(values);
    for (let i = 0; i < copy.length; i++) {
      if (!Number.isFinite(copy[i]))
        throw new MessageError('stats.notFinite', {
          fn: 'quantileType7',
          what: `values[${i}]`,
          value: copy[i],
        });
    }
    copy.sort();
    a = copy;
  }
  const h = (a.length - 1) * q;
  const lo = Math.floor(h);
  if (lo >= a.length - 1) return a[a.length - 1];
  const g = h - lo;
  const x0 = a[lo];
  const x1 = a[lo + 1];
  const diff = x1 - x0;
  return g >= 0.5 ? x1 - diff * (1 - g) : x0 + diff * g;
}

/** Median (the type-7 quantile at 0.5: the mean of the middle two values of an even count). */
export function median(values: ArrayLike<number>): number {
  return quantileType7(values, 0.5);
}

/**
 * Percentile as `numpy.percentile(values, p)` (method 'linear'): the type-7 quantile at q = p/100.
 *
 * @param values - finite numbers.
 * @param p - percentage in [0, 100].
 * @returns the percentile.
 * @throws Error as {@link quantileType7}.
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  return quantileType7(values, p / 100);
}

/** Options of {@link bootstrapAucCi}. */
export interface BootstrapOptions {
  /** Number of resamples B (default 2000). */
  nBoot?: number;
  /** Seed of the xoshiro128** generator (default 12345); ignored when `rng` is given. */
  seed?: number;
  /** Confidence level of the percentile interval (default 0.95). */
  confLevel?: number;
  /** Generator to draw from (overrides `seed`). */
  rng?: Rng;
}

/** Result of a stratified bootstrap of the AUC. */
export interface BootstrapAucResult {
  /** AUC of the original sample. */
  auc: number;
  /** AUC of each resample, in draw order. */
  aucs: Float64Array;
  /** Percentile interval of `aucs` at percents 50 ∓ 50·level (2.5 and 97.5 for 95 %), type 7. */
  ci: [number, number];
  /** Mean of the resample AUCs. */
  mean: number;
  /** Sample SD (ddof 1) of the resample AUCs (0 when B = 1). */
  sd: number;
  /** Number of resamples. */
  nBoot: number;
  /** Confidence level. */
  confLevel: number;
  /** Seed used (null when an external generator was supplied). */
  seed: number | null;
}

/**
 * Stratified percentile bootstrap of the AUC. Each resample draws m positives with replacement from
 * the positives, then n negatives from the negatives (same generator, uniform indices via
 * `rng.nextInt`), keeping the class sizes fixed, and computes the Mann–Whitney AUC (ties ½).
 * The CI is the type-7 percentile interval of the B resample AUCs.
 *
 * Speed: the cases are sorted once into tie groups; a resample only counts how often each group is
 * drawn per class and sweeps the groups once: 2·Σψ = Σ_g pos_g·(2·neg_below_g + neg_g), an exact integer.
 * Cost O(B·(N + G)) with typed arrays (B = 2000, N = 2000 runs in well under a second).
 *
 * @param y - labels 0/1 (both classes required).
 * @param scores - finite scores.
 * @param options - see {@link BootstrapOptions}.
 * @returns the resample AUCs and the interval.
 * @throws Error on invalid input, nBoot < 1 or a level outside (0, 1).
 */
export function bootstrapAucCi(
  y: BinaryLabels,
  scores: Scores,
  options: BootstrapOptions = {},
): BootstrapAucResult {
  const nBoot = options.nBoot ?? 2000;
  const confLevel = options.confLevel ?? 0.95;
  const seed = options.rng ? null : (options.seed ?? 12345);
  if (!Number.isInteger(nBoot) || nBoot < 1)
    throw new MessageError('stats.notInteger', {
      fn: 'bootstrapAucCi',
      what: 'nBoot',
      value: nBoot,
      range: '≥ 1',
    });
  if (!(confLevel > 0 && confLevel < 1)) {
    throw new MessageError('stats.outOfRange', {
      fn: 'bootstrapAucCi',
      what: 'confLevel',
      value: confLevel,
      range: '(0, 1)',
    });
  }
  const { nPos, nNeg } = validateBinaryScores(y, scores, 'bootstrapAucCi');
  const rng = options.rng ?? createRng(seed as number);
  const { groupOf, nGroups } = scoreGroups(scores);
  const posGroup = new Int32Array(nPos);
  const negGroup = new Int32Array(nNeg);
  for (let i = 0, ip = 0, ineg = 0; i < y.length; i++) {
    if (y[i] === 1) posGroup[ip++] = groupOf[i];
    else negGroup[ineg++] = groupOf[i];
  }
  const posCount = new Float64Array(nGroups);
  const negCount = new Float64Array(nGroups);
  const denom = 2 * nPos * nNeg;

  /** AUC from per-group counts of positives and negatives. */
  const aucFromCounts = (): number => {
    let twiceSum = 0;
    let negBelow = 0;
    for (let g = 0; g < nGroups; g++) {
      const pc = posCount[g];
      const nc = negCount[g];
      if (pc !== 0) twiceSum += pc * (2 * negBelow + nc);
      negBelow += nc;
    }
    return twiceSum / denom;
  };

  for (let i = 0; i < nPos; i++) posCount[posGroup[i]]++;
  for (let j = 0; j < nNeg; j++) negCount[negGroup[j]]++;
  const auc = aucFromCounts();

  const aucs = new Float64Array(nBoot);
  for (let b = 0; b < nBoot; b++) {
    posCount.fill(0);
    negCount.fill(0);
    for (let i = 0; i < nPos; i++) posCount[posGroup[rng.nextInt(nPos)]]++;
    for (let j = 0; j < nNeg; j++) negCount[negGroup[rng.nextInt(nNeg)]]++;
    aucs[b] = aucFromCounts();
  }

  const sortedAucs = Float64Array.from(aucs).sort();
  // Percent points 50 ∓ 50·level (2.5 and 97.5 exactly for 95 %), divided by 100 as numpy.percentile does.
  const halfWidth = 50 * confLevel;
  let sum = 0;
  for (let b = 0; b < nBoot; b++) sum += aucs[b];
  const mean = sum / nBoot;
  let ss = 0;
  for (let b = 0; b < nBoot; b++) ss += (aucs[b] - mean) * (aucs[b] - mean);
  return {
    auc,
    aucs,
    ci: [
      quantileType7(sortedAucs, (50 - halfWidth) / 100, true),
      quantileType7(sortedAucs, (50 + halfWidth) / 100, true),
    ],
    mean,
    sd: nBoot > 1 ? Math.sqrt(ss / (nBoot - 1)) : 0,
    nBoot,
    confLevel,
    seed,
  };
}
