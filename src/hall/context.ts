/**
 * What the hall use cases share: one transaction per use case with its audit records and the
 * hall events the displays follow (published after commit, see hub.ts), and the look-ups that
 * answer 404/403 the same way everywhere.
 */
import type { Actor } from '../platform/actor.js';
import { appendAudit, type AuditEntry } from '../platform/audit.js';
import { shanghaiDate } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import type { Executor } from '../platform/db/database.js';
import { forbidden, notFound, unauthenticated } from '../platform/problem.js';
import { CHANNEL, hubFor, notifyPayload } from './hub.js';
import type { Category } from './model.js';
import * as policy from './policy.js';
import * as store from './store.js';
import { servedBy } from './views.js';

export type Tx = Executor<unknown>;
export const actorRef = (a: Actor | null) => (a ? { id: a.accountId, name: a.username } : null);
export const today = (ctx: Pick<Ctx, 'clock'>) => shanghaiDate(ctx.clock.now());
export const addDaysIso = (d: string, n: number) => new Date(new Date(`${d}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

export const HALL = { zh: '大厅', en: 'hall' };
export const WINDOW = { zh: '窗口', en: 'window' };
export const TICKET = { zh: '排队号', en: 'ticket' };
export const APPOINTMENT = { zh: '预约', en: 'appointment' };
export const SLOT = { zh: '预约时段', en: 'appointment slot' };

export type AuditInput = Omit<AuditEntry, 'actor' | 'ip'>;

/** Appends the audit record of the actor (and the request's IP) inside the caller's transaction. */
export async function audit(ctx: Pick<Ctx, 'actor' | 'ip'>, tx: Tx, entry: AuditInput, at: string) {
  await appendAudit(tx, { ...entry, actor: actorRef(ctx.actor), ip: ctx.ip }, at);
}

// ---------------------------------------------------------------------------------------------
// Transactions with hall events
// ---------------------------------------------------------------------------------------------

export interface Pending {
  hallId: string;
  type: 'call' | 'ticket' | 'window';
  data: Record<string, unknown>;
}

export interface Work {
  tx: Tx;
  dialect: Ctx['dialect'];
  events: Pending[];
  audit(entry: AuditInput): Promise<void>;
}

/**
 * One use case: one transaction; its hall events are appended (and NOTIFYed on PostgreSQL)
 * before commit, and handed to this process's hub right after.
 */
export async function work<T>(ctx: Ctx, fn: (w: Work) => Promise<T>): Promise<T> {
  const at = ctx.clock.now();
  let rows: store.HallEventRow[] = [];
  const result = await ctx.db.transaction().execute(async (tx) => {
    const w: Work = { tx, dialect: ctx.dialect, events: [], audit: (entry) => audit(ctx, tx, entry, at) };
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

/** A `ticket` event: what happened to a ticket (shown as `publicTicket`), with more to tell. */
export const ticketEvent = (hallId: string, action: string, ticket: unknown, more: Record<string, unknown> = {}): Pending => ({
  hallId,
  type: 'ticket',
  data: { action, ticket, ...more },
});

// ---------------------------------------------------------------------------------------------
// Look-ups
// ---------------------------------------------------------------------------------------------

export async function loadHall(ctx: { db: Tx }, code: string) {
  const hall = await store.findHall(ctx.db, code);
  if (!hall) throw notFound(HALL);
  return hall;
}

/** A hall the actor may administer (`can`: manage, or view statistics); 404 or 403 otherwise. */
export async function managedHall(ctx: Ctx, code: string, can: (a: Actor | null, hallId: string) => boolean) {
  if (!ctx.actor) throw unauthenticated();
  const hall = await loadHall(ctx, code);
  if (!can(ctx.actor, hall.id)) throw forbidden({ zh: '仅本大厅管理员可查看', en: 'Only this hall’s manager may see this' });
  return hall;
}

/** Halls by id, each read once (for lists that name the hall of every row). */
export function hallLookup(db: Tx) {
  const halls = new Map<string, store.HallRow | undefined>();
  return async (id: string) => {
    if (!halls.has(id)) halls.set(id, await store.findHallById(db, id));
    return halls.get(id);
  };
}

/** A window the actor may see (staff of its hall, the admin); 404 otherwise. */
export async function visibleWindow(ctx: Ctx, id: string) {
  if (!ctx.actor) throw unauthenticated();
  const w = await store.findWindow(ctx.db, id, ctx.dialect);
  if (!w || !policy.seesHall(ctx.actor, w.hall_id)) throw notFound(WINDOW);
  return w;
}

/** The categories some window of the hall serves. */
export async function servedCategories(db: Tx, hallId: string): Promise<Set<Category>> {
  return new Set(servedBy(await store.hallWindows(db, hallId)));
}
