/**
 * Case screen in Chromium: colour JPEG and DICOM opening, freehand / brush / eraser / vertex editing
 * with undo across tools, second reader's Dice, pan and undo during gestures, and the case list
 * (duplicate, delete with undo).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, serveStatic, watchContext, type PageLog, type StaticServer } from './harness';
import {
  CALIBRATOR_CTS,
  imageToScreen,
  makeColourJpeg,
  makeDicom,
  makeDicomClip,
  makePng,
  roiPixels,
} from './caseHelpers';

async function drag(page: Page, pts: [number, number][]): Promise<void> {
  await page.mouse.move(pts[0][0], pts[0][1]);
  await page.mouse.down();
  for (const [x, y] of pts.slice(1)) await page.mouse.move(x, y, { steps: 3 });
  await page.mouse.up();
}

function ellipse(cx: number, cy: number, rx: number, ry: number, n = 24): [number, number][] {
  return Array.from({ length: n + 1 }, (_, k) => {
    const a = (k / n) * 2 * Math.PI;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)];
  });
}

function clean(log: PageLog): void {
  expect(log.externalRequests).toEqual([]);
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
}

describe('case screen tools in Chromium', () => {
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

  it('colour JPEG: freehand drag, brush, eraser, vertex editing, undo/redo across tools, second reader Dice', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const log = watchContext(context);
    const page = await context.newPage();
    await page.goto(`${server.url}#/case`);
    await page.getByLabel('Ultrasound image', { exact: true }).setInputFiles({
      name: 'colour.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from(makeColourJpeg(200, 150)),
    });
    await page.getByText('converted to grey for the features').waitFor();
    await page.getByText('Not calibrated: measurements in pixels (px)').waitFor();
    // Wheel zoom changes the view only; "Zoom to fit" restores it.
    const stage = page.getByRole('region', { name: 'Image and ROI', exact: true });
    const fitted = await stage.getAttribute('data-scale');
    const b = (await stage.boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.wheel(0, -300);
    await expect.poll(() => stage.getAttribute('data-scale')).not.toBe(fitted);
    await page.getByRole('button', { name: 'Zoom to fit' }).click();
    await expect.poll(() => stage.getAttribute('data-scale')).toBe(fitted);
    const at = await imageToScreen(page);

    await page.getByRole('button', { name: 'Freehand', exact: true }).click();
    await drag(
      page,
      ellipse(100, 75, 40, 30).map(([x, y]) => at(x, y)),
    );
    await expect.poll(() => roiPixels(page)).toBeGreaterThan(3000);
    const afterFreehand = await roiPixels(page);
    expect(afterFreehand).toBeLessThan(Math.PI * 40 * 30 * 1.1);
    await expect.poll(() => page.getByLabel('ROI measurements').textContent()).toMatch(/px²/);
    expect(await page.getByLabel('ROI measurements').textContent()).not.toMatch(/mm/);

    await page.getByRole('button', { name: 'Brush', exact: true }).click();
    await drag(page, [at(140, 75), at(170, 75)]);
    await expect.poll(() => roiPixels(page)).toBeGreaterThan(afterFreehand);
    const afterBrush = await roiPixels(page);

    await page.getByRole('button', { name: 'Eraser', exact: true }).click();
    await drag(page, [at(100, 50), at(100, 100)]);
    await expect.poll(() => roiPixels(page)).toBeLessThan(afterBrush);
    const afterEraser = await roiPixels(page);

    // Undo across tools: eraser, then brush; redo both.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => roiPixels(page)).toBe(afterBrush);
    await page.keyboard.press('Control+z');
    await expect.poll(() => roiPixels(page)).toBe(afterFreehand);
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => roiPixels(page)).toBe(afterEraser);

    // Vertex editing: drag the freehand polygon's lowest vertex downwards → the ROI grows.
    await page.getByRole('button', { name: 'Edit vertices', exact: true }).click();
    await drag(page, [at(100, 105), at(100, 115), at(100, 130)]);
    await expect.poll(() => roiPixels(page)).toBeGreaterThan(afterEraser);
    await page.keyboard.press('Control+z');
    await expect.poll(() => roiPixels(page)).toBe(afterEraser);

    // Second reader: a polygon of their own, Dice shown and flagged below 0.85.
    await page.getByRole('button', { name: 'Reader 2 (optional)' }).click();
    await page.getByRole('button', { name: 'Polygon', exact: true }).click();
    for (const [x, y] of [
      [60, 45],
      [100, 45],
      [100, 105],
      [60, 105],
    ])
      await page.mouse.click(...at(x, y));
    await page.keyboard.press('Enter');
    const dice = page.getByLabel('Dice coefficient');
    await dice.waitFor();
    expect(await dice.textContent()).toMatch(/Dice between readers 0\.\d{3} — below the study’s 0\.85/);
    // 40 × 60 pixels; pointing at a corner and pressing Delete leaves a triangle; undo restores the square.
    await expect.poll(() => roiPixels(page)).toBe(2400);
    await page.getByRole('button', { name: 'Edit vertices', exact: true }).click();
    await page.mouse.move(...at(100, 105));
    await page.keyboard.press('Delete');
    await expect.poll(() => roiPixels(page)).toBeLessThan(1300);
    await page.keyboard.press('Control+z');
    await expect.poll(() => roiPixels(page)).toBe(2400);
    // A double-click on a corner deletes it too.
    await page.mouse.dblclick(...at(100, 105));
    await expect.poll(() => roiPixels(page)).toBeLessThan(1300);
    await page.keyboard.press('Control+z');
    await expect.poll(() => roiPixels(page)).toBe(2400);
    // Two clicks in quick succession at different places are not a double-click: after a click on
    // a corner, a click on the top edge inserts a vertex that stays (Konva's own dblclick would
    // delete it); dragging it upwards adds a 40 × 15 triangle.
    await page.mouse.click(...at(100, 105));
    await page.mouse.click(...at(80, 45));
    await drag(page, [at(80, 45), at(80, 38), at(80, 30)]);
    await expect.poll(() => roiPixels(page)).toBeGreaterThan(2600);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(() => roiPixels(page)).toBe(2400);
    // Move the whole ROI by 10 pixels: same area, another Dice; undo puts it back.
    const diceBefore = await dice.textContent();
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await drag(page, [at(80, 75), at(85, 75), at(90, 75)]);
    await expect.poll(() => dice.textContent()).not.toBe(diceBefore);
    expect(await roiPixels(page)).toBe(2400);
    await page.keyboard.press('Control+z');
    await expect.poll(() => dice.textContent()).toBe(diceBefore);
    await page.getByRole('button', { name: 'Reader 1' }).click();
    await expect.poll(() => roiPixels(page)).toBe(afterEraser);
    await page.getByRole('table', { name: 'Model features' }).waitFor();
    clean(log);
    await context.close();
  });

  it('DICOM: spacing from the file, measurements in mm; case list duplicate and delete with undo', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const log = watchContext(context);
    const page = await context.newPage();
    await page.goto(`${server.url}#/case`);
    await page.getByLabel('Patient ID (pseudonym)').fill('BR-D777');
    // A multi-frame clip asks for the frame; an invalid number is explained.
    await page.getByLabel('Ultrasound image', { exact: true }).setInputFiles({
      name: 'clip.dcm',
      mimeType: 'application/dicom',
      buffer: Buffer.from(makeDicomClip(64, 48)),
    });
    await page.getByText('"clip.dcm" is a clip of 3 frames').waitFor();
    await page.getByLabel('Frame (1–3)').fill('7');
    await page.getByRole('button', { name: 'Open frame' }).click();
    await page.getByText('“7” is not a frame of this file').waitFor();
    await page.getByLabel('Frame (1–3)').fill('2');
    await page.getByRole('button', { name: 'Open frame' }).click();
    await page.getByText('showing frame 2 of 3').waitFor();
    await page.getByText('64 × 48 px').waitFor();
    await page.getByLabel('Ultrasound image', { exact: true }).setInputFiles({
      name: 'us.dcm',
      mimeType: 'application/dicom',
      buffer: Buffer.from(makeDicom(128, 96)),
    });
    await page.getByText('0.1000 × 0.1000 mm per pixel').waitFor();
    const at = await imageToScreen(page);
    await page.getByRole('button', { name: 'Polygon', exact: true }).click();
    for (const [x, y] of [
      [30, 20],
      [90, 20],
      [90, 70],
      [30, 70],
    ])
      await page.mouse.click(...at(x, y));
    await page.mouse.click(...at(30, 20));
    // 60 × 50 pixel centres inside → 3000 px × 0.01 mm² = 30.00 mm².
    await expect.poll(() => roiPixels(page)).toBe(3000);
    await expect.poll(() => page.getByLabel('ROI measurements').textContent()).toContain('30.00 mm²');
    await page.getByRole('table', { name: 'Model features' }).waitFor();
    await page.getByLabel('Miller–Payne grade').selectOption('4');
    await page.getByText('pCR (grade 4–5)').waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    const list = page.getByRole('table', { name: 'Cases' });
    await list.getByRole('rowheader', { name: 'BR-D777', exact: true }).waitFor();
    expect(await list.getByRole('row', { name: /BR-D777/ }).textContent()).toContain('Outcome recorded');
    expect(await list.getByRole('row', { name: /BR-D777/ }).textContent()).toContain('MP 4 (pCR)');
    await page.getByLabel('Status').selectOption('missing-roi');
    await expect.poll(() => list.getByRole('rowheader', { name: 'BR-D777', exact: true }).count()).toBe(0);
    await page.getByLabel('Status').selectOption('outcome');
    await list.getByRole('rowheader', { name: 'BR-D777', exact: true }).waitFor();
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('button', { name: 'Duplicate case BR-D777' }).click();
    await list.getByRole('rowheader', { name: 'BR-D777 (copy)' }).waitFor();
    await page.getByLabel('Search patient ID').fill('copy');
    await expect.poll(() => list.getByRole('row').count()).toBe(2);
    await page.getByLabel('Search patient ID').fill('');
    await page.getByRole('button', { name: 'Delete case BR-D777 (copy)' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete case' }).click();
    await expect.poll(() => list.getByRole('rowheader', { name: 'BR-D777 (copy)' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Undo delete' }).click();
    await list.getByRole('rowheader', { name: 'BR-D777 (copy)' }).waitFor();
    await page.getByRole('button', { name: 'Open case BR-D777 (copy)' }).click();
    await expect.poll(() => page.getByLabel('Patient ID (pseudonym)').inputValue()).toBe('BR-D777 (copy)');
    await expect.poll(() => roiPixels(page)).toBe(3000);
    clean(log);
    await context.close();
  });

  it('PNG by drag-and-drop: scale-bar calibration → mm, mask import, named calibrator run reused', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const log = watchContext(context);
    const page = await context.newPage();
    await page.goto(`${server.url}#/case`);
    // Drop a PNG on the image panel.
    const png = Array.from(makePng(100, 80, 3));
    const dataTransfer = await page.evaluateHandle((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
      return dt;
    }, png);
    const panel = page.getByRole('region', { name: 'Lesion image' });
    await panel.dispatchEvent('dragover', { dataTransfer });
    await panel.dispatchEvent('drop', { dataTransfer });
    await page.getByText('dropped.png').waitFor();
    await page.getByText('Not calibrated: measurements in pixels (px)').waitFor();

    // Calibrate: a 50-pixel line typed as 10 mm → 0.2 mm per pixel.
    await page.getByRole('button', { name: 'Calibrate on scale bar' }).click();
    await page.getByRole('region', { name: 'Image and ROI', exact: true }).scrollIntoViewIfNeeded();
    const at = await imageToScreen(page);
    await page.mouse.move(...at(10, 70));
    await page.mouse.down();
    await page.mouse.move(...at(35, 70), { steps: 4 });
    await page.mouse.move(...at(60, 70), { steps: 4 });
    await page.mouse.up();
    await page.getByLabel('Scale-bar length (mm)').fill('abc');
    await page.getByRole('button', { name: 'Apply calibration' }).click();
    await page.getByText('“abc” is not a length').waitFor();
    await page.getByLabel('Scale-bar length (mm)').fill('10');
    await page.getByRole('button', { name: 'Apply calibration' }).click();
    const spacingText = (await page.getByText(/mm per pixel/).textContent()) ?? '';
    const mmPerPixel = Number(/([\d.]+) ×/.exec(spacingText)?.[1]);
    expect(Math.abs(mmPerPixel - 0.2)).toBeLessThan(0.01);

    // Import a 0/255 PNG mask of 20 × 10 pixels → 200 px × ~0.04 mm².
    const { encode } = await import('fast-png');
    const m = new Uint8Array(100 * 80);
    for (let y = 30; y < 40; y++) for (let x = 40; x < 60; x++) m[y * 100 + x] = 255;
    await page.getByLabel('Import ROI mask', { exact: true }).setInputFiles({
      name: 'mask.png',
      mimeType: 'image/png',
      buffer: Buffer.from(encode({ width: 100, height: 80, data: m, channels: 1, depth: 8 })),
    });
    await expect.poll(() => roiPixels(page)).toBe(200);
    await expect.poll(() => page.getByLabel('ROI measurements').textContent()).toMatch(/mm²/);
    // A mask of the wrong size is refused with the reason; the ROI stays.
    await page.getByLabel('Import ROI mask', { exact: true }).setInputFiles({
      name: 'small.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        encode({ width: 10, height: 8, data: new Uint8Array(80).fill(255), channels: 1, depth: 8 }),
      ),
    });
    await page.getByText('The mask "small.png" is 10 × 8 pixels but the image is 100 × 80').waitFor();
    expect(await roiPixels(page)).toBe(200);

    // Save the calibrator as a named run, start a new case and reuse it.
    for (const [gene, values] of Object.entries(CALIBRATOR_CTS)) {
      for (let i = 0; i < 3; i++) {
        await page.getByLabel(`Calibrator ${gene} Ct (replicate ${i + 1})`, { exact: true }).fill(values[i]);
      }
    }
    await page.getByLabel('Calibrator run name').fill('Plate 7');
    await page.getByRole('button', { name: 'Save calibrator run' }).click();
    await page.getByText('Calibrator run “Plate 7” saved').waitFor();
    await page.getByRole('button', { name: 'New case' }).click();
    await expect
      .poll(() => page.getByLabel('Calibrator U6 Ct (replicate 1)', { exact: true }).inputValue())
      .toBe('');
    await page.getByLabel('Saved calibrator run').selectOption('Plate 7');
    await page.getByRole('button', { name: 'Use run' }).click();
    await expect
      .poll(() => page.getByLabel('Calibrator U6 Ct (replicate 1)', { exact: true }).inputValue())
      .toBe(CALIBRATOR_CTS.U6[0]);
    clean(log);
    await context.close();
  });

  it('pan drags the view; undo during a polygon draft or a drag cancels only that gesture', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const log = watchContext(context);
    const page = await context.newPage();
    await page.goto(`${server.url}#/case`);
    await page.getByLabel('Ultrasound image', { exact: true }).setInputFiles({
      name: 'pan.png',
      mimeType: 'image/png',
      buffer: Buffer.from(makePng(120, 90, 5)),
    });
    const stage = page.getByRole('region', { name: 'Image and ROI', exact: true });
    await stage.waitFor();
    await stage.scrollIntoViewIfNeeded();
    let at = await imageToScreen(page);
    // A polygon: 30 × 30 pixels.
    for (const [x, y] of [
      [20, 20],
      [50, 20],
      [50, 50],
      [20, 50],
    ])
      await page.mouse.click(...at(x, y));
    await page.keyboard.press('Enter');
    await expect.poll(() => roiPixels(page)).toBe(900);
    // A second draft, then Ctrl+Z: the draft goes, the polygon stays; a second Ctrl+Z undoes it.
    await page.mouse.click(...at(70, 60));
    await page.mouse.click(...at(100, 60));
    await page.keyboard.press('Control+z');
    await page.mouse.click(...at(100, 80));
    await page.keyboard.press('Enter');
    await page.waitForTimeout(100);
    expect(await roiPixels(page)).toBe(900);
    // Ctrl+Z during a Move drag cancels the drag: the ROI stays where it was.
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    await page.mouse.move(...at(35, 35));
    await page.mouse.down();
    await page.mouse.move(...at(60, 60), { steps: 4 });
    await page.keyboard.press('Control+z');
    await page.mouse.up();
    await page.waitForTimeout(100);
    expect(await roiPixels(page)).toBe(900);
    await page.keyboard.press('Control+z');
    await expect.poll(() => roiPixels(page)).toBe(0);
    // Pan: the view moves by the drag; the ROI is untouched; Zoom to fit restores the view.
    await page.getByRole('button', { name: 'Pan', exact: true }).click();
    const x0 = Number(await stage.getAttribute('data-x'));
    const [sx, sy] = at(60, 45);
    await drag(page, [
      [sx, sy],
      [sx + 40, sy + 10],
      [sx + 80, sy + 20],
    ]);
    await expect.poll(async () => Number(await stage.getAttribute('data-x'))).toBeCloseTo(x0 + 80, 0);
    await page.getByRole('button', { name: 'Zoom to fit' }).click();
    await expect.poll(async () => Number(await stage.getAttribute('data-x'))).toBeCloseTo(x0, 6);
    at = await imageToScreen(page);
    expect(at(0, 0)[0]).toBeGreaterThan(0);
    clean(log);
    await context.close();
  });
});
