import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bootstrapAucCi, percentile, quantileType7 } from '../../../src/model/bootstrap';
import { createRng } from '../../../src/model/random';
import type { Rng } from '../../../src/model/random';
import { aucMannWhitney } from '../../../src/model/roc';
import { thrownMessage } from '../../fixtures/thrownMessage';

const STATS = fileURLToPath(new URL('../../../../shared/stats/', import.meta.url));

interface BootstrapFixture {
  y: number[];
  scores: number[];
  auc: number;
  n_boot: number;
  bootstrap_aucs: number[];
  first_two_resample_indices: number[][];
  percentile_ci95: [number, number];
  bootstrap_mean: number;
  bootstrap_sd_ddof1: number;
  recommended_tolerance: { percentile_ci95_any_rng_abs: number };
}
const fx = JSON.parse(readFileSync(`${STATS}bootstrap.json`, 'utf8')) as BootstrapFixture;

describe('percentile step (numpy linear = R type 7) on the recorded 2000 AUCs', () => {
  it('reproduces percentile_ci95 within 1e-12', () => {
    expect(fx.bootstrap_aucs).toHaveLength(2000);
    const lo = percentile(fx.bootstrap_aucs, 2.5);
    const hi = percentile(fx.bootstrap_aucs, 97.5);
    expect(Math.abs(lo - fx.percentile_ci95[0])).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(hi - fx.percentile_ci95[1])).toBeLessThanOrEqual(1e-12);
  });

  it('matches textbook type-7 values', () => {
    expect(quantileType7([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileType7([4, 1, 3, 2], 0.25)).toBe(1.75);
    expect(quantileType7([10], 0.3)).toBe(10);
    expect(quantileType7([1, 2, 3], 1)).toBe(3);
    expect(quantileType7([1, 2, 3], 0)).toBe(1);
    expect(percentile([0, 10], 97.5)).toBe(9.75);
  });

  it('rejects bad input', () => {
    expect(thrownMessage(() => quantileType7([], 0.5))).toEqual({
      code: 'stats.tooFewValues',
      params: { fn: 'quantileType7', what: 'values', n: 0, min: 1 },
    });
    expect(thrownMessage(() => quantileType7([1, 2], 1.5))).toEqual({
      code: 'stats.outOfRange',
      params: { fn: 'quantileType7', what: 'q', value: 1.5, range: '[0, 1]' },
    });
    expect(thrownMessage(() => quantileType7([1, NaN], 0.5))).toEqual({
      code: 'stats.notFinite',
      params: { fn: 'quantileType7', what: 'values[1]', value: NaN },
    });
  });
});

describe('stratified bootstrap of the AUC', () => {
  it('computes the same resample AUC as numpy for the recorded first two resamples', () => {
    // Replay the recorded resamples through a generator that returns their within-class positions.
    const pos = fx.y.flatMap((v, i) => (v === 1 ? [i] : []));
    const neg = fx.y.flatMap((v, i) => (v === 0 ? [i] : []));
    const queue: number[] = [];
    for (const idx of fx.first_two_resample_indices) {
      idx.slice(0, pos.length).forEach((i) => queue.push(pos.indexOf(i)));
      idx.slice(pos.length).forEach((i) => queue.push(neg.indexOf(i)));
    }
    expect(queue.every((q) => q >= 0)).toBe(true);
    let k = 0;
    const replay: Rng = {
      nextInt: () => queue[k++],
      nextUint32: () => {
        throw new Error('unused');
      },
      nextFloat: () => {
        throw new Error('unused');
      },
      state: () => [0, 0, 0, 0],
    };
    const r = bootstrapAucCi(fx.y, fx.scores, { nBoot: 2, rng: replay });
    expect(k).toBe(queue.length);
    expect(Math.abs(r.aucs[0] - fx.bootstrap_aucs[0])).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(r.aucs[1] - fx.bootstrap_aucs[1])).toBeLessThanOrEqual(1e-15);
    expect(r.seed).toBeNull();
  });

  it('B = 2000 with xoshiro128** (seed 12345): CI bounds within 0.02 of the numpy result', () => {
    const r = bootstrapAucCi(fx.y, fx.scores, { nBoot: fx.n_boot, seed: 12345 });
    const tol = fx.recommended_tolerance.percentile_ci95_any_rng_abs;
    expect(tol).toBe(0.02);
    expect(Math.abs(r.auc - fx.auc)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(r.ci[0] - fx.percentile_ci95[0])).toBeLessThanOrEqual(tol);
    expect(Math.abs(r.ci[1] - fx.percentile_ci95[1])).toBeLessThanOrEqual(tol);
    expect(Math.abs(r.mean - fx.bootstrap_mean)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(r.sd - fx.bootstrap_sd_ddof1)).toBeLessThanOrEqual(0.005);
    expect(r.aucs).toHaveLength(2000);
    expect(r.seed).toBe(12345);
    expect(r.ci).toEqual([percentile(r.aucs, 2.5), percentile(r.aucs, 97.5)]);
  });

  it('every resample AUC equals a direct Mann–Whitney AUC of the same resample', () => {
    const y = [1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 1];
    const s = [0.9, 0.3, 0.3, 0.7, 0.5, 0.3, 0.5, 0.1, 0.8, 0.6, 0.2, 0.3];
    const pos = y.flatMap((v, i) => (v === 1 ? [i] : []));
    const neg = y.flatMap((v, i) => (v === 0 ? [i] : []));
    const a = createRng(5);
    const b = createRng(5);
    const r = bootstrapAucCi(y, s, { nBoot: 50, rng: a });
    for (let rep = 0; rep < 50; rep++) {
      const idx = [
        ...pos.map(() => pos[b.nextInt(pos.length)]),
        ...neg.map(() => neg[b.nextInt(neg.length)]),
      ];
      const direct = aucMannWhitney(
        idx.map((i) => y[i]),
        idx.map((i) => s[i]),
      );
      expect(r.aucs[rep]).toBe(direct);
    }
  });

  it('is deterministic per seed', () => {
    const a = bootstrapAucCi(fx.y, fx.scores, { nBoot: 200, seed: 1 });
    const b = bootstrapAucCi(fx.y, fx.scores, { nBoot: 200, seed: 1 });
    expect(Array.from(a.aucs)).toEqual(Array.from(b.aucs));
  });

  it('2000 resamples of 2000 cases give a CI around the AUC (speed is measured in npm run bench)', () => {
    const rng = createRng(42);
    const n = 2000;
    const y = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const s = y.map((v) => Math.round((v * 0.8 + rng.nextFloat()) * 1000) / 1000);
    const r = bootstrapAucCi(y, s, { nBoot: 2000, seed: 3 });
    expect(r.aucs).toHaveLength(2000);
    expect(r.ci[0]).toBeLessThan(r.auc);
    expect(r.ci[1]).toBeGreaterThan(r.auc);
  });

  it('rejects bad options', () => {
    expect(thrownMessage(() => bootstrapAucCi([1, 0], [1, 0], { nBoot: 0 }))).toEqual({
      code: 'stats.notInteger',
      params: { fn: 'bootstrapAucCi', what: 'nBoot', value: 0, range: '≥ 1' },
    });
    expect(thrownMessage(() => bootstrapAucCi([1, 0], [1, 0], { confLevel: 1.2 }))).toEqual({
      code: 'stats.outOfRange',
      params: { fn: 'bootstrapAucCi', what: 'confLevel', value: 1.2, range: '(0, 1)' },
    });
    expect(thrownMessage(() => bootstrapAucCi([1, 1], [1, 0]))).toEqual({
      code: 'stats.needBothClasses',
      params: { fn: 'bootstrapAucCi', nPos: 2, nNeg: 0, min: 1 },
    });
  });
});
