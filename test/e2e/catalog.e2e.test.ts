import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, login, newContext, screenshot, watchPage } from './browser.js';
import { assertWebBuilt, startWebServer, type WebServer } from './server.js';
import { editWorkbook } from './xlsx.js';

/**
 * The web shell end to end, in Debian chromium against the real server and the demo district:
 * login, role navigation, catalog search, an item guide, English, large text, catalog admin
 * export → import, a phone-sized guide; axe-core finds no violations on any of those pages.
 */
describe('web shell: catalog in the browser', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  const url = (path: string) => `${server.baseUrl}${path}`;
  const expectAccessible = async (name: string) => {
    await screenshot(page, name);
    expect(await axeViolations(page), `axe violations on ${name}`).toEqual([]);
  };

  beforeAll(async () => {
    assertWebBuilt();
    server = await startWebServer();
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
    problems = watchPage(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves the login page under the strict CSP, accessibly', async () => {
    const res = await page.goto(url('/login'));
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(() => page.locator('h1').textContent()).toBe('登录一窗通');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expectAccessible('01-login');
  }, 60_000);

  it('shows the problem text for a wrong password', async () => {
    await page.locator('#login_username').fill('admin');
    await page.locator('#login_password').fill('wrong-password');
    await page.locator('form#login button[type="submit"]').click();
    const alert = page.locator('.ant-alert-error');
    await alert.waitFor();
    expect((await alert.textContent())?.length).toBeGreaterThan(2);
    expect(page.url()).toContain('/login');
  }, 30_000);

  it('logs the admin in and lands on the admin screen with its menu', async () => {
    await login(page, server.baseUrl, 'admin');
    expect(new URL(page.url()).pathname).toBe('/admin');
    const nav = page.getByRole('navigation', { name: '主菜单' });
    await expect.poll(() => nav.getByRole('link', { name: '办事指南' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: '事项管理' }).count()).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
  }, 30_000);

  it('searches the catalog from the menu', async () => {
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '办事指南' }).click();
    await page.waitForURL(/\/portal\/items/);
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-pagination-total-text').textContent()).toMatch(/共 515 项/);

    await page.getByLabel('关键词').fill('食品经营');
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await page.waitForURL(/q=%E9%A3%9F/);
    await expect.poll(async () => (await page.locator('.ant-table-row').allTextContents()).every((t) => t.includes('食品经营'))).toBe(true);
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await expectAccessible('02-catalog-search');
  }, 60_000);

  it('opens an item guide (办事指南) with materials, process and limits', async () => {
    const first = page.locator('.ant-table-row a').first();
    const name = (await first.textContent()) ?? '';
    await first.click();
    await page.waitForURL(/\/portal\/items\/[^/?]+$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe(name);
    for (const h of ['基本信息', '受理条件', '申请材料', '办理流程', '设定依据', '咨询与监督']) {
      expect(await page.getByRole('heading', { level: 2, name: h }).count(), h).toBe(1);
    }
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('承诺办结时限');
    expect(body).toMatch(/个工作日|即办/);
    await expectAccessible('03-guide-zh');
  }, 60_000);

  it('switches to English, persisted, with English labels and antd locale', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    for (const h of ['Basic information', 'Application materials', 'Process', 'Legal basis']) {
      expect(await page.getByRole('heading', { level: 2, name: h }).count(), h).toBe(1);
    }
    expect(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Service guide' }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Application materials' }).count()).toBe(1);
    await expectAccessible('04-guide-en');

    await page.goto(url('/portal/items?q=%E9%A3%9F%E5%93%81'));
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-pagination-total-text').textContent()).toMatch(/\d+ items/);
    expect(await page.getByRole('columnheader', { name: 'Service item' }).count()).toBe(1);
    await expectAccessible('05-catalog-en');
  }, 60_000);

  it('toggles large text (适老化), persisted', async () => {
    const fontSize = () => page.locator('main .ant-table-cell').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const before = await fontSize();
    await page.getByLabel('Large text').click();
    await expect.poll(fontSize).toBeGreaterThanOrEqual(20);
    expect(before).toBeLessThan(20);
    await page.reload();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await fontSize()).toBeGreaterThanOrEqual(20);
    await expectAccessible('06-catalog-en-large');
    await page.getByLabel('Large text').click();
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('zh-CN');
  }, 60_000);

  it('exports the catalog to Excel and re-imports it unchanged; a bad file is refused', async () => {
    await page.goto(url('/admin/catalog'));
    await page.locator('.ant-table-row').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出 Excel/ }).click()]);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');

    await page.getByTestId('catalog-import-file').setInputFiles(file);
    const done = page.locator('.ant-alert-success');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toMatch(/新增 0 项，更新 0 项，未变化 515 项/);

    // two bad rows: the whole file is refused and each bad cell is reported with sheet, row and column
    const bad = await editWorkbook(file, [
      ['事项', 3, '承诺办结时限（工作日）', 999],
      ['事项', 6, '事项名称', ''],
    ]);
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await page.getByTestId('catalog-import-file').setInputFiles({ name: 'bad.xlsx', mimeType: xlsx, buffer: bad });
    await page.locator('.ant-alert-error').waitFor({ timeout: 60_000 });
    expect(await page.locator('.ant-alert-error').textContent()).toContain('未导入任何数据');
    const report = page.locator('.ow-import-report');
    await report.waitFor();
    const headers = await report.locator('th').allTextContents();
    expect(headers).toEqual(['工作表', '行号', '列', '原因']);
    const rows = await report.locator('tbody tr').allTextContents();
    await screenshot(page, '07-catalog-admin-report');
    expect(rows.some((r) => r.startsWith('事项3承诺办结时限'))).toBe(true);
    expect(rows.some((r) => r.startsWith('事项6事项名称'))).toBe(true);
    await expectAccessible('07-catalog-admin-report');

    await page.getByTestId('catalog-import-file').setInputFiles({ name: 'junk.xlsx', mimeType: xlsx, buffer: Buffer.from('not a spreadsheet') });
    await expect.poll(() => page.locator('.ow-import-report').count()).toBe(0);
    await page.locator('.ant-alert-error').waitFor();
    await expectAccessible('07-catalog-admin');
  }, 120_000);

  it('reads a guide on a 390-px phone without sideways scrolling', async () => {
    const phone = await newContext(browser, { width: 390, height: 844, mobile: true });
    const p = await phone.newPage();
    const phoneProblems = watchPage(p);
    await p.goto(url('/portal/items?q=%E9%A3%9F%E5%93%81%E7%BB%8F%E8%90%A5'));
    await p.locator('.ant-table-row a').first().click();
    await p.getByRole('heading', { level: 2, name: '申请材料' }).waitFor();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await screenshot(p, '08-guide-phone');
    await screenshot(p, '08-guide-phone-top', { fullPage: false });
    expect(overflow).toBeLessThanOrEqual(1);
    await p.getByRole('button', { name: '打开菜单' }).click();
    await p.getByRole('dialog').getByRole('link', { name: '办事指南' }).waitFor();
    await p.waitForTimeout(400); // the drawer slides in
    await screenshot(p, '09-phone-menu', { fullPage: false });
    expect(await axeViolations(p), 'axe violations on the phone menu').toEqual([]);
    expect(phoneProblems).toEqual([]);
    await phone.close();
  }, 60_000);

  it('logged no console errors or CSP refusals', () => {
    expect(problems).toEqual([]);
  });
});
