/**
 * LASSO by cyclic coordinate descent, matching scikit-learn 1.6 `Lasso` / `LassoCV`
 * (`sklearn/linear_model/_cd_fast.pyx`), and L1-penalised logistic regression as liblinear
 * solves it (penalised intercept). Pure TypeScript, no DOM.
 *
 * Objective of `lassoFit` (sklearn's): (1/(2n))·‖y − Xw − b‖² + α‖w‖₁, intercept b unpenalised
 * (X and y are centred first). Internally sklearn multiplies through by n and minimises
 * ½‖y − Xw‖² + nα‖w‖₁; the stopping rule is the same as sklearn's: after a sweep in which the
 * largest coefficient change relative to the largest coefficient falls below `tol`, the duality
 * gap is computed and the iteration stops once gap < tol·‖y_centred‖².
 *
 * Matrices are row-major arrays of rows (`X[i][j]` = sample i, feature j).
 */
import { kFold } from './split';
import { log1pExp, sigmoid } from './special';
import { MessageError } from '../util/message';

/** Options of {@link lassoFit}. */
export interface LassoOptions {
  /** Penalty α ≥ 0 of the (1/(2n)) objective. */
  alpha: number;
  /** Centre X and y and fit an unpenalised intercept (default true, as sklearn). */
  fitIntercept?: boolean;
  /** Duality-gap tolerance, relative to ‖y_centred‖² (sklearn default 1e-4). */
  tol?: number;
  /** Maximum number of full coordinate sweeps (sklearn `Lasso` default 1000). */
  maxIter?: number;
  /**
   * Use the Gram matrix XᵀX (sklearn `precompute`). `'auto'` uses it when n > p, as `LassoCV`
   * does; `false` (the `Lasso` default) works on residuals. Both solve the same problem.
   */
  precompute?: boolean | 'auto';
  /** Starting coefficients (warm start); zeros by default. */
  initialCoef?: ArrayLike<number>;
}

/** Result of {@link lassoFit}. */
export interface LassoFit {
  /** Coefficients, one per column of X. */
  coef: number[];
  /** Intercept ȳ − x̄·w (0 when fitIntercept is false). */
  intercept: number;
  /** Number of sweeps performed (sklearn `n_iter_`). */
  nIter: number;
  /**
   * Last computed duality gap of the (1/(2n)) objective, as sklearn's `dual_gap_` (the solver's gap
   * of ½‖·‖² + nα‖w‖₁ divided by n).
   */
  dualGap: number;
  /** False when maxIter was reached without meeting the tolerance. */
  converged: boolean;
}

/** Centred, column-major copy of a data set with the quantities coordinate descent needs. */
interface Prepared {
  n: number;
  p: number;
  /** Column-major centred X: column j occupies [j·n, (j+1)·n). */
  cols: Float64Array;
  /** Centred y. */
  y: Float64Array;
  xMean: Float64Array;
  yMean: number;
}

/** Validates a design matrix and response and returns their dimensions. */
function checkXY(
  X: readonly (readonly number[])[],
  y: ArrayLike<number>,
  what: string,
): { n: number; p: number } {
  const n = X.length;
  if (n === 0) throw new MessageError('stats.tooFewRows', { fn: what, what: 'X', n, min: 1 });
  if (y.length !== n)
    throw new MessageError('stats.lengthMismatch', { fn: what, what: 'X, y', a: n, b: y.length });
  const p = X[0].length;
  if (p === 0) throw new MessageError('stats.tooFewColumns', { fn: what, what: 'X', n: p, min: 1 });
  for (let i = 0; i < n; i++) {
    if (X[i].length !== p)
      throw new MessageError('stats.rowLength', { fn: what, what: 'X', i, n: X[i].length, expected: p });
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(X[i][j]))
        throw new MessageError('stats.notFinite', { fn: what, what: `X[${i}][${j}]`, value: X[i][j] });
    }
    if (!Number.isFinite(y[i]))
      throw new MessageError('stats.notFinite', { fn: what, what: `y[${i}]`, value: y[i] });
  }
  return { n, p };
}

/** Builds the centred column-major representation of the rows `rows` of (X, y). */
function prepare(
  X: readonly (readonly number[])[],
  y: ArrayLike<number>,
  rows: readonly number[],
  fitIntercept: boolean,
): Prepared {
  const n = rows.length;
  const p = X[0].length;
  const cols = new Float64Array(n * p);
  const yc = new Float64Array(n);
  const xMean = new Float64Array(p);
  let yMean = 0;
  if (fitIntercept) {
    for (let r = 0; r < n; r++) {
      const row = X[rows[r]];
      for (let j = 0; j < p; j++) xMean[j] += row[j];
      yMean += y[rows[r]];
    }
    for (let j = 0; j < p; j++) xMean[j] /= n;
    yMean /= n;
  }
  for (let r = 0; r < n; r++) {
    const row = X[rows[r]];
    for (let j = 0; j < p; j++) cols[j * n + r] = row[j] - xMean[j];
    yc[r] = y[rows[r]] - yMean;
  }
  return { n, p, cols, y: yc, xMean, yMean };
}

/** Soft-thresholding update of one coordinate: sign(t)·max(|t| − a, 0) / d. */
function softThreshold(t: number, a: number, d: number): number {
  const m = Math.abs(t) - a;
  return m > 0 ? (Math.sign(t) * m) / d : 0;
}

/**
 * Coordinate descent on the residual (sklearn `enet_coordinate_descent`, l2 = 0), in place on `w`.
 * `l1` is the scaled penalty n·α.
 */
function cdResidual(d: Prepared, w: Float64Array, l1: number, tol: number, maxIter: number) {
  const { n, p, cols, y } = d;
  const norm2 = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = j * n, e = i + n; i < e; i++) s += cols[i] * cols[i];
    norm2[j] = s;
  }
  const R = Float64Array.from(y);
  for (let j = 0; j < p; j++) {
    if (w[j] !== 0) for (let i = 0, o = j * n; i < n; i++) R[i] -= w[j] * cols[o + i];
  }
  let yy = 0;
  for (let i = 0; i < n; i++) yy += y[i] * y[i];
  const gapTol = tol * yy;
  let gap = tol + 1;
  let nIter = 0;
  let converged = false;
  for (nIter = 0; nIter < maxIter; nIter++) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < p; j++) {
      if (norm2[j] === 0) continue;
      const o = j * n;
      const wOld = w[j];
      if (wOld !== 0) for (let i = 0; i < n; i++) R[i] += wOld * cols[o + i];
      let t = 0;
      for (let i = 0; i < n; i++) t += cols[o + i] * R[i];
      const wNew = softThreshold(t, l1, norm2[j]);
      w[j] = wNew;
      if (wNew !== 0) for (let i = 0; i < n; i++) R[i] -= wNew * cols[o + i];
      dwMax = Math.max(dwMax, Math.abs(wNew - wOld));
      wMax = Math.max(wMax, Math.abs(wNew));
    }
    if (wMax === 0 || dwMax / wMax < tol || nIter === maxIter - 1) {
      let dual = 0;
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let i = 0, o = j * n; i < n; i++) s += cols[o + i] * R[i];
        dual = Math.max(dual, Math.abs(s));
      }
      let rr = 0;
      let ry = 0;
      for (let i = 0; i < n; i++) {
        rr += R[i] * R[i];
        ry += R[i] * y[i];
      }
      gap = dualityGap(rr, ry, dual, w, l1);
      if (gap < gapTol) {
        converged = true;
        nIter++;
        break;
      }
    }
  }
  return { nIter, gap, converged };
}

/** sklearn's duality gap for the l2-free problem, given ‖R‖², R·y and ‖XᵀR‖∞. */
function dualityGap(rr: number, ry: number, dualNorm: number, w: Float64Array, l1: number): number {
  let l1norm = 0;
  for (let j = 0; j < w.length; j++) l1norm += Math.abs(w[j]);
  let c: number;
  let gap: number;
  if (dualNorm > l1) {
    c = l1 / dualNorm;
    gap = 0.5 * (rr + rr * c * c);
  } else {
    c = 1;
    gap = rr;
  }
  return gap + l1 * l1norm - c * ry;
}

/** Gram-matrix quantities (sklearn `_pre_fit` with precompute=True). */
interface Gram {
  Q: Float64Array;
  q: Float64Array;
  yy: number;
}

/** Computes XᵀX, Xᵀy and yᵀy of a prepared (centred) data set. */
function gramOf(d: Prepared): Gram {
  const { n, p, cols, y } = d;
  const Q = new Float64Array(p * p);
  const q = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    const oa = a * n;
    for (let b = a; b < p; b++) {
      const ob = b * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += cols[oa + i] * cols[ob + i];
      Q[a * p + b] = s;
      Q[b * p + a] = s;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += cols[oa + i] * y[i];
    q[a] = s;
  }
  let yy = 0;
  for (let i = 0; i < n; i++) yy += y[i] * y[i];
  return { Q, q, yy };
}

/** Coordinate descent on the Gram matrix (sklearn `enet_coordinate_descent_gram`), in place on `w`. */
function cdGram(g: Gram, w: Float64Array, l1: number, tol: number, maxIter: number) {
  const { Q, q, yy } = g;
  const p = q.length;
  const H = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (w[j] === 0) continue;
    for (let k = 0; k < p; k++) H[k] += w[j] * Q[j * p + k];
  }
  const gapTol = tol * yy;
  let gap = tol + 1;
  let nIter = 0;
  let converged = false;
  for (nIter = 0; nIter < maxIter; nIter++) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < p; j++) {
      const djj = Q[j * p + j];
      if (djj === 0) continue;
      const wOld = w[j];
      if (wOld !== 0) for (let k = 0; k < p; k++) H[k] -= wOld * Q[j * p + k];
      const wNew = softThreshold(q[j] - H[j], l1, djj);
      w[j] = wNew;
      if (wNew !== 0) for (let k = 0; k < p; k++) H[k] += wNew * Q[j * p + k];
      dwMax = Math.max(dwMax, Math.abs(wNew - wOld));
      wMax = Math.max(wMax, Math.abs(wNew));
    }
    if (wMax === 0 || dwMax / wMax < tol || nIter === maxIter - 1) {
      let qw = 0;
      let wHw = 0;
      let dual = 0;
      for (let j = 0; j < p; j++) {
        qw += w[j] * q[j];
        wHw += w[j] * H[j];
        dual = Math.max(dual, Math.abs(q[j] - H[j]));
      }
      const rr = yy + wHw - 2 * qw;
      gap = dualityGap(rr, yy - qw, dual, w, l1);
      if (gap < gapTol) {
        converged = true;
        nIter++;
        break;
      }
    }
  }
  return { nIter, gap, converged };
}

/** Checks the numeric options shared by the LASSO entry points. */
function checkTolIter(tol: number, maxIter: number, what: string): void {
  if (!(tol > 0) || !Number.isFinite(tol))
    throw new MessageError('stats.outOfRange', { fn: what, what: 'tol', value: tol, range: '(0, ∞)' });
  if (!Number.isInteger(maxIter) || maxIter < 1) {
    throw new MessageError('stats.notInteger', { fn: what, what: 'maxIter', value: maxIter, range: '≥ 1' });
  }
}

/** Whether sklearn would precompute the Gram matrix for an n × p problem. */
function wantsGram(precompute: boolean | 'auto', n: number, p: number): boolean {
  return precompute === 'auto' ? n > p : precompute;
}

/**
 * Fits sklearn's `Lasso(alpha, fit_intercept, tol, max_iter)` by cyclic coordinate descent.
 * @throws Error on empty or ragged input, non-finite values, or a negative α.
 */
export function lassoFit(
  X: readonly (readonly number[])[],
  y: ArrayLike<number>,
  options: LassoOptions,
): LassoFit {
  const { n, p } = checkXY(X, y, 'lassoFit');
  const { alpha, fitIntercept = true, tol = 1e-4, maxIter = 1000, precompute = false } = options;
  if (!(alpha >= 0) || !Number.isFinite(alpha))
    throw new MessageError('stats.outOfRange', {
      fn: 'lassoFit',
      what: 'alpha',
      value: alpha,
      range: '[0, ∞)',
    });
  checkTolIter(tol, maxIter, 'lassoFit');
  const rows = Array.from({ length: n }, (_, i) => i);
  const d = prepare(X, y, rows, fitIntercept);
  const w = new Float64Array(p);
  if (options.initialCoef) {
    if (options.initialCoef.length !== p) {
      throw new MessageError('stats.lengthMismatch', {
        fn: 'lassoFit',
        what: 'initialCoef, X columns',
        a: options.initialCoef.length,
        b: p,
      });
    }
    for (let j = 0; j < p; j++) w[j] = options.initialCoef[j];
  }
  const l1 = alpha * n;
  const r = wantsGram(precompute, n, p)
    ? cdGram(gramOf(d), w, l1, tol, maxIter)
    : cdResidual(d, w, l1, tol, maxIter);
  return {
    coef: Array.from(w),
    intercept: interceptOf(d, w),
    nIter: r.nIter,
    dualGap: r.gap / n,
    converged: r.converged,
  };
}

/** ȳ − x̄·w: the intercept that undoes the centring. */
function interceptOf(d: Prepared, w: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < d.p; j++) s += d.xMean[j] * w[j];
  return d.yMean - s;
}

/**
 * numpy.geomspace(start, stop, num) for positive start/stop: 10^linspace(log10 start, log10 stop),
 * with both endpoints pinned to the exact inputs.
 */
export function geomspace(start: number, stop: number, num: number): number[] {
  if (!(start > 0) || !(stop > 0))
    throw new MessageError('stats.outOfRange', {
      fn: 'geomspace',
      what: 'start, stop',
      value: `${start}, ${stop}`,
      range: '(0, ∞)',
    });
  if (!Number.isInteger(num) || num < 1)
    throw new MessageError('stats.notInteger', { fn: 'geomspace', what: 'num', value: num, range: '≥ 1' });
  const a = Math.log10(start);
  const b = Math.log10(stop);
  const out: number[] = [];
  const step = num > 1 ? (b - a) / (num - 1) : 0;
  for (let i = 0; i < num; i++) out.push(Math.pow(10, i * step + a));
  out[0] = start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/**
 * LassoCV's α grid: α_max = max_j |Σ_i (X_ij − X̄_j)(y_i − ȳ)| / n on the full data, then
 * geomspace(α_max, α_max·eps, nAlphas) in descending order.
 * @throws Error when α_max is 0 (y constant or uncorrelated with every column).
 */
export function lassoAlphaGrid(
  X: readonly (readonly number[])[],
  y: ArrayLike<number>,
  nAlphas = 100,
  eps = 1e-3,
  fitIntercept = true,
): number[] {
  const { n } = checkXY(X, y, 'lassoAlphaGrid');
  const d = prepare(
    X,
    y,
    Array.from({ length: n }, (_, i) => i),
    fitIntercept,
  );
  let m = 0;
  for (let j = 0; j < d.p; j++) {
    let s = 0;
    for (let i = 0, o = j * n; i < n; i++) s += d.cols[o + i] * d.y[i];
    m = Math.max(m, Math.abs(s));
  }
  const alphaMax = m / n;
  if (!(alphaMax > 0)) {
    throw new MessageError('model.lasso.nothingToSelect');
  }
  if (!(eps > 0 && eps < 1))
    throw new MessageError('stats.outOfRange', {
      fn: 'lassoAlphaGrid',
      what: 'eps',
      value: eps,
      range: '(0, 1)',
    });
  return geomspace(alphaMax, alphaMax * eps, nAlphas);
}

/** Options of {@link lassoCV}. */
export interface LassoCVOptions {
  /** Number of alphas on the grid (default 100). */
  nAlphas?: number;
  /** Ratio α_min/α_max (default 1e-3). */
  eps?: number;
  /** Explicit α grid (overrides nAlphas/eps); it is sorted into descending order. */
  alphas?: readonly number[];
  /** Number of contiguous KFold folds (default 5), or explicit folds of test indices. */
  cv?: number | readonly { train: readonly number[]; test: readonly number[] }[];
  /** Tolerance (default 1e-4). */
  tol?: number;
  /** Maximum sweeps per α (default 1000). */
  maxIter?: number;
  /** Gram use, as sklearn LassoCV's `precompute` (default 'auto'). */
  precompute?: boolean | 'auto';
  /** Fit an intercept (default true). */
  fitIntercept?: boolean;
}

/** Result of {@link lassoCV}. */
export interface LassoCVResult {
  /** The α grid, descending. */
  alphas: number[];
  /** Held-out mean squared error, msePath[a][f] for alpha a and fold f. */
  msePath: number[][];
  /** Fold-averaged MSE per alpha. */
  mseMean: number[];
  /** Chosen α (first argmin of mseMean). */
  alpha: number;
  /** Index of the chosen α in the grid. */
  alphaIndex: number;
  /** Coefficients of the refit on all rows at the chosen α. */
  coef: number[];
  /** Intercept of the refit. */
  intercept: number;
  /** Sweeps of the refit. */
  nIter: number;
  /** Duality gap of the refit. */
  dualGap: number;
  /** Whether every path fit and the refit met the tolerance. */
  converged: boolean;
  /** Folds used (test indices of each). */
  folds: { train: number[]; test: number[] }[];
}

/**
 * sklearn `LassoCV(cv=KFold(k, shuffle=False), n_alphas, eps, tol, max_iter)`: the same α grid in
 * every fold, each fold centred by its own training means and fitted along the path with warm
 * starts, held-out MSE per α and fold, α_ = first argmin of the fold mean, refit on all rows.
 * @throws Error on invalid input or folds.
 */
export function lassoCV(
  X: readonly (readonly number[])[],
  y: ArrayLike<number>,
  options: LassoCVOptions = {},
): LassoCVResult {
  const { n, p } = checkXY(X, y, 'lassoCV');
  const {
    nAlphas = 100,
    eps = 1e-3,
    tol = 1e-4,
    maxIter = 1000,
    precompute = 'auto',
    fitIntercept = true,
  } = options;
  checkTolIter(tol, maxIter, 'lassoCV');
  const alphas = options.alphas
    ? [...options.alphas].sort((a, b) => b - a)
    : lassoAlphaGrid(X, y, nAlphas, eps, fitIntercept);
  if (alphas.length === 0)
    throw new MessageError('stats.tooFewValues', { fn: 'lassoCV', what: 'alphas', n: 0, min: 1 });
  for (const a of alphas)
    if (!(a >= 0) || !Number.isFinite(a))
      throw new MessageError('stats.outOfRange', { fn: 'lassoCV', what: 'alpha', value: a, range: '[0, ∞)' });
  const cv = options.cv ?? 5;
  const folds =
    typeof cv === 'number' ? kFold(n, cv) : cv.map((f) => ({ train: [...f.train], test: [...f.test] }));
  if (folds.length < 2)
    throw new MessageError('stats.tooFewValues', { fn: 'lassoCV', what: 'folds', n: folds.length, min: 2 });
  for (const [k, f] of folds.entries()) {
    if (f.train.length === 0 || f.test.length === 0)
      throw new MessageError('stats.emptyFold', { fn: 'lassoCV', fold: k });
    for (const i of [...f.train, ...f.test]) {
      if (!Number.isInteger(i) || i < 0 || i >= n)
        throw new MessageError('stats.outOfRange', {
          fn: 'lassoCV',
          what: `folds[${k}]`,
          value: i,
          range: `0 … ${n - 1}`,
        });
    }
  }
  const msePath = alphas.map(() => new Array<number>(folds.length).fill(0));
  let converged = true;
  for (const [k, f] of folds.entries()) {
    const d = prepare(X, y, f.train, fitIntercept);
    const gram = wantsGram(precompute, d.n, p) ? gramOf(d) : null;
    const w = new Float64Array(p);
    for (let a = 0; a < alphas.length; a++) {
      const l1 = alphas[a] * d.n;
      const r = gram ? cdGram(gram, w, l1, tol, maxIter) : cdResidual(d, w, l1, tol, maxIter);
      converged &&= r.converged;
      const b = interceptOf(d, w);
      let s = 0;
      for (const i of f.test) {
        let pred = b;
        const row = X[i];
        for (let j = 0; j < p; j++) pred += row[j] * w[j];
        const e = pred - y[i];
        s += e * e;
      }
      msePath[a][k] = s / f.test.length;
    }
  }
  const mseMean = msePath.map((row) => row.reduce((s, v) => s + v, 0) / row.length);
  let best = 0;
  for (let a = 1; a < mseMean.length; a++) if (mseMean[a] < mseMean[best]) best = a;
  const refit = lassoFit(X, y, { alpha: alphas[best], fitIntercept, tol, maxIter, precompute });
  return {
    alphas,
    msePath,
    mseMean,
    alpha: alphas[best],
    alphaIndex: best,
    coef: refit.coef,
    intercept: refit.intercept,
    nIter: refit.nIter,
    dualGap: refit.dualGap,
    converged: converged && refit.converged,
    folds,
  };
}

/** Options of {@link l1LogisticLiblinear}. */
export interface L1LogisticOptions {
  /** Inverse regularisation strength C > 0 (multiplies the summed log-loss). */
  C: number;
  /** Value of the appended constant column (liblinear `intercept_scaling`, default 1). */
  interceptScaling?: number;
  /** Stopping tolerance on the largest minimum-norm subgradient (default 1e-9). */
  tol?: number;
  /** Maximum sweeps (default 10000). */
  maxIter?: number;
}

/** Result of {@link l1LogisticLiblinear}. */
export interface L1LogisticFit {
  coef: number[];
  intercept: number;
  /** Objective ‖w‖₁ + |b_w| + C·Σ log(1 + exp(−s_i z_i)) at the solution. */
  objective: number;
  nIter: number;
  converged: boolean;
  /** Largest minimum-norm subgradient at the solution (KKT violation). */
  kktViolation: number;
}

/**
 * L1-penalised logistic regression with the intercept penalised as liblinear does: a constant
 * column of value `interceptScaling` is appended and its weight enters the L1 norm. Minimises
 * ‖w‖₁ + |w_b| + C·Σ_i log(1 + exp(−s_i(x_i·w + w_b·scaling))), s_i = 2y_i − 1, by cyclic coordinate
 * descent with one-dimensional Newton steps and Armijo backtracking (Yuan et al. 2010, "CDN"),
 * iterated to a tight KKT tolerance so the solution is liblinear's optimum, whatever the path.
 * The returned intercept is w_b·scaling, as sklearn reports it.
 * @throws Error on invalid input, labels other than 0/1, or C ≤ 0.
 */
export function l1LogisticLiblinear(
  X: readonly (readonly number[])[],
  y: ArrayLike<number>,
  options: L1LogisticOptions,
): L1LogisticFit {
  const { n, p } = checkXY(X, y, 'l1LogisticLiblinear');
  const { C, interceptScaling = 1, tol = 1e-9, maxIter = 10000 } = options;
  if (!(C > 0) || !Number.isFinite(C))
    throw new MessageError('stats.outOfRange', {
      fn: 'l1LogisticLiblinear',
      what: 'C',
      value: C,
      range: '(0, ∞)',
    });
  checkTolIter(tol, maxIter, 'l1LogisticLiblinear');
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1)
      throw new MessageError('stats.notBinary', { fn: 'l1LogisticLiblinear', what: `y[${i}]`, value: y[i] });
    s[i] = 2 * y[i] - 1;
  }
  const q = p + 1;
  const cols = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) cols[j * n + i] = X[i][j];
    cols[p * n + i] = interceptScaling;
  }
  const w = new Float64Array(q);
  const z = new Float64Array(n);
  /** C·Σ log(1 + exp(−s_i z_i)) for linear predictors z. */
  const loss = (zz: Float64Array) => {
    let t = 0;
    for (let i = 0; i < n; i++) t += log1pExp(-s[i] * zz[i]);
    return C * t;
  };
  /** First and second derivative of the loss along coordinate j at the current z. */
  const gradHess = (j: number) => {
    let g = 0;
    let h = 0;
    const o = j * n;
    for (let i = 0; i < n; i++) {
      const sig = sigmoid(s[i] * z[i]);
      const x = cols[o + i];
      g += (sig - 1) * s[i] * x;
      h += sig * (1 - sig) * x * x;
    }
    return { g: C * g, h: C * h };
  };
  /** Minimum-norm subgradient magnitude of coordinate j (0 at the optimum). */
  const violation = (j: number, g: number) => {
    if (w[j] > 0) return Math.abs(g + 1);
    if (w[j] < 0) return Math.abs(g - 1);
    return Math.max(0, Math.abs(g) - 1);
  };
  let nIter = 0;
  let converged = false;
  let kkt = Infinity;
  const zTrial = new Float64Array(n);
  for (nIter = 0; nIter < maxIter; nIter++) {
    for (let j = 0; j < q; j++) {
      const { g, h } = gradHess(j);
      const hh = Math.max(h, 1e-12);
      let dlt: number;
      if (g + 1 <= hh * w[j]) dlt = -(g + 1) / hh;
      else if (g - 1 >= hh * w[j]) dlt = -(g - 1) / hh;
      else dlt = -w[j];
      if (dlt === 0) continue;
      const o = j * n;
      const f0 = loss(z) + Math.abs(w[j]);
      const decrease = g * dlt + Math.abs(w[j] + dlt) - Math.abs(w[j]);
      if (Math.abs(decrease) <= 1e-12 * Math.max(1, f0)) {
        // Below the objective's rounding noise the Armijo test cannot decide; near the optimum the
        // one-dimensional Newton step is exact to second order, so take it in full.
        w[j] += dlt;
        for (let i = 0; i < n; i++) z[i] += dlt * cols[o + i];
        continue;
      }
      let step = 1;
      for (let ls = 0; ls < 60; ls++) {
        for (let i = 0; i < n; i++) zTrial[i] = z[i] + step * dlt * cols[o + i];
        const f1 = loss(zTrial) + Math.abs(w[j] + step * dlt);
        if (f1 - f0 <= 0.01 * step * decrease) {
          w[j] += step * dlt;
          z.set(zTrial);
          break;
        }
        step *= 0.5;
      }
    }
    kkt = 0;
    for (let j = 0; j < q; j++) kkt = Math.max(kkt, violation(j, gradHess(j).g));
    if (kkt < tol) {
      converged = true;
      nIter++;
      break;
    }
  }
  let l1 = 0;
  for (let j = 0; j < q; j++) l1 += Math.abs(w[j]);
  return {
    coef: Array.from(w.subarray(0, p)),
    intercept: w[p] * interceptScaling,
    objective: l1 + loss(z),
    nIter,
    converged,
    kktViolation: kkt,
  };
}

/** Probability of class 1 under an L1-logistic fit: σ(x·w + b) for each row. */
export function l1LogisticPredictProba(
  fit: Pick<L1LogisticFit, 'coef' | 'intercept'>,
  X: readonly (readonly number[])[],
) {
  return X.map((row, i) => {
    if (row.length !== fit.coef.length) {
      throw new MessageError('stats.rowLength', {
        fn: 'l1LogisticPredictProba',
        what: 'X',
        i,
        n: row.length,
        expected: fit.coef.length,
      });
    }
    let t = fit.intercept;
    for (let j = 0; j < row.length; j++) t += row[j] * fit.coef[j];
    return sigmoid(t);
  });
}
