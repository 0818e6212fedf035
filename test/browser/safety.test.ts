/**
 * "Nothing lost / nothing leaked" in Chromium (production build): full backup exported in one browser
 * and restored into a fresh one (identical case list, imported HTML-looking text shown as text), two
 * tabs editing the same case (the conflict is shown, nothing is overwritten), and a browser killed
 * (SIGKILL) after editing an ROI and Ct values (everything shown as saved is there after restart),
 * and a feature-extraction worker that crashes (restarted, the user told, nothing lost).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium, serveStatic, watchContext, type StaticServer } from './harness';
import {
  downloadBytes,
  fillCts,
  imageToScreen,
  makePng,
  PATIENT_CTS,
  CALIBRATOR_CTS,
  roiPixels,
  makeModelFile,
} from './caseHelpers';

const XSS = '<img src=x onerror="window.__pwned=1">';

async function saved(page: Page): Promise<void> {
  await page.getByRole('status', { name: 'Save status' }).filter({ hasText: 'All changes saved' }).waitFor();
}

/** The case list as text, row by row (patient ID, created, updated, status, miR-34a, probability, outcome). */
async function caseList(page: Page): Promise<string[][]> {
  // Through another screen, so the list is read afresh even when it is already shown.
  await page.goto(page.url().replace(/#.*$/, '#/about'));
  await page.goto(page.url().replace(/#.*$/, '#/cases'));
  const table = page.getByRole('table', { name: 'Cases' });
  await table.locator('tbody tr').first().waitFor();
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent ?? '').slice(0, 7)),
    );
}

async function openImage(page: Page, w: number, h: number): Promise<void> {
  await page.getByLabel('Ultrasound image', { exact: true }).setInputFiles({
    name: 'lesion.png',
    mimeType: 'image/png',
    buffer: Buffer.from(makePng(w, h)),
  });
  await page.getByText(`${w} × ${h} px`).waitFor();
}

describe('nothing lost, nothing leaked', () => {
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

  it('backs up in one browser and restores into a fresh one; imported HTML stays text', async () => {
    const a = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    const logA = watchContext(a);
    const page = await a.newPage();
    await page.goto(`${server.url}#/case`);
    await page.getByLabel('Patient ID (pseudonym)').fill(`BR-S001 ${XSS}`);
    await openImage(page, 120, 90);
    await saved(page);
    await page.getByRole('button', { name: 'New case', exact: true }).first().click();
    await page.getByLabel('Patient ID (pseudonym)').fill('BR-S002');
    await fillCts(page);
    await saved(page);
    const listA = await caseList(page);
    expect(listA.map((r) => r[0]).sort()).toEqual([`BR-S001 ${XSS}`, 'BR-S002']);
    // A model imported from a file whose name looks like HTML (the registry names it after the file).
    await page.goto(`${server.url}#/studio`);
    await page.getByLabel('Import model file').setInputFiles({
      name: `${XSS}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from((await makeModelFile()).text),
    });
    const models = page.getByRole('table', { name: 'Stored models' });
    await models.getByRole('button', { name: `Export ${XSS} v1`, exact: true }).waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    await page.getByRole('link', { name: 'Backup & security' }).click();
    await page
      .getByRole('status', { name: 'Storage use' })
      .filter({ hasText: 'Storage used by SonoMiR' })
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export backup' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sonomir-backup-.*\.zip$/);
    const bytes = await downloadBytes(download);
    await page.getByText('Backup downloaded: 2 cases, 1 image, 0 calibrator runs, 1 model').waitFor();
    await page.getByRole('status', { name: 'Storage use' }).filter({ hasText: 'Last backup:' }).waitFor();

    // A fresh browser (new profile): restore the file.
    const b = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const logB = watchContext(b);
    const pb = await b.newPage();
    await pb.goto(`${server.url}#/settings`);
    const input = pb.getByLabel('Restore from a backup file');
    // A file that is not a backup is refused with a reason.
    await input.setInputFiles({
      name: 'notes.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from('hello'),
    });
    await pb
      .getByRole('alert')
      .filter({ hasText: '“notes.zip” cannot be restored: This file is not a SonoMiR backup' })
      .waitFor();
    await input.setInputFiles({
      name: 'backup.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(bytes),
    });
    const confirm = pb.getByRole('group', { name: 'Confirm restore' });
    await confirm.getByText('holds 2 cases and 1 model.').waitFor();
    await confirm.getByText('This browser holds no cases or models yet.').waitFor();
    await pb.getByRole('button', { name: 'Restore backup' }).click();
    await pb
      .getByRole('status')
      .filter({ hasText: 'Backup restored: 2 cases, 1 image, 0 calibrator runs, 1 model' })
      .waitFor();
    const listB = await caseList(pb);
    expect(listB).toEqual(listA);

    // The HTML-looking patient ID is shown as text, never interpreted.
    await pb.getByRole('rowheader', { name: `BR-S001 ${XSS}`, exact: true }).waitFor();
    expect(await pb.locator('img[src="x"]').count()).toBe(0);
    await pb.getByRole('button', { name: `Open case BR-S001 ${XSS}`, exact: true }).click();
    await pb.getByText('120 × 90 px').waitFor();
    expect(await pb.getByLabel('Patient ID (pseudonym)').inputValue()).toBe(`BR-S001 ${XSS}`);
    expect(await pb.locator('img[src="x"]').count()).toBe(0);
    await pb.goto(`${server.url}#/studio`);
    await pb
      .getByRole('table', { name: 'Stored models' })
      .getByRole('button', { name: `Export ${XSS} v1`, exact: true })
      .waitFor();
    expect(await pb.locator('img[src="x"]').count()).toBe(0);
    expect(await pb.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    for (const log of [logA, logB]) {
      expect(log.pageErrors).toEqual([]);
      expect(log.consoleErrors).toEqual([]);
      expect(log.externalRequests).toEqual([]);
    }
    await a.close();
    await b.close();
  });

  it('two tabs editing one case: the other tab follows, or shows the conflict; nothing is overwritten', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const log = watchContext(ctx);
    // Fake timers (running in real time until paused) so that tab B's autosave can be held back.
    await ctx.clock.install();
    const pa = await ctx.newPage();
    await pa.goto(`${server.url}#/case`);
    await pa.getByLabel('Patient ID (pseudonym)').fill('TAB-1');
    await saved(pa);
    const pb = await ctx.newPage();
    await pb.goto(`${server.url}#/case`);
    const idB = pb.getByLabel('Patient ID (pseudonym)');
    await pb.waitForFunction(
      () => document.querySelector<HTMLInputElement>('.patient-id input')?.value === 'TAB-1',
    );

    // B has no unsaved changes: it follows A's save.
    await pa.getByLabel('Patient ID (pseudonym)').fill('TAB-1 from A');
    await saved(pa);
    await pb.waitForFunction(
      () => document.querySelector<HTMLInputElement>('.patient-id input')?.value === 'TAB-1 from A',
    );

    // Both edit; B's autosave is held back (timers paused), A's change is written when A leaves the screen.
    await ctx.clock.pauseAt(Date.now() + 60_000);
    await idB.fill('TAB-1 from B');
    await pa.getByLabel('Patient ID (pseudonym)').fill('TAB-1 again from A');
    await pa.getByRole('link', { name: 'Cases', exact: true }).click();
    const banner = pb.getByRole('alert', { name: 'Save conflict' });
    await banner.getByText('This case was changed in another tab or window').waitFor();
    await banner.getByText('patient ID “TAB-1 again from A”').waitFor();
    await ctx.clock.resume();
    await pb.getByRole('status', { name: 'Save status' }).filter({ hasText: 'Not saved' }).waitFor();
    await pb.getByRole('button', { name: 'Keep mine as a copy' }).click();
    await pb.waitForFunction(
      () => document.querySelector<HTMLInputElement>('.patient-id input')?.value === 'TAB-1 from B (my copy)',
    );
    await saved(pb);
    expect(await banner.count()).toBe(0);
    const ids = (await caseList(pa)).map((r) => r[0]).sort();
    expect(ids).toEqual(['TAB-1 again from A', 'TAB-1 from B (my copy)']);
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    await ctx.close();
  });

  it('a crashing feature worker is restarted and the user is told; the ROI is kept and a retry works', async () => {
    // Crashes are real: the worker script is served with a message listener that throws (uncaught)
    // on the extraction call, for the first `crashing` worker starts; later starts get the real script.
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      serviceWorkers: 'block',
    });
    const log = watchContext(context);
    let crashing = 3;
    let starts = 0;
    await context.route(/\/assets\/radiomics\.worker-[^/]*\.js$/, async (route) => {
      starts++;
      const response = await route.fetch();
      const body = await response.text();
      const crash =
        'self.addEventListener("message", (e) => { const d = e.data; ' +
        'if (d && Array.isArray(d.path) && d.path[0] === "extractCached") ' +
        '{ e.stopImmediatePropagation(); throw new Error("simulated worker crash"); } });\n';
      await route.fulfill({ response, body: crashing-- > 0 ? crash + body : body });
    });
    const page = await context.newPage();
    await page.goto(`${server.url}#/case`);
    await page.getByLabel('Patient ID (pseudonym)').fill('CRASH-1');
    await openImage(page, 120, 90);
    await page.getByRole('button', { name: 'Polygon', exact: true }).click();
    const at = await imageToScreen(page);
    for (const [x, y] of [
      [20, 20],
      [80, 20],
      [80, 60],
      [20, 60],
      [20, 20],
    ])
      await page.mouse.click(...at(x, y));
    await expect.poll(() => roiPixels(page)).toBe(2400);
    // The worker dies, is restarted, dies again: the user is told, with a way to try again.
    const alert = page.getByRole('alert').filter({ hasText: 'feature-extraction worker stopped twice' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('simulated worker crash');
    expect(starts).toBeGreaterThanOrEqual(2);
    expect(await roiPixels(page)).toBe(2400);
    expect(await page.getByRole('table', { name: 'Model features' }).count()).toBe(0);
    // Try again: the third start crashes once more, the automatic restart (real script) succeeds.
    await alert.getByRole('button', { name: 'Compute features again' }).click();
    await page.getByRole('table', { name: 'Model features' }).waitFor();
    expect(crashing).toBeLessThan(0); // all three crashing starts were used up
    const notice = page.getByRole('status').filter({ hasText: 'stopped unexpectedly' });
    expect(await notice.textContent()).toMatch(/simulated worker crash.*was restarted/);
    expect(await page.getByRole('alert').filter({ hasText: 'worker stopped' }).count()).toBe(0);
    await expect
      .poll(() => page.getByRole('status', { name: 'Feature extraction' }).textContent())
      .toBe('107 features');
    expect(await roiPixels(page)).toBe(2400);
    await saved(page);
    expect(log.externalRequests).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    // The only console errors are the simulated crashes themselves (reported by the dying workers).
    expect(log.consoleErrors.filter((m) => !m.includes('simulated worker crash'))).toEqual([]);
    await context.close();
  });

  it('a browser killed after editing an ROI and Ct values: the case and its draft are there on restart', async () => {
    const profile = mkdtempSync(path.join(tmpdir(), 'sonomir-kill-'));
    const launch = () =>
      chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        viewport: { width: 1400, height: 1000 },
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-sync',
        ],
      });
    let ctx: BrowserContext = await launch();
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      await page.goto(`${server.url}#/case`);
      await page.getByLabel('Patient ID (pseudonym)').fill('KILL-1');
      await openImage(page, 160, 120);
      await page.getByRole('button', { name: 'Polygon', exact: true }).click();
      const toScreen = await imageToScreen(page);
      const pts = [
        toScreen(50, 35),
        toScreen(110, 38),
        toScreen(118, 80),
        toScreen(72, 92),
        toScreen(44, 70),
      ];
      for (const [x, y] of pts) await page.mouse.click(x, y);
      await page.mouse.click(pts[0][0], pts[0][1]);
      const pixels = await roiPixels(page);
      expect(pixels).toBeGreaterThan(1000);
      await fillCts(page);
      await saved(page);

      // Kill the browser process (as a crash or a forced quit would), no chance to flush anything.
      const pids = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], {
        encoding: 'utf8',
      })
        .split('\n')
        .filter((l) => l.includes(profile))
        .map((l) => Number(l.trim().split(/\s+/)[0]));
      expect(pids.length).toBe(1);
      process.kill(pids[0], 'SIGKILL');
      await ctx.close().catch(() => undefined);

      ctx = await launch();
      const again = ctx.pages()[0] ?? (await ctx.newPage());
      await again.goto(`${server.url}#/cases`);
      await again.getByRole('button', { name: 'Open case KILL-1', exact: true }).click();
      await again.getByText('160 × 120 px').waitFor();
      await again.getByLabel('ROI measurements').waitFor();
      expect(await roiPixels(again)).toBe(pixels);
      for (const [prefix, set] of [
        ['', PATIENT_CTS],
        ['Calibrator ', CALIBRATOR_CTS],
      ] as const) {
        for (const [gene, values] of Object.entries(set)) {
          for (let i = 0; i < 3; i++) {
            const v = await again
              .getByLabel(`${prefix}${gene} Ct (replicate ${i + 1})`, { exact: true })
              .inputValue();
            expect(v).toBe(values[i]);
          }
        }
      }
    } finally {
      await ctx.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('passphrase lock: encrypted at rest, auto-lock after inactivity, wrong passphrase refused, reload locks', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const log = watchContext(ctx);
    await ctx.clock.install();
    const page = await ctx.newPage();
    await page.goto(`${server.url}#/case`);
    await page.getByLabel('Patient ID (pseudonym)').fill('LOCK-SECRET-1');
    await saved(page);
    await page.getByRole('link', { name: 'Backup & security' }).click();
    await page
      .getByRole('status', { name: 'Lock status' })
      .filter({ hasText: 'Passphrase lock is off' })
      .waitFor();
    await page.getByLabel('New passphrase').fill('tumour board 2026!');
    await page.getByLabel('Repeat passphrase').fill('tumour board 2026?');
    await page.getByRole('button', { name: 'Turn on passphrase lock' }).click();
    await page.getByRole('alert').filter({ hasText: 'The two passphrases differ' }).waitFor();
    await page.getByLabel('Repeat passphrase').fill('tumour board 2026!');
    await page.getByRole('button', { name: 'Turn on passphrase lock' }).click();
    await page
      .getByRole('status', { name: 'Lock status' })
      .filter({ hasText: 'Passphrase lock is on (locks after 15 minutes without input)' })
      .waitFor();

    // What IndexedDB holds: no patient ID in clear.
    const raw = await page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const req = indexedDB.open('sonomir');
          req.onerror = () => reject(new Error('open failed'));
          req.onsuccess = () => {
            const all = req.result.transaction('cases').objectStore('cases').getAll();
            all.onsuccess = () => {
              resolve(JSON.stringify(all.result));
              req.result.close();
            };
          };
        }),
    );
    expect(raw).toContain('"sealed"');
    expect(raw).not.toContain('LOCK-SECRET-1');

    // 16 minutes without input: locked.
    await ctx.clock.fastForward('16:00');
    await page.getByRole('heading', { name: 'SonoMiR is locked' }).waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill('tumour board 2025!');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong passphrase. Nothing was changed' }).waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill('tumour board 2026!');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Backup and security' }).waitFor();
    const ids = (await caseList(page)).map((r) => r[0]);
    expect(ids).toEqual(['LOCK-SECRET-1']);

    // The key lives only in memory: a reload asks again.
    await page.reload();
    await page.getByRole('heading', { name: 'SonoMiR is locked' }).waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill('tumour board 2026!');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('rowheader', { name: 'LOCK-SECRET-1', exact: true }).waitFor();
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.externalRequests).toEqual([]);
    await ctx.close();
  });

  it('storage full: the save failure is explained, a backup can still be exported, saving resumes after', async () => {
    const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    const log = watchContext(ctx);
    // Chromium's DevTools protocol shrinks this origin's quota, as a full disk or profile would.
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    const origin = new URL(server.url).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    await page.goto(`${server.url}#/case`);
    await page.getByLabel('Patient ID (pseudonym)').fill('QUOTA-1');
    await openImage(page, 200, 150);
    const banner = page.getByRole('alert', { name: 'Storage full' });
    await banner.getByText('storage for SonoMiR is full, so the last change was NOT saved').waitFor();
    await page.getByRole('status', { name: 'Save status' }).filter({ hasText: 'Not saved' }).waitFor();
    // The export is offered and works while the storage is full.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      banner.getByRole('button', { name: 'Export backup now' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sonomir-backup-.*\.zip$/);
    await banner
      .getByText('Backup downloaded (with the unsaved changes of this case): 1 case, 1 image')
      .waitFor();
    // The unsaved case is in the file: nothing typed is lost even though it could not be stored.
    const files = unzipSync(await downloadBytes(download));
    const manifest = JSON.parse(strFromU8(files['backup.json'])) as { cases: { patientId: string }[] };
    expect(manifest.cases.map((c) => c.patientId)).toEqual(['QUOTA-1']);
    expect(files['images/0.bin'].length).toBeGreaterThan(1000);
    // Space is back: the next change is saved and the banner goes.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.getByLabel('Patient ID (pseudonym)').fill('QUOTA-1 saved');
    await saved(page);
    expect(await banner.count()).toBe(0);
    expect(log.pageErrors).toEqual([]);
    expect(log.externalRequests).toEqual([]);
    await ctx.close();
  });
});
