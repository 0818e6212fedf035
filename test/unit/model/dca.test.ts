import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decisionCurve, defaultDcaThresholds } from '../../../src/model/dca';
import { thrownMessage } from '../../fixtures/thrownMessage';

const STATS = fileURLToPath(new URL('../../../../shared/stats/', import.meta.url));

interface Scenario {
  name: string;
  y: number[];
  p: number[];
  n: number;
  prevalence: number;
  curve: {
    pt: number[];
    TP: number[];
    FP: number[];
    net_benefit_model: number[];
    net_benefit_treat_all: number[];
    net_benefit_treat_none: number[];
    standardized_net_benefit_model: number[];
    standardized_net_benefit_treat_all: number[];
  };
}
const fixture = JSON.parse(readFileSync(`${STATS}dca.json`, 'utf8')) as { scenarios: Scenario[] };

const expectAllAbs = (got: number[], exp: number[], tol: number, what: string): void => {
  expect(got).toHaveLength(exp.length);
  got.forEach((g, i) =>
    expect(Math.abs(g - exp[i]), `${what}[${i}]: ${g} vs ${exp[i]}`).toBeLessThanOrEqual(tol),
  );
};

describe('decision-curve analysis — dca.json', () => {
  it('has the 3 scenarios', () => expect(fixture.scenarios).toHaveLength(3));

  for (const sc of fixture.scenarios) {
    it(`${sc.name}: k/100 grid, TP/FP exact, net benefits abs 1e-12`, () => {
      const c = decisionCurve(sc.y, sc.p);
      expect(c.n).toBe(sc.n);
      expect(c.prevalence).toBe(sc.prevalence);
      expect(c.pt).toEqual(sc.curve.pt);
      expect(c.tp).toEqual(sc.curve.TP);
      expect(c.fp).toEqual(sc.curve.FP);
      expectAllAbs(c.netBenefitModel, sc.curve.net_benefit_model, 1e-12, 'NB model');
      expectAllAbs(c.netBenefitTreatAll, sc.curve.net_benefit_treat_all, 1e-12, 'NB all');
      expect(c.netBenefitTreatNone).toEqual(sc.curve.net_benefit_treat_none);
      expectAllAbs(
        c.standardizedNetBenefitModel,
        sc.curve.standardized_net_benefit_model,
        1e-12,
        'sNB model',
      );
      expectAllAbs(
        c.standardizedNetBenefitTreatAll,
        sc.curve.standardized_net_benefit_treat_all,
        1e-12,
        'sNB all',
      );
      // Net interventions avoided per 100 from the reference net benefits.
      const nia = sc.curve.pt.map(
        (pt, i) =>
          ((sc.curve.net_benefit_model[i] - sc.curve.net_benefit_treat_all[i]) / (pt / (1 - pt))) * 100,
      );
      expectAllAbs(c.netInterventionsAvoidedPer100, nia, 1e-9, 'interventions avoided');
    });
  }

  it('default grid is the correctly rounded k/100 (not a running sum)', () => {
    const g = defaultDcaThresholds();
    expect(g).toHaveLength(99);
    expect(g[5]).toBe(0.06);
    expect(g[28]).toBe(0.29);
    expect(g[98]).toBe(0.99);
  });

  it('a probability exactly equal to pt counts as positive (p >= pt)', () => {
    const c = decisionCurve([1, 0, 0], [0.29, 0.29, 0.1], [0.29]);
    expect(c.tp).toEqual([1]);
    expect(c.fp).toEqual([1]);
    // NB = 1/3 − (1/3)·(0.29/0.71)
    expect(c.netBenefitModel[0]).toBe(1 / 3 - (1 / 3) * (0.29 / (1 - 0.29)));
  });

  it('reproduces pROC aSAH treat-all net benefit at 0.1, 0.2, 0.3 (5 decimals)', () => {
    const expected = JSON.parse(readFileSync(`${STATS}pROC-aSAH/expected.json`, 'utf8')) as {
      dca_treat_all_net_benefit: { prevalence: number; at: Record<string, number> };
    };
    const lines = readFileSync(`${STATS}pROC-aSAH/aSAH.csv`, 'utf8').trim().split(/\r?\n/);
    const oi = lines[0].split(',').indexOf('outcome');
    const y = lines.slice(1).map((l) => (l.split(',')[oi] === 'Poor' ? 1 : 0));
    const c = decisionCurve(
      y,
      y.map(() => 0.5),
      [0.1, 0.2, 0.3],
    );
    // R printed the prevalence 41/113 with 16 significant digits.
    expect(Math.abs(c.prevalence - expected.dca_treat_all_net_benefit.prevalence)).toBeLessThanOrEqual(1e-15);
    const at = expected.dca_treat_all_net_benefit.at;
    [0.1, 0.2, 0.3].forEach((pt, i) => {
      expect(Math.abs(c.netBenefitTreatAll[i] - at[String(pt)])).toBeLessThanOrEqual(5e-6);
    });
  });

  it('rejects bad input', () => {
    expect(thrownMessage(() => decisionCurve([1, 0], [1.2, 0.1]))).toEqual({
      code: 'stats.outOfRange',
      params: { fn: 'decisionCurve', what: 'p[0]', value: 1.2, range: '[0, 1]' },
    });
    for (const t of [1, 0]) {
      expect(thrownMessage(() => decisionCurve([1, 0], [0.5, 0.1], [t]))).toEqual({
        code: 'stats.outOfRange',
        params: { fn: 'decisionCurve', what: 'thresholds', value: t, range: '(0, 1)' },
      });
    }
    expect(thrownMessage(() => decisionCurve([0, 0], [0.5, 0.1]))).toEqual({
      code: 'stats.needBothClasses',
      params: { fn: 'decisionCurve', nPos: 0, nNeg: 2, min: 1 },
    });
    expect(thrownMessage(() => decisionCurve([1, 0], [0.5]))).toEqual({
      code: 'stats.lengthMismatch',
      params: { fn: 'decisionCurve', what: 'y, scores', a: 2, b: 1 },
    });
  });
});
