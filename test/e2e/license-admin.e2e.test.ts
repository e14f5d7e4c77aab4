import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, login, newContext, screenshot, settledDialog, watchPage } from './browser.js';
import { startWebServer, type WebServer } from './server.js';

const XINYUAN = '临沂市罗庄区鑫源餐饮管理有限公司';
const FOOD = '食品经营许可证';

/**
 * 电子证照管理 (/licenses) in the browser, against the real server and the demo district: the
 * admin finds a holder's licences in the register, opens the 食品经营许可证, suspends it with a
 * reason (tag 暂扣, log 03 with the reason), reinstates it from the keyboard (06), renews it (02: a
 * new version; a date that does not extend the term is refused beside its field, in Chinese and in
 * English), changes one field (08), adds a scenario and sees it listed, rotates the signing key.
 * approver01 (department 001) sees only its department's licences, may act on them, and a refusal
 * from the server (the licence changed meanwhile) shows as an alert; cert01 reads without action
 * buttons. axe-core finds no violations; large-text mode keeps the pages inside the window.
 */
describe('licence management for staff', () => {
  let server: WebServer;
  let browser: Browser;
  let adminCtx: BrowserContext;
  let page: Page;
  let problems: string[];
  let foodId = '';
  let renewedId = '';

  const url = (path: string) => `${server.baseUrl}${path}`;
  /** antd puts a space between two Chinese characters of a button (and a fading loading icon may still name itself first) */
  const button = (p: Page | Locator, name: string) => p.getByRole('button', { name: new RegExp(`(^|\\s)${name.split('').join('\\s*')}$`) });
  const expectAccessible = async (p: Page, name: string) => {
    await screenshot(p, name);
    expect(await axeViolations(p), `axe violations on ${name}`).toEqual([]);
  };
  const noSidewaysScroll = async (p: Page) =>
    expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const statusTag = (p: Page) => p.locator('.ow-page-title .ow-lic-tag').first();
  const rows = (p: Page) => p.locator('.ow-la-table .ant-table-row');
  const logRows = (p: Page) => p.locator('.ow-la-log .ant-table-row');
  /** chooses `option` in the multiple select labelled `label` by typing it and pressing Enter, then closes the list with Escape */
  const pick = async (p: Page, scope: Locator, label: string, option: string) => {
    const input = scope.getByLabel(label);
    const item = scope.locator('.ant-form-item', { has: p.locator(`[id="${await input.getAttribute('id')}"]`) });
    await input.focus();
    await input.fill(option);
    await p.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: option }).waitFor();
    await input.press('Enter');
    await expect.poll(async () => (await item.locator('.ant-select-selection-item').allTextContents()).join('|')).toContain(option);
    await input.press('Escape');
    await expect.poll(() => p.locator('.ant-select-dropdown:visible').count()).toBe(0);
  };
  /** presses Tab until `target` has the focus, at most `max` times */
  const tabTo = async (p: Page, target: Locator, max = 12) => {
    for (let i = 0; i < max; i++) {
      await p.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error('the focus never reached the element');
  };

  beforeAll(async () => {
    server = await startWebServer();
    browser = await launchBrowser();
    adminCtx = await newContext(browser);
    page = await adminCtx.newPage();
    problems = watchPage(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the admin opens 电子证照管理 from the menu and finds a holder’s licences', async () => {
    await login(page, server.baseUrl, 'admin');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '电子证照管理' }).click();
    await page.waitForURL(/\/licenses$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('电子证照管理');
    for (const tab of ['证照库', '应用场景', '签名密钥']) expect(await page.getByRole('tab', { name: tab }).count(), tab).toBe(1);
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBeGreaterThanOrEqual(4);
    // holder ID numbers are masked in the register
    const wang = (await rows(page).filter({ hasText: '王堃' }).textContent()) ?? '';
    expect(wang).toContain('*');
    expect(wang).not.toContain('371311198503122015');

    await page.getByLabel('搜索证照').fill('鑫源');
    await page.getByLabel('搜索证照').press('Enter');
    await page.waitForURL(/q=/);
    await expect.poll(() => rows(page).count()).toBe(2);
    for (const text of await rows(page).allTextContents()) expect(text).toContain(XINYUAN);
    expect((await rows(page).allTextContents()).join()).toContain(FOOD);
    await expectAccessible(page, 'la-01-register-search');
  }, 90_000);

  it('opens the 食品经营许可证: particulars, fields in the type’s order, the 01 in the log', async () => {
    await page.getByRole('link', { name: `查看 ${XINYUAN} 的${FOOD}` }).click();
    await page.waitForURL(/\/licenses\/[0-9a-f-]{36}$/);
    foodId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => page.locator('h1').textContent()).toBe(FOOD);
    expect(await statusTag(page).textContent()).toBe('有效');
    const basics = (await page.locator('section[aria-labelledby="la-basics"]').textContent()) ?? '';
    for (const s of ['证照标识', '1.2.156.3005.2.', XINYUAN, '颁发机构', '有效期起', '有效期至', '第 1 版']) expect(basics).toContain(s);

    const types = (await (await page.request.get(url('/api/v1/license-types'))).json()) as { items: { name: string; fields: { label: string }[] }[] };
    const order = types.items.find((x) => x.name === FOOD)!.fields.map((f) => f.label);
    const labels = (await page.locator('.ow-la-claims .ant-descriptions-item-label').allTextContents()).map((s) => s.trim());
    expect(labels.length).toBeGreaterThanOrEqual(5);
    expect(labels).toEqual(order.filter((l) => labels.includes(l)));
    expect(await page.locator('.ow-la-claims').textContent()).toContain('热食类食品制售');

    expect(await logRows(page).count()).toBe(1);
    expect(await logRows(page).first().textContent()).toMatch(/01\s*新发/);
    for (const name of ['暂扣', '延续', '变更', '注销/撤销/吊销']) expect(await button(page, name).count(), name).toBe(1);
    expect(await button(page, '发还').count()).toBe(0);
    await expectAccessible(page, 'la-02-licence');
  }, 60_000);

  it('suspends it with a reason: the tag reads 暂扣 and the log shows 03 with the reason', async () => {
    await button(page, '暂扣').click();
    const dialog = await settledDialog(page, '暂扣证照（03）');
    await button(dialog, '确认暂扣').click();
    await dialog.getByText('请填写原因').waitFor();
    const reason = '食品安全监督抽检不合格，责令停业整改';
    await dialog.getByLabel('原因（记入证照操作日志）').fill(reason);
    await expectAccessible(page, 'la-03-suspend-dialog');
    await button(dialog, '确认暂扣').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => statusTag(page).textContent()).toBe('暂扣');
    await expect.poll(() => logRows(page).count()).toBe(2);
    const newest = (await logRows(page).first().textContent()) ?? '';
    expect(newest).toMatch(/03\s*暂扣/);
    expect(newest).toContain(reason);
    expect(newest).toContain('系统管理员');
    expect(await page.locator('.ow-la-alert').textContent()).toContain(reason);
    // only what a suspended licence allows
    expect(await button(page, '发还').count()).toBe(1);
    expect(await button(page, '暂扣').count()).toBe(0);
    expect(await button(page, '变更').count()).toBe(0);
    // the public status agrees
    const identifier = ((await page.locator('.ow-la-subline').textContent()) ?? '').trim();
    const pub = (await (await fetch(url(`/api/v1/licenses/status/${identifier}`))).json()) as { status: string };
    expect(pub.status).toBe('suspended');
    await expectAccessible(page, 'la-04-suspended');
  }, 60_000);

  it('reinstates it from the keyboard (06); focus lands on the actions heading', async () => {
    await button(page, '发还').focus();
    await page.keyboard.press('Enter');
    const dialog = await settledDialog(page, '暂扣发还（06）');
    await tabTo(page, dialog.getByLabel('原因（记入证照操作日志）'));
    await page.keyboard.type('整改完成，复查合格');
    await tabTo(page, button(dialog, '确认发还'));
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => statusTag(page).textContent()).toBe('有效');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('la-actions');
    const newest = (await logRows(page).first().textContent()) ?? '';
    expect(newest).toMatch(/06\s*暂扣发还/);
    expect(newest).toContain('整改完成，复查合格');
  }, 60_000);

  it('renews it (02): a date that does not extend the term is refused beside its field; then a new version', async () => {
    await button(page, '延续').click();
    let dialog = await settledDialog(page, '延续证照（02）');
    expect(await dialog.textContent()).toContain('将签发第 2 版');
    await dialog.getByLabel('新的有效期至').fill('2020-01-01');
    await dialog.getByLabel('原因（记入证照操作日志）').fill('到期前申请延续');
    await button(dialog, '确认延续').click();
    const fieldError = dialog.locator('.ant-form-item-has-error .ant-form-item-explain-error');
    await expect.poll(() => fieldError.textContent()).toBe('延续后的有效期应晚于原有效期');
    expect(await dialog.locator('.ant-form-item-has-error input[type="date"]').count()).toBe(1);
    await screenshot(page, 'la-05-renew-refused');

    // the same refusal in English when the screen is in English
    await button(dialog, '取消').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Operations log' }).waitFor();
    await page.getByRole('button', { name: 'Renew' }).click();
    dialog = await settledDialog(page, 'Renew the licence (02)');
    await dialog.getByLabel('New last valid day').fill('2020-01-01');
    await dialog.getByLabel('Reason (written to the operations log)').fill('renewal');
    await dialog.getByRole('button', { name: 'Renew' }).click();
    await expect.poll(() => dialog.locator('.ant-form-item-explain-error').textContent()).toBe('a renewal must extend the term');
    await expectAccessible(page, 'la-06-renew-refused-en');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '操作日志' }).waitFor();

    await button(page, '延续').click();
    dialog = await settledDialog(page, '延续证照（02）');
    await dialog.getByLabel('原因（记入证照操作日志）').fill('到期前申请延续');
    await button(dialog, '确认延续').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForURL((u) => /\/licenses\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(foodId));
    renewedId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => page.locator('section[aria-labelledby="la-basics"]').textContent()).toContain('第 2 版');
    expect(await statusTag(page).textContent()).toBe('有效');
    expect(await logRows(page).first().textContent()).toMatch(/02\s*延续/);
    // every version's operations, newest first: 02, 06, 03, 01
    expect((await page.locator('.ow-la-log .ant-table-row .ow-la-opcode').allTextContents()).map((s) => s.trim())).toEqual(['02', '06', '03', '01']);
    const versions = page.locator('.ow-la-versions');
    expect(await versions.locator('[aria-current="page"]').textContent()).toContain('第 2 版');
    const old = versions.locator('li', { hasText: '第 1 版' });
    expect(await old.textContent()).toContain('已换发新版');
    await expectAccessible(page, 'la-07-renewed');

    // the superseded version: read-only, pointing to the new one
    await old.getByRole('link', { name: '第 1 版' }).click();
    await page.waitForURL(new RegExp(`/licenses/${foodId}$`));
    await expect.poll(() => statusTag(page).textContent()).toBe('已换发新版');
    expect(await page.locator('.ow-la-action-bar').count()).toBe(0);
    await page.getByRole('link', { name: '查看新版本' }).click();
    await page.waitForURL(new RegExp(`/licenses/${renewedId}$`));
    await expect.poll(() => statusTag(page).textContent()).toBe('有效');
  }, 90_000);

  it('changes one field (08): the form is prefilled, only the edited field is sent, a third version', async () => {
    await button(page, '变更').click();
    const dialog = await settledDialog(page, '变更证照（08）');
    const items = dialog.getByLabel('经营项目');
    expect(await items.inputValue()).toBe('热食类食品制售；冷食类食品制售；自制饮品制售');
    await dialog.getByLabel('原因（记入证照操作日志）').fill('增加经营项目');
    await button(dialog, '确认变更').click();
    await dialog.getByRole('alert').filter({ hasText: '请至少修改一个字段' }).waitFor();
    await items.fill('热食类食品制售；冷食类食品制售；自制饮品制售；预包装食品销售');
    await dialog.getByText('已修改 1 项').waitFor();
    expect(await dialog.getByText('请至少修改一个字段').count()).toBe(0);
    await expectAccessible(page, 'la-08-change-dialog');
    const [req] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/actions/change')), button(dialog, '确认变更').click()]);
    expect((req.postDataJSON() as { claims: Record<string, string> }).claims).toEqual({ businessItems: '热食类食品制售；冷食类食品制售；自制饮品制售；预包装食品销售' });
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForURL((u) => !u.pathname.endsWith(renewedId));
    await expect.poll(() => page.locator('section[aria-labelledby="la-basics"]').textContent()).toContain('第 3 版');
    expect(await page.locator('.ow-la-claims').textContent()).toContain('预包装食品销售');
    expect(await logRows(page).first().textContent()).toMatch(/08\s*变更/);
    expect(problems).toEqual([]);
  }, 60_000);

  it('adds a scenario in the 应用场景 tab and sees it listed (and public)', async () => {
    await page.goto(url('/licenses'));
    await page.getByRole('tab', { name: '应用场景' }).click();
    await page.waitForURL(/tab=scenarios/);
    await rows(page).filter({ hasText: '宾馆入住' }).waitFor();
    await expectAccessible(page, 'la-09-scenarios');

    await page.getByRole('button', { name: /新增场景/ }).click();
    const dialog = await settledDialog(page, '新增应用场景');
    await button(dialog, '保存').click();
    await dialog.getByText('请填写场景名称').waitFor();
    await dialog.getByText('至少选择一种证照类型').waitFor();
    await dialog.getByLabel('场景名称').fill('药店医保刷证');
    await dialog.getByLabel('说明').fill('定点零售药店核验药品经营许可证状态。');
    // the selects from the keyboard: type to filter, Enter picks, Escape closes the list (not the dialog)
    await pick(page, dialog, '可用的证照类型', '药品经营许可证');
    expect(await dialog.isVisible()).toBe(true);
    await pick(page, dialog, '核验方通常需要的字段', '许可证编号');
    await pick(page, dialog, '核验方通常需要的字段', '有效期至');
    await expectAccessible(page, 'la-10-scenario-dialog');
    await button(dialog, '保存').click();
    await dialog.waitFor({ state: 'hidden' });
    const row = rows(page).filter({ hasText: '药店医保刷证' });
    await row.waitFor();
    expect(await row.textContent()).toContain('药品经营许可证');
    expect(await row.textContent()).toContain('许可证编号、有效期至');
    const pub = (await (await fetch(url('/api/v1/license-scenarios'))).json()) as { items: { name: string }[] };
    expect(pub.items.map((s) => s.name)).toContain('药店医保刷证');

    // the same name again: the server's refusal beside the name
    await page.getByRole('button', { name: /新增场景/ }).click();
    const again = await settledDialog(page, '新增应用场景');
    await again.getByLabel('场景名称').fill('药店医保刷证');
    await pick(page, again, '可用的证照类型', '药品经营许可证');
    await button(again, '保存').click();
    await again.locator('.ant-form-item-explain-error', { hasText: '同名场景已存在' }).waitFor();
    await button(again, '取消').click();
    await again.waitFor({ state: 'hidden' });
    await screenshot(page, 'la-11-scenario-added');
  }, 90_000);

  it('rotates the signing key after a confirm saying old keys keep verifying', async () => {
    await page.getByRole('tab', { name: '签名密钥' }).click();
    await page.waitForURL(/tab=keys/);
    const keyRows = page.locator('.ow-la-keys .ant-table-row');
    await keyRows.first().waitFor();
    const before = await keyRows.count();
    expect(await keyRows.filter({ hasText: '当前签名' }).count()).toBe(1);
    await page.getByRole('button', { name: /轮换密钥/ }).click();
    const confirm = await settledDialog(page);
    expect(await confirm.textContent()).toContain('仍能通过核验');
    await expectAccessible(page, 'la-12-rotate-confirm');
    await confirm.getByRole('button', { name: '确认轮换' }).click();
    await expect.poll(() => keyRows.count()).toBe(before + 1);
    expect(await keyRows.filter({ hasText: '当前签名' }).count()).toBe(1);
    expect(await keyRows.filter({ hasText: '已停用（仍可验签）' }).count()).toBe(before);
    const jwks = (await (await fetch(url('/.well-known/jwks.json'))).json()) as { keys: unknown[] };
    expect(jwks.keys.length).toBe(before + 1);
    await expectAccessible(page, 'la-13-keys');
    expect(problems).toEqual([]);
  }, 60_000);

  it('an approver sees only its department’s licences and may act on them; a refusal shows as an alert', async () => {
    const ctx = await newContext(browser);
    const p = await ctx.newPage();
    const pProblems = watchPage(p);
    await login(p, server.baseUrl, 'approver01');
    await p.goto(url('/licenses'));
    await expect.poll(() => p.locator('h1').textContent()).toBe('电子证照管理');
    expect(await p.getByRole('tab').count()).toBe(0);
    await rows(p).first().waitFor();
    const all = (await (await p.request.get(url('/api/v1/licenses?pageSize=100'))).json()) as { total: number; items: { issuer: { departmentCode: string } }[] };
    expect(new Set(all.items.map((l) => l.issuer.departmentCode))).toEqual(new Set(['001']));
    expect(await rows(p).count()).toBe(all.total);
    for (const text of await rows(p).allTextContents()) expect(text).toContain('营业执照');
    // the type filter offers only the department's types
    await p.getByLabel('证照类型').click();
    const options = p.locator('.ant-select-dropdown:visible .ant-select-item-option');
    // (all types are offered until the approver's department is known, then only its own)
    const offered = async () => (await options.allTextContents()).sort().join('|');
    await expect.poll(offered).toBe(['全部类型', '营业执照', '行业综合许可证', '建筑工程施工许可证'].sort().join('|'));
    await p.keyboard.press('Escape');
    await expectAccessible(p, 'la-14-approver-register');

    // another department's licence: not there
    await p.goto(url(`/licenses/${foodId}`));
    await expect.poll(() => p.locator('h1').textContent()).toBe('未找到该证照，或您无权查看');

    // its own: actions offered; the licence changes meanwhile, and the server's refusal is shown
    await p.goto(url('/licenses'));
    await rows(p).first().getByRole('link', { name: /^查看/ }).click();
    await p.waitForURL(/\/licenses\/[0-9a-f-]{36}$/);
    const bizId = new URL(p.url()).pathname.split('/').pop() ?? '';
    await button(p, '暂扣').click();
    const dialog = await settledDialog(p, '暂扣证照（03）');
    await dialog.getByLabel('原因（记入证照操作日志）').fill('未按规定公示年度报告');
    const meanwhile = await page.request.post(url(`/api/v1/licenses/${bizId}/actions/suspend`), { data: { reason: '管理员已先行暂扣' } });
    expect(meanwhile.status()).toBe(200);
    await button(dialog, '确认暂扣').click();
    await expect.poll(() => dialog.locator('.ow-dialog-error').textContent()).toContain('不能暂扣');
    // the page behind shows the licence as it is now
    await expect.poll(() => statusTag(p).textContent()).toBe('暂扣');
    await screenshot(p, 'la-15-approver-refused');
    await button(dialog, '取消').click();
    await dialog.waitFor({ state: 'hidden' });
    await button(p, '发还').click();
    const back = await settledDialog(p, '暂扣发还（06）');
    await back.getByLabel('原因（记入证照操作日志）').fill('已公示');
    await button(back, '确认发还').click();
    await back.waitFor({ state: 'hidden' });
    await expect.poll(() => statusTag(p).textContent()).toBe('有效');
    const me = (await (await p.request.get(url('/api/v1/me'))).json()) as { name: string };
    const newest = (await logRows(p).first().textContent()) ?? '';
    expect(newest).toMatch(/06\s*暂扣发还/);
    expect(newest).toContain(me.name);
    expect(pProblems).toEqual([]);
    await ctx.close();
  }, 90_000);

  it('a certificate clerk reads every licence but sees no action buttons', async () => {
    const ctx = await newContext(browser);
    const p = await ctx.newPage();
    const pProblems = watchPage(p);
    await login(p, server.baseUrl, 'cert01');
    await p.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '电子证照管理' }).click();
    await p.waitForURL(/\/licenses$/);
    await rows(p).first().waitFor();
    expect(await rows(p).count()).toBeGreaterThanOrEqual(4);
    expect(await p.getByRole('tab').count()).toBe(0);
    await rows(p).filter({ hasText: '居民身份证' }).getByRole('link', { name: /^查看/ }).click();
    await p.waitForURL(/\/licenses\/[0-9a-f-]{36}$/);
    await expect.poll(() => p.locator('h1').textContent()).toBe('居民身份证');
    await p.getByText('出证窗口可查询证照').waitFor();
    expect(await p.locator('.ow-la-action-bar').count()).toBe(0);
    for (const name of ['暂扣', '发还', '延续', '变更', '注销/撤销/吊销']) expect(await button(p, name).count(), name).toBe(0);
    await expectAccessible(p, 'la-16-cert-readonly');
    // the scenario and key tabs are for admins: asking for them shows the register
    await p.goto(url('/licenses?tab=keys'));
    await rows(p).first().waitFor();
    expect(await p.getByText('轮换密钥').count()).toBe(0);
    expect(pProblems).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('keeps large text inside the window: register and licence, desktop and phone', async () => {
    await page.goto(url('/licenses'));
    await rows(page).first().waitFor();
    await page.locator('#ow-large-text').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('ow-large'))).toBe(true);
    await noSidewaysScroll(page);
    await screenshot(page, 'la-17-register-large');
    await page.goto(url(`/licenses/${renewedId}`));
    await page.getByRole('heading', { name: '操作日志' }).waitFor();
    await noSidewaysScroll(page);
    await expectAccessible(page, 'la-18-licence-large');
    await page.locator('#ow-large-text').click();

    const phone = await newContext(browser, { width: 390, height: 844, mobile: true });
    const p = await phone.newPage();
    await login(p, server.baseUrl, 'admin');
    await p.goto(url('/licenses'));
    await rows(p).first().waitFor();
    await noSidewaysScroll(p);
    await expectAccessible(p, 'la-19-phone-register');
    await p.goto(url(`/licenses/${foodId}`));
    await p.getByRole('heading', { name: '操作日志' }).waitFor();
    await noSidewaysScroll(p);
    await expectAccessible(p, 'la-20-phone-licence');
    await phone.close();
    expect(problems).toEqual([]);
  }, 90_000);
});
