import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  geomspace,
  l1LogisticLiblinear,
  l1LogisticPredictProba,
  lassoAlphaGrid,
  lassoCV,
  lassoFit,
} from '../../../src/model/lasso';
import { kFold } from '../../../src/model/split';
import { thrownMessage } from '../../fixtures/thrownMessage';

const shared = path.resolve(__dirname, '../../../../shared');
interface LassoSolution {
  coef: number[];
  intercept: number;
  n_iter?: number;
  dual_gap?: number;
}
interface CVSolution {
  n_iter: number;
  dual_gap: number;
  alphas: number[];
  mse_path: number[][];
  mse_mean_per_alpha: number[];
  alpha_: number;
  alpha_index: number;
  coef: number[];
  intercept: number;
  selected_features: string[];
}
const fx = JSON.parse(readFileSync(path.join(shared, 'stats/lasso.json'), 'utf8')) as {
  part_a_lasso: {
    X_standardized: number[][];
    y: number[];
    fits: { alpha: number; sklearn_default: LassoSolution; converged_tight: LassoSolution }[];
  };
  part_b_lassocv: {
    columns: string[];
    X_standardized: number[][];
    y: number[];
    cv_folds: { train: number[]; test: number[] }[];
    sklearn_default: CVSolution;
    converged_tight: CVSolution;
    crosscheck: { alpha_max_independent: number };
  };
  part_c_l1_logistic_liblinear: {
    y: number[];
    C: number;
    sklearn_default: LassoSolution & { predict_proba1: number[] };
    converged_tight: LassoSolution & { predict_proba1: number[]; objective_with_penalised_intercept: number };
    unpenalised_intercept_reference_saga: LassoSolution;
  };
};

/** Largest absolute elementwise difference. */
function maxAbs(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i])));
}

describe('lassoFit (sklearn Lasso)', () => {
  const { X_standardized: X, y, fits } = fx.part_a_lasso;
  for (const f of fits) {
    it(`alpha=${f.alpha}: tightly converged coefficients within 1e-7`, () => {
      for (const precompute of [false, true]) {
        const r = lassoFit(X, y, { alpha: f.alpha, tol: 1e-12, maxIter: 1_000_000, precompute });
        expect(r.converged).toBe(true);
        if (!precompute) expect(r.nIter).toBe(f.converged_tight.n_iter);
        expect(maxAbs(r.coef, f.converged_tight.coef)).toBeLessThan(1e-7);
        expect(Math.abs(r.intercept - f.converged_tight.intercept)).toBeLessThan(1e-7);
        const support = r.coef.map((c) => c !== 0);
        expect(support).toEqual(f.converged_tight.coef.map((c) => c !== 0));
      }
    });
    it(`alpha=${f.alpha}: default tolerance within 1e-4 of sklearn's default fit, same sweep count`, () => {
      const r = lassoFit(X, y, { alpha: f.alpha });
      expect(maxAbs(r.coef, f.sklearn_default.coef)).toBeLessThan(1e-4);
      expect(Math.abs(r.intercept - f.sklearn_default.intercept)).toBeLessThan(1e-4);
      expect(r.nIter).toBe(f.sklearn_default.n_iter);
      const gap = f.sklearn_default.dual_gap!;
      if (gap > 1e-12) expect(Math.abs(r.dualGap / gap - 1)).toBeLessThan(1e-6);
      else expect(r.dualGap).toBeLessThan(1e-12);
    });
  }
  it('rejects bad input with specific messages', () => {
    expect(thrownMessage(() => lassoFit([], [], { alpha: 0.1 }))).toEqual({
      code: 'stats.tooFewRows',
      params: { fn: 'lassoFit', what: 'X', n: 0, min: 1 },
    });
    expect(thrownMessage(() => lassoFit([[1], [2]], [1], { alpha: 0.1 }))).toEqual({
      code: 'stats.lengthMismatch',
      params: { fn: 'lassoFit', what: 'X, y', a: 2, b: 1 },
    });
    expect(thrownMessage(() => lassoFit([[1], [NaN]], [1, 2], { alpha: 0.1 }))).toEqual({
      code: 'stats.notFinite',
      params: { fn: 'lassoFit', what: 'X[1][0]', value: NaN },
    });
    expect(thrownMessage(() => lassoFit([[1], [2]], [1, 2], { alpha: -1 }))).toEqual({
      code: 'stats.outOfRange',
      params: { fn: 'lassoFit', what: 'alpha', value: -1, range: '[0, ∞)' },
    });
  });
  it('large alpha gives all-zero coefficients and intercept = mean(y)', () => {
    const r = lassoFit(X, y, { alpha: 10 });
    expect(r.coef.every((c) => c === 0)).toBe(true);
    expect(r.intercept).toBeCloseTo(y.reduce((s, v) => s + v, 0) / y.length, 14);
  });
});

describe('lassoCV (sklearn LassoCV, KFold(5))', () => {
  const b = fx.part_b_lassocv;
  it('KFold(5) contiguous folds equal the fixture folds', () => {
    expect(kFold(75, 5)).toEqual(b.cv_folds);
  });
  it('alpha grid: alpha_max and geomspace within 1e-12 relative', () => {
    const grid = lassoAlphaGrid(b.X_standardized, b.y);
    expect(Math.abs(grid[0] / b.crosscheck.alpha_max_independent - 1)).toBeLessThan(1e-12);
    grid.forEach((a, i) => expect(Math.abs(a / b.converged_tight.alphas[i] - 1)).toBeLessThan(1e-12));
    expect(grid[99]).toBe(grid[0] * 1e-3);
    const g = geomspace(1, 1000, 4);
    expect([g[0], g[3]]).toEqual([1, 1000]);
    expect(Math.abs(g[1] / 10 - 1)).toBeLessThan(1e-15);
    expect(Math.abs(g[2] / 100 - 1)).toBeLessThan(1e-15);
  });
  it('tight: mse_path rel 1e-6, same alpha index, coef abs 1e-7, same support', () => {
    const t = b.converged_tight;
    const r = lassoCV(b.X_standardized, b.y, { tol: 1e-12, maxIter: 1_000_000 });
    expect(r.converged).toBe(true);
    r.msePath.forEach((row, a) =>
      row.forEach((v, f) => expect(Math.abs(v / t.mse_path[a][f] - 1)).toBeLessThan(1e-6)),
    );
    expect(r.alphaIndex).toBe(t.alpha_index);
    expect(Math.abs(r.alpha / t.alpha_ - 1)).toBeLessThan(1e-12);
    expect(maxAbs(r.coef, t.coef)).toBeLessThan(1e-7);
    expect(Math.abs(r.intercept - t.intercept)).toBeLessThan(1e-7);
    const selected = b.columns.filter((_, j) => r.coef[j] !== 0);
    expect(selected).toEqual(t.selected_features);
  });
  it('sklearn defaults (tol 1e-4, max_iter 10000): same alpha_, coef abs 1e-4', () => {
    const d = b.sklearn_default;
    const r = lassoCV(b.X_standardized, b.y, { maxIter: 10000 });
    expect(r.alphaIndex).toBe(d.alpha_index);
    // Same Gram-matrix coordinate descent as sklearn (precompute='auto'): same path to round-off.
    r.msePath.forEach((row, a) =>
      row.forEach((v, f) => expect(Math.abs(v / d.mse_path[a][f] - 1)).toBeLessThan(1e-9)),
    );
    expect(r.nIter).toBe(d.n_iter);
    expect(Math.abs(r.dualGap / d.dual_gap - 1)).toBeLessThan(1e-6);
    expect(maxAbs(r.coef, d.coef)).toBeLessThan(1e-4);
    expect(maxAbs(r.mseMean, d.mse_mean_per_alpha)).toBeLessThan(1e-4);
    expect(b.columns.filter((_, j) => r.coef[j] !== 0)).toEqual(d.selected_features);
  });
  it('rejects constant y', () => {
    expect(thrownMessage(() => lassoCV(b.X_standardized, new Array(75).fill(1)))).toEqual({
      code: 'model.lasso.nothingToSelect',
      params: {},
    });
  });
});

describe('l1LogisticLiblinear (penalised intercept)', () => {
  const c = fx.part_c_l1_logistic_liblinear;
  const X = fx.part_a_lasso.X_standardized;
  const r = l1LogisticLiblinear(X, c.y, { C: c.C });
  it('matches the tight liblinear solution within 1e-7 and its objective', () => {
    expect(r.converged).toBe(true);
    expect(maxAbs(r.coef, c.converged_tight.coef)).toBeLessThan(1e-7);
    expect(Math.abs(r.intercept - c.converged_tight.intercept)).toBeLessThan(1e-7);
    expect(Math.abs(r.objective - c.converged_tight.objective_with_penalised_intercept)).toBeLessThan(1e-9);
    expect(maxAbs(l1LogisticPredictProba(r, X), c.converged_tight.predict_proba1)).toBeLessThan(1e-7);
  });
  it('is within 1e-3 of liblinear defaults, and far from the unpenalised-intercept solution', () => {
    expect(maxAbs(r.coef, c.sklearn_default.coef)).toBeLessThan(1e-3);
    expect(Math.abs(r.intercept - c.sklearn_default.intercept)).toBeLessThan(1e-3);
    expect(Math.abs(r.intercept - c.unpenalised_intercept_reference_saga.intercept)).toBeGreaterThan(0.3);
  });
  it('rejects non-binary labels', () => {
    expect(thrownMessage(() => l1LogisticLiblinear([[1], [2]], [0, 2], { C: 1 }))).toEqual({
      code: 'stats.notBinary',
      params: { fn: 'l1LogisticLiblinear', what: 'y[1]', value: 2 },
    });
  });
});
