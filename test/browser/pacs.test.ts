/**
 * The PACS in Chromium against a real Orthanc (Debian `orthanc` + `orthanc-dicomweb`), reached
 * same-origin through the test reverse proxy (as a hospital's nginx): settings, search, open a JPEG
 * multi-frame US instance (features bit-identical to the same file dropped on the page), store the
 * analysis as an SR (dciodvfy 0 errors, Chinese names byte-exact), a fresh browser finding the prior
 * analysis, Basic and Bearer authentication, and the outbox through PACS down / 401 / rejection.
 *
 * One Orthanc for the whole file (Basic users on; proxies add Orthanc's credentials for the
 * "no authentication" and Bearer set-ups). Its Lua filter refuses the FIRST SR of patient SMR-0002
 * (STOW-RS FailedSOPSequence) and accepts the retry, as after a PACS administrator's fix.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseMultipart } from '../../src/pacs/dicomweb';
import { orthancMissing, startOrthanc, uploadToOrthanc, type OrthancInstance } from '../pacs/orthanc';
import { startPacsProxy, type PacsProxy } from '../pacs/proxy';
import { makeSeedSet, type SeedSet } from '../pacs/seed';
import { launchChromium, serveStatic, watchContext, type PageLog, type StaticServer } from './harness';
import { downloadBytes, fillCts, imageToScreen, roiPixels } from './caseHelpers';

const USER = 'sonomir';
const PASSWORD = 'pacs-pw-1';
const OPERATOR = '张医生';
const TOKEN = 'tok-1';

const LUA = `
rejectNextSr = true
function ReceivedInstanceFilter(dicom, origin, info)
  if dicom.Modality == 'SR' and dicom.PatientID == 'SMR-0002' and rejectNextSr then
    rejectNextSr = false
    return false
  end
  return true
end
`;

/** How long a PACS status may take to change on this shared, loaded CI machine. */
const SLOW = { timeout: 20_000, interval: 250 };

/** Console errors a browser prints for an HTTP error or a dropped connection the test provoked. */
const PROVOKED =
  /^Failed to load resource: (the server responded with a status of (401|403|409|502)|net::ERR_)/;

describe('PACS (DICOMweb, real Orthanc) in Chromium', () => {
  let seed: SeedSet;
  let orthanc: OrthancInstance;
  let app: StaticServer;
  let open: PacsProxy;
  let basic: PacsProxy;
  let bearer: PacsProxy;
  let browser: Browser;
  const started = Date.now();
  // The first workstation's page (kept across the tests that follow its case).
  let ctx1: BrowserContext;
  let page1: Page;
  let log1: PageLog;
  let csvPacs = '';
  let probability1 = '';

  beforeAll(async () => {
    const missing = orthancMissing();
    if (missing) throw new Error(`The PACS browser tests need a local Orthanc: ${missing}`);
    [seed, orthanc, app, browser] = await Promise.all([
      makeSeedSet(),
      startOrthanc({ users: { [USER]: PASSWORD }, lua: LUA }),
      serveStatic(),
      launchChromium(),
    ]);
    await uploadToOrthanc(
      orthanc,
      seed.instances.map((i) => i.bytes),
    );
    [open, basic, bearer] = await Promise.all([
      startPacsProxy({ orthanc: orthanc.url, app: app.url, upstreamAuthorization: orthanc.authHeader }),
      startPacsProxy({ orthanc: orthanc.url, app: app.url }),
      startPacsProxy({
        orthanc: orthanc.url,
        app: app.url,
        bearerToken: TOKEN,
        upstreamAuthorization: orthanc.authHeader,
      }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([open?.close(), basic?.close(), bearer?.close(), app?.close()]);
    await orthanc?.stop();
    await seed?.cleanup();
    console.log(`PACS browser tests: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  });

  const p1 = () => seed.instances.find((i) => i.patientId === 'SMR-0001')!;
  const p2 = () => seed.instances.find((i) => i.patientId === 'SMR-0002')!;

  async function newPage(): Promise<{ context: BrowserContext; page: Page; log: PageLog }> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      acceptDownloads: true,
    });
    const log = watchContext(context);
    const page = await context.newPage();
    return { context, page, log };
  }

  /** Settings → PACS: on, authentication, secret, operator; saved. */
  async function configure(
    page: Page,
    base: string,
    auth: { kind: 'none' } | { kind: 'basic'; password: string } | { kind: 'bearer'; token: string },
  ) {
    await page.goto(`${base}#/settings`);
    const panel = page.getByRole('region', { name: 'PACS (DICOMweb)' });
    await panel.getByText('No PACS is configured: nothing is contacted.').waitFor();
    await panel.getByLabel('Use a PACS').check();
    expect(await panel.getByLabel('DICOMweb root URL').inputValue()).toBe('/dicom-web');
    if (auth.kind === 'basic') {
      await panel.getByLabel('User name and password (Basic)').check();
      await panel.getByLabel('User name', { exact: true }).fill(USER);
      await panel.getByLabel('Password', { exact: true }).fill(auth.password);
    } else if (auth.kind === 'bearer') {
      await panel.getByLabel('Access token (Bearer)').check();
      await panel.getByLabel('Access token', { exact: true }).fill(auth.token);
    }
    await panel.getByLabel('Operator name (written into each stored report)').fill(OPERATOR);
    await panel.getByRole('button', { name: 'Save PACS settings' }).click();
    await panel
      .getByRole('status', { name: 'Connection test result' })
      .getByText('PACS settings saved.')
      .waitFor();
  }

  async function testConnection(page: Page): Promise<string> {
    const panel = page.getByRole('region', { name: 'PACS (DICOMweb)' });
    await panel.getByRole('button', { name: 'Test connection' }).click();
    const status = panel.getByRole('status', { name: 'Connection test result' });
    await expect
      .poll(() => status.textContent())
      .not.toMatch(/^(Contacting the PACS…|PACS settings saved\.)$/);
    return (await status.textContent()) ?? '';
  }

  /** Case → Open from PACS → search by Patient ID → the study shown. */
  async function showStudy(page: Page, base: string, patientId: string, accession: string, date: string) {
    if (!page.url().endsWith('#/case')) await page.goto(`${base}#/case`);
    await page.getByRole('button', { name: 'Open from PACS' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open from PACS' });
    await dialog.getByLabel('Patient ID', { exact: true }).fill(patientId);
    await dialog.getByRole('button', { name: 'Search', exact: true }).click();
    await dialog.getByRole('button', { name: `Show study ${accession} of ${date}` }).click();
    return dialog;
  }

  /** Draws the same polygon (fixed screen points from image points) and waits for the 107 features. */
  async function drawLesion(page: Page): Promise<number> {
    await page
      .getByRole('region', { name: 'Image and ROI', exact: true })
      .locator('canvas')
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Polygon', exact: true }).click();
    const toScreen = await imageToScreen(page);
    const pts = [
      [228.4, 214.7],
      [421.2, 211.3],
      [436.8, 298.1],
      [331.5, 334.6],
      [222.9, 301.2],
    ].map(([x, y]) => toScreen(x, y));
    for (const [sx, sy] of pts) await page.mouse.click(sx, sy);
    await page.mouse.click(pts[0][0], pts[0][1]);
    await expect
      .poll(() => page.getByRole('status', { name: 'Feature extraction' }).textContent(), { timeout: 60_000 })
      .toBe('107 features');
    return roiPixels(page);
  }

  async function exportCsv(page: Page): Promise<string> {
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    return new TextDecoder().decode(await downloadBytes(dl));
  }

  async function chooseFrame(page: Page, frames: number, k: number) {
    await page.getByLabel(`Frame (1–${frames})`).fill(String(k));
    await page.getByRole('button', { name: 'Open frame', exact: true }).click();
    await page.getByText(`showing frame ${k} of ${frames}`).waitFor();
  }

  const pacsStatus = (page: Page) => page.getByRole('status', { name: 'PACS status' });
  const probabilityText = async (page: Page) => {
    const s = page.getByRole('status', { name: 'pCR probability' });
    await s.filter({ hasText: 'most similar patients' }).waitFor();
    return (await s.textContent()) ?? '';
  };

  it('contacts no PACS while none is configured (not one request to /dicom-web)', async () => {
    const { context, page, log } = await newPage();
    const seen: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/dicom-web')) seen.push(r.url());
    });
    await page.goto(`${open.url}#/case`);
    await page.getByRole('heading', { name: 'Lesion image' }).waitFor();
    await page.goto(`${open.url}#/settings`);
    await page.getByText('No PACS is configured: nothing is contacted.').waitFor();
    await page.goto(`${open.url}#/case`);
    await page.getByRole('heading', { name: 'Lesion image' }).waitFor();
    // The PACS bar is not shown (nothing to click that could contact a server).
    expect(await page.getByRole('button', { name: 'Open from PACS' }).count()).toBe(0);
    await page.waitForTimeout(500);
    expect(seen).toEqual([]);
    expect(open.requests).toEqual([]);
    expect(log.externalRequests).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });

  it('opens a JPEG multi-frame US instance from the PACS with features bit-identical to the dropped file, and stores the analysis as an SR', async () => {
    ({ context: ctx1, page: page1, log: log1 } = await newPage());
    const page = page1;
    const inst = p1();
    await configure(page, open.url, { kind: 'none' });
    expect(await testConnection(page)).toMatch(
      /^Connected: \/dicom-web answered a study search in [\d,]+ ms\.$/,
    );

    // 1. The same file dropped on the page: frame 2, the polygon, the features.
    await page.goto(`${open.url}#/case`);
    await page.getByLabel('Patient ID (pseudonym)').fill('PACS-T1');
    const dt = await page.evaluateHandle(
      ({ b64, name }) => {
        const bin = atob(b64);
        const arr = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) arr[i] = bin.charCodeAt(i);
        const d = new DataTransfer();
        d.items.add(new File([arr], name, { type: 'application/dicom' }));
        return d;
      },
      { b64: Buffer.from(inst.bytes).toString('base64'), name: 'p1-jpeg.dcm' },
    );
    await page.locator('section.image-panel').dispatchEvent('drop', { dataTransfer: dt });
    await chooseFrame(page, 4, 2);
    const pixelsDropped = await drawLesion(page);
    const csvDropped = await exportCsv(page);
    expect(csvDropped.trim().split('\n')).toHaveLength(108);

    // 2. Search by Patient ID; a name (non-ASCII) is refused with the explanation, before any request.
    await page.getByRole('button', { name: 'Open from PACS' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open from PACS' });
    await dialog.getByText(/Patient names cannot be searched/).waitFor();
    const before = open.requests.length;
    await dialog.getByLabel('Patient ID', { exact: true }).fill('王小红');
    await dialog.getByRole('button', { name: 'Search', exact: true }).click();
    const refused = dialog.getByRole('alert');
    await refused.waitFor();
    expect((await refused.textContent()) ?? '').not.toMatch(/pacs\.|code\./);
    expect(open.requests.length).toBe(before);
    await dialog.getByLabel('Patient ID', { exact: true }).fill(inst.patientId);
    await dialog.getByLabel('Study date from').fill('2025-03-01');
    await dialog.getByLabel('Study date to').fill('2025-03-31');
    await dialog.getByRole('button', { name: 'Search', exact: true }).click();
    const studies = dialog.getByRole('table', { name: 'Studies found' });
    await studies.waitFor();
    expect(await studies.locator('tbody tr').count()).toBe(1);
    // The Chinese name as stored (UTF-8, ISO_IR 192) is shown.
    expect(await studies.locator('tbody tr').textContent()).toContain('王^小红');
    await dialog.getByRole('button', { name: 'Show study ACC1001 of 2025-03-14' }).click();
    await dialog.getByText('No SonoMiR analysis of this study is in the PACS yet.').waitFor();
    const thumb = dialog.getByRole('img', { name: 'Preview of image 1' });
    await thumb.waitFor();
    expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await dialog.getByText('640 × 480 px, 4 frames').waitFor();
    await page.screenshot({ path: '/work/brief/screens/pacs-open-dialog.png' });

    // 3. Open image 1: retrieved whole in its original transfer syntax (the seed's bytes exactly).
    const [retrieve] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/instances/${inst.sopInstanceUid}`) && r.request().method() === 'GET',
      ),
      dialog.getByRole('button', { name: 'Open image 1', exact: true }).click(),
    ]);
    expect(await retrieve.request().headerValue('accept')).toContain('transfer-syntax=*');
    const parts = parseMultipart(new Uint8Array(await retrieve.body()), retrieve.headers()['content-type']);
    expect(Buffer.from(parts[0].body).equals(Buffer.from(inst.bytes))).toBe(true);
    await dialog.waitFor({ state: 'hidden' });
    await chooseFrame(page, 4, 2);
    const pixelsPacs = await drawLesion(page);
    expect(pixelsPacs).toBe(pixelsDropped);
    csvPacs = await exportCsv(page);
    // 107 features, every one bit-identical (the CSV carries full-precision values).
    expect(csvPacs).toBe(csvDropped);

    // 4. qPCR → probability → Store in PACS: "stored" only after the server's success.
    await fillCts(page);
    probability1 = await probabilityText(page);
    expect(await pacsStatus(page).textContent()).toBe('Not stored in the PACS');
    await page.getByRole('button', { name: 'Store in PACS' }).click();
    await expect.poll(() => pacsStatus(page).textContent(), SLOW).toMatch(/^Stored in PACS \(/);
    await page.screenshot({ path: '/work/brief/screens/pacs-stored.png' });

    // 5. The SR in Orthanc: dciodvfy 0 errors; Chinese names byte-exact with the source.
    const auth = { Authorization: orthanc.authHeader! };
    const found = (await (
      await fetch(`${orthanc.url}/tools/find`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ Level: 'Instance', Query: { PatientID: inst.patientId, Modality: 'SR' } }),
      })
    ).json()) as string[];
    expect(found).toHaveLength(1);
    const sr = new Uint8Array(
      await (await fetch(`${orthanc.url}/instances/${found[0]}/file`, { headers: auth })).arrayBuffer(),
    );
    const dir = await mkdtemp(path.join(tmpdir(), 'sonomir-sr-'));
    try {
      const file = path.join(dir, 'sr.dcm');
      await writeFile(file, sr);
      const v = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
      const report = `${v.stdout}\n${v.stderr}`;
      const errors = report.split('\n').filter((l) => /^Error/.test(l));
      expect(errors, report).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const raw = (bytes: Uint8Array, tag: string) => {
      const ds = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
      const el = ds.elements[tag];
      let end = el.dataOffset + el.length;
      while (end > el.dataOffset && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
      return Buffer.from(bytes.subarray(el.dataOffset, end));
    };
    expect(raw(sr, 'x00080005').toString('latin1')).toBe('ISO_IR 192');
    expect(raw(sr, 'x00100010').equals(raw(inst.bytes, 'x00100010'))).toBe(true);
    expect(raw(sr, 'x00100010').toString('utf8')).toBe(inst.patientName);
    const tags = (await (
      await fetch(`${orthanc.url}/instances/${found[0]}/simplified-tags`, { headers: auth })
    ).json()) as Record<string, unknown>;
    expect(tags.PatientName).toBe(inst.patientName);
    expect(tags.StudyInstanceUID).toBe(inst.studyInstanceUid);
    expect(JSON.stringify(tags)).toContain(OPERATOR);

    expect(log1.externalRequests).toEqual([]);
    expect(log1.consoleErrors).toEqual([]);
    expect(log1.pageErrors).toEqual([]);
  });

  it('a fresh browser (empty IndexedDB) finds the prior analysis and shows the same features and probability', async () => {
    const { context, page, log } = await newPage();
    const inst = p1();
    await configure(page, open.url, { kind: 'none' });
    const dialog = await showStudy(page, open.url, inst.patientId, 'ACC1001', '2025-03-14');
    const priors = dialog.getByRole('list', { name: 'SonoMiR analyses of this study in the PACS' });
    await priors.waitFor();
    expect(await priors.getByRole('listitem').count()).toBe(1);
    expect(await priors.textContent()).toContain(OPERATOR);
    await priors.getByRole('button', { name: /^Open the analysis of / }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('status')
      .filter({ hasText: /^Opened the analysis of .* from the PACS/ })
      .waitFor();
    await expect
      .poll(() => page.getByRole('status', { name: 'Feature extraction' }).textContent(), { timeout: 60_000 })
      .toBe('107 features');
    expect(await exportCsv(page)).toBe(csvPacs);
    expect(await probabilityText(page)).toBe(probability1);
    await page.screenshot({ path: '/work/brief/screens/pacs-prior-restored.png' });
    expect(log.externalRequests).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });

  it('PACS down: the analysis waits in the outbox (kept over a reload) and is sent automatically, or by "Send now", after recovery', async () => {
    const page = page1;
    // 502 from the gateway (upstream dead) → waiting; recovery → sent by the automatic sender.
    open.setDown('502');
    await page.getByRole('button', { name: 'Store in PACS' }).click();
    await expect.poll(() => pacsStatus(page).textContent(), SLOW).toBe('Waiting to be sent (1)');
    const why = page.getByRole('group', { name: 'PACS' }).getByRole('alert');
    expect(await why.textContent()).toMatch(/^Last attempt: /);
    expect(await why.textContent()).not.toMatch(/pacs\.|code\./);
    // Nothing lost: a reload still shows it waiting.
    await page.reload();
    await expect.poll(() => pacsStatus(page).textContent(), SLOW).toBe('Waiting to be sent (1)');
    open.setDown(false);
    await expect
      .poll(() => pacsStatus(page).textContent(), { timeout: 30_000, interval: 500 })
      .toMatch(/^Stored in PACS \(/);

    // Connection dropped → waiting; recovery → "Send now".
    open.setDown('reset');
    await page.getByRole('button', { name: 'Store in PACS' }).click();
    await expect.poll(() => pacsStatus(page).textContent(), SLOW).toBe('Waiting to be sent (1)');
    open.setDown(false);
    await page.getByRole('button', { name: 'Send now' }).click();
    await expect.poll(() => pacsStatus(page).textContent(), SLOW).toMatch(/^Stored in PACS \(/);
    expect(log1.consoleErrors.filter((e) => !PROVOKED.test(e))).toEqual([]);
    expect(log1.pageErrors).toEqual([]);
  });

  it('store rejected (FailedSOPSequence): the server’s reason is shown, the object kept, and stored on retry', async () => {
    const page = page1;
    const inst = p2();
    const dialog = await showStudy(page, open.url, inst.patientId, 'ACC1002', '2025-04-02');
    await dialog.getByRole('button', { name: 'Open image 1', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await drawLesion(page);
    await probabilityText(page);
    await page.getByRole('button', { name: 'Store in PACS' }).click();
    await expect.poll(() => pacsStatus(page).textContent(), SLOW).toBe('Rejected by the PACS');
    const reason = page.getByRole('group', { name: 'PACS' }).getByRole('alert');
    const text = (await reason.textContent()) ?? '';
    expect(text.length).toBeGreaterThan(10);
    expect(text).not.toMatch(/pacs\.|code\./);
    await page.screenshot({ path: '/work/brief/screens/pacs-rejected.png' });
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => pacsStatus(page).textContent(), SLOW).toMatch(/^Stored in PACS \(/);
    expect(log1.consoleErrors.filter((e) => !PROVOKED.test(e))).toEqual([]);
    expect(log1.pageErrors).toEqual([]);
    expect(log1.externalRequests).toEqual([]);
    await ctx1.close();
  });

  it('Basic authentication: a wrong password says so and asks again; the right one searches and opens', async () => {
    const { context, page, log } = await newPage();
    await configure(page, basic.url, { kind: 'basic', password: 'wrong' });
    const failed = await testConnection(page);
    expect(failed).toMatch(/^Connection failed: /);
    expect(failed).not.toMatch(/pacs\.|code\./);
    const ask = page.getByRole('dialog', { name: 'PACS sign-in needed' });
    await ask.getByText(`Enter the PACS password for “${USER}” again to continue.`).waitFor();
    await ask.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await ask.getByRole('button', { name: 'Sign in and retry' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(await testConnection(page)).toMatch(/^Connected: /);
    const inst = p2();
    const dialog = await showStudy(page, basic.url, inst.patientId, 'ACC1002', '2025-04-02');
    await dialog.getByRole('button', { name: 'Open image 1', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('section.image-panel').getByText('640 × 480 px').waitFor();
    // Every PACS request carried the Basic credentials (the proxy passes them to Orthanc).
    expect(basic.requests.filter((r) => r.status === 401).length).toBeGreaterThan(0);
    expect(basic.requests.at(-1)!.status).toBe(200);
    expect(log.externalRequests).toEqual([]);
    expect(log.consoleErrors.filter((e) => !PROVOKED.test(e))).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });

  it('Bearer token: read per request; a 401 asks for a new token, the waiting analysis is then sent', async () => {
    const { context, page, log } = await newPage();
    await configure(page, bearer.url, { kind: 'bearer', token: TOKEN });
    expect(await testConnection(page)).toMatch(/^Connected: /);
    const inst = p1();
    const dialog = await showStudy(page, bearer.url, inst.patientId, 'ACC1001', '2025-03-14');
    const priors = dialog.getByRole('list', { name: 'SonoMiR analyses of this study in the PACS' });
    await priors
      .getByRole('button', { name: /^Open the analysis of / })
      .first()
      .click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(() => page.getByRole('status', { name: 'Feature extraction' }).textContent(), { timeout: 60_000 })
      .toBe('107 features');
    await probabilityText(page);
    // The gateway's token rotates: the next store gets 401 → waiting + sign-in dialog → new token → sent.
    bearer.setBearerToken('tok-2');
    await page.getByRole('button', { name: 'Store in PACS' }).click();
    const ask = page.getByRole('dialog', { name: 'PACS sign-in needed' });
    await ask.getByText('Enter a valid access token to continue.').waitFor();
    await expect.poll(() => pacsStatus(page).textContent(), SLOW).toBe('Waiting to be sent (1)');
    await ask.getByLabel('Access token', { exact: true }).fill('tok-2');
    await ask.getByRole('button', { name: 'Sign in and retry' }).click();
    await expect.poll(() => pacsStatus(page).textContent(), SLOW).toMatch(/^Stored in PACS \(/);
    expect(bearer.requests.some((r) => r.status === 401)).toBe(true);
    expect(log.externalRequests).toEqual([]);
    expect(log.consoleErrors.filter((e) => !PROVOKED.test(e))).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });
});
