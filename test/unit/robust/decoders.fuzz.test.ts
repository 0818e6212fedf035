/**
 * Decoder fuzz (issue 7, "Bad input"): thousands of seeded mutations of valid PNG, JPEG, BMP, TIFF,
 * DICOM, NRRD and NIfTI files (bit flips, byte overwrites, truncations, insertions, deletions,
 * duplications, chunk/segment/element length and header field corruption). Each input must end in a
 * valid image (consistent sizes, finite grey values; NaN/Infinity only from floating-point files) or
 * a clear Error (an `Error` with a sentence of ours, not a TypeError/RangeError escaping from a
 * library), never a hang: the campaign runs in a worker thread (through tsx, as the CLI runs the
 * decoders) watched by a watchdog, and every single decode must finish within 2 s.
 *
 * Reproduce one case: `caseInput(format, FUZZ_SEED, index)` from fuzzCampaign.ts.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { decodeImage, type ImageFormat } from '../../../src/imaging';
import { caseInput, PER_INPUT_LIMIT_MS, type CampaignReport } from './fuzzCampaign';
import { seedSamples } from './samples';

/** Seed of the whole campaign (fixed so that CI is reproducible). */
const FUZZ_SEED = 20261125;
/** Mutated inputs per format. */
const CASES_PER_FORMAT = 1000;
/** A case that has not returned after this long is a hang (far above the 2 s per-input limit). */
const WATCHDOG_MS = 8000;
const ALL_FORMATS: ImageFormat[] = ['png', 'jpeg', 'bmp', 'tiff', 'dicom', 'nrrd', 'nifti'];
/** Formats fuzzed. */
const FORMATS = ALL_FORMATS;

/** Runs the campaigns of `formats` in a worker thread; rejects naming the case if one never returns. */
function runInWorker(formats: ImageFormat[], count: number, seed: number): Promise<CampaignReport[]> {
  const progress = new Int32Array(new SharedArrayBuffer(12));
  const worker = new Worker(new URL('./fuzz-worker.mjs', import.meta.url), {
    workerData: { formats, count, seed, progress: progress.buffer },
  });
  return new Promise((resolve, reject) => {
    const reports: CampaignReport[] = [];
    let lastTicks = -1;
    let lastChange = Date.now();
    let started = false;
    const watchdog = setInterval(() => {
      if (!started) return;
      const ticks = Atomics.load(progress, 2);
      if (ticks !== lastTicks) {
        lastTicks = ticks;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > WATCHDOG_MS) {
        clearInterval(watchdog);
        const format = formats[Atomics.load(progress, 0)];
        const index = Atomics.load(progress, 1);
        void worker.terminate();
        const { sample, ops } = caseInput(format, seed, index);
        reject(
          new Error(
            `${format} fuzz case ${index} (${sample.name}, ${ops.join(' + ')}) did not return within ` +
              `${WATCHDOG_MS} ms: the decoder hangs`,
          ),
        );
      }
    }, 200);
    worker.on('message', (m: { type: 'ready' } | { type: 'report'; report: CampaignReport }) => {
      if (m.type === 'ready') {
        started = true;
        lastChange = Date.now();
        return;
      }
      reports.push(m.report);
      if (reports.length === formats.length) {
        clearInterval(watchdog);
        void worker.terminate();
        resolve(reports);
      }
    });
    worker.on('error', (e) => {
      clearInterval(watchdog);
      reject(e);
    });
    worker.on('exit', (code) => {
      clearInterval(watchdog);
      if (reports.length < formats.length)
        reject(new Error(`the fuzz worker stopped early (exit code ${code})`));
    });
  });
}

describe('decoder fuzz', () => {
  it('every seed file decodes to a valid image of its format (the starting points of the mutations)', () => {
    const seeds = seedSamples();
    expect(Object.keys(seeds).sort()).toEqual([...ALL_FORMATS].sort());
    for (const format of ALL_FORMATS) {
      expect(seeds[format].length).toBeGreaterThanOrEqual(2);
      for (const s of seeds[format]) {
        const r = decodeImage(s.bytes, s.name, { frame: s.frame });
        expect(r.info.format, s.name).toBe(format);
        const [nz, ny, nx] = r.image.size;
        expect(r.image.data).toHaveLength(nz * ny * nx);
        expect(r.image.data.every(Number.isFinite), s.name).toBe(true);
      }
    }
  });

  it(`${CASES_PER_FORMAT} mutated inputs per format end in a valid image or a clear Error, none hangs`, async () => {
    console.log(`decoder fuzz: seed ${FUZZ_SEED}, ${CASES_PER_FORMAT} cases per format`);
    const reports = await runInWorker(FORMATS, CASES_PER_FORMAT, FUZZ_SEED);
    let total = 0;
    let calls = 0;
    for (const r of reports) {
      total += r.cases;
      calls += r.calls;
      console.log(
        `  ${r.format.padEnd(5)} ${r.cases} cases, ${r.calls} decode calls: ${r.valid} valid ` +
          `(${r.floatNonFinite} with NaN/Inf from float data), ${r.clearErrors} clear errors ` +
          `(${Object.keys(r.messages).length} distinct), slowest ${r.maxMs.toFixed(0)} ms`,
      );
    }
    console.log(`decoder fuzz cases run: ${total} (${calls} decode calls)`);
    for (const r of reports) {
      expect(r.defects, `${r.format} defects`).toEqual([]);
      expect(r.cases).toBe(CASES_PER_FORMAT);
      expect(r.valid + r.clearErrors).toBe(r.calls);
      expect(r.maxMs).toBeLessThanOrEqual(PER_INPUT_LIMIT_MS);
      // the mutations reach both outcomes: some inputs still decode, most are refused
      expect(r.valid).toBeGreaterThan(0);
      expect(r.clearErrors).toBeGreaterThan(0);
    }
    expect(total).toBe(CASES_PER_FORMAT * FORMATS.length);
  }, 120_000);
});
