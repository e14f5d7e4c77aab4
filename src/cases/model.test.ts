import { describe, expect, it } from 'vitest';
import { Calendar } from '../platform/calendar/model.js';
import { ARRANGEMENT_2026 } from '../platform/calendar/fixtures-2026.js';
import { Problem } from '../platform/problem.js';
import * as m from './model.js';
import type { CaseState, Env, ItemRules, Status } from './model.js';

const cal = new Calendar(ARRANGEMENT_2026);
const NOW = '2026-09-28T02:00:00.000Z'; // Monday 10:00 in Shanghai
const env = (now = NOW, actor = { id: 'a1', name: '审批人甲' }): Env => ({ now, today: m.shanghaiDay(now), cal, actor });

const ITEM: ItemRules = {
  code: 'ITEM1',
  version: 1,
  name: '行业综合许可证（核发）',
  caseKind: 2,
  departmentCode: '001',
  promisedLimitDays: 5,
  legalLimitDays: 20,
  commitmentAllowed: true,
  tiers: ['district'],
  delivery: ['pickup', 'mail'],
  resultLicenseTypeCode: '1005',
  materials: [
    { code: 'M01', name: '申请书', required: true, deferrable: false, commitmentReplaceable: false, licenseTypeCode: null },
    { code: 'M02', name: '身份证', required: true, deferrable: false, commitmentReplaceable: false, licenseTypeCode: '1010' },
    { code: 'M03', name: '场所证明', required: true, deferrable: true, commitmentReplaceable: true, licenseTypeCode: null },
    { code: 'M04', name: '管理制度', required: true, deferrable: false, commitmentReplaceable: true, licenseTypeCode: null },
    { code: 'M05', name: '其他', required: false, deferrable: false, commitmentReplaceable: false, licenseTypeCode: null },
  ],
  steps: [
    { name: '审查', role: 'review', limitDays: 2 },
    { name: '核查', role: 'inspect', limitDays: 2 },
    { name: '决定', role: 'decide', limitDays: 1 },
  ],
};

const SHA = 'a'.repeat(64);
const menv = (licenses = new Map<string, m.HeldLicense>()) => ({ today: '2026-09-28', cal, licenses });

function newCase(over: Partial<m.NewCase> = {}): m.NewCase {
  return {
    caseNo: m.formatCaseNo('2026-09-28', 1),
    item: ITEM,
    departmentId: 'dept-1',
    applicant: { id: 'ap1', kind: 'person', name: '王堃', code: '371311198503122015', phone: '13805391234' },
    channel: 'window',
    intakeHallId: 'hall-1',
    intakeTier: 'district',
    deliveryPreference: 'pickup',
    ...over,
  };
}

const complete5 = [
  { code: 'M01', by: 'provided' as const, paperSeen: true },
  { code: 'M02', by: 'provided' as const, files: [SHA] },
  { code: 'M03', by: 'provided' as const, paperSeen: true },
  { code: 'M04', by: 'provided' as const, paperSeen: true },
];

function acceptedCase(now = NOW): CaseState {
  const check = m.checkMaterials(ITEM, complete5, menv());
  return m.intake(newCase(), check, { outcome: 'accept', instant: false }, env(now))[0].next;
}

/** A case in any state, with the preconditions of the usual action from it met. */
function caseIn(status: Status, opts: { suspensionKind?: 'correction' | 'special' } = {}): CaseState {
  const c = acceptedCase();
  const base: CaseState = { ...c, status, version: 3 };
  if (status === 'in_review') return { ...base, stepIndex: 2, stepClaimedBy: { id: 'a1', name: '审批人甲' } };
  if (status === 'suspended') {
    return {
      ...base,
      stepIndex: 2,
      suspension: { kind: opts.suspensionKind ?? 'correction', since: '2026-09-28', reason: 'x', procedure: null, expectedEnd: '2026-10-20', materials: [] },
    };
  }
  if (status === 'submitted') return { ...base, acceptedOn: null, submittedAt: NOW, deemOn: '2026-10-12' };
  if (['granted', 'denied', 'issued', 'delivered'].includes(status)) return { ...base, decision: { outcome: status === 'denied' ? 'deny' : 'grant', reason: 'r', at: NOW, by: 'x' } };
  return base;
}

describe('transition table', () => {
  // written out independently of the implementation: every allowed (action, from → to)
  const ALLOWED: [m.EventAction, Status | null, Status][] = [
    ['create', null, 'draft'],
    ['create', null, 'submitted'],
    ['create', null, 'accepted'],
    ['create', null, 'pending_completion'],
    ['create', null, 'refused'],
    ['submit', 'draft', 'submitted'],
    ['accept', 'submitted', 'accepted'],
    ['notice', 'submitted', 'pending_completion'],
    ['refuse', 'submitted', 'refused'],
    ['refuse', 'pending_completion', 'refused'],
    ['complete', 'pending_completion', 'accepted'],
    ['deem', 'submitted', 'accepted'],
    ['claim', 'accepted', 'in_review'],
    ['claim', 'in_review', 'in_review'],
    ['pass', 'in_review', 'in_review'],
    ['return', 'in_review', 'in_review'],
    ['request-correction', 'in_review', 'suspended'],
    ['supplement', 'suspended', 'in_review'],
    ['supplement', 'accepted', 'accepted'],
    ['supplement', 'in_review', 'in_review'],
    ['special-procedure', 'in_review', 'suspended'],
    ['end-special', 'suspended', 'in_review'],
    ['extend', 'in_review', 'in_review'],
    ['decide', 'in_review', 'granted'],
    ['decide', 'in_review', 'denied'],
    ['decide', 'accepted', 'granted'],
    ['issue', 'granted', 'issued'],
    ['deliver', 'issued', 'delivered'],
    ['conclude', 'delivered', 'concluded'],
    ['conclude', 'denied', 'concluded'],
    ...(['draft', 'submitted', 'pending_completion', 'accepted', 'in_review', 'suspended'] as Status[]).map((s) => ['withdraw', s, 'withdrawn'] as [m.EventAction, Status, Status]),
    ...(['submitted', 'pending_completion', 'accepted', 'in_review', 'suspended'] as Status[]).map((s) => ['terminate', s, 'terminated'] as [m.EventAction, Status, Status]),
  ];
  const actions = Object.keys(m.TRANSITIONS) as m.EventAction[];

  it('allows exactly the listed pairs, for every action, source and target', () => {
    for (const action of actions) {
      for (const from of [null, ...m.STATUSES]) {
        for (const to of m.STATUSES) {
          const expected = ALLOWED.some(([a, f, t]) => a === action && f === from && t === to);
          expect(m.canTransition(from, action, to), `${action}: ${from} → ${to}`).toBe(expected);
        }
      }
    }
    const count = actions.reduce((n, a) => n + m.TRANSITIONS[a].length, 0);
    expect(count).toBe(ALLOWED.length);
  });

  it('final states allow nothing but nothing leaves them', () => {
    for (const s of m.FINAL_STATUSES) expect(m.actionsFrom(s)).toEqual([]);
  });

  // each action through its model function from every state: applied where allowed, 409 elsewhere
  const drivers: Partial<Record<m.Action, (c: CaseState) => m.Outcome>> = {
    submit: (c) => m.submit(c, env()),
    accept: (c) => m.preAccept(c, m.checkMaterials(ITEM, complete5, menv()), env()),
    notice: (c) => m.notifyMissing(c, m.checkMaterials(ITEM, [], menv()), [], undefined, env()),
    refuse: (c) => m.refuse(c, '不符合受理条件', env()),
    complete: (c) => m.complete(c, m.checkMaterials(ITEM, complete5, menv()), env()),
    claim: (c) => m.claim(c, env()),
    pass: (c) => m.pass({ ...c, stepIndex: 0 }, undefined, env()),
    return: (c) => m.returnStep(c, 0, '退回', env()),
    'request-correction': (c) => m.requestCorrection(c, { reason: '补正' }, ITEM, env()),
    supplement: (c) => m.supplement(c, m.checkMaterials(ITEM, complete5, menv()), env()),
    'special-procedure': (c) => m.startSpecial(c, { procedure: 'hearing', reason: '听证', expectedEnd: '2026-10-20' }, env()),
    'end-special': (c) => m.endSpecial(c, undefined, env()),
    extend: (c) => m.extend(c, { days: 5, reason: '复杂' }, env()),
    decide: (c) => m.decide({ ...c, instant: true }, { outcome: 'grant' }, env()),
    issue: (c) => m.issue(c, env()),
    deliver: (c) => m.deliver(c, { mode: 'mail', trackingNo: 'EMS1234567', address: '罗庄区' }, env(), (s) => s),
    conclude: (c) => m.conclude(c, env()),
    withdraw: (c) => m.withdraw(c, undefined, env()),
    terminate: (c) => m.terminate(c, '终止', env()),
  };
  for (const [action, drive] of Object.entries(drivers) as [m.Action, (c: CaseState) => m.Outcome][]) {
    it(`${action}: applies from its sources, refuses (409 invalid_transition) from every other state`, () => {
      for (const from of m.STATUSES) {
        const c = caseIn(from, { suspensionKind: action === 'end-special' ? 'special' : 'correction' });
        const allowed = m.canTransition(from, action);
        if (allowed) {
          const r = drive(c);
          expect(m.canTransition(from, action, r.next.status), `${action} from ${from}`).toBe(true);
          expect(r.next.version).toBe(c.version + 1);
          expect(r.event).toMatchObject({ action, from, to: r.next.status });
        } else {
          let err: unknown;
          try {
            drive(c);
          } catch (e) {
            err = e;
          }
          expect(err, `${action} from ${from} must be refused`).toBeInstanceOf(Problem);
          expect((err as Problem).status, `${action} from ${from}`).toBe(409);
        }
      }
    });
  }
});

describe('deadlines', () => {
  it('does not count the acceptance day; 国庆 holidays and the 10-10 make-up day apply', () => {
    const c = acceptedCase();
    expect(c.acceptedOn).toBe('2026-09-28');
    // 09-29 (1), 09-30 (2), 10-01..07 off, 10-08 (3), 10-09 (4), 10-10 Saturday make-up (5)
    expect(c.promisedDue).toBe('2026-10-10');
    expect(c.legalDue).toBe(cal.addWorkingDays('2026-09-28', 20));
  });

  it('adds the working days of a suspension spanning the holiday', () => {
    let c = m.claim(acceptedCase(), env()).next;
    c = m.requestCorrection(c, { reason: '补正身份证明' }, ITEM, env('2026-09-29T02:00:00Z')).next;
    expect(c.status).toBe('suspended');
    // while suspended the view projects the due date as if the clock restarted today
    const mid = m.deadlineView(c, cal, '2026-10-05')!;
    expect(mid.paused).toBe(true);
    expect(mid.suspendedDays).toBe(1); // 09-30 only: 10-01..05 are holidays
    c = m.supplement(c, m.checkMaterials(ITEM, [], menv()), env('2026-10-09T02:00:00Z')).next;
    // lost: 09-30, 10-08, 10-09 = 3 working days (the day suspended still counted as work)
    expect(c.suspendedDays).toBe(3);
    // 5 + 3 = 8 working days after 09-28: 09-29, 09-30, 10-08, 10-09, 10-10, 10-12, 10-13, 10-14
    expect(c.promisedDue).toBe('2026-10-14');
    expect(m.deadlineView(c, cal, '2026-10-09')!.remainingDays).toBe(cal.workingDaysBetween('2026-10-09', '2026-10-14'));
  });

  it('caps extensions at half the legal limit (10 for a 20-day item) and moves both due dates', () => {
    let c = m.claim(acceptedCase(), env()).next;
    expect(m.extensionCap(20)).toBe(10);
    expect(m.extensionCap(15)).toBe(7);
    c = m.extend(c, { days: 6, reason: '情况复杂' }, env()).next;
    expect(c.extensionDays).toBe(6);
    expect(c.promisedDue).toBe(cal.addWorkingDays('2026-09-28', 11));
    expect(c.legalDue).toBe(cal.addWorkingDays('2026-09-28', 26));
    expect(() => m.extend(c, { days: 5, reason: '再延' }, env())).toThrowError(/10/);
    try {
      m.extend(c, { days: 5, reason: '再延' }, env());
    } catch (e) {
      expect((e as Problem).status).toBe(422);
      expect((e as Problem).field).toBe('days');
    }
    expect(m.extend(c, { days: 4, reason: '再延' }, env()).next.extensionDays).toBe(10);
  });

  it('colours at the boundaries: yellow when remaining ≤ max(1, 20 % of the limit), red when overdue', () => {
    expect(m.colourOf(2, 5)).toBe('green');
    expect(m.colourOf(1, 5)).toBe('yellow');
    expect(m.colourOf(0, 5)).toBe('yellow');
    expect(m.colourOf(-1, 5)).toBe('red');
    expect(m.colourOf(5, 20)).toBe('green');
    expect(m.colourOf(4, 20)).toBe('yellow');
    expect(m.colourOf(2, 3)).toBe('green');
    expect(m.colourOf(1, 3)).toBe('yellow');
    expect(m.colourOf(1, 0)).toBe('yellow');
  });

  it('warnOn (the SQL filter) agrees with the colour rule on every day around the due date', () => {
    const c = acceptedCase();
    for (let i = 0; i < 25; i++) {
      const day = new Date(Date.parse('2026-09-28') + i * 86_400_000).toISOString().slice(0, 10);
      const v = m.deadlineView(c, cal, day)!;
      const sql = day > c.promisedDue! ? 'red' : day >= c.warnOn! ? 'yellow' : 'green';
      expect(v.colour, day).toBe(sql);
    }
  });

  it('leaves the desk the whole 5th working day, then deems the submission accepted as of the day received', () => {
    const check = m.checkMaterials(ITEM, complete5, menv());
    const s = m.createOnline(newCase({ channel: 'online', intakeTier: null }), check, true, env()).next;
    expect(s.status).toBe('submitted');
    expect(s.deemOn).toBe('2026-10-10');
    // the make-up Saturday 10-10 is the 5th working day: still the desk's, until its last minute (Shanghai time)
    expect(() => m.deem(s, env('2026-10-09T02:00:00Z'))).toThrowError(Problem);
    expect(() => m.deem(s, env('2026-10-10T15:59:00Z'))).toThrowError(Problem);
    expect(m.preAccept(s, check, env('2026-10-10T15:59:00Z')).next.status).toBe('accepted');
    const d = m.deem(s, env('2026-10-10T16:00:00Z'));
    expect(d.next).toMatchObject({ status: 'accepted', deemed: true, acceptedOn: '2026-09-28' });
  });
});

describe('deem date', () => {
  it('is the 5th working day after submission', () => {
    // 09-29 (1), 09-30 (2), 10-08 (3), 10-09 (4), 10-10 (5, make-up Saturday)
    expect(m.deemDate('2026-09-28', cal)).toBe('2026-10-10');
  });
});

describe('materials', () => {
  it('accepts a complete checklist; one-time notice lists ALL missing required materials', () => {
    expect(m.checkMaterials(ITEM, complete5, menv()).missing).toEqual([]);
    const r = m.checkMaterials(ITEM, [{ code: 'M01', by: 'provided', paperSeen: true }], menv());
    expect(r.errors).toEqual([]);
    expect(r.missing.map((x) => x.code)).toEqual(['M02', 'M03', 'M04']);
    const out = m.intake(newCase(), r, { outcome: 'accept', instant: false }, env());
    expect(out[0].next.status).toBe('pending_completion');
    expect(out[0].next.notice!.missing.map((x) => x.code)).toEqual(['M02', 'M03', 'M04']);
    expect(out[0].notices[0].text).toContain('场所证明');
    expect(out[0].notices[0].text).toContain('管理制度');
  });

  it('defers only deferrable materials, by a date within the promised limit', () => {
    const bad = m.checkMaterials(ITEM, [{ code: 'M04', by: 'deferred' }], menv());
    expect(bad.errors[0]).toMatchObject({ field: 'materials[0].by', code: 'not_deferrable' });
    const ok = m.checkMaterials(ITEM, [{ code: 'M03', by: 'deferred' }], menv());
    expect(ok.errors).toEqual([]);
    expect(ok.materials.find((x) => x.code === 'M03')!.deferredUntil).toBe('2026-10-10');
    const late = m.checkMaterials(ITEM, [{ code: 'M03', by: 'deferred', deferredUntil: '2026-10-12' }], menv());
    expect(late.errors[0]).toMatchObject({ field: 'materials[0].deferredUntil', code: 'beyond_limit' });
  });

  it('allows commitment only where the item allows it and the material is replaceable', () => {
    expect(m.checkMaterials(ITEM, [{ code: 'M04', by: 'commitment' }], menv()).errors).toEqual([]);
    expect(m.checkMaterials(ITEM, [{ code: 'M01', by: 'commitment' }], menv()).errors[0]).toMatchObject({ code: 'commitment_not_allowed', field: 'materials[0].by' });
    const noCommit = { ...ITEM, commitmentAllowed: false };
    expect(m.checkMaterials(noCommit, [{ code: 'M04', by: 'commitment' }], menv()).errors[0]).toMatchObject({ code: 'commitment_not_allowed' });
  });

  it('uses the applicant’s valid licence for a material (0 materials), and refuses one they do not hold', () => {
    const held = new Map([['1010', { licenseId: 'L1', identifier: '1.2.156.3005.2.1010.x' }]]);
    const auto = m.checkMaterials(ITEM, [], menv(held));
    expect(auto.materials.find((x) => x.code === 'M02')).toMatchObject({ by: 'license', licenseId: 'L1' });
    expect(auto.missing.map((x) => x.code)).toEqual(['M01', 'M03', 'M04']);
    expect(m.checkMaterials(ITEM, [{ code: 'M02', by: 'license' }], menv()).errors[0]).toMatchObject({ code: 'no_valid_license' });
    expect(m.checkMaterials(ITEM, [{ code: 'M01', by: 'license' }], menv(held)).errors[0]).toMatchObject({ code: 'license_not_applicable' });
  });

  it('names the field of unknown codes, duplicates, bad hashes and empty provisions', () => {
    const r = m.checkMaterials(
      ITEM,
      [
        { code: 'X99', by: 'provided', paperSeen: true },
        { code: 'M01', by: 'provided' },
        { code: 'M02', by: 'provided', files: ['nothex'] },
        { code: 'M02', by: 'provided', paperSeen: true },
      ],
      menv(),
    );
    expect(r.errors.map((e) => [e.field, e.code])).toEqual([
      ['materials[0].code', 'unknown_material'],
      ['materials[1].files', 'required'],
      ['materials[2].files[0]', 'invalid_sha256'],
      ['materials[3].code', 'duplicate'],
    ]);
  });

  it('completion merges the new materials into the same case and accepts when nothing is missing', () => {
    const first = m.intake(newCase(), m.checkMaterials(ITEM, [{ code: 'M01', by: 'provided', paperSeen: true }], menv()), { outcome: 'accept', instant: false }, env());
    const c = first[0].next;
    const still = m.applyMaterialUpdate(first[0].materials!, ITEM, [{ code: 'M02', by: 'provided', paperSeen: true }], { ...menv(), now: NOW });
    expect(still.missing.map((x) => x.code)).toEqual(['M03', 'M04']);
    expect(() => m.complete(c, still, env())).toThrowError(Problem);
    const all = m.applyMaterialUpdate(
      first[0].materials!,
      ITEM,
      [
        { code: 'M02', by: 'provided', paperSeen: true },
        { code: 'M03', by: 'deferred' },
        { code: 'M04', by: 'commitment' },
      ],
      { ...menv(), now: NOW },
    );
    const r = m.complete(c, all, env());
    expect(r.next.status).toBe('accepted');
    expect(r.next.caseNo).toBe(c.caseNo);
  });

  it('instant items are accepted and granted in one step; routed to the district when the tier may not handle the item', () => {
    const instantItem = { ...ITEM, caseKind: 1 as const, promisedLimitDays: 0 };
    const out = m.intake(newCase({ item: instantItem, intakeTier: 'village' }), m.checkMaterials(instantItem, complete5, menv()), { outcome: 'accept', instant: true }, env());
    expect(out.map((o) => o.next.status)).toEqual(['accepted', 'granted']);
    expect(out[1].next.routedTo).toBe('district');
    expect(() => m.intake(newCase(), m.checkMaterials(ITEM, complete5, menv()), { outcome: 'accept', instant: true }, env())).toThrowError(Problem);
  });
});

describe('steps and decisions', () => {
  it('walks the steps, returns to an earlier one, decides only at the last step, by the claimer', () => {
    let c = m.claim(acceptedCase(), env()).next;
    expect(c.stepIndex).toBe(0);
    expect(() => m.decide(c, { outcome: 'grant' }, env())).toThrowError(/last|决定/);
    c = m.pass(c, '同意', env()).next;
    expect(c.stepIndex).toBe(1);
    expect(c.stepClaimedBy).toBeNull();
    c = m.claim(c, env()).next;
    expect(() => m.claim(c, env(NOW, { id: 'b2', name: '审批人乙' }))).toThrowError(Problem);
    c = m.returnStep(c, undefined, '材料需复核', env()).next;
    expect(c.stepIndex).toBe(0);
    c = m.pass(m.claim(c, env()).next, undefined, env()).next;
    c = m.pass(m.claim(c, env()).next, undefined, env()).next;
    expect(() => m.pass(c, undefined, env())).toThrowError(/last|最后/);
    expect(() => m.decide(c, { outcome: 'deny' }, env())).toThrowError(Problem); // reason required
    const d = m.decide(c, { outcome: 'deny', reason: '不符合条件' }, env());
    expect(d.next.status).toBe('denied');
    expect(d.notices[0].text).toContain('不予许可');
  });

  it('checks the identity at pickup and records free mail', () => {
    const issued: CaseState = { ...caseIn('issued') };
    expect(() => m.deliver(issued, { mode: 'pickup', collectorName: '王堃', collectorIdNumber: '110101199003071234' }, env(), (s) => s)).toThrowError(Problem);
    const ok = m.deliver(issued, { mode: 'pickup', collectorName: '王堃', collectorIdNumber: '371311198503122015' }, env(), (s) => s.slice(0, 4));
    expect(ok.next.delivery).toMatchObject({ mode: 'pickup', identityMatched: true, asAgent: false });
    const agent = m.deliver(issued, { mode: 'pickup', collectorName: '李犇', collectorIdNumber: '110101199003071234', asAgent: true }, env(), (s) => s);
    expect(agent.next.delivery).toMatchObject({ identityMatched: false, asAgent: true });
    const mail = m.deliver(issued, { mode: 'mail', trackingNo: 'EMS9876543210', address: '罗庄区罗庄街道' }, env(), (s) => s);
    expect(mail.next.delivery).toMatchObject({ mode: 'mail', carrier: 'EMS', trackingNo: 'EMS9876543210' });
    expect(mail.notices[0].text).toContain('EMS9876543210');
  });
});

describe('case numbers', () => {
  it('formats {division}{YYYYMMDD}{6-digit sequence}', () => {
    expect(m.formatCaseNo('2026-09-28', 42)).toBe('37131120260928000042');
    expect(m.CASE_NO_RE.test(m.formatCaseNo('2026-09-28', 999999))).toBe(true);
    expect(() => m.formatCaseNo('2026-09-28', 1_000_000)).toThrow(RangeError);
  });
});
