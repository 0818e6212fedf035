/**
 * Maximum-likelihood binary logistic regression with an intercept, fitted by Newton–Raphson exactly like
 * `statsmodels.api.Logit(y, add_constant(X)).fit(method='newton')`, with Wald inference.
 *
 * Model: logit P(y = 1 | x) = η = β₀ + Σ_j β_j x_j (+ optional fixed offset).
 * Log-likelihood ℓ(β) = Σ_i [y_i η_i − ln(1 + e^{η_i})].
 * Newton step: β ← β + (Xᵀ W X)⁻¹ Xᵀ (y − p), W = diag(p(1 − p)), started at β = 0, stopped when every
 * |Δβ_j| < tol (statsmodels' rule) or after maxIter steps.
 */
import { inverseSPD, matVec } from './linalg';
import { chiSquareSf, expit, log1pExp, normalQuantile, normalSf } from './special';
import { MessageError } from '../util/message';

/** Wald z for a two-sided 95 % interval: Φ⁻¹(0.975) = 1.959963984540054. */
const Z975 = normalQuantile(0.975);

/** Options for {@link fitLogistic}. */
export interface LogisticOptions {
  /** Fixed offset added to the linear predictor (e.g. logit p for calibration-in-the-large). */
  offset?: ArrayLike<number>;
  /** Newton convergence tolerance on max |Δβ| (default 1e-12). */
  tol?: number;
  /** Maximum Newton iterations (default 100). */
  maxIter?: number;
  /** Term names for the predictor columns (default x1, x2, …); the intercept is named 'const'. */
  names?: readonly string[];
}

/** One coefficient with Wald inference. */
export interface LogisticTerm {
  term: string;
  coef: number;
  /** √[(XᵀWX)⁻¹]_jj at the MLE. */
  se: number;
  /** Wald z = coef / se. */
  z: number;
  /** Two-sided p = 2·(1 − Φ(|z|)). */
  p: number;
  /** coef ∓ 1.959963984540054·se. */
  coefCi95: [number, number];
  /** exp(coef). */
  oddsRatio: number;
  /** exp(coef ∓ 1.959963984540054·se). */
  orCi95: [number, number];
}

/** Fitted logistic model. */
export interface LogisticFit {
  /** Intercept first ('const'), then the predictors in column order. */
  terms: LogisticTerm[];
  /** Coefficients in the same order as `terms`. */
  coef: number[];
  /** Inverse observed information (XᵀWX)⁻¹ = covariance matrix of the coefficients. */
  covariance: number[][];
  /** Maximised log-likelihood. */
  llf: number;
  /** Log-likelihood of the intercept-only model (with the same offset). */
  llnull: number;
  /** Likelihood-ratio statistic 2(llf − llnull). */
  llr: number;
  /** χ² survival of llr with df = number of predictors (NaN when there are none). */
  llrPValue: number;
  /** −2 llf + 2k, k = number of coefficients. */
  aic: number;
  /** −2 llf + k ln n. */
  bic: number;
  /** McFadden 1 − llf/llnull. */
  pseudoR2: number;
  converged: boolean;
  iterations: number;
  /** Fitted P(y = 1) per row. */
  fittedProbability: number[];
}

/** Bernoulli log-likelihood Σ [y_i η_i − ln(1 + e^{η_i})] from the linear predictor η. */
function logLik(y: ArrayLike<number>, eta: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < eta.length; i++) s += y[i] * eta[i] - log1pExp(eta[i]);
  return s;
}

/**
 * Fits logit P(y=1) = β₀ + Xβ (+ offset) by Newton–Raphson. `x` is n × p (p may be 0 → intercept only).
 * Throws on non-binary y, non-finite X, a singular information matrix, or divergence (complete or
 * quasi-complete separation: fitted probabilities reach 0/1 or no convergence within maxIter).
 */
export function fitLogistic(
  x: readonly ArrayLike<number>[],
  y: ArrayLike<number>,
  options: LogisticOptions = {},
): LogisticFit {
  const n = y.length;
  if (x.length !== n)
    throw new MessageError('stats.lengthMismatch', { fn: 'fitLogistic', what: 'X, y', a: x.length, b: n });
  if (n === 0) throw new MessageError('stats.tooFewRows', { fn: 'fitLogistic', what: 'X', n, min: 1 });
  const p = x[0].length;
  let events = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1)
      throw new MessageError('stats.notBinary', { fn: 'fitLogistic', what: `y[${i}]`, value: y[i] });
    events += y[i];
    if (x[i].length !== p) {
      throw new MessageError('stats.rowLength', {
        fn: 'fitLogistic',
        what: 'X',
        i,
        n: x[i].length,
        expected: p,
      });
    }
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(x[i][j]))
        throw new MessageError('stats.notFinite', {
          fn: 'fitLogistic',
          what: `X[${i}][${j}]`,
          value: x[i][j],
        });
    }
  }
  if (events === 0 || events === n) throw new MessageError('model.logistic.oneClass', { n, events });
  const offset = options.offset;
  if (offset) {
    if (offset.length !== n)
      throw new MessageError('stats.lengthMismatch', {
        fn: 'fitLogistic',
        what: 'offset, y',
        a: offset.length,
        b: n,
      });
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(offset[i]))
        throw new MessageError('stats.notFinite', {
          fn: 'fitLogistic',
          what: `offset[${i}]`,
          value: offset[i],
        });
    }
  }
  const names = options.names ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  if (names.length !== p)
    throw new MessageError('stats.lengthMismatch', {
      fn: 'fitLogistic',
      what: 'names, X columns',
      a: names.length,
      b: p,
    });
  const tol = options.tol ?? 1e-12;
  const maxIter = options.maxIter ?? 100;
  const k = p + 1;
  const design = (i: number, j: number): number => (j === 0 ? 1 : x[i][j - 1]);

  const linearPredictor = (beta: readonly number[]): number[] => {
    const eta = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      let s = offset ? offset[i] : 0;
      for (let j = 0; j < k; j++) s += design(i, j) * beta[j];
      eta[i] = s;
    }
    return eta;
  };
  const information = (prob: readonly number[]): number[][] => {
    const h: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (let i = 0; i < n; i++) {
      const w = prob[i] * (1 - prob[i]);
      for (let a = 0; a < k; a++) {
        const xa = design(i, a) * w;
        for (let b = 0; b <= a; b++) h[a][b] += xa * design(i, b);
      }
    }
    for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) h[a][b] = h[b][a];
    return h;
  };
  const invert = (h: number[][]): number[][] => {
    try {
      return inverseSPD(h);
    } catch {
      throw new MessageError('model.logistic.singular');
    }
  };

  let beta = new Array<number>(k).fill(0);
  let converged = false;
  let iterations = 0;
  for (let it = 1; it <= maxIter; it++) {
    const prob = linearPredictor(beta).map(expit);
    const score = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      const r = y[i] - prob[i];
      for (let j = 0; j < k; j++) score[j] += design(i, j) * r;
    }
    const step = matVec(invert(information(prob)), score);
    const next = beta.map((b, j) => b + step[j]);
    iterations = it;
    if (!next.every(Number.isFinite)) break;
    const done = step.every((s) => Math.abs(s) < tol);
    beta = next;
    if (done) {
      converged = true;
      break;
    }
  }
  if (!converged) {
    throw new MessageError('model.logistic.noConvergence', { iterations: maxIter });
  }
  const eta = linearPredictor(beta);
  const fitted = eta.map(expit);
  if (fitted.some((q) => q === 0 || q === 1)) {
    throw new MessageError('model.logistic.separation');
  }
  const covariance = invert(information(fitted));
  const llf = logLik(y, eta);
  const llnull =
    p === 0
      ? llf
      : fitLogistic(
          x.map(() => []),
          y,
          { offset, tol, maxIter },
        ).llf;
  const llr = 2 * (llf - llnull);
  const termNames = ['const', ...names];
  const terms: LogisticTerm[] = beta.map((coef, j) => {
    const se = Math.sqrt(covariance[j][j]);
    const z = coef / se;
    const lo = coef - Z975 * se;
    const hi = coef + Z975 * se;
    return {
      term: termNames[j],
      coef,
      se,
      z,
      p: 2 * normalSf(Math.abs(z)),
      coefCi95: [lo, hi],
      oddsRatio: Math.exp(coef),
      orCi95: [Math.exp(lo), Math.exp(hi)],
    };
  });
  return {
    terms,
    coef: beta,
    covariance,
    llf,
    llnull,
    llr,
    llrPValue: p > 0 ? chiSquareSf(Math.max(0, llr), p) : NaN,
    aic: -2 * llf + 2 * k,
    bic: -2 * llf + k * Math.log(n),
    pseudoR2: 1 - llf / llnull,
    converged,
    iterations,
    fittedProbability: fitted,
  };
}

/** Predicted P(y = 1) for new rows: expit(β₀ + Σ β_j x_j). */
export function predictLogistic(fit: Pick<LogisticFit, 'coef'>, x: readonly ArrayLike<number>[]): number[] {
  const k = fit.coef.length;
  return x.map((row, i) => {
    if (row.length !== k - 1)
      throw new MessageError('stats.rowLength', {
        fn: 'predictLogistic',
        what: 'X',
        i,
        n: row.length,
        expected: k - 1,
      });
    let eta = fit.coef[0];
    for (let j = 1; j < k; j++) eta += fit.coef[j] * row[j - 1];
    return expit(eta);
  });
}
