/**
 * Builds the embedded demonstration artifacts from the synthetic cohort (`generator.ts`):
 * PNG images and ROI masks, the cohort CSV (features computed by the real engine from the decoded
 * PNGs, exactly as the Case screen would; miR-34a by the real 2^−ΔΔCt code from the Ct triplicates),
 * the demo case list, and the demonstration model trained by the real study pipeline (k = 7) from
 * that CSV. Pure TypeScript, no DOM and no file system: `scripts/build-demo.ts` writes the files.
 */
import { encode } from 'fast-png';
import { decodeImage, decodeMask } from '../imaging';
import { parseCohortCsv } from '../model/cohort';
import {
  MODEL_KINDS,
  sealModel,
  serializeModel,
  type ModelDocument,
  type ModelKind,
} from '../model/modelFile';
import { fitStudyModels, type StudyResult } from '../model/pipeline';
import { relativeQuantification, type QpcrSampleInput } from '../qpcr/ddct';
import { extractFeatures, STUDY_FEATURE_NAMES } from '../radiomics/extract';
import { STUDY_PRESET } from '../radiomics/settings';
import type { Point } from '../roi/rasterize';
import {
  DEMO_GENERATOR_VERSION,
  DEMO_DESIGN,
  DEMO_SEED,
  generateDemoCohort,
  type DemoDesign,
  type CtTriplicates,
  type DemoCohort,
  type DemoPatient,
} from './generator';

/** Seed of the demonstration model's split, CV folds and bootstrap. */
export const DEMO_MODEL_SEED = 42;
/** The demonstration model's fixed k (uniform KNN, as the study's worked example implies). */
export const DEMO_MODEL_K = 7;
/**
 * The study's worked example (Figure 2): a combined-model pCR probability of 6/7 = 0.857, i.e. 6 of
 * the 7 nearest training patients reached pCR.
 */
export const DEMO_WORKED_EXAMPLE = { pcrNeighbours: 6, k: DEMO_MODEL_K } as const;
/** Fixed creation date written into the demonstration model (keeps its hash reproducible). */
export const DEMO_MODEL_CREATED_AT = '2026-01-01T00:00:00.000Z';

/** One demo case as listed in `cases.json` (what "Load demo case" opens). */
export interface DemoCaseEntry {
  id: string;
  pcr: 0 | 1;
  millerPayne: 1 | 2 | 3 | 4 | 5;
  age: number;
  hospital: 'A' | 'B';
  /** Paths relative to the demo folder. */
  image: string;
  mask: string;
  width: number;
  height: number;
  /** Reader 1 and reader 2 ROI polygons (image pixel coordinates). */
  roi: Point[];
  roi2: Point[];
  dice: number;
  /** The patient's Ct triplicates (the calibrator's are in {@link DemoCaseList.calibrator}). */
  cts: CtTriplicates;
  /** miR-34a relative expression 2^−ΔΔCt computed from the Cts. */
  mir34a: number;
  /** The demonstration model's set this patient was in (a validation case is unseen by the model). */
  set: 'training' | 'validation';
}

export interface DemoCaseList {
  seed: number;
  generatorVersion: number;
  calibrator: CtTriplicates;
  cases: DemoCaseEntry[];
  /**
   * Id of the patient that plays the paper's worked example (Figure 2): the first validation patient
   * (by id) with pCR whose combined-model probability is 6/7; null when no patient qualifies.
   */
  workedExample: string | null;
}

/** Summary written to `manifest.json`. */
export interface DemoManifest {
  generatorVersion: number;
  seed: number;
  /** Cache key of the inputs (sources) the artifacts were built from; set by the build script. */
  sourceKey: string;
  patients: number;
  pcr: number;
  nonPcr: number;
  modelHash: string;
  modelSeed: number;
  k: number;
  selectedFeatures: string[];
  auc: Record<ModelKind, { cv: number; validation: number } | null>;
  /** Validation-set AUC 95 % DeLong CIs. */
  validationCi95: Record<ModelKind, [number, number] | null>;
  /** Paired DeLong P on the validation set: combined vs clinical and vs radiomics. */
  delongValidation: { combinedVsClinical: number | null; combinedVsRadiomics: number | null };
  /** GLCM Contrast vs miR-34a over the whole cohort (the study's r = 0.38). */
  contrastMir34a: { r: number; p: number } | null;
  workedExample: string | null;
}

export interface DemoArtifacts {
  /** Files by path relative to the demo folder. */
  files: Map<string, Uint8Array | string>;
  cohort: DemoCohort;
  csv: string;
  /** The pipeline's full result (selection, comparisons, baseline table, correlation). */
  result: StudyResult;
  model: ModelDocument;
  manifest: DemoManifest;
}

export interface BuildDemoOptions {
  seed?: number;
  /** First n patients only (tests); default all 93. */
  n?: number;
  /** The generative design (default {@link DEMO_DESIGN}, the embedded demo's). */
  design?: DemoDesign;
  appVersion?: string;
  sourceKey?: string;
  /** Progress: (done, total, stage). */
  onProgress?: (done: number, total: number, stage: string) => void;
}

function qpcrInput(cts: CtTriplicates): QpcrSampleInput {
  return {
    target: cts['miR-34a'],
    references: [
      { name: 'U6', cts: cts.U6 },
      { name: 'miR-16', cts: cts['miR-16'] },
    ],
    spikeIn: cts['cel-miR-39'],
  };
}

/** miR-34a relative expression of a patient by the real ΔΔCt code. */
export function demoMir34a(patient: CtTriplicates, calibrator: CtTriplicates): number {
  return relativeQuantification(qpcrInput(patient), qpcrInput(calibrator)).rq;
}

/** 8-bit grey PNG of an image. */
function pngOf(data: Uint8Array, width: number, height: number): Uint8Array {
  return encode({ width, height, data, channels: 1, depth: 8 });
}

/** 0/255 PNG of a 0/1 mask. */
function maskPngOf(mask: Uint8Array, width: number, height: number): Uint8Array {
  return pngOf(
    mask.map((v) => (v ? 255 : 0)),
    width,
    height,
  );
}

/** Features of one ROI, computed from the decoded PNG files as the app would. */
function featuresOf(imagePng: Uint8Array, maskPng: Uint8Array, name: string): Record<string, number> {
  const image = decodeImage(imagePng, `${name}.png`).image;
  const mask = decodeMask(maskPng, `${name}_mask.png`).mask;
  return extractFeatures(image, mask, { settings: STUDY_PRESET }).values;
}

/** The cohort CSV: id, clinical columns, miR34a, pCR, 107 features, 107 reader-2 features. */
function cohortCsv(
  patients: DemoPatient[],
  mir: number[],
  f1: Record<string, number>[],
  f2: Record<string, number>[],
): string {
  const names = STUDY_FEATURE_NAMES;
  const header = ['id', 'hospital', 'age', 'miR34a', 'pCR', ...names, ...names.map((n) => `reader2_${n}`)];
  const lines = [header.join(',')];
  patients.forEach((p, i) => {
    lines.push(
      [
        p.id,
        p.hospital,
        String(p.age),
        String(mir[i]),
        String(p.pcr),
        ...names.map((n) => String(f1[i][n])),
        ...names.map((n) => String(f2[i][n])),
      ].join(','),
    );
  });
  return `${lines.join('\n')}\n`;
}

/** The worked example's id (see {@link DemoCaseList.workedExample}). */
function workedExampleId(result: StudyResult, cases: DemoCaseEntry[]): string | null {
  const combined = result.models.combined;
  if (!combined) return null;
  const { pcrNeighbours, k } = DEMO_WORKED_EXAMPLE;
  const pcr = new Map(cases.map((c) => [c.id, c.pcr]));
  const ids = result.split.validationIds
    .filter(
      (id, j) =>
        pcr.get(id) === 1 && Math.abs(combined.validationProbabilities[j] * k - pcrNeighbours) < 1e-9,
    )
    .sort();
  return ids[0] ?? null;
}

/**
 * Generates the cohort and builds every artifact. Deterministic for a given seed (and n).
 * @throws Error when the engine or the pipeline fails on the synthetic data (a generator bug).
 */
export async function buildDemoArtifacts(options: BuildDemoOptions = {}): Promise<DemoArtifacts> {
  const seed = options.seed ?? DEMO_SEED;
  const cohort = generateDemoCohort(seed, options.n, options.design ?? DEMO_DESIGN);
  const { width, height, patients } = cohort;
  const files = new Map<string, Uint8Array | string>();
  const f1: Record<string, number>[] = [];
  const f2: Record<string, number>[] = [];
  const mir: number[] = [];
  const cases: DemoCaseEntry[] = [];
  patients.forEach((p, i) => {
    const imagePng = pngOf(p.image, width, height);
    const mask1 = maskPngOf(p.mask1, width, height);
    const mask2 = maskPngOf(p.mask2, width, height);
    files.set(`cases/${p.id}.png`, imagePng);
    files.set(`cases/${p.id}_mask.png`, mask1);
    files.set(`cases/${p.id}_mask_reader2.png`, mask2);
    f1.push(featuresOf(imagePng, mask1, p.id));
    f2.push(featuresOf(imagePng, mask2, `${p.id}_reader2`));
    mir.push(demoMir34a(p.cts, cohort.calibrator));
    cases.push({
      id: p.id,
      pcr: p.pcr,
      millerPayne: p.millerPayne,
      age: p.age,
      hospital: p.hospital,
      image: `cases/${p.id}.png`,
      mask: `cases/${p.id}_mask.png`,
      width,
      height,
      roi: p.roi1,
      roi2: p.roi2,
      dice: p.dice,
      cts: p.cts,
      mir34a: mir[i],
      set: 'training',
    });
    options.onProgress?.(i + 1, patients.length, 'features');
  });
  const csv = cohortCsv(patients, mir, f1, f2);
  files.set('cohort.csv', csv);
  const result = fitStudyModels(parseCohortCsv(csv, { what: 'demo cohort CSV' }), {
    seed: DEMO_MODEL_SEED,
    k: DEMO_MODEL_K,
    createdAt: DEMO_MODEL_CREATED_AT,
    appVersion: options.appVersion ?? 'demo',
  });
  const validation = new Set(result.split.validationIds);
  for (const c of cases) if (validation.has(c.id)) c.set = 'validation';
  const workedExample = workedExampleId(result, cases);
  const caseList: DemoCaseList = {
    seed,
    generatorVersion: DEMO_GENERATOR_VERSION,
    calibrator: cohort.calibrator,
    cases,
    workedExample,
  };
  files.set('cases.json', `${JSON.stringify(caseList)}\n`);
  const model = await sealModel(result.document);
  files.set('model.json', serializeModel(model));
  const auc = {} as DemoManifest['auc'];
  const validationCi95 = {} as DemoManifest['validationCi95'];
  for (const kind of MODEL_KINDS) {
    const m = model.models[kind];
    auc[kind] = m ? { cv: m.metrics.cv.auc, validation: m.metrics.validation.auc } : null;
    validationCi95[kind] = m ? m.metrics.validation.ci95 : null;
  }
  const delongP = (b: ModelKind) =>
    result.comparisons.find((c) => c.set === 'validation' && c.a === 'combined' && c.b === b)?.p ?? null;
  const corr = result.mir34aCorrelation;
  const manifest: DemoManifest = {
    generatorVersion: DEMO_GENERATOR_VERSION,
    seed,
    sourceKey: options.sourceKey ?? '',
    patients: patients.length,
    pcr: patients.filter((p) => p.pcr === 1).length,
    nonPcr: patients.filter((p) => p.pcr === 0).length,
    modelHash: model.hash.value,
    modelSeed: DEMO_MODEL_SEED,
    k: DEMO_MODEL_K,
    selectedFeatures: model.selection.selected.map((s) => s.name),
    auc,
    validationCi95,
    delongValidation: { combinedVsClinical: delongP('clinical'), combinedVsRadiomics: delongP('radiomics') },
    contrastMir34a: corr ? { r: corr.r, p: corr.p } : null,
    workedExample,
  };
  files.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return { files, cohort, csv, result, model, manifest };
}
