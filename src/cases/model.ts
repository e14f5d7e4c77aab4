/**
 * 办件 (Case) — pure rules: the state machine, deadline arithmetic and the material checklist.
 * No I/O, no clock reads: `now` (an ISO instant), `today` (a YYYY-MM-DD Shanghai date) and the
 * working-day `Calendar` are arguments. Every transition returns the next state, the event to
 * append to `case_events`, and the SMS notices to enqueue — or throws a Problem (409/422).
 */
import type { Calendar } from '../platform/calendar/model.js';
import { conflict, invalidField, invalidFields, Problem, type FieldError } from '../platform/problem.js';

// ---------------------------------------------------------------------------------------------
// States and actions
// ---------------------------------------------------------------------------------------------

export const STATUSES = [
  'draft',
  'submitted',
  'pending_completion',
  'accepted',
  'refused',
  'in_review',
  'suspended',
  'granted',
  'denied',
  'issued',
  'delivered',
  'concluded',
  'withdrawn',
  'terminated',
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_NAMES: Record<Status, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交待预审', en: 'Submitted' },
  pending_completion: { zh: '待补齐材料', en: 'Pending completion' },
  accepted: { zh: '已受理', en: 'Accepted' },
  refused: { zh: '不予受理', en: 'Refused' },
  in_review: { zh: '审查中', en: 'In review' },
  suspended: { zh: '中止（时限暂停）', en: 'Suspended' },
  granted: { zh: '准予许可', en: 'Granted' },
  denied: { zh: '不予许可', en: 'Denied' },
  issued: { zh: '已出证', en: 'Issued' },
  delivered: { zh: '已送达', en: 'Delivered' },
  concluded: { zh: '已办结', en: 'Concluded' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  terminated: { zh: '已终止', en: 'Terminated' },
};

/** States in which the case still runs (withdrawal and termination are possible). */
export const OPEN_STATUSES: readonly Status[] = ['draft', 'submitted', 'pending_completion', 'accepted', 'in_review', 'suspended'];
/** States in which the back-office clock runs or stands (the department's work list). */
export const OFFICE_STATUSES: readonly Status[] = ['accepted', 'in_review', 'suspended'];
/** States in which the clock runs (overdue is possible). */
export const RUNNING_STATUSES: readonly Status[] = ['accepted', 'in_review'];
export const FINAL_STATUSES: readonly Status[] = ['refused', 'concluded', 'withdrawn', 'terminated'];

/** Actions through `POST /api/v1/cases/{caseNo}/actions/{action}` (plus `intake`/`deem` internally). */
export const ACTIONS = [
  'submit',
  'accept',
  'notice',
  'refuse',
  'complete',
  'claim',
  'pass',
  'return',
  'request-correction',
  'supplement',
  'special-procedure',
  'end-special',
  'extend',
  'decide',
  'issue',
  'deliver',
  'conclude',
  'withdraw',
  'terminate',
] as const;
export type Action = (typeof ACTIONS)[number];
/** internal actions: creation at the desk or online, the §32 sweep */
export type EventAction = Action | 'create' | 'deem';

export const ACTION_NAMES: Record<EventAction, string> = {
  create: '登记',
  submit: '网上提交',
  accept: '受理',
  notice: '一次性告知',
  refuse: '不予受理',
  complete: '补齐材料',
  deem: '逾期视为受理',
  claim: '签收',
  pass: '转下一环节',
  return: '退回上一环节',
  'request-correction': '要求补正',
  supplement: '补正/补交材料',
  'special-procedure': '特别程序',
  'end-special': '特别程序结束',
  extend: '延长审批',
  decide: '作出决定',
  issue: '出证',
  deliver: '送达',
  conclude: '办结',
  withdraw: '撤回',
  terminate: '终止',
};

/**
 * The whole transition table: for each action the (from → to) pairs it may take. Anything not
 * listed is refused with 409 `invalid_transition`.
 */
export const TRANSITIONS: Record<EventAction, readonly (readonly [Status | null, Status])[]> = {
  create: [
    [null, 'draft'],
    [null, 'submitted'],
    [null, 'accepted'],
    [null, 'pending_completion'],
    [null, 'refused'],
  ],
  submit: [['draft', 'submitted']],
  accept: [['submitted', 'accepted']],
  notice: [['submitted', 'pending_completion']],
  refuse: [
    ['submitted', 'refused'],
    ['pending_completion', 'refused'],
  ],
  complete: [['pending_completion', 'accepted']],
  deem: [['submitted', 'accepted']],
  claim: [
    ['accepted', 'in_review'],
    ['in_review', 'in_review'],
  ],
  pass: [['in_review', 'in_review']],
  return: [['in_review', 'in_review']],
  'request-correction': [['in_review', 'suspended']],
  supplement: [
    ['suspended', 'in_review'], // 补正 arrives: the clock runs again
    ['accepted', 'accepted'], // 容缺 materials supplied later
    ['in_review', 'in_review'],
  ],
  'special-procedure': [['in_review', 'suspended']],
  'end-special': [['suspended', 'in_review']],
  extend: [['in_review', 'in_review']],
  decide: [
    ['in_review', 'granted'],
    ['in_review', 'denied'],
    ['accepted', 'granted'], // 即办件 only: decided at the window
  ],
  issue: [['granted', 'issued']],
  deliver: [['issued', 'delivered']],
  conclude: [
    ['delivered', 'concluded'],
    ['denied', 'concluded'],
  ],
  withdraw: OPEN_STATUSES.map((s) => [s, 'withdrawn'] as const),
  terminate: OPEN_STATUSES.filter((s) => s !== 'draft').map((s) => [s, 'terminated'] as const),
};

export function allowedTargets(from: Status | null, action: EventAction): Status[] {
  return TRANSITIONS[action].filter(([f]) => f === from).map(([, t]) => t);
}

export const canTransition = (from: Status | null, action: EventAction, to?: Status): boolean =>
  TRANSITIONS[action].some(([f, t]) => f === from && (to === undefined || t === to));

/** Actions whose table allows something from `status` (before policy and details are checked). */
export const actionsFrom = (status: Status): Action[] => ACTIONS.filter((a) => canTransition(status, a));

export function invalidTransition(from: Status | null, action: EventAction): Problem {
  return new Problem(
    409,
    'invalid_transition',
    {
      zh: `办件当前状态（${from ? STATUS_NAMES[from].zh : '无'}）不能执行“${ACTION_NAMES[action]}”`,
      en: `Action ${action} is not allowed in state ${from ?? 'none'}`,
    },
    { extra: { status: from, action } },
  );
}

// ---------------------------------------------------------------------------------------------
// The case
// ---------------------------------------------------------------------------------------------

export type SatisfiedBy = 'provided' | 'license' | 'commitment' | 'deferred';

export interface CaseMaterial {
  code: string;
  name: string;
  required: boolean;
  /** null: not satisfied (missing) */
  by: SatisfiedBy | null;
  files: string[];
  paperSeen: boolean;
  licenseId: string | null;
  licenseIdentifier: string | null;
  /** 容缺: supplement due date */
  deferredUntil: string | null;
  /** when a deferred or corrected material was supplied */
  suppliedAt: string | null;
}

export interface Suspension {
  kind: 'correction' | 'special';
  /** date the clock stopped (counts as a processing day) */
  since: string;
  reason: string;
  /** 特别程序: hearing / testing / expert / inspection / other */
  procedure: string | null;
  /** special procedure: expected end; correction: supply by */
  expectedEnd: string | null;
  /** correction: the material codes asked for */
  materials: string[];
}

export interface NoticeRecord {
  at: string;
  missing: { code: string; name: string }[];
  note: string | null;
}

export interface Decision {
  outcome: 'grant' | 'deny';
  reason: string;
  at: string;
  by: string;
}

export type Delivery =
  | { mode: 'pickup'; collectorName: string; collectorIdMasked: string; asAgent: boolean; identityMatched: boolean; at: string }
  | { mode: 'mail'; carrier: string; trackingNo: string; address: string; at: string };

export interface Person {
  id: string;
  name: string;
}

export interface CaseState {
  caseNo: string;
  version: number;
  status: Status;
  itemCode: string;
  itemVersion: number;
  itemName: string;
  caseKind: 1 | 2;
  departmentCode: string;
  departmentId: string;
  applicantId: string;
  applicantKind: 'person' | 'enterprise';
  applicantName: string;
  /** resident ID number or USCC, upper case */
  applicantCode: string;
  applicantPhone: string;
  channel: 'window' | 'online';
  intakeHallId: string | null;
  /** set when the intake hall's tier may not handle the item: the district back office decides */
  routedTo: 'district' | null;
  instant: boolean;
  deliveryPreference: 'pickup' | 'mail';
  createdAt: string;
  createdBy: string | null;
  submittedAt: string | null;
  /** online: the last day of pre-review, the 5th working day after submission (§32) */
  deemOn: string | null;
  acceptedOn: string | null;
  acceptedAt: string | null;
  acceptedBy: string | null;
  deemed: boolean;
  promisedLimit: number;
  legalLimit: number;
  extensionDays: number;
  /** working days spent suspended in finished suspensions */
  suspendedDays: number;
  suspension: Suspension | null;
  stepIndex: number | null;
  stepCount: number;
  stepClaimedBy: Person | null;
  promisedDue: string | null;
  legalDue: string | null;
  /** first date the running case shows yellow */
  warnOn: string | null;
  /** colour frozen when the clock stopped */
  pausedColour: Colour | null;
  notice: NoticeRecord | null;
  refusalReason: string | null;
  decision: Decision | null;
  issuedAt: string | null;
  certificateNo: string | null;
  licenseId: string | null;
  licenseIdentifier: string | null;
  delivery: Delivery | null;
  deliveredAt: string | null;
  concludedAt: string | null;
  closedReason: string | null;
  updatedAt: string;
}

export interface EventDraft {
  action: EventAction;
  from: Status | null;
  to: Status;
  stepIndex: number | null;
  reason: string | null;
  detail: Record<string, unknown> | null;
}

export interface NoticeDraft {
  kind: 'accepted' | 'one_time_notice' | 'refused' | 'correction' | 'decision' | 'ready_for_pickup' | 'mailed';
  caseNo: string;
  to: string;
  text: string;
}

export interface Outcome {
  next: CaseState;
  event: EventDraft;
  notices: NoticeDraft[];
  materials?: CaseMaterial[];
}

// ---------------------------------------------------------------------------------------------
// Item (the part of a catalog item version the rules need)
// ---------------------------------------------------------------------------------------------

export interface ItemRules {
  code: string;
  version: number;
  name: string;
  caseKind: 1 | 2;
  departmentCode: string;
  promisedLimitDays: number;
  legalLimitDays: number;
  commitmentAllowed: boolean;
  tiers: string[];
  delivery: string[];
  resultLicenseTypeCode: string | null;
  materials: {
    code: string;
    name: string;
    required: boolean;
    deferrable: boolean;
    commitmentReplaceable: boolean;
    licenseTypeCode: string | null;
  }[];
  steps: { name: string; role: string; limitDays: number }[];
}

// ---------------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------------

export type Colour = 'green' | 'yellow' | 'red';

export interface DeadlinePolicy {
  /** yellow when remaining ≤ max(minWarnDays, floor(warnRatio × limit)) */
  warnRatio: number;
  minWarnDays: number;
  /** extension cap = floor(extensionCapRatio × legal limit): 10 days for 20-day items */
  extensionCapRatio: number;
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = { warnRatio: 0.2, minWarnDays: 1, extensionCapRatio: 0.5 };

export const warnThreshold = (limit: number, p: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): number =>
  Math.max(p.minWarnDays, Math.floor(limit * p.warnRatio));

export const extensionCap = (legalLimit: number, p: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): number =>
  Math.floor(legalLimit * p.extensionCapRatio);

/** red when overdue (remaining < 0), yellow when remaining ≤ the threshold, else green. */
export function colourOf(remaining: number, limit: number, p: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): Colour {
  if (remaining < 0) return 'red';
  if (remaining <= warnThreshold(limit, p)) return 'yellow';
  return 'green';
}

/** Due dates of an accepted case (acceptance day not counted; finished suspensions and extensions added). */
export function computeDues(
  c: Pick<CaseState, 'acceptedOn' | 'promisedLimit' | 'legalLimit' | 'extensionDays' | 'suspendedDays'>,
  cal: Calendar,
  p: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
  ongoingSuspendedDays = 0,
): { promisedDue: string; legalDue: string; warnOn: string } | null {
  if (!c.acceptedOn) return null;
  const opts = { extensionDays: c.extensionDays, suspendedWorkingDays: c.suspendedDays + ongoingSuspendedDays };
  const promisedDue = cal.dueDate(c.acceptedOn, c.promisedLimit, opts);
  const legalDue = cal.dueDate(c.acceptedOn, c.legalLimit, opts);
  const warnOn = cal.addWorkingDays(promisedDue, -warnThreshold(c.promisedLimit + c.extensionDays, p));
  return { promisedDue, legalDue, warnOn };
}

const withDues = (c: CaseState, cal: Calendar, p?: DeadlinePolicy): CaseState => {
  const d = computeDues(c, cal, p);
  return d ? { ...c, ...d } : c;
};

export interface DeadlineView {
  acceptedOn: string;
  promisedLimitDays: number;
  legalLimitDays: number;
  extensionDays: number;
  extensionCap: number;
  suspendedDays: number;
  /** the due dates; while suspended, as if the clock restarted today */
  promisedDue: string;
  legalDue: string;
  /** working days left to the promised due date (negative: overdue by that many) */
  remainingDays: number;
  legalRemainingDays: number;
  /** null once decided (the clock no longer runs) */
  colour: Colour | null;
  paused: boolean;
  overdue: boolean;
  /** decided after the promised due date */
  finishedLate: boolean | null;
}

/** The deadlines as of `today` (read time). */
export function deadlineView(c: CaseState, cal: Calendar, today: string, p: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): DeadlineView | null {
  if (!c.acceptedOn) return null;
  const paused = c.status === 'suspended' && !!c.suspension;
  const ongoing = paused ? cal.suspendedWorkingDays(c.suspension!.since, today) : 0;
  const dues = computeDues(c, cal, p, ongoing)!;
  const running = (RUNNING_STATUSES as Status[]).includes(c.status) || paused;
  const decidedOn = c.decision ? shanghaiDay(c.decision.at) : null;
  // once the clock stops for good, count to the decision (or the close), not to today
  const ref = running ? today : (decidedOn ?? (c.concludedAt ? shanghaiDay(c.concludedAt) : today));
  const remaining = cal.workingDaysBetween(ref, dues.promisedDue);
  // overdue is by calendar date: a Sunday after a Saturday due date has 0 working days left but is late
  const late = ref > dues.promisedDue;
  const liveColour: Colour = late ? 'red' : colourOf(remaining, c.promisedLimit + c.extensionDays, p);
  return {
    acceptedOn: c.acceptedOn,
    promisedLimitDays: c.promisedLimit,
    legalLimitDays: c.legalLimit,
    extensionDays: c.extensionDays,
    extensionCap: extensionCap(c.legalLimit, p),
    suspendedDays: c.suspendedDays + ongoing,
    promisedDue: dues.promisedDue,
    legalDue: dues.legalDue,
    remainingDays: remaining,
    legalRemainingDays: cal.workingDaysBetween(ref, dues.legalDue),
    colour: running ? (paused ? (c.pausedColour ?? liveColour) : liveColour) : null,
    paused,
    overdue: running && !paused && late,
    finishedLate: decidedOn ? decidedOn > dues.promisedDue : null,
  };
}

/** Asia/Shanghai calendar date of an instant (UTC+8, no DST) — pure. */
export const shanghaiDay = (instant: string): string =>
  new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * 行政许可法 §32: an online submission not pre-reviewed within 5 working days counts as accepted.
 * `deemOn` is the last of those days (the 5th working day after submission, which the desk has in
 * full); from the next day on the case counts as accepted, as of the day it was received.
 */
export const DEEM_AFTER_WORKING_DAYS = 5;
export const deemDate = (submittedOn: string, cal: Calendar): string => cal.addWorkingDays(submittedOn, DEEM_AFTER_WORKING_DAYS);
export const isDeemable = (c: Pick<CaseState, 'status' | 'deemOn'>, today: string): boolean =>
  c.status === 'submitted' && !!c.deemOn && today > c.deemOn;

// ---------------------------------------------------------------------------------------------
// Materials
// ---------------------------------------------------------------------------------------------

export interface MaterialInput {
  code: string;
  by: SatisfiedBy;
  files?: string[];
  paperSeen?: boolean;
  licenseId?: string;
  deferredUntil?: string;
}

export interface HeldLicense {
  licenseId: string;
  identifier: string;
}

export interface MaterialCheck {
  materials: CaseMaterial[];
  /** required materials with nothing satisfying them: the one-time notice lists them ALL */
  missing: { code: string; name: string }[];
  errors: FieldError[];
}

const SHA256 = /^[0-9a-f]{64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The checklist: every required material satisfied as provided (a file or paper seen), by a
 * licence of the applicant (0 materials), by commitment (告知承诺: item allows it and the
 * material is replaceable) or deferred (容缺: deferrable materials only, due ≤ today + promised
 * limit in working days). Required materials the input leaves out are filled from the
 * applicant's valid licences when one satisfies them. Errors name the field `materials[i].…`.
 */
export function checkMaterials(
  item: ItemRules,
  inputs: MaterialInput[],
  env: { today: string; cal: Calendar; licenses: Map<string, HeldLicense>; knownFiles?: (sha: string) => boolean },
): MaterialCheck {
  const errors: FieldError[] = [];
  const err = (field: string, code: string, zh: string, en: string) => errors.push({ field, code, zh, en });
  const byCode = new Map(item.materials.map((m) => [m.code, m]));
  const given = new Map<string, { input: MaterialInput; index: number }>();
  const maxDeferral = env.cal.addWorkingDays(env.today, item.promisedLimitDays);

  inputs.forEach((input, i) => {
    const f = `materials[${i}]`;
    const m = byCode.get(input.code);
    if (!m) return err(`${f}.code`, 'unknown_material', `事项没有材料 ${input.code}`, `the item has no material ${input.code}`);
    if (given.has(input.code)) return err(`${f}.code`, 'duplicate', '材料重复', 'material listed twice');
    given.set(input.code, { input, index: i });
    switch (input.by) {
      case 'provided': {
        const files = input.files ?? [];
        if (files.length === 0 && input.paperSeen !== true) {
          err(`${f}.files`, 'required', '须上传文件或核验纸质材料', 'upload a file or confirm the paper original was seen');
        }
        files.forEach((s, j) => {
          if (!SHA256.test(s)) err(`${f}.files[${j}]`, 'invalid_sha256', '文件标识格式不正确', 'not a SHA-256');
          else if (env.knownFiles && !env.knownFiles(s)) err(`${f}.files[${j}]`, 'unknown_file', '文件不存在，请先上传', 'no such uploaded file');
        });
        break;
      }
      case 'license': {
        const held = m.licenseTypeCode ? env.licenses.get(m.licenseTypeCode) : undefined;
        if (!m.licenseTypeCode) err(`${f}.by`, 'license_not_applicable', '该材料不能以电子证照代替', 'this material cannot be satisfied by a licence');
        else if (!held) err(`${f}.licenseId`, 'no_valid_license', '申请人没有可用的有效证照', 'the applicant holds no valid licence of that type');
        else if (input.licenseId && input.licenseId !== held.licenseId) err(`${f}.licenseId`, 'license_mismatch', '证照不属于申请人或已失效', 'not a valid licence of the applicant');
        break;
      }
      case 'commitment': {
        if (!item.commitmentAllowed) err(`${f}.by`, 'commitment_not_allowed', '该事项不实行告知承诺', 'the item does not allow commitment');
        else if (!m.commitmentReplaceable) err(`${f}.by`, 'commitment_not_allowed', '该材料不能以告知承诺代替', 'this material cannot be replaced by commitment');
        break;
      }
      case 'deferred': {
        if (!m.deferrable) {
          err(`${f}.by`, 'not_deferrable', '该材料不属于可容缺的次要材料', 'this material is not deferrable');
        } else if (input.deferredUntil !== undefined) {
          if (!DATE.test(input.deferredUntil)) err(`${f}.deferredUntil`, 'invalid_date', '日期格式应为 YYYY-MM-DD', 'date must be YYYY-MM-DD');
          else if (input.deferredUntil < env.today) err(`${f}.deferredUntil`, 'in_past', '补交期限不能早于今天', 'supplement date is in the past');
          else if (input.deferredUntil > maxDeferral) {
            err(`${f}.deferredUntil`, 'beyond_limit', `补交期限不得晚于承诺时限届满日 ${maxDeferral}`, `supplement date must be on or before ${maxDeferral}`);
          }
        }
        break;
      }
      default:
        err(`${f}.by`, 'invalid', '满足方式无效', 'invalid way of satisfying');
    }
  });

  const materials: CaseMaterial[] = item.materials.map((m) => {
    const base: CaseMaterial = {
      code: m.code,
      name: m.name,
      required: m.required,
      by: null,
      files: [],
      paperSeen: false,
      licenseId: null,
      licenseIdentifier: null,
      deferredUntil: null,
      suppliedAt: null,
    };
    const g = given.get(m.code);
    if (g) {
      const { input } = g;
      base.by = input.by;
      if (input.by === 'provided') {
        base.files = [...(input.files ?? [])];
        base.paperSeen = input.paperSeen === true;
      } else if (input.by === 'license' && m.licenseTypeCode) {
        const held = env.licenses.get(m.licenseTypeCode);
        base.licenseId = held?.licenseId ?? null;
        base.licenseIdentifier = held?.identifier ?? null;
      } else if (input.by === 'deferred') {
        base.deferredUntil = input.deferredUntil ?? maxDeferral;
      }
      return base;
    }
    // 0 materials: a valid licence of the applicant satisfies a required material automatically
    const held = m.licenseTypeCode ? env.licenses.get(m.licenseTypeCode) : undefined;
    if (held) {
      base.by = 'license';
      base.licenseId = held.licenseId;
      base.licenseIdentifier = held.identifier;
    }
    return base;
  });
  const missing = materials.filter((m) => m.required && m.by === null).map((m) => ({ code: m.code, name: m.name }));
  return { materials, missing, errors };
}

/** Materials given on completion / supplement merged into the case's list (later wins). */
export function mergeMaterials(current: CaseMaterial[], update: CaseMaterial[], now: string): CaseMaterial[] {
  const byCode = new Map(update.filter((m) => m.by !== null).map((m) => [m.code, m]));
  return current.map((m) => {
    const u = byCode.get(m.code);
    if (!u) return m;
    return { ...u, deferredUntil: m.by === 'deferred' && u.by !== 'deferred' ? m.deferredUntil : u.deferredUntil, suppliedAt: m.by === 'deferred' || m.by === null ? now : u.suppliedAt };
  });
}

/**
 * Materials brought later (completion after a one-time notice, 补正, 容缺 supplied): the inputs
 * are checked like at intake (errors name `materials[i]`), merged over the case's list, and what
 * is still missing is recomputed. Licences fill only materials still unsatisfied.
 */
export function applyMaterialUpdate(
  current: CaseMaterial[],
  item: ItemRules,
  inputs: MaterialInput[],
  env: { now: string; today: string; cal: Calendar; licenses: Map<string, HeldLicense>; knownFiles?: (sha: string) => boolean },
): MaterialCheck {
  const upd = checkMaterials(item, inputs, env);
  if (upd.errors.length) return { materials: current, missing: [], errors: upd.errors };
  const named = new Set(inputs.map((i) => i.code));
  const open = new Set(current.filter((m) => m.by === null).map((m) => m.code));
  const merged = mergeMaterials(current, upd.materials.filter((m) => named.has(m.code) || open.has(m.code)), env.now);
  return { materials: merged, missing: merged.filter((m) => m.required && m.by === null).map((m) => ({ code: m.code, name: m.name })), errors: [] };
}

export const outstandingDeferred = (ms: CaseMaterial[]) => ms.filter((m) => m.by === 'deferred');

// ---------------------------------------------------------------------------------------------
// SMS texts
// ---------------------------------------------------------------------------------------------

export const SMS_SIGNATURE = '【罗庄区政务服务】';

function notice(c: CaseState, kind: NoticeDraft['kind'], text: string): NoticeDraft {
  return { kind, caseNo: c.caseNo, to: c.applicantPhone, text: `${SMS_SIGNATURE}${text}` };
}

const listNames = (ms: { name: string }[]) => ms.map((m, i) => `${i + 1}.${m.name}`).join('；');

// ---------------------------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------------------------

export interface Env {
  now: string;
  today: string;
  cal: Calendar;
  actor: Person;
  policy?: DeadlinePolicy;
}

function move(c: CaseState, action: EventAction, to: Status, env: Env, patch: Partial<CaseState>, ev: Partial<EventDraft> = {}): { next: CaseState; event: EventDraft } {
  // a blank case (version 0) has no state yet: only creation applies to it
  const from = c.version === 0 ? null : c.status;
  if (!canTransition(from, action, to)) throw invalidTransition(from, action);
  const next: CaseState = { ...c, ...patch, status: to, version: c.version + 1, updatedAt: env.now };
  return {
    next,
    event: { action, from, to, stepIndex: next.stepIndex, reason: null, detail: null, ...ev },
  };
}

function need(text: string | undefined | null, field: string, zh: string): string {
  const t = (text ?? '').trim();
  if (!t) throw invalidField(field, 'required', `须填写${zh}`, `${field} is required`);
  return t;
}

/** What creation needs to know besides the item. */
export interface NewCase {
  caseNo: string;
  item: ItemRules;
  departmentId: string;
  applicant: { id: string; kind: 'person' | 'enterprise'; name: string; code: string; phone: string };
  channel: 'window' | 'online';
  intakeHallId: string | null;
  intakeTier: string | null;
  deliveryPreference: 'pickup' | 'mail';
}

function blankCase(n: NewCase, env: Env): CaseState {
  return {
    caseNo: n.caseNo,
    version: 0,
    status: 'draft',
    itemCode: n.item.code,
    itemVersion: n.item.version,
    itemName: n.item.name,
    caseKind: n.item.caseKind,
    departmentCode: n.item.departmentCode,
    departmentId: n.departmentId,
    applicantId: n.applicant.id,
    applicantKind: n.applicant.kind,
    applicantName: n.applicant.name,
    applicantCode: n.applicant.code,
    applicantPhone: n.applicant.phone,
    channel: n.channel,
    intakeHallId: n.intakeHallId,
    routedTo: n.intakeTier && !n.item.tiers.includes(n.intakeTier) ? 'district' : null,
    instant: false,
    deliveryPreference: n.deliveryPreference,
    createdAt: env.now,
    createdBy: env.actor.id,
    submittedAt: null,
    deemOn: null,
    acceptedOn: null,
    acceptedAt: null,
    acceptedBy: null,
    deemed: false,
    promisedLimit: n.item.promisedLimitDays,
    legalLimit: n.item.legalLimitDays,
    extensionDays: 0,
    suspendedDays: 0,
    suspension: null,
    stepIndex: null,
    stepCount: n.item.steps.length,
    stepClaimedBy: null,
    promisedDue: null,
    legalDue: null,
    warnOn: null,
    pausedColour: null,
    notice: null,
    refusalReason: null,
    decision: null,
    issuedAt: null,
    certificateNo: null,
    licenseId: null,
    licenseIdentifier: null,
    delivery: null,
    deliveredAt: null,
    concludedAt: null,
    closedReason: null,
    updatedAt: env.now,
  };
}

function acceptPatch(c: CaseState, env: Env, acceptedOn = env.today): Partial<CaseState> {
  return withDues({ ...c, acceptedOn, acceptedAt: env.now, acceptedBy: env.actor.name }, env.cal, env.policy);
}

function acceptedNotice(c: CaseState): NoticeDraft {
  return notice(
    c,
    'accepted',
    `您申请的“${c.itemName}”已受理，办件编号${c.caseNo}，承诺${c.promisedDue ? `于${c.promisedDue}前` : '按时'}办结。可凭办件编号和证件号码后4位查询办理进度。`,
  );
}

function oneTimeNotice(c: CaseState, missing: { name: string }[]): NoticeDraft {
  return notice(
    c,
    'one_time_notice',
    `您申请的“${c.itemName}”（办件编号${c.caseNo}）材料不齐全，请一次性补齐：${listNames(missing)}。补齐后可到任一综合受理窗口继续办理。`,
  );
}

export interface IntakeInput {
  /** 'refuse' = 不予受理 with a legal reason; otherwise accept when complete, one-time notice when not */
  outcome: 'accept' | 'refuse';
  refusalReason?: string;
  /** 即办件 handled on the spot (accept + grant in one visit) */
  instant: boolean;
  note?: string;
}

/**
 * Intake at a window: accept when every required material is satisfied, otherwise the one-time
 * notice listing ALL missing materials (pending_completion); or refuse with a reason.
 * For instant items the accepted case is granted on the spot (the service then issues it).
 */
export function intake(n: NewCase, check: MaterialCheck, input: IntakeInput, env: Env): Outcome[] {
  if (check.errors.length) throw invalidFields(check.errors);
  const blank = blankCase(n, env);
  if (input.outcome === 'refuse') {
    const reason = need(input.refusalReason, 'refusalReason', '不予受理的理由和法律依据');
    const r = move(blank, 'create', 'refused', env, { refusalReason: reason, concludedAt: env.now }, { reason });
    return [{ ...r, materials: check.materials, notices: [notice(r.next, 'refused', `您申请的“${n.item.name}”（办件编号${n.caseNo}）不予受理，理由：${reason}。`)] }];
  }
  if (check.missing.length > 0) {
    const rec: NoticeRecord = { at: env.now, missing: check.missing, note: input.note?.trim() || null };
    const r = move(blank, 'create', 'pending_completion', env, { notice: rec }, { detail: { missing: check.missing.map((m) => m.code) } });
    return [{ ...r, materials: check.materials, notices: [oneTimeNotice(r.next, check.missing)] }];
  }
  const a = move(blank, 'create', 'accepted', env, { ...acceptPatch(blank, env), instant: input.instant }, {
    detail: { deferred: check.materials.filter((m) => m.by === 'deferred').map((m) => m.code), commitment: check.materials.filter((m) => m.by === 'commitment').map((m) => m.code) },
  });
  const first: Outcome = { ...a, materials: check.materials, notices: input.instant ? [] : [acceptedNotice(a.next)] };
  if (!input.instant) return [first];
  if (n.item.caseKind !== 1) throw invalidField('instant', 'not_instant_item', '该事项不是即办件', 'the item is not an instant item (即办件)');
  const g = decide(a.next, { outcome: 'grant', reason: '即办件，当场办结' }, env);
  return [first, g];
}

/** An online application: saved as a draft, or submitted for pre-review (deemed accepted after 5 working days). */
export function createOnline(n: NewCase, check: MaterialCheck, submit: boolean, env: Env): Outcome {
  if (check.errors.length) throw invalidFields(check.errors);
  const blank = blankCase(n, env);
  if (!submit) return { ...move(blank, 'create', 'draft', env, {}), materials: check.materials, notices: [] };
  return { ...move(blank, 'create', 'submitted', env, submittedPatch(env)), materials: check.materials, notices: [] };
}

const submittedPatch = (env: Env): Partial<CaseState> => ({ submittedAt: env.now, deemOn: deemDate(env.today, env.cal) });

export function submit(c: CaseState, env: Env): Outcome {
  return { ...move(c, 'submit', 'submitted', env, submittedPatch(env)), notices: [] };
}

/** §32: a submission not pre-reviewed by the end of its 5th working day counts as accepted as of the day it was received. */
export function deem(c: CaseState, env: Env): Outcome {
  if (!isDeemable(c, env.today)) throw invalidTransition(c.status, 'deem');
  const acceptedOn = shanghaiDay(c.submittedAt!);
  const r = move(c, 'deem', 'accepted', env, { ...acceptPatch(c, env, acceptedOn), deemed: true }, {
    reason: '网上申请5个工作日内未作出受理决定，依《行政许可法》第三十二条视为受理',
    detail: { deemOn: c.deemOn },
  });
  return { ...r, notices: [acceptedNotice(r.next)] };
}

/** Pre-review of an online submission: accept (materials complete after the clerk's check). */
export function preAccept(c: CaseState, check: MaterialCheck, env: Env): Outcome {
  if (check.errors.length) throw invalidFields(check.errors);
  if (check.missing.length) {
    throw new Problem(422, 'materials_missing', { zh: `材料不齐全：${listNames(check.missing)}`, en: 'required materials are missing; send the one-time notice' }, {
      field: 'materials',
      errors: check.missing.map((m) => ({ field: 'materials', code: 'missing', zh: `缺少${m.name}`, en: `missing ${m.code}` })),
      extra: { missing: check.missing },
    });
  }
  const r = move(c, 'accept', 'accepted', env, acceptPatch(c, env));
  return { ...r, materials: check.materials, notices: [acceptedNotice(r.next)] };
}

/** Pre-review: the one-time notice. Lists every missing material, plus any the clerk found inadequate. */
export function notifyMissing(c: CaseState, check: MaterialCheck, extra: string[], note: string | undefined, env: Env): Outcome {
  if (check.errors.length) throw invalidFields(check.errors);
  const names = new Map(check.materials.map((m) => [m.code, m.name]));
  const errs: FieldError[] = [];
  extra.forEach((code, i) => {
    if (!names.has(code)) errs.push({ field: `inadequate[${i}]`, code: 'unknown_material', zh: `事项没有材料 ${code}`, en: `the item has no material ${code}` });
  });
  if (errs.length) throw invalidFields(errs);
  const missing = [...check.missing];
  for (const code of extra) if (!missing.some((m) => m.code === code)) missing.push({ code, name: names.get(code)! });
  const order = [...names.keys()];
  missing.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
  if (!missing.length) throw invalidField('inadequate', 'nothing_missing', '材料齐全，无需一次性告知', 'nothing is missing: accept instead');
  const materials = check.materials.map((m) => (extra.includes(m.code) ? { ...m, by: null, files: [], paperSeen: false } : m));
  const rec: NoticeRecord = { at: env.now, missing, note: note?.trim() || null };
  const r = move(c, 'notice', 'pending_completion', env, { notice: rec }, { detail: { missing: missing.map((m) => m.code) }, reason: rec.note });
  return { ...r, materials, notices: [oneTimeNotice(r.next, missing)] };
}

export function refuse(c: CaseState, reason: string | undefined, env: Env): Outcome {
  const why = need(reason, 'reason', '不予受理的理由和法律依据');
  const r = move(c, 'refuse', 'refused', env, { refusalReason: why, concludedAt: env.now }, { reason: why });
  return { ...r, notices: [notice(r.next, 'refused', `您申请的“${c.itemName}”（办件编号${c.caseNo}）不予受理，理由：${why}。`)] };
}

/** The applicant returns with the missing materials: the same case continues. */
export function complete(c: CaseState, merged: MaterialCheck, env: Env): Outcome {
  if (merged.errors.length) throw invalidFields(merged.errors);
  if (c.status !== 'pending_completion') throw invalidTransition(c.status, 'complete');
  if (merged.missing.length) {
    throw new Problem(422, 'materials_missing', { zh: `仍缺少材料：${listNames(merged.missing)}`, en: 'required materials are still missing' }, {
      field: 'materials',
      errors: merged.missing.map((m) => ({ field: 'materials', code: 'missing', zh: `缺少${m.name}`, en: `missing ${m.code}` })),
      extra: { missing: merged.missing },
    });
  }
  const r = move(c, 'complete', 'accepted', env, acceptPatch(c, env));
  return { ...r, materials: merged.materials, notices: [acceptedNotice(r.next)] };
}

// --- back office -------------------------------------------------------------------------------

function assertStepOwner(c: CaseState, env: Env) {
  if (c.stepClaimedBy && c.stepClaimedBy.id !== env.actor.id) {
    throw conflict('claimed_by_other', { zh: `该环节已由${c.stepClaimedBy.name}签收`, en: `The step is claimed by ${c.stepClaimedBy.name}` });
  }
}

/** Claim the current step (the first claim starts the review at step 1). */
export function claim(c: CaseState, env: Env): Outcome {
  if (c.status === 'in_review') assertStepOwner(c, env);
  const stepIndex = c.status === 'accepted' ? 0 : c.stepIndex;
  return { ...move(c, 'claim', 'in_review', env, { stepIndex, stepClaimedBy: env.actor }), notices: [] };
}

export function pass(c: CaseState, opinion: string | undefined, env: Env): Outcome {
  if (c.status === 'in_review') assertStepOwner(c, env);
  const k = c.stepIndex ?? 0;
  if (c.status === 'in_review' && k + 1 >= c.stepCount) {
    throw conflict('last_step', { zh: '已是最后一个环节，请作出决定', en: 'This is the last step: decide' });
  }
  const r = move(c, 'pass', 'in_review', env, { stepIndex: k + 1, stepClaimedBy: null }, { reason: opinion?.trim() || null, detail: { fromStep: k, toStep: k + 1 } });
  return { ...r, event: { ...r.event, stepIndex: k + 1 }, notices: [] };
}

export function returnStep(c: CaseState, toStep: number | undefined, reason: string | undefined, env: Env): Outcome {
  if (c.status === 'in_review') assertStepOwner(c, env);
  const k = c.stepIndex ?? 0;
  const target = toStep ?? k - 1;
  const why = need(reason, 'reason', '退回理由');
  if (c.status === 'in_review' && (!Number.isInteger(target) || target < 0 || target >= k)) {
    throw invalidField('toStep', 'invalid_step', '只能退回到之前的环节', 'can only return to an earlier step');
  }
  const r = move(c, 'return', 'in_review', env, { stepIndex: target, stepClaimedBy: null }, { reason: why, detail: { fromStep: k, toStep: target } });
  return { ...r, notices: [] };
}

export function requestCorrection(c: CaseState, input: { reason?: string; materials?: string[]; supplyBy?: string }, item: ItemRules, env: Env): Outcome {
  if (c.status === 'in_review') assertStepOwner(c, env);
  const why = need(input.reason, 'reason', '补正内容和理由');
  const codes = input.materials ?? [];
  const known = new Map(item.materials.map((m) => [m.code, m.name]));
  const errs: FieldError[] = [];
  codes.forEach((code, i) => {
    if (!known.has(code)) errs.push({ field: `materials[${i}]`, code: 'unknown_material', zh: `事项没有材料 ${code}`, en: `the item has no material ${code}` });
  });
  if (input.supplyBy !== undefined && (!DATE.test(input.supplyBy) || input.supplyBy < env.today)) {
    errs.push({ field: 'supplyBy', code: 'invalid_date', zh: '补正期限应为今天或以后的日期', en: 'supplyBy must be a date from today on' });
  }
  if (errs.length) throw invalidFields(errs);
  const s: Suspension = { kind: 'correction', since: env.today, reason: why, procedure: null, expectedEnd: input.supplyBy ?? null, materials: codes };
  const r = move(c, 'request-correction', 'suspended', env, { suspension: s, pausedColour: runningColour(c, env) }, { reason: why, detail: { materials: codes, supplyBy: s.expectedEnd } });
  const list = codes.length ? `：${listNames(codes.map((code) => ({ name: known.get(code)! })))}` : '';
  return {
    ...r,
    notices: [notice(r.next, 'correction', `您的办件${c.caseNo}（${c.itemName}）需补正材料${list}。说明：${why}${s.expectedEnd ? `，请于${s.expectedEnd}前提交` : ''}。补正期间办理时限暂停计算。`)],
  };
}

function runningColour(c: CaseState, env: Env): Colour | null {
  if (!c.promisedDue) return null;
  if (env.today > c.promisedDue) return 'red';
  return colourOf(env.cal.workingDaysBetween(env.today, c.promisedDue), c.promisedLimit + c.extensionDays, env.policy);
}

/** Ends a suspension: the working days it lasted are added to the due dates. */
function resume(c: CaseState, env: Env): Partial<CaseState> {
  const s = c.suspension!;
  const lost = env.cal.suspendedWorkingDays(s.since, env.today);
  return withDues({ ...c, suspendedDays: c.suspendedDays + lost, suspension: null, pausedColour: null }, env.cal, env.policy);
}

/** Materials supplied: a requested correction (resumes the clock) or 容缺 materials supplied later. */
export function supplement(c: CaseState, merged: MaterialCheck, env: Env): Outcome {
  if (merged.errors.length) throw invalidFields(merged.errors);
  if (c.status === 'suspended') {
    if (c.suspension?.kind !== 'correction') throw conflict('not_correction', { zh: '办件处于特别程序中，不是补正', en: 'The case is in a special procedure, not awaiting correction' });
    const lost = env.cal.suspendedWorkingDays(c.suspension.since, env.today);
    const r = move(c, 'supplement', 'in_review', env, resume(c, env), { detail: { suspendedWorkingDays: lost } });
    return { ...r, materials: merged.materials, notices: [] };
  }
  const r = move(c, 'supplement', c.status, env, {});
  return { ...r, materials: merged.materials, notices: [] };
}

export const PROCEDURES = { hearing: '听证', testing: '检验检测', expert: '专家评审', inspection: '现场勘验', public_notice: '公示', other: '其他' } as const;
export type Procedure = keyof typeof PROCEDURES;

export function startSpecial(c: CaseState, input: { procedure: Procedure; reason?: string; expectedEnd?: string }, env: Env): Outcome {
  if (c.status === 'in_review') assertStepOwner(c, env);
  const why = need(input.reason, 'reason', '特别程序的理由');
  if (!input.expectedEnd || !DATE.test(input.expectedEnd) || input.expectedEnd < env.today) {
    throw invalidField('expectedEnd', 'invalid_date', '预计结束日期应为今天或以后的日期', 'expectedEnd must be a date from today on');
  }
  const s: Suspension = { kind: 'special', since: env.today, reason: why, procedure: input.procedure, expectedEnd: input.expectedEnd, materials: [] };
  const r = move(c, 'special-procedure', 'suspended', env, { suspension: s, pausedColour: runningColour(c, env) }, {
    reason: why,
    detail: { procedure: input.procedure, expectedEnd: input.expectedEnd },
  });
  return { ...r, notices: [] };
}

export function endSpecial(c: CaseState, outcome: string | undefined, env: Env): Outcome {
  if (c.status === 'suspended' && c.suspension?.kind !== 'special') {
    throw conflict('not_special', { zh: '办件在等待补正，不是特别程序', en: 'The case awaits correction, not a special procedure' });
  }
  const lost = c.suspension ? env.cal.suspendedWorkingDays(c.suspension.since, env.today) : 0;
  const r = move(c, 'end-special', 'in_review', env, c.suspension ? resume(c, env) : {}, { reason: outcome?.trim() || null, detail: { suspendedWorkingDays: lost } });
  return { ...r, notices: [] };
}

/** 延长审批: the approver's decision, total extensions capped (default half the legal limit: 10 for 20). */
export function extend(c: CaseState, input: { days: number; reason?: string }, env: Env): Outcome {
  if (c.status === 'in_review') assertStepOwner(c, env);
  const why = need(input.reason, 'reason', '延长审批的理由');
  const cap = extensionCap(c.legalLimit, env.policy);
  if (!Number.isInteger(input.days) || input.days < 1) throw invalidField('days', 'invalid', '延长天数须为正整数', 'days must be a positive whole number');
  if (c.extensionDays + input.days > cap) {
    throw invalidField('days', 'extension_cap', `延长总天数不得超过 ${cap} 个工作日（已延长 ${c.extensionDays} 日）`, `extensions may total at most ${cap} working days (already ${c.extensionDays})`);
  }
  const r = move(c, 'extend', 'in_review', env, withDues({ ...c, extensionDays: c.extensionDays + input.days }, env.cal, env.policy), {
    reason: why,
    detail: { days: input.days, total: c.extensionDays + input.days, cap },
  });
  return { ...r, notices: [] };
}

export function decide(c: CaseState, input: { outcome: 'grant' | 'deny'; reason?: string }, env: Env): Outcome {
  if (c.status === 'in_review') {
    assertStepOwner(c, env);
    if ((c.stepIndex ?? 0) + 1 < c.stepCount) throw conflict('not_final_step', { zh: '尚未到决定环节', en: 'Not at the deciding (last) step yet' });
  }
  if (c.status === 'accepted' && !c.instant) throw invalidTransition(c.status, 'decide');
  const reason = input.outcome === 'deny' ? need(input.reason, 'reason', '不予许可的理由') : input.reason?.trim() || '符合法定条件、标准';
  const to: Status = input.outcome === 'grant' ? 'granted' : 'denied';
  const decision: Decision = { outcome: input.outcome, reason, at: env.now, by: env.actor.name };
  const r = move(c, 'decide', to, env, { decision, stepClaimedBy: null }, { reason, detail: { outcome: input.outcome } });
  const text =
    input.outcome === 'grant'
      ? `您的办件${c.caseNo}（${c.itemName}）已准予许可，请留意出证通知。`
      : `您的办件${c.caseNo}（${c.itemName}）不予许可，理由：${reason}。如不服，可依法申请行政复议或提起行政诉讼。`;
  return { ...r, notices: c.instant ? [] : [notice(r.next, 'decision', text)] };
}

// --- certificate window -------------------------------------------------------------------------

export const certificateNo = (caseNo: string) => `ZS${caseNo}`;

export function issue(c: CaseState, env: Env): Outcome {
  const r = move(c, 'issue', 'issued', env, { issuedAt: env.now, certificateNo: certificateNo(c.caseNo) });
  const notices =
    c.deliveryPreference === 'pickup' && !c.instant
      ? [notice(r.next, 'ready_for_pickup', `您的办件${c.caseNo}（${c.itemName}）证照已制作完成，请携带身份证件到罗庄区政务服务中心综合出证窗口领取，也可申请免费邮寄。`)]
      : [];
  return { ...r, notices };
}

export type DeliverInput =
  | { mode: 'pickup'; collectorName: string; collectorIdNumber: string; asAgent?: boolean }
  | { mode: 'mail'; trackingNo: string; carrier?: string; address: string };

/**
 * Hand over at the window (the ID shown is checked against the applicant's — or recorded as an
 * authorised agent's) or by free mail (tracking number recorded).
 */
export function deliver(c: CaseState, input: DeliverInput, env: Env, maskId: (s: string) => string): Outcome {
  let delivery: Delivery;
  if (input.mode === 'pickup') {
    const id = input.collectorIdNumber.trim().toUpperCase();
    const asAgent = input.asAgent === true || c.applicantKind === 'enterprise';
    const matched = c.applicantKind === 'person' && id === c.applicantCode;
    if (c.applicantKind === 'person' && !asAgent && !matched) {
      throw invalidField('collectorIdNumber', 'identity_mismatch', '领取人证件号码与申请人不一致（代领请勾选委托代领）', 'the ID shown does not match the applicant');
    }
    delivery = { mode: 'pickup', collectorName: need(input.collectorName, 'collectorName', '领取人姓名'), collectorIdMasked: maskId(id), asAgent: asAgent && !matched, identityMatched: matched, at: env.now };
  } else {
    const trackingNo = need(input.trackingNo, 'trackingNo', '快递单号');
    if (!/^[A-Za-z0-9-]{6,40}$/.test(trackingNo)) throw invalidField('trackingNo', 'invalid', '快递单号格式不正确', 'invalid tracking number');
    delivery = { mode: 'mail', carrier: input.carrier?.trim() || 'EMS', trackingNo, address: need(input.address, 'address', '邮寄地址'), at: env.now };
  }
  const r = move(c, 'deliver', 'delivered', env, { delivery, deliveredAt: env.now }, { detail: { mode: delivery.mode, ...(delivery.mode === 'mail' ? { trackingNo: delivery.trackingNo, carrier: delivery.carrier } : { identityMatched: delivery.identityMatched, asAgent: delivery.asAgent }) } });
  const notices =
    delivery.mode === 'mail'
      ? [notice(r.next, 'mailed', `您的办件${c.caseNo}（${c.itemName}）证照已通过免费邮寄寄出，${delivery.carrier}运单号${delivery.trackingNo}，请注意查收。`)]
      : [];
  return { ...r, notices };
}

export function conclude(c: CaseState, env: Env): Outcome {
  return { ...move(c, 'conclude', 'concluded', env, { concludedAt: env.now }), notices: [] };
}

export function withdraw(c: CaseState, reason: string | undefined, env: Env): Outcome {
  const why = reason?.trim() || '申请人申请撤回';
  return { ...move(c, 'withdraw', 'withdrawn', env, { closedReason: why, concludedAt: env.now, suspension: null }, { reason: why }), notices: [] };
}

export function terminate(c: CaseState, reason: string | undefined, env: Env): Outcome {
  const why = need(reason, 'reason', '终止的理由');
  return { ...move(c, 'terminate', 'terminated', env, { closedReason: why, concludedAt: env.now, suspension: null }, { reason: why }), notices: [] };
}

// ---------------------------------------------------------------------------------------------
// Case numbers
// ---------------------------------------------------------------------------------------------

export const DIVISION_CODE = '371311';

/** `{division code}{YYYYMMDD}{6-digit daily sequence}`: 371311 20260928 000001 */
export function formatCaseNo(day: string, seq: number, division = DIVISION_CODE): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 999_999) throw new RangeError(`daily case sequence out of range: ${seq}`);
  return `${division}${day.replace(/-/g, '')}${String(seq).padStart(6, '0')}`;
}

export const CASE_NO_RE = /^\d{6}\d{8}\d{6}$/;
