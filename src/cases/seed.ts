/**
 * Demo cases so the desk, office, certificate window and progress screens are not empty: a few
 * cases of 王堃 and others in every interesting state, created through the use cases themselves
 * (so events, audit records, notices and deadlines are real).
 */
import { listApplicants, listStaff, loadActor } from '../accounts/service.js';
import { systemActor } from '../platform/actor.js';
import type { Clock } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import type { Database } from '../platform/db/database.js';
import { act, createCase, type CaseView } from './service.js';

const ITEM = '11371311MB2855301U0100113001'; // 行业综合许可证（核发）
const INSTANT = '11371311MB2855301U0100101001'; // 个体工商户设立登记 (即办件)
const FULL = ['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07'].map((code) => ({ code, by: 'provided' as const, paperSeen: true }));

const SYSTEM = systemActor('system', '系统初始化');

export async function seedDemoCases(database: Database, clock: Clock): Promise<{ cases: number }> {
  const base: Ctx = { db: database.db, dialect: database.dialect, clock, actor: SYSTEM, ip: null, log: console };
  const staff = (await listStaff(base, {})).items;
  const as = async (username: string): Promise<Ctx> => {
    const s = staff.find((x) => x.username === username);
    const actor = s ? await loadActor(database.db, s.id) : null;
    if (!actor) throw new Error(`demo account ${username} missing`);
    return { ...base, actor };
  };
  const [clerk, approver, cert] = [await as('clerk01'), await as('approver01'), await as('cert01')];
  const applicants = (await listApplicants(base, {})).items;
  const wang = applicants.find((a) => a.name === '王堃')!.id;
  const li = applicants.find((a) => a.name === '李犇')!.id;
  const step = async (ctx: Ctx, c: CaseView, action: string, body: Record<string, unknown> = {}) =>
    act(ctx, c.caseNo, { action, expectedVersion: c.version, ...body } as Parameters<typeof act>[2]);
  const walk = async (c: CaseView) => {
    c = await step(approver, c, 'claim');
    while ((c.currentStep ?? 0) < c.steps.length - 1) {
      c = await step(approver, c, 'pass', { opinion: '同意' });
      c = await step(approver, c, 'claim');
    }
    return c;
  };
  let n = 0;
  const intake = async (applicantId: string, materials = FULL, extra: Record<string, unknown> = {}) => {
    n += 1;
    return createCase(clerk, { itemCode: ITEM, applicantId, materials, ...extra });
  };

  // accepted, waiting in the department's inbox; one with 容缺 + 告知承诺
  await intake(wang, [...FULL.slice(0, 4), { code: 'M05', by: 'deferred' } as never, { code: 'M06', by: 'commitment' } as never, FULL[6]], { delivery: 'mail' });
  await intake(li);
  // one-time notice
  await intake(wang, FULL.slice(0, 3));
  // in review at the last step
  await walk(await intake(li));
  // granted → issue queue
  let g = await walk(await intake(wang, FULL, { delivery: 'mail' }));
  g = await step(approver, g, 'decide', { outcome: 'grant', reason: '符合法定条件' });
  // concluded by free mail
  let m = await walk(await intake(wang, FULL, { delivery: 'mail' }));
  m = await step(approver, m, 'decide', { outcome: 'grant', reason: '符合法定条件' });
  m = await step(cert, m, 'issue');
  m = await step(cert, m, 'deliver', { delivery: { mode: 'mail', trackingNo: 'EMS1000000001', address: '临沂市罗庄区罗庄街道沂河路1号' } });
  await step(cert, m, 'conclude');
  // an instant item handled at the window
  n += 1;
  await createCase(clerk, { itemCode: INSTANT, applicantId: wang, materials: [FULL[0], FULL[1], { code: 'M03', by: 'commitment' }] });
  return { cases: n };
}
