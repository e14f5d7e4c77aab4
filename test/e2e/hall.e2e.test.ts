import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, login, newContext, screenshot, watchPage } from './browser.js';
import { assertWebBuilt, startWebServer, type WebServer } from './server.js';

/**
 * The hall screens end to end, in Debian chromium against the real server and the demo district
 * (SQLite, or PostgreSQL with TEST_DB=postgres): the hall display board is open while a guest takes
 * a ticket at the kiosk (the board's waiting count goes up), clerk01 signs in at window 1 and calls
 * it (the board shows the call within one second of the call-next response), starts and finishes
 * it; the manager sees the live board and the day's statistics; an applicant books and cancels. axe-core finds no violations on
 * any of those screens; screenshots go to /tmp/ow-shots/hall-*.png.
 */
describe('hall screens: kiosk → display → window calling → manager', () => {
  let server: WebServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: Record<string, string[]> = {};
  let display: Page;
  let kiosk: Page;
  let clerk: Page;
  let mgr: Page;
  let ticketNumber = '';

  const url = (path: string) => `${server.baseUrl}${path}`;
  const open = async (name: string, size: { width: number; height: number }) => {
    const ctx = await newContext(browser, size);
    contexts.push(ctx);
    const page = await ctx.newPage();
    problems[name] = watchPage(page);
    return page;
  };
  const expectAccessible = async (page: Page, name: string) => {
    await screenshot(page, name, { fullPage: false });
    expect(await axeViolations(page), `axe violations on ${name}`).toEqual([]);
  };
  const waitingA = (page: Page) => page.locator('.hall-wait[data-category="A"] .hall-wait-count').textContent();

  beforeAll(async () => {
    assertWebBuilt();
    server = await startWebServer();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('shows the hall board live, dark and accessible at 1920×1080', async () => {
    display = await open('display', { width: 1920, height: 1080 });
    const res = await display.goto(url('/display/C00'));
    expect(res?.status()).toBe(200);
    await expect.poll(() => display.locator('h1').textContent()).toContain('罗庄区政务服务中心');
    await display.locator('.hall-tile[data-window="15"]').waitFor();
    expect(await display.locator('.hall-tile').count()).toBe(15);
    expect(await waitingA(display)).toBe('0');
    expect(await display.getByRole('button', { name: '开启语音播报' }).count()).toBe(1);
    // the app's header is not shown on a full-screen hall screen
    expect(await display.locator('.ow-header').isVisible()).toBe(false);
    await expectAccessible(display, 'hall-display-idle');
  }, 60_000);

  it('takes a guest ticket at the kiosk; the board’s waiting count for A goes up', async () => {
    kiosk = await open('kiosk', { width: 1080, height: 1920 });
    await kiosk.goto(url('/kiosk/C00'));
    await kiosk.getByRole('button', { name: /^取号/ }).waitFor();
    await expectAccessible(kiosk, 'hall-kiosk-portrait-start');
    // every touch target of the start screen is at least 64 px high
    const heights = await kiosk.locator('.hall-kiosk button').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(64);

    await kiosk.getByRole('button', { name: /^取号/ }).click();
    await kiosk.locator('[data-category="A"]').click();
    await kiosk.getByRole('button', { name: '直接取号' }).waitFor();
    await expectAccessible(kiosk, 'hall-kiosk-portrait-options');
    await kiosk.getByRole('button', { name: '直接取号' }).click();
    const number = kiosk.locator('.hall-k-number');
    await number.waitFor();
    ticketNumber = (await number.textContent()) ?? '';
    expect(ticketNumber).toMatch(/^A\d{3}$/);
    expect(await kiosk.locator('.hall-k-ahead').textContent()).toContain('前面还有 0 人等候');
    expect(await kiosk.locator('.hall-receipt-text').textContent()).toContain(`排队号：${ticketNumber}`);
    await expectAccessible(kiosk, 'hall-kiosk-portrait-ticket');

    await expect.poll(() => waitingA(display), { timeout: 5_000 }).toBe('1');
  }, 60_000);

  it('fits a landscape kiosk (1366×768) too', async () => {
    await kiosk.setViewportSize({ width: 1366, height: 768 });
    await screenshot(kiosk, 'hall-kiosk-landscape-ticket', { fullPage: false });
    await kiosk.getByRole('button', { name: '完成' }).click();
    await kiosk.getByRole('button', { name: /^取号/ }).waitFor();
    await screenshot(kiosk, 'hall-kiosk-landscape-start', { fullPage: false });
    await kiosk.getByRole('button', { name: /^取号/ }).click();
    await kiosk.locator('[data-category="A"]').click();
    await kiosk.getByRole('button', { name: '直接取号' }).waitFor();
    await expectAccessible(kiosk, 'hall-kiosk-landscape-options');
    // the navigation stays on screen
    const nav = await kiosk.locator('.hall-k-nav').boundingBox();
    expect(nav && nav.y + nav.height).toBeLessThanOrEqual(768);
    await kiosk.getByRole('button', { name: '回到首页' }).click();
  }, 60_000);

  it('lets clerk01 sign in at window 1 and call the ticket: the board shows it within 1 s', async () => {
    clerk = await open('clerk', { width: 1366, height: 900 });
    await login(clerk, server.baseUrl, 'clerk01');
    await clerk.goto(url('/hall/window'));
    await expect.poll(() => clerk.locator('h1').textContent()).toBe('窗口叫号');
    const signInButton = clerk.getByRole('button', { name: /签\s*到/ });
    await signInButton.waitFor();
    await expect.poll(() => clerk.locator('.hall-panel .ant-select').textContent()).toContain('1号窗口（综合受理）');
    await expectAccessible(clerk, 'hall-window-signin');
    await signInButton.click();
    const callButton = clerk.getByRole('button', { name: /叫号/ });
    await callButton.waitFor();
    await expect.poll(() => clerk.locator('.hall-p-wait-total').getAttribute('data-waiting')).toBe('1');

    // the board records when window 1 first shows the number
    await display.evaluate((number) => {
      const w = window as unknown as { __shownAt?: number };
      const shows = () => document.querySelector('.hall-tile[data-window="1"] .hall-tile-number')?.textContent === number;
      const obs = new MutationObserver(() => {
        if (!w.__shownAt && shows()) {
          w.__shownAt = Date.now();
          obs.disconnect();
        }
      });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true });
    }, ticketNumber);

    const [response] = await Promise.all([clerk.waitForResponse((r) => r.url().endsWith('/call-next') && r.request().method() === 'POST'), callButton.click()]);
    expect(response.status()).toBe(200);
    const timing = response.request().timing();
    const answeredAt = timing.startTime + timing.responseEnd;
    const body = (await response.json()) as { ticket: { number: string }; announcement: string };
    expect(body.ticket.number).toBe(ticketNumber);
    expect(body.announcement).toBe(`请${ticketNumber}号到1号窗口办理`);

    const shownAt = await display
      .waitForFunction(() => (window as unknown as { __shownAt?: number }).__shownAt, undefined, { timeout: 5_000 })
      .then((h) => h.jsonValue() as Promise<number>);
    const latency = Math.max(0, shownAt - answeredAt);
    console.log(`[hall e2e] display showed ${ticketNumber} at window 1 ${shownAt - answeredAt} ms after the call-next response`);
    expect(latency).toBeLessThan(1000);

    expect(await display.locator('.hall-d-hero-number').textContent()).toBe(ticketNumber);
    expect(await display.locator('.hall-d-hero-window').textContent()).toBe('1号窗口');
    expect(await display.locator('.hall-recent li').first().textContent()).toContain(ticketNumber);
    expect(await waitingA(display)).toBe('0');
    await screenshot(display, 'hall-display-call', { fullPage: false });

    await expect.poll(() => clerk.locator('.hall-p-number').textContent()).toBe(ticketNumber);
    await expectAccessible(clerk, 'hall-window-called');
  }, 60_000);

  it('starts and finishes the ticket (F3); the board frees window 1', async () => {
    await clerk.getByRole('button', { name: '开始办理' }).click();
    await expect.poll(() => clerk.locator('.hall-p-current .ant-tag').allTextContents()).toContain('办理中');
    await expect.poll(() => display.locator('.hall-tile[data-window="1"] .hall-tile-foot').textContent()).toBe('办理中');
    await clerk.keyboard.press('F3');
    await expect.poll(() => clerk.locator('.hall-p-current').textContent()).toContain('当前无办理中的号');
    await expect.poll(() => display.locator('.hall-tile[data-window="1"] .hall-tile-number').textContent()).toBe('空闲');
    expect(await display.locator('.hall-tile[data-window="1"] .hall-tile-foot').textContent()).toBe('工作人员在岗');
    await expectAccessible(display, 'hall-display-after');

    const ws = await open('wscreen', { width: 1280, height: 480 });
    await ws.goto(url('/display/C00/window/1'));
    await expect.poll(() => ws.locator('.hall-ws-foot').textContent()).toContain('工作人员：');
    await expectAccessible(ws, 'hall-window-screen');
  }, 60_000);

  it('shows the manager the live board and the day’s statistics', async () => {
    mgr = await open('manager', { width: 1366, height: 900 });
    await login(mgr, server.baseUrl, 'manager01');
    await mgr.goto(url('/hall-admin'));
    await expect.poll(() => mgr.locator('h1').textContent()).toContain('大厅管理');
    const row1 = mgr.locator('.ant-table-row').filter({ hasText: '1号窗口（综合受理）' }).first();
    await row1.waitFor();
    await expect.poll(() => row1.textContent()).toMatch(/签\s*退/);
    await expectAccessible(mgr, 'hall-admin-board');

    await mgr.getByRole('tab', { name: '日统计' }).click();
    await mgr.locator('.hall-a-chart').waitFor();
    const catA = mgr.locator('.ant-table-row').filter({ hasText: 'A 综合受理' }).first();
    await expect.poll(() => catA.locator('td').nth(1).textContent()).toBe('1');
    expect(await catA.locator('td').nth(2).textContent()).toBe('1');
    await expectAccessible(mgr, 'hall-admin-stats');
  }, 60_000);

  it('lets an applicant book and cancel an appointment', async () => {
    const app = await open('applicant', { width: 1366, height: 900 });
    await login(app, server.baseUrl, '371311198503122015');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const next = (await (await app.request.get(url(`/api/v1/calendar/working-days?from=${today}&add=1`))).json()) as { date: string };
    // the manager opens slots for that day (the test seed has none)
    const generated = await mgr.evaluate(async (day) => {
      const r = await fetch('/api/v1/halls/C00/slots/generate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: day, to: day, categories: ['A'], capacity: 5 }),
      });
      return r.status;
    }, next.date);
    expect(generated).toBe(200);
    await app.goto(url('/portal/appointments'));
    await expect.poll(() => app.locator('h1').textContent()).toBe('预约办事');
    await app.locator('input[type="date"]').fill(next.date);
    const bookButton = app.getByRole('button', { name: /^预\s*约$/ }).first();
    await bookButton.waitFor();
    await bookButton.click();
    const row = app.locator('.ant-table-row').filter({ hasText: '已预约' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain(next.date);
    await expectAccessible(app, 'hall-appointments');
    await row.getByRole('button', { name: '取消预约' }).click();
    await app.locator('.ant-popconfirm').getByRole('button', { name: '取消预约' }).click();
    await expect.poll(() => app.locator('.ant-table-row').filter({ hasText: '已取消' }).count()).toBe(1);
  }, 60_000);

  it('logged no console errors, page errors or failed requests', () => {
    expect(problems).toEqual({ display: [], kiosk: [], clerk: [], wscreen: [], manager: [], applicant: [] });
  });
});
