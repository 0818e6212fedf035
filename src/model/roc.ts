/**
 * ROC analysis for a binary outcome and a continuous score (higher score = more likely positive).
 *
 * - AUC: the Mann–Whitney statistic with ties counted ½ (identical to scikit-learn `roc_auc_score` and
 *   pROC `auc`, up to rounding).
 * - ROC curve: scikit-learn `roc_curve` semantics (≥ 1.3), including `drop_intermediate`.
 * - Youden index: J = TPR − FPR over the full curve, first (highest-threshold) maximum.
 *
 * DeLong variances and tests are in `delong.ts`; metrics at a threshold in `metrics.ts`.
 */
import { MessageError } from '../util/message';

/** Labels (0 = negative, 1 = positive) as a plain or typed array. */
export type BinaryLabels = ArrayLike<number>;
/** Scores as a plain or typed array; all values must be finite. */
export type Scores = ArrayLike<number>;

/** Class counts of a validated label/score pair. */
export interface ClassCounts {
  /** Number of cases. */
  n: number;
  /** Number of positives (label 1). */
  nPos: number;
  /** Number of negatives (label 0). */
  nNeg: number;
}

/**
 * Check a label/score pair: equal lengths, labels exactly 0 or 1, finite scores and (unless
 * `requireBothClasses` is false) at least one case of each class.
 *
 * @param y - labels.
 * @param scores - scores.
 * @param context - name of the calling statistic, used in error messages.
 * @param requireBothClasses - whether both classes must be present (default true).
 * @returns the class counts.
 * @throws Error describing the first problem found.
 */
export function validateBinaryScores(
  y: BinaryLabels,
  scores: Scores,
  context: string,
  requireBothClasses = true,
): ClassCounts {
  if (y.length !== scores.length) {
    throw new MessageError('stats.lengthMismatch', {
      fn: context,
      what: 'y, scores',
      a: y.length,
      b: scores.length,
    });
  }
  if (y.length === 0) throw new MessageError('stats.tooFewValues', { fn: context, what: 'y', n: 0, min: 1 });
  let nPos = 0;
  for (let i = 0; i < y.length; i++) {
    const label = y[i];
    if (label !== 0 && label !== 1)
      throw new MessageError('stats.notBinary', { fn: context, what: `y[${i}]`, value: label });
    if (!Number.isFinite(scores[i])) {
      throw new MessageError('stats.notFinite', { fn: context, what: `scores[${i}]`, value: scores[i] });
    }
    nPos += label;
  }
  const nNeg = y.length - nPos;
  if (requireBothClasses && (nPos === 0 || nNeg === 0)) {
    throw new MessageError('stats.needBothClasses', { fn: context, nPos, nNeg, min: 1 });
  }
  return { n: y.length, nPos, nNeg };
}

/** Cases sorted by score with groups of equal scores (tie groups). */
export interface ScoreGroups {
  /** Case indices sorted by ascending score (ties in index order). */
  order: Int32Array;
  /** Tie-group id (0 = lowest score) of each case, indexed by the ORIGINAL case index. */
  groupOf: Int32Array;
  /** Start position in `order` of each group, plus a final entry = n (length = nGroups + 1). */
  groupStart: Int32Array;
  /** Number of distinct scores. */
  nGroups: number;
}

/**
 * Sort the cases by score and group equal scores (exact floating-point equality).
 *
 * @param scores - finite scores.
 * @returns the sorted order and the tie groups.
 */
export function scoreGroups(scores: Scores): ScoreGroups {
  const n = scores.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[a] - scores[b] || a - b);
  const groupOf = new Int32Array(n);
  const starts: number[] = [];
  let g = -1;
  for (let p = 0; p < n; p++) {
    if (p === 0 || scores[order[p]] !== scores[order[p - 1]]) {
      g++;
      starts.push(p);
    }
    groupOf[order[p]] = g;
  }
  starts.push(n);
  return { order, groupOf, groupStart: Int32Array.from(starts), nGroups: g + 1 };
}

/**
 * Area under the ROC curve as the Mann–Whitney statistic:
 * AUC = (1 / (m·n)) Σ_i Σ_j ψ(X_i, Y_j), ψ = 1 if X_i > Y_j, ½ if X_i = Y_j, 0 otherwise,
 * over the m positives X and n negatives Y. Computed in O(N log N) by sweeping tie groups in ascending
 * order: 2·Σψ = Σ_groups pos_g · (2·neg_below_g + neg_g) is an exact integer, divided once by 2mn.
 *
 * @param y - labels 0/1 (both classes required).
 * @param scores - finite scores, higher = more likely positive.
 * @returns the AUC in [0, 1].
 * @throws Error on invalid input or a single class.
 */
export function aucMannWhitney(y: BinaryLabels, scores: Scores): number {
  const { nPos, nNeg } = validateBinaryScores(y, scores, 'aucMannWhitney');
  const { order, groupStart, nGroups } = scoreGroups(scores);
  let twiceSum = 0;
  let negBelow = 0;
  for (let g = 0; g < nGroups; g++) {
    let pos = 0;
    let neg = 0;
    for (let p = groupStart[g]; p < groupStart[g + 1]; p++) {
      if (y[order[p]] === 1) pos++;
      else neg++;
    }
    twiceSum += pos * (2 * negBelow + neg);
    negBelow += neg;
  }
  return twiceSum / (2 * nPos * nNeg);
}

/** Points of an empirical ROC curve (scikit-learn `roc_curve` layout). */
export interface RocCurve {
  /** False-positive rate FP/n_neg at each threshold (starts at 0). */
  fpr: number[];
  /** True-positive rate TP/n_pos at each threshold (starts at 0). */
  tpr: number[];
  /** Thresholds: +Infinity first, then distinct scores in decreasing order. Positive means score ≥ t. */
  thresholds: number[];
  /** True-positive counts at each threshold. */
  tps: number[];
  /** False-positive counts at each threshold. */
  fps: number[];
}

/** Options of {@link rocCurve}. */
export interface RocCurveOptions {
  /**
   * Drop collinear intermediate points like scikit-learn's default `drop_intermediate=True`: a point is
   * kept if it is the first or last of the un-prefixed curve or if the second difference of FP or TP
   * counts there is non-zero. Default false (every distinct threshold, as with `drop_intermediate=False`).
   */
  dropIntermediate?: boolean;
}

/**
 * Empirical ROC curve with scikit-learn's `roc_curve` semantics: thresholds are the distinct scores in
 * decreasing order preceded by +Infinity; point i counts score ≥ thresholds[i] as positive, so
 * (fpr, tpr) runs from (0, 0) to (1, 1). TP/FP counts are exact integers; rates are count / class size.
 *
 * @param y - labels 0/1 (both classes required).
 * @param scores - finite scores.
 * @param options - see {@link RocCurveOptions}.
 * @returns the curve.
 * @throws Error on invalid input or a single class.
 */
export function rocCurve(y: BinaryLabels, scores: Scores, options: RocCurveOptions = {}): RocCurve {
  const { nPos, nNeg } = validateBinaryScores(y, scores, 'rocCurve');
  const { order, groupStart, nGroups } = scoreGroups(scores);
  // Walk groups from the highest score down, accumulating TP/FP counts.
  let tps: number[] = [];
  let fps: number[] = [];
  let thr: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let g = nGroups - 1; g >= 0; g--) {
    for (let p = groupStart[g]; p < groupStart[g + 1]; p++) {
      if (y[order[p]] === 1) tp++;
      else fp++;
    }
    tps.push(tp);
    fps.push(fp);
    thr.push(scores[order[groupStart[g]]]);
  }
  if (options.dropIntermediate && tps.length > 2) {
    const keep: number[] = [0];
    for (let i = 1; i < tps.length - 1; i++) {
      const d2f = fps[i + 1] - 2 * fps[i] + fps[i - 1];
      const d2t = tps[i + 1] - 2 * tps[i] + tps[i - 1];
      if (d2f !== 0 || d2t !== 0) keep.push(i);
    }
    keep.push(tps.length - 1);
    tps = keep.map((i) => tps[i]);
    fps = keep.map((i) => fps[i]);
    thr = keep.map((i) => thr[i]);
  }
  tps.unshift(0);
  fps.unshift(0);
  thr.unshift(Infinity);
  return {
    fpr: fps.map((v) => v / nNeg),
    tpr: tps.map((v) => v / nPos),
    thresholds: thr,
    tps,
    fps,
  };
}

/**
 * Where a new score falls on a stored ROC curve: the index of the point that calls positive exactly the
 * evaluated cases scoring ≥ `score`, i.e. the last point whose threshold is ≥ `score`. Index 0 (nobody
 * positive, threshold +Infinity, stored as null in model files) when `score` is above every threshold.
 *
 * @param thresholds - the curve's thresholds, decreasing, +Infinity or null first (full curve, as
 *   {@link rocCurve} without `dropIntermediate`; with dropped points the nearest kept point at or
 *   above the score is returned).
 * @param score - the new case's score (finite).
 * @returns the index into the curve's fpr/tpr arrays.
 */
export function rocIndexAt(thresholds: ReadonlyArray<number | null>, score: number): number {
  if (!Number.isFinite(score))
    throw new MessageError('stats.notFinite', { fn: 'rocIndexAt', what: 'score', value: score });
  let index = 0;
  for (let i = 1; i < thresholds.length; i++) {
    const t = thresholds[i];
    if (t === null || t < score) break;
    index = i;
  }
  return index;
}

/** Youden-optimal operating point. */
export interface YoudenPoint {
  /** Index of the point in the full (`dropIntermediate: false`) ROC curve. */
  index: number;
  /** Threshold (positive if score ≥ threshold); +Infinity when no threshold beats J = 0. */
  threshold: number;
  /** Youden's J = sensitivity + specificity − 1 = TPR − FPR. */
  j: number;
  /** Sensitivity (TPR) at the threshold. */
  sensitivity: number;
  /** Specificity (1 − FPR) at the threshold. */
  specificity: number;
}

/**
 * Youden's index J = TPR − FPR maximised over the full ROC curve (`drop_intermediate=False`), taking the
 * FIRST maximum (numpy `argmax`), i.e. the highest threshold among ties. If max J = 0 the result is
 * index 0 with threshold +Infinity (nobody classified positive).
 *
 * @param y - labels 0/1 (both classes required).
 * @param scores - finite scores.
 * @returns the optimal point (specificity computed as TN / n_neg).
 * @throws Error on invalid input or a single class.
 */
export function youden(y: BinaryLabels, scores: Scores): YoudenPoint {
  const curve = rocCurve(y, scores);
  const nNeg = curve.fps[curve.fps.length - 1];
  let best = 0;
  let bestJ = curve.tpr[0] - curve.fpr[0];
  for (let i = 1; i < curve.tpr.length; i++) {
    const j = curve.tpr[i] - curve.fpr[i];
    if (j > bestJ) {
      bestJ = j;
      best = i;
    }
  }
  return {
    index: best,
    threshold: curve.thresholds[best],
    j: bestJ,
    sensitivity: curve.tpr[best],
    specificity: (nNeg - curve.fps[best]) / nNeg,
  };
}
