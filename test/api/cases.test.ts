import type { FixedClock } from '../../src/platform/clock.js';
import { testApp, type TestApp } from '../support/app.js';
/**
 * 办件 lifecycle over HTTP, on SQLite and (TEST_DB=postgres) PostgreSQL: every path of the state
 * machine, deadlines across 国庆 2026, concurrency, scopes and refusals, documents via pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccounts } from '../../src/accounts/service.js';
import { getDepartment } from '../../src/catalog/service.js';
import { deemAcceptance } from '../../src/cases/service.js';
import { hashPassword } from '../../src/platform/auth/password.js';
import type { Ctx } from '../../src/platform/context.js';
import { demoApplicants } from '../../src/seed/people.js';

let t: TestApp;

/** 行业综合许可证（核发）: 区行政审批服务局 (001, approver01), promised 5 / legal 20 working days, 3 steps, M01–M07 required, M04–M07 deferrable + commitment, pickup/mail, district tier only */
const ITEM = '11371311MB2855301U0100113001';
/** 个体工商户设立登记: 即办件, licence 1001 */
const INSTANT = '11371311MB2855301U0100101001';
const FULL = ['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07'].map((code) => ({ code, by: 'provided', paperSeen: true }));
const WANG = demoApplicants[0] as { name: string; idNumber: string };
const LI = demoApplicants[1] as { name: string; idNumber: string };

const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};

const inject = (method: 'GET' | 'POST', url: string, who?: string, payload?: unknown, ip = '10.9.0.1') =>
  t.app.inject({ method, url, payload: payload as object, headers: who ? { cookie: cookies[who] } : {}, remoteAddress: ip });
const get = (url: string, who?: string) => inject('GET', url, who);
const post = (url: string, who: string, payload: unknown) => inject('POST', url, who, payload);
const act = (who: string, caseNo: string, action: string, body: Record<string, unknown>) => post(`/api/v1/cases/${caseNo}/actions/${action}`, who, body);
const USERS = ['clerk01', 'clerk02', 'approver01', 'approver01b', 'approver02', 'cert01', 'town01', 'manager01', 'admin'];
let loginIp = 0;
async function login(username: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'onewindow-demo' }, remoteAddress: `10.200.${(loginIp >> 8) & 255}.${loginIp++ & 255}` });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
  return `ow_session=${res.cookies.find((c) => c.name === 'ow_session')!.value}`;
}
/** moves the fixed clock; sessions (12 h) are renewed so everyone stays logged in */
async function setDay(iso: string) {
  (t.clock as FixedClock).set(iso);
  for (const u of USERS) cookies[u] = await login(u);
  cookies.wang = await login(WANG.idNumber);
  cookies.li = await login(LI.idNumber);
}

async function intake(body: Record<string, unknown>, who = 'clerk01') {
  const res = await post('/api/v1/cases', who, { itemCode: ITEM, applicantId: ids.wang, materials: FULL, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** act and expect 200; returns the new case view */
async function ok(who: string, caseNo: string, action: string, body: Record<string, unknown> = {}) {
  const cur = (await get(`/api/v1/cases/${caseNo}`, who)).json();
  const res = await act(who, caseNo, action, { expectedVersion: cur.version, ...body });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

/** claim/pass through the steps up to the last one, claimed by `who` */
async function toLastStep(caseNo: string, who = 'approver01') {
  let c = await ok(who, caseNo, 'claim');
  while (c.currentStep < c.steps.length - 1) {
    c = await ok(who, caseNo, 'pass', { opinion: '同意' });
    c = await ok(who, caseNo, 'claim');
  }
  return c;
}

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'ow-case-pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  t = await testApp({ now: '2026-09-28T02:00:00Z' }); // Monday, 10:00 Shanghai
  const dept001 = await getDepartment({ db: t.database.db } as Ctx, '001');
  const ctx = { db: t.database.db, dialect: t.database.dialect, clock: t.clock, actor: null, ip: null, log: console } as Ctx;
  const hash = await hashPassword('onewindow-demo', 1024);
  // a second approver of the same department, for the race
  const centre = (await t.app.inject({ method: 'GET', url: '/api/v1/halls' })).json().items.find((h: { code: string }) => h.code === 'C00').id;
  await createStaffAccounts({ ...ctx, actor: { accountId: 'system', username: 'system', name: '系统', kind: 'staff', roles: ['admin'], departmentId: null, hallId: null, applicantId: null, mustChangePassword: false } }, [
    { username: 'approver01b', name: '审批人乙', roles: ['approver'], departmentId: dept001.id, hallId: centre, password: { hash } },
  ]);
  await setDay('2026-09-28T02:00:00Z');
  const find = async (code: string) => (await get(`/api/v1/applicants?code=${code}`, 'clerk01')).json().items[0].id as string;
  ids.wang = await find(WANG.idNumber);
  ids.li = await find(LI.idNumber);
}, 180_000);
afterAll(async () => t?.close());

const docs: Record<string, string> = {};

describe('intake at the window → back office → certificate window', () => {
  it('accepts with one deferred and one committed material, walks the steps, grants, issues, mails, concludes', async () => {
    await setDay('2026-09-28T02:00:00Z');
    const c = await intake({
      delivery: 'mail',
      materials: [...FULL.slice(0, 4), { code: 'M05', by: 'deferred', deferredUntil: '2026-10-09' }, { code: 'M06', by: 'commitment' }, FULL[6]],
    });
    expect(c.caseNo).toMatch(/^37131120260928\d{6}$/);
    expect(c).toMatchObject({ status: 'accepted', version: 1, acceptedOn: '2026-09-28', routedTo: null, channel: 'window' });
    // 5 working days, acceptance day not counted: 09-29, 09-30, (国庆 10-01..07), 10-08, 10-09, 10-10 (make-up Saturday)
    expect(c.deadlines).toMatchObject({ promisedDue: '2026-10-10', remainingDays: 5, colour: 'green', overdue: false });
    expect(c.applicant).toMatchObject({ name: '王堃', idNumber: WANG.idNumber }); // the clerk sees full data
    expect(c.documents.map((d: { kind: string }) => d.kind)).toEqual(['acceptance-notice', 'deferral-notice', 'commitment']);
    expect(c.outstandingDeferred.map((m: { code: string }) => m.code)).toEqual(['M05']);
    expect(c.timeline).toHaveLength(1);
    docs.accepted = c.caseNo;

    // the department's inbox shows it, green, unclaimed
    const inbox = (await get('/api/v1/office/tasks?status=todo', 'approver01')).json();
    expect(inbox.items.find((i: { caseNo: string }) => i.caseNo === c.caseNo)).toMatchObject({ colour: 'green', status: 'accepted' });

    let v = await toLastStep(c.caseNo);
    expect(v.steps.map((s: { state: string }) => s.state)).toEqual(['done', 'done', 'current']);
    // the applicant supplies the deferred material meanwhile
    const sup = await ok('wang', c.caseNo, 'supplement', { materials: [{ code: 'M05', by: 'provided', paperSeen: true }] });
    expect(sup.outstandingDeferred).toEqual([]);
    expect(sup.status).toBe('in_review');
    v = await ok('approver01', c.caseNo, 'decide', { outcome: 'grant', reason: '符合法定条件' });
    expect(v.status).toBe('granted');

    const queue = (await get('/api/v1/issue/queue', 'cert01')).json();
    expect(queue.items.map((i: { caseNo: string }) => i.caseNo)).toContain(c.caseNo);
    v = await ok('cert01', c.caseNo, 'issue');
    expect(v.status).toBe('issued');
    expect(v.certificate.certificateNo).toBe(`ZS${c.caseNo}`);
    expect(v.certificate.licenseIdentifier).toMatch(/^1\.2\.156\.3005\.2\.1005\./);
    v = await ok('cert01', c.caseNo, 'deliver', { delivery: { mode: 'mail', trackingNo: 'EMS1029384756', address: '临沂市罗庄区罗庄街道沂河路1号' } });
    expect(v.delivery).toMatchObject({ mode: 'mail', trackingNo: 'EMS1029384756', carrier: 'EMS' });
    v = await ok('cert01', c.caseNo, 'conclude');
    expect(v.status).toBe('concluded');
    expect(v.timeline.map((e: { to: string }) => e.to)).toEqual([
      'accepted', 'in_review', 'in_review', 'in_review', 'in_review', 'in_review', 'in_review', 'granted', 'issued', 'delivered', 'concluded',
    ]);
    expect(v.documents.map((d: { kind: string }) => d.kind)).toEqual(['acceptance-notice', 'deferral-notice', 'commitment', 'decision', 'certificate']);

    // SMS texts enqueued in the same transactions
    const sms = (await get(`/api/v1/cases/${c.caseNo}/notices`, 'clerk01')).json();
    expect(sms.map((n: { kind: string }) => n.kind)).toEqual(['accepted', 'decision', 'mailed']);
    expect(sms[0].text).toMatch(/^【罗庄区政务服务】/);
    expect(sms[0].to).toBe('13805391234');
    expect(sms[2].text).toContain('EMS1029384756');

    // free mail is counted
    const fig = (await get('/api/v1/cases/figures/delivery', 'manager01')).json();
    expect(fig.mail).toBeGreaterThanOrEqual(1);

    // public progress: masked, no personal data; a wrong tail answers like an unknown number
    const p = await get(`/api/v1/progress?caseNo=${c.caseNo}&idTail=${WANG.idNumber.slice(-4)}`);
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({ status: 'concluded', statusName: '已办结', applicantName: '王*' });
    expect(p.body).not.toContain(WANG.idNumber);
    expect(p.body).not.toContain('13805391234');
    const wrong = await get(`/api/v1/progress?caseNo=${c.caseNo}&idTail=0000`);
    const unknown = await get('/api/v1/progress?caseNo=37131120260928999999&idTail=0000');
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json()).toEqual({ ...unknown.json(), instance: wrong.json().instance });
  });

  it('texts the applicant when the certificate is ready for pickup, and audits every action of the case in order', async () => {
    await setDay('2026-09-28T02:00:00Z');
    const c = await intake({ delivery: 'pickup' });
    await toLastStep(c.caseNo);
    await ok('approver01', c.caseNo, 'decide', { outcome: 'grant', reason: '符合法定条件' });
    const issued = await ok('cert01', c.caseNo, 'issue');
    const sms = (await get(`/api/v1/cases/${c.caseNo}/notices`, 'clerk01')).json() as { kind: string; text: string }[];
    expect(sms.map((n) => n.kind)).toEqual(['accepted', 'decision', 'ready_for_pickup']);
    expect(sms[2].text).toContain('综合出证窗口领取');

    // one audit record per transition, in the timeline's order, each with its actor, in the hash chain
    const { rows } = await sql<{ action: string; actor_name: string }>`select action, actor_name from audit_log where target_id = ${c.caseNo} order by seq`.execute(t.database.db);
    const transitions = issued.timeline.slice(1).map((e: { action: string }) => `case.${e.action}`);
    // the licence the issue made is attached to the case: audited too
    expect(rows.map((r) => r.action)).toEqual(['case.intake', ...transitions, 'case.license_attached']);
    expect(rows[0].actor_name).toBe('clerk01');
    expect(rows.find((r) => r.action === 'case.decide')!.actor_name).toBe('approver01');
    expect(rows.find((r) => r.action === 'case.issue')!.actor_name).toBe('cert01');
    expect((await get('/api/v1/audit/verify', 'admin')).json().ok).toBe(true);
  });

  it('refuses at the window with a legal reason (不予受理)', async () => {
    const noReason = await post('/api/v1/cases', 'clerk01', { itemCode: ITEM, applicantId: ids.wang, materials: FULL, outcome: 'refuse' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().field).toBe('refusalReason');
    const c = await intake({ outcome: 'refuse', refusalReason: '申请事项依法不需要取得行政许可（《行政许可法》第三十二条第一款第一项）' });
    expect(c.status).toBe('refused');
    expect(c.documents.map((d: { kind: string }) => d.kind)).toEqual(['refusal']);
    docs.refused = c.caseNo;
    expect((await act('approver01', c.caseNo, 'claim', { expectedVersion: 1 })).statusCode).toBe(409);
  });

  it('gives the one-time notice listing ALL missing materials; the same case continues when the applicant returns', async () => {
    const c = await intake({ materials: [FULL[0], FULL[1]] });
    expect(c.status).toBe('pending_completion');
    expect(c.missing.map((m: { code: string }) => m.code)).toEqual(['M03', 'M04', 'M05', 'M06', 'M07']);
    expect(c.notice.missing).toHaveLength(5);
    docs.notice = c.caseNo;
    // still incomplete → 422 naming what is missing; nothing changes
    const still = await act('clerk02', c.caseNo, 'complete', { expectedVersion: 1, materials: [FULL[2]] });
    expect(still.statusCode).toBe(422);
    expect(still.json().missing.map((m: { code: string }) => m.code)).toEqual(['M04', 'M05', 'M06', 'M07']);
    const done = await ok('clerk02', c.caseNo, 'complete', { materials: FULL.slice(2) });
    expect(done).toMatchObject({ caseNo: c.caseNo, status: 'accepted', version: 2, acceptedOn: '2026-09-28' });
    expect(done.documents.map((d: { kind: string }) => d.kind)).toContain('one-time-notice');
    const sms = (await get(`/api/v1/cases/${c.caseNo}/notices`, 'clerk01')).json();
    expect(sms.map((n: { kind: string }) => n.kind)).toEqual(['one_time_notice', 'accepted']);
    expect(sms[0].text).toContain('一次性补齐');
  });

  it('handles an instant item (即办件) in one visit: accepted, granted and issued in one call, handed over with an identity check', async () => {
    const res = await post('/api/v1/cases', 'clerk01', {
      itemCode: INSTANT,
      applicantId: ids.wang,
      materials: [
        { code: 'M01', by: 'provided', paperSeen: true },
        { code: 'M02', by: 'provided', paperSeen: true },
        { code: 'M03', by: 'commitment' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ status: 'issued', instant: true });
    expect(c.timeline.map((e: { to: string }) => e.to)).toEqual(['accepted', 'granted', 'issued']);
    expect(c.decision.outcome).toBe('grant');
    // the item results in a licence (type 1001): issued through the licences module's hook
    expect(c.certificate.licenseIdentifier).toMatch(/^1\.2\.156\.3005\.2\.1001\./);
    const wrongId = await act('clerk01', c.caseNo, 'deliver', { expectedVersion: c.version, delivery: { mode: 'pickup', collectorName: '王堃', collectorIdNumber: LI.idNumber } });
    expect(wrongId.statusCode).toBe(422);
    expect(wrongId.json().field).toBe('collectorIdNumber');
    const d = await ok('clerk01', c.caseNo, 'deliver', { delivery: { mode: 'pickup', collectorName: '王堃', collectorIdNumber: WANG.idNumber } });
    expect(d.delivery).toMatchObject({ mode: 'pickup', identityMatched: true });
    expect(d.delivery.collectorIdMasked).not.toBe(WANG.idNumber);
  });

  it('routes an intake at a town centre for a district-only item to the district back office', async () => {
    const c = await intake({}, 'town01');
    expect(c.routedTo).toBe('district');
    expect(c.intakeHall.tier).toBe('town');
    expect((await get(`/api/v1/cases/${c.caseNo}`, 'approver01')).statusCode).toBe(200);
    // the district centre's clerk does not see the town's case; the town's clerk does not see the centre's
    expect((await get(`/api/v1/cases/${c.caseNo}`, 'clerk01')).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${docs.accepted}`, 'town01')).statusCode).toBe(404);
  });
});

describe('back office: correction across 国庆, extension, deny, race', () => {
  it('suspends for correction (clock stopped over the holiday) and resumes on supplement', async () => {
    await setDay('2026-09-28T02:00:00Z');
    const c = await intake({});
    await ok('approver01', c.caseNo, 'claim');
    await setDay('2026-09-29T03:00:00Z');
    const s = await ok('approver01', c.caseNo, 'request-correction', { reason: '场所证明与实际地址不符，请补正', materials: ['M03'], supplyBy: '2026-10-16' });
    expect(s.status).toBe('suspended');
    expect(s.deadlines.paused).toBe(true);
    const sms = (await get(`/api/v1/cases/${c.caseNo}/notices`, 'approver01')).json();
    expect(sms.at(-1)).toMatchObject({ kind: 'correction' });
    expect(sms.at(-1).text).toContain('补正');
    await setDay('2026-10-05T02:00:00Z'); // in the holiday: nothing counted yet but 09-30
    expect((await get(`/api/v1/cases/${c.caseNo}`, 'approver01')).json().deadlines.suspendedDays).toBe(1);
    await setDay('2026-10-09T02:00:00Z');
    const r = await ok('wang', c.caseNo, 'supplement', { materials: [{ code: 'M03', by: 'provided', paperSeen: true }] });
    expect(r.status).toBe('in_review');
    // 09-30, 10-08, 10-09 lost → 5 + 3 working days after 09-28 = 10-14
    expect(r.deadlines).toMatchObject({ suspendedDays: 3, promisedDue: '2026-10-14', paused: false });
    expect(r.timeline.at(-1)).toMatchObject({ action: 'supplement', from: 'suspended', to: 'in_review', detail: { suspendedWorkingDays: 3 } });
  });

  it('runs a special procedure with a reason and expected end, then ends it', async () => {
    await setDay('2026-09-28T02:00:00Z');
    const c = await intake({});
    await ok('approver01', c.caseNo, 'claim');
    const bad = await act('approver01', c.caseNo, 'special-procedure', { expectedVersion: 2, procedure: 'expert', reason: '专家评审', expectedEnd: '2026-01-01' });
    expect(bad.statusCode).toBe(422);
    const s = await ok('approver01', c.caseNo, 'special-procedure', { procedure: 'expert', reason: '专家评审', expectedEnd: '2026-10-20' });
    expect(s.suspension).toMatchObject({ kind: 'special', procedure: 'expert', procedureName: '专家评审', expectedEnd: '2026-10-20' });
    expect((await act('wang', c.caseNo, 'supplement', { expectedVersion: s.version, materials: [] })).statusCode).toBe(409);
    await setDay('2026-10-12T02:00:00Z');
    const e = await ok('approver01', c.caseNo, 'end-special', { outcome: '专家评审通过' });
    expect(e.status).toBe('in_review');
    expect(e.deadlines.suspendedDays).toBe(cal(['2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']));
  });

  it('extends up to half the legal limit (10 working days for a 20-day item)', async () => {
    await setDay('2026-09-28T02:00:00Z');
    const c = await intake({});
    await ok('approver01', c.caseNo, 'claim');
    const e = await ok('approver01', c.caseNo, 'extend', { days: 6, reason: '需现场核查，情况复杂' });
    expect(e.deadlines).toMatchObject({ extensionDays: 6, extensionCap: 10 });
    const over = await act('approver01', c.caseNo, 'extend', { expectedVersion: e.version, days: 5, reason: '再延' });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ field: 'days', code: 'extension_cap' });
    const e2 = await ok('approver01', c.caseNo, 'extend', { days: 4, reason: '再延' });
    expect(e2.deadlines.extensionDays).toBe(10);
    expect(e2.deadlines.promisedDue > e.deadlines.promisedDue).toBe(true);
  });

  it('denies with a reason; the approver concludes', async () => {
    await setDay('2026-09-28T02:00:00Z');
    const c = await intake({});
    await toLastStep(c.caseNo);
    const cur = (await get(`/api/v1/cases/${c.caseNo}`, 'approver01')).json();
    const noReason = await act('approver01', c.caseNo, 'decide', { expectedVersion: cur.version, outcome: 'deny' });
    expect(noReason.statusCode).toBe(422);
    const d = await ok('approver01', c.caseNo, 'decide', { outcome: 'deny', reason: '经现场核查，经营场所不符合卫生要求' });
    expect(d.status).toBe('denied');
    expect(d.documents.map((x: { kind: string }) => x.kind)).toContain('decision');
    docs.denied = c.caseNo;
    expect((await act('cert01', c.caseNo, 'issue', { expectedVersion: d.version })).statusCode).toBe(409);
    const z = await ok('approver01', c.caseNo, 'conclude');
    expect(z.status).toBe('concluded');
  });

  it('two approvers deciding the same case at once: exactly one wins, the other gets 409', async () => {
    await setDay('2026-09-28T02:00:00Z');
    const c = await intake({});
    let v = await toLastStep(c.caseNo);
    // hand the last step back to the pool, so both may take it
    v = await ok('approver01', c.caseNo, 'return', { reason: '复核', toStep: v.currentStep - 1 });
    v = await ok('approver01', c.caseNo, 'claim');
    v = await ok('approver01', c.caseNo, 'pass');
    expect(v.steps.at(-1).claimedBy).toBeNull();
    const [a, b] = await Promise.all([
      act('approver01', c.caseNo, 'decide', { expectedVersion: v.version, outcome: 'grant' }),
      act('approver01b', c.caseNo, 'decide', { expectedVersion: v.version, outcome: 'deny', reason: '不符合' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(['stale_version', 'claimed_by_other']).toContain(loser.json().code);
    const after = (await get(`/api/v1/cases/${c.caseNo}`, 'approver01')).json();
    expect(after.version).toBe(v.version + 1);
    expect(after.timeline.filter((e: { action: string }) => e.action === 'decide')).toHaveLength(1);
  });

  it('lists overdue cases per department and for the hall manager, red in the inbox', async () => {
    await setDay('2026-10-20T02:00:00Z');
    const od = (await get('/api/v1/office/overdue', 'approver01')).json();
    expect(od.total).toBeGreaterThan(0);
    expect(od.items.every((i: { colour: string }) => i.colour === 'red')).toBe(true);
    const mgr = (await get('/api/v1/office/overdue', 'manager01')).json();
    expect(mgr.byDepartment.find((d: { departmentCode: string }) => d.departmentCode === '001').overdue).toBe(od.total);
    const red = (await get('/api/v1/office/tasks?colour=red', 'approver01')).json();
    expect(red.total).toBe(od.total);
    const other = (await get('/api/v1/office/overdue', 'approver02')).json();
    expect(other.total).toBe(0);
    await setDay('2026-09-28T02:00:00Z');
  });

  it('pages the inbox most urgent first, page after page without a case lost or repeated', async () => {
    await setDay('2026-09-21T02:00:00Z');
    const early = await intake({});
    await setDay('2026-09-24T02:00:00Z');
    const later = await intake({});
    // extended, the earlier case falls due after the later one: case number order is not due order
    await ok('approver01', early.caseNo, 'claim');
    const extended = await ok('approver01', early.caseNo, 'extend', { days: 6, reason: '需现场核查' });
    expect(extended.deadlines.promisedDue > later.deadlines.promisedDue).toBe(true);
    await setDay('2026-09-28T02:00:00Z');
    for (let i = 0; i < 3; i++) await intake({});
    type Task = { caseNo: string; promisedDue: string };
    const whole = (await get('/api/v1/office/tasks?pageSize=100', 'approver01')).json();
    expect(whole.total).toBe(whole.items.length);
    expect(whole.total).toBeGreaterThanOrEqual(5);
    const key = (x: Task) => `${x.promisedDue} ${x.caseNo}`;
    expect(whole.items.map(key)).toEqual(whole.items.map(key).sort());
    expect(new Set(whole.items.map((x: Task) => x.promisedDue)).size).toBeGreaterThan(1);
    const paged: string[] = [];
    for (let page = 1; paged.length < whole.total; page++) {
      const p = (await get(`/api/v1/office/tasks?pageSize=2&page=${page}`, 'approver01')).json();
      expect(p.total).toBe(whole.total);
      expect(p.items.length).toBeGreaterThan(0);
      paged.push(...p.items.map((x: Task) => x.caseNo));
    }
    expect(paged).toEqual(whole.items.map((x: Task) => x.caseNo));
  });
});

/** working days listed (helper for readability) */
const cal = (days: string[]) => days.length;

describe('online submission, pre-review and §32 deemed acceptance', () => {
  it('submits online; the desk pre-reviews with a one-time notice; the applicant completes online', async () => {
    await setDay('2026-09-28T02:00:00Z');
    const res = await post('/api/v1/cases', 'li', { itemCode: ITEM, materials: FULL.slice(0, 5), submit: false });
    expect(res.statusCode, res.body).toBe(201);
    const draft = res.json();
    expect(draft).toMatchObject({ status: 'draft', channel: 'online' });
    expect(draft.intakeHall.code).toBe('C00');
    const s = await ok('li', draft.caseNo, 'submit');
    expect(s).toMatchObject({ status: 'submitted', deemOn: '2026-10-10' });
    const pending = (await get('/api/v1/cases?status=submitted', 'clerk01')).json();
    expect(pending.items.map((i: { caseNo: string }) => i.caseNo)).toContain(draft.caseNo);
    const n = await ok('clerk01', draft.caseNo, 'notice', { inadequate: ['M02'], note: '身份证复印件不清晰' });
    expect(n.status).toBe('pending_completion');
    expect(n.notice.missing.map((m: { code: string }) => m.code)).toEqual(['M02', 'M06', 'M07']);
    const done = await ok('li', draft.caseNo, 'complete', { materials: [FULL[1], FULL[5], FULL[6]] });
    expect(done.status).toBe('accepted');
  });

  it('counts a submission not pre-reviewed within 5 working days as accepted (deem date 10-10 across 国庆)', async () => {
    await setDay('2026-09-28T02:00:00Z');
    const c = (await post('/api/v1/cases', 'li', { itemCode: ITEM, materials: FULL })).json();
    expect(c).toMatchObject({ status: 'submitted', deemOn: '2026-10-10', version: 1 });
    // 10-10 (the make-up Saturday) is the 5th working day, the desk's to the end
    await setDay('2026-10-10T08:00:00Z');
    expect((await get(`/api/v1/cases/${c.caseNo}`, 'li')).json().status).toBe('submitted');
    expect((await get('/api/v1/cases?status=submitted', 'clerk01')).json().items.map((x: { caseNo: string }) => x.caseNo)).toContain(c.caseNo);
    await setDay('2026-10-11T01:00:00Z');
    const seen = (await get(`/api/v1/cases/${c.caseNo}`, 'li')).json();
    expect(seen).toMatchObject({ status: 'accepted', deemed: true, acceptedOn: '2026-09-28', version: 2 });
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'deem', to: 'accepted' });
    // too late to refuse
    const r = await act('clerk01', c.caseNo, 'refuse', { expectedVersion: 2, reason: '材料不全' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('invalid_transition');
    // the sweep writes it
    const ctx = { db: t.database.db, dialect: t.database.dialect, clock: t.clock, actor: null, ip: null, log: console } as Ctx;
    const deemed = await deemAcceptance(ctx);
    expect(deemed).toContain(c.caseNo);
    const after = (await get(`/api/v1/cases/${c.caseNo}`, 'approver01')).json();
    expect(after).toMatchObject({ status: 'accepted', deemed: true, version: 2 });
    expect((await get(`/api/v1/cases/${c.caseNo}/documents/acceptance-notice.pdf`, 'li')).statusCode).toBe(200);
    await setDay('2026-09-28T02:00:00Z');
  });

  it('lets the applicant withdraw their own open case', async () => {
    await setDay('2026-09-28T02:00:00Z');
    const c = (await post('/api/v1/cases', 'wang', { itemCode: ITEM, materials: FULL })).json();
    expect((await act('li', c.caseNo, 'withdraw', { expectedVersion: 1 })).statusCode).toBe(404);
    const w = await ok('wang', c.caseNo, 'withdraw', { reason: '不再需要' });
    expect(w).toMatchObject({ status: 'withdrawn', closedReason: '不再需要' });
    expect((await act('wang', c.caseNo, 'withdraw', { expectedVersion: w.version })).statusCode).toBe(409);
  });
});

describe('refusals', () => {
  it('hides a case from an approver of another department (404 on read, action and document)', async () => {
    const no = docs.accepted;
    expect((await get(`/api/v1/cases/${no}`, 'approver02')).statusCode).toBe(404);
    expect((await act('approver02', no, 'claim', { expectedVersion: 1 })).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${no}/documents/acceptance-notice.pdf`, 'approver02')).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${no}`, 'li')).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${no}`)).statusCode).toBe(401);
    const list = (await get('/api/v1/cases', 'approver02')).json();
    expect(list.items.map((i: { caseNo: string }) => i.caseNo)).not.toContain(no);
  });

  it('refuses a stale expectedVersion with 409 stale_version', async () => {
    const c = await intake({});
    const first = await act('approver01', c.caseNo, 'claim', { expectedVersion: 1 });
    expect(first.statusCode).toBe(200);
    const again = await act('approver01', c.caseNo, 'pass', { expectedVersion: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'stale_version', currentVersion: 2 });
  });

  it('refuses a bad action, a missing expectedVersion, unknown fields and actions the role may not take', async () => {
    const c = await intake({});
    expect((await act('approver01', c.caseNo, 'approve', { expectedVersion: 1 })).statusCode).toBe(404);
    const noVersion = await act('approver01', c.caseNo, 'claim', {});
    expect(noVersion.statusCode).toBe(422);
    expect(noVersion.json().field).toBe('expectedVersion');
    expect((await act('approver01', c.caseNo, 'claim', { expectedVersion: 1, extra: 1 })).statusCode).toBe(422);
    expect((await act('clerk01', c.caseNo, 'claim', { expectedVersion: 1 })).statusCode).toBe(403);
    expect((await act('cert01', c.caseNo, 'decide', { expectedVersion: 1, outcome: 'grant' })).statusCode).toBe(403);
    expect((await get('/api/v1/cases/123', 'clerk01')).statusCode).toBe(400);
    expect((await get(`/api/v1/cases/${c.caseNo}/documents/passport.pdf`, 'clerk01')).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${c.caseNo}/documents/certificate.pdf`, 'clerk01')).statusCode).toBe(404);
  });

  it('names the field of bad material codes and materials that may not be deferred or committed (422)', async () => {
    const bad = await post('/api/v1/cases', 'clerk01', { itemCode: ITEM, applicantId: ids.wang, materials: [{ code: 'M99', by: 'provided', paperSeen: true }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ field: 'materials[0].code' });
    expect(bad.json().errors[0].code).toBe('unknown_material');
    const defer = await post('/api/v1/cases', 'clerk01', { itemCode: ITEM, applicantId: ids.wang, materials: [{ code: 'M01', by: 'deferred' }] });
    expect(defer.json()).toMatchObject({ field: 'materials[0].by' });
    expect(defer.json().errors[0].code).toBe('not_deferrable');
    const commit = await post('/api/v1/cases', 'clerk01', { itemCode: ITEM, applicantId: ids.wang, materials: [{ code: 'M02', by: 'commitment' }] });
    expect(commit.json().errors[0].code).toBe('commitment_not_allowed');
    const unknownItem = await post('/api/v1/cases', 'clerk01', { itemCode: 'NOPE', applicantId: ids.wang, materials: [] });
    expect(unknownItem.json()).toMatchObject({ field: 'itemCode' });
    const badBy = await post('/api/v1/cases', 'clerk01', { itemCode: ITEM, applicantId: ids.wang, materials: [{ code: 'M01', by: 'magic' }] });
    expect(badBy.statusCode).toBe(422);
    expect((await post('/api/v1/cases', 'approver01', { itemCode: ITEM, applicantId: ids.wang, materials: FULL })).statusCode).toBe(403);
  });

  it('rate-limits public progress per IP', async () => {
    let last = 0;
    for (let i = 0; i < 25; i++) last = (await inject('GET', `/api/v1/progress?caseNo=${docs.accepted}&idTail=0000`, undefined, undefined, '10.77.0.1')).statusCode;
    expect(last).toBe(429);
  });
});

describe('documents', () => {
  it('prints the case number and 王堃 in every document kind', async () => {
    const want: [string, string, string][] = [
      [docs.accepted, 'acceptance-notice', '受理通知书'],
      [docs.accepted, 'deferral-notice', '容缺受理通知书'],
      [docs.accepted, 'commitment', '告知承诺书'],
      [docs.accepted, 'decision', '准予行政许可决定书'],
      [docs.accepted, 'certificate', '持证人'],
      [docs.notice, 'one-time-notice', '一次性告知书'],
      [docs.refused, 'refusal', '不予受理决定书'],
      [docs.denied, 'decision', '不予行政许可决定书'],
    ];
    for (const [caseNo, kind, title] of want) {
      const res = await get(`/api/v1/cases/${caseNo}/documents/${kind}.pdf`, 'wang');
      expect(res.statusCode, `${kind}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = pdfText(res.rawPayload);
      expect(text, kind).toContain(caseNo);
      expect(text, kind).toContain('王堃');
      expect(text.replace(/\s/g, ''), kind).toContain(title);
    }
  });
});

describe('case numbers', () => {
  it('stay unique under 50 concurrent intakes', async () => {
    await setDay('2026-09-30T02:00:00Z');
    const res = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post('/api/v1/cases', i % 2 ? 'clerk01' : 'clerk02', { itemCode: ITEM, applicantId: i % 3 ? ids.wang : ids.li, materials: FULL }),
      ),
    );
    expect(res.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const nos = res.map((r) => r.json().caseNo as string);
    expect(new Set(nos).size).toBe(50);
    expect(nos.map((n) => Number(n.slice(14))).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await setDay('2026-09-28T02:00:00Z');
  });
});
