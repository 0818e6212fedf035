/**
 * K-nearest-neighbour classifier for a binary outcome, reproducing scikit-learn 1.6
 * `KNeighborsClassifier(n_neighbors=k, weights=w, algorithm='brute')` (Euclidean metric), split into
 * `fitKnn` (store the training set) and `predictProba` / `predict` / `predictDetailed` (query).
 *
 * Distances: d(q, x)² = max(0, (‖q‖² + (−2·q·x)) + ‖x‖²), the expanded form scikit-learn evaluates with
 * BLAS, then d = √(d²). It differs from √Σ(q−x)² by rounding only (≈1e-15 relative on z-scored data),
 * and a query identical to a training row gets exactly d = 0 because the dot product and the row norm are
 * summed in the same order.
 *
 * Neighbour selection (tie rule): the training rows are scanned in index order and each squared distance
 * is pushed into a size-k max-heap that starts filled with +∞ (scikit-learn `utils/_heap.pyx::heap_push`).
 * A candidate whose squared distance is ≥ the current heap maximum (the root) is rejected, so a later row
 * tied with the current k-th distance never displaces an earlier one; an accepted candidate replaces the
 * ROOT and sifts down (children compared with `>=` for the left child), so when several stored entries
 * tie at the maximum the one evicted depends on the heap layout. The k-set is therefore "all rows strictly
 * closer than the k-th distance plus a heap-dependent subset of those tied at it", matching scikit-learn
 * for training sets of up to 256 rows (one distance chunk; larger sets are chunked and merged by
 * scikit-learn, which can change which tied rows are kept).
 *
 * Probabilities: 'uniform' → proba1 = (# label-1 neighbours)/k. 'distance' → weights w = 1/d; if any of
 * the k neighbours has w = +∞ (d = 0) those get weight 1 and all others 0; proba1 = Σ_{label 1} w / Σ w.
 * `predict` = 1 only if proba1 > 0.5 (argmax takes the first class on a tie, so 0.5 → class 0).
 */
import { MessageError } from '../util/message';

/** Neighbour weighting: 'uniform' (each neighbour counts 1) or 'distance' (weight 1/d). */
export type KnnWeights = 'uniform' | 'distance';

/** Options of {@link fitKnn}. */
export interface KnnOptions {
  /** Number of neighbours k (integer, 1 ≤ k ≤ number of training rows). */
  k: number;
  /** Weighting (default 'uniform'). */
  weights?: KnnWeights;
}

/** A fitted KNN model: a copy of the training data plus cached squared row norms. */
export interface KnnModel {
  /** Number of neighbours. */
  k: number;
  /** Weighting scheme. */
  weights: KnnWeights;
  /** Number of features per row. */
  nFeatures: number;
  /** Training rows (copied). */
  X: number[][];
  /** Training labels 0/1 (copied). */
  y: number[];
  /** ‖x‖² of each training row (left-to-right sum of squares). */
  sqNorms: number[];
}

/** One query's prediction with its neighbours (sorted by distance, then index). */
export interface KnnPrediction {
  /** Predicted probability of class 1. */
  proba1: number;
  /** Predicted class (1 only if proba1 > 0.5). */
  predict: 0 | 1;
  /** Training-row indices of the k neighbours, sorted by (distance, index). */
  neighbors: number[];
  /** Euclidean distances of the neighbours (same order). */
  distances: number[];
  /** Labels of the neighbours (same order). */
  labels: number[];
  /** Weights the neighbours received (1 for 'uniform'; 1/d or the zero-distance rule for 'distance'). */
  weights: number[];
  /** Number of label-1 neighbours ("6 of the 7 most similar patients reached pCR"). */
  nPositive: number;
}

/** Validate a numeric matrix: non-empty rows of equal length `d` (if given) with finite entries. */
function checkMatrix(M: ArrayLike<ArrayLike<number>>, name: string, d?: number): number {
  if (M.length === 0) throw new MessageError('stats.tooFewRows', { fn: 'KNN', what: name, n: 0, min: 1 });
  const width = d ?? M[0].length;
  if (width === 0) throw new MessageError('stats.tooFewColumns', { fn: 'KNN', what: name, n: 0, min: 1 });
  for (let i = 0; i < M.length; i++) {
    const row = M[i];
    if (row.length !== width) {
      throw new MessageError('stats.rowLength', { fn: 'KNN', what: name, i, n: row.length, expected: width });
    }
    for (let j = 0; j < width; j++) {
      if (!Number.isFinite(row[j]))
        throw new MessageError('stats.notFinite', { fn: 'KNN', what: `${name}[${i}][${j}]`, value: row[j] });
    }
  }
  return width;
}

/** ‖v‖² summed left to right. */
function sqNorm(v: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j] * v[j];
  return s;
}

/**
 * Store a training set for KNN classification.
 *
 * @param X - training rows (n × d, finite).
 * @param y - labels 0/1 (length n).
 * @param options - k and weighting.
 * @returns the model (the inputs are copied).
 * @throws Error on shape mismatch, non-finite values, labels other than 0/1, or k outside [1, n].
 */
export function fitKnn(X: ArrayLike<ArrayLike<number>>, y: ArrayLike<number>, options: KnnOptions): KnnModel {
  const d = checkMatrix(X, 'X');
  if (y.length !== X.length)
    throw new MessageError('stats.lengthMismatch', { fn: 'KNN', what: 'X, y', a: X.length, b: y.length });
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1)
      throw new MessageError('stats.notBinary', { fn: 'KNN', what: `y[${i}]`, value: y[i] });
  }
  const { k } = options;
  const weights = options.weights ?? 'uniform';
  if (!Number.isInteger(k) || k < 1)
    throw new MessageError('stats.notInteger', { fn: 'KNN', what: 'k', value: k, range: '≥ 1' });
  if (k > X.length) throw new MessageError('model.knn.kTooLarge', { k, n: X.length });
  if (weights !== 'uniform' && weights !== 'distance') {
    throw new MessageError('stats.unknownOption', {
      fn: 'KNN',
      what: 'weights',
      value: String(weights),
      allowed: "'uniform', 'distance'",
    });
  }
  const rows = Array.from(X, (r) => Array.from(r));
  return {
    k,
    weights,
    nFeatures: d,
    X: rows,
    y: Array.from(y),
    sqNorms: rows.map(sqNorm),
  };
}

/**
 * Push (val, idx) into a size-k max-heap stored in `values`/`indices` (root at 0), scikit-learn style:
 * reject if val ≥ root; otherwise the root is replaced and the new entry sifts down — at each level it
 * moves below the larger child (left child preferred when the children are equal) while val is smaller.
 */
function heapPush(values: Float64Array, indices: Int32Array, val: number, idx: number): void {
  const size = values.length;
  if (val >= values[0]) return;
  let cur = 0;
  for (;;) {
    const l = 2 * cur + 1;
    const r = l + 1;
    let sw: number;
    if (l >= size) break;
    else if (r >= size) {
      if (values[l] > val) sw = l;
      else break;
    } else if (values[l] >= values[r]) {
      if (val < values[l]) sw = l;
      else break;
    } else if (val < values[r]) sw = r;
    else break;
    values[cur] = values[sw];
    indices[cur] = indices[sw];
    cur = sw;
  }
  values[cur] = val;
  indices[cur] = idx;
}

/** The k nearest training rows of one query as (index, squared distance) pairs, sorted. */
function nearest(model: KnnModel, q: ArrayLike<number>): { idx: number[]; sq: number[] } {
  const { k, X, sqNorms } = model;
  const values = new Float64Array(k).fill(Infinity);
  const indices = new Int32Array(k).fill(-1);
  const qn = sqNorm(q);
  const d = model.nFeatures;
  for (let i = 0; i < X.length; i++) {
    const x = X[i];
    let dot = 0;
    for (let j = 0; j < d; j++) dot += q[j] * x[j];
    const sq = Math.max(0, qn + -2 * dot + sqNorms[i]);
    heapPush(values, indices, sq, i);
  }
  const order = Array.from({ length: k }, (_, i) => i).sort(
    (a, b) => values[a] - values[b] || indices[a] - indices[b],
  );
  return { idx: order.map((i) => indices[i]), sq: order.map((i) => values[i]) };
}

/**
 * Predict with full detail: probability, class, the k neighbours (indices, distances, labels, weights).
 *
 * @param model - a model from {@link fitKnn}.
 * @param Q - query rows (m × d, finite, same d as training).
 * @returns one {@link KnnPrediction} per query row.
 * @throws Error on shape mismatch or non-finite values.
 */
export function predictDetailed(model: KnnModel, Q: ArrayLike<ArrayLike<number>>): KnnPrediction[] {
  checkMatrix(Q, 'Q', model.nFeatures);
  const out: KnnPrediction[] = [];
  for (let r = 0; r < Q.length; r++) {
    const { idx, sq } = nearest(model, Q[r]);
    const distances = sq.map(Math.sqrt);
    const labels = idx.map((i) => model.y[i]);
    let weights: number[];
    if (model.weights === 'uniform') {
      weights = idx.map(() => 1);
    } else {
      const inv = distances.map((v) => 1 / v);
      const anyInf = inv.some((w) => w === Infinity);
      weights = anyInf ? inv.map((w) => (w === Infinity ? 1 : 0)) : inv;
    }
    let w0 = 0;
    let w1 = 0;
    let nPositive = 0;
    for (let i = 0; i < idx.length; i++) {
      if (labels[i] === 1) {
        w1 += weights[i];
        nPositive++;
      } else w0 += weights[i];
    }
    const proba1 = model.weights === 'uniform' ? nPositive / model.k : w1 / (w0 + w1);
    out.push({
      proba1,
      predict: proba1 > 0.5 ? 1 : 0,
      neighbors: idx,
      distances,
      labels,
      weights,
      nPositive,
    });
  }
  return out;
}

/**
 * Probability of class 1 for each query row (scikit-learn `predict_proba(Q)[:, 1]`).
 *
 * @param model - a model from {@link fitKnn}.
 * @param Q - query rows.
 * @returns proba1 per row.
 * @throws Error on shape mismatch or non-finite values.
 */
export function predictProba(model: KnnModel, Q: ArrayLike<ArrayLike<number>>): number[] {
  return predictDetailed(model, Q).map((p) => p.proba1);
}

/**
 * Predicted class per query row: 1 if proba1 > 0.5, else 0 (scikit-learn `predict`).
 *
 * @param model - a model from {@link fitKnn}.
 * @param Q - query rows.
 * @returns 0/1 per row.
 * @throws Error on shape mismatch or non-finite values.
 */
export function predict(model: KnnModel, Q: ArrayLike<ArrayLike<number>>): number[] {
  return predictDetailed(model, Q).map((p) => p.predict);
}

/**
 * Neighbour indices and distances of each query row (scikit-learn `kneighbors`, ordered by
 * (distance, index) rather than scikit-learn's unspecified order among equal distances).
 *
 * @param model - a model from {@link fitKnn}.
 * @param Q - query rows.
 * @returns per row: training indices and Euclidean distances.
 * @throws Error on shape mismatch or non-finite values.
 */
export function kneighbors(
  model: KnnModel,
  Q: ArrayLike<ArrayLike<number>>,
): { neighbors: number[]; distances: number[] }[] {
  return predictDetailed(model, Q).map((p) => ({ neighbors: p.neighbors, distances: p.distances }));
}
