import { describe, expect, it } from 'vitest';
import { createExtractor, type SpawnedWorker } from '../../../src/ui/engine';
import type { ExtractionResult } from '../../../src/radiomics/extract';
import type { ImageVolume, MaskVolume } from '../../../src/radiomics/types';

const image: ImageVolume = { data: new Float64Array(16), size: [1, 4, 4], spacing: [1, 1, 1] };
const mask: MaskVolume = { data: new Uint8Array(16).fill(1), size: [1, 4, 4], spacing: [1, 1, 1] };
const RESULT = { features: [], values: { x: 1 } } as unknown as ExtractionResult;

/** A scripted stand-in for the Comlink worker: each extract waits for the test to settle it. */
function fakeWorkers() {
  const spawned: Array<{
    terminated: boolean;
    crash: (msg: string) => void;
    finish: () => void;
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
    };
    spawned.push(entry);
    return {
      worker: { terminate: () => void (entry.terminated = true) },
      crashed,
      api: {
        setImage: async () => undefined,
        extractCached: () => new Promise<ExtractionResult>((resolve) => pending.push(() => resolve(RESULT))),
        extract: async () => RESULT,
      } as unknown as SpawnedWorker['api'],
    };
  };
  return { spawn, spawned };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('interactive extractor (worker client)', () => {
  it('a newer ROI cancels the running one: its worker is terminated and its promise gives null', async () => {
    const { spawn, spawned } = fakeWorkers();
    const ex = createExtractor(spawn);
    const first = ex.run(image, mask);
    await tick();
    const second = ex.run(image, mask);
    await tick();
    expect(await first).toBeNull();
    expect(spawned[0].terminated).toBe(true);
    spawned[1].finish();
    expect(await second).toBe(RESULT);
  });

  it('a crashed worker is reported with a clear message and replaced on the next run', async () => {
    const { spawn, spawned } = fakeWorkers();
    const ex = createExtractor(spawn);
    const run = ex.run(image, mask);
    await tick();
    spawned[0].crash('out of memory');
    await expect(run).rejects.toThrow(/worker stopped unexpectedly \(out of memory\).*restarted/);
    expect(spawned[0].terminated).toBe(true);
    const again = ex.run(image, mask);
    await tick();
    expect(spawned).toHaveLength(2);
    spawned[1].finish();
    expect(await again).toBe(RESULT);
  });
});
