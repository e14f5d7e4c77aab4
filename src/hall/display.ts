/** The hall display (大屏): a public snapshot; live changes follow as hall events (hub.ts). */
import { shanghaiDate } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import { loadHall } from './context.js';
import { announcement, type Category } from './model.js';
import * as store from './store.js';
import { hallRef, servedBy, waitingIn, windowNumbers, windowView } from './views.js';

export const RECENT_CALLS = 10;

/**
 * The hall display's snapshot (public, no personal data): each window's current call, the last
 * calls, waiting counts per category, the latest announcement. `lastEventId` is read first, so
 * every event after it reaches a client that subscribed before loading the snapshot.
 */
export async function displaySnapshot(ctx: Pick<Ctx, 'db' | 'clock' | 'dialect'>, hallCode: string) {
  const lastEventId = await store.lastEventSeq(ctx.db);
  const hall = await loadHall(ctx, hallCode);
  const date = shanghaiDate(ctx.clock.now());
  const [windows, active, recent, counts] = await Promise.all([
    store.hallWindows(ctx.db, hall.id),
    store.activeTickets(ctx.db, hall.id, date),
    store.recentCalls(ctx.db, hall.id, date, RECENT_CALLS),
    store.waitingCounts(ctx.db, hall.id, date, ctx.dialect),
  ]);
  const numberOf = windowNumbers(windows);
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
    hall: hallRef(hall),
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
    waiting: waitingIn(servedBy(windows), counts),
    announcement: recentCalls[0]?.announcement ?? null,
  };
}
