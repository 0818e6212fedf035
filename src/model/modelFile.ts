/**
 * The SonoMiR model file: one versioned JSON document bundling the clinical, radiomics and combined
 * KNN models of a study run, validated with zod and sealed with a SHA-256 hash. Pure TypeScript.
 *
 * Integrity: `hash.value` is the SHA-256 (lower-case hex) of the document's canonical JSON — the
 * document without its `hash` field, object keys sorted by UTF-16 code units at every level, no
 * whitespace, numbers as `JSON.stringify` writes them (shortest round-trip form). Because numbers
 * round-trip exactly, loading and re-serialising gives the same bytes, so any edit (a changed
 * weight, a dropped neighbour) is detected. Hashing uses WebCrypto `crypto.subtle.digest`, which is
 * asynchronous and present in browsers, Web Workers and Node ≥ 20; hence `sealModel` and `loadModel`
 * return promises. The hash detects accidental or careless modification; it is not a signature.
 *
 * Prediction: a case's inputs are z-scored with the stored training mean and scale (StandardScaler
 * convention), its k nearest stored training points are found with the same KNN as training
 * (`knn.ts`), and inputs with |z| > 3 are flagged as outside the training range.
 */
import { MessageError, message } from '../util/message';
import type { Message, StoredMessage } from '../util/message';
import { z } from 'zod';
import { sha256Hex } from '../util/hash';
import { fitKnn, predictDetailed } from './knn';

/** The schema version this code reads and writes. */
export const MODEL_SCHEMA_VERSION = 1;

/** The three study models. */
export type ModelKind = 'clinical' | 'radiomics' | 'combined';
/** All model kinds in report order. */
export const MODEL_KINDS: readonly ModelKind[] = ['clinical', 'radiomics', 'combined'];
/** Name of the miR-34a input in model input lists. */
export const MIR34A_INPUT = 'miR34a';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const prob = z.number().min(0).max(1);
const nullableProb = prob.nullable();

/** Feature-extraction settings that must agree between training and prediction. */
export const extractionSettingsSchema = z.strictObject({
  binWidth: z.number().positive(),
  normalize: z.boolean(),
  normalizeScale: z.number().positive(),
  voxelArrayShift: finite,
  shapeClass: z.enum(['shape', 'shape2D']),
  spacingUnit: z.enum(['mm', 'pixel']),
});
/** Feature-extraction settings (PyRadiomics names). */
export type ExtractionSettings = z.infer<typeof extractionSettingsSchema>;

/** The study's extraction settings (binWidth 25, normalize ×100, shift 300, 3-D shape class, pixel spacing). */
export const STUDY_EXTRACTION_SETTINGS: ExtractionSettings = {
  binWidth: 25,
  normalize: true,
  normalizeScale: 100,
  voxelArrayShift: 300,
  shapeClass: 'shape',
  spacingUnit: 'pixel',
};

const thresholdMetricsSchema = z.strictObject({
  threshold: finite,
  sensitivity: nullableProb,
  specificity: nullableProb,
  accuracy: prob,
  precision: nullableProb,
  f1: nullableProb,
});
/** Dichotomised metrics at one threshold (null where a denominator is 0). */
export type ThresholdSummary = z.infer<typeof thresholdMetricsSchema>;

const performanceSchema = z.strictObject({
  n: z.number().int().positive(),
  nPos: z.number().int().nonnegative(),
  nNeg: z.number().int().nonnegative(),
  auc: prob,
  /** DeLong 95 % CI. */
  ci95: z.tuple([prob, prob]),
  /** Stratified bootstrap percentile 95 % CI (null when not computed). */
  bootstrapCi95: z.tuple([prob, prob]).nullable(),
  atHalf: thresholdMetricsSchema,
  /** At the Youden-optimal threshold (null when the ROC has no informative cut, J = 0). */
  atYouden: thresholdMetricsSchema.nullable(),
  roc: z
    .strictObject({
      fpr: z.array(prob),
      tpr: z.array(prob),
      /**
       * Threshold of each point, decreasing (positive = probability ≥ threshold); the first is null
       * (+∞: nobody positive). Absent in older model files — the app then shows the
       * 50 % point instead of the patient's own.
       */
      thresholds: z.array(prob.nullable()).optional(),
    })
    .refine((r) => r.fpr.length === r.tpr.length && (!r.thresholds || r.thresholds.length === r.fpr.length), {
      message: 'roc: fpr, tpr and thresholds must have one entry per point',
    }),
  dca: z.strictObject({
    thresholds: z.array(prob),
    netBenefit: z.array(finite),
    treatAll: z.array(finite),
  }),
});
/** Discrimination and classification summary of one model on one set. */
export type PerformanceSummary = z.infer<typeof performanceSchema>;

/** A {@link Message}: a code and its parameters (a parameter may itself be a Message). */
const messageSchema: z.ZodType<Message> = z.lazy(() =>
  z.strictObject({
    code: z.string().min(1),
    params: z.record(z.string(), z.union([z.string(), z.number(), messageSchema])).optional(),
  }),
);
/**
 * A stored message: a Message, or — in model files written before messages became codes — the
 * English sentence itself, shown as it is. Must stay accepted: saved model files hold such strings.
 */
const storedMessageSchema: z.ZodType<StoredMessage> = z.union([z.string(), messageSchema]);

const knnEntrySchema = z.strictObject({
  kind: z.enum(['clinical', 'radiomics', 'combined']),
  /** Input names in order: `miR34a` and/or PyRadiomics feature names. */
  inputs: z.array(z.string().min(1)).min(1),
  /** StandardScaler parameters fitted on the training rows (one per input). */
  zscore: z.strictObject({ mean: z.array(finite), scale: z.array(z.number().positive()) }),
  /** z-scored training points (rows × inputs). */
  trainingPoints: z.array(z.array(finite)).min(1),
  /** Training labels, 1 = pCR. */
  labels: z.array(z.union([z.literal(0), z.literal(1)])),
  k: z.number().int().positive(),
  weights: z.enum(['uniform', 'distance']),
  /** How k was chosen and the cross-validated AUC of each candidate. */
  kSelection: z.strictObject({
    mode: z.enum(['auto', 'fixed']),
    candidates: z.array(z.number().int().positive()),
    cvAuc: z.array(prob.nullable()),
  }),
  metrics: z.strictObject({ cv: performanceSchema, validation: performanceSchema }),
});
/** One KNN model of the bundle. */
export type KnnEntry = z.infer<typeof knnEntrySchema>;

const documentBody = {
  format: z.literal('sonomir-model'),
  schemaVersion: z.literal(MODEL_SCHEMA_VERSION),
  appVersion: z.string().min(1),
  createdAt: z.iso.datetime(),
  extraction: extractionSettingsSchema,
  models: z.strictObject({
    clinical: knnEntrySchema.nullable(),
    radiomics: knnEntrySchema.nullable(),
    combined: knnEntrySchema.nullable(),
  }),
  /**
   * Why a model is absent, per kind (empty when all three were built): a `model.notBuilt.*` Message,
   * or the English sentence of a file written before messages became codes.
   */
  notBuilt: z.record(z.string(), storedMessageSchema),
  selection: z.strictObject({
    /** Features entering selection (after the ICC filter). */
    candidates: z.array(z.string()),
    /** LASSO-selected features with their coefficients (Rad-score on z-scored features). */
    selected: z.array(z.strictObject({ name: z.string(), coefficient: finite })),
    radScoreIntercept: finite.nullable(),
    /** Selection model: LassoCV (the study's) or L1-penalised logistic regression. */
    method: z.enum(['lassoCV', 'l1-logistic']),
    /** LassoCV's chosen alpha (null when LASSO did not run or another method was used). */
    lassoAlpha: finite.nullable(),
    /** C of the L1-logistic selection (null for LassoCV). */
    l1C: z.number().positive().nullable(),
  }),
  training: z.strictObject({
    n: z.number().int().positive(),
    nTrain: z.number().int().positive(),
    nValidation: z.number().int().nonnegative(),
    prevalenceTrain: prob,
    prevalenceValidation: prob.nullable(),
    /** Seed of the stratified split, or null when the user supplied the split. */
    splitSeed: z.number().int().nullable(),
    /** Seed of the cross-validation folds and the bootstrap. */
    seed: z.number().int(),
  }),
};
const unsealedSchema = z.strictObject(documentBody);
const documentSchema = z.strictObject({
  ...documentBody,
  hash: z.strictObject({ algorithm: z.literal('SHA-256'), value: z.string().regex(/^[0-9a-f]{64}$/) }),
});
/** A model document before sealing (no hash). */
export type UnsealedModelDocument = z.infer<typeof unsealedSchema>;
/** A sealed, validated model document. */
export type ModelDocument = z.infer<typeof documentSchema>;

/**
 * Canonical JSON of a value: object keys sorted at every level, no whitespace, `undefined`
 * properties omitted. Throws on non-finite numbers (JSON cannot carry them).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new MessageError('model.file.nonFinite', { value });
    return JSON.stringify(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new MessageError('model.file.unstorable', { type: typeof value });
}

/** SHA-256 of the canonical JSON of a document without its hash field. */
export async function modelHash(doc: UnsealedModelDocument | ModelDocument): Promise<string> {
  const { hash: _hash, ...body } = doc as ModelDocument;
  return sha256Hex(new TextEncoder().encode(canonicalJson(body)));
}

/** Formats zod issues as "path: message" lines. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 8)
    .map((i) => `${i.path.length ? i.path.join('.') : '(document)'}: ${i.message}`)
    .join('; ');
}

/** Checks the cross-field consistency zod cannot express (dimensions, labels, k). */
function checkConsistency(doc: UnsealedModelDocument): void {
  for (const kind of MODEL_KINDS) {
    const m = doc.models[kind];
    if (m === null) {
      if (!doc.notBuilt[kind]) throw new MessageError('modelFile.missingNoReason', { kind });
      continue;
    }
    if (m.kind !== kind) throw new MessageError('modelFile.wrongKind', { kind, declared: m.kind });
    const d = m.inputs.length;
    if (m.zscore.mean.length !== d || m.zscore.scale.length !== d) {
      throw new MessageError('modelFile.zscoreLength', { kind, d });
    }
    m.trainingPoints.forEach((row, i) => {
      if (row.length !== d) throw new MessageError('modelFile.pointLength', { kind, i, n: row.length, d });
    });
    if (m.labels.length !== m.trainingPoints.length) {
      throw new MessageError('modelFile.labelCount', {
        kind,
        points: m.trainingPoints.length,
        labels: m.labels.length,
      });
    }
    if (m.k > m.trainingPoints.length) {
      throw new MessageError('modelFile.kTooLarge', { kind, k: m.k, points: m.trainingPoints.length });
    }
    if (new Set(m.inputs).size !== d) throw new MessageError('modelFile.inputTwice', { kind });
  }
}

/**
 * Validates an unsealed document and adds its SHA-256 hash.
 * @throws Error when the document does not satisfy the schema.
 */
export async function sealModel(doc: UnsealedModelDocument): Promise<ModelDocument> {
  const parsed = unsealedSchema.safeParse(doc);
  if (!parsed.success) {
    throw new MessageError('modelFile.documentInvalid', { issues: describeIssues(parsed.error) });
  }
  checkConsistency(parsed.data);
  const value = await modelHash(parsed.data);
  return { ...parsed.data, hash: { algorithm: 'SHA-256', value } };
}

/** Serialises a sealed document as indented JSON (the hash does not depend on the layout). */
export function serializeModel(doc: ModelDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Parses and verifies a model file: JSON syntax, format, schemaVersion, schema, consistency, hash.
 * @throws Error with a specific message: not JSON; not a SonoMiR model; unsupported schemaVersion
 *   (naming the file's and the supported version); schema violations (with their paths); hash
 *   mismatch (the file was modified after it was written).
 */
export async function loadModel(text: string): Promise<ModelDocument> {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new MessageError('modelFile.notJson', { detail: (e as Error).message }, { cause: e });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new MessageError('modelFile.notObject');
  }
  const obj = raw as Record<string, unknown>;
  if (obj.format !== 'sonomir-model') throw new MessageError('modelFile.notSonomir');
  if (obj.schemaVersion !== MODEL_SCHEMA_VERSION) {
    throw new MessageError('modelFile.schemaVersion', {
      found: String(JSON.stringify(obj.schemaVersion)),
      supported: MODEL_SCHEMA_VERSION,
    });
  }
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) throw new MessageError('modelFile.schema', { issues: describeIssues(parsed.error) });
  checkConsistency(parsed.data);
  const expected = await modelHash(parsed.data);
  if (expected !== parsed.data.hash.value) {
    throw new MessageError('modelFile.tampered');
  }
  return parsed.data;
}

/** A case to predict. */
export interface CaseInput {
  /** Radiomics feature values by PyRadiomics name. */
  features: Readonly<Record<string, number>>;
  /** miR-34a relative expression (2^−ΔΔCt). */
  mir34a?: number | null;
  /** Settings the case's features were extracted with. */
  extraction: ExtractionSettings;
}

/** An input whose z-score lies outside ±3 training SDs. */
export interface OutOfRangeInput {
  input: string;
  value: number;
  z: number;
}

/** Prediction of one model for one case. */
export interface ModelPrediction {
  kind: ModelKind;
  /** Probability of pCR (share, or weighted share, of pCR cases among the k neighbours). */
  probability: number;
  /** Predicted class at 0.5 (1 = pCR; 0.5 gives 0, as scikit-learn). */
  predicted: 0 | 1;
  k: number;
  /** Neighbours: index into the model's training points, label, Euclidean distance in z-space. */
  neighbours: { index: number; label: number; distance: number }[];
  /** The case's z-scored inputs, in model input order. */
  z: number[];
  /** Inputs with |z| > 3. */
  outOfRange: OutOfRangeInput[];
}

/** Options of {@link predict}. */
export interface PredictOptions {
  /** Models to evaluate (default: every model present in the file). */
  kinds?: readonly ModelKind[];
}

/**
 * Predicts a case with the models of a loaded document.
 * @returns one prediction per requested model that exists in the file.
 * @throws Error when the case's extraction settings differ from the model's (naming each
 *   difference), when a requested model is absent (with the stored reason), or when the case lacks
 *   an input or has a non-finite one (naming it).
 */
export function predict(
  doc: ModelDocument,
  input: CaseInput,
  options: PredictOptions = {},
): ModelPrediction[] {
  const diffs = (Object.keys(doc.extraction) as (keyof ExtractionSettings)[])
    .filter((key) => doc.extraction[key] !== input.extraction[key])
    .map(
      (key) =>
        `${key} = ${JSON.stringify(input.extraction[key])} (model: ${JSON.stringify(doc.extraction[key])})`,
    );
  if (diffs.length) {
    throw new MessageError('modelFile.settingsDiffer', { diffs: diffs.join(', ') });
  }
  const kinds = options.kinds ?? MODEL_KINDS.filter((k) => doc.models[k] !== null);
  if (kinds.length === 0) throw new MessageError('modelFile.noModel');
  return kinds.map((kind) => {
    const m = doc.models[kind];
    if (!m) {
      const why = doc.notBuilt[kind] ?? message('modelFile.notBuilt');
      throw new MessageError('modelFile.kindAbsent', { kind, why });
    }
    const x = m.inputs.map((name) => {
      const v = name === MIR34A_INPUT ? input.mir34a : input.features[name];
      if (v === undefined || v === null) throw new MessageError('modelFile.inputMissing', { name, kind });
      if (!Number.isFinite(v)) throw new MessageError('modelFile.inputNotFinite', { name, value: String(v) });
      return v;
    });
    const zs = x.map((v, j) => (v - m.zscore.mean[j]) / m.zscore.scale[j]);
    const knn = fitKnn(m.trainingPoints, m.labels, { k: m.k, weights: m.weights });
    const [p] = predictDetailed(knn, [zs]);
    return {
      kind,
      probability: p.proba1,
      predicted: p.predict,
      k: m.k,
      neighbours: p.neighbors.map((index, i) => ({ index, label: p.labels[i], distance: p.distances[i] })),
      z: zs,
      outOfRange: zs.flatMap((zv, j) =>
        Math.abs(zv) > 3 ? [{ input: m.inputs[j], value: x[j], z: zv }] : [],
      ),
    };
  });
}
