/**
 * The clinician workflow screen in Chromium (production build): image → ROI → features (checked against
 * the engine in Node on the exported mask) → qPCR → pCR probability → reload keeps everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { decodeImage, decodeMask } from '../../src/imaging';
import { extractFeatures } from '../../src/radiomics/extract';
import { STUDY_PRESET } from '../../src/radiomics/settings';
import { predict, STUDY_EXTRACTION_SETTINGS, type ModelDocument } from '../../src/model/modelFile';
import { rocIndexAt } from '../../src/model/roc';
import { analyseQpcr, emptyQpcrEntry } from '../../src/qpcr/analysis';
import { rasterizePolygon } from '../../src/roi/rasterize';
import { maskOverlap } from '../../src/model/agreement';
import { fmtFeature } from '../../src/ui/case/format';
import { launchChromium, serveStatic, watchContext, type StaticServer } from './harness';
import {
  CALIBRATOR_CTS,
  downloadBytes,
  fillCts,
  imageToScreen,
  makeModelFile,
  makePng,
  PATIENT_CTS,
  roiPixels,
  screenToImage,
} from './caseHelpers';

describe('case screen: PNG → polygon ROI → features → qPCR → prediction → reload', () => {
  let server: StaticServer;
  let browser: Browser;
  let model: { doc: ModelDocument; text: string };
  beforeAll(async () => {
    model = await makeModelFile();
    server = await serveStatic();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs the whole workflow and keeps the case on reload', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      acceptDownloads: true,
    });
    const log = watchContext(context);
    const page = await context.newPage();
    await page.goto(`${server.url}#/case`);
    await page.getByLabel('Patient ID (pseudonym)').fill('BR-T001');

    // 1. Open a PNG and draw a polygon by clicks, closing on the first point.
    const W = 160;
    const H = 120;
    const png = makePng(W, H);
    await page.getByLabel('Ultrasound image', { exact: true }).setInputFiles({
      name: 'lesion.png',
      mimeType: 'image/png',
      buffer: Buffer.from(png),
    });
    await page
      .getByRole('region', { name: 'Image and ROI', exact: true })
      .locator('canvas')
      .first()
      .waitFor();
    await page.getByText(`${W} × ${H} px`).waitFor();
    await page.getByRole('button', { name: 'Polygon', exact: true }).click();
    const toScreen = await imageToScreen(page);
    const toImage = await screenToImage(page);
    const imagePts: [number, number][] = [
      [50.3, 35.2],
      [110.6, 38.1],
      [118.2, 80.4],
      [72.5, 92.7],
      [44.1, 70.3],
    ];
    const clicked = imagePts.map(([x, y]) => toScreen(x, y));
    for (const [sx, sy] of clicked) await page.mouse.click(sx, sy);
    await page.mouse.click(clicked[0][0], clicked[0][1]);
    await page.getByRole('table', { name: 'Model features' }).waitFor();
    const pixels = await roiPixels(page);
    expect(pixels).toBeGreaterThan(2500);

    // 2. Undo / redo (buttons and keyboard).
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => roiPixels(page)).toBe(0);
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(() => roiPixels(page)).toBe(pixels);
    await page.keyboard.press('Control+z');
    await expect.poll(() => roiPixels(page)).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => roiPixels(page)).toBe(pixels);
    await page.getByRole('table', { name: 'Model features' }).waitFor();
    await expect
      .poll(() => page.getByRole('status', { name: 'Feature extraction' }).textContent())
      .toBe('107 features');

    // 3. The exported mask is the drawn polygon (pixel-centre rule), and the features shown are the engine's.
    const [maskDl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export ROI mask (PNG)' }).click(),
    ]);
    const maskBytes = await downloadBytes(maskDl);
    const mask = decodeMask(maskBytes, 'roi.png').mask;
    expect(mask.size).toEqual([1, H, W]);
    const expected = rasterizePolygon(
      clicked.map(([sx, sy]) => toImage(sx, sy)),
      W,
      H,
    );
    const overlap = maskOverlap(mask.data, expected);
    expect(overlap.dice).toBeGreaterThan(0.99);
    expect(overlap.areaA).toBe(pixels);

    const image = decodeImage(png, 'lesion.png').image;
    const engine = extractFeatures(
      { ...image, spacing: [1, 1, 1] },
      { ...mask, spacing: [1, 1, 1] },
      { settings: STUDY_PRESET },
    );
    const [csvDl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = new TextDecoder()
      .decode(await downloadBytes(csvDl))
      .trim()
      .split('\n');
    expect(csv[0]).toBe('feature,value');
    expect(csv).toHaveLength(108);
    for (const line of csv.slice(1)) {
      const [name, value] = line.split(',');
      const want = engine.values[name];
      expect(want, name).toBeDefined();
      const got = Number(value);
      expect(Math.abs(got - want), name).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
    }
    for (const name of [
      'original_glcm_Correlation',
      'original_shape_Elongation',
      'original_ngtdm_Contrast',
    ]) {
      const shown = await page
        .getByRole('table', { name: 'Model features' })
        .locator(`td[data-feature="${name}"]`)
        .textContent();
      expect(shown).toBe(fmtFeature(engine.values[name]));
    }
    // All 107 in the grouped table (built when opened), searchable by PyRadiomics name.
    await page.getByText('All 107 features').click();
    const all = page.getByRole('table', { name: 'All features' });
    await expect.poll(() => all.locator('tbody tr:not(.group-row)').count()).toBe(107);
    expect(await all.locator('th[scope="colgroup"]').allTextContents()).toEqual([
      'Shape (14)',
      'First order (18)',
      'GLCM (24)',
      'GLRLM (16)',
      'GLSZM (16)',
      'GLDM (14)',
      'NGTDM (5)',
    ]);
    await page.getByRole('searchbox', { name: 'Search features' }).fill('glszm_zone');
    await expect.poll(() => all.locator('tbody tr:not(.group-row)').count()).toBe(3);
    const zoneRow = all.getByRole('row', { name: /original_glszm_ZoneEntropy/ });
    expect(await zoneRow.locator('td.num').textContent()).toBe(
      fmtFeature(engine.values.original_glszm_ZoneEntropy),
    );
    await page.getByRole('searchbox', { name: 'Search features' }).fill('no such feature');
    await page.getByText('No feature name contains “no such feature”.').waitFor();
    await page.getByRole('searchbox', { name: 'Search features' }).fill('');

    // Window/level changes the display only: the features stay, no new extraction starts.
    await page.getByLabel('Window width').fill('60');
    await page.getByLabel('Window level').fill('40');
    expect(await page.getByRole('status', { name: 'Feature extraction' }).textContent()).toBe('107 features');
    expect(
      await page
        .getByRole('table', { name: 'Model features' })
        .locator('td[data-feature="original_glcm_Correlation"]')
        .textContent(),
    ).toBe(fmtFeature(engine.values.original_glcm_Correlation));

    // 4. qPCR triplicates and calibrator → live 2^−ΔΔCt.
    await fillCts(page);
    const entry = emptyQpcrEntry();
    entry.cts.patient = { ...PATIENT_CTS } as typeof entry.cts.patient;
    entry.cts.calibrator = { ...CALIBRATOR_CTS } as typeof entry.cts.calibrator;
    const qpcr = analyseQpcr(entry);
    expect(qpcr.relativeExpression).not.toBeNull();
    const rq = qpcr.relativeExpression!;
    await expect
      .poll(() => page.getByRole('status', { name: 'Relative expression 2^−ΔΔCt' }).textContent())
      .toBe(rq.toFixed(3));
    // A typing error shows a message next to the field and loses nothing.
    await page.getByLabel('U6 Ct (replicate 2)', { exact: true }).fill('abc');
    await page.getByText('Ct 2: “abc” is not a Ct value').waitFor();
    await page.getByLabel('U6 Ct (replicate 2)', { exact: true }).fill(PATIENT_CTS.U6[1]);
    await expect
      .poll(() => page.getByRole('status', { name: 'Relative expression 2^−ΔΔCt' }).textContent())
      .toBe(rq.toFixed(3));

    // 5. Load the model file → the probability appears at once, equal to the model's in Node.
    await page.getByLabel('Model file', { exact: true }).setInputFiles({
      name: 'Synthetic test model.json',
      mimeType: 'application/json',
      buffer: Buffer.from(model.text),
    });
    const preds = predict(model.doc, {
      features: engine.values,
      mir34a: rq,
      extraction: STUDY_EXTRACTION_SETTINGS,
    });
    const combined = preds.find((p) => p.kind === 'combined')!;
    const pcrN = combined.neighbours.filter((n) => n.label === 1).length;
    // The demonstration model is active until the loaded file replaces it.
    await page.getByText('Synthetic test model v1').first().waitFor();
    const status = page.getByRole('status', { name: 'pCR probability' });
    await status.filter({ hasText: 'most similar patients' }).waitFor();
    const text = (await status.textContent()) ?? '';
    expect(text).toContain(`${(combined.probability * 100).toFixed(1)} %`);
    expect(text).toContain(`${pcrN} of the ${combined.k} most similar patients reached pCR`);
    const rocFigure = page.getByRole('figure', { name: 'ROC curve with operating point' });
    await rocFigure.waitFor();
    await page.getByRole('figure', { name: 'Decision curve' }).waitFor();
    // The patient's own operating point: validation patients with a probability ≥ this one called pCR.
    const roc = model.doc.models.combined!.metrics.validation.roc;
    const at = rocIndexAt(roc.thresholds!, combined.probability);
    const pc = (v: number) => `${Math.round(v * 100)} %`;
    expect(await rocFigure.textContent()).toContain(
      `Filled dot: this patient (${(combined.probability * 100).toFixed(1)} %). Calling every validation patient with a probability of ` +
        `at least ${(combined.probability * 100).toFixed(1)} % a responder gives sensitivity ${pc(roc.tpr[at])} and specificity ${pc(1 - roc.fpr[at])}.`,
    );

    // Every control on the screen has an accessible name.
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, textarea, a[href]')]
        .filter((el) => {
          const e = el as HTMLInputElement;
          const name =
            e.getAttribute('aria-label') ||
            (e.getAttribute('aria-labelledby') &&
              document.getElementById(e.getAttribute('aria-labelledby')!)?.textContent) ||
            (e.labels && [...e.labels].map((l) => l.textContent).join('')) ||
            (e.tagName === 'BUTTON' || e.tagName === 'A' ? e.textContent : '');
          return !name || !name.trim();
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unnamed).toEqual([]);

    // 6. Autosave, reload → the case is intact.
    await page
      .getByRole('status', { name: 'Save status' })
      .filter({ hasText: 'All changes saved' })
      .waitFor();
    await page.reload();
    await page.getByRole('table', { name: 'Model features' }).waitFor();
    await expect(page.getByLabel('Patient ID (pseudonym)').inputValue()).resolves.toBe('BR-T001');
    await expect.poll(() => roiPixels(page)).toBe(pixels);
    await expect(
      page.getByLabel('Calibrator miR-16 Ct (replicate 3)', { exact: true }).inputValue(),
    ).resolves.toBe(CALIBRATOR_CTS['miR-16'][2]);
    await expect(page.getByLabel('miR-34a Ct (replicate 1)', { exact: true }).inputValue()).resolves.toBe(
      '29,10',
    );
    // The loaded model is still the active one (restored from the model registry at start-up).
    await page.getByText('Synthetic test model v1').first().waitFor();
    await expect
      .poll(() => page.getByRole('status', { name: 'pCR probability' }).textContent())
      .toContain(`${pcrN} of the ${combined.k} most similar patients reached pCR`);
    expect((await page.getByRole('status', { name: 'pCR probability' }).textContent()) ?? '').toContain(
      `${(combined.probability * 100).toFixed(1)} %`,
    );
    const shownAfter = await page
      .getByRole('table', { name: 'Model features' })
      .locator('td[data-feature="original_glcm_Correlation"]')
      .textContent();
    expect(shownAfter).toBe(fmtFeature(engine.values.original_glcm_Correlation));

    // 7. The case list has it, searchable.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    const list = page.getByRole('table', { name: 'Cases' });
    await list.getByRole('rowheader', { name: 'BR-T001' }).waitFor();
    expect(await list.getByRole('row', { name: /BR-T001/ }).textContent()).toContain('Predicted');

    expect(log.externalRequests).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });
});
