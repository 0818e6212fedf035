import { describe, expect, it } from 'vitest';
import { createRng, splitMix64Next, xoshiro128ssFromState } from '../../../src/model/random';
import { thrownMessage } from '../../fixtures/thrownMessage';

describe('SplitMix64', () => {
  it('reproduces the reference outputs for state 0', () => {
    let st = 0n;
    const out: bigint[] = [];
    for (let i = 0; i < 3; i++) {
      const r = splitMix64Next(st);
      st = r.state;
      out.push(r.value);
    }
    expect(out).toEqual([0xe220a8397b1dcdafn, 0x6e789e6aa1b965f4n, 0x06c45d188009454fn]);
  });
});

describe('xoshiro128**', () => {
  it('reproduces the reference sequence from state [1, 2, 3, 4]', () => {
    const rng = xoshiro128ssFromState([1, 2, 3, 4]);
    const out = Array.from({ length: 10 }, () => rng.nextUint32());
    expect(out).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  it('seeds the state from two SplitMix64 outputs (low word first)', () => {
    const rng = createRng(12345);
    expect(rng.state()).toEqual([2849051040, 571572824, 4145281261, 879680741]);
    expect(Array.from({ length: 5 }, () => rng.nextUint32())).toEqual([
      2314518269, 2498321016, 2055377852, 4042509560, 1267802836,
    ]);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const sa = Array.from({ length: 50 }, () => a.nextUint32());
    const sb = Array.from({ length: 50 }, () => b.nextUint32());
    const sc = Array.from({ length: 50 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('draws unbiased integers in [0, n) (chi-square over 7 cells)', () => {
    const rng = createRng(2024);
    const counts = new Array<number>(7).fill(0);
    const draws = 70000;
    let allInRange = true;
    for (let i = 0; i < draws; i++) {
      const v = rng.nextInt(7);
      if (!(Number.isInteger(v) && v >= 0 && v < 7)) allInRange = false;
      else counts[v]++;
    }
    expect(allInRange).toBe(true);
    const e = draws / 7;
    const chi2 = counts.reduce((s, c) => s + ((c - e) * (c - e)) / e, 0);
    // 6 df: P(chi2 > 22.46) = 0.001.
    expect(chi2).toBeLessThan(22.46);
    expect(rng.nextInt(1)).toBe(0);
    const big = rng.nextInt(2 ** 32);
    expect(big >= 0 && big < 2 ** 32).toBe(true);
  });

  it('draws floats in [0, 1) with mean near 1/2', () => {
    const rng = createRng(99);
    let sum = 0;
    let allInRange = true;
    for (let i = 0; i < 20000; i++) {
      const u = rng.nextFloat();
      if (!(u >= 0 && u < 1)) allInRange = false;
      sum += u;
    }
    expect(allInRange).toBe(true);
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
  });

  it('rejects bad seeds, bounds and states', () => {
    expect(thrownMessage(() => createRng(1.5))).toEqual({
      code: 'stats.seed',
      params: { fn: 'createRng', value: 1.5 },
    });
    expect(thrownMessage(() => createRng(2 ** 60))).toEqual({
      code: 'stats.seed',
      params: { fn: 'createRng', value: 2 ** 60 },
    });
    for (const n of [0, 2.5, 2 ** 32 + 1]) {
      expect(thrownMessage(() => createRng(1).nextInt(n))).toEqual({
        code: 'stats.notInteger',
        params: { fn: 'nextInt', what: 'n', value: n, range: '1 … 2^32' },
      });
    }
    expect(thrownMessage(() => xoshiro128ssFromState([0, 0, 0, 0]))).toEqual({
      code: 'stats.rngZeroState',
      params: { fn: 'xoshiro128ssFromState' },
    });
    expect(thrownMessage(() => xoshiro128ssFromState([1, -1, 0, 0]))).toEqual({
      code: 'stats.notInteger',
      params: { fn: 'xoshiro128ssFromState', what: 'words', value: -1, range: '0 … 2^32 − 1' },
    });
  });

  it('accepts negative seeds (taken modulo 2^64)', () => {
    const a = createRng(-1);
    const b = createRng(-1);
    expect(a.nextUint32()).toBe(b.nextUint32());
  });
});
