/**
 * The worker's `segment` method (workers/radiomics.worker.ts, run in-process with Comlink's `expose`
 * captured) and its main-thread client (src/ui/segmenter.ts): the cached image is used, strokes on the
 * same box re-solve warm-started with the same mask as a fresh session, problems come back as codes,
 * and the newest request wins.
 */
import { describe, expect, it, vi } from 'vitest';
import type { RadiomicsWorkerApi } from '../../../workers/radiomics.worker';
import { prepareSegmentation, solveSegmentation, type Box } from '../../../src/roi/segment/segment';
import { createSegmenter } from '../../../src/ui/segmenter';
import type { ImageVolume } from '../../../src/radiomics/types';
import { thrownMessage } from '../../fixtures/thrownMessage';

let exposed: RadiomicsWorkerApi | null = null;
vi.mock('comlink', async (importOriginal) => {
  const actual = await importOriginal<typeof import('comlink')>();
  return { ...actual, expose: (api: RadiomicsWorkerApi) => (exposed = api) };
});
await import('../../../workers/radiomics.worker');
const api = exposed as unknown as RadiomicsWorkerApi;

/** A dark disk in a textured background, 160 × 120. */
function image(): ImageVolume {
  const w = 160;
  const h = 120;
  const data = new Float64Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const inside = (x - 80) ** 2 + (y - 60) ** 2 < 30 ** 2;
      data[y * w + x] = (inside ? 50 : 160) + ((x * 7 + y * 13) % 23);
    }
  return { data, size: [1, h, w], spacing: [1, 1, 1] };
}

describe('worker segment', () => {
  it('segments the cached image; a stroke on the same box re-solves warm-started', () => {
    const img = image();
    api.setImage('k1', img);
    const box: Box = [40, 20, 120, 100];
    const first = api.segment('k1', box);
    if (!first.ok) throw new Error(first.message.code);
    const grey = { width: 160, height: 120, data: img.data };
    const s = prepareSegmentation(grey, box);
    expect(first.mask).toEqual(solveSegmentation(s));
    const strokes = [{ mode: 'remove' as const, points: [{ x: 80, y: 60 }], radius: 3 }];
    const second = api.segment('k1', box, strokes);
    if (!second.ok) throw new Error(second.message.code);
    expect(second.mask).toEqual(solveSegmentation(s, strokes));
    expect(second.mask[60 * 160 + 80]).toBe(0);
  });

  it('answers bad boxes with a message code and refuses an image it does not hold', () => {
    api.setImage('k2', image());
    expect(api.segment('k2', [150, 10, 170, 50])).toEqual({
      ok: false,
      message: {
        code: 'segment.boxOutside',
        params: { x0: 150, y0: 10, x1: 170, y1: 50, width: 160, height: 120 },
      },
    });
    expect(thrownMessage(() => api.segment('other', [10, 10, 50, 50]))).toEqual({
      code: 'engine.noImage',
      params: { key: 'other' },
    });
  });
});

describe('segmenter client', () => {
  it('sends the image once and lets the newest request win', async () => {
    const sent: string[] = [];
    const seg = createSegmenter(() => ({
      api: {
        setImage: (key: string, im: ImageVolume) => {
          sent.push(key);
          api.setImage(key, im);
        },
        segment: async (key: string, box: Box) => api.segment(key, box),
        warmUpSegmentation: () => api.warmUpSegmentation(),
      },
      terminate: () => undefined,
    }));
    const img = image();
    const a = seg.segment(img, [40, 20, 120, 100]);
    const b = seg.segment(img, [40, 20, 121, 100]);
    expect(await a).toBeNull();
    const rb = await b;
    expect(rb?.ok).toBe(true);
    expect(sent).toHaveLength(1);
    seg.dispose();
    expect(await seg.segment(img, [40, 20, 120, 100])).not.toBeNull();
    expect(sent).toHaveLength(2);
  });

  it('prepare starts the worker, sends the image and warms the solver up once; the first box then reuses them', async () => {
    let spawned = 0;
    const sent: string[] = [];
    const warmUps: Promise<number>[] = [];
    const seg = createSegmenter(() => {
      spawned++;
      return {
        api: {
          setImage: (key: string, im: ImageVolume) => {
            sent.push(key);
            api.setImage(key, im);
          },
          segment: async (key: string, box: Box) => api.segment(key, box),
          warmUpSegmentation: () => {
            const run = api.warmUpSegmentation();
            warmUps.push(run);
            return run;
          },
        },
        terminate: () => undefined,
      };
    });
    const img = image();
    seg.prepare(img);
    seg.prepare(img); // the same image again: nothing more
    expect(spawned).toBe(1);
    expect(sent).toHaveLength(1);
    expect(warmUps).toHaveLength(1);
    expect(await warmUps[0]).toBe(4); // no box came in meanwhile: every round ran
    const reply = await seg.segment(img, [40, 20, 120, 100]);
    expect(spawned).toBe(1);
    expect(sent).toHaveLength(1);
    // The user's answer is the one a fresh worker gives (the warm-up leaves nothing behind).
    const grey = { width: 160, height: 120, data: img.data };
    if (!reply?.ok) throw new Error('no mask');
    expect(reply.mask).toEqual(solveSegmentation(prepareSegmentation(grey, [40, 20, 120, 100])));
  });

  it('a box that arrives during the warm-up stops it after the current round', async () => {
    api.setImage('k3', image());
    const warm = api.warmUpSegmentation(50);
    await new Promise((r) => setTimeout(r, 0));
    const reply = api.segment('k3', [40, 20, 120, 100]);
    expect(reply.ok).toBe(true);
    expect(await warm).toBeLessThan(50);
  });
});
