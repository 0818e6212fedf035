/**
 * Seeded, platform-independent pseudo-random numbers for resampling (bootstrap, shuffles).
 *
 * Generator: **xoshiro128\*\*** (Blackman & Vigna, 2018; reference C code at https://prng.di.unimi.it/),
 * a 32-bit generator with a 128-bit state and period 2^128 − 1. Its state is seeded from a single
 * integer seed by **SplitMix64** (Steele, Lea & Flood 2014; the seeding procedure the xoshiro authors
 * recommend): two SplitMix64 outputs give the four 32-bit state words (low word first, then high word).
 *
 * Everything is computed with 32-bit integer operations (`Math.imul`, `>>>`) and, for seeding only,
 * `BigInt`, so a given seed yields the identical stream in every JavaScript engine and platform.
 */
import { MessageError } from '../util/message';

const MASK64 = (1n << 64n) - 1n;

/**
 * One SplitMix64 step: advances a 64-bit state by the golden gamma 0x9E3779B97F4A7C15 and returns the
 * mixed output z = (z ^ z>>30)·0xBF58476D1CE4E5B9, z = (z ^ z>>27)·0x94D049BB133111EB, z ^ z>>31 (mod 2^64).
 *
 * @param state - the current state (a BigInt in [0, 2^64)).
 * @returns the new state and the 64-bit output.
 */
export function splitMix64Next(state: bigint): { state: bigint; value: bigint } {
  const next = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  z = z ^ (z >> 31n);
  return { state: next, value: z };
}

/** Rotate a 32-bit unsigned integer left by `k` bits (0 < k < 32). */
function rotl32(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A deterministic random-number generator (see the module comment for the algorithm). */
export interface Rng {
  /** Next raw 32-bit output as an unsigned integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits: (a·2^26 + b) / 2^53 from a = top 27, b = top 26 bits. */
  nextFloat(): number;
  /**
   * Uniform integer in [0, n) without modulo bias: raw outputs x ≥ 2^32 − (2^32 mod n) are rejected and
   * the result is x mod n. Requires an integer 1 ≤ n ≤ 2^32.
   */
  nextInt(n: number): number;
  /** Copy of the internal 128-bit state as four unsigned 32-bit words (for tests and reproducibility). */
  state(): [number, number, number, number];
}

/**
 * xoshiro128** generator from an explicit 128-bit state (four unsigned 32-bit words, not all zero).
 * Output: rotl(s1·5, 7)·9; update: t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
 * s3 = rotl(s3, 11).
 *
 * @param words - the initial state [s0, s1, s2, s3].
 * @throws Error if a word is not an integer in [0, 2^32) or all words are zero.
 */
export function xoshiro128ssFromState(words: readonly [number, number, number, number]): Rng {
  for (const w of words) {
    if (!Number.isInteger(w) || w < 0 || w > 0xffffffff) {
      throw new MessageError('stats.notInteger', {
        fn: 'xoshiro128ssFromState',
        what: 'words',
        value: w,
        range: '0 … 2^32 − 1',
      });
    }
  }
  if (words.every((w) => w === 0))
    throw new MessageError('stats.rngZeroState', { fn: 'xoshiro128ssFromState' });
  const s = new Uint32Array(words);

  const nextUint32 = (): number => {
    const result = Math.imul(rotl32(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl32(s[3], 11);
    return result;
  };

  const nextInt = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > 0x100000000) {
      throw new MessageError('stats.notInteger', { fn: 'nextInt', what: 'n', value: n, range: '1 … 2^32' });
    }
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const x = nextUint32();
      if (x < limit) return x % n;
    }
  };

  const nextFloat = (): number => {
    const a = nextUint32() >>> 5;
    const b = nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  };

  return { nextUint32, nextInt, nextFloat, state: () => [s[0], s[1], s[2], s[3]] };
}

/**
 * Seeded xoshiro128** generator. The seed (any safe integer, negative values taken modulo 2^64) is the
 * initial SplitMix64 state; its first two outputs z0, z1 give the state words
 * [low32(z0), high32(z0), low32(z1), high32(z1)].
 *
 * @param seed - a safe integer (e.g. 12345).
 * @throws Error if the seed is not a safe integer.
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new MessageError('stats.seed', { fn: 'createRng', value: seed });
  let st = BigInt.asUintN(64, BigInt(seed));
  const words: number[] = [];
  for (let i = 0; i < 2; i++) {
    const r = splitMix64Next(st);
    st = r.state;
    words.push(Number(r.value & 0xffffffffn), Number(r.value >> 32n));
  }
  // SplitMix64 is a bijection of its counter, so two consecutive outputs are never both zero.
  return xoshiro128ssFromState([words[0], words[1], words[2], words[3]]);
}
