/**
 * Tickets: taking one (kiosk, clerk, portal; appointments check in through `createTicket`),
 * reading one, and linking tickets to the cases they produced.
 */
import { getApplicant } from '../accounts/service.js';
import type { Ctx } from '../platform/context.js';
import { uuidv7 } from '../platform/ids.js';
import { validateResidentId } from '../platform/identifiers.js';
import { forbidden, invalidField, notFound } from '../platform/problem.js';
import { audit, loadHall, servedCategories, TICKET, ticketEvent, today, work, type Tx, type Work } from './context.js';
import { CATEGORIES, formatTicketNumber, receiptText, ticketPriority, type Category, type PriorityReason, type TicketSource } from './model.js';
import * as policy from './policy.js';
import * as store from './store.js';
import { hallRef, publicTicket, ticketView } from './views.js';

export interface IssueInput {
  category: Category;
  idNumber?: string;
  disabled?: boolean;
  pregnant?: boolean;
}

/** The state of a ticket that waits afresh: never called, not handled, not transferred on. */
export const WAITING = {
  status: 'waiting',
  window_id: null,
  clerk_id: null,
  clerk_name: null,
  called_at: null,
  last_called_at: null,
  serving_at: null,
  finished_at: null,
  recalls: 0,
  transferred_to: null,
} as const satisfies Partial<store.TicketRow>;

/** Inserts a new waiting ticket with the next number (inside the caller's transaction). */
export async function createTicket(
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
    ...WAITING,
    id: uuidv7(),
    hall_id: hall.id,
    date: t.date,
    category: t.category,
    seq,
    number: formatTicketNumber(t.category, seq),
    source: t.source,
    priority: t.priority,
    priority_reasons: JSON.stringify(t.reasons),
    applicant_id: t.applicantId ?? null,
    id_number: t.idNumber ?? null,
    appointment_id: t.appointmentId ?? null,
    target_window_id: null,
    issued_at: t.at,
    transferred_from: null,
    issued_by: t.issuedBy ?? null,
  };
  await store.insertTicket(w.tx, row);
  await store.bumpWaiting(w.tx, hall.id, t.date, t.category, 1, w.dialect);
  const waiting = await store.waitingCounts(w.tx, hall.id, t.date, w.dialect);
  // the newest ticket: with no priority, everyone waiting in its category is ahead of it
  const ahead = row.priority === 0 ? (waiting[t.category] ?? 1) - 1 : await store.aheadOf(w.tx, row);
  w.events.push(ticketEvent(hall.id, 'issued', publicTicket(row), { waiting }));
  await w.audit({ action: 'ticket.issue', target: { type: 'ticket', id: row.id }, detail: `${hall.code} ${row.number} ${t.source}` });
  return { row, ahead };
}

/** What the one who took a ticket gets: the ticket, how many are ahead, the receipt's text. */
export function issued(hall: store.HallRow, row: store.TicketRow, ahead: number, full: boolean) {
  return {
    ticket: ticketView(row, { full }),
    hall: hallRef(hall),
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
  return { ticket: ticketView(t, { full, windowNumber: w?.number ?? null }), hall: hallRef(hall), ahead, ...(cases ? { cases } : {}) };
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
    await audit(ctx, x, { action: 'ticket.link_case', target: { type: 'ticket', id: ticketId }, detail: `${t.number} → ${caseNo}` }, at);
  };
  if (tx) await run(tx);
  else await ctx.db.transaction().execute(run);
  return { ticketId, caseNo, cases: (await store.ticketCases(db, ticketId)).map((c) => c.case_no) };
}

/** The tickets a case came from (for the case screen). */
export async function ticketsOfCase(ctx: Ctx, caseNo: string) {
  return (await store.ticketsOfCase(ctx.db, caseNo)).map((r) => r.ticket_id);
}
