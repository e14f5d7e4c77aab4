/** The hall manager's live board and the daily statistics. */
import type { Ctx } from '../platform/context.js';
import { managedHall, today } from './context.js';
import { dailyStats, figures, type AppointmentStatus, type Category, type StatTicket, type TicketStatus } from './model.js';
import * as policy from './policy.js';
import * as store from './store.js';
import { hallRef, servedBy, ticketView, windowNumbers, windowView } from './views.js';

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
  const numberOf = windowNumbers(windows);
  const counts: Record<string, number> = Object.fromEntries(servedBy(windows).map((c) => [c, 0]));
  for (const t of day) if (t.status === 'waiting') counts[t.category] = (counts[t.category] ?? 0) + 1;
  return {
    hall: hallRef(hall),
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
  const numberOf = windowNumbers(windows);
  return {
    hall: hallRef(hall),
    ...dailyStats(
      day,
      tickets.map((t) => statTicket(t, numberOf)),
      appts.map((a) => ({ status: a.status as AppointmentStatus })),
    ),
  };
}
