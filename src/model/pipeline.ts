/**
 * The study pipeline, `fitStudyModels`: from a parsed cohort to the three KNN models (clinical,
 * radiomics, combined), their evaluation and a model document ready to be sealed. Pure TypeScript,
 * deterministic for a given seed, no DOM (runs in a Web Worker, in Node and in the CLI).
 *
 * Steps (the study's, in order):
 * 1. stratified 4:1 train/validation split (seeded, `split.ts`), or a split given by the user;
 * 2. when second-reader features exist: keep features with inter-reader ICC > 0.75 (training rows);
 * 3. on the TRAINING rows only: z-score (StandardScaler) → Student t-test P < 0.05 → greedy Pearson
 *    |r| > 0.9 filter (features visited by ascending P) → LassoCV (KFold(5), 100 alphas) →
 *    selected features (non-zero coefficients) and the Rad-score (intercept + Σ coef·z);
 * 4. three uniform-weight KNN models on z-scored inputs (training parameters): clinical = miR34a,
 *    radiomics = the selected features, combined = both; k chosen by stratified 5-fold CV mean AUC
 *    over odd k (first maximum, i.e. the smallest k among ties), or fixed;
 * 5. evaluation on the training set (out-of-fold probabilities of the same stratified 5-fold CV)
 *    and on the validation set: AUC with DeLong CI and stratified bootstrap CI (2,000 resamples),
 *    sensitivity, specificity, accuracy, precision and F1 at probability > 0.5 (KNN `predict`) and
 *    at the Youden threshold, ROC points, paired DeLong tests between models, decision curves,
 *    calibration; a baseline table of miR-34a and the clinical variables by outcome.
 *
 * Validation rows never enter any fitted quantity: scaler, tests, filters, LASSO, k and the KNN
 * training points come from training rows only; validation rows are transformed with the training
 * parameters. The z-scoring for the KNN cross-validation uses the training-set parameters (the
 * study's procedure), so the CV estimates share the usual optimism of selection on the whole
 * training set; the validation set gives the unbiased estimate.
 */
import { intraclassCorrelation } from './agreement';
import { bootstrapAucCi } from './bootstrap';
import { brierScore, calibrationCurve, calibrationInTheLarge } from './calibration';
import type { Cohort } from './cohort';
import { pearson, pearsonMatrix } from './correlation';
import { decisionCurve } from './dca';
import { delongAuc, delongPaired } from './delong';
import { fitKnn, predictDetailed, predictProba } from './knn';
import type { KnnWeights } from './knn';
import { l1LogisticLiblinear, lassoCV } from './lasso';
import { thresholdMetrics } from './metrics';
import { MIR34A_INPUT, MODEL_KINDS, STUDY_EXTRACTION_SETTINGS } from './modelFile';
import type {
  ExtractionSettings,
  KnnEntry,
  ModelKind,
  PerformanceSummary,
  ThresholdSummary,
  UnsealedModelDocument,
} from './modelFile';
import { aucMannWhitney, rocCurve, youden } from './roc';
import { greedyCorrelationFilter, orderByPValue, univariateTTests } from './selection';
import { stratifiedKFold, stratifiedSplit } from './split';
import type { IndexSplit } from './split';
import { studentTTwoSidedP } from './special';
import { chiSquareContingency, studentTTest, variance } from './tests';
import { fitStandardScaler, transformStandardScaler } from './zscore';
import { MessageError, isMessageError, message, toMessage } from '../util/message';
import type { Message } from '../util/message';

/** Options of {@link fitStudyModels}. */
export interface StudyOptions {
  /** Seed of the split, the CV folds and the bootstrap (default 42). */
  seed?: number;
  /** A user-given split (row indices into the cohort) instead of the seeded one. */
  split?: IndexSplit;
  /** 'auto' (default): k by stratified 5-fold CV AUC over odd k; or a fixed k. */
  k?: 'auto' | number;
  /**
   * KNN vote weights (default 'uniform', the study's: probability = share of pCR among the k).
   * 'distance' weights neighbours by 1/distance as scikit-learn does (a zero distance takes all).
   */
  weights?: KnnWeights;
  /** Largest odd k tried in 'auto' mode (default 31, capped by the CV training-fold size). */
  kMax?: number;
  /** t-test threshold (default 0.05, strict). */
  pThreshold?: number;
  /** Pearson redundancy threshold (default 0.9, strict). */
  correlationThreshold?: number;
  /** Inter-reader ICC threshold (default 0.75, strict). */
  iccThreshold?: number;
  /** Bootstrap resamples for the AUC CIs (default 2000; 0 disables the bootstrap). */
  nBoot?: number;
  /** Settings the cohort's features were extracted with (default: the study's). */
  extraction?: ExtractionSettings;
  /** Version string written into the model document (default "unknown"). */
  appVersion?: string;
  /** ISO date written into the model document (default: now). */
  createdAt?: string;
  /**
   * Feature-selection model: LassoCV on the 0/1 outcome (default, the study's) or an L1-penalised
   * logistic regression with liblinear's penalised intercept and a fixed C (the Rad-score is then
   * on the log-odds scale).
   */
  selector?: { method: 'lassoCV' } | { method: 'l1-logistic'; C: number };
  /** Cancels the run: the pipeline throws {@link cancelledError} at the next checkpoint. */
  signal?: AbortSignal;
}

/**
 * Progress callback: fraction in [0, 1] and the stage being started, a `model.stage.*` Message
 * (e.g. `model.stage.knnFold` {model, fold, folds}); render it through i18n, never compare its text.
 */
export type ProgressCallback = (fraction: number, stage: Message) => void;

/** The code of a cancelled training run (see {@link cancelledError}). */
export const CANCELLED_CODE = 'model.cancelled';

/**
 * The one error of a cancelled training run, wherever it is cancelled (the pipeline's checkpoints,
 * the Studio's worker client): a MessageError `model.cancelled`, named AbortError for callers that
 * only know the DOM convention. Tell it apart with {@link isCancelled} (by code, never by text).
 */
export function cancelledError(): MessageError {
  const e = new MessageError(CANCELLED_CODE);
  e.name = 'AbortError';
  return e;
}

/** Whether `e` is {@link cancelledError} (a MessageError with the code `model.cancelled`). */
export function isCancelled(e: unknown): boolean {
  return isMessageError(e) && e.code === CANCELLED_CODE;
}

/** t-test result of one candidate feature on the training set. */
export interface FeatureScreen {
  name: string;
  t: number;
  p: number;
  meanPcr: number;
  meanNonPcr: number;
  passed: boolean;
}

/** One model's fit and evaluation. */
export interface FittedModel {
  entry: KnnEntry;
  /** Out-of-fold probabilities of the training rows (training order). */
  cvProbabilities: number[];
  /** Probabilities of the validation rows (validation order). */
  validationProbabilities: number[];
}

/** Paired DeLong comparison of two models on one set. */
export interface ModelComparison {
  set: 'cv' | 'validation';
  a: ModelKind;
  b: ModelKind;
  aucA: number;
  aucB: number;
  difference: number;
  z: number;
  p: number;
  ci95: [number, number];
}

/** Calibration of one model on one set (sklearn `calibration_curve`, 5 uniform bins). */
export interface CalibrationSummary {
  set: 'cv' | 'validation';
  kind: ModelKind;
  /** Brier score mean((p − y)²). */
  brier: number;
  /** Calibration-in-the-large mean(y) − mean(p). */
  citl: number;
  /** Non-empty bins: mean predicted probability, observed pCR fraction and count. */
  curve: { meanPredicted: number[]; observed: number[]; counts: number[] };
}

/** One row of the baseline table (a variable compared between pCR and non-pCR in one set). */
export interface BaselineRow {
  set: 'train' | 'validation';
  variable: string;
  kind: 'numeric' | 'categorical';
  test: 'Student t' | 'chi-square' | 'not tested';
  /** Numeric: mean and SD (ddof 1) per group. */
  pcr?: { n: number; mean: number; sd: number };
  nonPcr?: { n: number; mean: number; sd: number };
  /** Categorical: counts per level for pCR and non-pCR. */
  levels?: { level: string; pcr: number; nonPcr: number }[];
  statistic: number | null;
  p: number | null;
  /**
   * Why no test was possible (too few values, a single level, …). Deliberately English, not a
   * Message: it is written only into the baseline CSV export (report.ts), never shown as a sentence
   * in the UI.
   */
  note?: string;
}

/** The feature the study correlated with miR-34a (GLCM Contrast, Pearson r = 0.38, P < 0.01). */
export const MIR34A_CORRELATED_FEATURE = 'original_glcm_Contrast';

/** Pearson correlation of a feature with miR-34a over every case of the cohort (both sets). */
export interface Mir34aCorrelation {
  feature: string;
  n: number;
  r: number;
  /** Two-sided P of H0: ρ = 0 (t = r·√(n − 2)/√(1 − r²), n − 2 degrees of freedom). */
  p: number;
}

/** Everything `fitStudyModels` produces. */
export interface StudyResult {
  split: {
    train: number[];
    validation: number[];
    seed: number | null;
    trainIds: string[];
    validationIds: string[];
  };
  /** ICC filter (null when the cohort has no second-reader features). */
  icc: { threshold: number; features: { name: string; icc: number; kept: boolean }[] } | null;
  /** Features entering selection (after the ICC filter). */
  candidates: string[];
  /** Training-set StandardScaler of the candidate features. */
  scaler: { features: string[]; mean: number[]; scale: number[] };
  screening: FeatureScreen[];
  correlationFilter: { kept: string[]; dropped: { name: string; becauseOf: string[]; absR: number[] }[] };
  /** The selection model (LassoCV: alpha grid and CV error; L1-logistic: C), null when nothing reached it. */
  lasso: {
    method: 'lassoCV' | 'l1-logistic';
    alpha: number | null;
    alphaIndex: number | null;
    alphas: number[];
    mseMean: number[];
    C: number | null;
    coefficients: { name: string; coefficient: number }[];
    intercept: number;
  } | null;
  selected: string[];
  radScore: {
    intercept: number;
    coefficients: { name: string; coefficient: number }[];
    train: number[];
    validation: number[];
  } | null;
  models: Record<ModelKind, FittedModel | null>;
  /** Why a model was not built (`model.notBuilt.*`; stored as such in the model file). */
  notBuilt: Partial<Record<ModelKind, Message>>;
  comparisons: ModelComparison[];
  calibration: CalibrationSummary[];
  baseline: BaselineRow[];
  /** {@link MIR34A_CORRELATED_FEATURE} vs miR-34a; null when the cohort lacks the feature or it is constant. */
  mir34aCorrelation: Mir34aCorrelation | null;
  /** Notes on degenerate situations (`model.note.*`, `model.notBuilt.*`), rendered through i18n. */
  messages: Message[];
  /** The model file content, to be sealed with `sealModel`. */
  document: UnsealedModelDocument;
}

/** The code naming each model in a stage message (a code per kind, so the i18n scan sees them). */
const STAGE_KIND: Record<ModelKind, string> = {
  clinical: 'model.stage.kind.clinical',
  radiomics: 'model.stage.kind.radiomics',
  combined: 'model.stage.kind.combined',
};

/** Throws {@link cancelledError} when the signal is aborted. */
function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

/** Rows of a matrix selected by index. */
function rowsOf<T>(a: readonly T[], idx: readonly number[]): T[] {
  return idx.map((i) => a[i]);
}

/** Columns of a matrix selected by index. */
function colsOf(X: readonly (readonly number[])[], cols: readonly number[]): number[][] {
  return X.map((row) => cols.map((j) => row[j]));
}

/** Validates a user-given split against the cohort size. */
function checkSplit(s: IndexSplit, n: number): void {
  const seen = new Uint8Array(n);
  for (const [part, list] of [
    ['train', s.train],
    ['validation', s.test],
  ] as const) {
    if (list.length === 0)
      throw new MessageError(part === 'train' ? 'model.split.emptyTraining' : 'model.split.emptyValidation');
    for (const i of list) {
      if (!Number.isInteger(i) || i < 0 || i >= n)
        throw new MessageError('model.split.badIndex', { index: i, n });
      if (seen[i]) throw new MessageError('model.split.twice', { index: i });
      seen[i] = 1;
    }
  }
  if (s.train.length + s.test.length !== n) {
    throw new MessageError('model.split.incomplete', { covered: s.train.length + s.test.length, n });
  }
}

/** Validates the cohort for training. */
function checkCohort(c: Cohort): (0 | 1)[] {
  if (!c.pcr) throw new MessageError('model.cohort.noOutcome');
  const n = c.ids.length;
  if (c.features.length !== n || c.pcr.length !== n || c.mir34a.length !== n) {
    throw new MessageError('model.cohort.ragged', {
      ids: n,
      features: c.features.length,
      mir34a: c.mir34a.length,
      pcr: c.pcr.length,
    });
  }
  c.features.forEach((row, i) => {
    if (row.length !== c.featureNames.length) {
      throw new MessageError('model.cohort.featureCount', {
        id: c.ids[i],
        n: row.length,
        expected: c.featureNames.length,
      });
    }
  });
  return c.pcr;
}

/** Summary of a binary score against labels, at 0.5 (strictly above) and at the Youden cut. */
function summarise(y: number[], p: number[], nBoot: number, seed: number): PerformanceSummary {
  const nPos = y.filter((v) => v === 1).length;
  const d = delongAuc(y, p);
  const pick = (m: ReturnType<typeof thresholdMetrics>): ThresholdSummary => ({
    threshold: m.threshold,
    sensitivity: m.sensitivity,
    specificity: m.specificity,
    accuracy: m.accuracy,
    precision: m.precision,
    f1: m.f1,
  });
  const yd = youden(y, p);
  const roc = rocCurve(y, p);
  const dca = decisionCurve(y, p);
  return {
    n: y.length,
    nPos,
    nNeg: y.length - nPos,
    auc: d.auc,
    ci95: d.ci,
    bootstrapCi95: nBoot > 0 ? bootstrapAucCi(y, p, { nBoot, seed }).ci : null,
    atHalf: pick(thresholdMetrics(y, p, 0.5, '>')),
    atYouden: Number.isFinite(yd.threshold) ? pick(thresholdMetrics(y, p, yd.threshold, '>=')) : null,
    roc: {
      fpr: roc.fpr,
      tpr: roc.tpr,
      thresholds: roc.thresholds.map((t) => (Number.isFinite(t) ? t : null)),
    },
    dca: { thresholds: dca.pt, netBenefit: dca.netBenefitModel, treatAll: dca.netBenefitTreatAll },
  };
}

/** Brier score, calibration-in-the-large and the 5-bin uniform reliability curve of one model. */
function calibrate(set: 'cv' | 'validation', kind: ModelKind, y: number[], p: number[]): CalibrationSummary {
  const c = calibrationCurve(y, p, 5, 'uniform');
  return {
    set,
    kind,
    brier: brierScore(y, p),
    citl: calibrationInTheLarge(y, p),
    curve: { meanPredicted: c.probPred, observed: c.probTrue, counts: c.counts },
  };
}

/**
 * Inter-reader ICC(2,1) (two-way random effects, absolute agreement, single rater; Shrout–Fleiss
 * ICC(2,1) = McGraw–Wong ICC(A,1)) of every feature that has a second-reader column, on the
 * training rows; features with ICC > threshold are kept. Identical readings count as ICC = 1.
 */
function iccFilter(
  cohort: Cohort,
  rows: readonly number[],
  threshold: number,
): NonNullable<StudyResult['icc']> {
  const r2 = cohort.reader2!;
  const features = r2.featureNames.map((name, k) => {
    const j = cohort.featureNames.indexOf(name);
    const ratings = rows.map((i) => [cohort.features[i][j], r2.features[i][k]]);
    let icc: number;
    if (ratings.every(([a, b]) => a === b)) icc = 1;
    else {
      try {
        icc = intraclassCorrelation(ratings)['ICC(2,1)'].icc;
      } catch (e) {
        throw new MessageError('model.icc.failed', { feature: name, reason: toMessage(e) }, { cause: e });
      }
    }
    return { name, icc, kept: icc > threshold };
  });
  return { threshold, features };
}

/** Mean and sample SD of a numeric sample. */
function meanSd(v: number[]): { n: number; mean: number; sd: number } {
  const n = v.length;
  const mean = v.reduce((s, x) => s + x, 0) / n;
  const sd = n > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : NaN;
  return { n, mean, sd };
}

/** Baseline rows of one variable in one set. */
function baselineRow(
  set: 'train' | 'validation',
  variable: string,
  kind: 'numeric' | 'categorical',
  values: (number | string | null)[],
  y: number[],
): BaselineRow {
  const pos: (number | string)[] = [];
  const neg: (number | string)[] = [];
  values.forEach((v, i) => {
    if (v !== null) (y[i] === 1 ? pos : neg).push(v);
  });
  if (kind === 'numeric') {
    const a = pos as number[];
    const b = neg as number[];
    const row: BaselineRow = { set, variable, kind, test: 'not tested', statistic: null, p: null };
    if (a.length) row.pcr = meanSd(a);
    if (b.length) row.nonPcr = meanSd(b);
    if (a.length < 2 || b.length < 2) return { ...row, note: 'fewer than 2 values in a group' };
    try {
      const t = studentTTest(a, b);
      return Number.isFinite(t.p)
        ? { ...row, test: 'Student t', statistic: t.t, p: t.p }
        : { ...row, note: 'zero variance in both groups' };
    } catch (e) {
      // studentTTest refuses two constant groups (stats.ttest.zeroVariance): the note stays English.
      if (isMessageError(e) && e.code === 'stats.ttest.zeroVariance')
        return { ...row, note: 'zero variance in both groups' };
      return { ...row, note: (e as Error).message };
    }
  }
  const levels = [...new Set([...pos, ...neg].map(String))].sort();
  const table = levels.map((l) => ({
    level: l,
    pcr: pos.filter((v) => String(v) === l).length,
    nonPcr: neg.filter((v) => String(v) === l).length,
  }));
  const row: BaselineRow = {
    set,
    variable,
    kind,
    test: 'not tested',
    levels: table,
    statistic: null,
    p: null,
  };
  if (levels.length < 2 || pos.length === 0 || neg.length === 0) {
    return { ...row, note: 'needs at least two levels and both outcome groups' };
  }
  const r = chiSquareContingency(
    table.map((t) => [t.pcr, t.nonPcr]),
    true,
  );
  return { ...row, test: 'chi-square', statistic: r.chi2, p: r.p };
}

/** Candidate k values: odd numbers from 1 up to min(kMax, smallest CV training-fold size). */
function kCandidates(folds: IndexSplit[], kMax: number): number[] {
  const limit = Math.min(kMax, ...folds.map((f) => f.train.length));
  const out: number[] = [];
  for (let k = 1; k <= limit; k += 2) out.push(k);
  return out;
}

/**
 * Chooses k and computes out-of-fold probabilities of the chosen k. `checkpoint(i, n)` is called
 * before fold i (0-based) of n: it reports progress and throws when the run is cancelled.
 */
function chooseK(
  Z: number[][],
  y: number[],
  folds: IndexSplit[],
  mode: 'auto' | number,
  kMax: number,
  checkpoint: (fold: number, folds: number) => void,
  weights: KnnWeights = 'uniform',
): { k: number; candidates: number[]; cvAuc: (number | null)[]; oof: number[] } {
  const candidates = mode === 'auto' ? kCandidates(folds, kMax) : [mode];
  const maxK = Math.max(...candidates);
  for (const f of folds) {
    if (maxK > f.train.length) {
      throw new MessageError('model.knn.kTooLargeForFold', { k: maxK, n: f.train.length });
    }
  }
  const oofByK = candidates.map(() => new Array<number>(y.length).fill(0));
  const aucSum = candidates.map(() => 0);
  let aucDefined = true;
  for (const [i, f] of folds.entries()) {
    checkpoint(i, folds.length);
    const Xtr = rowsOf(Z, f.train);
    const ytr = rowsOf(y, f.train);
    const Xte = rowsOf(Z, f.test);
    const yte = rowsOf(y, f.test);
    const hasBoth = yte.includes(0) && yte.includes(1);
    if (!hasBoth) aucDefined = false;
    // One neighbour search with the largest k serves every candidate: the k nearest are the first k
    // of the (distance, index)-sorted list unless a tie straddles position k, where scikit-learn's heap
    // decides which tied rows enter — those few queries are recomputed with the exact k.
    const full = predictDetailed(fitKnn(Xtr, ytr, { k: maxK }), Xte);
    candidates.forEach((k, c) => {
      let exact: number[] | null =
        weights === 'distance' ? predictProba(fitKnn(Xtr, ytr, { k, weights }), Xte) : null;
      const proba = full.map((q, r) => {
        if (exact) return exact[r];
        if (k < maxK && q.distances[k - 1] === q.distances[k]) {
          exact ??= predictProba(fitKnn(Xtr, ytr, { k }), Xte);
          return exact[r];
        }
        let pos = 0;
        for (let t = 0; t < k; t++) pos += q.labels[t];
        return pos / k;
      });
      f.test.forEach((i, r) => (oofByK[c][i] = proba[r]));
      if (hasBoth) aucSum[c] += aucMannWhitney(yte, proba);
    });
  }
  const cvAuc = aucSum.map((s) => (aucDefined ? s / folds.length : null));
  let best = 0;
  candidates.forEach((_, c) => {
    if ((cvAuc[c] ?? -1) > (cvAuc[best] ?? -1)) best = c;
  });
  return { k: candidates[best], candidates, cvAuc, oof: oofByK[best] };
}

/**
 * Runs the study pipeline on a cohort.
 * @param cohort - parsed cohort (`parseCohortCsv`), with pCR and miR34a.
 * @param options - see {@link StudyOptions}.
 * @param onProgress - called with (fraction, stage) at each stage.
 * @returns the fitted models, their evaluation, and the unsealed model document.
 * @throws MessageError on unusable input (missing outcome, a class with < 5 training cases, a bad
 *   split or k) and {@link cancelledError} when `options.signal` is aborted.
 */
export function fitStudyModels(
  cohort: Cohort,
  options: StudyOptions = {},
  onProgress?: ProgressCallback,
): StudyResult {
  /** Checks for cancellation, then reports progress (stage: a `model.stage.*` code and its params). */
  const progress = (f: number, code: string, params?: Message['params']) => {
    const stage = message(code, params);
    checkAbort(options.signal);
    onProgress?.(f, stage);
  };
  const seed = options.seed ?? 42;
  const pThreshold = options.pThreshold ?? 0.05;
  const rThreshold = options.correlationThreshold ?? 0.9;
  const iccThreshold = options.iccThreshold ?? 0.75;
  const nBoot = options.nBoot ?? 2000;
  const kMode = options.k ?? 'auto';
  const kMax = options.kMax ?? 31;
  const weights: KnnWeights = options.weights ?? 'uniform';
  if (weights !== 'uniform' && weights !== 'distance') {
    throw new MessageError('stats.unknownOption', {
      fn: 'fitStudyModels',
      what: 'weights',
      value: String(weights),
      allowed: "'uniform', 'distance'",
    });
  }
  const selector = options.selector ?? { method: 'lassoCV' };
  if (selector.method === 'l1-logistic' && !(selector.C > 0 && Number.isFinite(selector.C))) {
    throw new MessageError('stats.outOfRange', {
      fn: 'fitStudyModels',
      what: 'selector.C',
      value: selector.C,
      range: '(0, ∞)',
    });
  }
  if (kMode !== 'auto' && (!Number.isInteger(kMode) || kMode < 1)) {
    throw new MessageError('model.knn.badK', { value: kMode });
  }
  if (!Number.isSafeInteger(seed))
    throw new MessageError('stats.seed', { fn: 'fitStudyModels', value: seed });
  if (!Number.isInteger(nBoot) || nBoot < 0)
    throw new MessageError('stats.notInteger', {
      fn: 'fitStudyModels',
      what: 'nBoot',
      value: nBoot,
      range: '≥ 0',
    });
  const y = checkCohort(cohort);
  const messages: Message[] = [];

  progress(0, 'model.stage.split');
  let split: IndexSplit;
  if (options.split) {
    checkSplit(options.split, y.length);
    split = { train: [...options.split.train], test: [...options.split.test] };
  } else split = stratifiedSplit(y, seed);
  const tr = split.train;
  const va = split.test;
  const yTr = rowsOf(y, tr);
  const yVa = rowsOf(y, va);
  const nPosTr = yTr.filter((v) => v === 1).length;
  if (nPosTr < 5 || yTr.length - nPosTr < 5) {
    throw new MessageError('model.split.tooFewPerClass', {
      pcr: nPosTr,
      nonPcr: yTr.length - nPosTr,
      need: 5,
      folds: 5,
    });
  }
  if (!yVa.includes(0) || !yVa.includes(1)) {
    throw new MessageError('model.split.validationOneClass', {
      pcr: yVa.filter((v) => v === 1).length,
      nonPcr: yVa.filter((v) => v === 0).length,
    });
  }

  progress(0.05, 'model.stage.icc');
  let candidates = cohort.featureNames.map((_, j) => j);
  let icc: StudyResult['icc'] = null;
  if (cohort.reader2) {
    icc = iccFilter(cohort, tr, iccThreshold);
    const keep = new Set(icc.features.filter((f) => f.kept).map((f) => f.name));
    candidates = candidates.filter(
      (j) =>
        !cohort.reader2!.featureNames.includes(cohort.featureNames[j]) || keep.has(cohort.featureNames[j]),
    );
    const removed = icc.features.filter((f) => !f.kept).length;
    if (removed) messages.push(message('model.note.iccRemoved', { count: removed, threshold: iccThreshold }));
  }
  const candNames = candidates.map((j) => cohort.featureNames[j]);

  progress(0.1, 'model.stage.zscore');
  const Xtr = colsOf(rowsOf(cohort.features, tr), candidates);
  const Xva = colsOf(rowsOf(cohort.features, va), candidates);
  const scaler = fitStandardScaler(Xtr);
  const Ztr = transformStandardScaler(scaler, Xtr);
  const Zva = transformStandardScaler(scaler, Xva);

  progress(0.15, 'model.stage.ttest');
  // Columns constant on the training rows carry no information (and have no t statistic).
  const constant = candidates.map((_, j) => Xtr.every((row) => row[j] === Xtr[0][j]));
  const nConstant = constant.filter(Boolean).length;
  if (nConstant) messages.push(message('model.note.constant', { count: nConstant }));
  const screening: FeatureScreen[] = candNames.map((name, j) => {
    if (constant[j]) return { name, t: 0, p: 1, meanPcr: Ztr[0][j], meanNonPcr: Ztr[0][j], passed: false };
    let t: ReturnType<typeof univariateTTests>[number];
    try {
      [t] = univariateTTests(
        Ztr.map((row) => [row[j]]),
        yTr,
      );
    } catch (e) {
      throw new MessageError('model.ttest.failed', { feature: name, reason: toMessage(e) }, { cause: e });
    }
    const { t: tStat, p, meanX, meanY } = t.student;
    return { name, t: tStat, p, meanPcr: meanX, meanNonPcr: meanY, passed: p < pThreshold };
  });
  const pValues = screening.map((f) => f.p);
  const passing = orderByPValue(pValues, pThreshold);

  progress(0.2, 'model.stage.correlation');
  let kept: number[] = [];
  const correlationFilter: StudyResult['correlationFilter'] = { kept: [], dropped: [] };
  if (passing.length) {
    const corr = pearsonMatrix(colsOf(Ztr, passing));
    const g = greedyCorrelationFilter(
      corr,
      passing.map((_, i) => i),
      rThreshold,
    );
    kept = g.kept.map((i) => passing[i]);
    correlationFilter.kept = kept.map((j) => candNames[j]);
    correlationFilter.dropped = g.dropped.map((d) => ({
      name: candNames[passing[d.featureIndex]],
      becauseOf: d.droppedBecauseOf.map((i) => candNames[passing[i]]),
      absR: d.absR,
    }));
  }

  progress(0.25, 'model.stage.lasso');
  let lasso: StudyResult['lasso'] = null;
  let selected: number[] = [];
  let radScore: StudyResult['radScore'] = null;
  /** Why no radiomics feature was selected (null when some were). */
  let noRadiomics: Message | null = null;
  if (kept.length === 0) {
    const best = Math.min(...pValues);
    noRadiomics = message('model.notBuilt.noFeaturePassed', {
      p: pThreshold,
      smallestP: best.toPrecision(3),
    });
  } else {
    let coef: number[];
    let intercept: number;
    if (selector.method === 'lassoCV') {
      const cv = lassoCV(colsOf(Ztr, kept), yTr, { maxIter: 10000 });
      coef = cv.coef;
      intercept = cv.intercept;
      lasso = {
        method: 'lassoCV',
        alpha: cv.alpha,
        alphaIndex: cv.alphaIndex,
        alphas: cv.alphas,
        mseMean: cv.mseMean,
        C: null,
        coefficients: kept.map((j, i) => ({ name: candNames[j], coefficient: cv.coef[i] })),
        intercept: cv.intercept,
      };
    } else {
      const fit = l1LogisticLiblinear(colsOf(Ztr, kept), yTr, { C: selector.C });
      coef = fit.coef;
      intercept = fit.intercept;
      lasso = {
        method: 'l1-logistic',
        alpha: null,
        alphaIndex: null,
        alphas: [],
        mseMean: [],
        C: selector.C,
        coefficients: kept.map((j, i) => ({ name: candNames[j], coefficient: fit.coef[i] })),
        intercept: fit.intercept,
      };
    }
    selected = kept.filter((_, i) => coef[i] !== 0);
    if (selected.length === 0) {
      noRadiomics =
        selector.method === 'lassoCV'
          ? message('model.notBuilt.lassoNone', {
              alpha: lasso.alpha!.toPrecision(4),
              candidates: kept.length,
            })
          : message('model.notBuilt.l1None', { C: selector.C, candidates: kept.length });
    } else {
      const coefs = kept.flatMap((j, i) =>
        coef[i] !== 0 ? [{ name: candNames[j], coefficient: coef[i] }] : [],
      );
      /** Rad-score of z-scored rows. */
      const score = (Z: number[][]) =>
        Z.map((row) => kept.reduce((s, j, i) => s + coef[i] * row[j], intercept));
      radScore = { intercept, coefficients: coefs, train: score(Ztr), validation: score(Zva) };
    }
  }
  const notBuilt: Partial<Record<ModelKind, Message>> = {};
  if (noRadiomics) {
    notBuilt.radiomics = message('model.notBuilt.radiomics', { reason: noRadiomics });
    notBuilt.combined = message('model.notBuilt.combined', { reason: noRadiomics });
    messages.push(notBuilt.radiomics, message('model.note.clinicalOnly'));
  }
  const selectedNames = selected.map((j) => candNames[j]);

  // KNN inputs: z-scored with training parameters.
  const mirTr = rowsOf(cohort.mir34a, tr).map((v) => [v]);
  const mirVa = rowsOf(cohort.mir34a, va).map((v) => [v]);
  const mirScaler = fitStandardScaler(mirTr);
  const mirZtr = transformStandardScaler(mirScaler, mirTr);
  const mirZva = transformStandardScaler(mirScaler, mirVa);
  const inputs: Record<
    ModelKind,
    { names: string[]; mean: number[]; scale: number[]; tr: number[][]; va: number[][] } | null
  > = {
    clinical: { names: [MIR34A_INPUT], mean: mirScaler.mean, scale: mirScaler.scale, tr: mirZtr, va: mirZva },
    radiomics: null,
    combined: null,
  };
  if (selected.length) {
    const sel = {
      names: selectedNames,
      mean: selected.map((j) => scaler.mean[j]),
      scale: selected.map((j) => scaler.scale[j]),
      tr: colsOf(Ztr, selected),
      va: colsOf(Zva, selected),
    };
    inputs.radiomics = sel;
    inputs.combined = {
      names: [MIR34A_INPUT, ...sel.names],
      mean: [mirScaler.mean[0], ...sel.mean],
      scale: [mirScaler.scale[0], ...sel.scale],
      tr: mirZtr.map((r, i) => [r[0], ...sel.tr[i]]),
      va: mirZva.map((r, i) => [r[0], ...sel.va[i]]),
    };
  }

  const folds = stratifiedKFold(yTr, 5, seed);
  const models: Record<ModelKind, FittedModel | null> = { clinical: null, radiomics: null, combined: null };
  MODEL_KINDS.forEach((kind, m) => {
    const inp = inputs[kind];
    if (!inp) return;
    const model = message(STAGE_KIND[kind]);
    const choice = chooseK(
      inp.tr,
      yTr,
      folds,
      kMode,
      kMax,
      (i, n) =>
        progress(0.3 + 0.2 * m + (0.1 * i) / n, 'model.stage.knnFold', { model, fold: i + 1, folds: n }),
      weights,
    );
    const knn = fitKnn(inp.tr, yTr, { k: choice.k, weights });
    const vaProba = predictDetailed(knn, inp.va).map((p) => p.proba1);
    progress(0.4 + 0.2 * m, 'model.stage.evaluation', { model });
    const entry: KnnEntry = {
      kind,
      inputs: inp.names,
      zscore: { mean: inp.mean, scale: inp.scale },
      trainingPoints: inp.tr,
      labels: yTr,
      k: choice.k,
      weights,
      kSelection: {
        mode: kMode === 'auto' ? 'auto' : 'fixed',
        candidates: choice.candidates,
        cvAuc: choice.cvAuc,
      },
      metrics: {
        cv: summarise(yTr, choice.oof, nBoot, seed),
        validation: summarise(yVa, vaProba, nBoot, seed + 1),
      },
    };
    models[kind] = { entry, cvProbabilities: choice.oof, validationProbabilities: vaProba };
  });

  progress(0.9, 'model.stage.comparisons');
  const comparisons: ModelComparison[] = [];
  const calibration: CalibrationSummary[] = [];
  const pairs: [ModelKind, ModelKind][] = [
    ['combined', 'clinical'],
    ['combined', 'radiomics'],
    ['radiomics', 'clinical'],
  ];
  for (const set of ['cv', 'validation'] as const) {
    const yy = set === 'cv' ? yTr : yVa;
    /** Probabilities of model k on this set (null when the model was not built). */
    const probs = (k: ModelKind) => {
      const mdl = models[k];
      return mdl ? (set === 'cv' ? mdl.cvProbabilities : mdl.validationProbabilities) : null;
    };
    for (const [a, b] of pairs) {
      const pa = probs(a);
      const pb = probs(b);
      if (!pa || !pb) continue;
      const r = delongPaired(yy, pa, pb);
      comparisons.push({
        set,
        a,
        b,
        aucA: r.auc1,
        aucB: r.auc2,
        difference: r.difference,
        z: r.z,
        p: r.p,
        ci95: r.ci,
      });
    }
    for (const kind of MODEL_KINDS) {
      const pk = probs(kind);
      if (pk) calibration.push(calibrate(set, kind, yy, pk));
    }
  }

  progress(0.95, 'model.stage.baseline');
  const baseline: BaselineRow[] = [];
  for (const [set, idx, yy] of [
    ['train', tr, yTr],
    ['validation', va, yVa],
  ] as const) {
    baseline.push(baselineRow(set, MIR34A_INPUT, 'numeric', rowsOf(cohort.mir34a, idx), yy));
    for (const v of cohort.clinical)
      baseline.push(baselineRow(set, v.name, v.kind, rowsOf(v.values, idx), yy));
  }

  const mir34aCorrelation = featureMir34aCorrelation(cohort, MIR34A_CORRELATED_FEATURE);

  const document: UnsealedModelDocument = {
    format: 'sonomir-model',
    schemaVersion: 1,
    appVersion: options.appVersion ?? 'unknown',
    createdAt: options.createdAt ?? new Date().toISOString(),
    extraction: options.extraction ?? STUDY_EXTRACTION_SETTINGS,
    models: {
      clinical: models.clinical?.entry ?? null,
      radiomics: models.radiomics?.entry ?? null,
      combined: models.combined?.entry ?? null,
    },
    notBuilt: { ...notBuilt },
    selection: {
      candidates: candNames,
      selected: radScore ? radScore.coefficients : [],
      radScoreIntercept: radScore ? radScore.intercept : null,
      method: selector.method,
      lassoAlpha: lasso ? lasso.alpha : null,
      l1C: selector.method === 'l1-logistic' ? selector.C : null,
    },
    training: {
      n: y.length,
      nTrain: tr.length,
      nValidation: va.length,
      prevalenceTrain: nPosTr / tr.length,
      prevalenceValidation: yVa.filter((v) => v === 1).length / va.length,
      splitSeed: options.split ? null : seed,
      seed,
    },
  };
  progress(1, 'model.stage.done');
  return {
    split: {
      train: tr,
      validation: va,
      seed: options.split ? null : seed,
      trainIds: rowsOf(cohort.ids, tr),
      validationIds: rowsOf(cohort.ids, va),
    },
    icc,
    candidates: candNames,
    scaler: { features: candNames, mean: scaler.mean, scale: scaler.scale },
    screening,
    correlationFilter,
    lasso,
    selected: selectedNames,
    radScore,
    models,
    notBuilt,
    comparisons,
    calibration,
    baseline,
    mir34aCorrelation,
    messages,
    document,
  };
}

/** Pearson r of a feature with miR-34a over the whole cohort, or null when undefined. */
function featureMir34aCorrelation(cohort: Cohort, feature: string): Mir34aCorrelation | null {
  const j = cohort.featureNames.indexOf(feature);
  const n = cohort.mir34a.length;
  if (j < 0 || n < 3) return null;
  const x = cohort.features.map((row) => row[j]);
  if (!(variance(x) > 0) || !(variance(cohort.mir34a) > 0)) return null;
  const r = pearson(x, cohort.mir34a);
  const t = Math.abs(r) >= 1 ? Infinity : (r * Math.sqrt(n - 2)) / Math.sqrt(1 - r * r);
  return { feature, n, r, p: Number.isFinite(t) ? studentTTwoSidedP(t, n - 2) : 0 };
}
