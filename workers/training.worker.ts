/// <reference lib="webworker" />
/**
 * Model-training worker: runs the study pipeline (`fitStudyModels`) off the main thread and seals the
 * resulting model document. Progress is reported through a `Comlink.proxy` callback (each call is an
 * asynchronous message, so the page's progress bar moves while the worker computes). The pipeline is
 * synchronous CPU work, so a run is cancelled by the client terminating this worker
 * (`src/ui/studio/training.ts`); nothing is left half-written because the worker holds no state.
 */
import * as Comlink from 'comlink';
import type { Cohort } from '../src/model/cohort';
import { sealModel, type ModelDocument } from '../src/model/modelFile';
import { fitStudyModels, type StudyOptions, type StudyResult } from '../src/model/pipeline';
import { registerMessageTransfer } from '../src/util/comlinkMessages';

/** Pipeline options that can cross the worker boundary (no AbortSignal). */
export type TrainingOptions = Omit<StudyOptions, 'signal'>;

export interface TrainingOutput {
  /** Everything the pipeline produced (for the report). */
  result: StudyResult;
  /** The sealed model document. */
  model: ModelDocument;
  /** Wall time of pipeline + sealing in the worker (ms). */
  ms: number;
}

const api = {
  async train(
    cohort: Cohort,
    options: TrainingOptions,
    onProgress?: Parameters<typeof fitStudyModels>[2],
  ): Promise<TrainingOutput> {
    const t0 = performance.now();
    const result = fitStudyModels(cohort, options, (f, stage) => {
      void onProgress?.(f, stage);
    });
    const model = await sealModel(result.document);
    return { result, model, ms: performance.now() - t0 };
  },
};

export type TrainingWorkerApi = typeof api;
// A MessageError thrown here reaches the page with its code and params.
registerMessageTransfer();
Comlink.expose(api);
