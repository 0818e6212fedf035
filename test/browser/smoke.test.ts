import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, serveStatic, watchContext, type StaticServer } from './harness';

describe('app shell in Chromium (production build)', () => {
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

  it('shows the product, navigates, and round-trips a transferred buffer through the worker', async () => {
    const context = await browser.newContext();
    const log = watchContext(context);
    const page = await context.newPage();
    await page.goto(server.url);
    await expect(page.getByRole('heading', { level: 1, name: 'SonoMiR' }).isVisible()).resolves.toBe(true);
    // The built app runs under its strict Content-Security-Policy (a violation would be a console error).
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Case', 'Cases', 'Model Studio', 'About']) {
      await expect(nav.getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true);
    }
    await nav.getByRole('link', { name: 'About' }).click();
    await page.getByRole('button', { name: 'Run worker self-test' }).click();
    const out = page.getByRole('status', { name: 'Worker self-test result' });
    await out.filter({ hasText: 'SHA-256' }).waitFor();
    const text = (await out.textContent()) ?? '';
    const expected = createHash('sha256').update('SonoMiR worker self-test').digest('hex');
    expect(text).toContain(expected);
    expect(text).toContain('of 24 bytes');
    expect(text).toContain('transferred: yes');
    expect(log.externalRequests).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await context.close();
  });

  it('opens and works with the network disconnected once loaded (service worker)', async () => {
    // No request routing in this context: Playwright routing would bypass the service worker.
    const context = await browser.newContext();
    const external: string[] = [];
    context.on('request', (r) => {
      if (!/^(https?:\/\/(127\.0\.0\.1|localhost)[:/]|data:|blob:)/.test(r.url())) external.push(r.url());
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Reload once so the page is controlled by the service worker, then cut the network.
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    // A full navigation (new document), served from the service worker's cache.
    await page.goto(server.url + '?offline=1#/about');
    await expect(page.getByRole('heading', { level: 1, name: 'SonoMiR' }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Run worker self-test' }).click();
    await page
      .getByRole('status', { name: 'Worker self-test result' })
      .filter({ hasText: 'transferred: yes' })
      .waitFor();
    expect(external).toEqual([]);
    await context.close();
  });
});
