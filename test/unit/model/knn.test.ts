import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitKnn, kneighbors, predict, predictDetailed, predictProba } from '../../../src/model/knn';
import type { KnnWeights } from '../../../src/model/knn';
import { thrownMessage } from '../../fixtures/thrownMessage';

const STATS = fileURLToPath(new URL('../../../../shared/stats/', import.meta.url));

interface QueryResult {
  proba1: number;
  predict: number;
  neighbors: number[];
  neighbor_distances: number[];
  neighbor_labels: number[];
  tie_at_kth: boolean;
  lowest_index_rule_neighbors?: number[];
}
interface Scenario {
  name: string;
  X: number[][];
  y: number[];
  queries: number[][];
  results: { k: number; weights: KnnWeights; per_query: QueryResult[] }[];
}
const fixture = JSON.parse(readFileSync(`${STATS}knn.json`, 'utf8')) as { scenarios: Scenario[] };

const sorted = (a: number[]): number[] => [...a].sort((p, q) => p - q);

describe('KNN vs scikit-learn KNeighborsClassifier(algorithm=brute) — knn.json', () => {
  it('has the 7 scenarios', () => {
    expect(fixture.scenarios).toHaveLength(7);
  });

  for (const sc of fixture.scenarios) {
    it(`${sc.name}: every k, weighting and query`, () => {
      let checked = 0;
      for (const res of sc.results) {
        const model = fitKnn(sc.X, sc.y, { k: res.k, weights: res.weights });
        const preds = predictDetailed(model, sc.queries);
        expect(preds).toHaveLength(sc.queries.length);
        res.per_query.forEach((exp, qi) => {
          const got = preds[qi];
          const where = `${sc.name} k=${res.k} ${res.weights} query ${qi}`;
          // Neighbour set: exact (heap tie rule emulated, including tie_at_kth queries).
          expect(sorted(got.neighbors), where).toEqual(sorted(exp.neighbors));
          if (exp.lowest_index_rule_neighbors) {
            expect(sorted(got.neighbors), where).not.toEqual(sorted(exp.lowest_index_rule_neighbors));
          }
          // Distances: per neighbour index, within 1e-10 relative of the exact sqrt(sum sq).
          exp.neighbors.forEach((idx, j) => {
            const pos = got.neighbors.indexOf(idx);
            const d = got.distances[pos];
            const e = exp.neighbor_distances[j];
            expect(Math.abs(d - e), where).toBeLessThanOrEqual(1e-10 * Math.max(1, e));
            expect(got.labels[pos]).toBe(exp.neighbor_labels[j]);
            if (e === 0) expect(d, where).toBe(0);
          });
          for (let j = 1; j < got.distances.length; j++) {
            expect(got.distances[j]).toBeGreaterThanOrEqual(got.distances[j - 1]);
          }
          if (res.weights === 'uniform') expect(got.proba1, where).toBe(exp.proba1);
          else expect(Math.abs(got.proba1 - exp.proba1), where).toBeLessThanOrEqual(1e-10);
          expect(got.predict, where).toBe(exp.predict);
          expect(got.nPositive).toBe(got.labels.filter((l) => l === 1).length);
          checked++;
        });
        expect(predictProba(model, sc.queries)).toEqual(preds.map((p) => p.proba1));
        expect(predict(model, sc.queries)).toEqual(preds.map((p) => p.predict));
      }
      expect(checked).toBe(sc.results.length * sc.queries.length);
    });
  }

  it('s7: keeps index 2 and drops index 0 at the tied 3rd distance (max-heap, not stable sort)', () => {
    const sc = fixture.scenarios.find((s) => s.name.startsWith('s7'))!;
    const model = fitKnn(sc.X, sc.y, { k: 3 });
    const [p] = predictDetailed(model, sc.queries);
    expect(p.neighbors).toEqual([3, 4, 2]);
    expect(p.distances).toEqual([1, 1.5, 2]);
    expect(p.proba1).toBe(2 / 3);
  });
});

describe('KNN rules', () => {
  it('distance weights: a zero distance gets weight 1 and all others 0', () => {
    const X = [[0], [0], [1], [2]];
    const y = [1, 0, 1, 1];
    const model = fitKnn(X, y, { k: 3, weights: 'distance' });
    const [p] = predictDetailed(model, [[0]]);
    expect(p.neighbors).toEqual([0, 1, 2]);
    expect(p.weights).toEqual([1, 1, 0]);
    expect(p.proba1).toBe(0.5);
    // proba 0.5 → class 0 (argmax takes the first class)
    expect(p.predict).toBe(0);
  });

  it('distance weights: 1/d otherwise', () => {
    const model = fitKnn([[1], [3], [10]], [1, 0, 1], { k: 2, weights: 'distance' });
    const [p] = predictDetailed(model, [[0]]);
    expect(p.weights).toEqual([1, 1 / 3]);
    expect(p.proba1).toBeCloseTo(1 / (1 + 1 / 3), 15);
  });

  it('uniform proba 0.5 predicts class 0; reports 6 of 7 positive neighbours', () => {
    const m2 = fitKnn([[0], [1]], [1, 0], { k: 2 });
    expect(predict(m2, [[0.2]])).toEqual([0]);
    const X = Array.from({ length: 10 }, (_, i) => [i]);
    const y = [1, 1, 1, 0, 1, 1, 1, 0, 0, 0];
    const [p] = predictDetailed(fitKnn(X, y, { k: 7 }), [[3]]);
    expect(p.nPositive).toBe(6);
    expect(p.proba1).toBe(6 / 7);
    expect(kneighbors(fitKnn(X, y, { k: 2 }), [[3.25]])).toEqual([
      { neighbors: [3, 4], distances: [0.25, 0.75] },
    ]);
  });

  it('copies its inputs', () => {
    const X = [[1], [2]];
    const model = fitKnn(X, [0, 1], { k: 1 });
    X[0][0] = 100;
    expect(predictProba(model, [[1]])).toEqual([0]);
  });

  it('rejects bad input with specific messages', () => {
    const knn = (params: Record<string, unknown>) => ({ fn: 'KNN', ...params });
    expect(thrownMessage(() => fitKnn([], [], { k: 1 }))).toEqual({
      code: 'stats.tooFewRows',
      params: knn({ what: 'X', n: 0, min: 1 }),
    });
    expect(thrownMessage(() => fitKnn([[1], [2]], [0], { k: 1 }))).toEqual({
      code: 'stats.lengthMismatch',
      params: knn({ what: 'X, y', a: 2, b: 1 }),
    });
    expect(thrownMessage(() => fitKnn([[1], [2, 3]], [0, 1], { k: 1 }))).toEqual({
      code: 'stats.rowLength',
      params: knn({ what: 'X', i: 1, n: 2, expected: 1 }),
    });
    expect(thrownMessage(() => fitKnn([[1], [NaN]], [0, 1], { k: 1 }))).toEqual({
      code: 'stats.notFinite',
      params: knn({ what: 'X[1][0]', value: NaN }),
    });
    expect(thrownMessage(() => fitKnn([[1], [2]], [0, 2], { k: 1 }))).toEqual({
      code: 'stats.notBinary',
      params: knn({ what: 'y[1]', value: 2 }),
    });
    expect(thrownMessage(() => fitKnn([[1], [2]], [0, 1], { k: 3 }))).toEqual({
      code: 'model.knn.kTooLarge',
      params: { k: 3, n: 2 },
    });
    expect(thrownMessage(() => fitKnn([[1], [2]], [0, 1], { k: 0 }))).toEqual({
      code: 'stats.notInteger',
      params: knn({ what: 'k', value: 0, range: '≥ 1' }),
    });
    expect(
      thrownMessage(() => fitKnn([[1], [2]], [0, 1], { k: 1, weights: 'cosine' as KnnWeights })),
    ).toEqual({
      code: 'stats.unknownOption',
      params: knn({ what: 'weights', value: 'cosine', allowed: "'uniform', 'distance'" }),
    });
    const model = fitKnn([[1, 2]], [1], { k: 1 });
    expect(thrownMessage(() => predictProba(model, [[1]]))).toEqual({
      code: 'stats.rowLength',
      params: knn({ what: 'Q', i: 0, n: 1, expected: 2 }),
    });
    expect(thrownMessage(() => predictProba(model, [[1, Infinity]]))).toEqual({
      code: 'stats.notFinite',
      params: knn({ what: 'Q[0][1]', value: Infinity }),
    });
  });
});

describe('KNN properties (fast-check)', () => {
  it('the k-set holds every row strictly closer than the k-th distance, and k rows in all', () => {
    const data = fc.record({
      X: fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })), {
        minLength: 1,
        maxLength: 30,
      }),
      q: fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })),
      k: fc.integer({ min: 1, max: 9 }),
      seed: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(data, ({ X, q, k, seed }) => {
        const kk = Math.min(k, X.length);
        const y = X.map((_, i) => (i * 7 + seed) % 2);
        const [p] = predictDetailed(fitKnn(X, y, { k: kk }), [q]);
        expect(new Set(p.neighbors).size).toBe(kk);
        const exact = X.map(([a, b]) => Math.sqrt((a - q[0]) ** 2 + (b - q[1]) ** 2));
        const kth = p.distances[kk - 1];
        exact.forEach((d, i) => {
          if (d < kth) expect(p.neighbors).toContain(i);
        });
        p.neighbors.forEach((i, j) => expect(p.distances[j]).toBe(exact[i]));
        expect(p.proba1).toBe(p.nPositive / kk);
      }),
    );
  });
});
