/**
 * At the window: calling the next ticket (race-free across windows and processes), recalling,
 * serving, finishing, no-shows and transfers.
 */
import type { Ctx } from '../platform/context.js';
import { uuidv7 } from '../platform/ids.js';
import { conflict, forbidden, invalidField, notFound, Problem, unauthenticated } from '../platform/problem.js';
import { servedCategories, TICKET, ticketEvent, today, visibleWindow, work, type Pending } from './context.js';
import { announcement, nextStatus, recallOutcome, type Category, type PriorityReason, type TicketAction, type TicketStatus } from './model.js';
import * as policy from './policy.js';
import * as store from './store.js';
import { WAITING } from './tickets.js';
import { publicTicket, ticketView, waitingIn, windowCategories } from './views.js';

/** The window the actor works at, checked for calling: signed in there and open. */
async function workingWindow(ctx: Ctx, windowId: string) {
  const w = await visibleWindow(ctx, windowId);
  if (!policy.isSignedInAt(ctx.actor, w)) {
    throw new Problem(409, 'not_signed_in', { zh: `请先签到${w.number}号窗口`, en: `Sign in at window ${w.number} first` });
  }
  if (w.open !== 1) throw new Problem(409, 'window_closed', { zh: `${w.number}号窗口已暂停服务`, en: `Window ${w.number} is closed` });
  return w;
}

/** A `call` event: the displays show and announce the ticket at the window. */
const callEvent = (w: store.WindowRow, t: store.TicketRow, recall: number, waiting: Record<string, number>): Pending => ({
  hallId: w.hall_id,
  type: 'call',
  data: {
    ticket: publicTicket(t, w.number),
    windowId: w.id,
    windowNumber: w.number,
    windowName: w.name,
    recall,
    announcement: announcement(t.number, w.number),
    waiting,
  },
});

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
    for (const c of closed) events.push(ticketEvent(w.hall_id, c.status, publicTicket(c, w.number), { waiting: counts }));
    if (claimed) events.push(callEvent(w, claimed, 0, counts));
    await audit({
      action: 'ticket.call',
      target: claimed ? { type: 'ticket', id: claimed.id } : { type: 'window', id: w.id },
      detail: `window ${w.number}: ${claimed ? claimed.number : 'queue empty'}${closed.length ? `; closed ${closed.map((c) => `${c.number} ${c.status}`).join(', ')}` : ''}`,
    });
    return {
      ticket: claimed ? ticketView(claimed, { full: true, windowNumber: w.number }) : null,
      announcement: claimed ? announcement(claimed.number, w.number) : null,
      closed: closed.map((c) => ticketView(c, { windowNumber: w.number })),
      waiting: waitingIn(cats, counts),
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

/** A handled ticket the state machine lets `action` move on (its answer `to`). */
async function ticketFor(ctx: Ctx, ticketId: string, action: TicketAction) {
  const { t, w } = await handledTicket(ctx, ticketId);
  const check = nextStatus(t.status as TicketStatus, action);
  if (!check.ok) throw check.problem;
  return { t, w, to: check.to };
}

const stale = () => conflict('ticket_changed', { zh: '排队号状态已变化，请刷新', en: 'The ticket changed meanwhile; reload' });

/** 重呼: the count goes up; past MAX_RECALLS the ticket is a no-show (过号). */
export async function recallTicket(ctx: Ctx, ticketId: string) {
  const { t, w } = await ticketFor(ctx, ticketId, 'recall');
  return work(ctx, async ({ tx, events, audit }) => {
    const at = ctx.clock.now();
    const out = recallOutcome(t.recalls);
    const patch: Partial<store.TicketRow> = out.status === 'no_show' ? { status: 'no_show', finished_at: at } : { recalls: out.recalls, last_called_at: at };
    if (!(await store.updateTicket(tx, t.id, ['called'], patch))) throw stale();
    const after = { ...t, ...patch };
    const counts = await store.waitingCounts(tx, t.hall_id, t.date, ctx.dialect);
    events.push(out.status === 'no_show' ? ticketEvent(t.hall_id, 'no_show', publicTicket(after, w.number), { waiting: counts }) : callEvent(w, after, out.recalls, counts));
    await audit({ action: out.status === 'no_show' ? 'ticket.no_show' : 'ticket.recall', target: { type: 'ticket', id: t.id }, detail: `${t.number} recall ${out.recalls}` });
    return { ticket: ticketView(after, { full: true, windowNumber: w.number }), announcement: out.status === 'called' ? announcement(t.number, w.number) : null };
  });
}

async function simpleTransition(ctx: Ctx, ticketId: string, action: 'start' | 'finish' | 'no_show') {
  const { t, w, to } = await ticketFor(ctx, ticketId, action);
  return work(ctx, async ({ tx, events, audit }) => {
    const at = ctx.clock.now();
    const patch: Partial<store.TicketRow> = action === 'start' ? { status: 'serving', serving_at: at } : { status: to, finished_at: at };
    if (!(await store.updateTicket(tx, t.id, [t.status], patch))) throw stale();
    const after = { ...t, ...patch };
    events.push(ticketEvent(t.hall_id, to, publicTicket(after, w.number)));
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
  const { t, w } = await ticketFor(ctx, ticketId, 'transfer');
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
      ...WAITING,
      id: uuidv7(),
      category,
      priority: 1,
      priority_reasons: JSON.stringify(reasons),
      target_window_id: target?.id ?? null,
      issued_at: at,
      transferred_from: t.id,
      issued_by: ctx.actor!.accountId,
    };
    if (!(await store.updateTicket(tx, t.id, [t.status], { status: 'transferred', finished_at: at, transferred_to: follow.id }))) throw stale();
    await store.insertTicket(tx, follow);
    await store.bumpWaiting(tx, follow.hall_id, follow.date, follow.category, 1, ctx.dialect);
    const counts = await store.waitingCounts(tx, t.hall_id, t.date, ctx.dialect);
    events.push(ticketEvent(t.hall_id, 'transferred', publicTicket({ ...t, status: 'transferred' }, w.number), { waiting: counts }));
    events.push(ticketEvent(t.hall_id, 'issued', publicTicket(follow), { waiting: counts, transferredFrom: t.id }));
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
