/**
 * The hall's periodic sweeps (any process; idempotent): no-shows of bookings whose slot is over,
 * tickets of earlier days left open, reminders for tomorrow's bookings.
 */
import { shanghaiDate } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import type { Notice } from '../platform/outbox/model.js';
import { enqueue } from '../platform/outbox/store.js';
import { appointmentNotice } from './appointments.js';
import { addDaysIso, audit, hallLookup } from './context.js';
import * as store from './store.js';

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
    if (n) await audit(ctx, tx, { action: 'appointment.no_show_sweep', detail: `${n} no-shows` }, now);
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
    if (n || pruned) await audit(ctx, tx, { action: 'ticket.close_stale', detail: `${n} tickets closed, ${pruned} events pruned` }, now);
  });
  return { closed: n };
}

/** Reminder notices (outbox shape) for the bookings of `date` still active. */
export async function appointmentReminders(ctx: Ctx, date: string): Promise<Notice[]> {
  const rows = await store.bookedOn(ctx.db, date);
  const hallOf = hallLookup(ctx.db);
  const at = ctx.clock.now();
  const out: Notice[] = [];
  for (const a of rows) out.push(appointmentNotice(a, (await hallOf(a.hall_id))!, 'reminder', at));
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
