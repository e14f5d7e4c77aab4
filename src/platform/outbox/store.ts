import { PostgresAdapter, sql, type ExpressionBuilder } from 'kysely';
import { appendAudit } from '../audit.js';
import { tables, type AnyDb, type Executor } from '../db/database.js';
import { insertRows } from '../db/insert.js';
import { uuidv7 } from '../ids.js';
import { conflict, notFound } from '../problem.js';
import { afterFailure, errorText, validateNotice, type Notice, type OutboxMessage, type OutboxStatus, type RetryPolicy } from './model.js';

/** The outbox table, as this module sees it. */
export interface OutboxTables {
  outbox: OutboxRow;
}

export interface OutboxRow {
  id: string;
  created_at: string;
  channel: string;
  recipient: string;
  kind: string;
  body: string;
  payload: string;
  dedupe_key: string | null;
  status: string;
  attempts: number;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
  last_error: string | null;
  sent_at: string | null;
}

const db$ = (db: AnyDb | Executor<unknown>) => tables<OutboxTables>(db);

export function toMessage(r: OutboxRow): OutboxMessage {
  let payload: Record<string, unknown> = {};
  try {
    payload = JSON.parse(r.payload) as Record<string, unknown>;
  } catch {
    payload = {};
  }
  return {
    id: r.id,
    createdAt: r.created_at,
    channel: r.channel,
    recipient: r.recipient,
    kind: r.kind,
    body: r.body,
    payload,
    dedupeKey: r.dedupe_key,
    status: r.status as OutboxStatus,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    claimedBy: r.claimed_by,
    claimedAt: r.claimed_at,
    lastError: r.last_error,
    sentAt: r.sent_at,
  };
}

/**
 * Writes notices into the outbox inside the caller's transaction (`at`: the change's instant).
 * A notice whose `dedupeKey` is already there is skipped. Returns the ids of the new rows, in
 * order, with null for the skipped ones.
 */
export async function enqueue(tx: Executor<unknown>, notices: readonly Notice[], at: string): Promise<(string | null)[]> {
  if (notices.length === 0) return [];
  notices.forEach(validateNotice);
  const rows: OutboxRow[] = notices.map((n) => ({
    id: uuidv7(),
    created_at: at,
    channel: n.channel,
    recipient: n.recipient,
    kind: n.kind,
    body: n.body,
    payload: JSON.stringify(n.payload ?? {}),
    dedupe_key: n.dedupeKey ?? null,
    status: 'pending',
    attempts: 0,
    next_attempt_at: n.notBefore ? new Date(n.notBefore).toISOString() : at,
    claimed_by: null,
    claimed_at: null,
    last_error: null,
    sent_at: null,
  }));
  const inserted = await insertRows(db$(tx), 'outbox', rows, { skipConflictsOn: 'dedupe_key', returning: 'id' });
  const ids = new Set(inserted.map((r) => r.id));
  return rows.map((r) => (ids.has(r.id) ? r.id : null));
}

/**
 * Claimable rows, in two kinds that each have their own index, so each is read in index order and
 * only up to the batch size (one OR over both would collect and sort every pending row — 5 ms a
 * claim with a backlog of 10,000): claims so old that the claimer is presumed dead, then pending
 * rows that are due.
 */
const staleClaims = (staleBefore: string) => (eb: ExpressionBuilder<OutboxTables, 'outbox'>) =>
  eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', staleBefore)]);
const duePending = (now: string) => (eb: ExpressionBuilder<OutboxTables, 'outbox'>) =>
  eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]);

export interface ClaimOptions {
  workerId: string;
  /** ISO-8601 */
  now: string;
  limit: number;
  /** claims older than this many ms are taken over */
  claimTimeoutMs: number;
}

/**
 * Claims up to `limit` due rows for one worker. Each kind is claimed atomically in ONE statement
 * that is safe with any number of workers in any number of processes, on both databases:
 *
 *   with due as materialized (select id from outbox where <kind>
 *                             order by <its index order> limit :n [for update skip locked])
 *   update outbox set status = 'sending', claimed_by = :me, claimed_at = :now, attempts = attempts + 1
 *   where id in (select id from due) and <kind>
 *   returning *
 *
 * SQLite runs a statement under the database write lock, so two claims never interleave.
 * PostgreSQL (read committed) locks each row it updates; a second claimer blocked on that lock
 * re-checks `<kind>` against the committed row, finds it claimed, and leaves it; the
 * PostgreSQL-only `for update skip locked` lets claimers pass each other's rows instead of
 * queueing. The selection is a materialized CTE, evaluated once: written as
 * `where id in (select … limit n for update skip locked)` PostgreSQL may re-run the subquery per
 * row, each run skipping the rows the statement already updated, and claim far more than `n`.
 */
export async function claimBatch(db: AnyDb, opts: ClaimOptions): Promise<OutboxMessage[]> {
  const staleBefore = new Date(Date.parse(opts.now) - opts.claimTimeoutMs).toISOString();
  const stale = await claimKind(db, opts, staleClaims(staleBefore), 'claimed_at', opts.limit);
  const due = stale.length < opts.limit ? await claimKind(db, opts, duePending(opts.now), 'next_attempt_at', opts.limit - stale.length) : [];
  return [...stale, ...due].map(toMessage).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.id.localeCompare(b.id));
}

async function claimKind(
  db: AnyDb,
  opts: ClaimOptions,
  kind: (eb: ExpressionBuilder<OutboxTables, 'outbox'>) => ReturnType<ExpressionBuilder<OutboxTables, 'outbox'>['and']>,
  order: 'claimed_at' | 'next_attempt_at',
  limit: number,
) {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return db$(db)
    .with(
      (cte) => cte('due').materialized(),
      (qb) => {
        const due = qb.selectFrom('outbox').select('id').where(kind).orderBy(order).orderBy('id').limit(limit);
        return isPostgres ? due.forUpdate().skipLocked() : due;
      },
    )
    .updateTable('outbox')
    .set({ status: 'sending', claimed_by: opts.workerId, claimed_at: opts.now, attempts: sql`attempts + 1` })
    .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
    .where(kind)
    .returningAll()
    .execute();
}

/**
 * Marks claimed rows sent (those this worker still holds the claim of), in one statement: one
 * commit for a whole batch instead of one per message. Returns how many it marked.
 */
export async function markSent(db: AnyDb, ids: string[], workerId: string, now: string): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db$(db)
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: now, last_error: null, claimed_by: null, claimed_at: null })
    .where('id', 'in', ids)
    .where('claimed_by', '=', workerId)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Records a failed send: back to pending with a later try, or parked after the last attempt. */
export async function markFailed(
  db: AnyDb,
  msg: Pick<OutboxMessage, 'id' | 'attempts'>,
  workerId: string,
  now: string,
  err: unknown,
  policy: RetryPolicy,
): Promise<'pending' | 'parked' | 'lost_claim'> {
  const next = afterFailure(msg.attempts, now, policy);
  const r = await db$(db)
    .updateTable('outbox')
    .set({
      status: next.status,
      ...(next.status === 'pending' ? { next_attempt_at: next.nextAttemptAt } : {}),
      last_error: errorText(err),
      claimed_by: null,
      claimed_at: null,
    })
    .where('id', '=', msg.id)
    .where('claimed_by', '=', workerId)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? next.status : 'lost_claim';
}

export interface ListOptions {
  status?: OutboxStatus;
  kind?: string;
  limit?: number;
  /** keyset paging: ids before this one (newest first) */
  before?: string;
  /** only messages whose dedupe key starts with `<subject>:` (e.g. `case:<caseNo>`) */
  subject?: string;
}

/** Newest first. */
export async function listOutbox(db: AnyDb | Executor<unknown>, opts: ListOptions = {}): Promise<OutboxMessage[]> {
  let q = db$(db).selectFrom('outbox').selectAll();
  if (opts.status) q = q.where('status', '=', opts.status);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  if (opts.before) q = q.where('id', '<', opts.before);
  if (opts.subject) q = q.where('dedupe_key', 'like', `${opts.subject.replace(/[%_\\]/g, '')}:%`);
  const rows = await q.orderBy('id', 'desc').limit(Math.min(Math.max(opts.limit ?? 50, 1), 500)).execute();
  return rows.map(toMessage);
}

export async function countByStatus(db: AnyDb | Executor<unknown>): Promise<Record<OutboxStatus, number>> {
  const rows = await db$(db).selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const out: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, parked: 0 };
  for (const r of rows) out[r.status as OutboxStatus] = Number(r.n);
  return out;
}

export async function getMessage(db: AnyDb | Executor<unknown>, id: string): Promise<OutboxMessage | null> {
  const r = await db$(db).selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toMessage(r) : null;
}

export interface Who {
  actor: { id: string; name: string } | null;
  ip?: string | null;
  /** ISO-8601 */
  at: string;
}

/**
 * Sends a parked message again: back to pending, due now, attempts from zero. Audited. 404 when
 * there is no such message, 409 when it is not parked.
 */
export async function replayMessage(db: AnyDb, id: string, who: Who): Promise<OutboxMessage> {
  return db.transaction().execute(async (tx) => {
    const t = db$(tx);
    const before = await getMessage(tx, id);
    if (!before) throw notFound({ zh: '消息', en: 'outbox message' });
    if (before.status !== 'parked') {
      throw conflict('outbox_not_parked', {
        zh: `只有已搁置的消息可以重发（当前状态：${before.status}）`,
        en: `Only parked messages can be replayed (this one is ${before.status})`,
      });
    }
    const r = await t
      .updateTable('outbox')
      .set({ status: 'pending', attempts: 0, next_attempt_at: who.at, claimed_by: null, claimed_at: null })
      .where('id', '=', id)
      .where('status', '=', 'parked')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw conflict('outbox_not_parked', { zh: '消息状态已变化', en: 'The message changed meanwhile' });
    await appendAudit(
      tx,
      {
        actor: who.actor,
        action: 'outbox.replay',
        target: { type: 'outbox', id },
        ip: who.ip ?? null,
        before: { status: before.status, attempts: before.attempts },
        after: { status: 'pending', attempts: 0 },
        detail: `${before.kind} via ${before.channel} after ${before.attempts} attempts`,
      },
      who.at,
    );
    return (await getMessage(tx, id)) as OutboxMessage;
  });
}
