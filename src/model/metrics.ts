/**
 * Classification metrics of a score dichotomised at a threshold (confusion matrix and derived rates).
 */
import { validateBinaryScores } from './roc';
import type { BinaryLabels, Scores } from './roc';
import { MessageError } from '../util/message';

/** Rule deciding a positive call: `'>='` (score ≥ t, default, as scikit-learn `roc_curve`) or `'>'`. */
export type PositiveRule = '>=' | '>';

/** Confusion matrix and derived metrics at one threshold. Ratios with a zero denominator are null. */
export interface ThresholdMetrics {
  /** Threshold used. */
  threshold: number;
  /** Rule used for a positive call. */
  rule: PositiveRule;
  /** True positives. */
  tp: number;
  /** False positives. */
  fp: number;
  /** True negatives. */
  tn: number;
  /** False negatives. */
  fn: number;
  /** Sensitivity (recall, TPR) = TP/(TP + FN). */
  sensitivity: number | null;
  /** Specificity (TNR) = TN/(TN + FP). */
  specificity: number | null;
  /** Accuracy = (TP + TN)/N. */
  accuracy: number;
  /** Precision (PPV) = TP/(TP + FP); null when nobody is called positive. */
  precision: number | null;
  /** Negative predictive value = TN/(TN + FN); null when nobody is called negative. */
  npv: number | null;
  /** F1 = 2TP/(2TP + FP + FN) (harmonic mean of precision and recall); null when the denominator is 0. */
  f1: number | null;
  /** Youden's J = sensitivity + specificity − 1 (null if either is null). */
  youdenJ: number | null;
}

/** num/den, or null when den = 0. */
function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

/**
 * Confusion matrix and metrics of `scores` at `threshold`. A case is called positive if
 * score ≥ threshold (rule '>=', default) or score > threshold (rule '>').
 * Formulas: sensitivity = TP/(TP+FN), specificity = TN/(TN+FP), accuracy = (TP+TN)/N,
 * precision = TP/(TP+FP), NPV = TN/(TN+FN), F1 = 2TP/(2TP+FP+FN), J = sens + spec − 1.
 * Note that scikit-learn's `precision_score(zero_division=0)` reports 0 where this returns null.
 *
 * @param y - labels 0/1 (a single class is allowed; undefined ratios become null).
 * @param scores - finite scores.
 * @param threshold - the cut-off (any number, ±Infinity allowed; NaN rejected).
 * @param rule - '>=' (default) or '>'.
 * @returns the metrics.
 * @throws Error on invalid input or a NaN threshold.
 */
export function thresholdMetrics(
  y: BinaryLabels,
  scores: Scores,
  threshold: number,
  rule: PositiveRule = '>=',
): ThresholdMetrics {
  validateBinaryScores(y, scores, 'thresholdMetrics', false);
  if (Number.isNaN(threshold))
    throw new MessageError('stats.isNaN', { fn: 'thresholdMetrics', what: 'threshold' });
  if (rule !== '>=' && rule !== '>') {
    throw new MessageError('stats.unknownOption', {
      fn: 'thresholdMetrics',
      what: 'rule',
      value: String(rule),
      allowed: "'>=', '>'",
    });
  }
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < y.length; i++) {
    const s = scores[i];
    const positive = rule === '>=' ? s >= threshold : s > threshold;
    if (y[i] === 1) {
      if (positive) tp++;
      else fn++;
    } else if (positive) fp++;
    else tn++;
  }
  const sensitivity = ratio(tp, tp + fn);
  const specificity = ratio(tn, tn + fp);
  return {
    threshold,
    rule,
    tp,
    fp,
    tn,
    fn,
    sensitivity,
    specificity,
    accuracy: (tp + tn) / y.length,
    precision: ratio(tp, tp + fp),
    npv: ratio(tn, tn + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    youdenJ: sensitivity === null || specificity === null ? null : sensitivity + specificity - 1,
  };
}
