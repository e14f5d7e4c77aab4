/**
 * Hall use cases: the hall tree and windows, tickets and calling, displays, appointments,
 * the kiosk, the manager's board and statistics. One transaction per use case, each with its
 * audit record and the hall events the displays follow (published after commit, see hub.ts).
 */
import { getApplicant } from '../accounts/service.js';
import type { Actor } from '../platform/actor.js';
import { appendAudit, type AuditEntry } from '../platform/audit.js';
import { getCalendar } from '../platform/calendar/store.js';
import { shanghaiDate } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import type { Executor } from '../platform/db/database.js';
import { uuidv7 } from '../platform/ids.js';
import { maskIdNumber, maskName, maskPhone, validateResidentId, validateUscc } from '../platform/identifiers.js';
import { conflict, forbidden, invalidField, invalidFields, notFound, Problem, unauthenticated } from '../platform/problem.js';
import { enqueue } from '../platform/outbox/store.js';
import type { Notice } from '../platform/outbox/model.js';
import { CHANNEL, hubFor, notifyPayload } from './hub.js';
import {
  announcement,
  CATEGORIES,
  CATEGORY_CODES,
  canCheckIn,
  checkHallTree,
  checkInWindow,
  dailyStats,
  defaultCategories,
  figures,
  formatTicketNumber,
  generateSlots,
  HALL_TIERS,
  isBankPoint,
  isHhmm,
  localInstant,
  nextStatus,
  parseOpeningHours,
  PRIORITY_ZH,
  receiptText,
  recallOutcome,
  STATUS_ZH,
  ticketPriority,
  WINDOW_KINDS,
  type AppointmentStatus,
  type Category,
  type HallInput,
  type HallTier,
  type Period,
  type PriorityReason,
  type StatTicket,
  type TicketSource,
  type TicketStatus,
  type WindowKind,
} from './model.js';
import * as policy from './policy.js';
import * as store from './store.js';

type Tx = Executor<unknown>;
const actorRef = (a: Actor | null) => (a ? { id: a.accountId, name: a.username } : null);
const today = (ctx: Ctx) => shanghaiDate(ctx.clock.now());
const HALL = { zh: '大厅', en: 'hall' };
const WINDOW = { zh: '窗口', en: 'window' };
const TICKET = { zh: '排队号', en: 'ticket' };
const APPOINTMENT = { zh: '预约', en: 'appointment' };
const SLOT = { zh: '预约时段', en: 'appointment slot' };

// ---------------------------------------------------------------------------------------------
// Transactions with hall events
// ---------------------------------------------------------------------------------------------

interface Pending {
  hallId: string;
  type: 'call' | 'ticket' | 'window';
  data: Record<string, unknown>;
}

interface Work {
  tx: Tx;
  dialect: Ctx['dialect'];
  events: Pending[];
  audit(entry: Omit<AuditEntry, 'actor' | 'ip'>): Promise<void>;
}

/**
 * One use case: one transaction; its hall events are appended (and NOTIFYed on PostgreSQL)
 * before commit, and handed to this process's hub right after.
 */
async function work<T>(ctx: Ctx, fn: (w: Work) => Promise<T>): Promise<T> {
  const at = ctx.clock.now();
  let rows: store.HallEventRow[] = [];
  const result = await ctx.db.transaction().execute(async (tx) => {
    const w: Work = {
      tx,
      dialect: ctx.dialect,
      events: [],
      audit: async (entry) => {
        await appendAudit(tx, { ...entry, actor: actorRef(ctx.actor), ip: ctx.ip }, at);
      },
    };
    const value = await fn(w);
    rows = await store.appendEvents(
      tx,
      ctx.dialect,
      w.events.map((e) => ({ hall_id: e.hallId, type: e.type, payload: JSON.stringify({ ...e.data, at }), at })),
    );
    if (ctx.dialect === 'postgres') for (const r of rows) await store.notify(tx, CHANNEL, notifyPayload(r));
    return value;
  });
  if (rows.length) hubFor(ctx.db)?.deliverLocal(rows);
  return result;
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err?.message ?? '');
}

// ---------------------------------------------------------------------------------------------
// Halls and windows
// ---------------------------------------------------------------------------------------------

function hallView(h: store.HallRow, parentCode: string | null) {
  return {
    id: h.id,
    code: h.code,
    name: h.name,
    tier: h.tier as HallTier,
    tierName: HALL_TIERS[h.tier as HallTier],
    parentCode,
    divisionCode: h.division_code,
    address: h.address,
    phone: h.phone,
    hours: h.hours,
    areas: JSON.parse(h.areas) as string[],
    departments: JSON.parse(h.departments) as string[],
    bankPoint: isBankPoint(h),
  };
}

const windowCategories = (w: store.WindowRow) => JSON.parse(w.categories) as Category[];

function windowView(w: store.WindowRow, opts: { staff?: 'name' | 'full' } = {}) {
  return {
    id: w.id,
    number: w.number,
    name: w.name,
    kind: w.kind as WindowKind,
    kindName: WINDOW_KINDS[w.kind as WindowKind],
    open: w.open === 1,
    categories: windowCategories(w),
    staff:
      w.staff_id && opts.staff
        ? opts.staff === 'full'
          ? { id: w.staff_id, name: w.staff_name, signedInAt: w.signed_in_at }
          : { name: w.staff_name }
        : null,
  };
}

/** Loads a whole hall tree (the demo seed, or a district's own list); all or nothing. */
export async function importHalls(ctx: Ctx, halls: HallInput[]) {
  const errors = checkHallTree(halls);
  if (errors.length) throw invalidFields(errors);
  const ids = new Map(halls.map((h) => [h.code, uuidv7()]));
  const hallRows: store.HallRow[] = halls.map((h, i) => ({
    id: ids.get(h.code)!,
    code: h.code,
    name: h.name,
    tier: h.tier,
    parent_id: h.parentCode ? ids.get(h.parentCode)! : null,
    division_code: h.divisionCode,
    address: h.address,
    phone: h.phone,
    hours: h.hours,
    areas: JSON.stringify(h.areas),
    departments: JSON.stringify(h.departments),
    sort: i,
  }));
  const windowRows: store.WindowRow[] = halls.flatMap((h) =>
    h.windows.map((w) => ({
      id: uuidv7(),
      hall_id: ids.get(h.code)!,
      number: w.number,
      name: `${w.number}号窗口（${WINDOW_KINDS[w.kind]}）`,
      kind: w.kind,
      open: 1,
      categories: JSON.stringify(defaultCategories(w.kind, h.tier, h.name)),
      staff_id: null,
      staff_name: null,
      signed_in_at: null,
    })),
  );
  await ctx.db.transaction().execute(async (tx) => {
    await store.insertHalls(tx, hallRows, windowRows);
    await appendAudit(
      tx,
      { actor: actorRef(ctx.actor), action: 'hall.import', detail: `${hallRows.length} halls, ${windowRows.length} windows` },
      ctx.clock.now(),
    );
  });
  return ids;
}

export async function listHalls(ctx: Ctx, q: { tier?: HallTier; parent?: string }) {
  let parentId: string | undefined;
  if (q.parent) {
    const parent = await store.findHall(ctx.db, q.parent);
    if (!parent) return { total: 0, items: [] };
    parentId = parent.id;
  }
  const rows = await store.listHalls(ctx.db, { tier: q.tier, parentId });
  const all = q.parent || q.tier ? await store.listHalls(ctx.db, {}) : rows;
  const codeById = new Map(all.map((h) => [h.id, h.code]));
  return { total: rows.length, items: rows.map((h) => hallView(h, h.parent_id ? (codeById.get(h.parent_id) ?? null) : null)) };
}

async function loadHall(ctx: Ctx | { db: Tx }, code: string) {
  const hall = await store.findHall(ctx.db, code);
  if (!hall) throw notFound(HALL);
  return hall;
}

export async function getHall(ctx: Ctx, code: string) {
  const hall = await loadHall(ctx, code);
  const windows = await store.hallWindows(ctx.db, hall.id);
  const parent = hall.parent_id ? await store.findHallById(ctx.db, hall.parent_id) : undefined;
  return {
    ...hallView(hall, parent?.code ?? null),
    windows: windows.map((w) => windowView(w, { staff: 'name' })),
  };
}

/** A window the actor may see (staff of its hall, the admin); 404 otherwise. */
async function visibleWindow(ctx: Ctx, id: string) {
  if (!ctx.actor) throw unauthenticated();
  const w = await store.findWindow(ctx.db, id, ctx.dialect);
  if (!w || !policy.seesHall(ctx.actor, w.hall_id)) throw notFound(WINDOW);
  return w;
}

/** The desk's window screen: the window, its current ticket and what waits for it. */
export async function getWindow(ctx: Ctx, id: string) {
  const w = await visibleWindow(ctx, id);
  return windowState(ctx, w);
}

async function windowState(ctx: Ctx, w: store.WindowRow) {
  const date = today(ctx);
  const [current, counts, hall] = await Promise.all([
    store.currentOfWindow(ctx.db, w.id),
    store.waitingCounts(ctx.db, w.hall_id, date, ctx.dialect),
    store.findHallById(ctx.db, w.hall_id),
  ]);
  const cats = windowCategories(w);
  return {
    ...windowView(w, { staff: 'full' }),
    hall: { code: hall!.code, name: hall!.name },
    current: current[0] ? ticketView(current[0], { full: true, windowNumber: w.number }) : null,
    waiting: Object.fromEntries(cats.map((c) => [c, counts[c] ?? 0])),
    waitingTotal: cats.reduce((n, c) => n + (counts[c] ?? 0), 0),
  };
}

/** The window the actor is signed in at (null when none). */
export async function myWindow(ctx: Ctx) {
  if (!ctx.actor) throw unauthenticated();
  const w = await store.windowOfStaff(ctx.db, ctx.actor.accountId);
  return { window: w ? await windowState(ctx, w) : null };
}

/** Binds the clerk to a window (one window at a time): leaves any other window first. */
export async function signIn(ctx: Ctx, windowId: string, opts: { takeOver?: boolean } = {}) {
  const w = await visibleWindow(ctx, windowId);
  const actor = ctx.actor!;
  if (!policy.canSignIn(actor, w)) throw forbidden({ zh: '仅本大厅窗口工作人员可签到', en: 'Only staff of this hall working windows may sign in' });
  await work(ctx, async ({ tx, events, audit }) => {
    const fresh = (await store.findWindow(tx, windowId))!;
    if (fresh.staff_id && fresh.staff_id !== actor.accountId && !opts.takeOver) {
      throw new Problem(409, 'window_taken', { zh: `${fresh.number}号窗口已由${fresh.staff_name ?? '其他工作人员'}签到`, en: `Window ${fresh.number} is staffed by someone else` }, {
        extra: { staffName: fresh.staff_name },
      });
    }
    if (fresh.staff_id === actor.accountId) return;
    const previous = await store.windowOfStaff(tx, actor.accountId);
    await store.releaseStaff(tx, actor.accountId);
    if (fresh.staff_id) await store.releaseStaff(tx, fresh.staff_id);
    await store.updateWindow(tx, windowId, { staff_id: actor.accountId, staff_name: actor.name, signed_in_at: ctx.clock.now() });
    if (previous) events.push({ hallId: previous.hall_id, type: 'window', data: { action: 'sign_out', window: windowView({ ...previous, staff_id: null }) } });
    events.push({
      hallId: w.hall_id,
      type: 'window',
      data: { action: 'sign_in', window: windowView({ ...fresh, staff_id: actor.accountId, staff_name: actor.name }, { staff: 'name' }) },
    });
    await audit({ action: 'window.sign_in', target: { type: 'window', id: windowId }, detail: `window ${fresh.number}${fresh.staff_id ? ' (taken over)' : ''}` });
  });
  return getWindow(ctx, windowId);
}

export async function signOut(ctx: Ctx, windowId: string) {
  const w = await visibleWindow(ctx, windowId);
  if (!policy.isSignedInAt(ctx.actor, w) && !policy.canManageHall(ctx.actor, w.hall_id)) {
    throw forbidden({ zh: '只能签退本人签到的窗口', en: 'You are not signed in at this window' });
  }
  if (w.staff_id) {
    await work(ctx, async ({ tx, events, audit }) => {
      await store.updateWindow(tx, windowId, { staff_id: null, staff_name: null, signed_in_at: null });
      events.push({ hallId: w.hall_id, type: 'window', data: { action: 'sign_out', window: windowView({ ...w, staff_id: null }) } });
      await audit({ action: 'window.sign_out', target: { type: 'window', id: windowId }, detail: `window ${w.number}` });
    });
  }
  return getWindow(ctx, windowId);
}

/** The hall manager opens or closes a window and sets what it serves. */
export async function updateWindowSettings(ctx: Ctx, windowId: string, patch: { open?: boolean; categories?: Category[]; name?: string }) {
  const w = await visibleWindow(ctx, windowId);
  if (!policy.canManageHall(ctx.actor, w.hall_id)) throw forbidden({ zh: '仅大厅管理员可设置窗口', en: 'Only the hall manager may change windows' });
  const hall = (await store.findHallById(ctx.db, w.hall_id))!;
  if (patch.categories) {
    const cats = [...new Set(patch.categories)];
    if (cats.includes('E') && !isBankPoint(hall)) {
      throw invalidField('categories', 'bank_only', '银行开户（E）只能由合作银行网点办理', 'category E (bank account opening) is for partner banks only');
    }
    patch.categories = cats.sort();
  }
  const set: Partial<store.WindowRow> = {};
  if (patch.open !== undefined) set.open = patch.open ? 1 : 0;
  if (patch.categories) set.categories = JSON.stringify(patch.categories);
  if (patch.name !== undefined) set.name = patch.name;
  if (Object.keys(set).length) {
    await work(ctx, async ({ tx, events, audit }) => {
      await store.updateWindow(tx, windowId, set);
      const after = { ...w, ...set };
      events.push({ hallId: w.hall_id, type: 'window', data: { action: 'settings', window: windowView(after, { staff: 'name' }) } });
      await audit({ action: 'window.update', target: { type: 'window', id: windowId }, before: windowView(w), after: windowView(after), detail: `window ${w.number}` });
    });
  }
  return getWindow(ctx, windowId);
}

// ---------------------------------------------------------------------------------------------
// Tickets
// ---------------------------------------------------------------------------------------------

export function ticketView(t: store.TicketRow, opts: { full?: boolean; windowNumber?: number | null } = {}) {
  return {
    id: t.id,
    number: t.number,
    category: t.category as Category,
    categoryName: CATEGORIES[t.category as Category].zh,
    status: t.status as TicketStatus,
    statusName: STATUS_ZH[t.status as TicketStatus],
    source: t.source as TicketSource,
    priority: t.priority,
    priorityReasons: JSON.parse(t.priority_reasons) as PriorityReason[],
    date: t.date,
    issuedAt: t.issued_at,
    calledAt: t.called_at,
    servingAt: t.serving_at,
    finishedAt: t.finished_at,
    recalls: t.recalls,
    windowId: t.window_id,
    windowNumber: opts.windowNumber ?? null,
    targetWindowId: t.target_window_id,
    clerkName: t.clerk_name,
    appointmentId: t.appointment_id,
    transferredFrom: t.transferred_from,
    transferredTo: t.transferred_to,
    /** masked unless the viewer is the clerk at the desk */
    idNumber: t.id_number ? (opts.full ? t.id_number : maskIdNumber(t.id_number)) : null,
    applicantId: opts.full ? t.applicant_id : null,
  };
}

/** What a display shows of a ticket: no personal data at all. */
const publicTicket = (t: store.TicketRow, windowNumber?: number | null) => ({
  id: t.id,
  number: t.number,
  category: t.category,
  status: t.status,
  priority: t.priority,
  windowNumber: windowNumber ?? null,
});

export interface IssueInput {
  category: Category;
  idNumber?: string;
  disabled?: boolean;
  pregnant?: boolean;
}

async function servedCategories(db: Tx, hallId: string): Promise<Set<Category>> {
  const windows = await store.hallWindows(db, hallId);
  return new Set(windows.flatMap(windowCategories));
}

/** Inserts a new waiting ticket with the next number (inside the caller's transaction). */
async function createTicket(
  w: Work,
  hall: store.HallRow,
  t: {
    category: Category;
    source: TicketSource;
    date: string;
    at: string;
    priority: number;
    reasons: PriorityReason[];
    idNumber?: string | null;
    applicantId?: string | null;
    appointmentId?: string | null;
    issuedBy?: string | null;
  },
) {
  const seq = await store.nextTicketSeq(w.tx, hall.id, t.date, t.category);
  const row: store.TicketRow = {
    id: uuidv7(),
    hall_id: hall.id,
    date: t.date,
    category: t.category,
    seq,
    number: formatTicketNumber(t.category, seq),
    source: t.source,
    priority: t.priority,
    priority_reasons: JSON.stringify(t.reasons),
    status: 'waiting',
    applicant_id: t.applicantId ?? null,
    id_number: t.idNumber ?? null,
    appointment_id: t.appointmentId ?? null,
    window_id: null,
    target_window_id: null,
    clerk_id: null,
    clerk_name: null,
    issued_at: t.at,
    called_at: null,
    last_called_at: null,
    serving_at: null,
    finished_at: null,
    recalls: 0,
    transferred_from: null,
    transferred_to: null,
    issued_by: t.issuedBy ?? null,
  };
  await store.insertTicket(w.tx, row);
  await store.bumpWaiting(w.tx, hall.id, t.date, t.category, 1, w.dialect);
  const waiting = await store.waitingCounts(w.tx, hall.id, t.date, w.dialect);
  // the newest ticket: with no priority, everyone waiting in its category is ahead of it
  const ahead = row.priority === 0 ? (waiting[t.category] ?? 1) - 1 : await store.aheadOf(w.tx, row);
  w.events.push({ hallId: hall.id, type: 'ticket', data: { action: 'issued', ticket: publicTicket(row), waiting } });
  await w.audit({ action: 'ticket.issue', target: { type: 'ticket', id: row.id }, detail: `${hall.code} ${row.number} ${t.source}` });
  return { row, ahead };
}

function issued(hall: store.HallRow, row: store.TicketRow, ahead: number, full: boolean) {
  return {
    ticket: ticketView(row, { full }),
    hall: { code: hall.code, name: hall.name },
    ahead,
    receipt: receiptText({
      hallName: hall.name,
      number: row.number,
      category: row.category as Category,
      ahead,
      issuedAt: row.issued_at,
      priorityReasons: JSON.parse(row.priority_reasons) as PriorityReason[],
    }),
  };
}

/**
 * Takes a ticket: at the kiosk (anonymous, also in the unstaffed 24-hour area), by a clerk of the
 * hall, or remotely on the portal (an applicant logged in; their ID number gives the 60+ priority).
 */
export async function issueTicket(ctx: Ctx, hallCode: string, input: IssueInput) {
  const hall = await loadHall(ctx, hallCode);
  const actor = ctx.actor;
  let source: TicketSource = 'kiosk';
  let applicantId: string | null = null;
  let idNumber: string | null = null;
  const date = today(ctx);
  if (actor?.kind === 'applicant') {
    source = 'portal';
    applicantId = actor.applicantId;
    if (actor.applicantId) {
      const a = await getApplicant(ctx, actor.applicantId);
      idNumber = a.idNumber;
    }
  } else if (actor) {
    if (!policy.canIssueAsStaff(actor, hall.id)) {
      throw forbidden({ zh: '只能为本大厅取号', en: 'Staff may issue tickets only for their own hall' });
    }
    source = 'clerk';
  }
  if (input.idNumber !== undefined && source !== 'portal') {
    const r = validateResidentId(input.idNumber, date);
    if (!r.ok) throw invalidField('idNumber', r.code, r.zh, r.en);
    idNumber = r.value;
  }
  if (!(await servedCategories(ctx.db, hall.id)).has(input.category)) {
    throw invalidField('category', 'category_not_served', `本大厅不办理「${CATEGORIES[input.category].zh}」业务`, `this hall has no window for category ${input.category}`);
  }
  const birthDate = idNumber ? (validateResidentId(idNumber, date) as { birthDate?: string }).birthDate : null;
  const { priority, reasons } = ticketPriority({ birthDate, disabled: input.disabled, pregnant: input.pregnant }, date);
  const { row, ahead } = await work(ctx, (w) =>
    createTicket(w, hall, { category: input.category, source, date, at: ctx.clock.now(), priority, reasons, idNumber, applicantId, issuedBy: actor?.accountId ?? null }),
  );
  return issued(hall, row, ahead, source !== 'kiosk');
}

/** A ticket by its id (the id is the receipt's secret): a public view, or the full one for hall staff. */
export async function getTicket(ctx: Ctx, id: string) {
  const t = await store.findTicket(ctx.db, id);
  if (!t) throw notFound(TICKET);
  const full = policy.seesHall(ctx.actor, t.hall_id) || (ctx.actor?.kind === 'applicant' && ctx.actor.applicantId === t.applicant_id && !!t.applicant_id);
  const w = t.window_id ? await store.findWindow(ctx.db, t.window_id) : undefined;
  const ahead = t.status === 'waiting' ? await store.aheadOf(ctx.db, t) : 0;
  const cases = policy.seesHall(ctx.actor, t.hall_id) ? (await store.ticketCases(ctx.db, t.id)).map((c) => c.case_no) : undefined;
  const hall = (await store.findHallById(ctx.db, t.hall_id))!;
  return { ticket: ticketView(t, { full, windowNumber: w?.number ?? null }), hall: { code: hall.code, name: hall.name }, ahead, ...(cases ? { cases } : {}) };
}

/** The window the actor works at, checked for calling: signed in there and open. */
async function workingWindow(ctx: Ctx, windowId: string) {
  const w = await visibleWindow(ctx, windowId);
  if (!policy.isSignedInAt(ctx.actor, w)) {
    throw new Problem(409, 'not_signed_in', { zh: `请先签到${w.number}号窗口`, en: `Sign in at window ${w.number} first` });
  }
  if (w.open !== 1) throw new Problem(409, 'window_closed', { zh: `${w.number}号窗口已暂停服务`, en: `Window ${w.number} is closed` });
  return w;
}

/**
 * 叫下一位: closes what the window is on (serving → done; called and never started → no-show,
 * the caller did not come), then claims the next ticket — priority first, then first come, only
 * categories this window serves — with one atomic UPDATE (see store.claimNext). Two windows
 * calling at the same instant never get the same ticket. `ticket: null` when the queue is empty.
 */
export async function callNext(ctx: Ctx, windowId: string) {
  const w = await workingWindow(ctx, windowId);
  const actor = ctx.actor!;
  const cats = windowCategories(w);
  const date = today(ctx);
  return work(ctx, async ({ tx, events, audit }) => {
    const at = ctx.clock.now();
    const closed = await store.closeWindowTickets(tx, ctx.dialect, w.id, at);
    let claimed: store.TicketRow | undefined;
    const q = { hallId: w.hall_id, date, windowId: w.id, categories: cats, clerkId: actor.accountId, clerkName: actor.name, at };
    if (ctx.dialect === 'postgres') {
      // past tickets other windows are claiming; if none is free but some still wait (claims in
      // flight), ask again shortly: they either commit (gone) or roll back (free again)
      for (let attempt = 0; ; attempt++) {
        claimed = await store.claimNext(tx, 'skip', ctx.dialect, q);
        if (claimed || attempt >= 200 || !(await store.hasWaiting(tx, q))) break;
        await new Promise((r) => setTimeout(r, Math.min(20, 2 + attempt)));
      }
    } else {
      claimed = await store.claimNext(tx, 'none', ctx.dialect, q);
    }
    if (claimed) await store.bumpWaiting(tx, claimed.hall_id, claimed.date, claimed.category, -1, ctx.dialect);
    if (!claimed && closed.length === 0) return { ticket: null, announcement: null, closed: [], waiting: {} as Record<string, number> };
    const counts = await store.waitingCounts(tx, w.hall_id, date, ctx.dialect);
    for (const c of closed) {
      events.push({ hallId: w.hall_id, type: 'ticket', data: { action: c.status, ticket: publicTicket(c, w.number), waiting: counts } });
    }
    if (claimed) {
      events.push({
        hallId: w.hall_id,
        type: 'call',
        data: {
          ticket: publicTicket(claimed, w.number),
          windowId: w.id,
          windowNumber: w.number,
          windowName: w.name,
          recall: 0,
          announcement: announcement(claimed.number, w.number),
          waiting: counts,
        },
      });
    }
    await audit({
      action: 'ticket.call',
      target: claimed ? { type: 'ticket', id: claimed.id } : { type: 'window', id: w.id },
      detail: `window ${w.number}: ${claimed ? claimed.number : 'queue empty'}${closed.length ? `; closed ${closed.map((c) => `${c.number} ${c.status}`).join(', ')}` : ''}`,
    });
    const waiting = Object.fromEntries(cats.map((c) => [c, counts[c] ?? 0]));
    return {
      ticket: claimed ? ticketView(claimed, { full: true, windowNumber: w.number }) : null,
      announcement: claimed ? announcement(claimed.number, w.number) : null,
      closed: closed.map((c) => ticketView(c, { windowNumber: w.number })),
      waiting,
    };
  });
}

/** A ticket at a window the actor handles (the clerk signed in there, or the hall manager). */
async function handledTicket(ctx: Ctx, ticketId: string) {
  if (!ctx.actor) throw unauthenticated();
  const t = await store.findTicket(ctx.db, ticketId);
  if (!t || !policy.seesHall(ctx.actor, t.hall_id)) throw notFound(TICKET);
  const w = t.window_id ? await store.findWindow(ctx.db, t.window_id) : undefined;
  if (!w) {
    // never called: only the state machine can say no
    const r = nextStatus(t.status as TicketStatus, 'start');
    throw r.ok ? new Problem(409, 'not_called', { zh: '该号尚未叫号', en: 'The ticket has not been called' }) : r.problem;
  }
  if (!policy.canHandleTicket(ctx.actor, w)) {
    throw forbidden({ zh: `该号由${w.number}号窗口办理，请先签到该窗口`, en: `The ticket is at window ${w.number}; you are not signed in there` });
  }
  return { t, w };
}

const stale = () => conflict('ticket_changed', { zh: '排队号状态已变化，请刷新', en: 'The ticket changed meanwhile; reload' });

/** 重呼: the count goes up; past MAX_RECALLS the ticket is a no-show (过号). */
export async function recallTicket(ctx: Ctx, ticketId: string) {
  const { t, w } = await handledTicket(ctx, ticketId);
  const check = nextStatus(t.status as TicketStatus, 'recall');
  if (!check.ok) throw check.problem;
  return work(ctx, async ({ tx, events, audit }) => {
    const at = ctx.clock.now();
    const out = recallOutcome(t.recalls);
    const patch: Partial<store.TicketRow> = out.status === 'no_show' ? { status: 'no_show', finished_at: at } : { recalls: out.recalls, last_called_at: at };
    if (!(await store.updateTicket(tx, t.id, ['called'], patch))) throw stale();
    const after = { ...t, ...patch };
    const counts = await store.waitingCounts(tx, t.hall_id, t.date, ctx.dialect);
    if (out.status === 'no_show') {
      events.push({ hallId: t.hall_id, type: 'ticket', data: { action: 'no_show', ticket: publicTicket(after, w.number), waiting: counts } });
    } else {
      events.push({
        hallId: t.hall_id,
        type: 'call',
        data: {
          ticket: publicTicket(after, w.number),
          windowId: w.id,
          windowNumber: w.number,
          windowName: w.name,
          recall: out.recalls,
          announcement: announcement(t.number, w.number),
          waiting: counts,
        },
      });
    }
    await audit({ action: out.status === 'no_show' ? 'ticket.no_show' : 'ticket.recall', target: { type: 'ticket', id: t.id }, detail: `${t.number} recall ${out.recalls}` });
    return { ticket: ticketView(after, { full: true, windowNumber: w.number }), announcement: out.status === 'called' ? announcement(t.number, w.number) : null };
  });
}

async function simpleTransition(ctx: Ctx, ticketId: string, action: 'start' | 'finish' | 'no_show') {
  const { t, w } = await handledTicket(ctx, ticketId);
  const check = nextStatus(t.status as TicketStatus, action);
  if (!check.ok) throw check.problem;
  return work(ctx, async ({ tx, events, audit }) => {
    const at = ctx.clock.now();
    const patch: Partial<store.TicketRow> =
      action === 'start' ? { status: 'serving', serving_at: at } : { status: check.to, finished_at: at };
    if (!(await store.updateTicket(tx, t.id, [t.status], patch))) throw stale();
    const after = { ...t, ...patch };
    events.push({ hallId: t.hall_id, type: 'ticket', data: { action: check.to, ticket: publicTicket(after, w.number) } });
    await audit({ action: `ticket.${action}`, target: { type: 'ticket', id: t.id }, detail: `${t.number} at window ${w.number}` });
    return { ticket: ticketView(after, { full: true, windowNumber: w.number }) };
  });
}

export const startServing = (ctx: Ctx, id: string) => simpleTransition(ctx, id, 'start');
export const finishTicket = (ctx: Ctx, id: string) => simpleTransition(ctx, id, 'finish');
export const markNoShow = (ctx: Ctx, id: string) => simpleTransition(ctx, id, 'no_show');

/**
 * 转移: the ticket ends as `transferred` and a follow-up ticket with the same number waits, with
 * priority, in another category or for one window only.
 */
export async function transferTicket(ctx: Ctx, ticketId: string, to: { category?: Category; windowId?: string }) {
  const { t, w } = await handledTicket(ctx, ticketId);
  const check = nextStatus(t.status as TicketStatus, 'transfer');
  if (!check.ok) throw check.problem;
  if (!to.category && !to.windowId) throw invalidField('category', 'required', '请选择转移到的业务类别或窗口', 'give a category or a window to transfer to');
  let target: store.WindowRow | undefined;
  if (to.windowId) {
    target = await store.findWindow(ctx.db, to.windowId);
    if (!target || target.hall_id !== t.hall_id) throw invalidField('windowId', 'not_found', '本大厅没有该窗口', 'no such window in this hall');
    if (target.id === w.id) throw invalidField('windowId', 'same_window', '不能转移到本窗口', 'cannot transfer to the same window');
  }
  const served = await servedCategories(ctx.db, t.hall_id);
  let category = to.category ?? (t.category as Category);
  if (target) {
    const cats = windowCategories(target);
    if (to.category && !cats.includes(to.category)) throw invalidField('category', 'category_not_served', '该窗口不办理此类业务', 'that window does not serve this category');
    if (!cats.includes(category)) category = cats[0];
  } else if (!served.has(category)) {
    throw invalidField('category', 'category_not_served', '本大厅不办理此类业务', 'this hall does not serve that category');
  } else if (category === t.category) {
    throw invalidField('category', 'same_category', '转移到的业务类别与原类别相同', 'the ticket already is in that category');
  }
  if (!category) throw invalidField('windowId', 'category_not_served', '该窗口未设置业务类别', 'that window serves no category');
  return work(ctx, async ({ tx, events, audit }) => {
    const at = ctx.clock.now();
    const reasons = [...new Set([...(JSON.parse(t.priority_reasons) as PriorityReason[]), 'transferred' as const])];
    const follow: store.TicketRow = {
      ...t,
      id: uuidv7(),
      category,
      status: 'waiting',
      priority: 1,
      priority_reasons: JSON.stringify(reasons),
      window_id: null,
      target_window_id: target?.id ?? null,
      clerk_id: null,
      clerk_name: null,
      issued_at: at,
      called_at: null,
      last_called_at: null,
      serving_at: null,
      finished_at: null,
      recalls: 0,
      transferred_from: t.id,
      transferred_to: null,
      issued_by: ctx.actor!.accountId,
    };
    if (!(await store.updateTicket(tx, t.id, [t.status], { status: 'transferred', finished_at: at, transferred_to: follow.id }))) throw stale();
    await store.insertTicket(tx, follow);
    await store.bumpWaiting(tx, follow.hall_id, follow.date, follow.category, 1, ctx.dialect);
    const counts = await store.waitingCounts(tx, t.hall_id, t.date, ctx.dialect);
    events.push({ hallId: t.hall_id, type: 'ticket', data: { action: 'transferred', ticket: publicTicket({ ...t, status: 'transferred' }, w.number), waiting: counts } });
    events.push({ hallId: t.hall_id, type: 'ticket', data: { action: 'issued', ticket: publicTicket(follow), waiting: counts, transferredFrom: t.id } });
    await audit({
      action: 'ticket.transfer',
      target: { type: 'ticket', id: t.id },
      detail: `${t.number} from window ${w.number} to ${target ? `window ${target.number}` : `category ${category}`}`,
    });
    return {
      ticket: ticketView({ ...t, status: 'transferred', finished_at: at, transferred_to: follow.id }, { full: true, windowNumber: w.number }),
      followUp: ticketView(follow, { full: true }),
    };
  });
}

/**
 * Links a ticket to a case it produced (for the case module: call it from the intake use case;
 * pass its transaction as `tx` to join it). Idempotent.
 */
export async function linkTicketToCase(ctx: Ctx, ticketId: string, caseNo: string, tx?: Tx) {
  if (!/^[0-9A-Za-z-]{6,40}$/.test(caseNo)) throw invalidField('caseNo', 'format', '办件编号格式不正确', 'not a case number');
  const db = tx ?? ctx.db;
  const t = await store.findTicket(db, ticketId);
  if (!t || (ctx.actor && !policy.seesHall(ctx.actor, t.hall_id))) throw notFound(TICKET);
  const at = ctx.clock.now();
  const run = async (x: Tx) => {
    await store.linkCase(x, { ticket_id: ticketId, case_no: caseNo, linked_at: at, linked_by: ctx.actor?.accountId ?? null });
    await appendAudit(x, { actor: actorRef(ctx.actor), ip: ctx.ip, action: 'ticket.link_case', target: { type: 'ticket', id: ticketId }, detail: `${t.number} → ${caseNo}` }, at);
  };
  if (tx) await run(tx);
  else await ctx.db.transaction().execute(run);
  return { ticketId, caseNo, cases: (await store.ticketCases(db, ticketId)).map((c) => c.case_no) };
}

/** The tickets a case came from (for the case screen). */
export async function ticketsOfCase(ctx: Ctx, caseNo: string) {
  return (await store.ticketsOfCase(ctx.db, caseNo)).map((r) => r.ticket_id);
}

// ---------------------------------------------------------------------------------------------
// Displays, board, statistics
// ---------------------------------------------------------------------------------------------

export const RECENT_CALLS = 10;

/**
 * The hall display's snapshot (public, no personal data): each window's current call, the last
 * calls, waiting counts per category, the latest announcement. `lastEventId` is read first, so
 * every event after it reaches a client that subscribed before loading the snapshot.
 */
export async function displaySnapshot(ctx: Pick<Ctx, 'db' | 'clock' | 'dialect'>, hallCode: string) {
  const lastEventId = await store.lastEventSeq(ctx.db);
  const hall = await loadHall(ctx as Ctx, hallCode);
  const date = shanghaiDate(ctx.clock.now());
  const [windows, active, recent, counts] = await Promise.all([
    store.hallWindows(ctx.db, hall.id),
    store.activeTickets(ctx.db, hall.id, date),
    store.recentCalls(ctx.db, hall.id, date, RECENT_CALLS),
    store.waitingCounts(ctx.db, hall.id, date, ctx.dialect),
  ]);
  const numberOf = new Map(windows.map((w) => [w.id, w.number]));
  const served = [...new Set(windows.flatMap(windowCategories))].sort();
  const recentCalls = recent
    .filter((t) => t.window_id && numberOf.has(t.window_id))
    .map((t) => ({
      ticketId: t.id,
      number: t.number,
      category: t.category as Category,
      status: t.status,
      windowNumber: numberOf.get(t.window_id!)!,
      at: t.last_called_at!,
      announcement: announcement(t.number, numberOf.get(t.window_id!)!),
    }));
  return {
    hall: { code: hall.code, name: hall.name },
    date,
    at: ctx.clock.now(),
    lastEventId,
    windows: windows.map((w) => {
      const cur = active.filter((t) => t.window_id === w.id).sort((a, b) => (b.last_called_at ?? '').localeCompare(a.last_called_at ?? ''))[0];
      return {
        ...windowView(w, { staff: 'name' }),
        current: cur ? { ticketId: cur.id, number: cur.number, category: cur.category as Category, status: cur.status, calledAt: cur.last_called_at, recalls: cur.recalls } : null,
      };
    }),
    recentCalls,
    waiting: Object.fromEntries(served.map((c) => [c, counts[c] ?? 0])),
    announcement: recentCalls[0]?.announcement ?? null,
  };
}

async function managedHall(ctx: Ctx, code: string, can: (a: Actor | null, hallId: string) => boolean) {
  if (!ctx.actor) throw unauthenticated();
  const hall = await store.findHall(ctx.db, code);
  if (!hall) throw notFound(HALL);
  if (!can(ctx.actor, hall.id)) throw forbidden({ zh: '仅本大厅管理员可查看', en: 'Only this hall’s manager may see this' });
  return hall;
}

/** The manager's live board: windows with staff on duty and current tickets, the waiting queue, today's figures. */
export async function hallBoard(ctx: Ctx, code: string) {
  const hall = await managedHall(ctx, code, policy.canManageHall);
  const date = today(ctx);
  const now = ctx.clock.now();
  const [windows, active, queue, day] = await Promise.all([
    store.hallWindows(ctx.db, hall.id),
    store.activeTickets(ctx.db, hall.id, date),
    store.waitingTickets(ctx.db, hall.id, date, 200),
    store.dayTickets(ctx.db, hall.id, date),
  ]);
  const numberOf = new Map(windows.map((w) => [w.id, w.number]));
  const counts: Record<string, number> = Object.fromEntries([...new Set(windows.flatMap(windowCategories))].sort().map((c) => [c, 0]));
  for (const t of day) if (t.status === 'waiting') counts[t.category] = (counts[t.category] ?? 0) + 1;
  return {
    hall: { code: hall.code, name: hall.name },
    date,
    at: now,
    windows: windows.map((w) => {
      const cur = active.find((t) => t.window_id === w.id);
      const mine = day.filter((t) => t.window_id === w.id);
      return {
        ...windowView(w, { staff: 'full' }),
        current: cur ? ticketView(cur, { windowNumber: w.number }) : null,
        servedToday: mine.filter((t) => t.status === 'done').length,
        calledToday: mine.filter((t) => t.called_at).length,
      };
    }),
    onDuty: windows
      .filter((w) => w.staff_id)
      .map((w) => ({ staffId: w.staff_id!, name: w.staff_name, windowId: w.id, windowNumber: w.number, signedInAt: w.signed_in_at })),
    waiting: counts,
    queue: queue.map((t) => ({
      ...ticketView(t),
      waitedSeconds: Math.max(0, Math.round((new Date(now).getTime() - new Date(t.issued_at).getTime()) / 1000)),
      targetWindowNumber: t.target_window_id ? (numberOf.get(t.target_window_id) ?? null) : null,
    })),
    totals: figures(day.map((t) => statTicket(t, numberOf))),
  };
}

function statTicket(t: store.TicketRow, numberOf: Map<string, number>): StatTicket {
  return {
    category: t.category as Category,
    status: t.status as TicketStatus,
    issuedAt: t.issued_at,
    calledAt: t.called_at,
    servingAt: t.serving_at,
    finishedAt: t.finished_at,
    windowId: t.window_id,
    windowNumber: t.window_id ? (numberOf.get(t.window_id) ?? null) : null,
    clerkId: t.clerk_id,
    clerkName: t.clerk_name,
  };
}

/** Daily statistics of a hall: per category, window and clerk (wait = issued → called, service = serving → done). */
export async function hallStats(ctx: Ctx, code: string, date?: string) {
  const hall = await managedHall(ctx, code, policy.canViewStats);
  const day = date ?? today(ctx);
  const [windows, tickets, appts] = await Promise.all([
    store.hallWindows(ctx.db, hall.id),
    store.dayTickets(ctx.db, hall.id, day),
    store.dayAppointments(ctx.db, hall.id, day),
  ]);
  const numberOf = new Map(windows.map((w) => [w.id, w.number]));
  return {
    hall: { code: hall.code, name: hall.name },
    ...dailyStats(
      day,
      tickets.map((t) => statTicket(t, numberOf)),
      appts.map((a) => ({ status: a.status as AppointmentStatus })),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Appointments
// ---------------------------------------------------------------------------------------------

/** Booking is paused for a holder with this many no-shows in the last NO_SHOW_DAYS days (爽约限制). */
export const NO_SHOW_LIMIT = 3;
export const NO_SHOW_DAYS = 30;
export const MAX_SLOT_SPAN_DAYS = 92;

function slotView(s: store.SlotRow) {
  return {
    id: s.id,
    date: s.date,
    category: s.category as Category,
    categoryName: CATEGORIES[s.category as Category].zh,
    start: s.start_time,
    end: s.end_time,
    capacity: s.capacity,
    booked: s.booked,
    available: Math.max(0, s.capacity - s.booked),
  };
}

export interface GenerateInput {
  from: string;
  to: string;
  categories?: Category[];
  capacity?: number;
  periods?: Period[];
  lengthMinutes?: number;
}

/** Slots from the opening hours for the working days (holidays skipped, 调休 make-up days included). */
export async function generateHallSlots(ctx: Ctx, code: string, input: GenerateInput) {
  const hall = await managedHall(ctx, code, policy.canManageHall);
  if (input.to < input.from) throw invalidField('to', 'before_from', '结束日期早于开始日期', 'to is before from');
  const span = (new Date(`${input.to}T00:00:00Z`).getTime() - new Date(`${input.from}T00:00:00Z`).getTime()) / 86_400_000;
  if (span >= MAX_SLOT_SPAN_DAYS) throw invalidField('to', 'span_too_long', `一次最多生成 ${MAX_SLOT_SPAN_DAYS} 天`, `at most ${MAX_SLOT_SPAN_DAYS} days at once`);
  const served = await servedCategories(ctx.db, hall.id);
  const bank = isBankPoint(hall);
  const categories = input.categories ?? (bank ? (['E'] as Category[]) : CATEGORY_CODES.filter((c) => served.has(c) && c !== 'E'));
  for (const c of categories) {
    if (c === 'E' && !bank) throw invalidField('categories', 'bank_only', '银行开户（E）预约只能在合作银行网点设置', 'category E is for partner banks only');
    if (!served.has(c)) throw invalidField('categories', 'category_not_served', `本大厅没有办理「${CATEGORIES[c].zh}」的窗口`, `no window of this hall serves ${c}`);
  }
  const periods = input.periods ?? parseOpeningHours(hall.hours);
  for (const [i, p] of periods.entries()) {
    if (!isHhmm(p.start) || !isHhmm(p.end) || p.start >= p.end) throw invalidField(`periods.${i}`, 'invalid_period', '时段应为 HH:MM-HH:MM 且开始早于结束', 'a period is HH:MM-HH:MM, start before end');
  }
  const cal = await getCalendar(ctx.db);
  const plan = generateSlots({ from: input.from, to: input.to, categories, periods, capacity: input.capacity ?? 10, lengthMinutes: input.lengthMinutes }, cal);
  const now = ctx.clock.now();
  const rows: store.SlotRow[] = plan.slots.map((s) => ({
    id: uuidv7(),
    hall_id: hall.id,
    category: s.category,
    date: s.date,
    start_time: s.start,
    end_time: s.end,
    capacity: s.capacity,
    booked: 0,
    created_at: now,
  }));
  const created = await ctx.db.transaction().execute(async (tx) => {
    const n = await store.insertSlots(tx, rows);
    await appendAudit(tx, { actor: actorRef(ctx.actor), ip: ctx.ip, action: 'slots.generate', target: { type: 'hall', id: hall.id }, detail: `${hall.code} ${input.from}..${input.to} ${categories.join('')}: ${n} new` }, now);
    return n;
  });
  return { created, existing: rows.length - created, categories, periods, skipped: plan.skipped };
}

export async function listHallSlots(ctx: Ctx, code: string, q: { date?: string; from?: string; to?: string; category?: Category }) {
  const hall = await loadHall(ctx, code);
  const rows = await store.listSlots(ctx.db, { hallId: hall.id, ...q, to: q.to ?? (q.from && !q.date ? addDaysIso(q.from, 31) : undefined) });
  return { hall: { code: hall.code, name: hall.name, bankPoint: isBankPoint(hall) }, total: rows.length, items: rows.map(slotView) };
}

const addDaysIso = (d: string, n: number) => new Date(new Date(`${d}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

function appointmentView(a: store.AppointmentRow, hall: Pick<store.HallRow, 'code' | 'name'> | undefined, full: boolean) {
  const w = checkInWindow({ date: a.date, start: a.start_time, end: a.end_time });
  return {
    id: a.id,
    hall: hall ? { code: hall.code, name: hall.name } : null,
    slotId: a.slot_id,
    category: a.category as Category,
    categoryName: CATEGORIES[a.category as Category].zh,
    date: a.date,
    start: a.start_time,
    end: a.end_time,
    status: a.status as AppointmentStatus,
    holderKind: a.holder_kind as 'person' | 'enterprise',
    holder: full ? a.holder_key : a.holder_kind === 'person' ? maskIdNumber(a.holder_key) : a.holder_key,
    name: full ? a.name : maskName(a.name),
    phone: full ? a.phone : maskPhone(a.phone),
    purpose: a.purpose,
    bookedAt: a.booked_at,
    cancelledAt: a.cancelled_at,
    checkedInAt: a.checked_in_at,
    ticketId: a.ticket_id,
    rescheduledFrom: a.rescheduled_from,
    checkInOpens: w.opens,
    checkInCloses: w.closes,
  };
}

export interface BookInput {
  slotId: string;
  idNumber?: string;
  uscc?: string;
  name?: string;
  phone?: string;
  purpose?: string;
}

interface Holder {
  key: string;
  kind: 'person' | 'enterprise';
  applicantId: string | null;
  name: string;
  phone: string;
}

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Who the booking is for: the applicant logged in, or the person a clerk names. */
async function holderOf(ctx: Ctx, input: BookInput, date: string): Promise<Holder> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  if (actor.kind === 'applicant') {
    if (!actor.applicantId) throw forbidden({ zh: '账号未关联申请人', en: 'This account acts for no applicant' });
    const a = await getApplicant(ctx, actor.applicantId);
    return {
      key: (a.idNumber ?? a.uscc)!,
      kind: a.kind,
      applicantId: a.id,
      name: a.kind === 'enterprise' && input.name ? input.name : a.name,
      phone: input.phone && PHONE.test(input.phone) ? input.phone : a.phone,
    };
  }
  if (!policy.canActForApplicants(actor)) throw forbidden({ zh: '无权代为预约', en: 'Not allowed to book for others' });
  const errors: { field: string; code: string; zh: string; en: string }[] = [];
  let key = '';
  let kind: Holder['kind'] = 'person';
  if (input.uscc) {
    const r = validateUscc(input.uscc);
    if (!r.ok) errors.push({ field: 'uscc', code: r.code, zh: r.zh, en: r.en });
    else key = input.uscc.toUpperCase();
    kind = 'enterprise';
  } else if (input.idNumber) {
    const r = validateResidentId(input.idNumber, date);
    if (!r.ok) errors.push({ field: 'idNumber', code: r.code, zh: r.zh, en: r.en });
    else key = r.value;
  } else {
    errors.push({ field: 'idNumber', code: 'required', zh: '请填写身份证号码或统一社会信用代码', en: 'an ID number or a USCC is required' });
  }
  if (!input.name?.trim()) errors.push({ field: 'name', code: 'required', zh: '必填', en: 'required' });
  if (!input.phone || !PHONE.test(input.phone)) errors.push({ field: 'phone', code: 'invalid_phone', zh: '手机号码或固定电话格式不正确', en: 'not a valid phone number' });
  if (errors.length) throw invalidFields(errors);
  return { key, kind, applicantId: null, name: input.name!.trim(), phone: input.phone! };
}

function slotOpenForBooking(slot: store.SlotRow, now: string) {
  if (localInstant(slot.date, slot.end_time) <= now) {
    throw new Problem(409, 'slot_closed', { zh: '该预约时段已结束', en: 'This slot is over' });
  }
}

/**
 * Books a seat: at most one active booking per person (or enterprise), category and day; the seat
 * is taken with `booked = booked + 1 WHERE booked < capacity`, so capacity holds under any
 * concurrency (409 `slot_full` otherwise).
 */
export async function bookAppointment(ctx: Ctx, input: BookInput) {
  const now = ctx.clock.now();
  const holder = await holderOf(ctx, input, shanghaiDate(now));
  const slot = await store.findSlot(ctx.db, input.slotId);
  if (!slot) throw notFound(SLOT);
  slotOpenForBooking(slot, now);
  if (slot.category === 'E' && holder.kind !== 'enterprise') {
    throw invalidField('uscc', 'enterprise_only', '银行开户预约仅限新办企业（请以企业身份或统一社会信用代码预约）', 'bank account appointments are for enterprises (give a USCC)');
  }
  const hall = (await store.findHallById(ctx.db, slot.hall_id))!;
  const since = addDaysIso(shanghaiDate(now), -NO_SHOW_DAYS);
  if ((await store.countNoShows(ctx.db, holder.key, since)) >= NO_SHOW_LIMIT) {
    throw conflict('booking_suspended', { zh: `近${NO_SHOW_DAYS}天内爽约已达${NO_SHOW_LIMIT}次，暂停网上预约，请现场取号`, en: `${NO_SHOW_LIMIT} no-shows in ${NO_SHOW_DAYS} days: booking is suspended` });
  }
  const row: store.AppointmentRow = {
    id: uuidv7(),
    slot_id: slot.id,
    hall_id: slot.hall_id,
    category: slot.category,
    date: slot.date,
    start_time: slot.start_time,
    end_time: slot.end_time,
    holder_key: holder.key,
    holder_kind: holder.kind,
    applicant_id: holder.applicantId,
    name: holder.name,
    phone: holder.phone,
    purpose: input.purpose ?? (slot.category === 'E' ? '新办企业银行开户' : null),
    status: 'booked',
    booked_by: ctx.actor!.accountId,
    booked_at: now,
    cancelled_at: null,
    checked_in_at: null,
    no_show_at: null,
    ticket_id: null,
    rescheduled_from: null,
  };
  await bookRow(ctx, row, async (tx) => {
    await appendAudit(tx, { actor: actorRef(ctx.actor), ip: ctx.ip, action: 'appointment.book', target: { type: 'appointment', id: row.id }, detail: `${hall.code} ${slot.date} ${slot.start_time} ${slot.category}` }, now);
    await enqueue(tx, [appointmentNotice(row, hall, 'confirmation', now)], now);
  });
  return appointmentView(row, hall, true);
}

const alreadyBooked = () =>
  conflict('already_booked', { zh: '同一业务类别同一天只能有一个有效预约', en: 'One active booking per category and day' });
const slotFull = () => conflict('slot_full', { zh: '该时段已约满，请选择其他时段', en: 'This slot is fully booked' });

async function bookRow(ctx: Ctx, row: store.AppointmentRow, inTx: (tx: Tx) => Promise<void>, before?: (tx: Tx) => Promise<void>) {
  try {
    await ctx.db.transaction().execute(async (tx) => {
      if (before) await before(tx);
      if (await store.activeAppointment(tx, row.holder_key, row.category, row.date)) throw alreadyBooked();
      if (!(await store.takeSeat(tx, row.slot_id))) throw slotFull();
      await store.insertAppointment(tx, row);
      await inTx(tx);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw alreadyBooked();
    throw e;
  }
}

async function visibleAppointment(ctx: Ctx, id: string) {
  if (!ctx.actor) throw unauthenticated();
  const a = await store.findAppointment(ctx.db, id);
  if (!a || !policy.canSeeAppointment(ctx.actor, a)) throw notFound(APPOINTMENT);
  return a;
}

export async function getAppointment(ctx: Ctx, id: string) {
  const a = await visibleAppointment(ctx, id);
  return appointmentView(a, await store.findHallById(ctx.db, a.hall_id), true);
}

/** An applicant's own bookings; staff: their hall's (admin: any hall, `hall` filter). */
export async function listAppointments(ctx: Ctx, q: { hall?: string; date?: string; status?: AppointmentStatus; category?: Category }) {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  let hallId: string | undefined;
  if (q.hall) hallId = (await loadHall(ctx, q.hall)).id;
  const scope: { hallId?: string; applicantId?: string } = {};
  if (actor.kind === 'applicant') {
    if (!actor.applicantId) return { total: 0, items: [] };
    scope.applicantId = actor.applicantId;
    scope.hallId = hallId;
  } else if (actor.roles.includes('admin')) {
    scope.hallId = hallId;
  } else {
    if (!actor.hallId || (hallId && hallId !== actor.hallId)) return { total: 0, items: [] };
    scope.hallId = actor.hallId;
  }
  const rows = await store.listAppointments(ctx.db, { ...scope, date: q.date, status: q.status, category: q.category, limit: 500 });
  const halls = new Map<string, store.HallRow | undefined>();
  for (const r of rows) if (!halls.has(r.hall_id)) halls.set(r.hall_id, await store.findHallById(ctx.db, r.hall_id));
  return { total: rows.length, items: rows.map((r) => appointmentView(r, halls.get(r.hall_id), actor.kind === 'applicant')) };
}

export async function cancelAppointment(ctx: Ctx, id: string) {
  const a = await visibleAppointment(ctx, id);
  if (a.status !== 'booked') throw conflict('invalid_appointment_state', { zh: '只能取消尚未签到的有效预约', en: `A ${a.status} appointment cannot be cancelled` });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await store.updateAppointment(tx, id, ['booked'], { status: 'cancelled', cancelled_at: now }))) {
      throw conflict('appointment_changed', { zh: '预约状态已变化，请刷新', en: 'The appointment changed meanwhile' });
    }
    await store.releaseSeat(tx, a.slot_id);
    await appendAudit(tx, { actor: actorRef(ctx.actor), ip: ctx.ip, action: 'appointment.cancel', target: { type: 'appointment', id } }, now);
  });
  return getAppointment(ctx, id);
}

/** Moves a booking to another slot of the same category (the old one ends `cancelled`, linked). */
export async function rescheduleAppointment(ctx: Ctx, id: string, slotId: string) {
  const a = await visibleAppointment(ctx, id);
  if (a.status !== 'booked') throw conflict('invalid_appointment_state', { zh: '只能改约尚未签到的有效预约', en: `A ${a.status} appointment cannot be rescheduled` });
  const slot = await store.findSlot(ctx.db, slotId);
  if (!slot) throw notFound(SLOT);
  if (slot.id === a.slot_id) throw invalidField('slotId', 'same_slot', '新时段与原时段相同', 'that is the current slot');
  if (slot.category !== a.category) throw invalidField('slotId', 'other_category', '只能改约到同一业务类别的时段', 'the new slot must be of the same category');
  const now = ctx.clock.now();
  slotOpenForBooking(slot, now);
  const row: store.AppointmentRow = {
    ...a,
    id: uuidv7(),
    slot_id: slot.id,
    hall_id: slot.hall_id,
    date: slot.date,
    start_time: slot.start_time,
    end_time: slot.end_time,
    status: 'booked',
    booked_by: ctx.actor!.accountId,
    booked_at: now,
    rescheduled_from: a.id,
  };
  await bookRow(
    ctx,
    row,
    async (tx) => {
      await appendAudit(tx, { actor: actorRef(ctx.actor), ip: ctx.ip, action: 'appointment.reschedule', target: { type: 'appointment', id: a.id }, detail: `→ ${row.id} ${slot.date} ${slot.start_time}` }, now);
      await enqueue(tx, [appointmentNotice(row, (await store.findHallById(tx, row.hall_id))!, 'confirmation', now)], now);
    },
    async (tx) => {
      if (!(await store.updateAppointment(tx, a.id, ['booked'], { status: 'cancelled', cancelled_at: now }))) {
        throw conflict('appointment_changed', { zh: '预约状态已变化，请刷新', en: 'The appointment changed meanwhile' });
      }
      await store.releaseSeat(tx, a.slot_id);
    },
  );
  return appointmentView(row, await store.findHallById(ctx.db, row.hall_id), true);
}

/** Check-in on the day, from 30 minutes before the slot to its end: a priority ticket. */
export async function checkInAppointment(ctx: Ctx, id: string) {
  const a = await visibleAppointment(ctx, id);
  return doCheckIn(ctx, a);
}

/** The kiosk's check-in: by the ID number (or USCC) of a booking at this hall today. */
export async function kioskCheckIn(ctx: Ctx, hallCode: string, input: { idNumber?: string; uscc?: string }) {
  const hall = await loadHall(ctx, hallCode);
  const date = today(ctx);
  let key: string;
  if (input.uscc) {
    const r = validateUscc(input.uscc);
    if (!r.ok) throw invalidField('uscc', r.code, r.zh, r.en);
    key = input.uscc.toUpperCase();
  } else if (input.idNumber) {
    const r = validateResidentId(input.idNumber, date);
    if (!r.ok) throw invalidField('idNumber', r.code, r.zh, r.en);
    key = r.value;
  } else {
    throw invalidField('idNumber', 'required', '请刷身份证或输入身份证号码', 'an ID number (or a USCC) is required');
  }
  const found = await store.bookedForCheckIn(ctx.db, hall.id, key, date);
  if (found.length === 0) throw new Problem(404, 'appointment_not_found', { zh: '未查询到您今天在本大厅的预约', en: 'No booking here today for this person' });
  const now = ctx.clock.now();
  const open = found.find((a) => canCheckIn({ date: a.date, start: a.start_time, end: a.end_time }, now).ok) ?? found[0];
  return doCheckIn(ctx, open);
}

async function doCheckIn(ctx: Ctx, a: store.AppointmentRow) {
  if (a.status !== 'booked') throw conflict('invalid_appointment_state', { zh: '该预约已签到、取消或过期', en: `A ${a.status} appointment cannot be checked in` });
  const now = ctx.clock.now();
  const ok = canCheckIn({ date: a.date, start: a.start_time, end: a.end_time }, now);
  if (!ok.ok) throw ok.problem;
  const hall = (await store.findHallById(ctx.db, a.hall_id))!;
  const date = shanghaiDate(now);
  const birthDate = a.holder_kind === 'person' ? (validateResidentId(a.holder_key, date) as { birthDate?: string }).birthDate : null;
  const { priority, reasons } = ticketPriority({ appointment: true, birthDate }, date);
  const { row, ahead } = await work(ctx, async (w) => {
    const made = await createTicket(w, hall, {
      category: a.category as Category,
      source: 'appointment',
      date,
      at: now,
      priority,
      reasons,
      idNumber: a.holder_kind === 'person' ? a.holder_key : null,
      applicantId: a.applicant_id,
      appointmentId: a.id,
      issuedBy: ctx.actor?.accountId ?? null,
    });
    if (!(await store.updateAppointment(w.tx, a.id, ['booked'], { status: 'checked_in', checked_in_at: now, ticket_id: made.row.id }))) {
      throw conflict('appointment_changed', { zh: '预约状态已变化，请刷新', en: 'The appointment changed meanwhile' });
    }
    await w.audit({ action: 'appointment.check_in', target: { type: 'appointment', id: a.id }, detail: `${hall.code} ticket ${made.row.number}` });
    return made;
  });
  return {
    appointment: appointmentView({ ...a, status: 'checked_in', checked_in_at: now, ticket_id: row.id }, hall, !!ctx.actor),
    ...issued(hall, row, ahead, !!ctx.actor),
  };
}

/**
 * Sweep (run every few minutes, any process; idempotent): booked appointments whose slot is over
 * become no-shows. Returns how many.
 */
export async function markNoShows(ctx: Ctx, now: string = ctx.clock.now()) {
  const local = new Date(new Date(now).getTime() + 8 * 3600_000).toISOString();
  const due = await store.overdueAppointments(ctx.db, local.slice(0, 10), local.slice(11, 16));
  if (due.length === 0) return { noShows: 0 };
  let n = 0;
  await ctx.db.transaction().execute(async (tx) => {
    for (const a of due) if (await store.updateAppointment(tx, a.id, ['booked'], { status: 'no_show', no_show_at: now })) n++;
    if (n) await appendAudit(tx, { actor: actorRef(ctx.actor), ip: ctx.ip, action: 'appointment.no_show_sweep', detail: `${n} no-shows` }, now);
  });
  return { noShows: n };
}

/**
 * Sweep of earlier days' tickets left open (nightly): waiting/called → no_show, serving → done;
 * and hall events older than `keepDays` are deleted.
 */
export async function closeStaleTickets(ctx: Ctx, now: string = ctx.clock.now(), keepDays = 7) {
  const date = shanghaiDate(now);
  const open = await store.staleTickets(ctx.db, date);
  let n = 0;
  await ctx.db.transaction().execute(async (tx) => {
    for (const t of open) {
      const patch: Partial<store.TicketRow> = t.status === 'serving' ? { status: 'done', finished_at: now } : { status: 'no_show', finished_at: now };
      if (await store.updateTicket(tx, t.id, [t.status], patch)) {
        n++;
        if (t.status === 'waiting') await store.bumpWaiting(tx, t.hall_id, t.date, t.category, -1, ctx.dialect);
      }
    }
    const pruned = await store.pruneEvents(tx, new Date(new Date(now).getTime() - keepDays * 86_400_000).toISOString());
    if (n || pruned) await appendAudit(tx, { actor: actorRef(ctx.actor), ip: ctx.ip, action: 'ticket.close_stale', detail: `${n} tickets closed, ${pruned} events pruned` }, now);
  });
  return { closed: n };
}

function appointmentNotice(a: store.AppointmentRow, hall: store.HallRow, kind: 'confirmation' | 'reminder', at: string): Notice {
  const category = CATEGORIES[a.category as Category].zh;
  const when = `${a.date} ${a.start_time}-${a.end_time}`;
  const body =
    kind === 'confirmation'
      ? `【罗庄区政务服务】${a.name}，您已成功预约${when}在${hall.name}办理${category}业务。请携带有效证件，于预约时段开始前30分钟内到达并在自助机签到取号。如需取消请提前操作。`
      : `【罗庄区政务服务】${a.name}，提醒您明天${when}在${hall.name}（${hall.address}）办理${category}业务，请携带有效证件于预约时段开始前30分钟内到达并签到取号。如不能前往请提前取消预约。`;
  // reminders go out from 18:00 (Asia/Shanghai) the day before
  const notBefore = kind === 'reminder' ? new Date(new Date(`${addDaysIso(a.date, -1)}T18:00:00+08:00`).getTime()).toISOString() : undefined;
  return {
    channel: 'sms',
    recipient: a.phone,
    kind: `hall.appointment_${kind}`,
    body,
    payload: { appointmentId: a.id, hall: hall.code, date: a.date, start: a.start_time, end: a.end_time, category: a.category },
    dedupeKey: `hall.appointment_${kind}:${a.id}`,
    ...(notBefore && notBefore > at ? { notBefore } : {}),
  };
}

/** Reminder notices (outbox shape) for the bookings of `date` still active. */
export async function appointmentReminders(ctx: Ctx, date: string): Promise<Notice[]> {
  const rows = await store.bookedOn(ctx.db, date);
  const halls = new Map<string, store.HallRow | undefined>();
  const at = ctx.clock.now();
  const out: Notice[] = [];
  for (const a of rows) {
    if (!halls.has(a.hall_id)) halls.set(a.hall_id, await store.findHallById(ctx.db, a.hall_id));
    out.push(appointmentNotice(a, halls.get(a.hall_id)!, 'reminder', at));
  }
  return out;
}

/**
 * Puts the reminders for `date` into the notifications outbox (each once: the dedupe key is the
 * appointment). Run daily for tomorrow (see hallSweep); a booking made later is picked up by the next run.
 */
export async function enqueueAppointmentReminders(ctx: Ctx, date: string) {
  const notices = await appointmentReminders(ctx, date);
  if (notices.length === 0) return { enqueued: 0 };
  const ids = await ctx.db.transaction().execute((tx) => enqueue(tx, notices, ctx.clock.now()));
  return { enqueued: ids.filter(Boolean).length };
}

/**
 * The hall's periodic sweep (run every minute or so from any process; idempotent): no-shows of
 * bookings whose slot is over, tickets of earlier days left open, reminders for tomorrow.
 */
export async function hallSweep(ctx: Ctx, now: string = ctx.clock.now()) {
  const noShows = await markNoShows(ctx, now);
  const stale = await closeStaleTickets(ctx, now);
  const reminders = await enqueueAppointmentReminders(ctx, addDaysIso(shanghaiDate(now), 1));
  return { ...noShows, ...stale, ...reminders };
}

/**
 * Demo appointment slots (for the seed): the district centre's intake, certificate and assisted
 * service for the next `days` days, and bank-account opening (E) at the 15 partner banks.
 */
export async function seedDemoSlots(ctx: Ctx, from: string = today(ctx), days = 14) {
  const to = addDaysIso(from, days - 1);
  let created = 0;
  created += (await generateHallSlots(ctx, 'C00', { from, to, categories: ['A', 'C', 'D'], capacity: 20 })).created;
  const partners = await store.listHalls(ctx.db, { tier: 'partner' });
  for (const p of partners.filter(isBankPoint)) created += (await generateHallSlots(ctx, p.code, { from, to, categories: ['E'], capacity: 3 })).created;
  return { slots: created };
}

export { PRIORITY_ZH };
