/**
 * Pearson and Spearman correlation (vectors and column-wise matrices), matching `numpy.corrcoef` and
 * `scipy.stats.spearmanr`. Matrices are row-major with observations as rows and variables as columns.
 */
import { averageRanks } from './tests';
import { MessageError } from '../util/message';

type Matrix = readonly ArrayLike<number>[];

/** Throws unless `x` is a rectangular matrix of finite numbers with ≥ 2 rows; returns the column count. */
function validate(name: string, x: Matrix): number {
  if (x.length < 2) throw new MessageError('stats.tooFewRows', { fn: name, what: 'X', n: x.length, min: 2 });
  const d = x[0].length;
  if (d === 0) throw new MessageError('stats.tooFewColumns', { fn: name, what: 'X', n: 0, min: 1 });
  x.forEach((row, i) => {
    if (row.length !== d)
      throw new MessageError('stats.rowLength', { fn: name, what: 'X', i, n: row.length, expected: d });
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(row[j]))
        throw new MessageError('stats.notFinite', { fn: name, what: `X[${i}][${j}]`, value: row[j] });
    }
  });
  return d;
}

/** Column j of a row-major matrix. */
function column(x: Matrix, j: number): number[] {
  return x.map((row) => row[j]);
}

/** v − mean(v). */
function centred(v: readonly number[]): number[] {
  let s = 0;
  for (const a of v) s += a;
  const m = s / v.length;
  return v.map((a) => a - m);
}

/** Inner product Σ a_i b_i. */
function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Pearson correlation matrix of the columns of X:
 * r_ij = Σ_k (x_ki − x̄_i)(x_kj − x̄_j) / √(Σ_k (x_ki − x̄_i)² · Σ_k (x_kj − x̄_j)²), clipped to [−1, 1].
 * Throws if a column is constant (r undefined).
 */
export function pearsonMatrix(x: Matrix): number[][] {
  const d = validate('pearsonMatrix', x);
  const cols = Array.from({ length: d }, (_, j) => centred(column(x, j)));
  const norms = cols.map((c, j) => {
    const ss = dot(c, c);
    if (!(ss > 0)) throw new MessageError('stats.constantColumn', { fn: 'pearsonMatrix', column: j });
    return Math.sqrt(ss);
  });
  const r: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    r[i][i] = 1;
    for (let j = i + 1; j < d; j++) {
      const v = Math.max(-1, Math.min(1, dot(cols[i], cols[j]) / norms[i] / norms[j]));
      r[i][j] = v;
      r[j][i] = v;
    }
  }
  return r;
}

/** Pearson correlation of two equal-length vectors (same formula as {@link pearsonMatrix}). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length)
    throw new MessageError('stats.lengthMismatch', { fn: 'pearson', what: 'a, b', a: a.length, b: b.length });
  const x = Array.from({ length: a.length }, (_, i) => [a[i], b[i]]);
  return pearsonMatrix(x)[0][1];
}

/** Column-wise average ranks (ties share the mean rank), as used by Spearman's ρ. */
export function rankColumns(x: Matrix): number[][] {
  const d = validate('rankColumns', x);
  const ranks = Array.from({ length: d }, (_, j) => averageRanks(column(x, j)));
  return x.map((_row, i) => ranks.map((r) => r[i]));
}

/**
 * Spearman rank correlation matrix: Pearson correlation of the column-wise average ranks
 * (ties receive the mean of the ranks they span), as `scipy.stats.spearmanr(X).statistic`.
 */
export function spearmanMatrix(x: Matrix): number[][] {
  return pearsonMatrix(rankColumns(x));
}

/** Spearman's ρ of two equal-length vectors. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length)
    throw new MessageError('stats.lengthMismatch', {
      fn: 'spearman',
      what: 'a, b',
      a: a.length,
      b: b.length,
    });
  const x = Array.from({ length: a.length }, (_, i) => [a[i], b[i]]);
  return spearmanMatrix(x)[0][1];
}
