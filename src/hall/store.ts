import { sql, type Compilable, type CompiledQuery } from 'kysely';
import { tables, type DialectName, type Executor } from '../platform/db/database.js';

export interface HallRow {
  id: string;
  code: string;
  name: string;
  tier: string;
  parent_id: string | null;
  division_code: string;
  address: string;
  phone: string | null;
  hours: string;
  areas: string;
  departments: string;
  sort: number;
}

export interface WindowRow {
  id: string;
  hall_id: string;
  number: number;
  name: string;
  kind: string;
  open: number;
  /** JSON array of category codes */
  categories: string;
  staff_id: string | null;
  staff_name: string | null;
  signed_in_at: string | null;
}

export interface TicketRow {
  id: string;
  hall_id: string;
  date: string;
  category: string;
  seq: number;
  number: string;
  source: string;
  priority: number;
  /** JSON array */
  priority_reasons: string;
  status: string;
  applicant_id: string | null;
  id_number: string | null;
  appointment_id: string | null;
  window_id: string | null;
  target_window_id: string | null;
  clerk_id: string | null;
  clerk_name: string | null;
  issued_at: string;
  called_at: string | null;
  last_called_at: string | null;
  serving_at: string | null;
  finished_at: string | null;
  recalls: number;
  transferred_from: string | null;
  transferred_to: string | null;
  issued_by: string | null;
}

export interface HallEventRow {
  seq: number;
  hall_id: string;
  type: string;
  payload: string;
  at: string;
}

export interface SlotRow {
  id: string;
  hall_id: string;
  category: string;
  date: string;
  start_time: string;
  end_time: string;
  capacity: number;
  booked: number;
  created_at: string;
}

export interface AppointmentRow {
  id: string;
  slot_id: string;
  hall_id: string;
  category: string;
  date: string;
  start_time: string;
  end_time: string;
  /** the person's resident ID number or the enterprise's USCC: one active booking per key, category and day */
  holder_key: string;
  holder_kind: string;
  applicant_id: string | null;
  name: string;
  phone: string;
  purpose: string | null;
  status: string;
  booked_by: string | null;
  booked_at: string;
  cancelled_at: string | null;
  checked_in_at: string | null;
  no_show_at: string | null;
  ticket_id: string | null;
  rescheduled_from: string | null;
}

export interface HallTables {
  halls: HallRow;
  windows: WindowRow;
  tickets: TicketRow;
  ticket_counters: { hall_id: string; date: string; category: string; last: number };
  queue_counts: { hall_id: string; date: string; category: string; waiting: number };
  ticket_cases: { ticket_id: string; case_no: string; linked_at: string; linked_by: string | null };
  hall_events: HallEventRow;
  hall_event_head: { id: number; seq: number };
  appointment_slots: SlotRow;
  appointments: AppointmentRow;
}

type Db = Executor<unknown>;
const t = (db: Db) => tables<HallTables>(db);

// ---------------------------------------------------------------------------------------------
// Hot statements (calling): Kysely builds and compiles each shape once per dialect; later runs
// only swap the parameters (building the claim query costs more than running it on SQLite).
// ---------------------------------------------------------------------------------------------

const compiledCache = new Map<string, CompiledQuery>();
const SENTINEL = '\u0000hot:';

async function hot<R>(
  db: Db,
  dialect: DialectName,
  key: string,
  build: (v: (name: string) => string) => Compilable<R>,
  values: Record<string, unknown>,
) {
  const cacheKey = `${dialect}:${key}`;
  let c = compiledCache.get(cacheKey);
  if (!c) {
    c = build((name) => `${SENTINEL}${name}`).compile();
    compiledCache.set(cacheKey, c);
  }
  const parameters = c.parameters.map((p) => {
    if (typeof p !== 'string' || !p.startsWith(SENTINEL)) return p;
    const name = p.slice(SENTINEL.length);
    if (!(name in values)) throw new Error(`hot query ${key}: no value for ${name}`);
    return values[name];
  });
  return tables<HallTables>(db).executeQuery<R>({ ...c, parameters } as CompiledQuery<R>);
}

// ---------------------------------------------------------------------------------------------
// Halls and windows
// ---------------------------------------------------------------------------------------------

export async function insertHalls(db: Db, halls: HallRow[], windows: WindowRow[]) {
  for (let i = 0; i < halls.length; i += 100) await t(db).insertInto('halls').values(halls.slice(i, i + 100)).execute();
  for (let i = 0; i < windows.length; i += 100) await t(db).insertInto('windows').values(windows.slice(i, i + 100)).execute();
}

export function listHalls(db: Db, q: { tier?: string; parentId?: string }) {
  let query = t(db).selectFrom('halls').selectAll();
  if (q.tier) query = query.where('tier', '=', q.tier);
  if (q.parentId) query = query.where('parent_id', '=', q.parentId);
  return query.orderBy('sort').execute();
}

export const findHall = (db: Db, code: string) => t(db).selectFrom('halls').selectAll().where('code', '=', code).executeTakeFirst();

export const findHallById = (db: Db, id: string) => t(db).selectFrom('halls').selectAll().where('id', '=', id).executeTakeFirst();

export const hallWindows = (db: Db, hallId: string) =>
  t(db).selectFrom('windows').selectAll().where('hall_id', '=', hallId).orderBy('number').execute();

export const findWindow = async (db: Db, id: string, dialect?: DialectName): Promise<WindowRow | undefined> =>
  dialect
    ? (await hot<WindowRow>(db, dialect, 'findWindow', (v) => t(db).selectFrom('windows').selectAll().where('id', '=', v('id')), { id })).rows[0]
    : t(db).selectFrom('windows').selectAll().where('id', '=', id).executeTakeFirst();

export const windowOfStaff = (db: Db, staffId: string) =>
  t(db).selectFrom('windows').selectAll().where('staff_id', '=', staffId).executeTakeFirst();

export async function updateWindow(db: Db, id: string, patch: Partial<Omit<WindowRow, 'id' | 'hall_id'>>) {
  await t(db).updateTable('windows').set(patch).where('id', '=', id).execute();
}

export async function releaseStaff(db: Db, staffId: string) {
  await t(db).updateTable('windows').set({ staff_id: null, staff_name: null, signed_in_at: null }).where('staff_id', '=', staffId).execute();
}

// ---------------------------------------------------------------------------------------------
// Tickets
// ---------------------------------------------------------------------------------------------

/** The next number of a category in a hall on a day: one atomic upsert, safe under concurrency. */
export async function nextTicketSeq(db: Db, hallId: string, date: string, category: string): Promise<number> {
  const row = await t(db)
    .insertInto('ticket_counters')
    .values({ hall_id: hallId, date, category, last: 1 })
    .onConflict((oc) => oc.columns(['hall_id', 'date', 'category']).doUpdateSet({ last: sql`ticket_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

export const insertTicket = (db: Db, row: TicketRow) => t(db).insertInto('tickets').values(row).execute();

export const findTicket = (db: Db, id: string) => t(db).selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Claims the next waiting ticket for a window in ONE statement:
 * `UPDATE tickets SET … WHERE id = (SELECT id … ORDER BY priority DESC, issued_at, id LIMIT 1
 * [FOR UPDATE SKIP LOCKED]) AND status = 'waiting' RETURNING *`.
 * PostgreSQL (`skip`): the subquery passes over rows other windows are claiming right now, never
 * blocking on them (a blocking FOR UPDATE would deadlock: it keeps locks on the rows it rechecked
 * and passed over); the outer `status = 'waiting'` guard refuses a row that changed meanwhile.
 * When nothing was free but `hasWaiting` still sees waiting rows (locked by in-flight claims),
 * the caller retries shortly: those commit and leave the queue, or roll back and are free again.
 * SQLite (`none`): the
 * transaction holds the database write lock (BEGIN IMMEDIATE). Either way a ticket is claimed by
 * exactly one window. `undefined` = nothing claimable.
 */
export async function claimNext(
  db: Db,
  lock: 'skip' | 'none',
  dialect: DialectName,
  q: { hallId: string; date: string; windowId: string; categories: string[]; clerkId: string; clerkName: string; at: string },
): Promise<TicketRow | undefined> {
  if (q.categories.length === 0) return undefined;
  const values: Record<string, unknown> = { ...q };
  q.categories.forEach((c, i) => (values[`c${i}`] = c));
  const r = await hot<TicketRow>(
    db,
    dialect,
    `claim:${lock}:${q.categories.length}`,
    (v) =>
      t(db)
        .updateTable('tickets')
        .set({
          status: 'called',
          window_id: v('windowId'),
          clerk_id: v('clerkId'),
          clerk_name: v('clerkName'),
          called_at: v('at'),
          last_called_at: v('at'),
          recalls: 0,
        })
        .where('id', '=', (eb) =>
          eb
            .selectFrom('tickets')
            .select('id')
            .where('hall_id', '=', v('hallId'))
            .where('status', '=', 'waiting')
            .where('date', '=', v('date'))
            .where('category', 'in', q.categories.map((_, i) => v(`c${i}`)))
            .where((w) => w.or([w('target_window_id', 'is', null), w('target_window_id', '=', v('windowId'))]))
            .orderBy('priority', 'desc')
            .orderBy('issued_at')
            .orderBy('id')
            .limit(1)
            .$if(lock === 'skip', (s) => s.forUpdate().skipLocked()),
        )
        .where('status', '=', 'waiting')
        .returningAll(),
    values,
  );
  return r.rows[0];
}

/**
 * 叫下一位 closes what the window is on, in one statement: serving → done, called → no_show.
 * Returns the closed rows (with their previous status in `status`: the caller knows the mapping).
 */
export async function closeWindowTickets(db: Db, dialect: DialectName, windowId: string, at: string): Promise<TicketRow[]> {
  const r = await hot<TicketRow>(
    db,
    dialect,
    'closeWindow',
    (v) =>
      t(db)
        .updateTable('tickets')
        .set({ status: sql<string>`case when status = 'serving' then 'done' else 'no_show' end`, finished_at: v('at') })
        .where('window_id', '=', v('windowId'))
        .where('status', 'in', ['called', 'serving'])
        .returningAll(),
    { windowId, at },
  );
  return r.rows;
}

/** Does any ticket still wait for the window (a plain read: rows locked by claims in flight count)? */
export async function hasWaiting(db: Db, q: { hallId: string; date: string; windowId: string; categories: string[] }) {
  if (q.categories.length === 0) return false;
  const row = await t(db)
    .selectFrom('tickets')
    .select('id')
    .where('hall_id', '=', q.hallId)
    .where('status', '=', 'waiting')
    .where('date', '=', q.date)
    .where('category', 'in', q.categories)
    .where((w) => w.or([w('target_window_id', 'is', null), w('target_window_id', '=', q.windowId)]))
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** The ticket a window is on (called or serving), if any. */
export const currentOfWindow = (db: Db, windowId: string) =>
  t(db)
    .selectFrom('tickets')
    .selectAll()
    .where('window_id', '=', windowId)
    .where('status', 'in', ['called', 'serving'])
    .orderBy('last_called_at', 'desc')
    .execute();

/** A guarded update: applied only if the ticket is still in `from`; false when it was not. */
export async function updateTicket(db: Db, id: string, from: string[], patch: Partial<TicketRow>): Promise<boolean> {
  const r = await t(db).updateTable('tickets').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Waiting tickets per category (from queue_counts, kept in step with every change of `waiting`). */
export async function waitingCounts(db: Db, hallId: string, date: string, dialect: DialectName): Promise<Record<string, number>> {
  const r = await hot<{ category: string; waiting: number }>(
    db,
    dialect,
    'waitingCounts',
    (v) => t(db).selectFrom('queue_counts').select(['category', 'waiting']).where('hall_id', '=', v('hallId')).where('date', '=', v('date')),
    { hallId, date },
  );
  return Object.fromEntries(r.rows.filter((x) => Number(x.waiting) > 0).map((x) => [x.category, Number(x.waiting)]));
}

/** +1 when a ticket starts waiting, −1 when it stops (same transaction as the change). */
export async function bumpWaiting(db: Db, hallId: string, date: string, category: string, delta: number, dialect: DialectName) {
  await hot(
    db,
    dialect,
    'bumpWaiting',
    (v) =>
      t(db)
        .insertInto('queue_counts')
        .values({ hall_id: v('hallId'), date: v('date'), category: v('category'), waiting: sql<number>`${v('delta')}` })
        .onConflict((oc) => oc.columns(['hall_id', 'date', 'category']).doUpdateSet({ waiting: sql`queue_counts.waiting + ${v('delta')}` })),
    { hallId, date, category, delta },
  );
}

/** Waiting tickets of the same category that will be called before this one. */
export async function aheadOf(db: Db, tk: Pick<TicketRow, 'hall_id' | 'date' | 'category' | 'priority' | 'issued_at' | 'id'>) {
  const row = await t(db)
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('hall_id', '=', tk.hall_id)
    .where('status', '=', 'waiting')
    .where('date', '=', tk.date)
    .where('category', '=', tk.category)
    .where('id', '!=', tk.id)
    .where((w) =>
      w.or([
        w('priority', '>', tk.priority),
        w.and([w('priority', '=', tk.priority), w('issued_at', '<', tk.issued_at)]),
        w.and([w('priority', '=', tk.priority), w('issued_at', '=', tk.issued_at), w('id', '<', tk.id)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Tickets a hall's windows are on right now. */
export const activeTickets = (db: Db, hallId: string, date: string) =>
  t(db).selectFrom('tickets').selectAll().where('hall_id', '=', hallId).where('date', '=', date).where('status', 'in', ['called', 'serving']).execute();

export const recentCalls = (db: Db, hallId: string, date: string, limit: number) =>
  t(db)
    .selectFrom('tickets')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('date', '=', date)
    .where('last_called_at', 'is not', null)
    .orderBy('last_called_at', 'desc')
    .limit(limit)
    .execute();

export const waitingTickets = (db: Db, hallId: string, date: string, limit: number) =>
  t(db)
    .selectFrom('tickets')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('status', '=', 'waiting')
    .where('date', '=', date)
    .orderBy('priority', 'desc')
    .orderBy('issued_at')
    .orderBy('id')
    .limit(limit)
    .execute();

export const dayTickets = (db: Db, hallId: string, date: string) =>
  t(db).selectFrom('tickets').selectAll().where('hall_id', '=', hallId).where('date', '=', date).execute();

/** Tickets left open from earlier days (the nightly sweep closes them). */
export const staleTickets = (db: Db, before: string) =>
  t(db).selectFrom('tickets').selectAll().where('date', '<', before).where('status', 'in', ['waiting', 'called', 'serving']).execute();

export async function linkCase(db: Db, row: { ticket_id: string; case_no: string; linked_at: string; linked_by: string | null }) {
  await t(db).insertInto('ticket_cases').values(row).onConflict((oc) => oc.columns(['ticket_id', 'case_no']).doNothing()).execute();
}

export const ticketCases = (db: Db, ticketId: string) =>
  t(db).selectFrom('ticket_cases').select(['case_no', 'linked_at']).where('ticket_id', '=', ticketId).orderBy('linked_at').execute();

export const ticketsOfCase = (db: Db, caseNo: string) =>
  t(db).selectFrom('ticket_cases').select(['ticket_id', 'linked_at']).where('case_no', '=', caseNo).execute();

// ---------------------------------------------------------------------------------------------
// Hall events (what the displays follow)
// ---------------------------------------------------------------------------------------------

/**
 * Appends events; their seq comes from the head row, which stays locked until commit, so seq
 * order is commit order (a reader polling `seq > last` never misses one committed later).
 */
export async function appendEvents(db: Db, dialect: DialectName, events: Omit<HallEventRow, 'seq'>[]): Promise<HallEventRow[]> {
  if (events.length === 0) return [];
  const head = await hot<{ seq: number }>(
    db,
    dialect,
    'eventHead',
    (v) => t(db).updateTable('hall_event_head').set({ seq: sql`seq + ${v('n')}` }).where('id', '=', 1).returning('seq'),
    { n: events.length },
  );
  const first = Number(head.rows[0].seq) - events.length + 1;
  const rows = events.map((e, i) => ({ ...e, seq: first + i }));
  for (const r of rows) {
    await hot(
      db,
      dialect,
      'eventInsert',
      (v) => t(db).insertInto('hall_events').values({ seq: sql<number>`${v('seq')}`, hall_id: v('hall_id'), type: v('type'), payload: v('payload'), at: v('at') }),
      { ...r },
    );
  }
  return rows;
}

/** PostgreSQL: wakes every process LISTENing (delivered at commit, in commit order). */
export async function notify(db: Db, channel: string, payload: string) {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}

export const eventsAfter = (db: Db, seq: number, limit: number) =>
  t(db).selectFrom('hall_events').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute();

export async function lastEventSeq(db: Db): Promise<number> {
  const row = await t(db).selectFrom('hall_event_head').select('seq').where('id', '=', 1).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export async function pruneEvents(db: Db, before: string) {
  const r = await t(db).deleteFrom('hall_events').where('at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---------------------------------------------------------------------------------------------
// Appointment slots and appointments
// ---------------------------------------------------------------------------------------------

/** Inserts slots that do not exist yet (hall, date, category, start); returns how many were new. */
export async function insertSlots(db: Db, rows: SlotRow[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const r = await t(db)
      .insertInto('appointment_slots')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['hall_id', 'date', 'category', 'start_time']).doNothing())
      .executeTakeFirst();
    created += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return created;
}

export function listSlots(db: Db, q: { hallId: string; date?: string; from?: string; to?: string; category?: string }) {
  let query = t(db).selectFrom('appointment_slots').selectAll().where('hall_id', '=', q.hallId);
  if (q.date) query = query.where('date', '=', q.date);
  if (q.from) query = query.where('date', '>=', q.from);
  if (q.to) query = query.where('date', '<=', q.to);
  if (q.category) query = query.where('category', '=', q.category);
  return query.orderBy('date').orderBy('start_time').orderBy('category').execute();
}

export const findSlot = (db: Db, id: string) => t(db).selectFrom('appointment_slots').selectAll().where('id', '=', id).executeTakeFirst();

/** Takes one seat if one is left: `booked = booked + 1 WHERE booked < capacity`; false when full. */
export async function takeSeat(db: Db, slotId: string): Promise<boolean> {
  const r = await t(db)
    .updateTable('appointment_slots')
    .set({ booked: sql`booked + 1` })
    .where('id', '=', slotId)
    .whereRef('booked', '<', 'capacity')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseSeat(db: Db, slotId: string) {
  await t(db).updateTable('appointment_slots').set({ booked: sql`booked - 1` }).where('id', '=', slotId).where('booked', '>', 0).execute();
}

export const insertAppointment = (db: Db, row: AppointmentRow) => t(db).insertInto('appointments').values(row).execute();

export const findAppointment = (db: Db, id: string) => t(db).selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();

export const activeAppointment = (db: Db, holderKey: string, category: string, date: string) =>
  t(db)
    .selectFrom('appointments')
    .selectAll()
    .where('holder_key', '=', holderKey)
    .where('category', '=', category)
    .where('date', '=', date)
    .where('status', 'in', ['booked', 'checked_in'])
    .executeTakeFirst();

export const bookedForCheckIn = (db: Db, hallId: string, holderKey: string, date: string) =>
  t(db)
    .selectFrom('appointments')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('holder_key', '=', holderKey)
    .where('date', '=', date)
    .where('status', '=', 'booked')
    .orderBy('start_time')
    .execute();

export async function updateAppointment(db: Db, id: string, from: string[], patch: Partial<AppointmentRow>): Promise<boolean> {
  const r = await t(db).updateTable('appointments').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function listAppointments(
  db: Db,
  q: { hallId?: string; applicantId?: string; date?: string; status?: string; category?: string; limit: number },
) {
  let query = t(db).selectFrom('appointments').selectAll();
  if (q.hallId) query = query.where('hall_id', '=', q.hallId);
  if (q.applicantId) query = query.where('applicant_id', '=', q.applicantId);
  if (q.date) query = query.where('date', '=', q.date);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.category) query = query.where('category', '=', q.category);
  return query.orderBy('date', 'desc').orderBy('start_time').limit(q.limit).execute();
}

export const dayAppointments = (db: Db, hallId: string, date: string) =>
  t(db).selectFrom('appointments').select(['status']).where('hall_id', '=', hallId).where('date', '=', date).execute();

/** Booked appointments whose slot is over by (date, HH:MM) — the no-show sweep's candidates. */
export const overdueAppointments = (db: Db, today: string, nowTime: string) =>
  t(db)
    .selectFrom('appointments')
    .selectAll()
    .where('status', '=', 'booked')
    .where((w) => w.or([w('date', '<', today), w.and([w('date', '=', today), w('end_time', '<=', nowTime)])]))
    .execute();

export const bookedOn = (db: Db, date: string) =>
  t(db).selectFrom('appointments').selectAll().where('date', '=', date).where('status', '=', 'booked').orderBy('hall_id').orderBy('start_time').execute();

export async function countNoShows(db: Db, holderKey: string, since: string): Promise<number> {
  const row = await t(db)
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('holder_key', '=', holderKey)
    .where('status', '=', 'no_show')
    .where('date', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
