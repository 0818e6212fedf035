import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delongAuc, delongPaired, delongPlacements, delongUnpaired } from '../../../src/model/delong';
import { thrownMessage } from '../../fixtures/thrownMessage';

const STATS = fileURLToPath(new URL('../../../../shared/stats/', import.meta.url));
const load = <T>(name: string): T => JSON.parse(readFileSync(`${STATS}${name}`, 'utf8')) as T;

/** |a − b| ≤ tol·|b|. */
const expectRel = (a: number, b: number, tol: number, what: string): void => {
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.abs(b));
};
const expectAbs = (a: number, b: number, tol: number, what: string): void => {
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(tol);
};

interface RocScenario {
  name: string;
  y: number[];
  scores: number[];
  auc: number;
  delong: {
    V10_positive_placements: number[];
    V01_negative_placements: number[];
    S10: number;
    S01: number;
    variance: number;
    se: number;
    z_0975: number;
    ci95_low: number;
    ci95_high: number;
    ci95_low_unclipped: number;
    ci95_high_unclipped: number;
  };
}

describe('DeLong variance and CI of one AUC — roc.json', () => {
  const { scenarios } = load<{ scenarios: RocScenario[] }>('roc.json');
  for (const sc of scenarios) {
    it(`${sc.name}: placements, S10/S01, variance (abs 1e-14), CI (abs 1e-12)`, () => {
      const r = delongAuc(sc.y, sc.scores);
      const e = sc.delong;
      expectAbs(r.auc, sc.auc, 1e-12, 'auc');
      expect(r.v10).toHaveLength(e.V10_positive_placements.length);
      expect(r.v01).toHaveLength(e.V01_negative_placements.length);
      e.V10_positive_placements.forEach((v, i) => expectAbs(r.v10[i], v, 1e-15, `V10[${i}]`));
      e.V01_negative_placements.forEach((v, i) => expectAbs(r.v01[i], v, 1e-15, `V01[${i}]`));
      expectAbs(r.s10, e.S10, 1e-14, 'S10');
      expectAbs(r.s01, e.S01, 1e-14, 'S01');
      expectAbs(r.variance, e.variance, 1e-14, 'variance');
      expectAbs(r.se, e.se, 1e-12, 'se');
      expectAbs(r.z, e.z_0975, 1e-15, 'z');
      expectAbs(r.ci[0], e.ci95_low, 1e-12, 'ci low');
      expectAbs(r.ci[1], e.ci95_high, 1e-12, 'ci high');
      expectAbs(r.ciUnclipped[0], e.ci95_low_unclipped, 1e-12, 'ci low unclipped');
      expectAbs(r.ciUnclipped[1], e.ci95_high_unclipped, 1e-12, 'ci high unclipped');
      expect(r.ci[0]).toBeGreaterThanOrEqual(0);
      expect(r.ci[1]).toBeLessThanOrEqual(1);
    });
  }

  it('mean of the placements equals the AUC', () => {
    const sc = scenarios[0];
    const p = delongPlacements(sc.y, sc.scores);
    const mean = p.v10.reduce((s, v) => s + v, 0) / p.nPos;
    const mean01 = p.v01.reduce((s, v) => s + v, 0) / p.nNeg;
    expectAbs(mean, p.auc, 1e-15, 'mean V10');
    expectAbs(mean01, p.auc, 1e-15, 'mean V01');
  });

  it('a 90 % level narrows the interval', () => {
    const sc = scenarios[1];
    const r95 = delongAuc(sc.y, sc.scores);
    const r90 = delongAuc(sc.y, sc.scores, 0.9);
    expect(r90.ci[1] - r90.ci[0]).toBeLessThan(r95.ci[1] - r95.ci[0]);
    expectAbs(r90.z, 1.6448536269514722, 1e-15, 'z 90 %');
  });
});

interface PairedScenario {
  name: string;
  y: number[];
  scores_model1: number[];
  scores_model2: number[];
  auc1: number;
  auc2: number;
  var_auc1: number;
  var_auc2: number;
  cov_auc1_auc2: number;
  S10_matrix: number[][];
  S01_matrix: number[][];
  correlation_of_aucs: number;
  difference_auc1_minus_auc2: number;
  var_difference: number;
  se_difference: number;
  z: number;
  p_two_sided: number;
  ci95_difference: [number, number];
}

describe('paired DeLong test — delong_paired.json (rel 1e-10, p rel 1e-9)', () => {
  const { scenarios } = load<{ scenarios: PairedScenario[] }>('delong_paired.json');
  it('has the 4 scenarios', () => expect(scenarios).toHaveLength(4));
  for (const sc of scenarios) {
    it(sc.name, () => {
      const r = delongPaired(sc.y, sc.scores_model1, sc.scores_model2);
      expectRel(r.auc1, sc.auc1, 1e-10, 'auc1');
      expectRel(r.auc2, sc.auc2, 1e-10, 'auc2');
      expectRel(r.varAuc1, sc.var_auc1, 1e-10, 'var1');
      expectRel(r.varAuc2, sc.var_auc2, 1e-10, 'var2');
      expectRel(r.covariance, sc.cov_auc1_auc2, 1e-10, 'cov');
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 2; j++) {
          expectRel(r.s10[i][j], sc.S10_matrix[i][j], 1e-10, `S10[${i}][${j}]`);
          expectRel(r.s01[i][j], sc.S01_matrix[i][j], 1e-10, `S01[${i}][${j}]`);
        }
      }
      expectRel(r.correlation!, sc.correlation_of_aucs, 1e-10, 'correlation');
      expectRel(r.difference, sc.difference_auc1_minus_auc2, 1e-10, 'difference');
      expectRel(r.varDifference, sc.var_difference, 1e-10, 'var difference');
      expectRel(r.se, sc.se_difference, 1e-10, 'se');
      expectRel(r.z, sc.z, 1e-10, 'z');
      expectRel(r.p, sc.p_two_sided, 1e-9, 'p');
      expectRel(r.ci[0], sc.ci95_difference[0], 1e-10, 'ci low');
      expectRel(r.ci[1], sc.ci95_difference[1], 1e-10, 'ci high');
    });
  }

  it('identical scores give z = 0 and p = 1', () => {
    const sc = scenarios[1];
    const r = delongPaired(sc.y, sc.scores_model1, sc.scores_model1);
    expect(r.z).toBe(0);
    expect(r.p).toBe(1);
  });
});

describe('pROC aSAH example — pROC-aSAH/expected.json', () => {
  interface Expected {
    auc: Record<string, number>;
    delong_variance: Record<string, number>;
    ci95_delong: { ndka: [number, number] };
    paired_delong: { a: string; b: string; z: number; p: number; ci95_diff?: [number, number] }[];
    unpaired_delong_welch: { a: string; b: string; D: number; p: number };
  }
  const expected = load<Expected>('pROC-aSAH/expected.json');
  const lines = readFileSync(`${STATS}pROC-aSAH/aSAH.csv`, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const col = (name: string): string[] => rows.map((r) => r[header.indexOf(name)]);
  // cases = 'Poor' (41), controls = 'Good' (72); higher marker value = more likely Poor.
  const y = col('outcome').map((o) => (o === 'Poor' ? 1 : 0));
  const marker = (name: string): number[] => col(name).map(Number);

  it('reads 113 patients, 41 Poor', () => {
    expect(y).toHaveLength(113);
    expect(y.filter((v) => v === 1)).toHaveLength(41);
  });

  it('AUC and DeLong variance of wfns, s100b, ndka (rel 1e-12)', () => {
    for (const name of ['wfns', 's100b', 'ndka']) {
      const r = delongAuc(y, marker(name));
      expectRel(r.auc, expected.auc[name], 1e-12, `auc ${name}`);
      expectRel(r.variance, expected.delong_variance[name], 1e-12, `variance ${name}`);
    }
  });

  it('DeLong 95 % CI of ndka (4 printed decimals)', () => {
    const r = delongAuc(y, marker('ndka'));
    expectAbs(r.ci[0], expected.ci95_delong.ndka[0], 5e-5, 'ci low');
    expectAbs(r.ci[1], expected.ci95_delong.ndka[1], 5e-5, 'ci high');
  });

  it('paired DeLong tests (full-precision values rel 1e-9, printed values to their last digit)', () => {
    const [t1, t2, t3] = expected.paired_delong;
    const r1 = delongPaired(y, marker(t1.a), marker(t1.b));
    expectRel(r1.z, t1.z, 1e-12, 'z wfns-s100b');
    expectRel(r1.p, t1.p, 1e-9, 'p wfns-s100b');
    expectAbs(r1.ci[0], t1.ci95_diff![0], 5e-6, 'ci low');
    expectAbs(r1.ci[1], t1.ci95_diff![1], 5e-6, 'ci high');
    const r2 = delongPaired(y, marker(t2.a), marker(t2.b));
    expectAbs(r2.z, t2.z, 5e-5, 'z wfns-ndka');
    expectAbs(r2.p, t2.p, 5e-7, 'p wfns-ndka');
    const r3 = delongPaired(y, marker(t3.a), marker(t3.b));
    expectAbs(r3.z, t3.z, 5e-5, 'z ndka-s100b');
    expectAbs(r3.p, t3.p, 5e-5, 'p ndka-s100b');
  });

  it('unpaired DeLong (Welch-type df) wfns vs s100b (printed decimals)', () => {
    const u = expected.unpaired_delong_welch;
    const r = delongUnpaired(y, marker(u.a), y, marker(u.b));
    expectAbs(r.d, u.D, 5e-5, 'D');
    expectAbs(r.p, u.p, 5e-5, 'p');
    expect(r.df).toBeGreaterThan(100);
  });
});

describe('DeLong input checks', () => {
  it('rejects too few cases, mismatched lengths and bad levels', () => {
    expect(thrownMessage(() => delongAuc([1, 0, 0], [0.9, 0.1, 0.2]))).toEqual({
      code: 'stats.needBothClasses',
      params: { fn: 'delongAuc', nPos: 1, nNeg: 2, min: 2 },
    });
    expect(thrownMessage(() => delongPaired([1, 1, 0, 0], [1, 2, 3, 4], [1, 2, 3]))).toEqual({
      code: 'stats.lengthMismatch',
      params: { fn: 'delongPaired', what: 'scores1, scores2', a: 4, b: 3 },
    });
    expect(thrownMessage(() => delongAuc([1, 1, 0, 0], [1, 2, 3, 4], 1))).toEqual({
      code: 'stats.outOfRange',
      params: { fn: 'delongAuc', what: 'confLevel', value: 1, range: '(0, 1)' },
    });
    expect(thrownMessage(() => delongAuc([1, 1, 0, 0], [1, 2, 3, NaN]))).toEqual({
      code: 'stats.notFinite',
      params: { fn: 'delongPlacements', what: 'scores[3]', value: NaN },
    });
    expect(
      thrownMessage(() => delongUnpaired([1, 1, 0, 0], [4, 3, 2, 1], [1, 1, 0, 0], [4, 3, 2, 1])),
    ).toEqual({
      code: 'stats.delong.zeroVariance',
      params: { fn: 'delongUnpaired' },
    });
  });
});

describe('DeLong properties (fast-check)', () => {
  const data = fc
    .array(
      fc.tuple(
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
      ),
      {
        minLength: 4,
        maxLength: 40,
      },
    )
    .filter((a) => a.filter(([l]) => l === 1).length >= 2 && a.filter(([l]) => l === 0).length >= 2);

  it('variance and paired covariance equal a brute-force O(mn) computation', () => {
    fc.assert(
      fc.property(data, (a) => {
        const y = a.map(([l]) => l);
        const s1 = a.map(([, v]) => v);
        const s2 = a.map(([, , v]) => v);
        const psi = (p: number, q: number): number => (p > q ? 1 : p === q ? 0.5 : 0);
        const brute = (s: number[]): { v10: number[]; v01: number[]; auc: number } => {
          const pos = s.filter((_, i) => y[i] === 1);
          const neg = s.filter((_, i) => y[i] === 0);
          const v10 = pos.map((p) => neg.reduce((t, q) => t + psi(p, q), 0) / neg.length);
          const v01 = neg.map((q) => pos.reduce((t, p) => t + psi(p, q), 0) / pos.length);
          return { v10, v01, auc: v10.reduce((t, v) => t + v, 0) / pos.length };
        };
        const b1 = brute(s1);
        const b2 = brute(s2);
        const cov = (u: number[], cu: number, w: number[], cw: number): number =>
          u.reduce((t, v, i) => t + (v - cu) * (w[i] - cw), 0) / (u.length - 1);
        const m = b1.v10.length;
        const n = b1.v01.length;
        const var1 = cov(b1.v10, b1.auc, b1.v10, b1.auc) / m + cov(b1.v01, b1.auc, b1.v01, b1.auc) / n;
        const c12 = cov(b1.v10, b1.auc, b2.v10, b2.auc) / m + cov(b1.v01, b1.auc, b2.v01, b2.auc) / n;
        const r = delongAuc(y, s1);
        expect(Math.abs(r.auc - b1.auc)).toBeLessThanOrEqual(1e-15);
        expect(Math.abs(r.variance - var1)).toBeLessThanOrEqual(1e-15);
        const p = delongPaired(y, s1, s2);
        expect(Math.abs(p.covariance - c12)).toBeLessThanOrEqual(1e-15);
        expect(p.p).toBeGreaterThanOrEqual(0);
        expect(p.p).toBeLessThanOrEqual(1);
      }),
    );
  });
});
