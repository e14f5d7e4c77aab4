import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth/plugin.js';
import { shanghaiDate } from '../clock.js';
import type { ModuleRoutes } from '../module.js';
import { invalidField } from '../problem.js';
import { isValidDate, type CalendarWarning } from './model.js';
import {
  MAX_YEAR,
  MIN_YEAR,
  NAME_MAX,
  deleteCalendarDay,
  getCalendar,
  importCalendarYear,
  listCalendarDays,
  putCalendarDay,
} from './store.js';

export const MAX_ADD_WORKING_DAYS = 3650;

const DayKindSchema = Type.Union([Type.Literal('off'), Type.Literal('work')], { description: 'off 休息 / work 调休上班' });
const CalendarDaySchema = Type.Object({
  date: Type.String({ description: 'YYYY-MM-DD' }),
  kind: DayKindSchema,
  name: Type.String(),
});

function parseDate(field: string, value: unknown): string {
  if (value === undefined || value === '') {
    throw invalidField(field, 'required', '必填，格式 YYYY-MM-DD', 'is required (YYYY-MM-DD)');
  }
  if (!isValidDate(value)) {
    throw invalidField(field, 'invalid_date', '应为有效日期，格式 YYYY-MM-DD', 'must be a real date YYYY-MM-DD');
  }
  const year = Number(value.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw invalidField(field, 'out_of_range', `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`, `year must be ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return value;
}

function parseYear(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) {
    throw invalidField('year', 'invalid_year', '应为 4 位年份', 'must be a 4-digit year');
  }
  const year = Number(value);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw invalidField('year', 'out_of_range', `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`, `year must be ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return year;
}

function parseAdd(value: unknown): number {
  if (value === undefined || value === '') {
    throw invalidField('add', 'required', `必填，0–${MAX_ADD_WORKING_DAYS} 的整数`, `is required: a whole number 0–${MAX_ADD_WORKING_DAYS}`);
  }
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
    throw invalidField('add', 'invalid_number', '应为整数', 'must be a whole number');
  }
  const n = Number(value);
  if (n < 0 || n > MAX_ADD_WORKING_DAYS) {
    throw invalidField('add', 'out_of_range', `应在 0–${MAX_ADD_WORKING_DAYS} 之间`, `must be between 0 and ${MAX_ADD_WORKING_DAYS}`);
  }
  return n;
}

/**
 * The working-day calendar API: public reads (deadline arithmetic, the year's marks, warnings),
 * admin writes (one date, or a whole year's import), every write audited.
 */
export const calendarRoutes: ModuleRoutes = (http, platform) => {
  const db = platform.database.db;
  const change = (req: Parameters<typeof requireRole>[0]) => {
    const actor = requireRole(req, 'admin');
    return { actor: { id: actor.accountId, name: actor.name }, ip: req.ip ?? null, at: platform.clock.now() };
  };

  http.get(
    '/api/v1/calendar/working-days',
    {
      schema: {
        tags: ['calendar'],
        summary: '计算工作日 The N-th working day after a date (the start day not counted)',
        querystring: Type.Object({
          from: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
          add: Type.Optional(Type.String({ description: `working days to add, 0–${MAX_ADD_WORKING_DAYS}` })),
        }),
        response: { 200: Type.Object({ date: Type.String() }) },
      },
    },
    async (req) => {
      const from = parseDate('from', req.query.from);
      const add = parseAdd(req.query.add);
      const calendar = await getCalendar(db);
      return { date: calendar.addWorkingDays(from, add) };
    },
  );

  http.get(
    '/api/v1/calendar/days',
    {
      schema: {
        tags: ['calendar'],
        summary: '某年的节假日与调休 The marked dates of a year (default: this year)',
        querystring: Type.Object({ year: Type.Optional(Type.String({ description: 'YYYY' })) }),
        response: { 200: Type.Object({ year: Type.Integer(), days: Type.Array(CalendarDaySchema) }) },
      },
    },
    async (req) => {
      const year = req.query.year === undefined ? Number(shanghaiDate(platform.clock.now()).slice(0, 4)) : parseYear(req.query.year);
      return { year, days: await listCalendarDays(db, year) };
    },
  );

  http.put(
    '/api/v1/calendar/days/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: '标记一天为休息或调休上班 Mark a date off or work (admin)',
        params: Type.Object({ date: Type.String() }),
        body: Type.Object({ kind: DayKindSchema, name: Type.Optional(Type.String({ maxLength: NAME_MAX })) }, { additionalProperties: false }),
        response: { 200: CalendarDaySchema },
      },
    },
    async (req) => {
      const who = change(req);
      const date = parseDate('date', req.params.date);
      const { after } = await putCalendarDay(db, { date, kind: req.body.kind, name: (req.body.name ?? '').trim() }, who);
      return after;
    },
  );

  http.delete(
    '/api/v1/calendar/days/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: '删除一天的标记（恢复周末规则）Remove the mark of a date (admin)',
        params: Type.Object({ date: Type.String() }),
      },
    },
    async (req, reply) => {
      const who = change(req);
      const date = parseDate('date', req.params.date);
      await deleteCalendarDay(db, date, who);
      return reply.status(204).send();
    },
  );

  http.post(
    '/api/v1/calendar/import',
    {
      schema: {
        tags: ['calendar'],
        summary: '导入一年的节假日安排（整体替换）Replace a year\u2019s marks, all or nothing (admin)',
        body: Type.Object(
          {
            year: Type.Integer({ minimum: MIN_YEAR, maximum: MAX_YEAR }),
            days: Type.Array(Type.Unknown(), { maxItems: 1000, description: '[{date, kind: off|work, name}]' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ year: Type.Integer(), imported: Type.Integer(), replaced: Type.Integer() }) },
      },
    },
    async (req) => {
      const who = change(req);
      return importCalendarYear(db, req.body.year, req.body.days, who);
    },
  );

  http.get(
    '/api/v1/calendar/warnings',
    {
      schema: {
        tags: ['calendar'],
        summary: '工作日历缺年提醒 Warnings: a year without holiday arrangements',
      },
    },
    async () => {
      const today = shanghaiDate(platform.clock.now());
      const warning = (await getCalendar(db)).missingYearWarning(today);
      const warnings: CalendarWarning[] = warning ? [warning] : [];
      return { today, warnings };
    },
  );
};
