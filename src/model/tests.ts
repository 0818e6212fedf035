/**
 * Classical two-group hypothesis tests for the baseline table (re-implementing the semantics of
 * `scipy.stats.ttest_ind`, `chi2_contingency`, `fisher_exact` and `mannwhitneyu`, scipy 1.17).
 * All p-values are two-sided unless stated otherwise.
 */
import { chiSquareSf, logGamma, normalSf, studentTTwoSidedP } from './special';
import { MessageError } from '../util/message';

/** Result of a two-sample t-test. */
export interface TTestResult {
  /** t statistic, sign = mean(x) − mean(y). */
  t: number;
  /** Degrees of freedom (n₁ + n₂ − 2 for Student, Welch–Satterthwaite for Welch). */
  df: number;
  /** Two-sided p-value 2·P(T_df ≥ |t|). */
  p: number;
  meanX: number;
  meanY: number;
  /** Sample standard deviations (ddof = 1). */
  sdX: number;
  sdY: number;
}

/** Throws unless `v` (argument `what` of `fn`) has at least `minLength` finite values. */
function assertSample(fn: string, what: string, v: ArrayLike<number>, minLength: number): void {
  if (v.length < minLength)
    throw new MessageError('stats.tooFewValues', { fn, what, n: v.length, min: minLength });
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i]))
      throw new MessageError('stats.notFinite', { fn, what: `${what}[${i}]`, value: v[i] });
  }
}

/** Arithmetic mean Σx/n. */
export function mean(v: ArrayLike<number>): number {
  if (v.length === 0) throw new MessageError('stats.tooFewValues', { fn: 'mean', what: 'v', n: 0, min: 1 });
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/** Variance with `ddof` (two-pass: Σ(x − x̄)²/(n − ddof)). */
export function variance(v: ArrayLike<number>, ddof = 1): number {
  if (v.length - ddof <= 0)
    throw new MessageError('stats.tooFewValues', { fn: 'variance', what: 'v', n: v.length, min: ddof + 1 });
  const m = mean(v);
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) * (v[i] - m);
  return s / (v.length - ddof);
}

/**
 * Independent two-sample t-test (scipy `ttest_ind`).
 * Student (equalVar = true): s_p² = ((n₁−1)s₁² + (n₂−1)s₂²)/(n₁+n₂−2), t = (x̄ − ȳ)/√(s_p²(1/n₁ + 1/n₂)),
 * df = n₁ + n₂ − 2. Welch (equalVar = false): t = (x̄ − ȳ)/√(s₁²/n₁ + s₂²/n₂),
 * df = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1)). p = 2·P(T_df > |t|).
 * Throws when both groups have zero variance (t undefined).
 */
export function tTestIndependent(x: ArrayLike<number>, y: ArrayLike<number>, equalVar: boolean): TTestResult {
  assertSample('tTestIndependent', 'x', x, 2);
  assertSample('tTestIndependent', 'y', y, 2);
  const n1 = x.length;
  const n2 = y.length;
  const m1 = mean(x);
  const m2 = mean(y);
  const v1 = variance(x, 1);
  const v2 = variance(y, 1);
  let se: number;
  let df: number;
  if (equalVar) {
    df = n1 + n2 - 2;
    const sp2 = ((n1 - 1) * v1 + (n2 - 1) * v2) / df;
    se = Math.sqrt(sp2 * (1 / n1 + 1 / n2));
  } else {
    const a = v1 / n1;
    const b = v2 / n2;
    se = Math.sqrt(a + b);
    df = ((a + b) * (a + b)) / ((a * a) / (n1 - 1) + (b * b) / (n2 - 1));
  }
  if (!(se > 0)) throw new MessageError('stats.ttest.zeroVariance', { fn: 'tTestIndependent' });
  const t = (m1 - m2) / se;
  return { t, df, p: studentTTwoSidedP(t, df), meanX: m1, meanY: m2, sdX: Math.sqrt(v1), sdY: Math.sqrt(v2) };
}

/** Student's pooled-variance t-test (see {@link tTestIndependent}). */
export function studentTTest(x: ArrayLike<number>, y: ArrayLike<number>): TTestResult {
  return tTestIndependent(x, y, true);
}

/** Welch's unequal-variance t-test (see {@link tTestIndependent}). */
export function welchTTest(x: ArrayLike<number>, y: ArrayLike<number>): TTestResult {
  return tTestIndependent(x, y, false);
}

/** Result of a χ² test of independence. */
export interface ChiSquareResult {
  chi2: number;
  /** Upper-tail p-value P(χ²_dof ≥ chi2). */
  p: number;
  /** (r − 1)(c − 1). */
  dof: number;
  /** Expected counts E_ij = row_i · col_j / N. */
  expected: number[][];
  /** Whether the Yates correction was actually applied (only 2 × 2, i.e. dof = 1). */
  yatesApplied: boolean;
}

/** Throws unless `table` is a rectangular r × c (r, c ≥ 2) table of non-negative counts. */
function assertTable(name: string, table: readonly (readonly number[])[]): void {
  if (table.length < 2)
    throw new MessageError('stats.tooFewRows', { fn: name, what: 'table', n: table.length, min: 2 });
  const c = table[0].length;
  if (c < 2) throw new MessageError('stats.tooFewColumns', { fn: name, what: 'table', n: c, min: 2 });
  table.forEach((row, i) => {
    if (row.length !== c)
      throw new MessageError('stats.rowLength', { fn: name, what: 'table', i, n: row.length, expected: c });
    row.forEach((v, j) => {
      if (!(Number.isFinite(v) && v >= 0)) {
        throw new MessageError('stats.outOfRange', {
          fn: name,
          what: `table[${i}][${j}]`,
          value: v,
          range: '[0, ∞)',
        });
      }
    });
  });
}

/**
 * Pearson χ² test of independence on an r × c table (scipy `chi2_contingency`).
 * χ² = Σ (O − E)²/E with E_ij = R_i C_j / N. With `correction` and dof = 1 (2 × 2) the Yates correction moves each
 * O towards E by min(½, |O − E|) (never past E), so the corrected χ² can be exactly 0. p = χ²_dof survival.
 * Throws if any expected count is 0 (an empty row or column).
 */
export function chiSquareContingency(
  table: readonly (readonly number[])[],
  correction = true,
): ChiSquareResult {
  assertTable('chiSquareContingency', table);
  const r = table.length;
  const c = table[0].length;
  const rows = table.map((row) => row.reduce((s, v) => s + v, 0));
  const cols = Array.from({ length: c }, (_, j) => table.reduce((s, row) => s + row[j], 0));
  const total = rows.reduce((s, v) => s + v, 0);
  const expected = rows.map((ri) => cols.map((cj) => (ri * cj) / total));
  expected.forEach((row, i) =>
    row.forEach((e, j) => {
      if (!(e > 0))
        throw new MessageError('stats.chiSquare.zeroExpected', { fn: 'chiSquareContingency', i, j });
    }),
  );
  const dof = (r - 1) * (c - 1);
  const yatesApplied = correction && dof === 1;
  let chi2 = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let o = table[i][j];
      const e = expected[i][j];
      if (yatesApplied) {
        const diff = e - o;
        o += Math.sign(diff) * Math.min(0.5, Math.abs(diff));
      }
      chi2 += ((o - e) * (o - e)) / e;
    }
  }
  return { chi2, p: chiSquareSf(chi2, dof), dof, expected, yatesApplied };
}

/** Result of Fisher's exact test on a 2 × 2 table. */
export interface FisherExactResult {
  /** Sample odds ratio ad/(bc) (Infinity if bc = 0 < ad, NaN if both are 0). */
  oddsRatio: number;
  /** Two-sided p: sum of P(table) over all tables with P ≤ P(observed)·(1 + 1e-7). */
  pTwoSided: number;
  /** One-sided P(A ≤ a) (odds ratio < 1). */
  pLess: number;
  /** One-sided P(A ≥ a) (odds ratio > 1). */
  pGreater: number;
}

/** ln C(n, k) via log-gamma. */
function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * Fisher's exact test for [[a, b], [c, d]] (scipy `fisher_exact`). With the margins fixed, A = a is hypergeometric:
 * P(A = x) = C(a+b, x) C(c+d, a+c−x) / C(N, a+c). The two-sided p sums P(x) over x with
 * P(x) ≤ P(a)(1 + 1e-7) (scipy's relative tolerance), capped at 1. The odds ratio is the sample ratio ad/bc,
 * not R's conditional MLE.
 */
export function fisherExact(table: readonly (readonly number[])[]): FisherExactResult {
  assertTable('fisherExact', table);
  if (table.length !== 2 || table[0].length !== 2) {
    throw new MessageError('stats.fisher.notTwoByTwo', {
      fn: 'fisherExact',
      rows: table.length,
      columns: table[0].length,
    });
  }
  const [[a, b], [c, d]] = table;
  [a, b, c, d].forEach((v) => {
    if (!Number.isInteger(v))
      throw new MessageError('stats.notInteger', {
        fn: 'fisherExact',
        what: 'table',
        value: v,
        range: '≥ 0',
      });
  });
  const num = a * d;
  const den = b * c;
  const oddsRatio = den === 0 ? (num === 0 ? NaN : Infinity) : num / den;
  const n1 = a + b; // first row total
  const n2 = c + d;
  const k = a + c; // first column total
  const total = n1 + n2;
  if (n1 === 0 || n2 === 0 || k === 0 || k === total) {
    return { oddsRatio, pTwoSided: 1, pLess: 1, pGreater: 1 };
  }
  const lo = Math.max(0, k - n2);
  const hi = Math.min(k, n1);
  const logDen = logChoose(total, k);
  const pmf: number[] = [];
  for (let x = lo; x <= hi; x++) pmf.push(Math.exp(logChoose(n1, x) + logChoose(n2, k - x) - logDen));
  const pObs = pmf[a - lo];
  let two = 0;
  let less = 0;
  let greater = 0;
  for (let x = lo; x <= hi; x++) {
    const px = pmf[x - lo];
    if (px <= pObs * (1 + 1e-7)) two += px;
    if (x <= a) less += px;
    if (x >= a) greater += px;
  }
  return { oddsRatio, pTwoSided: Math.min(1, two), pLess: Math.min(1, less), pGreater: Math.min(1, greater) };
}

/** Average ranks (1-based); tied values share the mean of the ranks they span. */
export function averageRanks(v: ArrayLike<number>): number[] {
  const n = v.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((i, j) => v[i] - v[j] || i - j);
  const ranks = new Array<number>(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && v[idx[j + 1]] === v[idx[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[idx[k]] = r;
    i = j + 1;
  }
  return ranks;
}

/** Result of the Mann–Whitney U test. */
export interface MannWhitneyResult {
  /** U₁ = R₁ − n₁(n₁+1)/2 for the first sample (scipy's statistic). */
  u1: number;
  /** U₂ = n₁n₂ − U₁. */
  u2: number;
  /** Tie-corrected SD σ = √(n₁n₂/12 · ((N+1) − Σ(t³ − t)/(N(N−1)))). */
  sigma: number;
  /** z = (max(U₁, U₂) − n₁n₂/2 − ½·continuity)/σ. */
  z: number;
  /** Two-sided asymptotic p = min(1, 2·(1 − Φ(z))). */
  p: number;
}

/**
 * Two-sided Mann–Whitney U test with the normal approximation (scipy `mannwhitneyu(method='asymptotic')`),
 * average ranks for ties, tie-corrected variance and an optional continuity correction of ½ (default on).
 * Throws if all observations are tied (σ = 0).
 */
export function mannWhitneyU(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  continuity = true,
): MannWhitneyResult {
  assertSample('mannWhitneyU', 'x', x, 1);
  assertSample('mannWhitneyU', 'y', y, 1);
  const n1 = x.length;
  const n2 = y.length;
  const all = [...Array.from(x), ...Array.from(y)];
  const n = n1 + n2;
  const ranks = averageRanks(all);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i];
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  // Tie term Σ(t³ − t) over groups of equal values.
  const sorted = all.slice().sort((p, q) => p - q);
  let tieTerm = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && sorted[j + 1] === sorted[i]) j++;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (!(sigma > 0)) throw new MessageError('stats.mannWhitney.allTied', { fn: 'mannWhitneyU' });
  const u = Math.max(u1, u2);
  const z = (u - (n1 * n2) / 2 - (continuity ? 0.5 : 0)) / sigma;
  const p = Math.min(1, Math.max(0, 2 * normalSf(z)));
  return { u1, u2, sigma, z, p };
}

/**
 * Exact two-sided Mann–Whitney p-value for samples without ties (scipy `mannwhitneyu(method='exact')`):
 * p = min(1, 2·P(U ≥ max(U₁, U₂))) under H₀, where the null distribution of U counts the C(n₁+n₂, n₁)
 * equally likely arrangements via the recurrence N(i, j, u) = N(i−1, j, u−j) + N(i, j−1, u)
 * (i elements of the first sample, j of the second). Probabilities are carried in floating point, normalised by
 * C(n₁+n₂, n₁). Throws if any value is tied (the exact distribution then differs).
 */
export function mannWhitneyExactP(x: ArrayLike<number>, y: ArrayLike<number>): number {
  assertSample('mannWhitneyExactP', 'x', x, 1);
  assertSample('mannWhitneyExactP', 'y', y, 1);
  const all = [...Array.from(x), ...Array.from(y)].sort((a, b) => a - b);
  for (let i = 1; i < all.length; i++) {
    if (all[i] === all[i - 1]) throw new MessageError('stats.mannWhitney.ties', { fn: 'mannWhitneyExactP' });
  }
  const n1 = x.length;
  const n2 = y.length;
  const maxU = n1 * n2;
  // dist[j][u] = number of arrangements of i first-sample and j second-sample values with U = u,
  // updated in place over i (scaled by 1/C(i+j, i) to stay in floating range).
  let prev: number[][] = Array.from({ length: n2 + 1 }, () => {
    const row = new Array<number>(maxU + 1).fill(0);
    row[0] = 1;
    return row;
  });
  for (let i = 1; i <= n1; i++) {
    const cur: number[][] = [];
    for (let j = 0; j <= n2; j++) {
      const row = new Array<number>(maxU + 1).fill(0);
      // P_{i,j}(u) = i/(i+j) · P_{i−1,j}(u − j) + j/(i+j) · P_{i,j−1}(u)
      const wa = i / (i + j);
      const wb = j / (i + j);
      for (let u = 0; u <= i * j; u++) {
        let v = 0;
        if (u >= j) v += wa * prev[j][u - j];
        if (j > 0) v += wb * cur[j - 1][u];
        row[u] = v;
      }
      cur.push(row);
    }
    prev = cur;
  }
  const dist = prev[n2];
  const ranks = averageRanks([...Array.from(x), ...Array.from(y)]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i];
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u = Math.max(u1, maxU - u1);
  let sf = 0;
  for (let k = Math.round(u); k <= maxU; k++) sf += dist[k];
  return Math.min(1, 2 * sf);
}
