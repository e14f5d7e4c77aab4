import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../../src/platform/files/testing.js';
import { residentIdCheckDigit } from '../../src/platform/identifiers.js';
import { demoApplicants } from '../../src/seed/people.js';
import { axeViolations, launchBrowser, login, newContext, screenshot, tick, watchPage } from './browser.js';
import { assertWebBuilt, startWebServer, type WebServer } from './server.js';

interface Material {
  code: string;
  name: string;
  required: boolean;
  deferrable: boolean;
  commitmentReplaceable: boolean;
  licenseTypeCode: string | null;
}
interface Item {
  code: string;
  name: string;
  caseKind: number;
  departmentCode: string;
  promisedLimitDays: number;
  commitmentAllowed: boolean;
  materials: Material[];
  steps: unknown[];
}

/** A new applicant registered at the desk: a rare character in the name (documents must print it). */
const FIRST17 = '37131119880606123';
const NEW_ID = FIRST17 + residentIdCheckDigit(FIRST17);
const BAD_ID = FIRST17 + (residentIdCheckDigit(FIRST17) === '0' ? '1' : '0');
const NEW_NAME = '周燊';
/** 临沂市罗庄区鑫源餐饮管理有限公司 holds a 营业执照 e-licence in the demo district. */
const XINYUAN_USCC = (demoApplicants.find((a) => a.name === '临沂市罗庄区鑫源餐饮管理有限公司') as { uscc: string }).uscc;
/** 李犇 has a portal login (username = his ID number) in the demo district. */
const LI_ID = '371311199007081538';

/**
 * 办件 in the browser, against the real server and the demo district (SQLite, or PostgreSQL with
 * TEST_DB=postgres): a clerk at /desk registers an applicant on the spot (with a field error
 * first), gives a one-time notice listing the missing material, completes it on the same case;
 * accepts a commitment-allowed item with ONE material deferred (容缺) and ONE committed (告知承诺),
 * the rest paper-checked, and opens the acceptance notice PDF; the department's approver grants
 * it, the certificate window issues and mails it (through the API with their own sessions); the
 * public progress page shows 已办结. An applicant applies online at 390 px and sees the case;
 * the desk pre-reviews it. axe-core finds nothing on any of these screens.
 */
describe('cases: /desk intake, back office, certificate window, public progress', () => {
  let server: WebServer;
  let browser: Browser;
  let clerkCtx: BrowserContext;
  let page: Page;
  let problems: string[];
  let item: Item;
  let deferCode = '';
  let commitCode = '';
  let noticeCaseNo = '';
  let acceptedCaseNo = '';
  let onlineCaseNo = '';

  const url = (path: string) => `${server.baseUrl}${path}`;
  const expectAccessible = async (p: Page, name: string) => {
    await screenshot(p, name);
    expect(await axeViolations(p), `axe violations on ${name}`).toEqual([]);
  };
  const noSidewaysScroll = async (p: Page) =>
    expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const row = (p: Page, code: string): Locator => p.locator(`fieldset[data-code="${code}"]`);
  const choose = async (p: Page, code: string, way: string) => {
    await row(p, code).locator('label.ant-radio-button-wrapper', { hasText: new RegExp(`^${way}$`) }).click();
  };
  /** POST with the session of `req` (our Origin, as the server demands for unsafe methods). */
  const post = async (req: APIRequestContext, path: string, body: unknown) => {
    const res = await req.post(url(path), { data: body, headers: { Origin: server.baseUrl } });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
    return (await res.json()) as { version: number; status: string; currentStep: number | null; steps: unknown[]; allowedActions: string[] };
  };
  const pdfOk = async (req: APIRequestContext, href: string | null) => {
    expect(href).toBeTruthy();
    const res = await req.get(url(href!));
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    expect((await res.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  };

  /** Picks the item at the desk (Enter to search) and identifies the applicant by code (Enter to look up). */
  async function startIntake(code: string, itemName = item.name) {
    await page.goto(url('/desk'));
    await expect.poll(() => page.locator('h1').textContent()).toBe('综合受理');
    const q = page.locator('#desk-item-q');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('desk-item-q');
    await q.fill(itemName);
    await q.press('Enter');
    await page.locator('.ow-desk-item', { hasText: itemName }).first().click();
    await page.getByTestId('desk-item').getByText(itemName).waitFor();
    // focus moved on to the applicant's code
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('desk-applicant-code');
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
  }

  beforeAll(async () => {
    assertWebBuilt();
    server = await startWebServer();
    browser = await launchBrowser();
    clerkCtx = await newContext(browser);
    page = await clerkCtx.newPage();
    problems = watchPage(page);
    await login(page, server.baseUrl, 'clerk01');

    // a commitment-allowed 承诺件 with one deferrable material and another commitment-replaceable one
    for (let p = 1; p <= 10 && !item; p++) {
      const list = (await (await page.request.get(url(`/api/v1/items?commitment=true&caseKind=2&pageSize=50&page=${p}`))).json()) as { items: { code: string }[] };
      if (!list.items.length) break;
      for (const s of list.items) {
        const d = (await (await page.request.get(url(`/api/v1/items/${s.code}`))).json()) as Item;
        const def = d.materials.find((m) => m.required && m.deferrable);
        const com = d.materials.find((m) => m.required && m.commitmentReplaceable && m !== def);
        if (d.caseKind === 2 && d.promisedLimitDays > 0 && def && com && d.steps.length > 0) {
          item = d;
          deferCode = def.code;
          commitCode = com.code;
          break;
        }
      }
    }
    expect(item, 'a commitment-allowed item with deferrable materials').toBeTruthy();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers the applicant on the spot (field error first) and gives a one-time notice listing the missing material', async () => {
    await startIntake(BAD_ID);
    await expectAccessible(page, 'case-01-desk-register');
    // the not-registered code is carried into the registration form
    expect(await page.locator('#desk-register_code').inputValue()).toBe(BAD_ID);
    await page.locator('#desk-register_name').fill(NEW_NAME);
    await page.locator('#desk-register_phone').fill('13905398888');
    await page.getByRole('button', { name: /登记并选用/ }).click();
    // the server's check-digit error is shown at the field
    const fieldError = page.locator('#desk-register_code_help');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/校验|身份证/);
    await screenshot(page, 'case-02-desk-register-error');
    await page.locator('#desk-register_code').fill(NEW_ID);
    await page.getByRole('button', { name: /登记并选用/ }).click();
    await page.getByTestId('desk-applicant').getByText(NEW_NAME).waitFor();

    // the checklist: every material of the item, one row each
    for (const m of item.materials) await row(page, m.code).waitFor();
    const accept = page.getByRole('button', { name: /^受\s*理$/ });
    expect(await accept.isDisabled()).toBe(true);
    await page.getByRole('button', { name: '其余必需材料均已核验纸质原件' }).click();
    expect(await accept.isEnabled()).toBe(true);
    // leave one required material missing: 受理 is disabled and 一次性告知 is the action
    const missing = item.materials.find((m) => m.required && m.code !== deferCode && m.code !== commitCode)!;
    await choose(page, missing.code, '缺');
    expect(await accept.isDisabled()).toBe(true);
    expect(await page.getByTestId('desk-missing').textContent()).toContain(missing.name);
    await expectAccessible(page, 'case-03-desk-checklist-missing');
    await page.getByRole('button', { name: /一次性告知/ }).click();

    const result = page.getByTestId('desk-result');
    await result.waitFor();
    noticeCaseNo = ((await result.getByTestId('case-no').textContent()) ?? '').trim();
    expect(noticeCaseNo).toMatch(/^371311\d{14}$/);
    expect(await result.getByTestId('result-missing').textContent()).toContain(missing.name);
    const link = result.locator('a[data-kind="one-time-notice"]');
    expect(await link.textContent()).toContain('一次性告知书');
    expect(await link.getAttribute('target')).toBe('_blank');
    await pdfOk(page.request, await link.getAttribute('href'));
    await expectAccessible(page, 'case-04-desk-notice-result');
  }, 120_000);

  it('lists the case under today at my hall and completes it on the same case (补齐材料)', async () => {
    await page.getByRole('button', { name: /受理下一件/ }).click();
    const today = page.getByTestId('desk-today');
    await today.getByText(noticeCaseNo).waitFor();
    await today.getByRole('link', { name: new RegExp(noticeCaseNo) }).click();
    await page.waitForURL(`**/desk/cases/${noticeCaseNo}`);
    const form = page.getByTestId('update-complete');
    await form.waitFor();
    expect(await page.locator('.ow-case-timeline').textContent()).toContain('待补齐材料');
    await expectAccessible(page, 'case-05-desk-case-pending');
    const m = item.materials.find((x) => x.required && x.code !== deferCode && x.code !== commitCode)!;
    await row(page, m.code).locator('label.ant-radio-button-wrapper', { hasText: /^已收取$/ }).click();
    await tick(row(page, m.code).getByRole('checkbox', { name: /纸质原件已核验/ }));
    await form.getByRole('button', { name: /补齐材料并受理/ }).click();
    await expect.poll(() => page.locator('.ow-case-status-line').textContent(), { timeout: 10_000 }).toContain('已受理');
    await page.locator('a[data-kind="acceptance-notice"]').waitFor();
    await expectAccessible(page, 'case-06-desk-case-completed');
  }, 60_000);

  it('accepts with ONE material deferred (容缺) and ONE committed (告知承诺), the rest paper-checked, and opens the acceptance notice', async () => {
    await startIntake(NEW_ID);
    await page.getByTestId('desk-applicant').getByText(NEW_NAME).waitFor();
    await row(page, deferCode).waitFor();
    await expectAccessible(page, 'case-07-desk-checklist');
    await choose(page, deferCode, '容缺');
    const date = row(page, deferCode).locator('input[type="date"]');
    const max = await date.getAttribute('max');
    expect(max).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await date.inputValue()).toBe(max);
    await choose(page, commitCode, '告知承诺');
    await page.getByRole('button', { name: '其余必需材料均已核验纸质原件' }).click();
    expect(await page.locator('.ow-desk-counts').textContent()).toMatch(/告知承诺 1 项 · 容缺 1 项 · 缺 0 项/);
    await tick(page.getByRole('radio', { name: '免费邮寄' }));
    await expectAccessible(page, 'case-08-desk-ready');
    await page.getByRole('button', { name: /^受\s*理$/ }).click();

    const result = page.getByTestId('desk-result');
    await result.waitFor();
    acceptedCaseNo = ((await result.getByTestId('case-no').textContent()) ?? '').trim();
    expect(acceptedCaseNo).toMatch(/^371311\d{14}$/);
    expect(await result.textContent()).toContain('已受理');
    for (const [kind, name] of [
      ['acceptance-notice', '受理通知书'],
      ['deferral-notice', '容缺受理通知书'],
      ['commitment', '告知承诺书'],
    ]) {
      expect(await result.locator(`a[data-kind="${kind}"]`).textContent()).toContain(name);
    }
    const link = result.locator('a[data-kind="acceptance-notice"]');
    expect(await link.getAttribute('target')).toBe('_blank');
    await pdfOk(page.request, await link.getAttribute('href'));
    // clicking opens a new tab on the PDF
    const [tab] = await Promise.all([clerkCtx.waitForEvent('page'), link.click()]);
    await tab.waitForLoadState('domcontentloaded').catch(() => undefined);
    expect(tab.url()).toContain(`/api/v1/cases/${acceptedCaseNo}/documents/acceptance-notice.pdf`);
    await tab.close();
    await expectAccessible(page, 'case-09-desk-accepted');

    const c = (await (await page.request.get(url(`/api/v1/cases/${acceptedCaseNo}`))).json()) as { status: string; materials: { code: string; satisfiedBy: string | null }[] };
    expect(c.status).toBe('accepted');
    const by = Object.fromEntries(c.materials.map((m) => [m.code, m.satisfiedBy]));
    expect(by[deferCode]).toBe('deferred');
    expect(by[commitCode]).toBe('commitment');
  }, 120_000);

  it('the department approver grants it, the certificate window issues and mails it (API with their sessions)', async () => {
    const approver = `approver${item.departmentCode.slice(1)}`;
    const aCtx = await newContext(browser);
    const aPage = await aCtx.newPage();
    await login(aPage, server.baseUrl, approver);
    const get = async () => (await (await aPage.request.get(url(`/api/v1/cases/${acceptedCaseNo}`))).json()) as { version: number; status: string; currentStep: number | null; steps: unknown[] };
    let c = await post(aPage.request, `/api/v1/cases/${acceptedCaseNo}/actions/claim`, { expectedVersion: (await get()).version });
    while ((c.currentStep ?? 0) < c.steps.length - 1) {
      c = await post(aPage.request, `/api/v1/cases/${acceptedCaseNo}/actions/pass`, { expectedVersion: c.version, opinion: '材料齐全，同意' });
      c = await post(aPage.request, `/api/v1/cases/${acceptedCaseNo}/actions/claim`, { expectedVersion: c.version });
    }
    c = await post(aPage.request, `/api/v1/cases/${acceptedCaseNo}/actions/decide`, { expectedVersion: c.version, outcome: 'grant', reason: '符合法定条件，准予许可' });
    expect(c.status).toBe('granted');
    await aCtx.close();

    const cCtx = await newContext(browser);
    const cPage = await cCtx.newPage();
    await login(cPage, server.baseUrl, 'cert01');
    c = await post(cPage.request, `/api/v1/cases/${acceptedCaseNo}/actions/issue`, { expectedVersion: c.version });
    expect(c.status).toBe('issued');
    c = await post(cPage.request, `/api/v1/cases/${acceptedCaseNo}/actions/deliver`, {
      expectedVersion: c.version,
      delivery: { mode: 'mail', trackingNo: 'EMS1180023456', carrier: 'EMS', address: '山东省临沂市罗庄区罗庄街道沂河路 188 号' },
    });
    expect(c.status).toBe('delivered');
    c = await post(cPage.request, `/api/v1/cases/${acceptedCaseNo}/actions/conclude`, { expectedVersion: c.version });
    expect(c.status).toBe('concluded');
    await cCtx.close();

    // the desk's case page shows the whole story
    await page.goto(url(`/desk/cases/${acceptedCaseNo}`));
    await expect.poll(() => page.locator('.ow-case-status-line').textContent()).toContain('已办结');
    const tl = (await page.locator('.ow-case-timeline').textContent()) ?? '';
    for (const s of ['受理', '准予许可', '已出证', '已送达', '已办结']) expect(tl).toContain(s);
    expect(await page.locator('.ow-case-facts').textContent()).toContain('EMS1180023456');
    await expectAccessible(page, 'case-10-desk-case-concluded');
  }, 120_000);

  it('the public progress page (no login, 390 px) says 已办结; a wrong ID tail gets a clear error', async () => {
    const ctx = await newContext(browser, { width: 390, height: 844, mobile: true });
    const p = await ctx.newPage();
    const pProblems = watchPage(p);
    await p.goto(url('/portal/progress'));
    await expect.poll(() => p.locator('h1').textContent()).toBe('办件进度查询');
    await p.getByRole('button', { name: /查询进度/ }).click();
    await p.getByText('请输入办件编号').waitFor();
    await expectAccessible(p, 'case-11-progress-empty');
    await p.locator('#progress_caseNo').fill(acceptedCaseNo);
    await p.locator('#progress_idTail').fill('0000');
    await p.getByRole('button', { name: /查询进度/ }).click();
    await p.getByTestId('progress-error').waitFor();
    expect(await p.getByTestId('progress-error').textContent()).toContain('未查到该办件');
    await p.locator('#progress_idTail').fill(NEW_ID.slice(-4));
    await p.getByRole('button', { name: /查询进度/ }).click();
    const r = p.getByTestId('progress-result');
    await r.waitFor();
    expect(await r.locator('h2').first().textContent()).toContain('已办结');
    const text = (await r.textContent()) ?? '';
    expect(text).toContain(item.name);
    expect(text).not.toContain(NEW_NAME); // masked
    expect(text).toContain('免费邮寄');
    await noSidewaysScroll(p);
    await expectAccessible(p, 'case-12-progress-concluded');
    expect(pProblems).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('an applicant applies online on a phone (upload, commitment), sees the case; the desk pre-reviews and accepts it', async () => {
    const ctx = await newContext(browser, { width: 390, height: 844, mobile: true });
    const p = await ctx.newPage();
    const pProblems = watchPage(p);
    await login(p, server.baseUrl, LI_ID);
    await p.goto(url(`/portal/apply/${item.code}`));
    await expect.poll(() => p.locator('h1').textContent()).toBe('网上申请');
    await row(p, item.materials[0].code).waitFor();
    await expectAccessible(p, 'case-13-apply');
    // submitting with nothing uploaded: each required material says what is needed
    await p.getByRole('button', { name: /提交申请/ }).click();
    await row(p, item.materials.find((m) => m.required)!.code).locator('.ow-case-err').waitFor();
    await screenshot(p, 'case-14-apply-errors');
    for (const m of item.materials.filter((x) => x.required)) {
      if (m.code === commitCode) await choose(p, m.code, '告知承诺');
      else if ((await row(p, m.code).locator('label.ant-radio-button-wrapper-checked', { hasText: '电子证照' }).count()) === 0) {
        await row(p, m.code).getByTestId(`file-${m.code}`).setInputFiles({ name: `${m.code}.pdf`, mimeType: 'application/pdf', buffer: SAMPLES.pdf });
        await row(p, m.code).getByText(`${m.code}.pdf`).waitFor();
      }
    }
    await noSidewaysScroll(p);
    await screenshot(p, 'case-15-apply-filled');
    await p.getByRole('button', { name: /提交申请/ }).click();
    const done = p.getByTestId('apply-done');
    await done.waitFor();
    onlineCaseNo = ((await done.getByTestId('case-no').textContent()) ?? '').trim();
    expect(onlineCaseNo).toMatch(/^371311\d{14}$/);
    expect(await done.textContent()).toContain('已提交待预审');
    await expectAccessible(p, 'case-16-apply-done');

    await p.goto(url('/portal/cases'));
    await p.getByTestId('my-cases').getByText(onlineCaseNo).waitFor();
    await expectAccessible(p, 'case-17-my-cases');
    await p.getByTestId('my-cases').getByRole('link', { name: item.name }).first().click();
    await p.waitForURL(`**/portal/cases/${onlineCaseNo}`);
    await p.locator('.ow-case-timeline').getByText('网上提交').first().waitFor();
    await noSidewaysScroll(p);
    await expectAccessible(p, 'case-18-my-case');

    // the desk: 待预审 → the case → 受理
    await page.goto(url('/desk'));
    await page.getByText('待预审', { exact: true }).click();
    await page.getByTestId('desk-today').getByText(onlineCaseNo).click();
    await page.waitForURL(`**/desk/cases/${onlineCaseNo}`);
    const pre = page.getByTestId('update-preaccept');
    await pre.waitFor();
    await expectAccessible(page, 'case-19-desk-prereview');
    await pre.getByRole('button', { name: /^受\s*理$/ }).click();
    await expect.poll(() => page.locator('.ow-case-status-line').textContent(), { timeout: 10_000 }).toContain('已受理');

    // the applicant sees it accepted, with the acceptance notice
    await p.reload();
    await expect.poll(() => p.locator('.ow-case-status-line').textContent()).toContain('已受理');
    await pdfOk(p.request, await p.locator('a[data-kind="acceptance-notice"]').getAttribute('href'));
    expect(pProblems).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('takes the e-licence an enterprise holds in place of the paper (0 材料), and the case records which licence', async () => {
    // an item that asks for the 营业执照 (type 1001), which 鑫源 holds as an e-licence
    let licensed: Item | undefined;
    const found = (await (await page.request.get(url('/api/v1/items?q=食品经营许可&pageSize=50'))).json()) as { items: { code: string }[] };
    for (const s of found.items) {
      const d = (await (await page.request.get(url(`/api/v1/items/${s.code}`))).json()) as Item;
      if (d.materials.some((m) => m.required && m.licenseTypeCode === '1001')) {
        licensed = d;
        break;
      }
    }
    expect(licensed, 'an item asking for the 营业执照').toBeTruthy();
    const licenceRow = licensed!.materials.find((m) => m.licenseTypeCode === '1001')!;
    await startIntake(XINYUAN_USCC, licensed!.name);
    await page.getByTestId('desk-applicant').getByText('鑫源').waitFor();
    // the row is already satisfied by the licence, its identifier shown
    const r = row(page, licenceRow.code);
    await expect.poll(() => r.locator('.ant-radio-button-wrapper-checked').textContent()).toBe('电子证照');
    const identifier = ((await r.locator('.ow-code').textContent()) ?? '').trim();
    expect(identifier).toMatch(/^1\.2\.156\.3005\.2\.1001\./);
    await page.getByRole('button', { name: '其余必需材料均已核验纸质原件' }).click();
    await expectAccessible(page, 'case-20-desk-licence');
    await page.getByRole('button', { name: /^受\s*理$/ }).click();
    const result = page.getByTestId('desk-result');
    await result.waitFor();
    const caseNo = ((await result.getByTestId('case-no').textContent()) ?? '').trim();
    const c = (await (await page.request.get(url(`/api/v1/cases/${caseNo}`))).json()) as { materials: { code: string; satisfiedBy: string; licenseIdentifier: string | null; files: string[] }[] };
    expect(c.materials.find((m) => m.code === licenceRow.code)).toMatchObject({ satisfiedBy: 'license', licenseIdentifier: identifier, files: [] });
  }, 120_000);

  it('left no console errors, failed requests or server errors on the desk', () => {
    expect(problems).toEqual([]);
  });
});
