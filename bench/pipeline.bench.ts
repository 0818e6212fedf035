/**
 * Benchmark of the study pipeline (`fitStudyModels`) on a seeded synthetic cohort, and the cohort
 * generator the pipeline tests share. `npm run bench` calls {@link benchPipeline}.
 */
import type { Cohort } from '../src/model/cohort';
import { fitStudyModels } from '../src/model/pipeline';
import { createRng } from '../src/model/random';
import type { Rng } from '../src/model/random';
import { STUDY_FEATURE_NAMES } from '../src/radiomics/extract';

/** The 107 feature names `original_<class>_<feature>`, from the engine's own list. */
export const FEATURE_NAMES: string[] = [...STUDY_FEATURE_NAMES];

/** Standard normal deviate by the Box–Muller transform. */
function normal(rng: Rng): number {
  const u = 1 - rng.nextFloat();
  const v = rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Options of {@link syntheticCohort}. */
export interface SyntheticOptions {
  /** Seed of the generator (default 1). */
  seed?: number;
  /** Standardised mean difference of the informative features (default 0.8; 0 = no radiomics signal). */
  effect?: number;
  /** Add second-reader columns (reader-2 value = reader-1 value + noise; every 10th feature unreliable). */
  reader2?: boolean;
}

/**
 * A seeded synthetic cohort shaped like the study's: 107 features on scales from 1e-2 to 1e3, pCR
 * prevalence 54/93, miR-34a from N(0.44, 0.10) for non-pCR and N(0.77, 0.13) for pCR (clipped at
 * 0.01), five informative features (shifted by `effect` SDs in pCR), two near-copies of the first
 * informative feature (r > 0.9), the rest noise; plus an age and a subtype clinical variable.
 */
export function syntheticCohort(n: number, options: SyntheticOptions = {}): Cohort {
  const rng = createRng(options.seed ?? 1);
  const effect = options.effect ?? 0.8;
  const informative = [0, 20, 40, 60, 80];
  const scales = FEATURE_NAMES.map((_, j) => 10 ** ((j % 6) - 2));
  const ids: string[] = [];
  const pcr: (0 | 1)[] = [];
  const mir34a: number[] = [];
  const features: number[][] = [];
  const r2: number[][] = [];
  const age: number[] = [];
  const subtype: string[] = [];
  for (let i = 0; i < n; i++) {
    const y: 0 | 1 = rng.nextFloat() < 54 / 93 ? 1 : 0;
    ids.push(`S${String(i + 1).padStart(5, '0')}`);
    pcr.push(y);
    mir34a.push(Math.max(0.01, y ? 0.77 + 0.13 * normal(rng) : 0.44 + 0.1 * normal(rng)));
    const base = FEATURE_NAMES.map(() => normal(rng));
    for (const j of informative) base[j] += y ? effect : 0;
    base[1] = base[0] + 0.2 * normal(rng);
    base[2] = -base[0] + 0.2 * normal(rng);
    features.push(base.map((v, j) => (100 + 10 * v) * scales[j]));
    r2.push(base.map((v, j) => (100 + 10 * (v + (j % 10 === 3 ? 1.5 : 0.1) * normal(rng))) * scales[j]));
    age.push(Math.round(52 + 5 * normal(rng)));
    subtype.push(['luminal', 'HER2', 'triple-negative'][rng.nextInt(3)]);
  }
  return {
    ids,
    featureNames: [...FEATURE_NAMES],
    features,
    mir34a,
    pcr,
    reader2: options.reader2 ? { featureNames: [...FEATURE_NAMES], features: r2 } : null,
    clinical: [
      { name: 'age', kind: 'numeric', values: age },
      { name: 'subtype', kind: 'categorical', values: subtype },
    ],
  };
}

/** Result of {@link benchPipeline}. */
export interface PipelineBench {
  /** Wall time of `fitStudyModels` in milliseconds. */
  ms: number;
  /** Number of cases. */
  n: number;
  /** Selected radiomics features. */
  selected: number;
  /** Validation AUC of the combined model (null when it was not built). */
  combinedAuc: number | null;
}

/** Times `fitStudyModels` (seed 42, k auto, 2,000 bootstrap resamples) on a synthetic cohort of n cases. */
export function benchPipeline(n: number): PipelineBench {
  const cohort = syntheticCohort(n, { seed: 7 });
  const t0 = performance.now();
  const r = fitStudyModels(cohort, { seed: 42, createdAt: '2026-01-01T00:00:00.000Z', appVersion: 'bench' });
  const ms = performance.now() - t0;
  return {
    ms,
    n,
    selected: r.selected.length,
    combinedAuc: r.models.combined ? r.models.combined.entry.metrics.validation.auc : null,
  };
}
