/**
 * Benchmark of the study pipeline (`fitStudyModels`) on the seeded synthetic cohort of
 * test/fixtures/cohort.ts. `npm run bench` calls {@link benchPipeline}.
 */
import { fitStudyModels } from '../src/model/pipeline';
import { syntheticCohort } from '../test/fixtures/cohort';

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
