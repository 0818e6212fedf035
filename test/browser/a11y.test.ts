/**
 * Accessibility: axe-core finds no serious or critical violation on any page of the production build —
 * Case (empty and with a result), Cases, Model Studio (empty and with a trained report), About and the
 * patient report; the workflow's keyboard operation.
 * axe is injected with page.evaluate(axe.source); the built app's Content-Security-Policy forbids
 * inline scripts, so this test's browser context alone is created with bypassCSP: true (the CSP itself
 * is asserted by smoke.test.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { rasterizePolygon } from '../../src/roi/rasterize';
import { launchChromium, serveStatic, watchContext, type StaticServer } from './harness';
import { makePng, roiPixels } from './caseHelpers';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical violations of the page as it is now. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: object,
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('accessibility: axe-core on every page, keyboard operation', () => {
  let server: StaticServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveStatic();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('Case (empty and with a result), Cases, Model Studio, About, patient report', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const log = watchContext(context);
    const page = await context.newPage();
    const results: Record<string, Violation[]> = {};

    await page.goto(`${server.url}#/case`);
    await page.getByLabel('Ultrasound image', { exact: true }).waitFor();
    await page.getByText('Demonstration model (synthetic cohort)').first().waitFor();
    results['Case (empty)'] = await seriousViolations(page);

    await page.getByRole('button', { name: 'Load demo case' }).click();
    await page.getByRole('table', { name: 'Model features' }).waitFor();
    await page
      .getByRole('status', { name: 'pCR probability' })
      .filter({ hasText: 'most similar patients' })
      .waitFor();
    await page.getByRole('figure', { name: 'Decision curve' }).waitFor();
    await page
      .getByRole('status', { name: 'Save status' })
      .filter({ hasText: 'All changes saved' })
      .waitFor();
    results['Case (with result)'] = await seriousViolations(page);

    await page.getByRole('button', { name: 'Print report' }).click();
    await page
      .getByRole('article', { name: 'SonoMiR patient report' })
      .getByRole('figure', { name: 'Decision curve' })
      .waitFor();
    results['Patient report'] = await seriousViolations(page);

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('table', { name: 'Cases' }).getByRole('rowheader').first().waitFor();
    results['Cases'] = await seriousViolations(page);

    await nav.getByRole('link', { name: 'Model Studio' }).click();
    await page.getByRole('heading', { name: 'Model Studio', level: 2 }).waitFor();
    results['Model Studio'] = await seriousViolations(page);
    await page.getByRole('button', { name: 'Load demo cohort' }).click();
    await page.getByRole('button', { name: 'Train models' }).click();
    await page.getByRole('table', { name: 'Table 3' }).waitFor({ timeout: 100_000 });
    const roc = page.getByRole('figure', { name: 'ROC curves, Validation' });
    await roc.locator('path.recharts-curve').first().waitFor();
    results['Model Studio (trained)'] = await seriousViolations(page);
    // The three models' curves differ by dash pattern as well as colour (legend included).
    const dashes = await roc
      .locator('path.recharts-curve')
      .evaluateAll((els) => els.map((e) => e.getAttribute('stroke-dasharray') ?? 'solid'));
    expect(dashes).toHaveLength(3);
    expect(new Set(dashes).size).toBe(3);
    const legendDashes = await roc
      .locator('.recharts-legend-item line')
      .evaluateAll((els) => els.map((e) => e.getAttribute('stroke-dasharray') ?? 'solid'));
    expect(new Set(legendDashes).size).toBe(3);

    await nav.getByRole('link', { name: 'About' }).click();
    await page.getByRole('heading', { name: 'About SonoMiR' }).waitFor();
    results['About'] = await seriousViolations(page);

    console.log(
      Object.entries(results)
        .map(
          ([p, v]) =>
            `${p}: ${v.length ? v.map((x) => `${x.id} (${x.impact}) ${x.nodes.slice(0, 3).join(' ')}`).join('; ') : 'none'}`,
        )
        .join('\n'),
    );
    expect(results).toEqual({
      'Case (empty)': [],
      'Case (with result)': [],
      'Patient report': [],
      Cases: [],
      'Model Studio': [],
      'Model Studio (trained)': [],
      About: [],
    });
    expect(log.externalRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });
  it('draws a polygon ROI, undoes it, calibrates and opens the report by keyboard alone', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const log = watchContext(context);
    const page = await context.newPage();
    await page.goto(`${server.url}#/case`);
    const W = 160;
    const H = 120;
    await page.getByLabel('Ultrasound image', { exact: true }).setInputFiles({
      name: 'lesion.png',
      mimeType: 'image/png',
      buffer: Buffer.from(makePng(W, H)),
    });
    const stage = page.getByRole('region', { name: 'Image and ROI', exact: true });
    await stage.locator('canvas').first().waitFor();

    // Tool shortcuts are shown in the tooltips and work from the keyboard.
    const polygon = page.getByRole('button', { name: 'Polygon', exact: true });
    expect(await polygon.getAttribute('title')).toMatch(/\(P\)$/);
    expect(await page.getByRole('button', { name: 'Freehand', exact: true }).getAttribute('title')).toMatch(
      /\(F\)$/,
    );
    await page.keyboard.press('f');
    await expect
      .poll(() => page.getByRole('button', { name: 'Freehand', exact: true }).getAttribute('aria-pressed'))
      .toBe('true');
    await page.keyboard.press('p');
    await expect.poll(() => polygon.getAttribute('aria-pressed')).toBe('true');

    // The image is in the tab order; arrow keys move the cursor, Space adds a point, Enter closes.
    expect(await stage.getAttribute('tabindex')).toBe('0');
    expect(await stage.getAttribute('aria-describedby')).toBeTruthy();
    await stage.focus();
    const press = async (key: string, n: number) => {
      for (let i = 0; i < n; i++) await page.keyboard.press(key);
    };
    // The cursor starts at the centre pixel (80.5, 60.5).
    await press('Shift+ArrowLeft', 2);
    await press('Shift+ArrowUp', 2);
    await page.keyboard.press('Space');
    await press('Shift+ArrowRight', 4);
    await press('ArrowRight', 3);
    await page.keyboard.press('Space');
    await press('Shift+ArrowDown', 4);
    await page.keyboard.press('Space');
    await press('Shift+ArrowLeft', 4);
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.getByRole('status', { name: 'Keyboard cursor' }).textContent())
      .toBe('cursor x 63, y 80 · 4 points');
    await page.keyboard.press('Enter');
    const expected = rasterizePolygon(
      [
        { x: 60.5, y: 40.5 },
        { x: 103.5, y: 40.5 },
        { x: 103.5, y: 80.5 },
        { x: 63.5, y: 80.5 },
      ],
      W,
      H,
    ).reduce((a, b) => a + b, 0);
    expect(expected).toBeGreaterThan(1000);
    await expect.poll(() => roiPixels(page)).toBe(expected);
    await page.getByRole('table', { name: 'Model features' }).waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(() => roiPixels(page)).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => roiPixels(page)).toBe(expected);

    // Scale-bar calibration by keyboard: C, Space at both ends of a 50-pixel line, type 10 mm.
    await page.keyboard.press('c');
    await expect
      .poll(() => page.getByRole('button', { name: 'Calibrate on scale bar' }).getAttribute('aria-pressed'))
      .toBe('true');
    await page.keyboard.press('Space');
    await press('Shift+ArrowRight', 5);
    await page.keyboard.press('Space');
    await page.getByLabel('Scale-bar length (mm)').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('10');
    await page.getByRole('button', { name: 'Apply calibration' }).focus();
    await page.keyboard.press('Enter');
    const spacingText = (await page.getByText(/mm per pixel/).textContent()) ?? '';
    expect(Number(/([\d.]+) ×/.exec(spacingText)?.[1])).toBeCloseTo(0.2, 6);

    // Buttons and links are reached and activated by keyboard: the report and back.
    await page.getByRole('button', { name: 'Print report' }).focus();
    await page.keyboard.press('Enter');
    const report = page.getByRole('article', { name: 'SonoMiR patient report' });
    await report.waitFor();
    await report.getByRole('link', { name: 'Back to the case' }).focus();
    await page.keyboard.press('Enter');
    await stage.locator('canvas').first().waitFor();
    expect(await roiPixels(page)).toBe(expected);

    expect(log.externalRequests).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });
});
