import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { thresholdMetrics } from '../../../src/model/metrics';
import type { PositiveRule } from '../../../src/model/metrics';
import { thrownMessage } from '../../fixtures/thrownMessage';

const STATS = fileURLToPath(new URL('../../../../shared/stats/', import.meta.url));

interface AtThreshold {
  threshold: number;
  rule: string;
  TP: number;
  FP: number;
  TN: number;
  FN: number;
  sensitivity: number;
  specificity: number;
  accuracy: number;
  precision_ppv: number | null;
  npv: number | null;
  f1: number;
  sklearn_metrics: {
    recall: number;
    precision_zero_division_0: number;
    f1_zero_division_0: number;
    accuracy: number;
  };
}
interface Scenario {
  name: string;
  y: number[];
  scores: number[];
  'at_threshold_0.5': AtThreshold;
}
const fixture = JSON.parse(readFileSync(`${STATS}roc.json`, 'utf8')) as { scenarios: Scenario[] };

describe('threshold metrics — roc.json at_threshold_0.5', () => {
  for (const sc of fixture.scenarios) {
    it(`${sc.name}: confusion matrix and metrics exact`, () => {
      const exp = sc['at_threshold_0.5'];
      expect(exp.rule).toBe('positive if score >= threshold');
      const m = thresholdMetrics(sc.y, sc.scores, exp.threshold);
      expect([m.tp, m.fp, m.tn, m.fn]).toEqual([exp.TP, exp.FP, exp.TN, exp.FN]);
      expect(m.sensitivity).toBe(exp.sensitivity);
      expect(m.specificity).toBe(exp.specificity);
      expect(m.accuracy).toBe(exp.accuracy);
      expect(m.precision).toBe(exp.precision_ppv);
      expect(m.npv).toBe(exp.npv);
      expect(m.f1).toBe(exp.f1);
      // scikit-learn's zero_division=0 convention maps our null precision to 0.
      expect(m.precision ?? 0).toBe(exp.sklearn_metrics.precision_zero_division_0);
      expect(m.f1).toBe(exp.sklearn_metrics.f1_zero_division_0);
      expect(m.sensitivity).toBe(exp.sklearn_metrics.recall);
      expect(m.accuracy).toBe(exp.sklearn_metrics.accuracy);
      expect(m.youdenJ).toBe(exp.sensitivity + exp.specificity - 1);
    });
  }
});

describe('threshold metrics rules', () => {
  const y = [1, 1, 0, 0, 1];
  const s = [0.9, 0.5, 0.5, 0.1, 0.2];

  it("'>=' counts a score equal to the threshold as positive, '>' does not", () => {
    const ge = thresholdMetrics(y, s, 0.5);
    expect([ge.tp, ge.fp, ge.tn, ge.fn]).toEqual([2, 1, 1, 1]);
    const gt = thresholdMetrics(y, s, 0.5, '>');
    expect([gt.tp, gt.fp, gt.tn, gt.fn]).toEqual([1, 0, 2, 2]);
    expect(gt.precision).toBe(1);
    expect(gt.f1).toBe(2 / 4);
  });

  it('returns null for undefined ratios', () => {
    const m = thresholdMetrics([1, 1], [0.2, 0.3], 0.5);
    expect(m.specificity).toBeNull();
    expect(m.precision).toBeNull();
    expect(m.npv).toBe(0);
    expect(m.youdenJ).toBeNull();
    const none = thresholdMetrics([0, 0], [0.2, 0.3], 0.5);
    expect(none.f1).toBeNull();
    expect(none.sensitivity).toBeNull();
    const all = thresholdMetrics([1, 0], [0.2, 0.3], -Infinity);
    expect(all.npv).toBeNull();
  });

  it('rejects bad input', () => {
    expect(thrownMessage(() => thresholdMetrics(y, s, NaN))).toEqual({
      code: 'stats.isNaN',
      params: { fn: 'thresholdMetrics', what: 'threshold' },
    });
    expect(thrownMessage(() => thresholdMetrics(y, s, 0.5, '<' as PositiveRule))).toEqual({
      code: 'stats.unknownOption',
      params: { fn: 'thresholdMetrics', what: 'rule', value: '<', allowed: "'>=', '>'" },
    });
    expect(thrownMessage(() => thresholdMetrics([1], [0.1, 0.2], 0.5))).toEqual({
      code: 'stats.lengthMismatch',
      params: { fn: 'thresholdMetrics', what: 'y, scores', a: 1, b: 2 },
    });
  });
});
