/// <reference lib="webworker" />
/**
 * Feature-extraction worker. The image is sent once (`setImage`, buffer transferred) and cached;
 * every ROI change then sends only the mask (transferred). Cancellation of a superseded run is
 * done by the client terminating this worker (extraction is synchronous CPU work), so this API
 * stays simple and stateless apart from the cached image.
 */
import * as Comlink from 'comlink';
import { extractFeatures, type ExtractionResult } from '../src/radiomics/extract';
import type { ImageVolume, MaskVolume, RadiomicsSettings } from '../src/radiomics/types';
import { withMemoryMessage } from '../src/radiomics/memory';
import { STUDY_PRESET } from '../src/radiomics/settings';
import {
  prepareSegmentation,
  solveSegmentation,
  type Box,
  type SegmentOutcome,
  type SegmentSession,
  type SegmentStroke,
} from '../src/roi/segment/segment';
import { isMessageError, MessageError, toMessage, type Message } from '../src/util/message';
import { registerMessageTransfer } from '../src/util/comlinkMessages';
import { unpackGrey } from '../src/imaging/transfer';

let cached: { key: string; image: ImageVolume } | null = null;
/** Whether this worker has already warmed up on a real image (once is enough: the code is then hot). */
let warmedOnImage = false;
/** Extractions of the user's ROIs so far (a warm-up stops when one arrives). */
let realRuns = 0;
/** Requests to stop warming up so far (`stopWarmUp`: a warm-up in progress stops before its next round). */
let warmUpStops = 0;
/** Segmentations asked for by the page (a warm-up stops when one arrives). */
let segmentRuns = 0;
/** The lesion segmentation of the cached image's last box: strokes on the same box re-solve warm-started. */
let segmentSession: { key: string; session: SegmentSession } | null = null;

/** Answer of `segment`: the mask (0/1, the image's size) or a message code. */
export type SegmentReply = SegmentOutcome;

export interface BatchItem {
  image: ImageVolume;
  mask: MaskVolume;
  settings?: Partial<RadiomicsSettings>;
}

export type BatchOutcome = { ok: true; result: ExtractionResult } | { ok: false; error: Message };

const api = {
  /** Cache an image under `key` for later `extractCached` calls. */
  setImage(key: string, image: ImageVolume): void {
    cached = { key, image: unpackGrey(image) };
  },
  /**
   * Runs the engine on the cached image with central elliptical ROIs of growing size (up to
   * `maxPixels` pixels; 2-D images only) and discards the results, once per worker: the engine's code
   * is then optimised for image-sized work before the user's first ROI (a cold first run is 2–4×
   * slower). Each round is a separate task, and the warm-up stops as soon as a real extraction or a
   * `stopWarmUp` has come in, so the user's ROI waits for one round at most. Returns the number of
   * rounds run.
   */
  async warmUpOnImage(key: string, rounds = 6, maxPixels = 100_000): Promise<number> {
    if (warmedOnImage || !cached || cached.key !== key || cached.image.size[0] !== 1) return 0;
    warmedOnImage = true;
    const image = cached.image;
    const [, h, w] = image.size;
    const start = realRuns;
    const stops = warmUpStops;
    let done = 0;
    for (let i = 0; i < rounds; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0)); // let a waiting extraction go first
      if (realRuns !== start || warmUpStops !== stops || cached?.image !== image) break;
      const area = Math.min(maxPixels * Math.min(1, 0.25 * (i + 1)), w * h * 0.2);
      const r2 = area / Math.PI;
      const m = new Uint8Array(w * h);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) m[y * w + x] = (x - w / 2) ** 2 + (y - h / 2) ** 2 < r2 ? 1 : 0;
      try {
        extractFeatures(
          image,
          { data: m, size: image.size, spacing: image.spacing },
          {
            settings: STUDY_PRESET,
            diagnostics: false,
          },
        );
      } catch {
        break; // e.g. a constant image: the user's ROI will get the real message
      }
      done++;
    }
    return done;
  },
  /**
   * Stops a warm-up in progress before its next round (the page needs the processor for something
   * the user is waiting for, e.g. the lesion box's segmentation).
   */
  stopWarmUp(): void {
    warmUpStops++;
  },
  /**
   * Extract from the cached image with the mask's geometry (spacing, origin: the caller's choice of
   * mm or pixel units travels with the mask), without the diagnostics entries. Refuses if `key` is not
   * the cached image, so callers never mix images.
   */
  extractCached(key: string, mask: MaskVolume, settings?: Partial<RadiomicsSettings>): ExtractionResult {
    if (!cached || cached.key !== key) {
      throw new MessageError('engine.noImage', { key });
    }
    realRuns++;
    const image: ImageVolume = {
      ...cached.image,
      spacing: mask.spacing,
      origin: mask.origin ?? cached.image.origin,
    };
    return withMemoryMessage(() => extractFeatures(image, mask, { settings, diagnostics: false }));
  },
  /**
   * Compiles the segmentation code before the user's first box: `rounds` solves (a box, then a
   * stroke) on a small synthetic lesion — a textured disk that converges in a few iterations — so
   * V8 has optimised the solver when the real box arrives. Each round is a separate task and the
   * warm-up stops as soon as a real segmentation has come in. Touches neither the cached image nor
   * the segmentation session. Returns the number of rounds run.
   */
  async warmUpSegmentation(rounds = 4): Promise<number> {
    const w = 160;
    const h = 120;
    const data = new Float64Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        data[y * w + x] = ((x - 80) ** 2 + (y - 60) ** 2 < 35 ** 2 ? 50 : 160) + ((x * 7 + y * 13) % 23);
    const box: Box = [36, 16, 124, 104];
    const start = segmentRuns;
    let done = 0;
    for (let i = 0; i < rounds; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0)); // let a waiting segmentation go first
      if (segmentRuns !== start) break;
      const session = prepareSegmentation({ width: w, height: h, data }, box);
      solveSegmentation(session);
      solveSegmentation(session, [{ mode: 'add', points: [{ x: 80, y: 60 }], radius: 4 }]);
      done++;
    }
    return done;
  },
  /**
   * Lesion segmentation on the cached image: `box` (and `strokes`) → mask (transferred). A call with
   * the same image and box as the previous one only re-solves with the new strokes, warm-started from
   * the previous solution; another box prepares afresh. Problems come back as message codes.
   */
  segment(key: string, box: Box, strokes: SegmentStroke[] = []): SegmentReply {
    if (!cached || cached.key !== key) {
      throw new MessageError('engine.noImage', { key });
    }
    segmentRuns++;
    const t0 = performance.now();
    try {
      const [nz, height, width] = cached.image.size;
      if (nz !== 1)
        return {
          ok: false,
          message: {
            code: 'segment.invalidImage',
            params: { width, height, pixels: cached.image.data.length },
          },
        };
      const same =
        segmentSession?.key === key && segmentSession.session.box.every((v, i) => v === Math.round(box[i]));
      if (!same) {
        segmentSession = {
          key,
          session: prepareSegmentation({ width, height, data: cached.image.data }, box),
        };
      }
      const session = segmentSession!.session;
      const mask = solveSegmentation(session, strokes);
      const reply: SegmentReply = {
        ok: true,
        mask,
        box: session.box,
        iterations: session.iterations,
        ms: performance.now() - t0,
      };
      return Comlink.transfer(reply, [mask.buffer]);
    } catch (e) {
      if (isMessageError(e)) return { ok: false, message: e.toMessage() };
      throw e;
    }
  },
  /** One-shot extraction (image and mask both transferred). */
  extract(image: ImageVolume, mask: MaskVolume, settings?: Partial<RadiomicsSettings>): ExtractionResult {
    return withMemoryMessage(() => extractFeatures(unpackGrey(image), mask, { settings }));
  },
  /** A batch: results in input order, one failing item does not stop the rest. */
  extractBatch(items: BatchItem[], onProgress?: (done: number, total: number) => void): BatchOutcome[] {
    const out: BatchOutcome[] = [];
    items.forEach((it, i) => {
      try {
        out.push({
          ok: true,
          result: withMemoryMessage(() =>
            extractFeatures(unpackGrey(it.image), it.mask, { settings: it.settings }),
          ),
        });
      } catch (e) {
        out.push({ ok: false, error: toMessage(e) });
      }
      onProgress?.(i + 1, items.length);
    });
    return out;
  },
};

export type RadiomicsWorkerApi = typeof api;
// A MessageError thrown here reaches the page with its code and params.
registerMessageTransfer();
Comlink.expose(api);
