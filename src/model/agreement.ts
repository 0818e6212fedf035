/**
 * Agreement between readers: segmentation overlap (Dice, Jaccard) and intraclass correlation
 * (Shrout & Fleiss 1979 / McGraw & Wong 1996 via a two-way ANOVA, with pingouin's F tests and CIs).
 */
import { fQuantile, fSf } from './special';
import { MessageError } from '../util/message';

// ---------------------------------------------------------------------------------------------------------------
// Dice / Jaccard

/** Overlap of two binary masks. */
export interface OverlapResult {
  /** |A| = number of foreground pixels of mask A. */
  areaA: number;
  areaB: number;
  /** |A ∩ B|. */
  intersection: number;
  /** |A ∪ B|. */
  union: number;
  /** Dice = 2|A ∩ B| / (|A| + |B|); 1 by convention when both masks are empty. */
  dice: number;
  /** Jaccard = |A ∩ B| / |A ∪ B| = D/(2 − D); 1 by convention when both masks are empty. */
  jaccard: number;
  /** True when both masks are empty (Dice/Jaccard are then set by convention, not measured). */
  bothEmpty: boolean;
}

/**
 * Dice and Jaccard overlap of two equally sized binary masks (any non-zero value is foreground).
 *
 * Convention for two EMPTY masks (0/0, undefined mathematically): Dice = Jaccard = 1 — both readers agree that
 * there is no lesion, which is perfect agreement; `bothEmpty` is set so callers can report or exclude such
 * pairs explicitly. One empty and one non-empty mask gives 0.
 */
export function maskOverlap(a: ArrayLike<number>, b: ArrayLike<number>): OverlapResult {
  if (a.length !== b.length)
    throw new MessageError('stats.lengthMismatch', {
      fn: 'maskOverlap',
      what: 'a, b',
      a: a.length,
      b: b.length,
    });
  let areaA = 0;
  let areaB = 0;
  let intersection = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i]))
      throw new MessageError('stats.isNaN', { fn: 'maskOverlap', what: `a[${i}], b[${i}]` });
    const fa = a[i] !== 0;
    const fb = b[i] !== 0;
    if (fa) areaA++;
    if (fb) areaB++;
    if (fa && fb) intersection++;
  }
  const union = areaA + areaB - intersection;
  const bothEmpty = union === 0;
  return {
    areaA,
    areaB,
    intersection,
    union,
    dice: bothEmpty ? 1 : (2 * intersection) / (areaA + areaB),
    jaccard: bothEmpty ? 1 : intersection / union,
    bothEmpty,
  };
}

/** Flattens a row-major 2-D mask (number[][]) to a 1-D array, checking that rows have equal length. */
export function flattenMask(mask: readonly ArrayLike<number>[]): Uint8Array {
  const h = mask.length;
  const w = h > 0 ? mask[0].length : 0;
  const out = new Uint8Array(h * w);
  mask.forEach((row, r) => {
    if (row.length !== w)
      throw new MessageError('stats.rowLength', {
        fn: 'flattenMask',
        what: 'mask',
        i: r,
        n: row.length,
        expected: w,
      });
    for (let c = 0; c < w; c++) out[r * w + c] = row[c] !== 0 ? 1 : 0;
  });
  return out;
}

/** Decodes runs of 1s given as [start, length] pairs over a row-major flattened mask of `size` pixels. */
export function decodeRle(
  runs: readonly (readonly [number, number] | readonly number[])[],
  size: number,
): Uint8Array {
  if (!Number.isInteger(size) || size < 0)
    throw new MessageError('stats.notInteger', { fn: 'decodeRle', what: 'size', value: size, range: '≥ 0' });
  const out = new Uint8Array(size);
  runs.forEach((run, k) => {
    const [start, length] = run;
    if (
      run.length !== 2 ||
      !Number.isInteger(start) ||
      !Number.isInteger(length) ||
      start < 0 ||
      length < 0
    ) {
      throw new MessageError('stats.rle.badRun', { fn: 'decodeRle', run: k });
    }
    if (start + length > size)
      throw new MessageError('stats.rle.overrun', { fn: 'decodeRle', run: k, end: start + length, size });
    out.fill(1, start, start + length);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Intraclass correlation

/** Two-way ANOVA decomposition of an n × k ratings matrix (subjects × raters). */
export interface IccAnova {
  nSubjects: number;
  kRaters: number;
  grandMean: number;
  /** SST = Σ (x − x̄)². */
  ssTotal: number;
  /** SSR = k Σ_i (row mean_i − x̄)². */
  ssRows: number;
  /** SSC = n Σ_j (column mean_j − x̄)². */
  ssCols: number;
  /** SSE = SST − SSR − SSC. */
  ssError: number;
  /** SSW = SST − SSR. */
  ssWithin: number;
  /** MSR = SSR/(n − 1). */
  msRows: number;
  /** MSC = SSC/(k − 1). */
  msCols: number;
  /** MSE = SSE/((n − 1)(k − 1)). */
  msError: number;
  /** MSW = SSW/(n(k − 1)). */
  msWithin: number;
}

/** One ICC form with its F test and 95 % CI. */
export interface IccEstimate {
  icc: number;
  /** F statistic: MSR/MSW for ICC1 forms, MSR/MSE for ICC2/ICC3 forms. */
  F: number;
  df1: number;
  df2: number;
  /** Upper-tail p-value of F. */
  p: number;
  /** 95 % confidence interval (pingouin / R psych::ICC formulas). */
  ci95: [number, number];
}

/** All six Shrout–Fleiss forms. Naming: ICC2 = McGraw–Wong ICC(A,1), ICC3 = ICC(C,1). */
export interface IccResult {
  anova: IccAnova;
  'ICC(1,1)': IccEstimate;
  'ICC(2,1)': IccEstimate & { /** Satterthwaite df used by the ICC(2,·) CI. */ ciSatterthwaiteV: number };
  'ICC(3,1)': IccEstimate;
  'ICC(1,k)': IccEstimate;
  'ICC(2,k)': IccEstimate;
  'ICC(3,k)': IccEstimate;
}

/** Sums of squares and mean squares of the balanced two-way layout (formulas on {@link IccAnova}). */
export function iccAnova(ratings: readonly ArrayLike<number>[]): IccAnova {
  const n = ratings.length;
  if (n < 2) throw new MessageError('stats.tooFewRows', { fn: 'iccAnova', what: 'ratings', n, min: 2 });
  const k = ratings[0].length;
  if (k < 2) throw new MessageError('stats.tooFewColumns', { fn: 'iccAnova', what: 'ratings', n: k, min: 2 });
  ratings.forEach((row, i) => {
    if (row.length !== k)
      throw new MessageError('stats.rowLength', {
        fn: 'iccAnova',
        what: 'ratings',
        i,
        n: row.length,
        expected: k,
      });
    for (let j = 0; j < k; j++) {
      if (!Number.isFinite(row[j]))
        throw new MessageError('stats.notFinite', {
          fn: 'iccAnova',
          what: `ratings[${i}][${j}]`,
          value: row[j],
        });
    }
  });
  let total = 0;
  for (const row of ratings) for (let j = 0; j < k; j++) total += row[j];
  const grand = total / (n * k);
  const rowMeans = ratings.map((row) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += row[j];
    return s / k;
  });
  const colMeans = Array.from({ length: k }, (_, j) => ratings.reduce((s, row) => s + row[j], 0) / n);
  let ssTotal = 0;
  for (const row of ratings) for (let j = 0; j < k; j++) ssTotal += (row[j] - grand) ** 2;
  const ssRows = k * rowMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const ssCols = n * colMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const ssError = ssTotal - ssRows - ssCols;
  const ssWithin = ssTotal - ssRows;
  return {
    nSubjects: n,
    kRaters: k,
    grandMean: grand,
    ssTotal,
    ssRows,
    ssCols,
    ssError,
    ssWithin,
    msRows: ssRows / (n - 1),
    msCols: ssCols / (k - 1),
    msError: ssError / ((n - 1) * (k - 1)),
    msWithin: ssWithin / (n * (k - 1)),
  };
}

/**
 * Intraclass correlations of an n × k ratings matrix (rows = subjects, columns = raters; balanced, complete):
 * - ICC(1,1) = (MSR − MSW)/(MSR + (k−1)MSW); ICC(1,k) = (MSR − MSW)/MSR; F = MSR/MSW, df (n−1, n(k−1)).
 * - ICC(2,1) = (MSR − MSE)/(MSR + (k−1)MSE + k(MSC − MSE)/n); ICC(2,k) = (MSR − MSE)/(MSR + (MSC − MSE)/n).
 * - ICC(3,1) = (MSR − MSE)/(MSR + (k−1)MSE); ICC(3,k) = (MSR − MSE)/MSR; ICC2/3: F = MSR/MSE, df (n−1, (n−1)(k−1)).
 * 95 % CIs (pingouin): ICC1/ICC3 with F_L = F/F_{.975}(df1, df2), F_U = F·F_{.975}(df2, df1):
 * single ((F_L−1)/(F_L+k−1), (F_U−1)/(F_U+k−1)), average (1 − 1/F_L, 1 − 1/F_U). ICC2 uses Satterthwaite
 * v = (n−1)(k−1)(kρF_j + n(1+(k−1)ρ) − kρ)² / ((n−1)k²ρ²F_j² + (n(1+(k−1)ρ) − kρ)²), F_j = MSC/MSE, ρ = ICC(2,1),
 * F* = F_{.975}(n−1, v), F** = F_{.975}(v, n−1), L = n(MSR − F*MSE)/(F*(k·MSC + (kn−k−n)MSE) + n·MSR),
 * U = n(F**MSR − MSE)/(k·MSC + (kn−k−n)MSE + n·F**MSR); average form L·k/(1 + L(k−1)), likewise U.
 */
export function intraclassCorrelation(ratings: readonly ArrayLike<number>[]): IccResult {
  const a = iccAnova(ratings);
  const n = a.nSubjects;
  const k = a.kRaters;
  const { msRows: msr, msCols: msc, msError: mse, msWithin: msw } = a;
  if (!(mse > 0) || !(msw > 0)) {
    throw new MessageError('stats.icc.noResidual', { fn: 'intraclassCorrelation' });
  }
  const q = 0.975;

  // One-way random (ICC1).
  const f1 = msr / msw;
  const d1a = n - 1;
  const d1b = n * (k - 1);
  const p1 = fSf(f1, d1a, d1b);
  const f1l = f1 / fQuantile(q, d1a, d1b);
  const f1u = f1 * fQuantile(q, d1b, d1a);
  const icc1 = (msr - msw) / (msr + (k - 1) * msw);
  const icc1k = (msr - msw) / msr;

  // Two-way (ICC2, ICC3): F = MSR/MSE.
  const f3 = msr / mse;
  const d3a = n - 1;
  const d3b = (n - 1) * (k - 1);
  const p3 = fSf(f3, d3a, d3b);
  const f3l = f3 / fQuantile(q, d3a, d3b);
  const f3u = f3 * fQuantile(q, d3b, d3a);
  const icc3 = (msr - mse) / (msr + (k - 1) * mse);
  const icc3k = (msr - mse) / msr;

  const icc2 = (msr - mse) / (msr + (k - 1) * mse + (k * (msc - mse)) / n);
  const icc2k = (msr - mse) / (msr + (msc - mse) / n);
  const fj = msc / mse;
  const base = n * (1 + (k - 1) * icc2) - k * icc2;
  const vn = (k - 1) * (n - 1) * (k * icc2 * fj + base) ** 2;
  const vd = (n - 1) * k * k * icc2 * icc2 * fj * fj + base * base;
  const v = vn / vd;
  const fStar = fQuantile(q, n - 1, v);
  const fStar2 = fQuantile(q, v, n - 1);
  const kk = k * n - k - n;
  const l2 = (n * (msr - fStar * mse)) / (fStar * (k * msc + kk * mse) + n * msr);
  const u2 = (n * (fStar2 * msr - mse)) / (k * msc + kk * mse + n * fStar2 * msr);

  const est = (
    icc: number,
    f: number,
    df1: number,
    df2: number,
    p: number,
    ci: [number, number],
  ): IccEstimate => ({
    icc,
    F: f,
    df1,
    df2,
    p,
    ci95: ci,
  });
  return {
    anova: a,
    'ICC(1,1)': est(icc1, f1, d1a, d1b, p1, [(f1l - 1) / (f1l + k - 1), (f1u - 1) / (f1u + k - 1)]),
    'ICC(2,1)': { ...est(icc2, f3, d3a, d3b, p3, [l2, u2]), ciSatterthwaiteV: v },
    'ICC(3,1)': est(icc3, f3, d3a, d3b, p3, [(f3l - 1) / (f3l + k - 1), (f3u - 1) / (f3u + k - 1)]),
    'ICC(1,k)': est(icc1k, f1, d1a, d1b, p1, [1 - 1 / f1l, 1 - 1 / f1u]),
    'ICC(2,k)': est(icc2k, f3, d3a, d3b, p3, [(l2 * k) / (1 + l2 * (k - 1)), (u2 * k) / (1 + u2 * (k - 1))]),
    'ICC(3,k)': est(icc3k, f3, d3a, d3b, p3, [1 - 1 / f3l, 1 - 1 / f3u]),
  };
}
