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

let cached: { key: string; image: ImageVolume } | null = null;

export interface BatchItem {
  image: ImageVolume;
  mask: MaskVolume;
  settings?: Partial<RadiomicsSettings>;
}

export type BatchOutcome = { ok: true; result: ExtractionResult } | { ok: false; error: string };

const api = {
  /** Cache an image under `key` for later `extractCached` calls. */
  setImage(key: string, image: ImageVolume): void {
    cached = { key, image };
  },
  /** Extract from the cached image (refuses if `key` is not the cached one, so callers never mix images). */
  extractCached(key: string, mask: MaskVolume, settings?: Partial<RadiomicsSettings>): ExtractionResult {
    if (!cached || cached.key !== key) {
      throw new Error(`The worker holds no image "${key}"; send it with setImage first.`);
    }
    const image = cached.image;
    return withMemoryMessage(() => extractFeatures(image, mask, { settings }));
  },
  /** One-shot extraction (image and mask both transferred). */
  extract(image: ImageVolume, mask: MaskVolume, settings?: Partial<RadiomicsSettings>): ExtractionResult {
    return withMemoryMessage(() => extractFeatures(image, mask, { settings }));
  },
  /** A batch: results in input order, one failing item does not stop the rest. */
  extractBatch(items: BatchItem[], onProgress?: (done: number, total: number) => void): BatchOutcome[] {
    const out: BatchOutcome[] = [];
    items.forEach((it, i) => {
      try {
        out.push({
          ok: true,
          result: withMemoryMessage(() => extractFeatures(it.image, it.mask, { settings: it.settings })),
        });
      } catch (e) {
        out.push({ ok: false, error: e instanceof Error ? e.message : String(e) });
      }
      onProgress?.(i + 1, items.length);
    });
    return out;
  },
};

export type RadiomicsWorkerApi = typeof api;
Comlink.expose(api);
