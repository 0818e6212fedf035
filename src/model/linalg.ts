/**
 * Small dense linear-algebra helpers for symmetric positive-definite (SPD) systems, e.g. the p × p
 * Fisher-information matrices of logistic regression. Pure TypeScript, row-major `number[][]`.
 */
import { MessageError } from '../util/message';

/** Throws unless `a` is a square n × n matrix of finite numbers; returns n. */
function assertSquare(name: string, a: readonly (readonly number[])[]): number {
  const n = a.length;
  if (n === 0) throw new MessageError('stats.tooFewRows', { fn: name, what: 'A', n: 0, min: 1 });
  for (let i = 0; i < n; i++) {
    if (a[i].length !== n)
      throw new MessageError('stats.rowLength', { fn: name, what: 'A', i, n: a[i].length, expected: n });
    for (let j = 0; j < n; j++) {
      if (!Number.isFinite(a[i][j]))
        throw new MessageError('stats.notFinite', { fn: name, what: `A[${i}][${j}]`, value: a[i][j] });
    }
  }
  return n;
}

/**
 * Cholesky factorisation A = L Lᵀ of an SPD matrix (lower-triangular L, row-major).
 * L_jj = √(A_jj − Σ_{k<j} L_jk²), L_ij = (A_ij − Σ_{k<j} L_ik L_jk)/L_jj for i > j.
 * Throws if A is not (numerically) positive definite.
 */
export function cholesky(a: readonly (readonly number[])[]): number[][] {
  const n = assertSquare('cholesky', a);
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let d = a[j][j];
    for (let k = 0; k < j; k++) d -= l[j][k] * l[j][k];
    if (!(d > 0)) throw new MessageError('stats.notPositiveDefinite', { fn: 'cholesky', pivot: j, value: d });
    const ljj = Math.sqrt(d);
    l[j][j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      l[i][j] = s / ljj;
    }
  }
  return l;
}

/** Solves L Lᵀ x = b given the Cholesky factor L (forward then backward substitution). */
export function choleskySolve(l: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = l.length;
  if (b.length !== n)
    throw new MessageError('stats.lengthMismatch', { fn: 'choleskySolve', what: 'b, L', a: b.length, b: n });
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

/** Solves A x = b for SPD A via Cholesky. */
export function solveSPD(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  return choleskySolve(cholesky(a), b);
}

/** Inverse of an SPD matrix via Cholesky (column by column solve of A X = I), symmetrised exactly. */
export function inverseSPD(a: readonly (readonly number[])[]): number[][] {
  const l = cholesky(a);
  const n = l.length;
  const inv: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const e = new Array<number>(n).fill(0);
    e[j] = 1;
    const col = choleskySolve(l, e);
    for (let i = 0; i < n; i++) inv[i][j] = col[i];
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * (inv[i][j] + inv[j][i]);
      inv[i][j] = m;
      inv[j][i] = m;
    }
  }
  return inv;
}

/** Matrix–vector product A x. */
export function matVec(a: readonly (readonly number[])[], x: readonly number[]): number[] {
  return a.map((row, i) => {
    if (row.length !== x.length)
      throw new MessageError('stats.rowLength', {
        fn: 'matVec',
        what: 'A',
        i,
        n: row.length,
        expected: x.length,
      });
    let s = 0;
    for (let j = 0; j < x.length; j++) s += row[j] * x[j];
    return s;
  });
}
