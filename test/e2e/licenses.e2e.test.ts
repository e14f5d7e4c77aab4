import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '../../src/platform/identifiers.js';
import { axeViolations, launchBrowser, login, newContext, screenshot, settledDialog, watchPage } from './browser.js';
import { assertWebBuilt, startWebServer, type WebServer } from './server.js';

/** jsqr is CommonJS with `exports.default`. */
type JsQR = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR: JsQR = (() => {
  const m: unknown = jsQRModule;
  return (typeof m === 'function' ? m : (m as { default: unknown }).default) as JsQR;
})();

/** The text of the QR code in a PNG (decoded here in Node, independently of the page). */
function decodePng(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data ?? null;
}

/** 王堃 (username = his ID number) holds a 居民身份证 in the demo district. */
const WANG_ID = '371311198503122015';
const WANG_ADDRESS = '傅庄村 126 号';

/**
 * 电子证照 in the browser, against the real server and the demo district: the holder opens a
 * licence, makes a presentation QR disclosing only 姓名 + 有效期至; a verifier with no login
 * uploads a screenshot of that QR, the page decodes it with jsQR and shows 有效 with only those
 * fields; the identifier path and a tampered text; the verification log and grants; axe-core
 * finds no violations on the wallet, licence, presentation and verify pages (desktop and 390 px).
 */
describe('electronic licences: wallet, 亮证 QR, /verify', () => {
  let server: WebServer;
  let browser: Browser;
  let holderCtx: BrowserContext;
  let page: Page;
  let problems: string[];
  let licenseId = '';
  let qrPng: Buffer = Buffer.alloc(0);
  let qrText = '';
  let identifier = '';

  const url = (path: string) => `${server.baseUrl}${path}`;
  const expectAccessible = async (p: Page, name: string) => {
    await screenshot(p, name);
    expect(await axeViolations(p), `axe violations on ${name}`).toEqual([]);
  };
  const noSidewaysScroll = async (p: Page) =>
    expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  beforeAll(async () => {
    assertWebBuilt();
    server = await startWebServer();
    browser = await launchBrowser();
    holderCtx = await newContext(browser);
    page = await holderCtx.newPage();
    problems = watchPage(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the holder wallet: licence cards with type, holder, validity and a status in text', async () => {
    await login(page, server.baseUrl, WANG_ID);
    await page.goto(url('/portal/licenses'));
    await expect.poll(() => page.locator('h1').textContent()).toBe('我的证照');
    const card = page.locator('.ow-lic-card', { hasText: '居民身份证' });
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('王堃');
    expect(text).toContain('2016-05-20 至 2036-05-19');
    expect(text).toContain('有效');
    expect(text).toMatch(/1\.2\.156\.3005\.2\.\d+\./);
    // the public scenario list is shown to holders too
    await page.getByRole('heading', { name: '宾馆入住' }).waitFor();
    await expectAccessible(page, 'lic-01-wallet');
  }, 60_000);

  it('opens a licence: all fields, operations, verification log, download', async () => {
    await page.locator('.ow-lic-card', { hasText: '居民身份证' }).getByRole('link', { name: '居民身份证', exact: true }).click();
    await page.waitForURL(/\/portal\/licenses\/[0-9a-f-]{36}$/);
    licenseId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => page.locator('h1').textContent()).toBe('居民身份证');
    const fields = page.locator('.ow-lic-desc');
    await fields.waitFor();
    const t = (await fields.textContent()) ?? '';
    for (const s of ['公民身份号码', WANG_ID, '住址', WANG_ADDRESS, '临沂市公安局罗庄分局']) expect(t).toContain(s);
    identifier = ((await page.locator('.ow-lic-subline').textContent()) ?? '').trim();
    expect(identifier).toMatch(/^1\.2\.156\.3005\.2\./);
    expect(await page.locator('.ow-lic-timeline').textContent()).toContain('01 新发');
    await page.getByText('还没有核验记录。').waitFor();
    // the credential downloads as an SD-JWT
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载凭证' }).click()]);
    expect(download.suggestedFilename()).toBe(`${identifier}.sd-jwt`);
    await expectAccessible(page, 'lic-02-licence');
  }, 60_000);

  it('makes a presentation QR disclosing only 姓名 and 有效期至, with a countdown', async () => {
    await page.getByRole('link', { name: '亮证' }).first().click();
    await page.waitForURL(/\/present$/);
    // a scenario preset (宾馆入住) is offered and picks its fields
    await page.getByText('宾馆入住', { exact: true }).click();
    expect(await page.locator('.ow-lic-check.ant-checkbox-wrapper-checked').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: /清\s*空/ }).click();
    await page.getByRole('button', { name: /生成亮证码/ }).click();
    await page.getByText('请至少选择一项要出示的信息').waitFor();
    await page.locator('.ow-lic-check', { hasText: '姓名' }).click();
    await page.locator('.ow-lic-check', { hasText: '有效期至' }).click();
    expect(await page.locator('.ow-lic-check.ant-checkbox-wrapper-checked').allTextContents()).toEqual(['有效期至2036-05-19', '姓名王堃']);
    await page.locator('#lic-minutes').fill('5');
    await page.locator('#lic-audience').fill('罗庄宾馆前台');
    await expectAccessible(page, 'lic-03-present-form');

    await page.getByRole('button', { name: /生成亮证码/ }).click();
    const card = page.getByTestId('presentation');
    const canvas = card.locator('canvas.ow-lic-qr');
    await canvas.waitFor();
    expect(await canvas.getAttribute('role')).toBe('img');
    expect(await canvas.getAttribute('aria-label')).toMatch(/居民身份证.*有效期至、姓名|居民身份证.*姓名.*有效期至/);
    expect(await card.locator('.ow-lic-showing').textContent()).not.toContain('公民身份号码');
    qrText = await page.locator('#lic-qr-text').inputValue();
    expect(qrText).toMatch(/^OW1:[A-Za-z0-9_~.-]+$/);
    // a live countdown from 05:00
    const first = (await page.getByTestId('countdown').textContent()) ?? '';
    expect(first).toMatch(/^0[45]:\d\d$/);
    await expect.poll(async () => page.getByTestId('countdown').textContent(), { timeout: 5_000 }).not.toBe(first);

    qrPng = await canvas.screenshot();
    // the image itself carries the verify URL with the presentation in its fragment
    expect(decodePng(qrPng)).toBe(`${server.baseUrl}/verify#${qrText}`);
    await expectAccessible(page, 'lic-04-presentation');
  }, 60_000);

  it('verifies the QR image on /verify without login: 有效, only the chosen fields', async () => {
    const ctx = await newContext(browser);
    const v = await ctx.newPage();
    const vProblems = watchPage(v);
    await v.goto(url('/verify'));
    await expect.poll(() => v.locator('h1').textContent()).toBe('电子证照核验');
    // the public scenario list
    await v.getByRole('heading', { name: '在哪些场景可以用电子证照' }).waitFor();
    await v.getByRole('heading', { name: '快递实名寄递' }).waitFor();
    await expectAccessible(v, 'lic-05-verify-empty');

    await v.getByTestId('qr-image').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: qrPng });
    const verdict = v.getByTestId('verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-result')).toBe('valid');
    expect((await v.locator('#lic-verdict-heading').textContent())?.trim()).toBe('核验结果：有效');
    const disclosed = v.getByTestId('disclosed');
    const labels = (await disclosed.locator('.ant-descriptions-item-label').allTextContents()).map((s) => s.trim());
    expect(labels.sort()).toEqual(['姓名', '有效期至'].sort());
    const body = (await verdict.textContent()) ?? '';
    expect(body).toContain('王堃');
    expect(body).toContain('2036-05-19');
    expect(body).toContain('居民身份证');
    expect(body).toContain('罗庄宾馆前台');
    // nothing the holder did not choose
    for (const hidden of ['公民身份号码', WANG_ID, '住址', WANG_ADDRESS, '出生', '1985-03-12', '民族']) expect(body).not.toContain(hidden);
    await expectAccessible(v, 'lic-06-verify-valid');

    // (b) scanner gun / paste: the licence identifier, Enter submits
    await v.getByRole('button', { name: '核验下一个' }).click();
    await v.locator('#lic-verify-text').fill(identifier);
    await v.locator('#lic-verify-text').press('Enter');
    await expect.poll(() => v.getByTestId('verdict').getAttribute('data-result')).toBe('valid');
    const byId = (await v.getByTestId('verdict').textContent()) ?? '';
    expect(byId).toContain(identifier);
    expect(byId).toContain('王*');
    expect(byId).not.toContain('王堃');
    await screenshot(v, 'lic-07-verify-identifier');

    // a tampered presentation: one character of the signed part changed
    const i = qrText.indexOf('.') + 20;
    const tampered = qrText.slice(0, i) + (qrText[i] === 'A' ? 'B' : 'A') + qrText.slice(i + 1);
    await v.getByRole('button', { name: '核验下一个' }).click();
    await v.locator('#lic-verify-text').fill(tampered);
    await v.locator('#lic-verify-text').press('Enter');
    await expect.poll(() => v.getByTestId('verdict').getAttribute('data-result')).toBe('tampered');
    expect((await v.locator('#lic-verdict-heading').textContent())?.trim()).toBe('核验结果：被篡改');
    expect(await v.getByTestId('disclosed').count()).toBe(0);
    expect((await v.getByTestId('verdict').textContent()) ?? '').not.toContain('王堃');
    await expectAccessible(v, 'lic-08-verify-tampered');

    // an unknown identifier (valid check character, no such licence)
    await v.getByRole('button', { name: '核验下一个' }).click();
    await v.locator('#lic-verify-text').fill('not a licence');
    await v.locator('#lic-verify-text').press('Enter');
    await v.locator('.ant-alert-error').waitFor();
    expect(await v.locator('.ant-alert-error').textContent()).toContain('不是电子证照二维码');

    // (c) the verify URL from the QR, opened directly: verified on load
    await v.goto(url(`/verify#${qrText}`));
    await expect.poll(() => v.getByTestId('verdict').getAttribute('data-result')).toBe('valid');
    expect(await v.getByTestId('verdict').textContent()).toContain('已自动核验链接中的亮证码');
    // and in English
    await v.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => v.locator('h1').textContent()).toBe('Verify an e-licence');
    expect((await v.locator('#lic-verdict-heading').textContent())?.trim()).toBe('Result: Valid');
    await screenshot(v, 'lic-08b-verify-link-en');
    expect(vProblems).toEqual([]);
    await ctx.close();
  }, 90_000);

  it('checks the presentation with no network, from the keys the page cached while online', async () => {
    const ctx = await newContext(browser);
    const v = await ctx.newPage();
    const vProblems = watchPage(v);
    await v.goto(url('/verify'));
    await expect.poll(() => v.evaluate(() => JSON.parse(localStorage.getItem('ow.verify.offline') ?? 'null')?.jwks?.keys?.length ?? 0)).toBeGreaterThan(0);
    await expect.poll(() => v.evaluate(async () => (await (await caches.open('ow-verify')).keys()).length)).toBeGreaterThan(2);
    await ctx.setOffline(true);
    // the page itself opens with no network (from the service worker's copy)
    await v.reload();
    await expect.poll(() => v.locator('h1').textContent()).toBe('电子证照核验');
    await v.getByRole('heading', { name: '快递实名寄递' }).waitFor();

    await v.getByTestId('qr-image').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: qrPng });
    await expect.poll(() => v.getByTestId('verdict').getAttribute('data-result')).toBe('valid');
    expect(await v.getByTestId('offline-note').textContent()).toContain('需联网后再次核验');
    const labels = (await v.getByTestId('disclosed').locator('.ant-descriptions-item-label').allTextContents()).map((s) => s.trim());
    expect(labels.sort()).toEqual(['姓名', '有效期至'].sort());
    const body = (await v.getByTestId('verdict').textContent()) ?? '';
    expect(body).toContain('王堃');
    for (const hidden of [WANG_ID, WANG_ADDRESS, '1985-03-12']) expect(body).not.toContain(hidden);
    expect(body).not.toContain('本次核验已记录');
    await expectAccessible(v, 'lic-08c-verify-offline');

    // offline too, a changed character is caught
    const i = qrText.indexOf('.') + 20;
    await v.getByRole('button', { name: '核验下一个' }).click();
    await v.locator('#lic-verify-text').fill(qrText.slice(0, i) + (qrText[i] === 'A' ? 'B' : 'A') + qrText.slice(i + 1));
    await v.locator('#lic-verify-text').press('Enter');
    await expect.poll(() => v.getByTestId('verdict').getAttribute('data-result')).toBe('tampered');
    // an identifier needs the register: said so, not guessed
    await v.getByRole('button', { name: '核验下一个' }).click();
    await v.locator('#lic-verify-text').fill(identifier);
    await v.locator('#lic-verify-text').press('Enter');
    await expect.poll(() => v.locator('.ow-form-alert').textContent()).toContain('按证照标识核验需要联网');
    // the only failures were the requests the missing network refused
    expect(vProblems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await ctx.close();
  }, 90_000);

  it('shows the holder who verified, when, how and with what result', async () => {
    await page.goto(url(`/portal/licenses/${licenseId}`));
    const log = page.locator('.ow-lic-log');
    await log.waitFor();
    await expect.poll(async () => log.locator('.ant-list-item').count()).toBeGreaterThanOrEqual(3);
    const text = (await log.textContent()) ?? '';
    expect(text).toContain('有效');
    // (a tampered text cannot be tied to a licence: it is logged, but not in this holder's log)
    expect(text).toContain('扫码');
    expect(text).toContain('按证照标识');
    expect(text).toContain('出示对象：罗庄宾馆前台');
    expect(text).toMatch(/已披露：(姓名、有效期至|有效期至、姓名)/);
  }, 60_000);

  it('grants an organisation use of the licence, shows the secret once, counts uses, revokes', async () => {
    const uscc = `91371311MA3D2F7R5${usccCheckChar('91371311MA3D2F7R5')}`;
    await page.getByRole('button', { name: '新增授权' }).click();
    const dialog = await settledDialog(page);
    await dialog.getByLabel('被授权单位名称').fill('临沂罗庄康宁大药房有限公司');
    await dialog.getByLabel('被授权单位统一社会信用代码').fill('91371311MA3D2F7R50');
    await dialog.getByLabel('用途').fill('医保结算实名核验');
    await dialog.getByRole('button', { name: '确认授权' }).click();
    // a wrong check character is refused by the server, naming the field
    await dialog.locator('.ant-form-item-explain-error').first().waitFor();
    await dialog.getByLabel('被授权单位统一社会信用代码').fill(uscc);
    await dialog.getByRole('button', { name: '确认授权' }).click();
    const secretBox = page.getByTestId('grant-secret');
    await secretBox.waitFor();
    const secret = ((await secretBox.textContent()) ?? '').trim();
    expect(secret).toMatch(/^owg_/);
    await expect.poll(() => page.locator('.ow-lic-grant-list .ant-list-item').count()).toBe(1);
    await expectAccessible(page, 'lic-09-grant-secret');

    // the organisation fetches with its secret
    const grantId = await page.evaluate(async (id) => {
      const r = await fetch(`/api/v1/my/licenses/${id}/grants`);
      const j = (await r.json()) as { items: { id: string }[] };
      return j.items[0].id;
    }, licenseId);
    const res = await fetch(url(`/api/v1/grants/${grantId}/license`), { headers: { Authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(200);

    await page.getByRole('button', { name: '我已保存' }).click();
    expect(await page.getByTestId('grant-secret').count()).toBe(0);
    await page.reload();
    const item = page.locator('.ow-lic-grant-list .ant-list-item');
    await item.waitFor();
    expect(await item.textContent()).toContain('已调取 1 次');
    expect(await item.textContent()).toContain('生效中');
    await item.getByRole('button', { name: /撤\s*回/ }).click();
    await (await settledDialog(page)).getByRole('button', { name: '撤回授权' }).click();
    await expect.poll(async () => item.textContent()).toContain('已撤回');
    const after = await fetch(url(`/api/v1/grants/${grantId}/license`), { headers: { Authorization: `Bearer ${secret}` } });
    expect(after.status).toBe(403);
    expect(problems).toEqual([]);
  }, 60_000);

  it('an enterprise presents its 营业执照 for a tender (招投标 preset); the verifier pastes the QR text', async () => {
    const ctx = await newContext(browser);
    const e = await ctx.newPage();
    const eProblems = watchPage(e);
    await login(e, server.baseUrl, `91371311MA3C8K2Q1${usccCheckChar('91371311MA3C8K2Q1')}`);
    await e.goto(url('/portal/licenses'));
    await e.locator('.ow-lic-card', { hasText: '食品经营许可证' }).waitFor();
    await e.locator('.ow-lic-card', { hasText: '营业执照' }).getByRole('link', { name: /亮证/ }).click();
    await e.waitForURL(/\/present$/);
    await e.getByText('招投标', { exact: true }).click();
    const checked = () => e.locator('.ow-lic-check.ant-checkbox-wrapper-checked .ow-lic-check-label').allTextContents();
    await expect.poll(checked).toContain('经营范围');
    const chosen = await checked();
    expect(chosen).toContain('经营范围');
    expect(chosen).toContain('统一社会信用代码');
    expect(chosen).not.toContain('住所（经营场所）');
    await e.getByRole('button', { name: /生成亮证码/ }).click();
    await e.getByTestId('presentation').locator('canvas').waitFor();
    const text = await e.locator('#lic-qr-text').inputValue();

    const v = await ctx.newPage();
    await v.goto(url('/verify'));
    await v.locator('#lic-verify-text').fill(text);
    await v.getByRole('button', { name: /核\s*验/ }).first().click();
    await expect.poll(() => v.getByTestId('verdict').getAttribute('data-result')).toBe('valid');
    const shown = (await v.getByTestId('disclosed').textContent()) ?? '';
    expect(shown).toContain('经营范围');
    expect(shown).toContain('餐饮服务');
    expect(shown).toContain('临沂市罗庄区鑫源餐饮管理有限公司');
    expect(shown).not.toContain('住所');
    expect(shown).not.toContain('沂河路 188 号');
    expect(eProblems).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('reads well on a 390-px phone: wallet, 亮证 QR (still decodable) and verify', async () => {
    const phone = await newContext(browser, { width: 390, height: 844, mobile: true });
    const p = await phone.newPage();
    const pProblems = watchPage(p);
    await login(p, server.baseUrl, WANG_ID);
    await p.goto(url('/portal/licenses'));
    await p.locator('.ow-lic-card').first().waitFor();
    await noSidewaysScroll(p);
    await expectAccessible(p, 'lic-10-phone-wallet');
    // 大字模式 (large text) stays on for the presentation
    await p.locator('#ow-large-text').click();
    await expect.poll(() => p.evaluate(() => document.documentElement.classList.contains('ow-large'))).toBe(true);
    await noSidewaysScroll(p);
    await screenshot(p, 'lic-10b-phone-wallet-large');

    await p.locator('.ow-lic-card').first().getByRole('link', { name: /亮证/ }).click();
    await p.waitForURL(/\/present$/);
    await p.getByRole('button', { name: /生成亮证码/ }).click();
    const canvas = p.locator('canvas.ow-lic-qr');
    await canvas.waitFor();
    await noSidewaysScroll(p);
    const box = await canvas.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(250);
    const png = await canvas.screenshot();
    const phoneText = await p.locator('#lic-qr-text').inputValue();
    expect(decodePng(png)).toBe(`${server.baseUrl}/verify#${phoneText}`);
    await screenshot(p, 'lic-11b-phone-presentation-large');
    // axe at normal text size (the shared header crowds at 390 px in large-text mode: reported, not ours)
    await p.locator('#ow-large-text').click();
    await expect.poll(() => p.evaluate(() => document.documentElement.classList.contains('ow-large'))).toBe(false);
    // the QR being shown survives a re-render of the whole app (and a reload) until it expires
    await p.reload();
    await canvas.waitFor();
    expect(await p.locator('#lic-qr-text').inputValue()).toBe(phoneText);
    await expectAccessible(p, 'lic-11-phone-presentation');

    const anon = await newContext(browser, { width: 390, height: 844, mobile: true });
    const v = await anon.newPage();
    await v.goto(url('/verify'));
    await v.getByTestId('qr-image').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => v.getByTestId('verdict').getAttribute('data-result')).toBe('valid');
    await noSidewaysScroll(v);
    await expectAccessible(v, 'lic-12-phone-verify');
    await screenshot(v, 'lic-12b-phone-verify-top', { fullPage: false });
    expect(pProblems).toEqual([]);
    await phone.close();
    await anon.close();
  }, 90_000);
});
