import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  pearson,
  pearsonMatrix,
  rankColumns,
  spearman,
  spearmanMatrix,
} from '../../../src/model/correlation';
import { fitStandardScaler, transformStandardScaler } from '../../../src/model/zscore';
import { thrownMessage } from '../../fixtures/thrownMessage';

const SHARED = path.resolve(__dirname, '../../../../shared');
const fixture = JSON.parse(readFileSync(path.join(SHARED, 'stats/selection.json'), 'utf8')) as {
  X: number[][];
  pearson_zscored: number[][];
  pearson_raw: number[][];
  spearman: number[][];
  'correlated_pairs_abs_gt_0.5': { i: number; j: number; pearson: number; spearman: number }[];
};

function expectMatrixRel(got: number[][], want: number[][], rel: number): void {
  expect(got.length).toBe(want.length);
  want.forEach((row, i) =>
    row.forEach((w, j) => expect(Math.abs(got[i][j] - w)).toBeLessThanOrEqual(rel * Math.abs(w))),
  );
}

describe('correlation matrices (selection.json, all 12 × 12 entries)', () => {
  it('Pearson on raw features matches numpy.corrcoef to 1e-12 relative', () => {
    expectMatrixRel(pearsonMatrix(fixture.X), fixture.pearson_raw, 1e-12);
  });
  it('Pearson on z-scored features matches to 1e-12 relative', () => {
    const z = transformStandardScaler(fitStandardScaler(fixture.X), fixture.X);
    expectMatrixRel(pearsonMatrix(z), fixture.pearson_zscored, 1e-12);
  });
  it('Spearman with ties (average ranks) matches scipy.spearmanr to 1e-12 relative', () => {
    expectMatrixRel(spearmanMatrix(fixture.X), fixture.spearman, 1e-12);
  });
  it.each(fixture['correlated_pairs_abs_gt_0.5'].map((c) => [c.i, c.j, c] as const))(
    'pair (%i, %i) via the vector API',
    (i, j, c) => {
      const a = fixture.X.map((r) => r[i]);
      const b = fixture.X.map((r) => r[j]);
      expect(Math.abs(pearson(a, b) - c.pearson)).toBeLessThanOrEqual(1e-12 * Math.abs(c.pearson));
      expect(Math.abs(spearman(a, b) - c.spearman)).toBeLessThanOrEqual(1e-12 * Math.abs(c.spearman));
    },
  );
});

describe('correlation edge cases', () => {
  it('ranks ties by their mean rank and handles perfect monotone relations', () => {
    expect(rankColumns([[10], [20], [10], [5]]).map((r) => r[0])).toEqual([2.5, 4, 2.5, 1]);
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBe(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
  });
  it('rejects constant columns, short or mismatched input', () => {
    expect(thrownMessage(() => pearson([1, 1, 1], [1, 2, 3]))).toEqual({
      code: 'stats.constantColumn',
      params: { fn: 'pearsonMatrix', column: 0 },
    });
    expect(thrownMessage(() => pearsonMatrix([[1, 2]]))).toEqual({
      code: 'stats.tooFewRows',
      params: { fn: 'pearsonMatrix', what: 'X', n: 1, min: 2 },
    });
    expect(thrownMessage(() => spearman([1, 2], [1, 2, 3]))).toEqual({
      code: 'stats.lengthMismatch',
      params: { fn: 'spearman', what: 'a, b', a: 2, b: 3 },
    });
    expect(
      thrownMessage(() =>
        pearsonMatrix([
          [1, 2],
          [Infinity, 3],
        ]),
      ),
    ).toEqual({ code: 'stats.notFinite', params: { fn: 'pearsonMatrix', what: 'X[1][0]', value: Infinity } });
  });
});
