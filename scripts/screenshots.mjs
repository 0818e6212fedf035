#!/usr/bin/env node
/**
 * `npm run screenshots`: PNG screenshots of the case screen (empty, ROI drawn, result), the case
 * list, and the demonstration (the paper's worked example on the prediction panel, the Model Studio's
 * report on the demo cohort), taken in headless Chromium from the production build (dist/, build it first), written to the
 * git-ignored screenshots/ folder. The image is a synthetic ultrasound-like picture made here; the
 * prediction uses the active (demonstration) model. Nothing leaves 127.0.0.1.
 */
import { createServer } from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { encode } from 'fast-png';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const outDir = path.join(root, 'screenshots');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.csv': 'text/csv',
};

function serve(dir) {
  const server = createServer((req, res) => {
    void (async () => {
      const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      let file = path.normalize(path.join(dir, urlPath));
      if (!file.startsWith(dir)) return void res.writeHead(403).end();
      try {
        if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

/** A deterministic ultrasound-like grey image: speckle, a dark irregular lesion, a scale bar. */
export function syntheticUltrasound(width = 480, height = 360, seed = 7) {
  let s = seed >>> 0;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const data = new Uint8Array(width * height);
  const cx = width * 0.52;
  const cy = height * 0.5;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const depth = 1 - (y / height) * 0.45;
      const a = Math.atan2(y - cy, x - cx);
      const r = Math.hypot((x - cx) / 95, (y - cy) / 62) / (1 + 0.12 * Math.sin(5 * a));
      const layer = 80 + 60 * Math.sin(y / 18) ** 2;
      let v = r < 1 ? 35 + 25 * r : layer * depth;
      v *= 0.6 + 0.8 * rnd();
      data[y * width + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  for (let y = height - 18; y < height - 14; y++) for (let x = 20; x < 120; x++) data[y * width + x] = 255;
  return encode({ width, height, data, channels: 1, depth: 8 });
}

async function main() {
  if (!existsSync(path.join(dist, 'index.html'))) {
    console.error('No production build in dist/: run "npm run build" first.');
    process.exit(1);
  }
  mkdirSync(outDir, { recursive: true });
  const server = await serve(dist);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 1500, height: 1000 },
      deviceScaleFactor: 1,
    });
    await context.route(
      (url) => !/^(https?:\/\/(127\.0\.0\.1|localhost)[:/]|data:|blob:)/.test(url.toString()),
      (route) => route.abort('blockedbyclient'),
    );
    const page = await context.newPage();
    await page.goto(`${server.url}#/case`);
    await page.getByRole('heading', { name: 'Case', exact: true }).waitFor();
    await page.screenshot({ path: path.join(outDir, 'case-empty.png'), fullPage: true });

    await page.getByLabel('Patient ID (pseudonym)').fill('BR-0042');
    await page.getByLabel('Ultrasound image', { exact: true }).setInputFiles({
      name: 'lesion.png',
      mimeType: 'image/png',
      buffer: Buffer.from(syntheticUltrasound()),
    });
    const box = page.getByRole('region', { name: 'Image and ROI' });
    await box.locator('canvas').first().waitFor();
    const geom = await box.evaluate((el) => ({
      scale: Number(el.dataset.scale),
      x: Number(el.dataset.x),
      y: Number(el.dataset.y),
      left: el.getBoundingClientRect().left,
      top: el.getBoundingClientRect().top,
    }));
    const at = (ix, iy) => [geom.left + geom.x + ix * geom.scale, geom.top + geom.y + iy * geom.scale];
    await page.getByRole('button', { name: 'Polygon', exact: true }).click();
    const pts = [];
    for (let k = 0; k < 14; k++) {
      const a = (k / 14) * 2 * Math.PI;
      const r = 1 + 0.12 * Math.sin(5 * a);
      pts.push([250 + 95 * r * Math.cos(a), 180 + 62 * r * Math.sin(a)]);
    }
    for (const [ix, iy] of pts) await page.mouse.click(...at(ix, iy));
    await page.mouse.click(...at(pts[0][0], pts[0][1]));
    await page.getByRole('table', { name: 'Model features' }).waitFor();
    await page.screenshot({ path: path.join(outDir, 'case-roi.png'), fullPage: true });

    const cts = {
      'miR-34a': ['29.10', '29.25', '29.18'],
      U6: ['24.02', '24.10', '23.95'],
      'miR-16': ['21.80', '21.95', '21.88'],
      'cel-miR-39': ['20.40', '20.52', '20.47'],
    };
    const cal = {
      'miR-34a': ['29.40', '29.52', '29.47'],
      U6: ['24.10', '24.05', '24.20'],
      'miR-16': ['21.90', '21.85', '22.00'],
      'cel-miR-39': ['20.50', '20.45', '20.60'],
    };
    for (const [prefix, set] of [
      ['', cts],
      ['Calibrator ', cal],
    ]) {
      for (const [gene, values] of Object.entries(set)) {
        for (let i = 0; i < 3; i++)
          await page.getByLabel(`${prefix}${gene} Ct (replicate ${i + 1})`, { exact: true }).fill(values[i]);
      }
    }
    await page.getByRole('status', { name: 'pCR probability' }).filter({ hasText: '%' }).waitFor();
    await page
      .getByRole('status', { name: 'Save status' })
      .filter({ hasText: 'All changes saved' })
      .waitFor();
    await page.screenshot({ path: path.join(outDir, 'case-result.png'), fullPage: true });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('table', { name: 'Cases' }).getByText('BR-0042').waitFor();
    await page.screenshot({ path: path.join(outDir, 'cases.png'), fullPage: true });
    await context.close();

    // The demonstration (issue 15): the paper's worked example on the prediction panel, and the Model
    // Studio's report on the demo cohort beside the paper's numbers. A fresh context: the demo model.
    const demo = await browser.newContext({ viewport: { width: 1500, height: 1000 }, deviceScaleFactor: 1 });
    await demo.route(
      (url) => !/^(https?:\/\/(127\.0\.0\.1|localhost)[:/]|data:|blob:)/.test(url.toString()),
      (route) => route.abort('blockedbyclient'),
    );
    const dpage = await demo.newPage();
    await dpage.goto(`${server.url}#/case`);
    await dpage.getByRole('button', { name: 'Load demo case' }).click();
    await dpage.getByRole('button', { name: 'Open the paper’s worked example (Figure 2)' }).click();
    await dpage
      .getByRole('status', { name: 'pCR probability' })
      .filter({ hasText: '85.7 %' })
      .waitFor({ timeout: 60_000 });
    await dpage
      .locator('.prediction-panel')
      .screenshot({ path: path.join(outDir, 'demo-worked-example.png') });
    await dpage.screenshot({ path: path.join(outDir, 'demo-case.png'), fullPage: true });
    await dpage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Model Studio' }).click();
    await dpage.getByRole('button', { name: 'Load demo cohort' }).click();
    await dpage.getByRole('status', { name: 'Cohort summary' }).filter({ hasText: '93 cases' }).waitFor();
    await dpage.getByRole('button', { name: 'Train models' }).click();
    await dpage.getByRole('table', { name: 'Table 3' }).waitFor({ timeout: 120_000 });
    await dpage.locator('.studio-report').screenshot({ path: path.join(outDir, 'demo-studio-report.png') });
    await demo.close();
    console.log(`Screenshots written to ${path.relative(process.cwd(), outDir) || '.'}/`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
