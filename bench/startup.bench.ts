/**
 * Start-up benchmark of the production build (dist/, run `npm run build` first): Debian Chromium
 * opens the Case screen from a local static server with a cold cache (a fresh browser context per
 * run: empty HTTP cache, no service worker, no IndexedDB), and the time from navigation start to an
 * interactive Case screen is measured in the page — the "Ultrasound image" input present and enabled
 * and the demonstration model loaded (its name shown by the Prediction panel).
 */
import { launchChromium, serveStatic } from '../test/browser/harness';

export interface StartupBench {
  /** Median time (ms) from navigation start to the interactive Case screen. */
  ms: number;
  /** Every run's time (ms), in run order. */
  runs: number[];
  /** Median DOMContentLoaded time (ms after navigation start). */
  domContentLoadedMs: number;
  /** JavaScript fetched before the screen was interactive, median over runs (KB as served: this server does not compress). */
  scriptKb: number;
  /** Number of JavaScript files fetched before the screen was interactive (first run). */
  scripts: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Measures the start-up `runs` times (after one unmeasured warm-up of Chromium itself, also with a
 * cold page cache) and returns the medians.
 */
export async function benchStartup(runs = 5): Promise<StartupBench> {
  const server = await serveStatic();
  const browser = await launchChromium();
  const times: number[] = [];
  const dcl: number[] = [];
  const kb: number[] = [];
  let scripts = 0;
  try {
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      const page = await context.newPage();
      await page.goto(`${server.url}#/case`, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(
        () => {
          const input = document.querySelector<HTMLInputElement>('input[aria-label="Ultrasound image"]');
          const model = document.querySelector('.prediction-panel .model-line');
          return input && !input.disabled && model?.textContent?.includes('Demonstration model')
            ? performance.now()
            : null;
        },
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      const ms = (await handle.jsonValue())!;
      const timing = await page.evaluate((until) => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
          (r) => r.name.endsWith('.js') && r.responseEnd <= until,
        );
        return {
          dcl: nav.domContentLoadedEventEnd,
          bytes: js.reduce((a, r) => a + r.encodedBodySize, 0),
          count: js.length,
        };
      }, ms);
      if (i > 0) {
        times.push(Math.round(ms * 10) / 10);
        dcl.push(timing.dcl);
        kb.push(timing.bytes / 1024);
        if (i === 1) scripts = timing.count;
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return {
    ms: median(times),
    runs: times,
    domContentLoadedMs: Math.round(median(dcl) * 10) / 10,
    scriptKb: Math.round(median(kb)),
    scripts,
  };
}
