/**
 * The printable patient report in Chromium (production build): a demo case with a QC flag is printed to
 * PDF (A4) and the PDF is read back: one A4 page holding the pseudonym, exam date, image, ROI
 * measurements, the 5 model features, the qPCR table with its QC flag and 2^−ΔΔCt, the pCR
 * probability with the model's name, version, hash, training size and validation AUC with CI, the ROC
 * and decision curve with the patient's operating point, the app version and the caveat.
 * The PDF is kept at $TMPDIR/sonomir-patient-report.pdf for inspection.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { MODEL_FEATURES } from '../../src/radiomics/extract';
import { APP_VERSION } from '../../src/version';
import { launchChromium, serveStatic, watchContext, type StaticServer } from './harness';
import { roiPixels } from './caseHelpers';
import { readPdf, squash } from './pdfText';

const REPORT_PDF = path.join(os.tmpdir(), 'sonomir-patient-report.pdf');

describe('patient report: one printable A4 page', () => {
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

  it('prints the whole case on one A4 page (PDF text checked)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const log = watchContext(context);
    const page = await context.newPage();
    await page.goto(`${server.url}#/case`);

    // A demo patient (image, ROI, Cts) with the demonstration model; one replicate made discordant → QC flag.
    await page.getByRole('button', { name: 'Load demo case' }).click();
    await page.getByRole('table', { name: 'Model features' }).waitFor();
    const ct3 = page.getByLabel('miR-34a Ct (replicate 3)', { exact: true });
    const ct1 = await page.getByLabel('miR-34a Ct (replicate 1)', { exact: true }).inputValue();
    await ct3.fill((Number(ct1.replace(',', '.')) + 2).toFixed(2));
    const flags = page.getByRole('list', { name: 'qPCR quality flags' });
    await flags.getByText('the replicates disagree').first().waitFor();
    // The Case screen shows “⚠ QC flag: <message>”: a label and an icon, not colour alone.
    const flagText = (await flags.locator('li').first().textContent())!;
    expect(flagText).toMatch(/^⚠ QC flag: /);
    const status = page.getByRole('status', { name: 'pCR probability' });
    await status.filter({ hasText: 'most similar patients' }).waitFor();
    const probability = /(\d+\.\d) %/.exec((await status.textContent())!)![1];
    const patientId = await page.getByLabel('Patient ID (pseudonym)').inputValue();
    const rq = (await page.getByRole('status', { name: 'Relative expression 2^−ΔΔCt' }).textContent())!;
    const pixels = await roiPixels(page);
    const features = page.getByRole('table', { name: 'Model features' });
    const shown: [string, string][] = [];
    for (const name of MODEL_FEATURES)
      shown.push([name, (await features.locator(`td[data-feature="${name}"]`).textContent())!]);
    const modelLine = (await page.locator('.model-line').textContent())!;
    const trainingN = /from (\d+) previous patients/.exec((await page.locator('.caveat').textContent())!)![1];
    expect(patientId).toMatch(/^DEMO-\d+$/);
    expect(pixels).toBeGreaterThan(0);

    // The Case screen's button opens the report.
    await page
      .getByRole('status', { name: 'Save status' })
      .filter({ hasText: 'All changes saved' })
      .waitFor();
    await page.getByRole('button', { name: 'Print report' }).click();
    const report = page.getByRole('article', { name: 'SonoMiR patient report' });
    await report.waitFor();
    await report.getByLabel('Exam date').fill('2026-03-14');
    await report.getByRole('figure', { name: 'ROC curve with operating point' }).waitFor();
    await report.getByRole('figure', { name: 'Decision curve' }).waitFor();
    const img = report.getByRole('img', { name: /Ultrasound lesion image with the reader-1 ROI/ });
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBeGreaterThan(0);
    const caption = (await report.locator('.report-image figcaption').textContent())!;

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await writeFile(REPORT_PDF, pdf);
    const doc = readPdf(new Uint8Array(pdf));
    expect(doc.pages).toBe(1);
    // A4 = 210 × 297 mm = 595.3 × 841.9 pt.
    expect(Math.abs(doc.mediaBoxes[0][0] - 595.3)).toBeLessThan(2);
    expect(Math.abs(doc.mediaBoxes[0][1] - 841.9)).toBeLessThan(2);
    expect(doc.images).toBeGreaterThanOrEqual(1);

    const text = squash(doc.text);
    const has = (s: string) => expect(text, `PDF text should contain “${s}”`).toContain(squash(s));
    has('SonoMiR patient report');
    has(`Pseudonymous ID: ${patientId}`);
    has('Exam date: 2026-03-14');
    has(caption);
    has(`ROI pixels${pixels}`);
    has('Maximum diameter');
    for (const [name, value] of shown) has(`${name.replace(/^original_/, '')}${value}`);
    for (const gene of ['miR-34a', 'U6', 'miR-16', 'cel-miR-39']) has(gene);
    has(`Relative expression 2−ΔΔCt = ${rq}`);
    has(flagText);
    has(`${probability} % chance of pathological complete response`);
    has('Demonstration model (synthetic cohort)');
    const hash = /SHA-256 ([0-9a-f]{12})/.exec(modelLine)![1];
    expect(text).toMatch(new RegExp(`SHA-256:${hash}[0-9a-f]{52}`));
    has(`Training size: ${trainingN} patients`);
    const auc = /validation AUC ([\d.]+) \(95 % CI ([\d.]+)–([\d.]+), n = (\d+)\)/.exec(modelLine)!;
    has(`Validation AUC: ${auc[1]} (95 % CI ${auc[2]}–${auc[3]}, n = ${auc[4]})`);
    has('ROC curve (');
    has('Decision curve (');
    has('this patient');
    has('Filled dot: this patient');
    has('Ring: the model’s 50 % threshold');
    has(`SonoMiR ${APP_VERSION}`);
    has('it supports, and does not replace, the multidisciplinary team’s decision');
    // Nothing of the app around the report is printed.
    expect(text).not.toContain(squash('Model Studio'));
    expect(text).not.toContain(squash('Print or save as PDF'));

    expect(log.externalRequests).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });
});
