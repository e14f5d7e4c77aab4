import { appendAudit } from '../audit.js';
import { tables, type AnyDb, type Executor } from '../db/database.js';
import { invalidFields, notFound, type FieldError } from '../problem.js';
import { Calendar, isValidDate, type CalendarDay, type DayKind } from './model.js';

/** The calendar's table, as this module sees it. */
export interface CalendarTables {
  calendar_days: { date: string; kind: string; name: string };
}

const db$ = (db: AnyDb | Executor<unknown>) => tables<CalendarTables>(db);

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;
export const NAME_MAX = 60;

/** Who changed the calendar, for the audit chain. */
export interface Change {
  actor: { id: string; name: string } | null;
  ip?: string | null;
  /** ISO-8601 instant */
  at: string;
}

const yearRange = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

const toDay = (r: { date: string; kind: string; name: string | null }): CalendarDay => ({
  date: r.date,
  kind: r.kind as DayKind,
  name: r.name ?? '',
});

/** Marked dates, optionally of one year, sorted by date. */
export async function listCalendarDays(db: AnyDb | Executor<unknown>, year?: number): Promise<CalendarDay[]> {
  let q = db$(db).selectFrom('calendar_days').select(['date', 'kind', 'name']);
  if (year !== undefined) {
    const [from, to] = yearRange(year);
    q = q.where('date', '>=', from).where('date', '<=', to);
  }
  return (await q.orderBy('date').execute()).map(toDay);
}

/** The whole table as a Calendar (no cache; see `getCalendar`). */
export async function loadCalendar(db: AnyDb | Executor<unknown>): Promise<Calendar> {
  return new Calendar(await listCalendarDays(db));
}

// ---------------------------------------------------------------------------------------------
// In-process cache: the table is small (a few dozen rows a year), read on every deadline.
// ---------------------------------------------------------------------------------------------

export interface CalendarCacheOptions {
  /** how stale a copy may get before it is reloaded (changes made by other processes); default 60 s */
  maxAgeMs?: number;
  /** monotonic milliseconds (injectable for tests) */
  now?: () => number;
}

export class CalendarCache {
  private calendar: Calendar | null = null;
  private loadedAt = 0;
  private pending: Promise<Calendar> | null = null;
  private generation = 0;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  /** how many times the table was read (for tests and metrics) */
  loads = 0;

  constructor(
    private readonly db: AnyDb,
    opts: CalendarCacheOptions = {},
  ) {
    this.maxAgeMs = opts.maxAgeMs ?? 60_000;
    this.now = opts.now ?? (() => performance.now());
  }

  async get(): Promise<Calendar> {
    if (this.calendar && this.now() - this.loadedAt < this.maxAgeMs) return this.calendar;
    if (this.pending) return this.pending;
    const generation = this.generation;
    const startedAt = this.now();
    this.loads += 1;
    const load: Promise<Calendar> = loadCalendar(this.db)
      .then((calendar) => {
        // a write during the load makes this copy stale: hand it out once, but do not keep it
        if (generation === this.generation) {
          this.calendar = calendar;
          this.loadedAt = startedAt;
        }
        return calendar;
      })
      .finally(() => {
        if (this.pending === load) this.pending = null;
      });
    this.pending = load;
    return load;
  }

  /** Forget the copy: the next `get` reads the table again. Called after every write here. */
  invalidate(): void {
    this.generation += 1;
    this.calendar = null;
    this.pending = null;
  }
}

const caches = new WeakMap<object, CalendarCache>();

/** The process-wide cache for one database. */
export function calendarCache(db: AnyDb): CalendarCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new CalendarCache(db);
    caches.set(db, cache);
  }
  return cache;
}

/** The working-day calendar, cached: what other modules call to compute deadlines. */
export function getCalendar(db: AnyDb): Promise<Calendar> {
  return calendarCache(db).get();
}

// ---------------------------------------------------------------------------------------------
// Writes (admin): each one is audited and invalidates this process's cache.
// ---------------------------------------------------------------------------------------------

/** Marks one date off or work (insert or replace). */
export async function putCalendarDay(db: AnyDb, day: CalendarDay, who: Change): Promise<{ before: CalendarDay | null; after: CalendarDay }> {
  const after: CalendarDay = { date: day.date, kind: day.kind, name: day.name ?? '' };
  const result = await db.transaction().execute(async (tx) => {
    const t = db$(tx);
    const row = await t.selectFrom('calendar_days').select(['date', 'kind', 'name']).where('date', '=', day.date).executeTakeFirst();
    const before = row ? toDay(row) : null;
    await t
      .insertInto('calendar_days')
      .values(after)
      .onConflict((oc) => oc.column('date').doUpdateSet({ kind: after.kind, name: after.name }))
      .execute();
    await appendAudit(
      tx,
      {
        actor: who.actor,
        action: 'calendar.day.set',
        target: { type: 'calendar_day', id: day.date },
        ip: who.ip ?? null,
        before: before ?? undefined,
        after,
        detail: `${day.date} ${before ? `${before.kind}→` : ''}${after.kind}`,
      },
      who.at,
    );
    return { before, after };
  });
  calendarCache(db).invalidate();
  return result;
}

/** Removes the mark of one date (it reverts to the weekend rule). 404 when the date is not marked. */
export async function deleteCalendarDay(db: AnyDb, date: string, who: Change): Promise<CalendarDay> {
  const removed = await db.transaction().execute(async (tx) => {
    const t = db$(tx);
    const row = await t.selectFrom('calendar_days').select(['date', 'kind', 'name']).where('date', '=', date).executeTakeFirst();
    if (!row) throw notFound({ zh: `工作日历中 ${date} 的标记`, en: `calendar mark for ${date}` });
    await t.deleteFrom('calendar_days').where('date', '=', date).execute();
    const before = toDay(row);
    await appendAudit(
      tx,
      {
        actor: who.actor,
        action: 'calendar.day.delete',
        target: { type: 'calendar_day', id: date },
        ip: who.ip ?? null,
        before,
        detail: `${date} ${before.kind} removed`,
      },
      who.at,
    );
    return before;
  });
  calendarCache(db).invalidate();
  return removed;
}

/**
 * Checks a year's import: every row is {date, kind, name?}, the date real and inside the year,
 * kind off|work, no date twice. Reports every bad row (1-based `row`), not just the first.
 */
export function validateImport(year: number, days: unknown[]): { rows: CalendarDay[]; errors: FieldError[] } {
  const rows: CalendarDay[] = [];
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  const err = (i: number, key: string, code: string, zh: string, en: string) =>
    errors.push({ field: `days.${i}${key ? `.${key}` : ''}`, code, zh, en, row: i + 1 });

  if (days.length > 366) {
    errors.push({ field: 'days', code: 'too_many', zh: `一年最多 366 天，收到 ${days.length} 行`, en: `A year has at most 366 days, got ${days.length} rows` });
  }
  days.forEach((raw, i) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      err(i, '', 'type', '每行应为 {date, kind, name} 对象', 'Each row must be an object {date, kind, name}');
      return;
    }
    const r = raw as Record<string, unknown>;
    let ok = true;
    for (const key of Object.keys(r)) {
      if (!['date', 'kind', 'name'].includes(key)) {
        err(i, key, 'additionalProperties', '不允许的字段', 'unknown field');
        ok = false;
      }
    }
    if (!isValidDate(r.date)) {
      err(i, 'date', 'invalid_date', '日期应为有效的 YYYY-MM-DD', 'date must be a real date YYYY-MM-DD');
      ok = false;
    } else if (Number(r.date.slice(0, 4)) !== year) {
      err(i, 'date', 'wrong_year', `日期 ${r.date} 不在 ${year} 年内`, `${r.date} is not in ${year}`);
      ok = false;
    } else {
      const first = seen.get(r.date);
      if (first !== undefined) {
        err(i, 'date', 'duplicate', `日期 ${r.date} 与第 ${first + 1} 行重复`, `${r.date} repeats row ${first + 1}`);
        ok = false;
      } else {
        seen.set(r.date, i);
      }
    }
    if (r.kind !== 'off' && r.kind !== 'work') {
      err(i, 'kind', 'enum', 'kind 应为 off（休息）或 work（调休上班）', "kind must be 'off' or 'work'");
      ok = false;
    }
    if (r.name !== undefined && r.name !== null && (typeof r.name !== 'string' || r.name.length > NAME_MAX)) {
      err(i, 'name', 'invalid_name', `名称应为不超过 ${NAME_MAX} 字的文本`, `name must be text of at most ${NAME_MAX} characters`);
      ok = false;
    }
    if (ok) rows.push({ date: r.date as string, kind: r.kind as DayKind, name: typeof r.name === 'string' ? r.name.trim() : '' });
  });
  return { rows, errors };
}

/**
 * Replaces one year's marks with the given rows, all or nothing: any bad row refuses the whole
 * import with a 422 listing every bad row.
 */
export async function importCalendarYear(
  db: AnyDb,
  year: number,
  days: unknown[],
  who: Change,
): Promise<{ year: number; imported: number; replaced: number }> {
  const { rows, errors } = validateImport(year, days);
  if (errors.length > 0) throw invalidFields(errors);
  const [from, to] = yearRange(year);
  const result = await db.transaction().execute(async (tx) => {
    const t = db$(tx);
    const before = (await t.selectFrom('calendar_days').select(['date', 'kind', 'name']).where('date', '>=', from).where('date', '<=', to).orderBy('date').execute()).map(toDay);
    await t.deleteFrom('calendar_days').where('date', '>=', from).where('date', '<=', to).execute();
    if (rows.length > 0) await t.insertInto('calendar_days').values(rows).execute();
    await appendAudit(
      tx,
      {
        actor: who.actor,
        action: 'calendar.import',
        target: { type: 'calendar_year', id: String(year) },
        ip: who.ip ?? null,
        before,
        after: [...rows].sort((a, b) => a.date.localeCompare(b.date)),
        detail: `${year}: ${before.length} marks replaced by ${rows.length}`,
      },
      who.at,
    );
    return { year, imported: rows.length, replaced: before.length };
  });
  calendarCache(db).invalidate();
  return result;
}
