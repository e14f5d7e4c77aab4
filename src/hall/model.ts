import type { Calendar } from '../platform/calendar/model.js';
import { Problem, type FieldError } from '../platform/problem.js';

export const HALL_TIERS = {
  district: '区政务服务中心',
  branch: '分厅',
  town: '便民服务中心',
  village: '便民服务站',
  partner: '合作网点',
} as const;
export type HallTier = keyof typeof HALL_TIERS;

/** Which tier may sit under which: the centre, its branch halls and town centres, their stations. */
const PARENT_TIER: Record<HallTier, HallTier | null> = {
  district: null,
  branch: 'district',
  town: 'district',
  village: 'town',
  partner: 'district',
};

export const WINDOW_KINDS = { intake: '综合受理', consult: '咨询查询', certificate: '综合出证', assist: '帮办代办' } as const;
export type WindowKind = keyof typeof WINDOW_KINDS;

export const HALL_AREAS = { self_service: '自助服务区', '24h': '24小时不打烊服务区' } as const;
export type HallArea = keyof typeof HALL_AREAS;

export interface HallInput {
  code: string;
  name: string;
  tier: HallTier;
  parentCode: string | null;
  divisionCode: string;
  address: string;
  phone: string | null;
  hours: string;
  areas: HallArea[];
  departments: string[];
  windows: { number: number; kind: WindowKind }[];
}

/** A hall tree must be well formed: one root, parents of the right tier, unique window numbers. */
export function checkHallTree(halls: HallInput[]): FieldError[] {
  const errors: FieldError[] = [];
  const byCode = new Map(halls.map((h) => [h.code, h]));
  if (byCode.size !== halls.length) errors.push({ field: 'code', code: 'duplicate', zh: '大厅编码重复', en: 'duplicate hall code' });
  for (const h of halls) {
    const want = PARENT_TIER[h.tier];
    const parent = h.parentCode ? byCode.get(h.parentCode) : undefined;
    if (want === null ? h.parentCode !== null : parent?.tier !== want) {
      errors.push({
        field: `${h.code}.parentCode`,
        code: 'invalid_parent',
        zh: `${HALL_TIERS[h.tier]}的上级应为${want ? HALL_TIERS[want] : '无'}`,
        en: `a ${h.tier} hall must sit under a ${want ?? 'nothing'}`,
      });
    }
    const numbers = new Set(h.windows.map((w) => w.number));
    if (numbers.size !== h.windows.length) {
      errors.push({ field: `${h.code}.windows`, code: 'duplicate', zh: '窗口号重复', en: 'duplicate window number' });
    }
  }
  return errors;
}

// =============================================================================================
// Queue: categories, tickets, the ticket state machine, priority, numbers
// =============================================================================================

/**
 * Ticket categories (业务类别). A–D map to the window kinds; E is the bank-account-opening
 * appointment at partner banks (新办企业银行开户).
 */
export const CATEGORIES = {
  A: { zh: '综合受理', en: 'intake', kind: 'intake' },
  B: { zh: '咨询', en: 'consultation', kind: 'consult' },
  C: { zh: '出证', en: 'certificates', kind: 'certificate' },
  D: { zh: '帮办代办', en: 'assisted service', kind: 'assist' },
  E: { zh: '银行开户', en: 'bank account opening', kind: 'bank' },
} as const;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_CODES = Object.keys(CATEGORIES) as Category[];
export const isCategory = (s: unknown): s is Category => typeof s === 'string' && s in CATEGORIES;

/** The categories a window serves unless the hall manager says otherwise. */
export function defaultCategories(kind: WindowKind, tier: HallTier, hallName = ''): Category[] {
  const base: Record<WindowKind, Category> = { intake: 'A', consult: 'B', certificate: 'C', assist: 'D' };
  const own = base[kind];
  return tier === 'partner' && kind === 'intake' && isBankPoint({ tier, name: hallName }) ? [own, 'E'] : [own];
}

/** Partner points run by a bank take bank-account-opening appointments (category E). */
export const isBankPoint = (h: { tier: string; name: string }): boolean => h.tier === 'partner' && h.name.includes('银行');

export const TICKET_SOURCES = ['kiosk', 'clerk', 'portal', 'appointment'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'transferred'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PRIORITY_REASONS = ['appointment', 'elderly', 'disabled', 'pregnant', 'transferred'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

export const TICKET_ACTIONS = ['call', 'recall', 'start', 'finish', 'no_show', 'transfer'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** How often a called ticket may be recalled; the next recall marks it a no-show (过号). */
export const MAX_RECALLS = 3;
/** 绿色通道: age from which a resident ID number gives priority. */
export const ELDERLY_AGE = 60;

const TRANSITIONS: Record<TicketAction, { from: TicketStatus[]; to: TicketStatus }> = {
  call: { from: ['waiting'], to: 'called' },
  recall: { from: ['called'], to: 'called' },
  start: { from: ['called'], to: 'serving' },
  finish: { from: ['serving'], to: 'done' },
  no_show: { from: ['called'], to: 'no_show' },
  transfer: { from: ['called', 'serving'], to: 'transferred' },
};

export const STATUS_ZH: Record<TicketStatus, string> = {
  waiting: '等候中',
  called: '已叫号',
  serving: '办理中',
  done: '已办结',
  no_show: '过号',
  transferred: '已转移',
};

export const isFinal = (s: TicketStatus) => s === 'done' || s === 'no_show' || s === 'transferred';

/** The state machine: the next status, or a 409 problem naming the refusal. */
export function nextStatus(status: TicketStatus, action: TicketAction): { ok: true; to: TicketStatus } | { ok: false; problem: Problem } {
  const t = TRANSITIONS[action];
  if (t.from.includes(status)) return { ok: true, to: t.to };
  return {
    ok: false,
    problem: new Problem(409, 'invalid_ticket_state', {
      zh: `排队号当前状态为「${STATUS_ZH[status]}」，不能执行该操作`,
      en: `A ${status} ticket cannot be ${action.replace('_', '-')}ed`,
    }, { extra: { ticketStatus: status, action } }),
  };
}

/** A recall: the count goes up; once it has been recalled MAX_RECALLS times, the next one is a no-show. */
export function recallOutcome(recalls: number, max = MAX_RECALLS): { status: 'called' | 'no_show'; recalls: number } {
  return recalls >= max ? { status: 'no_show', recalls } : { status: 'called', recalls: recalls + 1 };
}

/** `A` + 1 → `A001`; past 999 the number simply grows (A1000). */
export function formatTicketNumber(category: Category, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`ticket sequence must be a positive integer, got ${seq}`);
  return `${category}${String(seq).padStart(3, '0')}`;
}

/** Whole years of age on `today` (both YYYY-MM-DD); a 29 February birthday counts from 1 March. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

export interface PriorityInput {
  birthDate?: string | null;
  disabled?: boolean;
  pregnant?: boolean;
  appointment?: boolean;
  transferred?: boolean;
}

/** Priority 1 for any reason (appointment, 绿色通道: 60+, disabled, pregnant; transferred), else 0. */
export function ticketPriority(p: PriorityInput, today: string): { priority: number; reasons: PriorityReason[] } {
  const reasons: PriorityReason[] = [];
  if (p.appointment) reasons.push('appointment');
  if (p.birthDate && ageOn(p.birthDate, today) >= ELDERLY_AGE) reasons.push('elderly');
  if (p.disabled) reasons.push('disabled');
  if (p.pregnant) reasons.push('pregnant');
  if (p.transferred) reasons.push('transferred');
  return { priority: reasons.length ? 1 : 0, reasons };
}

export interface QueueEntry {
  id: string;
  category: Category;
  priority: number;
  issuedAt: string;
  targetWindowId?: string | null;
}

/**
 * The calling order (the store's SQL says the same): priority first, then first come first
 * served; only categories the window serves; a ticket transferred to one window only there.
 */
export function queueOrder<T extends QueueEntry>(entries: T[], window: { id: string; categories: Category[] }): T[] {
  return entries
    .filter((e) => window.categories.includes(e.category) && (!e.targetWindowId || e.targetWindowId === window.id))
    .sort((a, b) => b.priority - a.priority || (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What the hall display reads out: 请A012号到3号窗口办理. */
export function announcement(number: string, windowNumber: number): string {
  return `请${number}号到${windowNumber}号窗口办理`;
}

export function receiptText(t: {
  hallName: string;
  number: string;
  category: Category;
  ahead: number;
  issuedAt: string;
  priorityReasons: PriorityReason[];
}): string {
  const local = new Date(new Date(t.issuedAt).getTime() + 8 * 3600_000).toISOString();
  const lines = [
    t.hallName,
    `排队号：${t.number}`,
    `业务类型：${CATEGORIES[t.category].zh}`,
    `前面还有 ${t.ahead} 人等候`,
    `取号时间：${local.slice(0, 10)} ${local.slice(11, 16)}`,
  ];
  if (t.priorityReasons.length) lines.push(`优先办理：${t.priorityReasons.map((r) => PRIORITY_ZH[r]).join('、')}`);
  lines.push('请留意大厅屏幕及语音叫号，过号请重新取号。');
  return lines.join('\n');
}

export const PRIORITY_ZH: Record<PriorityReason, string> = {
  appointment: '预约',
  elderly: '60岁以上老年人（绿色通道）',
  disabled: '残疾人（绿色通道）',
  pregnant: '孕妇（绿色通道）',
  transferred: '转移',
};

// =============================================================================================
// Appointments: opening hours, slot generation, check-in window
// =============================================================================================

export interface Period {
  /** HH:MM, Asia/Shanghai */
  start: string;
  end: string;
}

/** When no hours can be read from a hall's text: a working day's usual hours. */
export const DEFAULT_HOURS: Period[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const isHhmm = (s: string) => HHMM.test(s);
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * Opening periods from a hall's hours text, e.g. `工作日 上午9:00-12:00 下午13:30-17:30（夏季下午14:00-18:00）`:
 * every `H:MM-H:MM` range before the first bracket (the seasonal variant is left to the manager).
 */
export function parseOpeningHours(text: string): Period[] {
  const main = text.split(/[（(]/)[0];
  const out: Period[] = [];
  for (const m of main.matchAll(/(\d{1,2})[:：](\d{2})\s*[-–~至]\s*(\d{1,2})[:：](\d{2})/g)) {
    const start = `${m[1].padStart(2, '0')}:${m[2]}`;
    const end = `${m[3].padStart(2, '0')}:${m[4]}`;
    if (isHhmm(start) && isHhmm(end) && start < end) out.push({ start, end });
  }
  return out.length ? out : DEFAULT_HOURS;
}

/** Splits opening periods into slots of `lengthMinutes` (a shorter last slot is kept if ≥ half). */
export function slotTimes(periods: Period[], lengthMinutes = 60): Period[] {
  const out: Period[] = [];
  for (const p of periods) {
    const end = minutes(p.end);
    for (let s = minutes(p.start); s < end; s += lengthMinutes) {
      const e = Math.min(s + lengthMinutes, end);
      if (e - s >= lengthMinutes / 2) out.push({ start: hhmm(s), end: hhmm(e) });
    }
  }
  return out;
}

export interface SlotPlan {
  date: string;
  category: Category;
  start: string;
  end: string;
  capacity: number;
}

/**
 * Slots for every working day from `from` to `to` (inclusive, at most 92 days): holidays are
 * skipped, make-up workdays (调休) get slots. Pure: the calendar is passed in.
 */
export function generateSlots(
  input: { from: string; to: string; categories: Category[]; periods: Period[]; capacity: number; lengthMinutes?: number },
  cal: Calendar,
): { slots: SlotPlan[]; skipped: { date: string; reason: string }[] } {
  const slots: SlotPlan[] = [];
  const skipped: { date: string; reason: string }[] = [];
  const times = slotTimes(input.periods, input.lengthMinutes ?? 60);
  for (let d = input.from, n = 0; d <= input.to && n < 366; d = nextDate(d), n++) {
    if (!cal.isWorkingDay(d)) {
      skipped.push({ date: d, reason: cal.entry(d)?.name || '周末' });
      continue;
    }
    for (const category of input.categories) for (const t of times) slots.push({ date: d, category, start: t.start, end: t.end, capacity: input.capacity });
  }
  return { slots, skipped };
}

function nextDate(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** The instant a Shanghai-local date and time stands for. */
export const localInstant = (date: string, time: string): string => new Date(`${date}T${time}:00+08:00`).toISOString();

/** Check-in opens this long before a slot starts and closes when it ends. */
export const CHECK_IN_EARLY_MINUTES = 30;

export function checkInWindow(slot: { date: string; start: string; end: string }): { opens: string; closes: string } {
  const opens = new Date(new Date(localInstant(slot.date, slot.start)).getTime() - CHECK_IN_EARLY_MINUTES * 60_000).toISOString();
  return { opens, closes: localInstant(slot.date, slot.end) };
}

export function canCheckIn(slot: { date: string; start: string; end: string }, now: string): { ok: true } | { ok: false; problem: Problem } {
  const w = checkInWindow(slot);
  if (now < w.opens) {
    return { ok: false, problem: new Problem(409, 'check_in_too_early', { zh: `请于预约时段开始前${CHECK_IN_EARLY_MINUTES}分钟内签到`, en: `Check-in opens ${CHECK_IN_EARLY_MINUTES} minutes before the slot` }, { extra: { opens: w.opens } }) };
  }
  if (now > w.closes) {
    return { ok: false, problem: new Problem(409, 'check_in_too_late', { zh: '预约时段已过，请重新取号或预约', en: 'The slot is over; take a ticket or book again' }, { extra: { closed: w.closes } }) };
  }
  return { ok: true };
}

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

// =============================================================================================
// Daily statistics (pure)
// =============================================================================================

/** Nearest-rank percentile (p in 0..100) of the values; null for none. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  if (p <= 0) return sorted[0];
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, rank) - 1];
}

export const average = (values: number[]): number | null =>
  values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null;

export interface StatTicket {
  category: Category;
  status: TicketStatus;
  issuedAt: string;
  calledAt: string | null;
  servingAt: string | null;
  finishedAt: string | null;
  windowId: string | null;
  windowNumber: number | null;
  clerkId: string | null;
  clerkName: string | null;
}

export interface Figures {
  tickets: number;
  called: number;
  done: number;
  noShow: number;
  transferred: number;
  waiting: number;
  /** seconds, issued → first called */
  waitAvg: number | null;
  waitP90: number | null;
  /** seconds, serving → done */
  serviceAvg: number | null;
  serviceP90: number | null;
}

const secs = (a: string, b: string) => Math.max(0, Math.round((new Date(b).getTime() - new Date(a).getTime()) / 1000));

export function figures(ts: StatTicket[]): Figures {
  const waits = ts.filter((t) => t.calledAt).map((t) => secs(t.issuedAt, t.calledAt!));
  const services = ts.filter((t) => t.status === 'done' && t.servingAt && t.finishedAt).map((t) => secs(t.servingAt!, t.finishedAt!));
  return {
    tickets: ts.length,
    called: ts.filter((t) => t.calledAt).length,
    done: ts.filter((t) => t.status === 'done').length,
    noShow: ts.filter((t) => t.status === 'no_show').length,
    transferred: ts.filter((t) => t.status === 'transferred').length,
    waiting: ts.filter((t) => t.status === 'waiting').length,
    waitAvg: average(waits),
    waitP90: percentile(waits, 90),
    serviceAvg: average(services),
    serviceP90: percentile(services, 90),
  };
}

export interface AppointmentFigures {
  booked: number;
  checkedIn: number;
  cancelled: number;
  noShow: number;
}

/** A day of a hall: totals, per category, per window, per clerk. */
export function dailyStats(date: string, ts: StatTicket[], appointments: { status: AppointmentStatus }[] = []) {
  const group = <K extends string>(key: (t: StatTicket) => K | null) => {
    const m = new Map<K, StatTicket[]>();
    for (const t of ts) {
      const k = key(t);
      if (k === null) continue;
      m.set(k, [...(m.get(k) ?? []), t]);
    }
    return m;
  };
  const byCategory = group((t) => t.category);
  const byWindow = group((t) => t.windowId);
  const byClerk = group((t) => t.clerkId);
  const count = (s: AppointmentStatus) => appointments.filter((a) => a.status === s).length;
  return {
    date,
    total: figures(ts),
    categories: CATEGORY_CODES.filter((c) => byCategory.has(c)).map((c) => ({ category: c, name: CATEGORIES[c].zh, ...figures(byCategory.get(c)!) })),
    windows: [...byWindow.entries()]
      .map(([windowId, list]) => ({ windowId, windowNumber: list[0].windowNumber, ...figures(list) }))
      .sort((a, b) => (a.windowNumber ?? 0) - (b.windowNumber ?? 0)),
    clerks: [...byClerk.entries()]
      .map(([clerkId, list]) => ({ clerkId, clerkName: list.find((t) => t.clerkName)?.clerkName ?? null, ...figures(list) }))
      .sort((a, b) => (a.clerkName ?? '').localeCompare(b.clerkName ?? '', 'zh-CN')),
    appointments: { booked: appointments.length - count('cancelled'), checkedIn: count('checked_in'), cancelled: count('cancelled'), noShow: count('no_show') } as AppointmentFigures,
  };
}
