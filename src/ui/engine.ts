/**
 * Main-thread client of the feature-extraction worker(s).
 *
 * `createExtractor()` serves the interactive case screen: each `run` supersedes the previous one —
 * a run still computing is cancelled by terminating its worker (the promise resolves to null) and a
 * fresh worker takes over, so the newest ROI always wins and the page never waits for stale work.
 * `extractBatch()` spreads a batch over a pool sized to navigator.hardwareConcurrency.
 *
 * A worker that dies (an uncaught error, a message that cannot be read, the browser stopping it) is
 * detected through its `error`/`messageerror` events. The interactive extractor then starts a fresh
 * worker and runs the extraction once more, telling the caller (`onRestart`); if the fresh worker
 * dies too, the run rejects with a `WorkerCrashError` so the user is told and can try again.
 */
import * as Comlink from 'comlink';
import type { ExtractionResult } from '../radiomics/extract';
import type { ImageVolume, MaskVolume, RadiomicsSettings } from '../radiomics/types';
import type { RadiomicsWorkerApi } from '../../workers/radiomics.worker';

/** A started worker: its Comlink API and a promise that rejects when the worker itself dies. */
export interface SpawnedWorker {
  worker: Pick<Worker, 'terminate'>;
  api: Pick<Comlink.Remote<RadiomicsWorkerApi>, 'setImage' | 'extractCached' | 'extract'>;
  /** Never resolves; rejects when the worker crashes (uncaught error, unreadable message). */
  crashed: Promise<never>;
}

/** The extraction worker died during a run (after one automatic restart). `cause` is the browser's report. */
export class WorkerCrashError extends Error {
  constructor(readonly detail: string) {
    super(`The feature-extraction worker stopped unexpectedly (${detail}).`);
    this.name = 'WorkerCrashError';
  }
}

function spawn(): SpawnedWorker {
  const worker = new Worker(new URL('../../workers/radiomics.worker.ts', import.meta.url), {
    type: 'module',
    name: 'radiomics',
  });
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      reject(new Error(e.message || 'uncaught error in the worker'));
    });
    worker.addEventListener('messageerror', () =>
      reject(new Error('a message from the worker could not be read')),
    );
  });
  crashed.catch(() => undefined);
  return { worker, api: Comlink.wrap<RadiomicsWorkerApi>(worker), crashed };
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

export interface ExtractorOptions {
  /** Starts a worker (tests pass a scripted stand-in). */
  spawnWorker?: () => SpawnedWorker;
  /** Called when a worker died during a run and a fresh one took over (the run is retried once). */
  onRestart?: (cause: string) => void;
}

class Crashed {
  constructor(readonly detail: string) {}
}
const asCrash = (w: SpawnedWorker): Promise<never> =>
  w.crashed.catch((e: unknown) => {
    throw new Crashed(e instanceof Error ? e.message : String(e));
  });

/** An interactive extractor: newest run wins, stale runs are cancelled, a crashed worker is replaced. */
export function createExtractor(options: ExtractorOptions = {}): Extractor {
  const spawnWorker = options.spawnWorker ?? spawn;
  let current: SpawnedWorker | null = null;
  const dead = new WeakSet<SpawnedWorker>();
  let sentKey: string | null = null;
  let busy = false;
  let generation = 0;
  let cancelPending: (() => void) | null = null;

  const ensureWorker = () => {
    if (current && dead.has(current)) {
      // Died while idle: nothing was lost, start a fresh one quietly.
      current.worker.terminate();
      current = null;
    }
    if (!current) {
      const w = spawnWorker();
      w.crashed.catch(() => dead.add(w));
      current = w;
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
      busy = true;
      const key = keyOf(image);
      const cancelled = new Promise<null>((resolve) => {
        cancelPending = () => resolve(null);
      });
      try {
        for (let attempt = 0; ; attempt++) {
          const w = ensureWorker();
          const crash = asCrash(w);
          try {
            if (sentKey !== key) {
              const packed = packImage(image);
              await Promise.race([
                w.api.setImage(key, Comlink.transfer(packed, buffersOf(packed))),
                cancelled,
                crash,
              ]);
              if (gen !== generation) return null;
              sentKey = key;
            }
            const m = packMask(mask);
            const result = await Promise.race([
              w.api.extractCached(key, Comlink.transfer(m, buffersOf(m)), settings),
              cancelled,
              crash,
            ]);
            return gen === generation ? result : null;
          } catch (e) {
            if (!(e instanceof Crashed)) throw e;
            // The worker itself died: drop it; the next attempt (or run) starts a fresh one.
            w.worker.terminate();
            if (current === w) current = null;
            if (gen !== generation) return null;
            if (attempt > 0) throw new WorkerCrashError(e.detail);
            options.onRestart?.(e.detail);
          }
        }
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
  spawnWorker: () => SpawnedWorker = spawn,
): Promise<Array<{ ok: true; result: ExtractionResult } | { ok: false; error: string }>> {
  const size = Math.max(1, Math.min(jobs.length, navigator.hardwareConcurrency || 2));
  const pool = Array.from({ length: size }, () => spawnWorker());
  const out: Array<{ ok: true; result: ExtractionResult } | { ok: false; error: string }> = new Array(
    jobs.length,
  );
  let next = 0;
  let done = 0;
  const abort = () => pool.forEach((p) => p.worker.terminate());
  signal?.addEventListener('abort', abort, { once: true });
  try {
    await Promise.all(
      pool.map(async (_, slot) => {
        while (next < jobs.length) {
          if (signal?.aborted) throw new DOMException('Feature extraction was cancelled.', 'AbortError');
          const i = next++;
          const job = jobs[i];
          const img = packImage(job.image);
          const m = packMask(job.mask);
          const p = pool[slot];
          try {
            const r = await Promise.race([
              p.api.extract(
                Comlink.transfer(img, buffersOf(img)),
                Comlink.transfer(m, buffersOf(m)),
                job.settings,
              ),
              asCrash(p),
            ]);
            out[i] = { ok: true, result: r };
          } catch (e) {
            if (e instanceof Crashed) {
              // This item killed its worker: report it and carry on with a fresh worker in that slot.
              p.worker.terminate();
              pool[slot] = spawnWorker();
              out[i] = { ok: false, error: new WorkerCrashError(e.detail).message };
            } else out[i] = { ok: false, error: e instanceof Error ? e.message : String(e) };
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
