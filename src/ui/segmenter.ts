/**
 * Main-thread client of the lesion segmentation (the "Lesion box" tool). The computation runs in a
 * feature-extraction worker of its own (workers/radiomics.worker.ts, method `segment`), which keeps
 * the image (sent once per image) and the last box's solution, so each stroke re-solves warm-started.
 * A separate worker is used because the interactive extractor terminates its worker to cancel stale
 * runs, which would throw the warm-start state away.
 *
 * Must stay true: the newest request wins — an answer to a superseded request resolves to null — and
 * nothing heavy runs on the main thread (only the request and the transferred mask cross).
 */
import * as Comlink from 'comlink';
import type { ImageVolume } from '../radiomics/types';
import type { Box, SegmentStroke } from '../roi/segment/segment';
import type { RadiomicsWorkerApi, SegmentReply } from '../../workers/radiomics.worker';
import { registerMessageTransfer } from '../util/comlinkMessages';
import { packGrey } from '../imaging/transfer';
import { buffersOf, imageKey, quietWarmUps, startRadiomicsWorker } from './engine';

export type { SegmentReply } from '../../workers/radiomics.worker';

/** The part of the worker API the segmenter uses (tests pass an in-process stand-in). */
export interface SegmentWorker {
  api: {
    setImage(key: string, image: ImageVolume): unknown;
    segment(key: string, box: Box, strokes?: SegmentStroke[]): Promise<SegmentReply>;
    warmUpSegmentation(rounds?: number): Promise<number>;
  };
  terminate(): void;
}

export interface Segmenter {
  /**
   * Segments `box` (with `strokes`) on `image` (a 2-D image volume); resolves to the worker's reply, or
   * null when a newer request superseded this one or the segmenter was disposed.
   */
  segment(image: ImageVolume, box: Box, strokes?: SegmentStroke[]): Promise<SegmentReply | null>;
  /**
   * Gets ready for a first box on `image` (the tool was chosen): starts the worker, sends the image and,
   * in a new worker, runs the solver's warm-up on a small synthetic lesion, so the user's first box
   * pays neither the worker's start-up nor its cold code. Nothing is shown from the warm-up.
   */
  prepare(image: ImageVolume): void;
  dispose(): void;
}

function spawnSegmentWorker(): SegmentWorker {
  const worker = startRadiomicsWorker();
  registerMessageTransfer();
  return { api: Comlink.wrap<RadiomicsWorkerApi>(worker), terminate: () => worker.terminate() };
}

export function createSegmenter(spawnWorker: () => SegmentWorker = spawnSegmentWorker): Segmenter {
  let w: SegmentWorker | null = null;
  let posted: string | null = null;
  let generation = 0;
  /** The worker, holding `image` (sent once per image). */
  const holding = (image: ImageVolume): { worker: SegmentWorker; key: string } => {
    w ??= spawnWorker();
    const key = imageKey(image);
    if (posted !== key) {
      posted = key;
      const packed = packGrey(image);
      void w.api.setImage(key, Comlink.transfer(packed, buffersOf(packed)));
    }
    return { worker: w, key };
  };
  return {
    async segment(image, box, strokes = []) {
      const gen = ++generation;
      const { worker, key } = holding(image);
      const reply = await worker.api.segment(key, box, strokes);
      return gen === generation ? reply : null;
    },
    prepare(image) {
      // The user is about to draw a box and wait for its outline: the feature workers' warm-ups
      // (hundreds of ms of work per round) would take the processor from it and from the page.
      quietWarmUps();
      const fresh = w === null;
      holding(image);
      // The warm-up's outcome is nothing to show: a real box is answered (and its problems reported)
      // by `segment` whatever the warm-up did.
      if (fresh)
        w!.api.warmUpSegmentation().then(
          () => undefined,
          () => undefined,
        );
    },
    dispose() {
      generation++;
      w?.terminate();
      w = null;
      posted = null;
    },
  };
}
