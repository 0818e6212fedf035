import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitSampleScaler,
  fitStandardScaler,
  inverseTransformStandardScaler,
  transformSampleScaler,
  transformStandardScaler,
} from '../../../src/model/zscore';
import { thrownMessage } from '../../fixtures/thrownMessage';

const SHARED = path.resolve(__dirname, '../../../../shared');

type Num = number | string;
interface Scenario {
  name: string;
  columns: string[];
  X_train: number[][];
  X_test: number[][];
  population_sd_ddof0_sklearn_StandardScaler: {
    mean: number[];
    var: number[];
    scale: number[];
    train_transformed: number[][];
    test_transformed: number[][];
  };
  sample_sd_ddof1_pandas_spss: {
    mean: number[];
    sd: number[];
    train_transformed: Num[][];
    test_transformed: Num[][];
  };
}
const fixture = JSON.parse(readFileSync(path.join(SHARED, 'stats/zscore.json'), 'utf8')) as {
  scenarios: Scenario[];
};

function expectRel(got: number, want: number, rel: number): void {
  if (want === 0) expect(got).toBe(0);
  else expect(Math.abs(got - want) / Math.abs(want)).toBeLessThanOrEqual(rel);
}
function expectMatrixAbs(got: number[][], want: number[][], abs: number): void {
  expect(got.length).toBe(want.length);
  got.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - want[i][j])).toBeLessThanOrEqual(abs)));
}
/** Columns whose training values are not (near-)constant: the only ones with a defined ddof=1 z-score. */
function finiteColumns(s: Scenario): number[] {
  return s.sample_sd_ddof1_pandas_spss.train_transformed[0]
    .map((v, j) => [v, j] as const)
    .filter(([, j]) => s.sample_sd_ddof1_pandas_spss.train_transformed.every((r) => typeof r[j] === 'number'))
    .filter(([, j]) => s.population_sd_ddof0_sklearn_StandardScaler.var[j] > 0)
    .map(([, j]) => j);
}
const pick = (m: readonly (readonly Num[])[], cols: number[]): number[][] =>
  m.map((r) => cols.map((j) => Number(r[j])));

describe('StandardScaler (population SD) — every scenario in zscore.json', () => {
  it.each(fixture.scenarios.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const ref = s.population_sd_ddof0_sklearn_StandardScaler;
    const params = fitStandardScaler(s.X_train);
    params.mean.forEach((m, j) => expectRel(m, ref.mean[j], 1e-12));
    params.var.forEach((v, j) => (ref.var[j] === 0 ? expect(v).toBe(0) : expectRel(v, ref.var[j], 1e-12)));
    params.scale.forEach((v, j) => expectRel(v, ref.scale[j], 1e-12));
    expectMatrixAbs(transformStandardScaler(params, s.X_train), ref.train_transformed, 1e-12);
    expectMatrixAbs(transformStandardScaler(params, s.X_test), ref.test_transformed, 1e-12);
    expectMatrixAbs(inverseTransformStandardScaler(params, ref.test_transformed), s.X_test, 1e-9);
  });
});

describe('sample-SD (ddof=1) scaler — every scenario in zscore.json', () => {
  it.each(fixture.scenarios.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const ref = s.sample_sd_ddof1_pandas_spss;
    const cols = finiteColumns(s);
    const constantCols = s.columns.map((_c, j) => j).filter((j) => !cols.includes(j));
    const params = fitSampleScaler(pick(s.X_train, cols));
    cols.forEach((j, k) => {
      expectRel(params.mean[k], ref.mean[j], 1e-12);
      expectRel(params.sd[k], ref.sd[j], 1e-12);
    });
    expectMatrixAbs(
      transformSampleScaler(params, pick(s.X_train, cols)),
      pick(ref.train_transformed, cols),
      1e-12,
    );
    expectMatrixAbs(
      transformSampleScaler(params, pick(s.X_test, cols)),
      pick(ref.test_transformed, cols),
      1e-12,
    );
    // Policy: (near-)constant training columns (sd = 0 or round-off such as 1.4e-17) are rejected explicitly
    // instead of producing the NaN / ±Infinity / 7e15 values pandas records.
    for (const j of constantCols) {
      expect(thrownMessage(() => fitSampleScaler(pick(s.X_train, [j])))).toEqual({
        code: 'stats.constantColumn',
        params: { fn: 'fitSampleScaler', column: 0 },
      });
    }
  });

  it('the edge-case scenario really contains constant columns', () => {
    const edge = fixture.scenarios.find((s) => s.name === 's2_edge_cases');
    expect(edge).toBeDefined();
    expect(finiteColumns(edge as Scenario)).toEqual([2, 3]);
  });
});

describe('validation', () => {
  it('rejects ragged, non-finite and mismatched input', () => {
    expect(thrownMessage(() => fitStandardScaler([]))).toEqual({
      code: 'stats.tooFewRows',
      params: { fn: 'fitStandardScaler', what: 'X', n: 0, min: 1 },
    });
    expect(thrownMessage(() => fitStandardScaler([[1, 2], [3]]))).toEqual({
      code: 'stats.rowLength',
      params: { fn: 'fitStandardScaler', what: 'X', i: 1, n: 1, expected: 2 },
    });
    expect(thrownMessage(() => fitStandardScaler([[1, NaN]]))).toEqual({
      code: 'stats.notFinite',
      params: { fn: 'fitStandardScaler', what: 'X[0][1]', value: NaN },
    });
    const p = fitStandardScaler([
      [1, 2],
      [3, 5],
    ]);
    expect(thrownMessage(() => transformStandardScaler(p, [[1, 2, 3]]))).toEqual({
      code: 'stats.scalerWidth',
      params: { fn: 'transformStandardScaler', n: 3, expected: 2 },
    });
    expect(thrownMessage(() => fitSampleScaler([[1, 2]]))).toEqual({
      code: 'stats.tooFewRows',
      params: { fn: 'fitSampleScaler', what: 'X', n: 1, min: 2 },
    });
  });
});

describe('StandardScaler properties (fast-check)', () => {
  it('transformed training columns have mean 0 and population variance 1', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -1e3, max: 1e3, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          {
            minLength: 3,
            maxLength: 40,
          },
        ),
        (rows) => {
          const x = rows.map(([a, b]) => [a, b]);
          const params = fitStandardScaler(x);
          const z = transformStandardScaler(params, x);
          for (let j = 0; j < 2; j++) {
            if (params.scale[j] === 1 && params.var[j] !== 1) continue; // (near-)constant column
            if (params.var[j] < 1e-20) continue;
            const col = z.map((r) => r[j]);
            const m = col.reduce((s, v) => s + v, 0) / col.length;
            const v = col.reduce((s, c) => s + (c - m) ** 2, 0) / col.length;
            expect(Math.abs(m)).toBeLessThan(1e-9);
            expect(Math.abs(v - 1)).toBeLessThan(1e-9);
          }
        },
      ),
      { numRuns: 200, seed: 20261125 },
    );
  });
});
