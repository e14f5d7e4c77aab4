import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { allMigrations } from '../../migrations.js';
import type { Actor, Role } from '../actor.js';
import { verifyAudit } from '../audit.js';
import { ctxOf } from '../auth/plugin.js';
import { fixedClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { tables } from '../db/database.js';
import { ajvOptions, installErrorHandling } from '../http.js';
import type { Http, Platform } from '../module.js';
import { calendarMigrations } from './migrations.js';
import { calendarRoutes } from './routes.js';
import { seedCalendar } from './seed.js';
import { CalendarCache, calendarCache, type CalendarTables } from './store.js';

const actorWith = (...roles: Role[]): Actor => ({
  accountId: `acc-${roles.join('-')}`,
  username: roles[0] ?? 'nobody',
  name: `测试${roles[0] ?? ''}`,
  kind: 'staff',
  roles,
  departmentId: null,
  hallId: null,
  applicantId: null,
  mustChangePassword: false,
});

let database: TestDatabase;
let app: Http;
const clock = fixedClock('2026-12-05T02:00:00Z'); // 10:00 in Shanghai, 5 December 2026

/** The test stands in for the session plugin: header x-test-roles → req.actor. */
beforeAll(async () => {
  database = await createTestDatabase();
  // until src/migrations.ts includes the calendar, create its table here
  if (!allMigrations['0002_calendar']) await calendarMigrations['0002_calendar'].up(database.db);
  await seedCalendar(database.db);
  app = Fastify({ ajv: ajvOptions }).withTypeProvider<TypeBoxTypeProvider>() as unknown as Http;
  installErrorHandling(app);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req) => {
    const roles = req.headers['x-test-roles'];
    if (typeof roles === 'string') req.actor = actorWith(...(roles.split(',') as Role[]));
  });
  const platform: Platform = { database, clock, config: loadConfig({}), ctx: (req) => ctxOf(req, database, clock) };
  await calendarRoutes(app, platform);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

const admin = { 'x-test-roles': 'admin' };
const get = (url: string) => app.inject({ method: 'GET', url });

describe('GET /api/v1/calendar/working-days', () => {
  it('skips the National Day week', async () => {
    const res = await get('/api/v1/calendar/working-days?from=2026-09-30&add=1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2026-10-08' });
  });

  it('counts the make-up Saturday', async () => {
    expect((await get('/api/v1/calendar/working-days?from=2026-10-09&add=1')).json()).toEqual({ date: '2026-10-10' });
  });

  it('returns the start date for add=0', async () => {
    expect((await get('/api/v1/calendar/working-days?from=2026-10-01&add=0')).json()).toEqual({ date: '2026-10-01' });
  });

  it.each([
    ['from=2026-02-30&add=1', 'from', 'invalid_date'],
    ['from=2026/09/30&add=1', 'from', 'invalid_date'],
    ['from=tomorrow&add=1', 'from', 'invalid_date'],
    ['add=1', 'from', 'required'],
    ['from=0001-01-01&add=1', 'from', 'out_of_range'],
    ['from=2026-09-30&add=-1', 'add', 'out_of_range'],
    ['from=2026-09-30&add=3651', 'add', 'out_of_range'],
    ['from=2026-09-30&add=1.5', 'add', 'invalid_number'],
    ['from=2026-09-30&add=abc', 'add', 'invalid_number'],
    ['from=2026-09-30', 'add', 'required'],
  ])('refuses %s naming %s', async (query, field, code) => {
    const res = await get(`/api/v1/calendar/working-days?${query}`);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ field, errors: [{ field, code }] });
  });

  it('accepts the largest addition', async () => {
    const res = await get('/api/v1/calendar/working-days?from=2026-01-01&add=3650');
    expect(res.statusCode).toBe(200);
    expect(res.json().date > '2040-01-01').toBe(true);
  });
});

describe('GET /api/v1/calendar/days', () => {
  it('lists the year’s marks', async () => {
    const res = await get('/api/v1/calendar/days?year=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.year).toBe(2026);
    expect(body.days).toHaveLength(39);
    expect(body.days[0]).toEqual({ date: '2026-01-01', kind: 'off', name: '元旦' });
    expect(body.days.find((d: { date: string }) => d.date === '2026-10-10')).toEqual({ date: '2026-10-10', kind: 'work', name: '国庆节调休上班' });
  });

  it('defaults to the current year in Shanghai', async () => {
    expect((await get('/api/v1/calendar/days')).json().year).toBe(2026);
  });

  it('refuses a bad year', async () => {
    const res = await get('/api/v1/calendar/days?year=26');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ field: 'year' });
  });
});

describe('GET /api/v1/calendar/warnings', () => {
  it('warns in December that next year is missing', async () => {
    const res = await get('/api/v1/calendar/warnings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ today: '2026-12-05', warnings: [{ code: 'calendar_year_missing', years: [2027] }] });
  });
});

describe('admin changes', () => {
  it('refuses anonymous and non-admin writes', async () => {
    const body = { kind: 'off', name: '测试' };
    expect((await app.inject({ method: 'PUT', url: '/api/v1/calendar/days/2026-03-02', payload: body })).statusCode).toBe(401);
    const clerk = await app.inject({ method: 'PUT', url: '/api/v1/calendar/days/2026-03-02', payload: body, headers: { 'x-test-roles': 'clerk' } });
    expect(clerk.statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/calendar/days/2026-10-10', headers: { 'x-test-roles': 'manager' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/v1/calendar/import', payload: { year: 2027, days: [] } })).statusCode).toBe(401);
  });

  it('marks a date off; working-day arithmetic sees it at once; the change is audited', async () => {
    expect((await get('/api/v1/calendar/working-days?from=2026-03-02&add=1')).json()).toEqual({ date: '2026-03-03' });
    const res = await app.inject({ method: 'PUT', url: '/api/v1/calendar/days/2026-03-03', payload: { kind: 'off', name: ' 临时休息 ' }, headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2026-03-03', kind: 'off', name: '临时休息' });
    expect((await get('/api/v1/calendar/working-days?from=2026-03-02&add=1')).json()).toEqual({ date: '2026-03-04' });

    const audit = await tables<{ audit_log: { action: string; target_id: string; actor_id: string } }>(database.db)
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'actor_id'])
      .where('target_id', '=', '2026-03-03')
      .execute();
    expect(audit).toEqual([{ action: 'calendar.day.set', target_id: '2026-03-03', actor_id: 'acc-admin' }]);
  });

  it('refuses a bad date or kind', async () => {
    const badDate = await app.inject({ method: 'PUT', url: '/api/v1/calendar/days/2026-02-30', payload: { kind: 'off' }, headers: admin });
    expect(badDate.statusCode).toBe(422);
    expect(badDate.json()).toMatchObject({ field: 'date' });
    const badKind = await app.inject({ method: 'PUT', url: '/api/v1/calendar/days/2026-03-05', payload: { kind: 'holiday' }, headers: admin });
    expect(badKind.statusCode).toBe(422);
    expect(badKind.json().errors.some((e: { field: string }) => e.field === 'kind')).toBe(true);
    const extra = await app.inject({ method: 'PUT', url: '/api/v1/calendar/days/2026-03-05', payload: { kind: 'off', colour: 'red' }, headers: admin });
    expect(extra.statusCode).toBe(422);
  });

  it('removes a mark, and 404s when there is none', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/api/v1/calendar/days/2026-03-03', headers: admin });
    expect(res.statusCode).toBe(204);
    expect((await get('/api/v1/calendar/working-days?from=2026-03-02&add=1')).json()).toEqual({ date: '2026-03-03' });
    const again = await app.inject({ method: 'DELETE', url: '/api/v1/calendar/days/2026-03-03', headers: admin });
    expect(again.statusCode).toBe(404);
  });

  it('refuses an import with bad rows, reporting every one, and changes nothing', async () => {
    const before = (await get('/api/v1/calendar/days?year=2026')).json().days;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/calendar/import',
      headers: admin,
      payload: {
        year: 2026,
        days: [
          { date: '2026-01-01', kind: 'off', name: '元旦' },
          { date: '2026-02-30', kind: 'off', name: '坏日期' },
          { date: '2027-01-01', kind: 'off', name: '别的年份' },
          { date: '2026-01-01', kind: 'off', name: '重复' },
          { date: '2026-05-01', kind: 'rest', name: '坏类型' },
          'not a row',
        ],
      },
    });
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as { row: number; field: string; code: string }[];
    expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'days.1.date', 'invalid_date'],
      [3, 'days.2.date', 'wrong_year'],
      [4, 'days.3.date', 'duplicate'],
      [5, 'days.4.kind', 'enum'],
      [6, 'days.5', 'type'],
    ]);
    expect((await get('/api/v1/calendar/days?year=2026')).json().days).toEqual(before);
  });

  it('imports a new year, replacing it whole, and the warning goes away', async () => {
    const days2027 = [
      { date: '2027-01-01', kind: 'off', name: '元旦' },
      { date: '2027-10-01', kind: 'off', name: '国庆节' },
      { date: '2027-10-09', kind: 'work', name: '国庆节调休上班' },
    ];
    const first = await app.inject({ method: 'POST', url: '/api/v1/calendar/import', headers: admin, payload: { year: 2027, days: days2027 } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ year: 2027, imported: 3, replaced: 0 });
    expect((await get('/api/v1/calendar/warnings')).json().warnings).toEqual([]);

    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/calendar/import',
      headers: admin,
      payload: { year: 2027, days: [{ date: '2027-01-01', kind: 'off' }] },
    });
    expect(second.json()).toEqual({ year: 2027, imported: 1, replaced: 3 });
    expect((await get('/api/v1/calendar/days?year=2027')).json().days).toEqual([{ date: '2027-01-01', kind: 'off', name: '' }]);
    // 2026 untouched
    expect((await get('/api/v1/calendar/days?year=2026')).json().days).toHaveLength(39);
  });

  it('keeps the audit chain intact', async () => {
    const verdict = await verifyAudit(database.db);
    expect(verdict.ok).toBe(true);
  });
});

describe('cache', () => {
  it('reads the table once, then again only after 60 s unless this process writes', async () => {
    let now = 0;
    const cache = new CalendarCache(database.db, { now: () => now });
    const a = await cache.get();
    await cache.get();
    expect(cache.loads).toBe(1);

    // another process changes the table: not seen until the copy is 60 s old
    await tables<CalendarTables>(database.db).insertInto('calendar_days').values({ date: '2026-03-10', kind: 'off', name: '别处写入' }).execute();
    now = 59_000;
    expect((await cache.get()).isWorkingDay('2026-03-10')).toBe(true);
    expect(await cache.get()).toBe(a);
    now = 60_000;
    expect((await cache.get()).isWorkingDay('2026-03-10')).toBe(false);
    expect(cache.loads).toBe(2);

    cache.invalidate();
    await cache.get();
    expect(cache.loads).toBe(3);
    await tables<CalendarTables>(database.db).deleteFrom('calendar_days').where('date', '=', '2026-03-10').execute();
  });

  it('shares one load among concurrent readers', async () => {
    const cache = new CalendarCache(database.db);
    await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(cache.loads).toBe(1);
  });

  it('is one per database, and seeding refreshes it', async () => {
    expect(calendarCache(database.db)).toBe(calendarCache(database.db));
    expect(await seedCalendar(database.db)).toBeGreaterThan(100); // idempotent: existing dates kept
    expect((await calendarCache(database.db).get()).isWorkingDay('2026-10-10')).toBe(true);
  });
});
