import { describe, expect, it } from 'vitest';
import {
  createExtractor,
  extractBatch,
  quietWarmUps,
  WorkerCrashError,
  type SpawnedWorker,
} from '../../../src/ui/engine';
import { withMemoryMessage } from '../../../src/radiomics/memory';
import type { ExtractionResult } from '../../../src/radiomics/extract';
import type { ImageVolume, MaskVolume } from '../../../src/radiomics/types';
import { thrownMessage } from '../../fixtures/thrownMessage';
import { renderEnglish } from '../../../src/i18n/render';
import type { Message } from '../../../src/util/message';

const image: ImageVolume = { data: new Float64Array(16), size: [1, 4, 4], spacing: [1, 1, 1] };
const mask: MaskVolume = { data: new Uint8Array(16).fill(1), size: [1, 4, 4], spacing: [1, 1, 1] };
const RESULT = { features: [], values: { x: 1 } } as unknown as ExtractionResult;

/** A scripted stand-in for the Comlink worker: each extract waits for the test to settle it. */
function fakeWorkers(opts: { crashOnExtract?: Set<number> } = {}) {
  let extracts = 0;
  const spawned: Array<{
    terminated: boolean;
    crash: (msg: string) => void;
    finish: () => void;
    /** Messages received, in order: 'setImage:<key>', 'warmUpOnImage:<key>', 'stopWarmUp', 'extractCached:<key>'. */
    log: string[];
  }> = [];
  const spawn = (): SpawnedWorker => {
    let crash!: (e: Error) => void;
    const crashed = new Promise<never>((_, reject) => (crash = reject));
    crashed.catch(() => undefined);
    const pending: Array<() => void> = [];
    const entry = {
      terminated: false,
      crash: (msg: string) => crash(new Error(msg)),
      finish: () => pending.shift()?.(),
      log: [] as string[],
    };
    spawned.push(entry);
    return {
      worker: { terminate: () => void (entry.terminated = true) },
      crashed,
      api: {
        warmUpOnImage: async (key: string) => void entry.log.push(`warmUpOnImage:${key}`),
        stopWarmUp: async () => void entry.log.push('stopWarmUp'),
        setImage: async (key: string) => void entry.log.push(`setImage:${key}`),
        extractCached: (key: string) => {
          entry.log.push(`extractCached:${key}`);
          return new Promise<ExtractionResult>((resolve) => pending.push(() => resolve(RESULT)));
        },
        extract: () => {
          const n = extracts++;
          if (opts.crashOnExtract?.has(n)) {
            entry.crash('simulated crash');
            return new Promise<ExtractionResult>(() => undefined);
          }
          return Promise.resolve(RESULT);
        },
      } as unknown as SpawnedWorker['api'],
    };
  };
  return { spawn, spawned };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('interactive extractor (worker client)', () => {
  it('a newer ROI cancels the running one: its worker is terminated and its promise gives null', async () => {
    const { spawn, spawned } = fakeWorkers();
    const ex = createExtractor({ spawnWorker: spawn, standby: false });
    const first = ex.run(image, mask);
    await tick();
    const second = ex.run(image, mask);
    await tick();
    expect(await first).toBeNull();
    expect(spawned[0].terminated).toBe(true);
    spawned[1].finish();
    expect(await second).toBe(RESULT);
  });

  it('a worker that dies mid-run is restarted, the run repeated on the fresh worker and the caller told', async () => {
    const { spawn, spawned } = fakeWorkers();
    const restarts: string[] = [];
    const ex = createExtractor({ spawnWorker: spawn, standby: false, onRestart: (c) => restarts.push(c) });
    const run = ex.run(image, mask);
    await tick();
    spawned[0].crash('out of memory');
    await tick();
    expect(spawned[0].terminated).toBe(true);
    expect(restarts).toEqual(['out of memory']);
    expect(spawned).toHaveLength(2);
    spawned[1].finish();
    expect(await run).toBe(RESULT);
  });

  it('a worker that dies again after the restart gives a WorkerCrashError; the next run uses a fresh worker', async () => {
    const { spawn, spawned } = fakeWorkers();
    const restarts: string[] = [];
    const ex = createExtractor({ spawnWorker: spawn, standby: false, onRestart: (c) => restarts.push(c) });
    const run = ex.run(image, mask);
    await tick();
    spawned[0].crash('uncaught error');
    await tick();
    spawned[1].crash('uncaught error again');
    const err = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkerCrashError);
    expect((err as WorkerCrashError).detail).toBe('uncaught error again');
    expect(restarts).toEqual(['uncaught error']);
    expect(spawned.map((s) => s.terminated)).toEqual([true, true]);
    const again = ex.run(image, mask);
    await tick();
    expect(spawned).toHaveLength(3);
    spawned[2].finish();
    expect(await again).toBe(RESULT);
  });

  it('a worker that died while idle is replaced quietly on the next run', async () => {
    const { spawn, spawned } = fakeWorkers();
    const restarts: string[] = [];
    const ex = createExtractor({ spawnWorker: spawn, standby: false, onRestart: (c) => restarts.push(c) });
    const first = ex.run(image, mask);
    await tick();
    spawned[0].finish();
    expect(await first).toBe(RESULT);
    spawned[0].crash('killed while idle');
    await tick();
    const second = ex.run(image, mask);
    await tick();
    expect(spawned).toHaveLength(2);
    expect(spawned[0].terminated).toBe(true);
    spawned[1].finish();
    expect(await second).toBe(RESULT);
    expect(restarts).toEqual([]);
  });

  it('an idle worker gets the image ahead and warms up on it; runs then send only masks', async () => {
    const { spawn, spawned } = fakeWorkers();
    const ex = createExtractor({ spawnWorker: spawn, standby: false });
    const img: ImageVolume = { ...image, data: new Float64Array(16) };
    ex.prepare(img);
    await tick();
    const first = ex.run(img, mask);
    await tick();
    spawned[0].finish();
    await first;
    // The same pixels with another spacing (mm vs pixels) are the same image: not sent again.
    const second = ex.run({ ...img, spacing: [1, 0.1, 0.1] }, { ...mask, spacing: [1, 0.1, 0.1] });
    await tick();
    spawned[0].finish();
    await second;
    expect(spawned).toHaveLength(1);
    const key = /setImage:(.*)/.exec(spawned[0].log[0])![1];
    expect(spawned[0].log).toEqual([
      `setImage:${key}`,
      `warmUpOnImage:${key}`,
      `extractCached:${key}`,
      `extractCached:${key}`,
    ]);
  });

  it('a run on a fresh worker sends the image without a warm-up in its way', async () => {
    const { spawn, spawned } = fakeWorkers();
    const ex = createExtractor({ spawnWorker: spawn, standby: false });
    const run = ex.run(image, mask);
    await tick();
    spawned[0].finish();
    await run;
    expect(spawned[0].log.map((l) => l.split(':')[0])).toEqual(['setImage', 'extractCached']);
  });

  it('standby: a warm spare holding the image takes over at once from a superseded run', async () => {
    const { spawn, spawned } = fakeWorkers();
    const ex = createExtractor({ spawnWorker: spawn });
    const img: ImageVolume = { ...image, data: new Float64Array(16) };
    ex.prepare(img);
    // The spare starts only once the first worker has warmed up.
    expect(spawned).toHaveLength(1);
    await tick();
    expect(spawned).toHaveLength(2);
    const key = /setImage:(.*)/.exec(spawned[0].log[0])![1];
    const warmed = [`setImage:${key}`, `warmUpOnImage:${key}`];
    expect(spawned.map((s) => s.log)).toEqual([warmed, warmed]);
    const first = ex.run(img, mask);
    await tick();
    const second = ex.run(img, mask);
    await tick();
    expect(await first).toBeNull();
    expect(spawned[0].terminated).toBe(true);
    // The spare got only the mask: the image was already there.
    expect(spawned[1].log).toEqual([...warmed, `extractCached:${key}`]);
    expect(spawned).toHaveLength(2);
    spawned[1].finish();
    expect(await second).toBe(RESULT);
    // Idle again: a new spare is started and given the image.
    expect(spawned).toHaveLength(3);
    expect(spawned[2].log).toEqual(warmed);
    ex.dispose();
    expect(spawned.map((s) => s.terminated)).toEqual([true, true, true]);
  });

  it('quiet (the lesion box was chosen): the warming workers are told to stop, and no worker warms up after', async () => {
    const { spawn, spawned } = fakeWorkers();
    const ex = createExtractor({ spawnWorker: spawn });
    const img: ImageVolume = { ...image, data: new Float64Array(16) };
    ex.prepare(img);
    await tick();
    expect(spawned).toHaveLength(2);
    const key = /setImage:(.*)/.exec(spawned[0].log[0])![1];
    quietWarmUps();
    quietWarmUps(); // told once
    await tick();
    const warmed = [`setImage:${key}`, `warmUpOnImage:${key}`, 'stopWarmUp'];
    expect(spawned.map((s) => s.log)).toEqual([warmed, warmed]);
    // A superseded run replaces its worker by the spare, and a new spare is started: it gets the
    // image, without a warm-up; runs go on as before.
    const first = ex.run(img, mask);
    await tick();
    const second = ex.run(img, mask);
    await tick();
    spawned[1].finish();
    expect(await first).toBeNull();
    expect(await second).toBe(RESULT);
    expect(spawned).toHaveLength(3);
    expect(spawned[2].log).toEqual([`setImage:${key}`]);
    ex.dispose();
  });

  it('a batch item that kills its worker is reported as failed and the batch continues on a fresh worker', async () => {
    const { spawn, spawned } = fakeWorkers({ crashOnExtract: new Set([1]) });
    Object.defineProperty(globalThis, 'navigator', { value: { hardwareConcurrency: 1 }, configurable: true });
    const out = await extractBatch(
      [0, 1, 2].map(() => ({ image, mask })),
      undefined,
      undefined,
      spawn,
    );
    expect(out.map((o) => o.ok)).toEqual([true, false, true]);
    expect(out[1]).toMatchObject({ ok: false, error: { code: 'engine.workerCrashed' } });
    expect(renderEnglish((out[1] as { error: Message }).error)).toMatch(/stopped unexpectedly/);
    expect(spawned.length).toBe(2);
    expect(spawned.every((s) => s.terminated)).toBe(true);
  });
});

describe('out of memory in the engine', () => {
  it('an allocation failure becomes a message that says what to do; other errors pass unchanged', () => {
    const failed = thrownMessage(() =>
      withMemoryMessage(() => {
        throw new RangeError('Array buffer allocation failed');
      }),
    );
    expect(failed).toEqual({
      code: 'radiomics.outOfMemory',
      params: { detail: 'Array buffer allocation failed' },
    });
    expect(renderEnglish(failed)).toMatch(/needs more memory than is available.*smaller image or ROI/);
    expect(
      thrownMessage(() =>
        withMemoryMessage(() => {
          throw new RangeError('Invalid array length');
        }),
      ).code,
    ).toBe('radiomics.outOfMemory');
    expect(() =>
      withMemoryMessage(() => {
        throw new Error('The ROI is empty.');
      }),
    ).toThrow(/^The ROI is empty\.$/);
    expect(withMemoryMessage(() => 42)).toBe(42);
  });
});
