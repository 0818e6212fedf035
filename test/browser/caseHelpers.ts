/** Shared helpers of the case-screen browser tests: test images, a model file, drawing on the canvas. */
import { readFile } from 'node:fs/promises';
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import type { Download, Page } from 'playwright-core';
import { syntheticCohort } from '../fixtures/cohort';
import { fitStudyModels } from '../../src/model/pipeline';
import { sealModel, serializeModel, type ModelDocument } from '../../src/model/modelFile';
import { writeDicom } from '../unit/imaging/dicomWriter';

/** Deterministic pseudo-random numbers (LCG). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Grey ultrasound-like pixels: speckled background, a darker lesion around (cx, cy). */
export function greyPixels(width: number, height: number, seed = 1): Uint8Array {
  const r = rng(seed);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.hypot((x - width / 2) / (width * 0.22), (y - height / 2) / (height * 0.2));
      const base = d < 1 ? 40 + 30 * d : 110 + 40 * Math.sin(y / 9);
      out[y * width + x] = Math.max(0, Math.min(255, Math.round(base * (0.6 + 0.8 * r()))));
    }
  }
  return out;
}

export function makePng(width: number, height: number, seed = 1): Uint8Array {
  return encodePng({ width, height, data: greyPixels(width, height, seed), channels: 1, depth: 8 });
}

/** A colour JPEG: grey speckle with a coloured (burned-in style) marker. */
export function makeColourJpeg(width: number, height: number): Uint8Array {
  const grey = greyPixels(width, height, 5);
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < grey.length; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    const marker = x < 30 && y < 12;
    data[i * 4] = marker ? 250 : grey[i];
    data[i * 4 + 1] = marker ? 200 : grey[i];
    data[i * 4 + 2] = marker ? 20 : Math.min(255, grey[i] + 20);
    data[i * 4 + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ data, width, height }, 90).data);
}

/** An 8-bit MONOCHROME2 ultrasound DICOM with PixelSpacing 0.1 × 0.1 mm. */
export function makeDicom(width: number, height: number): Uint8Array {
  return writeDicom({
    rows: height,
    columns: width,
    pixels: greyPixels(width, height, 9),
    pixelSpacing: [0.1, 0.1],
  });
}

/** A 3-frame DICOM clip (frame k has brightness offset 40·k). */
export function makeDicomClip(width: number, height: number): Uint8Array {
  const one = greyPixels(width, height, 11);
  const pixels = new Uint8Array(one.length * 3);
  for (let k = 0; k < 3; k++)
    for (let i = 0; i < one.length; i++) pixels[k * one.length + i] = Math.min(255, one[i] + 40 * k);
  return writeDicom({ rows: height, columns: width, pixels, frames: 3, pixelSpacing: [0.1, 0.1] });
}

/** A sealed model file fitted on a small seeded synthetic cohort (no bootstrap, fixed date). */
export async function makeModelFile(): Promise<{ doc: ModelDocument; text: string }> {
  const cohort = syntheticCohort(93, { seed: 3 });
  const r = fitStudyModels(cohort, {
    seed: 42,
    nBoot: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    appVersion: 'test',
  });
  const doc = await sealModel(r.document);
  return { doc, text: serializeModel(doc) };
}

/** The screen position of an image point, from the view transform the canvas container exposes. */
export async function imageToScreen(page: Page): Promise<(x: number, y: number) => [number, number]> {
  const box = page.getByRole('region', { name: 'Image and ROI', exact: true });
  const g = await box.evaluate((el: HTMLElement) => {
    const r = el.getBoundingClientRect();
    return {
      scale: Number(el.dataset.scale),
      x: Number(el.dataset.x),
      y: Number(el.dataset.y),
      left: r.left,
      top: r.top,
    };
  });
  return (x, y) => [g.left + g.x + x * g.scale, g.top + g.y + y * g.scale];
}

/** The inverse of {@link imageToScreen} for the current view. */
export async function screenToImage(
  page: Page,
): Promise<(sx: number, sy: number) => { x: number; y: number }> {
  const box = page.getByRole('region', { name: 'Image and ROI', exact: true });
  const g = await box.evaluate((el: HTMLElement) => {
    const r = el.getBoundingClientRect();
    return {
      scale: Number(el.dataset.scale),
      x: Number(el.dataset.x),
      y: Number(el.dataset.y),
      left: r.left,
      top: r.top,
    };
  });
  return (sx, sy) => ({ x: (sx - g.left - g.x) / g.scale, y: (sy - g.top - g.y) / g.scale });
}

/** The number shown as "ROI pixels". */
/** The "ROI pixels" measurement, once it is up to date with the ROI (the panel is not aria-busy). */
export async function roiPixels(page: Page): Promise<number> {
  const text = await page
    .locator('[aria-label="ROI measurements"][aria-busy="false"]')
    .locator('div', { hasText: 'ROI pixels' })
    .locator('.value')
    .textContent();
  return Number(text);
}

export async function downloadBytes(d: Download): Promise<Uint8Array> {
  const p = await d.path();
  return new Uint8Array(await readFile(p));
}

export const PATIENT_CTS: Record<string, [string, string, string]> = {
  'miR-34a': ['29,10', '29.25', '29.18'],
  U6: ['24.02', '24.10', '23.95'],
  'miR-16': ['21.80', '21.95', '21.88'],
  'cel-miR-39': ['20.40', '20.52', '20.47'],
};
export const CALIBRATOR_CTS: Record<string, [string, string, string]> = {
  'miR-34a': ['29.90', '30.02', '29.97'],
  U6: ['24.10', '24.05', '24.20'],
  'miR-16': ['21.90', '21.85', '22.00'],
  'cel-miR-39': ['20.50', '20.45', '20.60'],
};

export async function fillCts(page: Page): Promise<void> {
  for (const [prefix, set] of [
    ['', PATIENT_CTS],
    ['Calibrator ', CALIBRATOR_CTS],
  ] as const) {
    for (const [gene, values] of Object.entries(set)) {
      for (let i = 0; i < 3; i++) {
        await page.getByLabel(`${prefix}${gene} Ct (replicate ${i + 1})`, { exact: true }).fill(values[i]);
      }
    }
  }
}
