import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '../../src/cases/seed.js';
import { loadCalendar } from '../../src/platform/calendar/store.js';
import { fixedClock, shanghaiDate, systemClock } from '../../src/platform/clock.js';
import { axeViolations, launchBrowser, login, newContext, screenshot, settledDialog, tick, watchPage } from './browser.js';
import { startWebServer, type WebServer } from './server.js';

/**
 * The back office (/office) and the unified certificate window (/issue) in the browser, against
 * the real server and the demo district with its demo cases (seeded today, and twice in the past
 * so the inbox shows every deadline light): approver01 works the inbox, claims a case and walks
 * it through its steps to 准予许可; a second session acting on a stale version is told and
 * reloaded; a correction request stops the clock; cert01 issues the granted case, mails it and
 * concludes it; the timeline ends with 已办结. axe-core finds no violations on any of the screens.
 */
describe('back office and certificate window', () => {
  let server: WebServer;
  let browser: Browser;
  let approver: BrowserContext;
  let page: Page;
  let problems: string[];
  let today: string;
  /** today's demo cases: 1 王堃 (容缺 + 承诺, mail), 2 李犇, 3 one-time notice, 4 at the last step, 5 granted, 6 concluded, 7 instant */
  const todays = (n: number) => `371311${today.replace(/-/g, '')}${String(n).padStart(6, '0')}`;

  const url = (path: string) => `${server.baseUrl}${path}`;
  const button = (p: Page | Locator, name: string) => p.getByRole('button', { name: new RegExp(`^${name.split('').join('\\s*')}$`) });
  const expectAccessible = async (p: Page, name: string) => {
    await screenshot(p, name);
    expect(await axeViolations(p), `axe violations on ${name}`).toEqual([]);
  };
  const statusTag = (p: Page) => p.locator('.ow-page-title .ow-of-tag').first();

  beforeAll(async () => {
    server = await startWebServer();
    const clock = systemClock;
    today = shanghaiDate(clock.now());
    await seedDemoCases(server.database, clock);
    // the same demo cases accepted long enough ago to be overdue (red) and due soon (yellow):
    // the demo item promises 5 working days and warns from 1 day left
    const cal = await loadCalendar(server.database.db);
    const left = (back: number) => {
      const accepted = cal.addWorkingDays(today, -back);
      const due = cal.addWorkingDays(accepted, 5);
      return { accepted, left: due < today ? -1 : cal.workingDaysBetween(today, due) };
    };
    const backs = Array.from({ length: 12 }, (_v, i) => i + 1);
    const red = backs.map(left).find((x) => x.left < 0)!;
    const yellow = backs.map(left).find((x) => x.left >= 0 && x.left <= 1)!;
    for (const { accepted } of [red, yellow]) await seedDemoCases(server.database, fixedClock(`${accepted}T01:30:00.000Z`));
    browser = await launchBrowser();
    approver = await newContext(browser);
    page = await approver.newPage();
    problems = watchPage(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows approver01 the inbox with deadline lights, most urgent first', async () => {
    await login(page, server.baseUrl, 'approver01');
    expect(new URL(page.url()).pathname).toBe('/office');
    await expect.poll(() => page.locator('h1').textContent()).toBe('审批工作台');
    await page.locator('.ant-table-row').first().waitFor();
    for (const tab of ['待办', '我的', '未认领', '挂起', '超期']) expect(await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).count(), tab).toBe(1);

    const lights = await page.locator('.ant-table-row .ow-of-light').allTextContents();
    expect(lights).toContain('已超期');
    expect(lights).toContain('即将到期');
    expect(lights).toContain('正常');
    // most urgent first: the red ones lead
    expect(lights[0]).toBe('已超期');
    const colours = await page.locator('.ant-table-row .ow-of-light').evaluateAll((els) => els.map((e) => e.getAttribute('data-colour')));
    const rank = { red: 0, yellow: 1, green: 2 } as Record<string, number>;
    expect(colours.map((c) => rank[c ?? 'green'])).toEqual([...colours.map((c) => rank[c ?? 'green'])].sort((a, b) => a - b));
    // applicant names are masked in the list
    const names = await page.locator('.ant-table-row td:nth-child(3)').allTextContents();
    expect(names.every((n) => n.includes('*'))).toBe(true);
    expect(await page.locator('.ant-table-row', { hasText: todays(2) }).locator('.ow-of-light').textContent()).toBe('正常');
    await expectAccessible(page, 'office-01-inbox');

    await page.getByRole('tab', { name: /^超期/ }).click();
    await page.waitForURL(/\/office\/overdue$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('超期办件');
    await page.locator('.ant-table-row').first().waitFor();
    await expect.poll(async () => (await page.locator('.ant-table-row .ow-of-light').allTextContents()).every((x) => x === '已超期')).toBe(true);
    expect(await page.locator('.ow-of-od-summary').textContent()).toMatch(/超期办件 \d+ 件/);
    await expectAccessible(page, 'office-02-overdue');
  }, 90_000);

  it('claims a case, passes it through its steps and grants it after a confirm dialog', async () => {
    const caseNo = todays(1);
    await page.goto(url('/office?tab=unclaimed'));
    await page.locator('.ant-table-row', { hasText: caseNo }).getByRole('link', { name: caseNo, exact: true }).click();
    await page.waitForURL(new RegExp(`/office/cases/${caseNo}$`));
    await expect.poll(() => page.locator('h1').textContent()).toBe('行业综合许可证（核发）');
    // materials with their 容缺 / 承诺 tags, deadlines with both due dates and the cap
    const materials = page.locator('section[aria-labelledby="of-materials"]');
    expect(await materials.locator('.ow-of-tag', { hasText: '容缺' }).count()).toBe(1);
    expect(await materials.locator('.ow-of-tag', { hasText: '承诺' }).count()).toBe(1);
    const deadlines = (await page.locator('section[aria-labelledby="of-deadlines"]').textContent()) ?? '';
    expect(deadlines).toContain('承诺办结日');
    expect(deadlines).toContain('法定办结日');
    expect(deadlines).toMatch(/已延长 0 日（上限 10 日）/);
    expect(await statusTag(page).textContent()).toBe('已受理');

    for (let step = 0; step < 3; step++) {
      await button(page, '认领').click();
      await expect.poll(() => statusTag(page).textContent()).toMatch(/^审查中·/);
      if (step < 2) {
        await button(page, '通过（转下一环节）').click();
        const dialog = await settledDialog(page, '通过（转下一环节）');
        await dialog.getByLabel('审查意见').fill(`第${step + 1}环节审查通过`);
        await button(dialog, '通过').click();
        await dialog.waitFor({ state: 'hidden' });
        await expect.poll(() => page.locator('.ow-of-note').first().textContent()).toMatch(/待认领/);
      }
    }
    expect(await statusTag(page).textContent()).toBe('审查中·审批决定');
    // 通过 is not offered at the last step; 决定 is
    expect(await button(page, '通过（转下一环节）').count()).toBe(0);

    await button(page, '作出决定').click();
    const decide = await settledDialog(page, '作出决定');
    // deny needs a reason
    await tick(decide.getByRole('radio', { name: '不予许可' }));
    await button(decide, '下一步').click();
    await expect.poll(() => decide.getByText('不予许可必须填写理由').count()).toBe(1);
    await tick(decide.getByRole('radio', { name: '准予许可' }));
    await decide.getByLabel('决定理由').fill('经审查，申请材料齐全，符合法定条件');
    await expectAccessible(page, 'office-03-case-decide-dialog');
    await button(decide, '下一步').click();
    await expect.poll(() => decide.locator('.ow-dialog-confirm').textContent()).toContain(`确认对办件 ${caseNo} 作出准予许可决定？`);
    await screenshot(page, 'office-04-case-decide-confirm');
    expect(await axeViolations(page), 'axe on the confirm step').toEqual([]);
    await button(decide, '确认').click();
    await decide.waitFor({ state: 'hidden' });
    await expect.poll(() => statusTag(page).textContent()).toBe('准予许可');
    expect(await page.locator('.ow-of-susp', { hasText: '已作出准予许可决定' }).count()).toBe(1);
    expect(await page.locator('section[aria-labelledby="of-timeline"]').textContent()).toContain('作出决定');
    expect(await page.locator('section[aria-labelledby="of-docs"]').getByRole('link', { name: /行政许可决定书/ }).count()).toBe(1);
    await expectAccessible(page, 'office-05-case-granted');
  }, 120_000);

  it('tells a second session acting on a stale version, and reloads', async () => {
    const caseNo = todays(2);
    const other = await newContext(browser);
    const page2 = await other.newPage();
    const problems2 = watchPage(page2);
    await login(page2, server.baseUrl, 'approver01');
    await page.goto(url(`/office/cases/${caseNo}`));
    await page2.goto(url(`/office/cases/${caseNo}`));
    await button(page, '认领').waitFor();
    await button(page2, '认领').waitFor();

    await button(page, '认领').click();
    await expect.poll(() => statusTag(page).textContent()).toMatch(/^审查中·/);
    // page2 still shows version 1
    await button(page2, '认领').click();
    await expect.poll(() => page2.locator('.ant-message').textContent()).toContain('此办件已被他人处理，已刷新');
    expect(await page2.locator('.ow-of-stale').textContent()).toContain('此办件已被他人处理，已刷新');
    await expect.poll(() => statusTag(page2).textContent()).toMatch(/^审查中·/);
    await screenshot(page2, 'office-06-stale');
    expect(problems2).toEqual([]);
    await other.close();
  }, 90_000);

  it('requests a correction: the case is suspended and the clock stops', async () => {
    const caseNo = todays(2);
    await page.reload();
    await button(page, '补正').click();
    const dialog = await settledDialog(page, '补正');
    await tick(dialog.getByRole('checkbox', { name: /M05/ }));
    await dialog.getByLabel('补正内容和理由').fill('从业人员健康证明已过期，请补交有效证明');
    const supplyBy = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel('补正期限').fill(supplyBy);
    await screenshot(page, 'office-07-correction-dialog');
    expect(await axeViolations(page), 'axe on the correction dialog').toEqual([]);
    await button(dialog, '发出补正通知').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => statusTag(page).textContent()).toBe('中止（时限暂停）');
    const notice = (await page.locator('.ow-of-susp').first().textContent()) ?? '';
    expect(notice).toContain('补正中：办理时限暂停计算');
    expect(notice).toContain(`补正期限：${supplyBy}`);
    expect(notice).toContain('从业人员健康证明');
    expect(await page.locator('section[aria-labelledby="of-deadlines"] .ow-of-light-wrap').textContent()).toContain('已暂停');
    expect(await page.locator('section[aria-labelledby="of-timeline"]').textContent()).toContain('要求补正');
    await expectAccessible(page, 'office-08-case-suspended');

    await page.goto(url('/office?tab=suspended'));
    const row = page.locator('.ant-table-row', { hasText: caseNo });
    await row.waitFor();
    expect(await row.textContent()).toContain('已暂停');
    expect(await row.textContent()).toContain('中止（时限暂停）');
    expect(problems).toEqual([]);
  }, 90_000);

  it('lets cert01 issue the granted case, mail it and conclude it', async () => {
    const caseNo = todays(1);
    const cert = await newContext(browser);
    const p = await cert.newPage();
    const certProblems = watchPage(p);
    await login(p, server.baseUrl, 'cert01');
    expect(new URL(p.url()).pathname).toBe('/issue');
    await expect.poll(() => p.locator('h1').textContent()).toBe('统一出证窗口');
    const row = p.locator('.ant-table-row', { hasText: caseNo });
    await row.waitFor();
    expect(await row.textContent()).toContain('免费邮寄');
    expect(await p.locator('.ant-table-row', { hasText: todays(5) }).count()).toBe(1);
    const stat = (title: string) => p.locator('.ant-statistic', { hasText: title }).locator('.ant-statistic-content-value');
    const count = async (title: string) => Number(await stat(title).textContent());
    await expect.poll(() => stat('今日免费邮寄').textContent()).toMatch(/^\d+$/);
    const [issued0, mailed0, pickedUp0] = [await count('今日出证'), await count('今日免费邮寄'), await count('今日窗口领取')];
    // today's demo cases: one concluded by mail, one instant item issued at the window
    expect(issued0).toBe(2);
    expect(mailed0).toBe(1);
    await expectAccessible(p, 'office-09-issue-queue');

    await row.getByRole('link', { name: caseNo, exact: true }).click();
    await p.waitForURL(new RegExp(`/issue/cases/${caseNo}$`));
    await button(p, '出证').click();
    const issue = await settledDialog(p, '出证');
    await button(issue, '确认出证').click();
    await issue.waitFor({ state: 'hidden' });
    await expect.poll(() => statusTag(p).textContent()).toBe('已出证');
    const certSection = p.locator('section[aria-labelledby="is-cert"]');
    expect(await certSection.textContent()).toContain(`ZS${caseNo}`);
    expect(await certSection.getByTestId('licence-identifier').textContent()).toMatch(/^1\.2\.156\.3005\.2\./);
    const pdfLink = certSection.getByRole('link', { name: /打开证书 PDF 打印/ });
    const pdf = await p.request.get(url((await pdfLink.getAttribute('href')) ?? ''));
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');

    await button(p, '送达').click();
    const deliver = await settledDialog(p, '送达');
    expect(await deliver.getByRole('radio', { name: '免费邮寄' }).isChecked()).toBe(true);
    await deliver.getByLabel('邮寄地址').fill('临沂市罗庄区罗庄街道沂河路88号');
    await deliver.getByLabel('快递单号').fill('EMS9876543210');
    await expectAccessible(p, 'office-10-issue-deliver-dialog');
    await button(deliver, '登记送达').click();
    await deliver.waitFor({ state: 'hidden' });
    await expect.poll(() => statusTag(p).textContent()).toBe('已送达');
    expect(await certSection.textContent()).toContain('EMS9876543210');

    await button(p, '办结').click();
    const conclude = await settledDialog(p, '办结');
    await button(conclude, '确认办结').click();
    await conclude.waitFor({ state: 'hidden' });
    await expect.poll(() => statusTag(p).textContent()).toBe('已办结');
    const timeline = (await p.locator('section[aria-labelledby="of-timeline"]').textContent()) ?? '';
    expect(timeline).toContain('已办结');
    expect(timeline).toContain('EMS9876543210');
    expect(timeline.indexOf('办结')).toBeLessThan(timeline.indexOf('送达'));
    await expectAccessible(p, 'office-11-issue-concluded');

    // the window's figures for today moved
    await p.goto(url('/issue'));
    await expect.poll(() => count('今日免费邮寄')).toBe(mailed0 + 1);
    expect(await count('今日出证')).toBe(issued0 + 1);
    expect(await p.locator('.ant-table-row', { hasText: caseNo }).count()).toBe(0);

    // pickup: the ID shown must be the applicant's, unless an agent collects (代领)
    const pickupNo = todays(5);
    await p.goto(url(`/issue/cases/${pickupNo}`));
    await button(p, '出证').click();
    await button(await settledDialog(p, '出证'), '确认出证').click();
    await expect.poll(() => statusTag(p).textContent()).toBe('已出证');
    await button(p, '送达').click();
    const pickup = await settledDialog(p, '送达');
    // the applicant asked for mail, but comes to the window: the clerk switches to pickup
    await pickup.locator('label.ant-radio-button-wrapper', { hasText: '窗口领取' }).click();
    await expect.poll(() => pickup.getByRole('radio', { name: '窗口领取' }).isChecked()).toBe(true);
    await pickup.getByLabel('领取人姓名').fill('张三');
    await pickup.getByLabel('领取人身份证号码').fill('11010519491231002X');
    await expect.poll(() => pickup.getByText('与申请人证件号码不一致', { exact: true }).count()).toBe(1);
    await button(pickup, '登记送达').click();
    await expect.poll(() => pickup.getByText(/与申请人证件号码不一致；他人代领/).count()).toBe(1);
    await pickup.getByRole('switch', { name: '委托代领' }).click();
    await expect.poll(() => pickup.getByLabel('代领人身份证号码').count()).toBe(1);
    await button(pickup, '登记送达').click();
    await pickup.waitFor({ state: 'hidden' });
    await expect.poll(() => statusTag(p).textContent()).toBe('已送达');
    expect(await p.locator('section[aria-labelledby="is-cert"]').textContent()).toContain('委托代领');
    await p.goto(url('/issue'));
    await expect.poll(() => count('今日窗口领取')).toBe(pickedUp0 + 1);
    expect(await count('今日出证')).toBe(issued0 + 2);
    expect(certProblems).toEqual([]);
    await cert.close();
  }, 150_000);

  it('shows 已办结 in the approver’s timeline too', async () => {
    await page.goto(url(`/office/cases/${todays(1)}`));
    await expect.poll(() => statusTag(page).textContent()).toBe('已办结');
    expect(await page.locator('section[aria-labelledby="of-timeline"]').textContent()).toContain('已办结');
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows the hall manager the overdue cases of every department, and one department’s alone', async () => {
    const ctx = await newContext(browser);
    const mp = await ctx.newPage();
    const managerProblems = watchPage(mp);
    await login(mp, server.baseUrl, 'manager01');
    await mp.goto(url('/hall-admin?tab=overdue'));
    const summary = mp.locator('.ow-of-od-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/1 个部门共有超期办件 \d+ 件/);
    const depts = mp.locator('.ow-of-od-depts .ant-table-row');
    expect(await depts.count()).toBe(1);
    expect(await depts.first().textContent()).toContain('区行政审批服务局');
    const rows = mp.locator('.ow-of-table .ant-table-row');
    await rows.first().waitFor();
    expect(await rows.locator('.ow-of-light').allTextContents()).toEqual(Array(await rows.count()).fill('已超期'));
    expect(await rows.first().textContent()).toContain('区行政审批服务局');
    // the manager chases departments; the cases are worked in the department's own inbox
    expect(await rows.getByRole('link').count()).toBe(0);
    await expectAccessible(mp, 'office-12-manager-overdue');
    await mp.getByRole('button', { name: /^查看.*行政审批服务局的超期办件$/ }).click();
    await expect.poll(() => mp.getByRole('button', { name: '显示全部' }).count()).toBe(1);
    expect(await rows.count()).toBeGreaterThan(0);
    expect(managerProblems).toEqual([]);
    await ctx.close();
  }, 60_000);
});
