/**
 * Train/validation splitting and cross-validation folds, following scikit-learn's conventions:
 * `train_test_split(test_size=0.2, stratify=y)` (StratifiedShuffleSplit with `_approximate_mode`),
 * `StratifiedKFold(n_splits, shuffle=True)` and `KFold(n_splits)`.
 *
 * Randomness comes only from the seeded xoshiro128** generator of `random.ts`, so a given (labels,
 * seed) always gives the same split, in the same order, on every platform. A split depends on the
 * labels and the seed only. All indices refer to positions in the input label array.
 */
import { createRng } from './random';
import type { Rng } from './random';
import { MessageError } from '../util/message';

/** A train/test pair of index arrays. */
export interface IndexSplit {
  train: number[];
  test: number[];
}

/** Uniformly random permutation of 0..n−1 (Fisher–Yates, drawing from the end). */
function permutation(n: number, rng: Rng): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(out, rng);
  return out;
}

/** Fisher–Yates shuffle of an array in place. */
function shuffleInPlace<T>(a: T[], rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/** Checks a seed and returns a generator for it. */
function rngFor(seed: number, what: string): Rng {
  if (!Number.isSafeInteger(seed)) throw new MessageError('stats.seed', { fn: what, value: seed });
  return createRng(seed);
}

/**
 * Groups indices by class. Classes are sorted ascending (numbers numerically, strings lexically),
 * as numpy.unique does; the indices of each class are in increasing order.
 */
function classIndices(
  y: readonly (number | string)[],
  what: string,
): { classes: (number | string)[]; idx: number[][] } {
  if (y.length === 0) throw new MessageError('stats.tooFewValues', { fn: what, what: 'y', n: 0, min: 1 });
  const map = new Map<number | string, number[]>();
  y.forEach((v, i) => {
    if (typeof v === 'number' && !Number.isFinite(v))
      throw new MessageError('stats.notFinite', { fn: what, what: `y[${i}]`, value: v });
    const list = map.get(v);
    if (list) list.push(i);
    else map.set(v, [i]);
  });
  const classes = [...map.keys()].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number'
      ? a - b
      : String(a) < String(b)
        ? -1
        : String(a) > String(b)
          ? 1
          : 0,
  );
  return { classes, idx: classes.map((c) => map.get(c) as number[]) };
}

/**
 * sklearn `_approximate_mode`: draws `nDraws` items from classes with the given counts as close to
 * proportionally as whole items allow. Each class first gets floor(nDraws·count/total); the
 * remaining draws go to the classes with the largest fractional parts, ties among equal fractional
 * parts broken at random with `rng`.
 */
export function approximateMode(counts: readonly number[], nDraws: number, rng: Rng): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  if (!(total > 0))
    throw new MessageError('stats.outOfRange', {
      fn: 'approximateMode',
      what: 'Σ counts',
      value: total,
      range: '(0, ∞)',
    });
  if (!Number.isInteger(nDraws) || nDraws < 0 || nDraws > total) {
    throw new MessageError('stats.notInteger', {
      fn: 'approximateMode',
      what: 'nDraws',
      value: nDraws,
      range: `0 … ${total}`,
    });
  }
  const cont = counts.map((c) => (c / total) * nDraws);
  const floored = cont.map((v) => Math.floor(v));
  let need = nDraws - floored.reduce((s, v) => s + v, 0);
  if (need > 0) {
    const rem = cont.map((v, i) => v - floored[i]);
    const values = [...new Set(rem)].sort((a, b) => b - a);
    for (const value of values) {
      const inds = rem.flatMap((r, i) => (r === value ? [i] : []));
      const addNow = Math.min(inds.length, need);
      shuffleInPlace(inds, rng);
      for (const i of inds.slice(0, addNow)) floored[i] += 1;
      need -= addNow;
      if (need === 0) break;
    }
  }
  return floored;
}

/** Options of {@link stratifiedSplit}. */
export interface StratifiedSplitOptions {
  /** Fraction of cases in the test (validation) set; default 0.2 (4:1). */
  testFraction?: number;
}

/**
 * Seeded stratified train/validation split (sklearn `train_test_split(test_size=f, stratify=y)`).
 * n_test = ceil(f·n) (computed as in sklearn), n_train = n − n_test. Per-class train counts come from
 * `approximateMode(classCounts, n_train)`, test counts from `approximateMode(remaining, n_test)`;
 * within each class the cases are chosen by a seeded permutation, and the final train and test
 * arrays are themselves shuffled (their order is the order in which rows enter later steps).
 * @throws Error when a class has fewer than 2 members, or the train/test size is smaller than the
 *   number of classes, or the seed/fraction is invalid.
 */
export function stratifiedSplit(
  y: readonly (number | string)[],
  seed: number,
  options: StratifiedSplitOptions = {},
): IndexSplit {
  const f = options.testFraction ?? 0.2;
  if (!(f > 0 && f < 1))
    throw new MessageError('stats.outOfRange', {
      fn: 'stratifiedSplit',
      what: 'testFraction',
      value: f,
      range: '(0, 1)',
    });
  const rng = rngFor(seed, 'stratifiedSplit');
  const { classes, idx } = classIndices(y, 'stratifiedSplit');
  const n = y.length;
  const nTest = Math.ceil(f * n);
  const nTrain = n - nTest;
  const counts = idx.map((l) => l.length);
  counts.forEach((c, k) => {
    if (c < 2) {
      throw new MessageError('model.split.classTooSmall', { label: String(classes[k]), n: c, need: 2 });
    }
  });
  if (nTrain < classes.length || nTest < classes.length) {
    throw new MessageError('model.split.tooFewCases', { n, nTrain, nTest, classes: classes.length });
  }
  const trainCounts = approximateMode(counts, nTrain, rng);
  const testCounts = approximateMode(
    counts.map((c, k) => c - trainCounts[k]),
    nTest,
    rng,
  );
  const train: number[] = [];
  const test: number[] = [];
  idx.forEach((members, k) => {
    const perm = permutation(members.length, rng).map((i) => members[i]);
    train.push(...perm.slice(0, trainCounts[k]));
    test.push(...perm.slice(trainCounts[k], trainCounts[k] + testCounts[k]));
  });
  shuffleInPlace(train, rng);
  shuffleInPlace(test, rng);
  return { train, test };
}

/**
 * Contiguous K-fold (sklearn `KFold(k, shuffle=False)`): fold f's test part is a block of rows in
 * order; the first n mod k folds have floor(n/k)+1 rows, the rest floor(n/k). With a `seed` the row
 * order is first permuted (`KFold(shuffle=True)` semantics, with this library's generator).
 * Train parts are the complements, in increasing order.
 * @throws Error when k < 2 or k > n.
 */
export function kFold(n: number, k = 5, seed?: number): IndexSplit[] {
  if (!Number.isInteger(n) || n < 1)
    throw new MessageError('stats.notInteger', { fn: 'kFold', what: 'n', value: n, range: '≥ 1' });
  if (!Number.isInteger(k) || k < 2)
    throw new MessageError('stats.notInteger', { fn: 'kFold', what: 'k', value: k, range: '≥ 2' });
  if (k > n) throw new MessageError('model.split.tooFewForFolds', { k, n });
  const order =
    seed === undefined ? Array.from({ length: n }, (_, i) => i) : permutation(n, rngFor(seed, 'kFold'));
  const folds: IndexSplit[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    const test = order.slice(start, start + size);
    start += size;
    const inTest = new Uint8Array(n);
    for (const i of test) inTest[i] = 1;
    const train: number[] = [];
    for (let i = 0; i < n; i++) if (!inTest[i]) train.push(i);
    folds.push({ train, test });
  }
  return folds;
}

/**
 * Stratified K-fold (sklearn `StratifiedKFold(k, shuffle=True, random_state=seed)` allocation):
 * labels are encoded in order of first appearance and sorted; fold f receives the sorted entries
 * f, f+k, f+2k, …, which fixes each class's count per fold (counts differ by at most 1 between
 * folds, and fold sizes too); each class's fold assignments are then shuffled with the seed.
 * Without a seed the assignment is in row order (shuffle=False). Test and train parts are sorted.
 * @throws Error when k < 2, or every class has fewer than k members, or k > n.
 */
export function stratifiedKFold(y: readonly (number | string)[], k = 5, seed?: number): IndexSplit[] {
  if (!Number.isInteger(k) || k < 2) {
    throw new MessageError('stats.notInteger', { fn: 'stratifiedKFold', what: 'k', value: k, range: '≥ 2' });
  }
  const n = y.length;
  if (k > n) throw new MessageError('model.split.tooFewForFolds', { k, n });
  const rng = seed === undefined ? null : rngFor(seed, 'stratifiedKFold');
  const code = new Map<number | string, number>();
  const enc = y.map((v, i) => {
    if (typeof v === 'number' && !Number.isFinite(v))
      throw new MessageError('stats.notFinite', { fn: 'stratifiedKFold', what: `y[${i}]`, value: v });
    let c = code.get(v);
    if (c === undefined) {
      c = code.size;
      code.set(v, c);
    }
    return c;
  });
  const nClasses = code.size;
  const counts = new Array<number>(nClasses).fill(0);
  for (const c of enc) counts[c]++;
  if (counts.every((c) => c < k)) {
    throw new MessageError('model.split.classTooSmallForFolds', { k });
  }
  const sorted = [...enc].sort((a, b) => a - b);
  const alloc = Array.from({ length: k }, () => new Array<number>(nClasses).fill(0));
  sorted.forEach((c, i) => alloc[i % k][c]++);
  const testFold = new Array<number>(n).fill(0);
  for (let c = 0; c < nClasses; c++) {
    const folds: number[] = [];
    for (let f = 0; f < k; f++) for (let r = 0; r < alloc[f][c]; r++) folds.push(f);
    if (rng) shuffleInPlace(folds, rng);
    let t = 0;
    for (let i = 0; i < n; i++) if (enc[i] === c) testFold[i] = folds[t++];
  }
  return Array.from({ length: k }, (_, f) => {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (testFold[i] === f ? test : train).push(i);
    return { train, test };
  });
}
