import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/model/random';
import { approximateMode, kFold, stratifiedKFold, stratifiedSplit } from '../../../src/model/split';
import { thrownMessage } from '../../fixtures/thrownMessage';

/** Binary labels with nPos ones placed by a seeded shuffle. */
function labels(n: number, nPos: number, seed = 1): number[] {
  const y: number[] = Array.from({ length: n }, (_, i) => (i < nPos ? 1 : 0));
  const rng = createRng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [y[i], y[j]] = [y[j], y[i]];
  }
  return y;
}

/** Arbitrary (n, nPos, seed) with both classes of size ≥ 2. */
const caseArb = fc.integer({ min: 10, max: 150 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    nPos: fc.integer({ min: 2, max: n - 2 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 }),
    order: fc.integer({ min: 0, max: 1000 }),
  }),
);

describe('stratifiedSplit: invariants of split_rules.md', () => {
  it('§1–3: partition, n_test = ceil(0.2 n), class counts within 1 of proportional, both sets hold each class', () => {
    fc.assert(
      fc.property(caseArb, ({ n, nPos, seed, order }) => {
        const y = labels(n, nPos, order);
        const { train, test } = stratifiedSplit(y, seed);
        const all = [...train, ...test].sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
        const nTest = Math.floor((n + 4) / 5);
        expect(test.length).toBe(nTest);
        expect(train.length).toBe(n - nTest);
        expect(Math.abs(nTest - 0.2 * n)).toBeLessThan(1);
        for (const c of [0, 1]) {
          const nc = y.filter((v) => v === c).length;
          const tc = test.filter((i) => y[i] === c).length;
          expect(Math.abs(tc - (nTest * nc) / n)).toBeLessThan(1);
          expect(Math.abs(nc - tc - ((n - nTest) * nc) / n)).toBeLessThan(1);
          if ((nTest * nc) / n >= 1) {
            expect(tc).toBeGreaterThan(0);
            expect(nc - tc).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('§3: reproduces the class-count table of sklearn 1.6.1 for every seed', () => {
    const table = [
      [75, 28, 60, 22, 15, 6],
      [75, 30, 60, 24, 15, 6],
      [60, 22, 48, 18, 12, 4],
      [80, 30, 64, 24, 16, 6],
      [100, 35, 80, 28, 20, 7],
      [50, 25, 40, 20, 10, 5],
      [21, 7, 16, 5, 5, 2],
      [23, 9, 18, 7, 5, 2],
      [19, 5, 15, 4, 4, 1],
    ];
    for (const [n, nPos, trN, trPos, teN, tePos] of table) {
      for (let seed = 0; seed < 50; seed++) {
        const y = labels(n, nPos, seed + 7);
        const { train, test } = stratifiedSplit(y, seed);
        expect([train.length, train.filter((i) => y[i] === 1).length]).toEqual([trN, trPos]);
        expect([test.length, test.filter((i) => y[i] === 1).length]).toEqual([teN, tePos]);
      }
    }
  });

  it('§3: a class with fewer than 2 members is rejected', () => {
    expect(thrownMessage(() => stratifiedSplit([0, 0, 0, 0, 1], 1))).toEqual({
      code: 'model.split.classTooSmall',
      params: { label: '1', n: 1, need: 2 },
    });
    expect(thrownMessage(() => stratifiedSplit(['a', 'a', 'a', 'b', 'b', 'c'], 1))).toEqual({
      code: 'model.split.classTooSmall',
      params: { label: 'c', n: 1, need: 2 },
    });
    expect(thrownMessage(() => stratifiedSplit([0, 1, 0, 1], 1.5))).toEqual({
      code: 'stats.seed',
      params: { fn: 'stratifiedSplit', value: 1.5 },
    });
  });

  it('§4: deterministic, independent of anything but (y, seed), and seed-sensitive', () => {
    fc.assert(
      fc.property(caseArb, ({ n, nPos, seed, order }) => {
        const y = labels(n, nPos, order);
        expect(stratifiedSplit(y, seed)).toEqual(stratifiedSplit([...y], seed));
      }),
      { numRuns: 100 },
    );
    for (const [n, nPos] of [
      [20, 8],
      [75, 28],
    ]) {
      const y = labels(n, nPos, 3);
      const distinct = new Set<string>();
      for (let seed = 0; seed < 100; seed++) {
        distinct.add(
          stratifiedSplit(y, seed)
            .test.sort((a, b) => a - b)
            .join(','),
        );
      }
      expect(distinct.size).toBeGreaterThanOrEqual(90);
    }
  });

  it('§5: every case of a class lands in the test set with frequency ≈ t_c/n_c', () => {
    const n = 40;
    const y = labels(n, 14, 11);
    const S = 2000;
    const hits = new Array<number>(n).fill(0);
    let tPos = -1;
    let prevSum = 0;
    for (let s = 0; s < S; s++) {
      const { test } = stratifiedSplit(y, s);
      for (const i of test) hits[i]++;
      const pos = test.filter((i) => y[i] === 1).length;
      if (tPos < 0) tPos = pos;
      expect(pos).toBe(tPos);
      prevSum += pos / test.length;
    }
    expect(prevSum / S).toBeCloseTo(tPos / 8, 12);
    for (const c of [0, 1]) {
      const nc = y.filter((v) => v === c).length;
      const tc = c === 1 ? tPos : 8 - tPos;
      const p = tc / nc;
      const bound = 4 * Math.sqrt((p * (1 - p)) / S);
      y.forEach((v, i) => {
        if (v === c) expect(Math.abs(hits[i] / S - p)).toBeLessThan(bound);
      });
    }
  });
});

describe('approximateMode', () => {
  it('gives floors plus leftovers to the largest fractional parts', () => {
    const rng = createRng(1);
    expect(approximateMode([47, 28], 60, rng)).toEqual([38, 22]);
    expect(approximateMode([9, 6], 15, rng)).toEqual([9, 6]);
    expect(approximateMode([5, 5], 5, rng).reduce((a, b) => a + b)).toBe(5);
    expect(thrownMessage(() => approximateMode([1, 1], 3, rng))).toEqual({
      code: 'stats.notInteger',
      params: { fn: 'approximateMode', what: 'nDraws', value: 3, range: '0 … 2' },
    });
  });
});

describe('kFold (sklearn KFold, contiguous)', () => {
  it('§7: contiguous blocks, first n mod k folds one larger, train = complement', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 300 }), fc.integer({ min: 2, max: 10 }), (n, k) => {
        fc.pre(k <= n);
        const folds = kFold(n, k);
        let start = 0;
        folds.forEach((f, i) => {
          const size = Math.floor(n / k) + (i < n % k ? 1 : 0);
          expect(f.test).toEqual(Array.from({ length: size }, (_, j) => start + j));
          start += size;
          const inTest = new Set(f.test);
          expect(f.train).toEqual(Array.from({ length: n }, (_, j) => j).filter((j) => !inTest.has(j)));
        });
        expect(start).toBe(n);
      }),
    );
    expect(thrownMessage(() => kFold(3, 5))).toEqual({
      code: 'model.split.tooFewForFolds',
      params: { k: 5, n: 3 },
    });
  });
  it('seeded shuffle still partitions and is deterministic', () => {
    const a = kFold(23, 5, 9);
    expect(a).toEqual(kFold(23, 5, 9));
    expect(a.flatMap((f) => f.test).sort((x, y) => x - y)).toEqual(Array.from({ length: 23 }, (_, i) => i));
  });
});

describe('stratifiedKFold(5) with seed', () => {
  it('§7: partition; fold sizes and per-class counts differ by at most 1; deterministic', () => {
    fc.assert(
      fc.property(caseArb, ({ n, nPos, seed, order }) => {
        const y = labels(n, nPos, order);
        const folds = stratifiedKFold(y, 5, seed);
        expect(folds).toEqual(stratifiedKFold(y, 5, seed));
        const seen = new Array<number>(n).fill(0);
        for (const f of folds) {
          for (const i of f.test) seen[i]++;
          const inTest = new Set(f.test);
          expect(f.train).toEqual(Array.from({ length: n }, (_, j) => j).filter((j) => !inTest.has(j)));
        }
        expect(seen.every((s) => s === 1)).toBe(true);
        const sizes = folds.map((f) => f.test.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        for (const c of [0, 1]) {
          const cc = folds.map((f) => f.test.filter((i) => y[i] === c).length);
          expect(Math.max(...cc) - Math.min(...cc)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });
  it('§7 examples: n=75/28 → 15-row folds with 6,6,6,5,5 positives; n=60/22 → 12 rows with 5,5,4,4,4', () => {
    for (const [n, nPos, size, pos] of [
      [75, 28, 15, [6, 6, 6, 5, 5]],
      [60, 22, 12, [5, 5, 4, 4, 4]],
    ] as const) {
      const y = labels(n, nPos, 5);
      const folds = stratifiedKFold(y, 5, 42);
      expect(folds.map((f) => f.test.length)).toEqual(new Array(5).fill(size));
      const counts = folds.map((f) => f.test.filter((i) => y[i] === 1).length).sort((a, b) => b - a);
      expect(counts).toEqual([...pos]);
    }
  });
  it('different seeds give different fold assignments; bad k is rejected', () => {
    const y = labels(50, 20, 2);
    expect(stratifiedKFold(y, 5, 1)).not.toEqual(stratifiedKFold(y, 5, 2));
    expect(thrownMessage(() => stratifiedKFold(y, 1))).toEqual({
      code: 'stats.notInteger',
      params: { fn: 'stratifiedKFold', what: 'k', value: 1, range: '≥ 2' },
    });
    expect(thrownMessage(() => stratifiedKFold([0, 0, 1, 1], 5))).toEqual({
      code: 'model.split.tooFewForFolds',
      params: { k: 5, n: 4 },
    });
    expect(thrownMessage(() => stratifiedKFold([0, 0, 1, 1, 2], 3))).toEqual({
      code: 'model.split.classTooSmallForFolds',
      params: { k: 3 },
    });
  });
});
