/**
 * The "Lesion box" tool in Chromium (production build), by accessible names: a BUSI image from
 * ../shared/segmentation, a box drawn around the lesion → a proposal computed in the worker, one
 * "Add to lesion" stroke, "Accept segmentation" → an ordinary ROI (close to the expert mask) → pCR
 * probability shown; undo restores the previous ROI, redo brings it back, and the case reloads with it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { decodeMask } from '../../src/imaging';
import { maskBounds } from '../../src/roi/measure';
import { launchChromium, serveStatic, watchContext, type StaticServer } from './harness';
import { fillCts, imageToScreen, roiPixels } from './caseHelpers';

const BUSI = path.resolve(__dirname, '../../../shared/segmentation/busi');

describe('Lesion box: box → proposal → stroke → accept → ROI', () => {
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

  it('segments a BUSI lesion, accepts it as the ROI, undoes, redoes and reloads it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const log = watchContext(context);
    const page = await context.newPage();
    await page.goto(`${server.url}#/case`);
    await page.getByLabel('Patient ID (pseudonym)').fill('BR-SEG1');
    await fillCts(page);

    const bytes = readFileSync(path.join(BUSI, '10089_image.png'));
    const truth = decodeMask(
      new Uint8Array(readFileSync(path.join(BUSI, '10089_mask.png'))),
      'mask.png',
    ).mask;
    const [, h, w] = truth.size;
    const [x0, y0, x1, y1] = maskBounds(truth.data, w, h)!;
    const truthPixels = Array.from(truth.data).filter((v) => v !== 0).length;
    await page.getByLabel('Ultrasound image', { exact: true }).setInputFiles({
      name: '10089_image.png',
      mimeType: 'image/png',
      buffer: bytes,
    });
    await page.getByText(`${w} × ${h} px`).waitFor();

    // A box 10 % larger than the lesion on each side.
    await page.getByRole('button', { name: 'Lesion box', exact: true }).click();
    const toScreen = await imageToScreen(page);
    const mx = 0.1 * (x1 - x0 + 1);
    const my = 0.1 * (y1 - y0 + 1);
    const [ax, ay] = toScreen(x0 - mx, y0 - my);
    const [bx, by] = toScreen(x1 + 1 + mx, y1 + 1 + my);
    await page.mouse.move(ax, ay);
    await page.mouse.down();
    await page.mouse.move((ax + bx) / 2, (ay + by) / 2, { steps: 4 });
    await page.mouse.move(bx, by, { steps: 4 });
    await page.mouse.up();
    const accept = page.getByRole('button', { name: 'Accept segmentation', exact: true });
    await expect.poll(() => accept.isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await roiPixels(page)).toBe(0); // a proposal, not yet the ROI

    // One "Add to lesion" stroke through the lesion's centre re-solves the proposal.
    await page.getByRole('button', { name: 'Add to lesion', exact: true }).click();
    const [cx, cy] = toScreen((x0 + x1 + 1) / 2, (y0 + y1 + 1) / 2);
    await page.mouse.move(cx - 10, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 10, cy, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => accept.isEnabled(), { timeout: 30_000 }).toBe(true);
    await accept.click();

    // The accepted mask is the ROI: its size is close to the expert mask's, and a probability is shown.
    await expect.poll(() => roiPixels(page), { timeout: 30_000 }).toBeGreaterThan(0.8 * truthPixels);
    const pixels = await roiPixels(page);
    expect(pixels).toBeLessThan(1.25 * truthPixels);
    await expect
      .poll(() => page.getByRole('status', { name: 'pCR probability' }).textContent(), { timeout: 60_000 })
      .toMatch(/\d+ %/);
    expect(await accept.count()).toBe(0); // the proposal is gone once accepted

    // Undo restores the previous (empty) ROI; redo brings the segmentation back.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => roiPixels(page)).toBe(0);
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(() => roiPixels(page)).toBe(pixels);

    // The case reloads with it.
    await page
      .getByRole('status', { name: 'Save status' })
      .filter({ hasText: 'All changes saved' })
      .waitFor();
    await page.reload();
    await expect.poll(() => roiPixels(page), { timeout: 30_000 }).toBe(pixels);
    await expect
      .poll(() => page.getByRole('status', { name: 'pCR probability' }).textContent(), { timeout: 60_000 })
      .toMatch(/\d+ %/);
    expect(log.externalRequests).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  }, 180_000);
});
