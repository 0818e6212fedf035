/**
 * Browser benchmark of the interactive loop: the ROI polygon is closed → the pCR probability is
 * shown. For each image size a fresh Chromium context loads the production build (demo model
 * active), enters the Ct values, opens a PNG, waits `drawingMs` (the time a person takes to draw a
 * polygon — the app uses it to send the image to the workers and warm them up; 0 = worst case, the
 * ROI closed the instant the image appeared), clicks a polygon and closes it on its first point.
 * Measured in the page: the closing pointerdown → the first change of the "pCR probability" status
 * that shows a probability, and the longest main-thread task (PerformanceObserver 'longtask',
 * which reports tasks over 50 ms) in that interval.
 */
import type { Page } from 'playwright-core';
import { fillCts, imageToScreen, makePng, roiPixels as roiPixelCount } from '../test/browser/caseHelpers';
import { launchChromium, serveStatic } from '../test/browser/harness';

export interface RoiLatency {
  width: number;
  height: number;
  /** Pause between the image appearing and the first polygon click (ms). */
  drawingMs: number;
  /** ROI pixels of the polygon. */
  roiPixels: number;
  /** ROI closed → probability shown (ms), one value per run. */
  runs: number[];
  /** Median of runs (ms). */
  ms: number;
  /** Longest main-thread task during any run (ms); 0 when no task exceeded 50 ms. */
  longestTaskMs: number;
}

async function armProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __probe: { down: number; shown: number; tasks: { start: number; duration: number }[] };
    };
    w.__probe = { down: 0, shown: 0, tasks: [] };
    document.addEventListener('pointerdown', () => (w.__probe.down = performance.now()), { capture: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__probe.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
    const status = document.querySelector('[role="status"][aria-label="pCR probability"]');
    if (!status) throw new Error('no pCR probability status element');
    new MutationObserver(() => {
      if (!w.__probe.shown && /%/.test(status.textContent ?? '')) w.__probe.shown = performance.now();
    }).observe(status, { subtree: true, childList: true, characterData: true });
  });
}

/** Runs the benchmark for the given image sizes, `runs` times each. */
export async function benchRoiToProbability(
  sizes: [number, number][] = [
    [256, 256],
    [800, 600],
  ],
  runs = 3,
  drawingMs = 2000,
): Promise<RoiLatency[]> {
  const server = await serveStatic();
  const browser = await launchChromium();
  const out: RoiLatency[] = [];
  try {
    for (const [W, H] of sizes) {
      const times: number[] = [];
      let longest = 0;
      let roiPixels = 0;
      for (let r = 0; r < runs; r++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
        const page = await context.newPage();
        await page.goto(`${server.url}#/case`);
        await fillCts(page);
        await page.getByLabel('Ultrasound image', { exact: true }).setInputFiles({
          name: `bench-${W}x${H}.png`,
          mimeType: 'image/png',
          buffer: Buffer.from(makePng(W, H, r + 1)),
        });
        await page.getByText(`${W} × ${H} px`).waitFor();
        if (drawingMs > 0) await page.waitForTimeout(drawingMs);
        await page.getByRole('button', { name: 'Polygon', exact: true }).click();
        await armProbe(page);
        const toScreen = await imageToScreen(page);
        const pts = [
          [0.3, 0.25],
          [0.72, 0.3],
          [0.75, 0.7],
          [0.45, 0.78],
          [0.25, 0.55],
        ].map(([fx, fy]) => toScreen(fx * W, fy * H));
        for (const [sx, sy] of pts) await page.mouse.click(sx, sy);
        await page.mouse.click(pts[0][0], pts[0][1]);
        await page.waitForFunction(
          () => (window as unknown as { __probe: { shown: number } }).__probe.shown > 0,
          undefined,
          { timeout: 30_000 },
        );
        const probe = await page.evaluate(
          () =>
            (
              window as unknown as {
                __probe: { down: number; shown: number; tasks: { start: number; duration: number }[] };
              }
            ).__probe,
        );
        times.push(probe.shown - probe.down);
        roiPixels = await roiPixelCount(page);
        for (const t of probe.tasks) {
          if (t.start + t.duration >= probe.down && t.start <= probe.shown)
            longest = Math.max(longest, t.duration);
        }
        await context.close();
      }
      const sorted = [...times].sort((a, b) => a - b);
      out.push({
        width: W,
        height: H,
        drawingMs,
        roiPixels,
        runs: times,
        ms: sorted[sorted.length >> 1],
        longestTaskMs: longest,
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}
