/**
 * The case screen's qRT-PCR analysis: typed triplicates → parsed Cts → `relativeQuantification`
 * (src/qpcr/ddct.ts) → miR-34a relative expression, with plain-language QC flags. Flags never block
 * entry or the result; they travel with the case.
 */
import { relativeQuantification, summarizeReplicates, type RelativeQuantification } from './ddct';
import { parseCt, parseRelativeExpression, type CtParse } from './parse';
import { message, type Message } from '../util/message';

/** The genes measured, in display order. */
export const GENES = ['miR-34a', 'U6', 'miR-16', 'cel-miR-39'] as const;
export type Gene = (typeof GENES)[number];
export type SampleKind = 'patient' | 'calibrator';

/** Typed text of the replicate wells: sample → gene → 3 strings. */
export type CtTexts = Record<SampleKind, Record<Gene, [string, string, string]>>;

export interface QpcrEntry {
  cts: CtTexts;
  /** Relative expression typed directly (when the laboratory reports it). */
  directRelativeExpression: string;
  /** Efficiency-corrected (Pfaffl) mode and amplification factors as typed. */
  pfaffl: boolean;
  efficiencyTarget: string;
  efficiencyReference: string;
  /** Name of the calibrator run the calibrator values came from, if any. */
  calibratorRun: string | null;
}

export function emptyCtTexts(): Record<Gene, [string, string, string]> {
  return { 'miR-34a': ['', '', ''], U6: ['', '', ''], 'miR-16': ['', '', ''], 'cel-miR-39': ['', '', ''] };
}

export function emptyQpcrEntry(): QpcrEntry {
  return {
    cts: { patient: emptyCtTexts(), calibrator: emptyCtTexts() },
    directRelativeExpression: '',
    pfaffl: false,
    efficiencyTarget: '2',
    efficiencyReference: '2',
    calibratorRun: null,
  };
}

export interface QcFlag {
  code: 'sd' | 'late' | 'undetermined' | 'spike' | 'no-calibrator' | 'range' | 'efficiency';
  message: Message;
}

export interface GeneSummary {
  mean: number | null;
  sd: number | null;
  nUsed: number;
}

export interface QpcrAnalysis {
  /** Parse result of every field. */
  parsed: Record<SampleKind, Record<Gene, CtParse[]>>;
  summaries: Record<SampleKind, Record<Gene, GeneSummary>>;
  /** Reference Ct (mean of U6 and miR-16 means) per sample. */
  referenceCt: Record<SampleKind, number | null>;
  deltaCt: Record<SampleKind, number | null>;
  quantification: RelativeQuantification | null;
  /** The miR-34a relative expression used (direct entry wins over the computed value). */
  relativeExpression: number | null;
  source: 'ddct' | 'pfaffl' | 'direct' | null;
  directError: Message | null;
  /** Why no value could be computed: the sample and gene (`qpcr.where`) of each missing mean. */
  missing: Message[];
  flags: QcFlag[];
}

/** "Patient miR-34a": the sample and gene a QC message is about. */
function where(s: SampleKind, gene: Gene): Message {
  return message('qpcr.where', {
    sample: message(s === 'patient' ? 'qpcr.sample.patient' : 'qpcr.sample.calibrator'),
    gene,
  });
}

function values(ps: CtParse[]): (number | null)[] {
  return ps.flatMap((p) => (p.kind === 'value' ? [p.value] : p.kind === 'undetermined' ? [null] : []));
}

function parseEfficiency(text: string): number | null {
  const v = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(v) && v > 1 && v < 3 ? v : null;
}

/** Analyses the typed entry. Pure; never throws for any input. */
export function analyseQpcr(entry: QpcrEntry): QpcrAnalysis {
  const parsed = {} as QpcrAnalysis['parsed'];
  const summaries = {} as QpcrAnalysis['summaries'];
  const flags: QcFlag[] = [];
  const missing: Message[] = [];
  for (const s of ['patient', 'calibrator'] as const) {
    parsed[s] = {} as Record<Gene, CtParse[]>;
    summaries[s] = {} as Record<Gene, GeneSummary>;
    for (const g of GENES) {
      const ps = entry.cts[s][g].map(parseCt);
      parsed[s][g] = ps;
      const vs = values(ps);
      const determined = vs.filter((v): v is number => v !== null);
      if (determined.length > 0) {
        const sum = summarizeReplicates(vs, g);
        summaries[s][g] = { mean: sum.mean, sd: sum.sd, nUsed: sum.nUsed };
      } else {
        summaries[s][g] = { mean: null, sd: null, nUsed: 0 };
      }
      const at = where(s, g);
      const sd = summaries[s][g].sd;
      if (sd !== null && sd > 0.5) {
        flags.push({ code: 'sd', message: message('qpcr.qc.sd', { where: at, sd: sd.toFixed(2) }) });
      }
      const nUndet = vs.filter((v) => v === null).length;
      if (nUndet > 0) {
        flags.push({
          code: 'undetermined',
          message: message(determined.length ? 'qpcr.qc.undeterminedOthers' : 'qpcr.qc.undeterminedNone', {
            where: at,
            n: nUndet,
            total: vs.length,
          }),
        });
      }
      const late = determined.filter((v) => v > 35);
      if (late.length > 0) {
        flags.push({
          code: 'late',
          message: message('qpcr.qc.late', { where: at, values: late.map((v) => v.toFixed(2)).join(', ') }),
        });
      }
      const out = determined.filter((v) => v < 5 || v > 45);
      if (out.length > 0) {
        flags.push({
          code: 'range',
          message: message('qpcr.qc.range', { where: at, values: out.map((v) => v.toFixed(2)).join(', ') }),
        });
      }
    }
  }
  const refCt = (s: SampleKind): number | null => {
    const a = summaries[s].U6.mean;
    const b = summaries[s]['miR-16'].mean;
    return a !== null && b !== null ? (a + b) / 2 : null;
  };
  const referenceCt = { patient: refCt('patient'), calibrator: refCt('calibrator') };
  const dct = (s: SampleKind): number | null => {
    const t = summaries[s]['miR-34a'].mean;
    const r = referenceCt[s];
    return t !== null && r !== null ? t - r : null;
  };
  const deltaCt = { patient: dct('patient'), calibrator: dct('calibrator') };
  const calEntered = GENES.some((g) => entry.cts.calibrator[g].some((t) => t.trim() !== ''));
  const patEntered = GENES.some((g) => entry.cts.patient[g].some((t) => t.trim() !== ''));
  if (!calEntered && patEntered) {
    flags.push({ code: 'no-calibrator', message: message('qpcr.qc.noCalibrator') });
  }
  for (const s of ['patient', 'calibrator'] as const) {
    for (const g of ['miR-34a', 'U6', 'miR-16'] as const) {
      if (summaries[s][g].mean === null) missing.push(where(s, g));
    }
  }
  const spP = summaries.patient['cel-miR-39'].mean;
  const spC = summaries.calibrator['cel-miR-39'].mean;
  if (spP !== null && spC !== null && Math.abs(spP - spC) > 2) {
    flags.push({
      code: 'spike',
      message: message('qpcr.qc.spike', { difference: Math.abs(spP - spC).toFixed(2) }),
    });
  }
  let quantification: RelativeQuantification | null = null;
  const eT = parseEfficiency(entry.efficiencyTarget);
  const eR = parseEfficiency(entry.efficiencyReference);
  if (entry.pfaffl && (eT === null || eR === null)) {
    flags.push({ code: 'efficiency', message: message('qpcr.qc.efficiency') });
  }
  if (missing.length === 0) {
    const input = (s: SampleKind) => ({
      target: values(parsed[s]['miR-34a']),
      references: [
        { name: 'U6', cts: values(parsed[s].U6) },
        { name: 'miR-16', cts: values(parsed[s]['miR-16']) },
      ],
      spikeIn: summaries[s]['cel-miR-39'].mean !== null ? values(parsed[s]['cel-miR-39']) : undefined,
    });
    try {
      quantification = relativeQuantification(input('patient'), input('calibrator'), {
        target: eT ?? 2,
        reference: eR ?? 2,
      });
    } catch {
      quantification = null;
    }
  }
  const direct = parseRelativeExpression(entry.directRelativeExpression);
  let relativeExpression: number | null = null;
  let source: QpcrAnalysis['source'] = null;
  if (direct.kind === 'value') {
    relativeExpression = direct.value;
    source = 'direct';
  } else if (quantification) {
    relativeExpression = entry.pfaffl ? quantification.pfaffl.ratio : quantification.rq;
    source = entry.pfaffl ? 'pfaffl' : 'ddct';
  }
  return {
    parsed,
    summaries,
    referenceCt,
    deltaCt,
    quantification,
    relativeExpression,
    source,
    directError: direct.kind === 'error' ? direct.message : null,
    missing,
    flags,
  };
}
