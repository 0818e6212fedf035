/**
 * `npm run bench`: feature-engine and training-pipeline benchmarks. Prints tables and writes
 * bench-results/bench.json (git-ignored). Figures are wall-clock on this machine; compare runs
 * on the same machine only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchRadiomics } from '../bench/radiomics.bench';
import { median } from '../src/model/bootstrap';
import { benchPipeline } from '../bench/pipeline.bench';
import { benchStartup } from '../bench/startup.bench';
import { benchRoiToProbability } from '../bench/roi.bench';
import { benchPacsOpen, pacsBenchUnavailable, type PacsOpen } from '../bench/pacs.bench';
import { printSegmentBench } from '../bench/segment.bench';
import { printSegmentBrowserBench } from '../bench/segment-browser.bench';

const root = path.resolve(import.meta.dirname, '..');
const shared = path.resolve(root, '../shared');

const f = (x: number, d = 2) => x.toFixed(d);

console.log('== Feature engine: 40 ultrasound cases, study settings, 107 features (median of 5 runs) ==');
const cases = benchRadiomics(shared);
const classes = [
  'preprocess',
  'shape',
  'firstorder',
  'glcm',
  'glrlm',
  'glszm',
  'gldm',
  'ngtdm',
  'diagnostics',
];
console.log(
  ['case', 'size', 'roi px', 'total ms', 'features ms', ...classes, 'PyRadiomics s', 'speed-up'].join('\t'),
);
for (const c of cases) {
  console.log(
    [
      c.case,
      `${c.width}x${c.height}`,
      c.roiPixels,
      f(c.ms),
      f(c.featureMs),
      ...classes.map((k) => f(c.classes[k] ?? 0)),
      f(c.pyradiomicsSeconds, 3),
      `${f(c.speedup, 0)}x`,
    ].join('\t'),
  );
}
const ms = cases.map((c) => c.ms);
const slowest = cases.reduce((a, b) => (b.ms > a.ms ? b : a));
const pyTotal = cases.reduce((s, c) => s + c.pyradiomicsSeconds, 0);
const ourTotal = ms.reduce((s, x) => s + x, 0) / 1000;
console.log(
  `engine: median ${f(median(ms))} ms, slowest ${slowest.case} ${f(slowest.ms)} ms (${slowest.roiPixels} ROI px), ` +
    `all 40 in ${f(ourTotal, 3)} s vs PyRadiomics ${f(pyTotal, 1)} s (${f(pyTotal / ourTotal, 0)}x); ` +
    `median speed-up ${f(median(cases.map((c) => c.speedup)), 0)}x`,
);
const fms = cases.map((c) => c.featureMs);
console.log(
  `features only (without the SHA-1 diagnostics): median ${f(median(fms))} ms, slowest ${f(Math.max(...fms))} ms`,
);
console.log(
  'per-class median ms: ' +
    classes.map((k) => `${k} ${f(median(cases.map((c) => c.classes[k] ?? 0)), 3)}`).join(', '),
);

console.log('\n== Study pipeline (split, selection, LassoCV, k search, 2,000-resample bootstrap) ==');
const pipeline = [93, 2000].map((n) => benchPipeline(n));
for (const p of pipeline) console.log(`n=${p.n}: ${f(p.ms, 0)} ms`);

console.log(
  '\n== Start-up: navigation → interactive Case screen with the demo model (Chromium, cold cache) ==',
);
const startup = await benchStartup(5);
console.log(
  `median ${f(startup.ms, 0)} ms (runs: ${startup.runs.map((r) => f(r, 0)).join(', ')} ms); ` +
    `DOMContentLoaded ${f(startup.domContentLoadedMs, 0)} ms; ${startup.scripts} scripts, ${f(startup.scriptKb, 0)} KB`,
);

console.log('\n== ROI closed → pCR probability shown (Chromium, demo model, median of 5) ==');
const roi = [
  ...(await benchRoiToProbability(undefined, 5, 2000)),
  ...(await benchRoiToProbability(undefined, 5, 0)),
];
for (const r of roi) {
  console.log(
    `${r.width}x${r.height} (${r.roiPixels} ROI px), ${r.drawingMs ? `drawn ${r.drawingMs / 1000} s after the image appeared` : 'ROI closed as the image appeared'}: ` +
      `${f(r.ms, 0)} ms (runs: ${r.runs.map((x) => f(x, 0)).join(', ')}); ` +
      `longest main-thread task ${r.longestTaskMs ? `${f(r.longestTaskMs, 0)} ms` : 'none over 50 ms'}`,
  );
}

console.log(
  '\n== Open a 4-frame 640x480 JPEG US instance from the PACS over loopback (retrieve + decode) ==',
);
let pacs: PacsOpen | null = null;
const pacsSkip = pacsBenchUnavailable();
if (pacsSkip) console.log(`skipped: ${pacsSkip}`);
else {
  pacs = await benchPacsOpen(10);
  console.log(
    `median ${f(pacs.medianMs, 0)} ms, max ${f(pacs.maxMs, 0)} ms (retrieve median ${f(median(pacs.retrieveMs), 0)} ms, ` +
      `decode median ${f(median(pacs.decodeMs), 0)} ms; ${pacs.runs} runs, ${f(pacs.bytes / 1024, 0)} KB; goal < 1000 ms)`,
  );
}
console.log('');
const segmentation = await printSegmentBench(shared);
console.log('');
const segmentationBrowser = await printSegmentBrowserBench(shared);

mkdirSync(path.join(root, 'bench-results'), { recursive: true });
writeFileSync(
  path.join(root, 'bench-results/bench.json'),
  JSON.stringify({ cases, pipeline, startup, roi, pacs, segmentation, segmentationBrowser }, null, 2),
);
console.log('\nwritten bench-results/bench.json');
