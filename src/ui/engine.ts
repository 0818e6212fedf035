/**
 * Main-thread client of the feature-extraction worker(s).
 *
 * `createExtractor()` serves the interactive case screen: each `run` supersedes the previous one —
 * a run still computing is cancelled by terminating its worker (the promise resolves to null) and a
 * fresh worker takes over, so the newest ROI always wins and the page never waits for stale work.
 * `extractBatch()` spreads a batch over a pool sized to navigator.hardwareConcurrency.
 */
import * as Comlink from 'comlink';
import type { ExtractionResult } from '../radiomics/extract';
import type { ImageVolume, MaskVolume, RadiomicsSettings } from '../radiomics/types';
import type { RadiomicsWorkerApi } from '../../workers/radiomics.worker';

function spawn(): { worker: Worker; api: Comlink.Remote<RadiomicsWorkerApi> } {
  const worker = new Worker(new URL('../../workers/radiomics.worker.ts', import.meta.url), {
    type: 'module',
    name: 'radiomics',
  });
  return { worker, api: Comlink.wrap<RadiomicsWorkerApi>(worker) };
}

/** Copy a volume into transferable Float64Array/Uint8Array buffers. */
function packImage(image: ImageVolume): ImageVolume {
  return { ...image, data: Float64Array.from(image.data) };
}
function packMask(mask: MaskVolume): MaskVolume {
  return { ...mask, data: mask.data instanceof Uint8Array ? mask.data.slice() : Uint8Array.from(mask.data) };
}
function buffersOf(v: { data: ArrayLike<number> }): Transferable[] {
  const d = v.data as unknown as { buffer?: ArrayBuffer };
  return d.buffer ? [d.buffer] : [];
}

export interface Extractor {
  /** Extract features of `mask` on `image`; resolves to null when superseded by a newer run or disposed. */
  run(
    image: ImageVolume,
    mask: MaskVolume,
    settings?: Partial<RadiomicsSettings>,
  ): Promise<ExtractionResult | null>;
  dispose(): void;
}

let imageKeys = new WeakMap<ImageVolume, string>();
let keyCounter = 0;
function keyOf(image: ImageVolume): string {
  let k = imageKeys.get(image);
  if (!k) {
    k = `img-${++keyCounter}`;
    imageKeys.set(image, k);
  }
  return k;
}

/** An interactive extractor: newest run wins, stale runs are cancelled. */
export function createExtractor(): Extractor {
  let current: ReturnType<typeof spawn> | null = null;
  let sentKey: string | null = null;
  let busy = false;
  let generation = 0;
  let cancelPending: (() => void) | null = null;

  const ensureWorker = () => {
    if (!current) {
      current = spawn();
      sentKey = null;
    }
    return current;
  };

  return {
    async run(image, mask, settings) {
      const gen = ++generation;
      if (busy && current) {
        // Superseded: stop the stale computation now instead of waiting for it.
        current.worker.terminate();
        current = null;
        cancelPending?.();
      }
      const w = ensureWorker();
      busy = true;
      const key = keyOf(image);
      try {
        const cancelled = new Promise<null>((resolve) => {
          cancelPending = () => resolve(null);
        });
        if (sentKey !== key) {
          const packed = packImage(image);
          await Promise.race([w.api.setImage(key, Comlink.transfer(packed, buffersOf(packed))), cancelled]);
          if (gen !== generation) return null;
          sentKey = key;
        }
        const m = packMask(mask);
        const result = await Promise.race([
          w.api.extractCached(key, Comlink.transfer(m, buffersOf(m)), settings),
          cancelled,
        ]);
        return gen === generation ? result : null;
      } finally {
        if (gen === generation) {
          busy = false;
          cancelPending = null;
        }
      }
    },
    dispose() {
      generation++;
      cancelPending?.();
      current?.worker.terminate();
      current = null;
    },
  };
}

/** Test hook: forget image keys (e.g. between tests). */
export function resetImageKeys(): void {
  imageKeys = new WeakMap();
}

export interface BatchJob {
  image: ImageVolume;
  mask: MaskVolume;
  settings?: Partial<RadiomicsSettings>;
}

/**
 * Extract a batch over a pool of workers (size = navigator.hardwareConcurrency, at least 1, at most
 * the batch size). Results keep input order; a failing item yields `{ ok: false, error }`.
 */
export async function extractBatch(
  jobs: BatchJob[],
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<Array<{ ok: true; result: ExtractionResult } | { ok: false; error: string }>> {
  const size = Math.max(1, Math.min(jobs.length, navigator.hardwareConcurrency || 2));
  const pool = Array.from({ length: size }, spawn);
  const out: Array<{ ok: true; result: ExtractionResult } | { ok: false; error: string }> = new Array(
    jobs.length,
  );
  let next = 0;
  let done = 0;
  const abort = () => pool.forEach((p) => p.worker.terminate());
  signal?.addEventListener('abort', abort, { once: true });
  try {
    await Promise.all(
      pool.map(async (p) => {
        while (next < jobs.length) {
          if (signal?.aborted) throw new DOMException('Feature extraction was cancelled.', 'AbortError');
          const i = next++;
          const job = jobs[i];
          const img = packImage(job.image);
          const m = packMask(job.mask);
          try {
            const r = await p.api.extract(
              Comlink.transfer(img, buffersOf(img)),
              Comlink.transfer(m, buffersOf(m)),
              job.settings,
            );
            out[i] = { ok: true, result: r };
          } catch (e) {
            out[i] = { ok: false, error: e instanceof Error ? e.message : String(e) };
          }
          onProgress?.(++done, jobs.length);
        }
      }),
    );
    return out;
  } finally {
    signal?.removeEventListener('abort', abort);
    pool.forEach((p) => p.worker.terminate());
  }
}
