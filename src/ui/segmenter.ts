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
import { buffersOf, imageKey, packImage, startRadiomicsWorker } from './engine';

export type { SegmentReply } from '../../workers/radiomics.worker';

/** The part of the worker API the segmenter uses (tests pass an in-process stand-in). */
export interface SegmentWorker {
  api: {
    setImage(key: string, image: ImageVolume): unknown;
    segment(key: string, box: Box, strokes?: SegmentStroke[]): Promise<SegmentReply>;
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
   * Gets ready for a first box on `image` (the tool was chosen): starts the worker, sends the image and
   * runs one warm-up solve on its central half, so the user's first box does not pay for the worker's
   * start-up and cold code. Nothing is shown from the warm-up.
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
  /** The worker, holding `image` (sent once per image); `fresh` tells whether it was sent now. */
  const holding = (image: ImageVolume): { worker: SegmentWorker; key: string; fresh: boolean } => {
    w ??= spawnWorker();
    const key = imageKey(image);
    const fresh = posted !== key;
    if (fresh) {
      posted = key;
      const packed = packImage(image);
      void w.api.setImage(key, Comlink.transfer(packed, buffersOf(packed)));
    }
    return { worker: w, key, fresh };
  };
  return {
    async segment(image, box, strokes = []) {
      const gen = ++generation;
      const { worker, key } = holding(image);
      const reply = await worker.api.segment(key, box, strokes);
      return gen === generation ? reply : null;
    },
    prepare(image) {
      const { worker, key, fresh } = holding(image);
      if (!fresh) return;
      const [, h, wd] = image.size;
      const half: Box = [
        Math.floor(wd / 4),
        Math.floor(h / 4),
        Math.ceil((3 * wd) / 4),
        Math.ceil((3 * h) / 4),
      ];
      // The warm-up's answer (and any problem it meets, e.g. a flat image) is not the user's: the user's
      // own box is answered, and its problems reported, by `segment`.
      worker.api.segment(key, half).then(
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
