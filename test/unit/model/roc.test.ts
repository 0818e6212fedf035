import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aucMannWhitney,
  rocCurve,
  rocIndexAt,
  scoreGroups,
  validateBinaryScores,
  youden,
} from '../../../src/model/roc';
import { thrownMessage } from '../../fixtures/thrownMessage';

const STATS = fileURLToPath(new URL('../../../../shared/stats/', import.meta.url));

type Num = number | 'Infinity' | '-Infinity' | 'NaN';
interface Curve {
  fpr: number[];
  tpr: number[];
  thresholds: Num[];
}
interface Scenario {
  name: string;
  y: number[];
  scores: number[];
  auc: number;
  auc_sklearn_roc_auc_score: number;
  roc_curve_drop_intermediate_false: Curve;
  roc_curve_drop_intermediate_true_default: Curve;
  youden: { index_in_roc_curve: number; threshold: Num; J: number; sensitivity: number; specificity: number };
}
const fixture = JSON.parse(readFileSync(`${STATS}roc.json`, 'utf8')) as { scenarios: Scenario[] };

/** Decode the fixture's non-finite float strings. */
const num = (v: Num): number => (typeof v === 'number' ? v : Number(v));

describe('ROC vs scikit-learn — roc.json', () => {
  it('has the 7 scenarios', () => {
    expect(fixture.scenarios).toHaveLength(7);
  });

  for (const sc of fixture.scenarios) {
    describe(sc.name, () => {
      it('AUC (Mann–Whitney, ties ½) within 1e-12', () => {
        const auc = aucMannWhitney(sc.y, sc.scores);
        expect(Math.abs(auc - sc.auc)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(auc - sc.auc_sklearn_roc_auc_score)).toBeLessThanOrEqual(1e-12);
        expect(aucMannWhitney(Float64Array.from(sc.y), Float64Array.from(sc.scores))).toBe(auc);
      });

      it('roc_curve(drop_intermediate=False): points and thresholds exact', () => {
        const exp = sc.roc_curve_drop_intermediate_false;
        const c = rocCurve(sc.y, sc.scores);
        expect(c.fpr).toEqual(exp.fpr);
        expect(c.tpr).toEqual(exp.tpr);
        expect(c.thresholds).toEqual(exp.thresholds.map(num));
        expect(c.thresholds[0]).toBe(Infinity);
      });

      it('roc_curve(drop_intermediate=True): points and thresholds exact', () => {
        const exp = sc.roc_curve_drop_intermediate_true_default;
        const c = rocCurve(sc.y, sc.scores, { dropIntermediate: true });
        expect(c.fpr).toEqual(exp.fpr);
        expect(c.tpr).toEqual(exp.tpr);
        expect(c.thresholds).toEqual(exp.thresholds.map(num));
      });

      it('Youden: first argmax, exact', () => {
        const y = youden(sc.y, sc.scores);
        expect(y.index).toBe(sc.youden.index_in_roc_curve);
        expect(y.threshold).toBe(num(sc.youden.threshold));
        expect(y.j).toBe(sc.youden.J);
        expect(y.sensitivity).toBe(sc.youden.sensitivity);
        expect(y.specificity).toBe(sc.youden.specificity);
      });
    });
  }
});

describe('ROC helpers', () => {
  it('AUC of a perfectly inverted score is 0 and of all ties is ½', () => {
    expect(aucMannWhitney([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4])).toBe(0);
    expect(aucMannWhitney([1, 0, 1, 0], [5, 5, 5, 5])).toBe(0.5);
  });

  it('groups equal scores in ascending order', () => {
    const g = scoreGroups([0.5, 0.1, 0.5, 0.3]);
    expect(Array.from(g.order)).toEqual([1, 3, 0, 2]);
    expect(Array.from(g.groupOf)).toEqual([2, 0, 2, 1]);
    expect(Array.from(g.groupStart)).toEqual([0, 1, 2, 4]);
    expect(g.nGroups).toBe(3);
  });

  it('rejects bad input with specific messages', () => {
    expect(thrownMessage(() => aucMannWhitney([1, 0], [0.1]))).toEqual({
      code: 'stats.lengthMismatch',
      params: { fn: 'aucMannWhitney', what: 'y, scores', a: 2, b: 1 },
    });
    expect(thrownMessage(() => aucMannWhitney([1, 2], [0.1, 0.2]))).toEqual({
      code: 'stats.notBinary',
      params: { fn: 'aucMannWhitney', what: 'y[1]', value: 2 },
    });
    expect(thrownMessage(() => aucMannWhitney([1, 0], [0.1, NaN]))).toEqual({
      code: 'stats.notFinite',
      params: { fn: 'aucMannWhitney', what: 'scores[1]', value: NaN },
    });
    expect(thrownMessage(() => rocCurve([1, 1], [0.1, 0.2]))).toEqual({
      code: 'stats.needBothClasses',
      params: { fn: 'rocCurve', nPos: 2, nNeg: 0, min: 1 },
    });
    expect(thrownMessage(() => youden([], []))).toMatchObject({
      code: 'stats.tooFewValues',
      params: { what: 'y', n: 0, min: 1 },
    });
    expect(validateBinaryScores([1, 1], [0, 1], 'x', false)).toEqual({ n: 2, nPos: 2, nNeg: 0 });
  });
});

describe('ROC properties (fast-check)', () => {
  /** Labels with both classes and integer-valued scores (many ties). */
  const data = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: -5, max: 5 })), {
      minLength: 2,
      maxLength: 40,
    })
    .filter((a) => a.some(([l]) => l === 1) && a.some(([l]) => l === 0));

  it('AUC equals the brute-force mean of ψ over all (positive, negative) pairs', () => {
    fc.assert(
      fc.property(data, (a) => {
        const y = a.map(([l]) => l);
        const s = a.map(([, v]) => v / 4);
        let twice = 0;
        let pairs = 0;
        for (let i = 0; i < a.length; i++) {
          for (let j = 0; j < a.length; j++) {
            if (y[i] === 1 && y[j] === 0) {
              twice += s[i] > s[j] ? 2 : s[i] === s[j] ? 1 : 0;
              pairs++;
            }
          }
        }
        expect(aucMannWhitney(y, s)).toBe(twice / (2 * pairs));
      }),
    );
  });

  it('each ROC point counts score >= threshold, and the trapezoid area equals the AUC', () => {
    fc.assert(
      fc.property(data, (a) => {
        const y = a.map(([l]) => l);
        const s = a.map(([, v]) => v);
        const c = rocCurve(y, s);
        c.thresholds.forEach((t, i) => {
          expect(c.tps[i]).toBe(y.filter((l, k) => l === 1 && s[k] >= t).length);
          expect(c.fps[i]).toBe(y.filter((l, k) => l === 0 && s[k] >= t).length);
        });
        let area = 0;
        for (let i = 1; i < c.fpr.length; i++)
          area += ((c.fpr[i] - c.fpr[i - 1]) * (c.tpr[i] + c.tpr[i - 1])) / 2;
        expect(Math.abs(area - aucMannWhitney(y, s))).toBeLessThanOrEqual(1e-12);
        const d = rocCurve(y, s, { dropIntermediate: true });
        expect(d.fpr[d.fpr.length - 1]).toBe(1);
        expect(d.tpr[d.tpr.length - 1]).toBe(1);
      }),
    );
  });

  it('a new score lands on the point that calls positive exactly the cases scoring >= it', () => {
    fc.assert(
      fc.property(data, fc.double({ min: -6, max: 6, noNaN: true }), fc.nat(), (a, fresh, pickIdx) => {
        const y = a.map(([l]) => l);
        const s = a.map(([, v]) => v);
        const c = rocCurve(y, s);
        const stored = c.thresholds.map((t) => (Number.isFinite(t) ? t : null));
        // A score equal to one of the cases' (as a KNN probability usually is) and an arbitrary one.
        for (const p of [s[pickIdx % s.length], fresh]) {
          const i = rocIndexAt(stored, p);
          expect(c.tps[i]).toBe(y.filter((l, k) => l === 1 && s[k] >= p).length);
          expect(c.fps[i]).toBe(y.filter((l, k) => l === 0 && s[k] >= p).length);
          expect(rocIndexAt(c.thresholds, p)).toBe(i);
        }
      }),
    );
    expect(rocIndexAt([null, 0.9, 0.5, 0.1], 0.95)).toBe(0);
    expect(rocIndexAt([null, 0.9, 0.5, 0.1], 0.5)).toBe(2);
    expect(rocIndexAt([null, 0.9, 0.5, 0.1], 0.05)).toBe(3);
    expect(thrownMessage(() => rocIndexAt([null, 0.5], Number.NaN))).toEqual({
      code: 'stats.notFinite',
      params: { fn: 'rocIndexAt', what: 'score', value: NaN },
    });
  });
});
