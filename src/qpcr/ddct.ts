/**
 * qPCR relative quantification of a target miRNA (miR-34a) by the comparative Ct method
 * (Livak & Schmittgen 2001, 2^−ΔΔCt) and by the efficiency-corrected ratio of Pfaffl (2001), normalised to
 * the mean of one or more reference genes (U6 snRNA and miR-16 in SonoMiR) and to a calibrator sample.
 *
 * Rules (float64, in this order):
 * 1. Replicates first: mean Ct per target = arithmetic mean (left-to-right sum / count) of the replicate
 *    Cts that are not `null` ("Undetermined" wells are excluded); SD = sample SD (ddof 1) of those.
 * 2. Reference Ct = arithmetic mean of the reference-gene means, e.g. (mean U6 + mean miR-16)/2.
 * 3. ΔCt = mean Ct(target) − reference Ct; ΔΔCt = ΔCt(sample) − ΔCt(calibrator).
 * 4. RQ = 2^−ΔΔCt, log2 RQ = −ΔΔCt; also 2^−ΔCt (calibrator-free relative level).
 * 5. Pfaffl ratio = E_t^(Ct_t(cal) − Ct_t(sample)) / E_r^(Ct_ref(cal) − Ct_ref(sample)), E = amplification
 *    factor per cycle (2.0 = 100 % efficiency), Ct_ref = reference Ct of rule 2. Also reported: the
 *    geometric mean over references of the single-reference ratios E_t^ΔCt_t / E_r^ΔCt_r (equal to the
 *    ratio when all references share E_r), and the ratio with both efficiencies 2 (equal to RQ).
 * 6. An optional spike-in (cel-miR-39 extraction control) is summarised like any target and compared
 *    with the calibrator's spike-in (difference of means) for QC; it does not enter the normalisation.
 */
import { MessageError } from '../util/message';

/** Replicate Ct values of one target in one sample; `null` marks an undetermined well. */
export type CtReplicates = ArrayLike<number | null>;

/** Input of one sample (patient or calibrator). */
export interface QpcrSampleInput {
  /** Target (miR-34a) replicate Cts. */
  target: CtReplicates;
  /** Reference genes (e.g. U6, miR-16), each with its replicate Cts; at least one. */
  references: { name: string; cts: CtReplicates }[];
  /** Optional spike-in (cel-miR-39) replicate Cts for extraction QC. */
  spikeIn?: CtReplicates;
}

/** Summary of one target's replicates. */
export interface ReplicateSummary {
  /** The replicates as given (null = undetermined). */
  replicates: (number | null)[];
  /** Number of determined replicates used. */
  nUsed: number;
  /** Mean Ct of the used replicates. */
  mean: number;
  /** Sample SD (ddof 1) of the used replicates; null with fewer than 2. */
  sd: number | null;
}

/** Per-sample summary: replicate statistics, reference Ct and ΔCt. */
export interface SampleDeltaCt {
  /** Target summary. */
  target: ReplicateSummary;
  /** Reference summaries, in input order. */
  references: ({ name: string } & ReplicateSummary)[];
  /** Spike-in summary (null when not supplied). */
  spikeIn: ReplicateSummary | null;
  /** Reference Ct = mean of the reference means. */
  referenceCt: number;
  /** ΔCt = target mean − reference Ct. */
  deltaCt: number;
  /** 2^−ΔCt. */
  twoPowMinusDeltaCt: number;
}

/** Efficiencies for the Pfaffl ratio (amplification factor per cycle, 2 = 100 %). */
export interface Efficiencies {
  /** Target amplification factor E_t (default 2). */
  target?: number;
  /** Reference amplification factor E_r, shared by all references (default 2). */
  reference?: number;
}

/** Relative quantification of a sample against a calibrator. */
export interface RelativeQuantification {
  /** The sample's summary. */
  sample: SampleDeltaCt;
  /** The calibrator's summary. */
  calibrator: SampleDeltaCt;
  /** ΔΔCt = ΔCt(sample) − ΔCt(calibrator). */
  deltaDeltaCt: number;
  /** RQ = 2^−ΔΔCt. */
  rq: number;
  /** log2 RQ = −ΔΔCt. */
  log2Rq: number;
  /** Pfaffl efficiency-corrected ratio and its parts. */
  pfaffl: {
    /** E_t used. */
    efficiencyTarget: number;
    /** E_r used. */
    efficiencyReference: number;
    /** Ct_t(cal) − Ct_t(sample). */
    dCtTargetCalMinusSample: number;
    /** Ct_ref(cal) − Ct_ref(sample) with Ct_ref = reference Ct. */
    dCtRefCalMinusSample: number;
    /** E_t^dCt_target / E_r^dCt_ref. */
    ratio: number;
    /** Geometric mean over references of E_t^dCt_target / E_r^(Ct_r(cal) − Ct_r(sample)). */
    ratioGeometricMeanOfReferenceRatios: number;
    /** The ratio with E_t = E_r = 2 (equals RQ). */
    ratioIfBothEfficiencies2: number;
  };
  /** Spike-in mean(sample) − mean(calibrator), null unless both have a spike-in. */
  spikeInDifference: number | null;
}

/**
 * Summarise replicate Cts: mean and sample SD of the determined (non-null) values.
 *
 * @param cts - replicate Cts (finite positive numbers or null).
 * @param label - name used in error messages.
 * @returns the summary.
 * @throws Error if a value is neither null nor a finite positive number, or all wells are undetermined.
 */
export function summarizeReplicates(cts: CtReplicates, label = 'target'): ReplicateSummary {
  const replicates: (number | null)[] = Array.from(cts);
  const used: number[] = [];
  replicates.forEach((v, i) => {
    if (v === null) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new MessageError('ddct.badReplicate', { label, index: i + 1, value: String(v) });
    }
    used.push(v);
  });
  if (used.length === 0) throw new MessageError('ddct.allUndetermined', { label });
  let sum = 0;
  for (const v of used) sum += v;
  const mean = sum / used.length;
  let sd: number | null = null;
  if (used.length > 1) {
    let ss = 0;
    for (const v of used) ss += (v - mean) * (v - mean);
    sd = Math.sqrt(ss / (used.length - 1));
  }
  return { replicates, nUsed: used.length, mean, sd };
}

/**
 * Per-sample summary: replicate statistics, reference Ct = mean of the reference means, ΔCt and 2^−ΔCt.
 *
 * @param input - the sample's replicate Cts.
 * @returns the summary.
 * @throws Error on invalid Cts or when no reference gene is given.
 */
export function sampleDeltaCt(input: QpcrSampleInput): SampleDeltaCt {
  if (input.references.length === 0) throw new MessageError('ddct.noReference');
  const target = summarizeReplicates(input.target, 'target');
  const references = input.references.map((r) => ({ name: r.name, ...summarizeReplicates(r.cts, r.name) }));
  let sum = 0;
  for (const r of references) sum += r.mean;
  const referenceCt = sum / references.length;
  const deltaCt = target.mean - referenceCt;
  return {
    target,
    references,
    spikeIn: input.spikeIn === undefined ? null : summarizeReplicates(input.spikeIn, 'spike-in'),
    referenceCt,
    deltaCt,
    twoPowMinusDeltaCt: Math.pow(2, -deltaCt),
  };
}

/** Check an amplification factor lies in (1, 3). */
function checkEfficiency(e: number, which: string): number {
  if (!(e > 1 && e < 3)) {
    throw new MessageError('ddct.efficiency', { which, value: e });
  }
  return e;
}

/**
 * Relative quantification of a sample against a calibrator: ΔΔCt, RQ = 2^−ΔΔCt and the Pfaffl ratio
 * (formulas in the module comment). Both samples must list the same reference genes in the same order.
 *
 * @param sample - the patient's replicate Cts.
 * @param calibrator - the calibrator's replicate Cts (e.g. pooled healthy-donor plasma).
 * @param efficiencies - amplification factors for the Pfaffl ratio (default 2 and 2).
 * @returns the quantification.
 * @throws Error on invalid Cts, mismatched reference genes or efficiencies outside (1, 3).
 */
export function relativeQuantification(
  sample: QpcrSampleInput,
  calibrator: QpcrSampleInput,
  efficiencies: Efficiencies = {},
): RelativeQuantification {
  const eT = checkEfficiency(efficiencies.target ?? 2, 'target');
  const eR = checkEfficiency(efficiencies.reference ?? 2, 'reference');
  const s = sampleDeltaCt(sample);
  const c = sampleDeltaCt(calibrator);
  const sNames = s.references.map((r) => r.name).join(', ');
  const cNames = c.references.map((r) => r.name).join(', ');
  if (sNames !== cNames) {
    throw new MessageError('ddct.referencesDiffer', { sample: sNames, calibrator: cNames });
  }
  const deltaDeltaCt = s.deltaCt - c.deltaCt;
  const dT = c.target.mean - s.target.mean;
  const dR = c.referenceCt - s.referenceCt;
  // Geometric mean of the single-reference ratios E_t^dT / E_r^(Ct_r(cal) − Ct_r(sample)).
  let product = 1;
  for (let i = 0; i < s.references.length; i++) {
    product *= Math.pow(eT, dT) / Math.pow(eR, c.references[i].mean - s.references[i].mean);
  }
  const geo = Math.pow(product, 1 / s.references.length);
  return {
    sample: s,
    calibrator: c,
    deltaDeltaCt,
    rq: Math.pow(2, -deltaDeltaCt),
    log2Rq: -deltaDeltaCt,
    pfaffl: {
      efficiencyTarget: eT,
      efficiencyReference: eR,
      dCtTargetCalMinusSample: dT,
      dCtRefCalMinusSample: dR,
      ratio: Math.pow(eT, dT) / Math.pow(eR, dR),
      ratioGeometricMeanOfReferenceRatios: geo,
      ratioIfBothEfficiencies2: Math.pow(2, dT) / Math.pow(2, dR),
    },
    spikeInDifference: s.spikeIn && c.spikeIn ? s.spikeIn.mean - c.spikeIn.mean : null,
  };
}
