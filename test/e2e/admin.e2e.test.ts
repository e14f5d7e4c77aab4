import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/platform/outbox/store.js';
import { axeViolations, launchBrowser, login, newContext, screenshot, watchPage } from './browser.js';
import { startWebServer, type WebServer } from './server.js';

let server: WebServer;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  server = await startWebServer();
  // one notification that failed for good, so the outbox screen has something to replay
  await server.database.db.transaction().execute(async (tx) => {
    const [id] = await enqueue(tx, [{ channel: 'sms', recipient: '13800001234', kind: 'case.accepted', body: '【罗庄区政务服务】测试通知' }], new Date().toISOString());
    await tx.updateTable('outbox' as never).set({ status: 'parked', attempts: 8, last_error: 'gateway timeout' } as never).where('id' as never, '=', id as never).execute();
  });
  browser = await launchBrowser();
  page = await (await newContext(browser)).newPage();
  problems = watchPage(page);
  await login(page, server.baseUrl, 'admin');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the administrator keeps the calendar and the notifications', () => {
  it('shows the year’s holidays and make-up workdays', async () => {
    await page.goto(`${server.baseUrl}/admin/calendar`);
    await page.locator('#cal-year').fill('2026');
    await page.locator('#cal-year').press('Enter');
    await expect.poll(() => page.getByText('国庆节').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('调休上班').count()).toBeGreaterThan(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-calendar');
  });

  it('refuses a year import with a bad row, naming the row, and imports nothing', async () => {
    await page.locator('#cal-import').fill(JSON.stringify([{ date: '2026-02-30', kind: 'off', name: 'x' }]));
    await page.getByRole('button', { name: /导入全年安排/ }).click();
    await expect.poll(() => page.locator('.ant-alert-error').count()).toBeGreaterThan(0);
    expect(await page.locator('.ant-alert-error').innerText()).toContain('#1');
    const still = await page.request.get(`${server.baseUrl}/api/v1/calendar/days?year=2026`);
    expect(((await still.json()) as { days: { name: string }[] }).days.some((d) => d.name === '国庆节')).toBe(true);
  });

  it('lists a failed notification and sends it again', async () => {
    await page.goto(`${server.baseUrl}/admin/outbox`);
    await expect.poll(() => page.getByText('gateway timeout').count()).toBe(1);
    expect(await page.getByText('13800001234').count()).toBe(0); // the phone is masked
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-outbox');
    await page.getByRole('button', { name: '重新发送' }).click();
    await expect.poll(() => page.getByText('gateway timeout').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
