/**
 * Two languages in Chromium (production build): switch to 中文 in the header, the navigation and the
 * screens' headings are Chinese and <html lang> is zh-CN; the choice survives a reload; switching back
 * restores the English accessible names. No console errors (a missing translation key is one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, serveStatic, watchContext, type StaticServer } from './harness';

describe('language switch: English ⇄ 中文, persisted', () => {
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

  it('switches to Chinese, keeps it across a reload, and switches back', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const log = watchContext(context);
    const page = await context.newPage();
    await page.goto(`${server.url}#/cases`);

    // English is the default.
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    const language = page.getByRole('combobox', { name: 'Language', exact: true });
    await expect(language.inputValue()).resolves.toBe('en');
    await page.getByRole('heading', { level: 2, name: 'Cases' }).waitFor();

    await language.selectOption({ label: '中文' });
    const nav = page.getByRole('navigation', { name: '主导航' });
    for (const name of ['病例', '病例列表', '模型工作室', '关于']) {
      await expect(nav.getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true);
    }
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(page.getByRole('heading', { level: 2, name: '病例列表' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: '新建病例' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('columnheader', { name: '患者编号' }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => localStorage.getItem('sonomir.language'))).resolves.toBe('zh-CN');

    // Model Studio and About in Chinese.
    await nav.getByRole('link', { name: '模型工作室', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: '模型工作室' }).waitFor();
    await expect(page.getByRole('button', { name: '载入演示队列' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { level: 3, name: '模型库' }).isVisible()).resolves.toBe(true);
    await nav.getByRole('link', { name: '关于', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: '关于 SonoMiR' }).waitFor();

    // The choice survives a reload.
    await page.reload();
    const languageZh = page.getByRole('combobox', { name: '语言', exact: true });
    await expect(languageZh.inputValue()).resolves.toBe('zh-CN');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await page.getByRole('heading', { level: 2, name: '关于 SonoMiR' }).waitFor();
    await expect(page.getByRole('button', { name: '运行后台线程自检' }).isVisible()).resolves.toBe(true);
    await expect(
      page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '病例列表' }).isVisible(),
    ).resolves.toBe(true);

    // The Case screen in Chinese.
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '病例', exact: true })
      .click();
    await page.getByRole('heading', { level: 2, name: '病例', exact: true }).waitFor();
    await expect(page.getByLabel('患者编号（化名）').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('超声图像', { exact: true }).count()).resolves.toBe(1);
    // A demo patient: the ROI tools, the qPCR entry and the probability are Chinese too.
    await page.getByRole('button', { name: '载入演示病例' }).click();
    const probability = page.getByRole('status', { name: '病理完全缓解 (pCR) 概率' });
    await probability.filter({ hasText: '%' }).waitFor();
    await expect(probability.textContent()).resolves.toContain('达到病理完全缓解的概率');
    const tools = page.getByRole('toolbar', { name: 'ROI 工具' });
    for (const name of ['多边形', '自由绘制', '画笔', '橡皮擦', '撤销', '重做']) {
      await expect(tools.getByRole('button', { name, exact: true }).count()).resolves.toBe(1);
    }
    // The image canvas (and its view bar) is a lazily loaded chunk: wait for it, do not race it.
    await page.getByRole('button', { name: '适应窗口', exact: true }).waitFor();
    await expect(page.getByRole('button', { name: '适应窗口', exact: true }).count()).resolves.toBe(1);
    await expect(
      page.getByRole('textbox', { name: 'miR-34a Ct（复孔 1）', exact: true }).count(),
    ).resolves.toBe(1);
    await expect(
      page.getByRole('textbox', { name: '校准品 U6 Ct（复孔 2）', exact: true }).count(),
    ).resolves.toBe(1);
    await expect(page.getByRole('heading', { name: '手术病理结局' }).count()).resolves.toBe(1);

    // Back to English: every accessible name the other tests rely on is English again.
    await languageZh.selectOption({ label: 'English' });
    const navEn = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Case', 'Cases', 'Model Studio', 'About']) {
      await expect(navEn.getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true);
    }
    await expect(page.getByRole('button', { name: 'Load demo case' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('status', { name: 'pCR probability' }).textContent()).resolves.toContain(
      'chance of pathological complete response',
    );
    for (const name of ['Polygon', 'Undo', 'Redo', 'Zoom to fit']) {
      await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(1);
    }
    await expect(page.getByLabel('Calibrator U6 Ct (replicate 2)').count()).resolves.toBe(1);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Language', exact: true }).inputValue()).resolves.toBe(
      'en',
    );
    await expect(page.evaluate(() => localStorage.getItem('sonomir.language'))).resolves.toBe('en');

    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.externalRequests).toEqual([]);
    await context.close();
  });
});
