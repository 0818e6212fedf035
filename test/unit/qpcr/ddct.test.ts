import { readFileSync } from 'node:fs';
import { englishThrown } from '../../fixtures/englishError';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { relativeQuantification, sampleDeltaCt, summarizeReplicates } from '../../../src/qpcr/ddct';
import type { QpcrSampleInput, ReplicateSummary } from '../../../src/qpcr/ddct';

const STATS = fileURLToPath(new URL('../../../../shared/stats/', import.meta.url));

type Ct = number | null;
interface TargetExp {
  replicates: Ct[];
  n_used: number;
  mean: number;
  sd_ddof1: number;
}
interface SampleExp {
  id: string;
  input: { miR34a: Ct[]; U6: Ct[]; miR16: Ct[] };
  miR34a: TargetExp;
  U6: TargetExp;
  miR16: TargetExp;
  reference_ct: number;
  delta_ct: number;
  two_pow_minus_delta_ct?: number;
  delta_delta_ct?: number;
  rq_2_pow_minus_ddct?: number;
  log2_rq?: number;
  pfaffl?: {
    dCt_target_cal_minus_sample: number;
    dCt_ref_cal_minus_sample: number;
    ratio: number;
    ratio_geometric_mean_of_two_reference_ratios: number;
    ratio_if_both_efficiencies_2: number;
  };
}
interface Fixture {
  meta: { efficiencies: { E_target_miR34a: number; E_reference_U6_and_miR16: number } };
  calibrator: SampleExp;
  samples: SampleExp[];
}
const fx = JSON.parse(readFileSync(`${STATS}ddct.json`, 'utf8')) as Fixture;

const REL = 1e-12;
const expectRel = (a: number | null, b: number, what: string): void => {
  expect(a, what).not.toBeNull();
  expect(Math.abs((a as number) - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(REL * Math.abs(b));
};
const toInput = (s: SampleExp): QpcrSampleInput => ({
  target: s.input.miR34a,
  references: [
    { name: 'U6', cts: s.input.U6 },
    { name: 'miR-16', cts: s.input.miR16 },
  ],
});
const checkTarget = (got: ReplicateSummary, exp: TargetExp, what: string): void => {
  expect(got.replicates).toEqual(exp.replicates);
  expect(got.nUsed).toBe(exp.n_used);
  expectRel(got.mean, exp.mean, `${what} mean`);
  expectRel(got.sd, exp.sd_ddof1, `${what} sd`);
};

describe('ΔΔCt and Pfaffl — ddct.json (rel 1e-12)', () => {
  it('calibrator: replicate means/SDs, reference Ct and ΔCt', () => {
    const c = sampleDeltaCt(toInput(fx.calibrator));
    checkTarget(c.target, fx.calibrator.miR34a, 'CAL miR-34a');
    checkTarget(c.references[0], fx.calibrator.U6, 'CAL U6');
    checkTarget(c.references[1], fx.calibrator.miR16, 'CAL miR-16');
    expect(c.target.mean).toBe(29.820000000000004);
    expectRel(c.referenceCt, fx.calibrator.reference_ct, 'CAL reference Ct');
    expectRel(c.deltaCt, fx.calibrator.delta_ct, 'CAL ΔCt');
    expect(c.spikeIn).toBeNull();
  });

  it('has 8 patient samples', () => expect(fx.samples).toHaveLength(8));

  for (const s of fx.samples) {
    it(`${s.id}: means, SDs, ΔCt, ΔΔCt, RQ, Pfaffl`, () => {
      const r = relativeQuantification(toInput(s), toInput(fx.calibrator), {
        target: fx.meta.efficiencies.E_target_miR34a,
        reference: fx.meta.efficiencies.E_reference_U6_and_miR16,
      });
      checkTarget(r.sample.target, s.miR34a, `${s.id} miR-34a`);
      checkTarget(r.sample.references[0], s.U6, `${s.id} U6`);
      checkTarget(r.sample.references[1], s.miR16, `${s.id} miR-16`);
      expectRel(r.sample.referenceCt, s.reference_ct, 'reference Ct');
      expectRel(r.sample.deltaCt, s.delta_ct, 'ΔCt');
      expectRel(r.sample.twoPowMinusDeltaCt, s.two_pow_minus_delta_ct!, '2^-ΔCt');
      expectRel(r.deltaDeltaCt, s.delta_delta_ct!, 'ΔΔCt');
      expectRel(r.rq, s.rq_2_pow_minus_ddct!, 'RQ');
      expectRel(r.log2Rq, s.log2_rq!, 'log2 RQ');
      const p = s.pfaffl!;
      expectRel(r.pfaffl.dCtTargetCalMinusSample, p.dCt_target_cal_minus_sample, 'Pfaffl dCt target');
      expectRel(r.pfaffl.dCtRefCalMinusSample, p.dCt_ref_cal_minus_sample, 'Pfaffl dCt ref');
      expectRel(r.pfaffl.ratio, p.ratio, 'Pfaffl ratio');
      expectRel(
        r.pfaffl.ratioGeometricMeanOfReferenceRatios,
        p.ratio_geometric_mean_of_two_reference_ratios,
        'Pfaffl geometric mean',
      );
      expectRel(r.pfaffl.ratioIfBothEfficiencies2, p.ratio_if_both_efficiencies_2, 'Pfaffl E=2');
      expectRel(r.pfaffl.ratioIfBothEfficiencies2, r.rq, 'Pfaffl E=2 equals RQ');
      expect(r.spikeInDifference).toBeNull();
    });
  }

  it('P04 uses 2 of 3 miR-34a wells (undetermined excluded)', () => {
    const p04 = fx.samples.find((s) => s.id === 'P04')!;
    const r = sampleDeltaCt(toInput(p04));
    expect(r.target.nUsed).toBe(2);
    expect(r.target.replicates[2]).toBeNull();
  });
});

describe('ΔΔCt spike-in and edge cases', () => {
  const cal: QpcrSampleInput = {
    target: [30, 30.2, 30.4],
    references: [{ name: 'U6', cts: [25, 25, 25] }],
    spikeIn: [20, 20.5, 21],
  };
  const pat: QpcrSampleInput = {
    target: [32, 32, 32],
    references: [{ name: 'U6', cts: [26, 26, 26] }],
    spikeIn: [21, 21.5, null],
  };

  it('summarises the cel-miR-39 spike-in and reports patient − calibrator', () => {
    const r = relativeQuantification(pat, cal);
    expect(r.calibrator.spikeIn).toEqual({ replicates: [20, 20.5, 21], nUsed: 3, mean: 20.5, sd: 0.5 });
    expect(r.sample.spikeIn?.nUsed).toBe(2);
    expect(r.sample.spikeIn?.mean).toBe(21.25);
    expect(r.spikeInDifference).toBe(0.75);
    // ΔCt(cal) = 30.2 − 25, ΔCt(pat) = 32 − 26 → ΔΔCt = 0.8, single reference.
    expect(r.deltaDeltaCt).toBeCloseTo(0.8, 12);
    expect(r.rq).toBeCloseTo(Math.pow(2, -0.8), 12);
    expect(r.pfaffl.ratioGeometricMeanOfReferenceRatios).toBeCloseTo(r.pfaffl.ratio, 12);
  });

  it('gives a null SD for a single determined replicate', () => {
    expect(summarizeReplicates([null, 31.5, null])).toEqual({
      replicates: [null, 31.5, null],
      nUsed: 1,
      mean: 31.5,
      sd: null,
    });
  });

  it('rejects bad input with specific messages', () => {
    expect(englishThrown(() => summarizeReplicates([null, null], 'miR-34a'))).toMatch(
      /every miR-34a replicate is undetermined/,
    );
    expect(englishThrown(() => summarizeReplicates([30, NaN], 'U6'))).toMatch(/U6 replicate 2 is NaN/);
    expect(englishThrown(() => summarizeReplicates([30, -1]))).toMatch(/not a positive Ct/);
    expect(englishThrown(() => sampleDeltaCt({ target: [30], references: [] }))).toMatch(
      /at least one reference gene/,
    );
    expect(englishThrown(() => relativeQuantification(pat, cal, { target: 0.9 }))).toMatch(
      /target amplification factor/,
    );
    expect(
      englishThrown(() =>
        relativeQuantification(pat, { ...cal, references: [{ name: 'miR-16', cts: [25] }] }),
      ),
    ).toMatch(/differ from calibrator references/);
  });
});
