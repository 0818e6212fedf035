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
import { isMessageError, MessageError, toMessage, type Message } from '../util/message';
import { message as renderText } from '../i18n';
import { registerMessageTransfer } from '../util/comlinkMessages';
import { packGrey } from '../imaging/transfer';

/** A started worker: its Comlink API and a promise that rejects when the worker itself dies. */
export interface SpawnedWorker {
  worker: Pick<Worker, 'terminate'>;
  api: Pick<
    Comlink.Remote<RadiomicsWorkerApi>,
    'setImage' | 'extractCached' | 'extract' | 'warmUpOnImage' | 'stopWarmUp'
  >;
  /** Never resolves; rejects when the worker crashes (uncaught error, unreadable message). */
  crashed: Promise<never>;
}

/** The extraction worker died during a run (after one automatic restart). `cause` is the browser's report. */
export class WorkerCrashError extends MessageError {
  constructor(readonly detail: string) {
    super('engine.workerCrashed', { detail });
    this.name = 'WorkerCrashError';
  }
}

/** A new feature-extraction worker (workers/radiomics.worker.ts), also used for lesion segmentation. */
export function startRadiomicsWorker(): Worker {
  return new Worker(new URL('../../workers/radiomics.worker.ts', import.meta.url), {
    type: 'module',
    name: 'radiomics',
  });
}

function spawn(): SpawnedWorker {
  const worker = startRadiomicsWorker();
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      reject(e.message ? new Error(e.message) : new MessageError('engine.uncaught'));
    });
    worker.addEventListener('messageerror', () => reject(new MessageError('engine.unreadableReply')));
  });
  crashed.catch(() => undefined);
  registerMessageTransfer(); // engine errors arrive as MessageErrors (codes), not as plain text
  return { worker, api: Comlink.wrap<RadiomicsWorkerApi>(worker), crashed };
}

function packMask(mask: MaskVolume): MaskVolume {
  return { ...mask, data: mask.data instanceof Uint8Array ? mask.data.slice() : Uint8Array.from(mask.data) };
}
export function buffersOf(v: { data: ArrayLike<number> }): Transferable[] {
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
  /** Send `image` to the worker(s) ahead of the first ROI (only its pixels matter: geometry travels with masks). */
  prepare(image: ImageVolume): void;
  /**
   * The user now waits for other work in the workers (the lesion box's segmentation): warm-ups in
   * progress stop before their next round and no further one starts in this extractor, so they do not
   * take the processor from it (on two cores, two warming workers slowed the page's own frames past
   * 50 ms). Runs are not affected; the first one may be slower if its worker was not warm yet.
   */
  quiet(): void;
  dispose(): void;
}

/** The interactive extractors alive (their warm-ups are stopped by {@link quietWarmUps}). */
const liveExtractors = new Set<Extractor>();

/** Stops the feature-extraction warm-ups of every interactive extractor (see {@link Extractor.quiet}). */
export function quietWarmUps(): void {
  for (const e of liveExtractors) e.quiet();
}

/** Images are identified by their pixel array: the same pixels with another spacing are the same image. */
const imageKeys = new WeakMap<object, string>();
let keyCounter = 0;
export function imageKey(image: ImageVolume): string {
  const id = image.data as unknown as object;
  let k = imageKeys.get(id);
  if (!k) {
    k = `img-${++keyCounter}`;
    imageKeys.set(id, k);
  }
  return k;
}

export interface ExtractorOptions {
  /** Starts a worker (tests pass a scripted stand-in). */
  spawnWorker?: () => SpawnedWorker;
  /** Called when a worker died during a run and a fresh one took over (the run is retried once). */
  onRestart?: (cause: string) => void;
  /**
   * Keep a second, warmed-up worker holding the image in reserve (default true), so a superseded run
   * (its worker terminated) is followed at once by a warm worker instead of a cold start.
   */
  standby?: boolean;
}

/** A worker died; `detail` is the browser's report (its own words) or our text for it, in the UI's language. */
class Crashed {
  constructor(readonly detail: string) {}
}
const asCrash = (w: SpawnedWorker): Promise<never> =>
  w.crashed.catch((e: unknown) => {
    throw new Crashed(
      isMessageError(e) ? renderText(e.toMessage()) : e instanceof Error ? e.message : String(e),
    );
  });

/** A worker and the key of the image last posted to it (messages are handled in order). */
interface Slot {
  w: SpawnedWorker;
  posted: string | null;
  /** Settles when the worker has finished with the last posted image (set, and warmed up if asked). */
  ready: Promise<unknown>;
}

/**
 * An interactive extractor: newest run wins, stale runs are cancelled, a crashed worker is replaced.
 * Each worker receives the image once (`prepare` or the first run; a run then sends only the mask)
 * and, when it gets it while idle, warms up on it (`warmUpOnImage`) so the first ROI is not computed
 * by cold code.
 */
export function createExtractor(options: ExtractorOptions = {}): Extractor {
  const spawnWorker = options.spawnWorker ?? spawn;
  const standby = options.standby ?? true;
  const dead = new WeakSet<SpawnedWorker>();
  let current: Slot | null = null;
  let spare: Slot | null = null;
  let lastImage: ImageVolume | null = null;
  let busy = false;
  let generation = 0;
  let disposed = false;
  let cancelPending: (() => void) | null = null;
  let warmUps = true;

  /** Posts `image` to the worker unless it has it; resolves when the worker is done with it (and its warm-up). */
  const post = (slot: Slot, image: ImageVolume, warm = false): Promise<unknown> => {
    const key = imageKey(image);
    if (slot.posted === key) return slot.ready;
    const packed = packGrey(image);
    // Not awaited by runs: the extraction message queued after it is answered only once the image is
    // set, and a crash meanwhile is caught by the run's race.
    slot.posted = key;
    const set = slot.w.api.setImage(key, Comlink.transfer(packed, buffersOf(packed))).catch(() => undefined);
    slot.ready = warm && warmUps ? slot.w.api.warmUpOnImage(key).catch(() => undefined) : set;
    return slot.ready;
  };
  /** Starts a worker; an idle start (the spare) also gets the image and warms up on it. */
  const start = (idle: boolean): Slot => {
    const w = spawnWorker();
    w.crashed.catch(() => dead.add(w));
    const slot: Slot = { w, posted: null, ready: Promise.resolve() };
    if (!idle) return slot; // a run is waiting for it: no warm-up in the way
    if (lastImage) void post(slot, lastImage, true);
    return slot;
  };
  const alive = (slot: Slot | null): Slot | null => {
    if (slot && dead.has(slot.w)) {
      // Died while idle: nothing was lost, it is replaced quietly.
      slot.w.worker.terminate();
      return null;
    }
    return slot;
  };
  /**
   * The worker for the next job: the current one, else the warm spare, else a fresh one (`idle`: no
   * run is waiting, so a fresh one may warm up first).
   */
  const take = (idle = false): Slot => {
    current = alive(current);
    if (!current) {
      current = alive(spare) ?? start(idle);
      spare = null;
    }
    return current;
  };
  const refillSpare = () => {
    if (!standby || disposed) return;
    spare = alive(spare) ?? start(true);
  };

  const extractor: Extractor = {
    prepare(image) {
      if (disposed) return;
      lastImage = image;
      if (busy) return; // the running extraction's worker gets it with the next run
      const c = take(true);
      // The spare warms up after the current worker has (two warm-ups at once would slow both).
      void post(c, image, true).then(() => {
        if (busy || disposed || lastImage !== image) return;
        refillSpare();
        if (spare) void post(spare, image, true);
      });
    },
    async run(image, mask, settings) {
      const gen = ++generation;
      if (busy && current) {
        // Superseded: stop the stale computation now instead of waiting for it.
        current.w.worker.terminate();
        current = null;
        cancelPending?.();
      }
      busy = true;
      lastImage = image;
      const key = imageKey(image);
      const cancelled = new Promise<null>((resolve) => {
        cancelPending = () => resolve(null);
      });
      try {
        for (let attempt = 0; ; attempt++) {
          const slot = take();
          const crash = asCrash(slot.w);
          try {
            void post(slot, image);
            const m = packMask(mask);
            const result = await Promise.race([
              slot.w.api.extractCached(key, Comlink.transfer(m, buffersOf(m)), settings),
              cancelled,
              crash,
            ]);
            return gen === generation ? result : null;
          } catch (e) {
            if (!(e instanceof Crashed)) throw e;
            // The worker itself died: drop it; the next attempt (or run) takes another one.
            slot.w.worker.terminate();
            if (current === slot) current = null;
            if (gen !== generation) return null;
            if (attempt > 0) throw new WorkerCrashError(e.detail);
            options.onRestart?.(e.detail);
          }
        }
      } finally {
        if (gen === generation) {
          busy = false;
          cancelPending = null;
          refillSpare();
        }
      }
    },
    quiet() {
      if (!warmUps) return;
      warmUps = false;
      // Both workers are told; one that is not warming up has nothing to stop, and a message that
      // fails (a worker gone) only lets a warm-up round finish.
      for (const slot of [current, spare]) slot?.w.api.stopWarmUp().catch(() => undefined);
    },
    dispose() {
      liveExtractors.delete(extractor);
      disposed = true;
      generation++;
      cancelPending?.();
      current?.w.worker.terminate();
      spare?.w.worker.terminate();
      current = null;
      spare = null;
      lastImage = null;
    },
  };
  liveExtractors.add(extractor);
  return extractor;
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
): Promise<Array<{ ok: true; result: ExtractionResult } | { ok: false; error: Message }>> {
  const size = Math.max(1, Math.min(jobs.length, navigator.hardwareConcurrency || 2));
  const pool = Array.from({ length: size }, () => spawnWorker());
  const out: Array<{ ok: true; result: ExtractionResult } | { ok: false; error: Message }> = new Array(
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
          const img = packGrey(job.image);
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
              out[i] = { ok: false, error: new WorkerCrashError(e.detail).toMessage() };
            } else out[i] = { ok: false, error: toMessage(e) };
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
