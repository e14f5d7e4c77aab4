import { createRequire } from 'node:module';
import { tables, type AnyDb } from '../db/database.js';
import type { CalendarDay } from './model.js';
import { calendarCache, type CalendarTables } from './store.js';

/**
 * Seed data for the working-day calendar from the npm package chinese-days, which carries the
 * State Council's published arrangements: `holidays` (days off) and `workdays` (make-up workdays
 * 调休上班), each "English name,中文名,days". Years the package does not know yet yield no rows
 * (the calendar then warns until the admin imports them).
 */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays?: Record<string, string>;
}

let cached: ChineseDaysData | undefined;

function data(): ChineseDaysData {
  cached ??= createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  return cached;
}

const zhName = (raw: string): string => raw.split(',')[1]?.trim() || raw;

/** Rows {date, kind, name} for the given years, sorted by date. */
export function chineseDaysEntries(fromYear = 2024, toYear = 2027): CalendarDay[] {
  const { holidays, workdays } = data();
  const inRange = (date: string) => {
    const y = Number(date.slice(0, 4));
    return y >= fromYear && y <= toYear;
  };
  const rows: CalendarDay[] = [];
  for (const [date, raw] of Object.entries(holidays)) if (inRange(date)) rows.push({ date, kind: 'off', name: zhName(raw) });
  for (const [date, raw] of Object.entries(workdays)) if (inRange(date)) rows.push({ date, kind: 'work', name: `${zhName(raw)}调休上班` });
  return rows.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Fills the calendar from chinese-days (2024–2027, as far as the package knows). Dates already
 * marked are left as they are, so an admin's corrections survive a re-seed. Returns the number
 * of rows offered.
 */
export async function seedCalendar(db: AnyDb, fromYear = 2024, toYear = 2027): Promise<number> {
  const rows = chineseDaysEntries(fromYear, toYear);
  if (rows.length > 0) {
    await tables<CalendarTables>(db)
      .insertInto('calendar_days')
      .values(rows)
      .onConflict((oc) => oc.column('date').doNothing())
      .execute();
  }
  calendarCache(db).invalidate();
  return rows.length;
}
