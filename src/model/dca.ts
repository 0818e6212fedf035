/**
 * Decision-curve analysis (Vickers & Elkin 2006) of predicted probabilities for a binary outcome.
 *
 * At threshold probability pt (odds w = pt/(1 − pt)), with N cases, prevalence π = (#positives)/N and a
 * case called positive when p ≥ pt:
 * - net benefit of the model      NB = TP/N − (FP/N)·w
 * - net benefit of treating all   NB_all = π − (1 − π)·w
 * - net benefit of treating none  NB_none = 0
 * - standardized net benefit      sNB = NB/π (Kerr et al. 2016), likewise sNB_all = NB_all/π
 * - net interventions avoided per 100 patients (Vickers et al. 2008): (NB − NB_all)/w · 100
 * The default grid is pt_k = k/100 for k = 1..99, each the correctly rounded double of k/100 (never a
 * running sum or k·0.01, which differ from k/100 in the last bit and flip ≥ comparisons).
 */
import { validateBinaryScores } from './roc';
import type { BinaryLabels } from './roc';
import { MessageError } from '../util/message';

/** The decision curve: one entry per threshold in every array. */
export interface DecisionCurve {
  /** Number of cases N. */
  n: number;
  /** Prevalence π = positives / N. */
  prevalence: number;
  /** Threshold probabilities pt. */
  pt: number[];
  /** True positives (p ≥ pt and y = 1). */
  tp: number[];
  /** False positives (p ≥ pt and y = 0). */
  fp: number[];
  /** NB of the model: TP/N − (FP/N)·pt/(1 − pt). */
  netBenefitModel: number[];
  /** NB of treating everybody: π − (1 − π)·pt/(1 − pt). */
  netBenefitTreatAll: number[];
  /** NB of treating nobody: 0. */
  netBenefitTreatNone: number[];
  /** Standardized NB of the model: NB/π. */
  standardizedNetBenefitModel: number[];
  /** Standardized NB of treating all: NB_all/π. */
  standardizedNetBenefitTreatAll: number[];
  /** Net interventions avoided per 100 patients: (NB − NB_all)·(1 − pt)/pt·100. */
  netInterventionsAvoidedPer100: number[];
}

/**
 * The default threshold grid pt_k = k/100, k = 1..99 (correctly rounded divisions).
 *
 * @returns 99 thresholds 0.01 … 0.99.
 */
export function defaultDcaThresholds(): number[] {
  return Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
}

/**
 * Decision curve of predicted probabilities `p` against outcomes `y` (formulas in the module comment,
 * evaluated in exactly that order: w = pt/(1 − pt); NB = TP/N − (FP/N)·w; NB_all = π − (1 − π)·w).
 *
 * @param y - labels 0/1 (both classes required, so that π > 0 and sNB is defined).
 * @param p - predicted probabilities in [0, 1].
 * @param thresholds - threshold probabilities, each strictly between 0 and 1 (default k/100).
 * @returns the curve.
 * @throws Error on invalid labels/probabilities or thresholds outside (0, 1).
 */
export function decisionCurve(
  y: BinaryLabels,
  p: ArrayLike<number>,
  thresholds: readonly number[] = defaultDcaThresholds(),
): DecisionCurve {
  const { n, nPos } = validateBinaryScores(y, p, 'decisionCurve');
  for (let i = 0; i < n; i++) {
    if (p[i] < 0 || p[i] > 1)
      throw new MessageError('stats.outOfRange', {
        fn: 'decisionCurve',
        what: `p[${i}]`,
        value: p[i],
        range: '[0, 1]',
      });
  }
  for (const t of thresholds) {
    if (!(t > 0 && t < 1))
      throw new MessageError('stats.outOfRange', {
        fn: 'decisionCurve',
        what: 'thresholds',
        value: t,
        range: '(0, 1)',
      });
  }
  const prevalence = nPos / n;
  const out: DecisionCurve = {
    n,
    prevalence,
    pt: [...thresholds],
    tp: [],
    fp: [],
    netBenefitModel: [],
    netBenefitTreatAll: [],
    netBenefitTreatNone: [],
    standardizedNetBenefitModel: [],
    standardizedNetBenefitTreatAll: [],
    netInterventionsAvoidedPer100: [],
  };
  for (const pt of thresholds) {
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < n; i++) {
      if (p[i] >= pt) {
        if (y[i] === 1) tp++;
        else fp++;
      }
    }
    const w = pt / (1 - pt);
    const nb = tp / n - (fp / n) * w;
    const nbAll = prevalence - (1 - prevalence) * w;
    out.tp.push(tp);
    out.fp.push(fp);
    out.netBenefitModel.push(nb);
    out.netBenefitTreatAll.push(nbAll);
    out.netBenefitTreatNone.push(0);
    out.standardizedNetBenefitModel.push(nb / prevalence);
    out.standardizedNetBenefitTreatAll.push(nbAll / prevalence);
    out.netInterventionsAvoidedPer100.push(((nb - nbAll) / w) * 100);
  }
  return out;
}
