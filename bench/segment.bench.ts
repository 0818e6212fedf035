/**
 * Benchmark of the lesion segmentation (issue 13) on ../shared/segmentation (12 BUSI images with
 * expert masks), with the simulated prompts of src/roi/segment/simulate.ts: for each box setting, the
 * box alone and after 1 and 2 corrective strokes — Dice mean, median, share ≥ 0.85 and ≥ 0.75 — beside
 * the inscribed-ellipse baseline; and the time per prompt (box) and per stroke on 256² and 800×600, in
 * this thread and through a worker thread running the app's worker module.
 * Run alone: `npx tsx bench/segment.bench.ts [--accuracy] [--loo]` — `--accuracy`: the accuracy table
 * only (no timings, for quick iteration); `--loo`: also the leave-one-out held-out Dice of choosing the
 * options from {@link LOO_GRID} on the other images (what tuning them on these 12 images is worth).
 */
import os from 'node:os';
import path from 'node:path';
import { maskOverlap } from '../src/model/agreement';
import { createRng } from '../src/model/random';
import {
  prepareSegmentation,
  solveSegmentation,
  type SegmentOptions,
  type SegmentStroke,
} from '../src/roi/segment/segment';
import { correctiveStroke, inscribedEllipse, simulatedBox } from '../src/roi/segment/simulate';
import type { Endpoint } from 'comlink';
import type { RadiomicsWorkerApi } from '../workers/radiomics.worker';
import { median } from '../src/model/bootstrap';
import { loadBusi, runPrompt, summarise, type BusiCase, type DiceSummary } from '../test/fixtures/busi';

export { loadBusi, runPrompt, summarise };
export type { BusiCase, DiceSummary };

/** A box setting: outward enlargement per side and optional jitter (fractions of width/height). */
export interface BoxSetting {
  label: string;
  enlarge: number;
  jitter?: number;
  /** Jittered boxes per image (seeded). */
  repeats?: number;
}

export const BOX_SETTINGS: BoxSetting[] = [
  { label: '+0 %', enlarge: 0 },
  { label: '+10 %', enlarge: 0.1 },
  { label: '+25 %', enlarge: 0.25 },
  { label: '+10 % ± 10 % jitter', enlarge: 0.1, jitter: 0.1, repeats: 3 },
  { label: '+0 % ± 10 % jitter', enlarge: 0, jitter: 0.1, repeats: 3 },
];

export interface AccuracyRow {
  setting: string;
  baseline: DiceSummary;
  /** Box only, after 1 stroke, after 2 strokes. */
  steps: [DiceSummary, DiceSummary, DiceSummary];
  /** Per-prompt Dice: [case, baseline, box, 1 stroke, 2 strokes]. */
  perCase: [string, number, number, number, number][];
}

export function benchSegmentAccuracy(
  cases: BusiCase[],
  settings: BoxSetting[] = BOX_SETTINGS,
  options?: Partial<SegmentOptions>,
): AccuracyRow[] {
  return settings.map((set) => {
    const rng = createRng(13);
    const per: AccuracyRow['perCase'] = [];
    for (const c of cases) {
      const { width, height } = c.image;
      for (let r = 0; r < (set.jitter ? (set.repeats ?? 1) : 1); r++) {
        const box = simulatedBox(
          c.truth,
          width,
          height,
          set.enlarge,
          set.jitter ? { rng, amount: set.jitter } : undefined,
        );
        if (!box) continue;
        const base = maskOverlap(inscribedEllipse(box, width, height), c.truth).dice;
        const [d0, d1, d2] = runPrompt(c, box, options);
        per.push([c.name, base, d0, d1, d2]);
      }
    }
    return {
      setting: set.label,
      baseline: summarise(per.map((p) => p[1])),
      steps: [
        summarise(per.map((p) => p[2])),
        summarise(per.map((p) => p[3])),
        summarise(per.map((p) => p[4])),
      ],
      perCase: per,
    };
  });
}

/**
 * Options tried by the leave-one-out check: the defaults' neighbourhood in the parameters set on these
 * images (the shape slope — adaptive or the former constant 6 —, the intensity weight, the trust in the
 * measured extent).
 */
export const LOO_GRID: Partial<SegmentOptions>[] = (['extent', 6] as const).flatMap((shapeSlope) =>
  [0.25, 0.5, 0.75, 1].flatMap((intensityWeight) =>
    [0.4, 0.5, 0.6].map((extentTrust) => ({ shapeSlope, intensityWeight, extentTrust })),
  ),
);

export interface LooResult {
  setting: string;
  /** Held-out box-only Dice per image, with the options chosen on the other images. */
  heldOut: DiceSummary;
  /** Box-only Dice of the default options on all images (in-sample, for comparison). */
  defaults: DiceSummary;
  /** How often each grid entry was chosen (JSON of the options → count). */
  chosen: Record<string, number>;
}

/**
 * Leave-one-out: for each image, the grid entry with the best mean box-only Dice on the other images
 * (first in grid order on a tie) is applied to it; the held-out Dice are summarised.
 */
export function benchSegmentLoo(
  cases: BusiCase[],
  set: BoxSetting = BOX_SETTINGS[1],
  grid: Partial<SegmentOptions>[] = LOO_GRID,
): LooResult {
  const boxes = cases.map((c) => simulatedBox(c.truth, c.image.width, c.image.height, set.enlarge));
  const dice = grid.map((options) =>
    cases.map((c, i) => {
      const box = boxes[i];
      if (!box) return Number.NaN;
      return maskOverlap(solveSegmentation(prepareSegmentation(c.image, box, options)), c.truth).dice;
    }),
  );
  const used = cases.map((_, i) => i).filter((i) => boxes[i]);
  const heldOut: number[] = [];
  const chosen: Record<string, number> = {};
  for (const i of used) {
    let best = 0;
    let bestMean = -Infinity;
    grid.forEach((_, g) => {
      const train = used.filter((j) => j !== i).map((j) => dice[g][j]);
      const mean = train.reduce((a, b) => a + b, 0) / train.length;
      if (mean > bestMean) {
        bestMean = mean;
        best = g;
      }
    });
    heldOut.push(dice[best][i]);
    const key = JSON.stringify(grid[best]);
    chosen[key] = (chosen[key] ?? 0) + 1;
  }
  const defaults = used.map((i) => {
    const c = cases[i];
    return maskOverlap(solveSegmentation(prepareSegmentation(c.image, boxes[i]!)), c.truth).dice;
  });
  return { setting: set.label, heldOut: summarise(heldOut), defaults: summarise(defaults), chosen };
}

export interface TimingRow {
  size: string;
  /** ms per prompt (box → mask) and per stroke (re-solve → mask): median and max. */
  promptMedian: number;
  promptMax: number;
  strokeMedian: number;
  strokeMax: number;
  runs: number;
  /**
   * In-process runs only: the same in CPU time of this process (user + system) — what a prompt costs
   * without the waiting a loaded machine adds to wall-clock time.
   */
  cpu?: { promptMedian: number; promptMax: number; strokeMedian: number; strokeMax: number };
}

/** Median and maximum of the per-prompt and per-stroke times (ms). */
function summariseTimes(size: string, prompt: number[], stroke: number[]): TimingRow {
  return {
    size,
    promptMedian: median(prompt),
    promptMax: Math.max(...prompt),
    strokeMedian: median(stroke),
    strokeMax: Math.max(...stroke),
    runs: prompt.length,
  };
}

/** CPU time of this process so far (ms). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * A BUSI image and its expert mask resampled (nearest neighbour) to width × height, so timings use
 * real ultrasound texture at the target size.
 */
export function resizedCase(c: BusiCase, width: number, height: number): BusiCase {
  const data = new Float64Array(width * height);
  const truth = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(c.image.height - 1, Math.floor(((y + 0.5) * c.image.height) / height));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(c.image.width - 1, Math.floor(((x + 0.5) * c.image.width) / width));
      data[y * width + x] = c.image.data[sy * c.image.width + sx];
      truth[y * width + x] = c.truth[sy * c.image.width + sx];
    }
  }
  return { name: `${c.name}@${width}x${height}`, image: { width, height, data }, truth };
}

/** Time per prompt and per stroke (in this thread) on every case resized to width × height. */
export function benchSegmentTiming(cases: BusiCase[], width: number, height: number): TimingRow {
  const prompt: number[] = [];
  const stroke: number[] = [];
  const cpuPrompt: number[] = [];
  const cpuStroke: number[] = [];
  // Warm the code up first (as in the app's long-lived worker).
  for (const c of cases.slice(0, 3)) {
    const r = resizedCase(c, width, height);
    const box = simulatedBox(r.truth, width, height, 0.1);
    if (box) solveSegmentation(prepareSegmentation(r.image, box));
  }
  for (const c of cases) {
    const r = resizedCase(c, width, height);
    const box = simulatedBox(r.truth, width, height, 0.1);
    if (!box) continue;
    let t = performance.now();
    let cpu0 = cpuMs();
    const s = prepareSegmentation(r.image, box);
    let mask = solveSegmentation(s);
    prompt.push(performance.now() - t);
    cpuPrompt.push(cpuMs() - cpu0);
    const strokes: SegmentStroke[] = [];
    for (let k = 0; k < 2; k++) {
      const st = correctiveStroke(r.truth, mask, width, height, box);
      if (!st) break;
      strokes.push(st);
      t = performance.now();
      cpu0 = cpuMs();
      mask = solveSegmentation(s, strokes);
      stroke.push(performance.now() - t);
      cpuStroke.push(cpuMs() - cpu0);
    }
  }
  const cpu = summariseTimes('', cpuPrompt, cpuStroke);
  return {
    ...summariseTimes(`${width}x${height}`, prompt, stroke),
    cpu: {
      promptMedian: cpu.promptMedian,
      promptMax: cpu.promptMax,
      strokeMedian: cpu.strokeMedian,
      strokeMax: cpu.strokeMax,
    },
  };
}

/**
 * Time per prompt and per stroke measured from the calling thread through a real worker (a Node
 * worker thread running workers/radiomics.worker.ts via Comlink, as the app does): the request, the
 * computation in the worker and the transferred mask back. The calling thread only waits.
 */
export async function benchSegmentWorker(
  cases: BusiCase[],
  width: number,
  height: number,
): Promise<TimingRow> {
  const Comlink = await import('comlink');
  const adapter: string = 'comlink/dist/esm/node-adapter.mjs'; // untyped: Comlink's Node adapter
  const { default: nodeEndpoint } = (await import(adapter)) as { default: (w: unknown) => Endpoint };
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(new URL('./segment-worker.mjs', import.meta.url));
  const api = Comlink.wrap<RadiomicsWorkerApi>(nodeEndpoint(worker));
  const prompt: number[] = [];
  const stroke: number[] = [];
  try {
    let k = 0;
    for (const c of [...cases.slice(0, 3), ...cases]) {
      const warm = k++ < 3; // the first three warm the worker's code up
      const r = resizedCase(c, width, height);
      const key = `${r.name}-${k}`;
      await api.setImage(key, { data: r.image.data, size: [1, height, width], spacing: [1, 1, 1] });
      const box = simulatedBox(r.truth, width, height, 0.1);
      if (!box) continue;
      let t = performance.now();
      let reply = await api.segment(key, box);
      if (!warm) prompt.push(performance.now() - t);
      const strokes: SegmentStroke[] = [];
      for (let s = 0; s < 2 && reply.ok; s++) {
        const st = correctiveStroke(r.truth, reply.mask, width, height, box);
        if (!st) break;
        strokes.push(st);
        t = performance.now();
        reply = await api.segment(key, box, strokes);
        if (!warm) stroke.push(performance.now() - t);
      }
    }
  } finally {
    await worker.terminate();
  }
  return summariseTimes(`${width}x${height}`, prompt, stroke);
}

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(100 * x).toFixed(0)} %`;

/**
 * Runs the whole segmentation benchmark and prints its section of `npm run bench` (`accuracyOnly`: no
 * timings; `loo`: with the leave-one-out check).
 */
export async function printSegmentBench(
  shared: string,
  { accuracyOnly = false, loo = false }: { accuracyOnly?: boolean; loo?: boolean } = {},
): Promise<{
  accuracy: AccuracyRow[];
  loo?: LooResult;
  timing: TimingRow[];
  worker: TimingRow[];
}> {
  const cases = loadBusi(shared);
  console.log(
    `== Lesion segmentation (issue 13): ${cases.length} BUSI images, expert masks, simulated prompts (src/roi/segment/simulate.ts) ==`,
  );
  const accuracy = benchSegmentAccuracy(cases);
  console.log(
    [
      'box',
      'prompts',
      'step',
      'mean Dice',
      'median',
      '≥ 0.85',
      '≥ 0.75',
      'min',
      '| ellipse mean',
      'median',
      '≥ 0.85',
    ].join('\t'),
  );
  for (const row of accuracy) {
    const steps = ['box only', '1 stroke', '2 strokes'];
    row.steps.forEach((s, i) =>
      console.log(
        [
          row.setting,
          s.n,
          steps[i],
          f3(s.mean),
          f3(s.median),
          pct(s.ge85),
          pct(s.ge75),
          f3(s.min),
          `| ${f3(row.baseline.mean)}`,
          f3(row.baseline.median),
          pct(row.baseline.ge85),
        ].join('\t'),
      ),
    );
  }
  const summary = (d: DiceSummary) =>
    `median ${f3(d.median)}, mean ${f3(d.mean)}, ≥ 0.85 ${pct(d.ge85)}, min ${f3(d.min)}`;
  let looResult: LooResult | undefined;
  if (loo) {
    looResult = benchSegmentLoo(cases);
    console.log(
      `leave-one-out (box ${looResult.setting}, box only; options chosen from ${LOO_GRID.length} by mean Dice ` +
        `on the other ${looResult.heldOut.n - 1} images): held out ${summary(looResult.heldOut)}; ` +
        `defaults in-sample ${summary(looResult.defaults)}`,
    );
    for (const [options, times] of Object.entries(looResult.chosen))
      console.log(`  chosen ${times}×: ${options}`);
  }
  if (accuracyOnly) return { accuracy, loo: looResult, timing: [], worker: [] };
  const timing = [benchSegmentTiming(cases, 256, 256), benchSegmentTiming(cases, 800, 600)];
  const worker = [await benchSegmentWorker(cases, 256, 256), await benchSegmentWorker(cases, 800, 600)];
  const line = (where: string, t: TimingRow) =>
    console.log(
      `${where} ${t.size}: per prompt median ${t.promptMedian.toFixed(0)} ms, max ${t.promptMax.toFixed(0)} ms; ` +
        `per stroke median ${t.strokeMedian.toFixed(0)} ms, max ${t.strokeMax.toFixed(0)} ms (${t.runs} images)` +
        (t.cpu
          ? `; CPU time per prompt median ${t.cpu.promptMedian.toFixed(0)} ms, max ${t.cpu.promptMax.toFixed(0)} ms, ` +
            `per stroke median ${t.cpu.strokeMedian.toFixed(0)} ms, max ${t.cpu.strokeMax.toFixed(0)} ms`
          : ''),
    );
  console.log(
    `wall-clock figures include waiting for the CPU: load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(', ')} on ${os.cpus().length} cores`,
  );
  for (const t of timing) line('in-process', t);
  for (const t of worker) line('worker thread (radiomics.worker.ts via Comlink)', t);
  return { accuracy, loo: looResult, timing, worker };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  await printSegmentBench(path.resolve(import.meta.dirname, '../../shared'), {
    accuracyOnly: process.argv.includes('--accuracy'),
    loo: process.argv.includes('--loo'),
  });
}
