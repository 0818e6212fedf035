/**
 * Main-thread client of the training worker. `startTraining` spawns a fresh worker per run; `cancel()`
 * terminates it (the pipeline is synchronous inside the worker) and rejects the run with the
 * pipeline's `cancelledError()` (code `model.cancelled`), the same error a cancelled pipeline throws.
 */
import * as Comlink from 'comlink';
import type { Cohort } from '../../model/cohort';
import { cancelledError, type ProgressCallback } from '../../model/pipeline';
import type { TrainingOptions, TrainingOutput, TrainingWorkerApi } from '../../../workers/training.worker';

export type { TrainingOptions, TrainingOutput } from '../../../workers/training.worker';

export interface TrainingRun {
  promise: Promise<TrainingOutput>;
  cancel(): void;
}

export function startTraining(
  cohort: Cohort,
  options: TrainingOptions,
  onProgress: ProgressCallback,
): TrainingRun {
  const worker = new Worker(new URL('../../../workers/training.worker.ts', import.meta.url), {
    type: 'module',
    name: 'training',
  });
  const api = Comlink.wrap<TrainingWorkerApi>(worker);
  let rejectRun: ((e: Error) => void) | null = null;
  const cancelled = new Promise<never>((_, reject) => {
    rejectRun = reject;
  });
  const work = api.train(cohort, options, Comlink.proxy(onProgress));
  const promise = Promise.race([work, cancelled]).finally(() => worker.terminate());
  return {
    promise,
    cancel() {
      worker.terminate();
      rejectRun?.(cancelledError());
    },
  };
}
