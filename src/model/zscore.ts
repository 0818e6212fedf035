/**
 * Z-scoring on scikit-learn's fit/transform split: statistics are fitted on the training matrix only and
 * then applied unchanged to any other matrix (test rows, new patients).
 *
 * Two conventions:
 * - `fitStandardScaler` = sklearn `StandardScaler` (population SD, ddof = 0, compensated two-pass variance,
 *   scale = 1 for (near-)constant columns);
 * - `fitSampleScaler` = pandas / SPSS "standardized values" (sample SD, ddof = 1). A zero-SD column is rejected
 *   there on purpose (z would be NaN/±∞).
 */
import { MessageError } from '../util/message';

/** Fitted StandardScaler parameters (per column). */
export interface StandardScalerParams {
  /** Column means m_j = Σ_i x_ij / n. */
  mean: number[];
  /** Population variances (ddof = 0) from the compensated two-pass formula. */
  var: number[];
  /** √var, or 1 for (near-)constant columns. */
  scale: number[];
  /** Number of training rows. */
  nSamples: number;
}

/** Fitted sample-SD scaler parameters (per column). */
export interface SampleScalerParams {
  mean: number[];
  /** Sample standard deviations (ddof = 1). */
  sd: number[];
  nSamples: number;
}

type Matrix = readonly ArrayLike<number>[];

/** Throws unless `x` is a rectangular matrix of finite numbers with ≥ minRows rows; returns the column count. */
function validateMatrix(name: string, x: Matrix, minRows: number): number {
  if (x.length < minRows)
    throw new MessageError('stats.tooFewRows', { fn: name, what: 'X', n: x.length, min: minRows });
  const d = x[0].length;
  if (d === 0) throw new MessageError('stats.tooFewColumns', { fn: name, what: 'X', n: 0, min: 1 });
  for (let i = 0; i < x.length; i++) {
    if (x[i].length !== d)
      throw new MessageError('stats.rowLength', { fn: name, what: 'X', i, n: x[i].length, expected: d });
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(x[i][j]))
        throw new MessageError('stats.notFinite', { fn: name, what: `X[${i}][${j}]`, value: x[i][j] });
    }
  }
  return d;
}

/** Column means, accumulated row by row (same order as numpy's axis-0 reduction). */
function columnMeans(x: Matrix, d: number): number[] {
  const sum = new Array<number>(d).fill(0);
  for (const row of x) for (let j = 0; j < d; j++) sum[j] += row[j];
  return sum.map((s) => s / x.length);
}

/**
 * Fits sklearn's StandardScaler: m_j = Σx/n; var_j = (Σ(x − m)² − (Σ(x − m))²/n)/n (compensated two-pass);
 * constant column if var ≤ n·ε·var + (n·m·ε)² (sklearn `_is_constant_feature`), in which case scale = 1,
 * otherwise scale = √var.
 */
export function fitStandardScaler(x: Matrix): StandardScalerParams {
  const d = validateMatrix('fitStandardScaler', x, 1);
  const n = x.length;
  const mean = columnMeans(x, d);
  const correction = new Array<number>(d).fill(0);
  const sq = new Array<number>(d).fill(0);
  for (const row of x) {
    for (let j = 0; j < d; j++) {
      const t = row[j] - mean[j];
      correction[j] += t;
      sq[j] += t * t;
    }
  }
  const eps = Number.EPSILON;
  const variance = sq.map((s, j) => (s - (correction[j] * correction[j]) / n) / n);
  const scale = variance.map((v, j) => {
    const bound = n * eps * v + (n * mean[j] * eps) ** 2;
    return v <= bound ? 1 : Math.sqrt(v);
  });
  return { mean, var: variance, scale, nSamples: n };
}

/** Applies z = (x − mean)/scale column-wise with fitted StandardScaler parameters. */
export function transformStandardScaler(params: StandardScalerParams, x: Matrix): number[][] {
  return applyScaling('transformStandardScaler', params.mean, params.scale, x);
}

/** Inverse transform x = z·scale + mean. */
export function inverseTransformStandardScaler(params: StandardScalerParams, z: Matrix): number[][] {
  const d = validateMatrix('inverseTransformStandardScaler', z, 0);
  if (d !== params.mean.length) {
    throw new MessageError('stats.scalerWidth', {
      fn: 'inverseTransformStandardScaler',
      n: d,
      expected: params.mean.length,
    });
  }
  return z.map((row) => params.mean.map((m, j) => row[j] * params.scale[j] + m));
}

/**
 * Fits the sample-SD (ddof = 1) scaler: m_j = Σx/n, sd_j = √(Σ(x − m)²/(n − 1)) (plain two-pass).
 * Throws if a column is (near-)constant by sklearn's rule on the population variance (the SD is 0 or pure
 * round-off, so z would be NaN/±∞/meaningless); needs ≥ 2 rows.
 */
export function fitSampleScaler(x: Matrix): SampleScalerParams {
  const d = validateMatrix('fitSampleScaler', x, 2);
  const n = x.length;
  const mean = columnMeans(x, d);
  const ss = new Array<number>(d).fill(0);
  for (const row of x) for (let j = 0; j < d; j++) ss[j] += (row[j] - mean[j]) ** 2;
  const sd = ss.map((s) => Math.sqrt(s / (n - 1)));
  ss.forEach((s, j) => {
    const v = s / n;
    if (v <= n * Number.EPSILON * v + (n * mean[j] * Number.EPSILON) ** 2) {
      throw new MessageError('stats.constantColumn', { fn: 'fitSampleScaler', column: j });
    }
  });
  return { mean, sd, nSamples: n };
}

/** Applies z = (x − mean)/sd column-wise with fitted sample-SD parameters. */
export function transformSampleScaler(params: SampleScalerParams, x: Matrix): number[][] {
  return applyScaling('transformSampleScaler', params.mean, params.sd, x);
}

/** Column-wise (x − mean)/scale after checking the column count. */
function applyScaling(
  name: string,
  mean: readonly number[],
  scale: readonly number[],
  x: Matrix,
): number[][] {
  if (x.length === 0) return [];
  const d = validateMatrix(name, x, 0);
  if (d !== mean.length)
    throw new MessageError('stats.scalerWidth', { fn: name, n: d, expected: mean.length });
  return x.map((row) => mean.map((m, j) => (row[j] - m) / scale[j]));
}
