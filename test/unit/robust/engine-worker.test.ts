/**
 * The feature engine gives the same numbers, bit for bit, in the test process (vitest's transform) and
 * in a Node worker thread running the TypeScript sources through tsx (as the CLI's batch workers and,
 * in spirit, the app's Web Worker do): random ROIs, PyRadiomics defaults and the study preset.
 */
import fc from 'fast-check';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFeatures, type ExtractOptions } from '../../../src/radiomics/extract';
import { STUDY_PRESET } from '../../../src/radiomics/settings';
import { gridArb, volumes } from './roiGen';

const SEED = 3_2026_11;
const ROIS = 40;

/** Reply of engine-worker.mjs. */
type Reply =
  | { id: number; ready: true }
  | { id: number; names: string[]; values: Float64Array }
  | { id: number; error: string };

let worker: Worker;
const pending = new Map<number, (r: Reply) => void>();

beforeAll(async () => {
  worker = new Worker(new URL('./engine-worker.mjs', import.meta.url));
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (r: Reply) => {
      if (r.id === -1) resolve();
      else pending.get(r.id)?.(r);
    });
  });
}, 60_000);

afterAll(async () => {
  await worker?.terminate();
});

/** Runs extractFeatures in the worker. */
function inWorker(id: number, input: ReturnType<typeof volumes>, options: ExtractOptions): Promise<Reply> {
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ id, image: input.image, mask: input.mask, options });
  });
}

/** The bytes of a Float64Array, for a bit-for-bit comparison (NaN payloads included). */
function bytes(values: Float64Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

describe('same results in the test process and in a worker thread', () => {
  it(`${ROIS} random ROIs × (PyRadiomics defaults, study preset): identical names and bits`, async () => {
    console.log(`engine in a worker: fast-check seed ${SEED}, ${ROIS} ROIs`);
    const grids = fc.sample(gridArb(48), { numRuns: ROIS, seed: SEED });
    let compared = 0;
    for (const [k, g] of grids.entries()) {
      for (const [s, settings] of [{ normalize: false }, STUDY_PRESET].entries()) {
        const input = volumes(g);
        const options: ExtractOptions = { settings };
        let local: { names: string[]; values: Float64Array } | { error: string };
        try {
          const r = extractFeatures(input.image, input.mask, options);
          local = {
            names: r.features.map((f) => f[0]),
            values: Float64Array.from(r.features.map((f) => f[1])),
          };
        } catch (e) {
          local = { error: (e as Error).message };
        }
        const remote = await inWorker(2 * k + s, input, options);
        if ('error' in local) {
          expect(remote).toMatchObject({ error: local.error });
          continue;
        }
        expect('names' in remote && remote.names).toEqual(local.names);
        if (!('values' in remote)) throw new Error('the worker did not return values');
        expect(bytes(remote.values)).toEqual(bytes(local.values));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(ROIS);
  });
});
