/**
 * The working-day calendar (工作日历). Pure: built from the table of marked dates, no I/O, no clock.
 *
 * Rules:
 * - A date marked 'off' is a holiday (法定节假日), a date marked 'work' is a make-up workday (调休上班).
 * - Unmarked dates: Saturday and Sunday are off, Monday–Friday are working days.
 * - Counting never includes the start day: the acceptance day is not counted (受理当日不计入).
 *
 * Dates are 'YYYY-MM-DD' strings (Asia/Shanghai calendar dates); arithmetic is done in UTC so the
 * host's time zone never shifts a date.
 */

export type DayKind = 'off' | 'work';

export interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string;
}

export interface CalendarWarning {
  code: 'calendar_year_missing';
  /** the years without any entry */
  years: number[];
  zh: string;
  en: string;
}

export interface DueDateOptions {
  /** working days the case spent suspended (特别程序 / 中止), from `suspendedWorkingDays` */
  suspendedWorkingDays?: number;
  /** working days of approved extensions (延长审批) */
  extensionDays?: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True when `s` is 'YYYY-MM-DD' naming a real calendar date. */
export function isValidDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d); // (Date.UTC would read years 0–99 as 1900–1999)
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function toEpochDay(date: string): number {
  if (!isValidDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(date)}`);
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function fromEpochDay(day: number): string {
  const iso = new Date(day * DAY_MS).toISOString();
  if (iso.length !== 24) throw new RangeError('Date out of the range 0000–9999');
  return iso.slice(0, 10);
}

/** `date` plus `n` calendar days. */
export function addDays(date: string, n: number): string {
  return fromEpochDay(toEpochDay(date) + n);
}

/** 0 = Sunday … 6 = Saturday */
export function dayOfWeek(date: string): number {
  // 1970-01-01 (epoch day 0) was a Thursday
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

export const isWeekend = (date: string): boolean => {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
};

export class Calendar {
  private readonly marks: Map<string, DayKind>;
  private readonly names: Map<string, string>;
  /** working or not, by epoch day: deadlines walk the same days over and over on hot paths */
  private readonly workingByDay = new Map<number, boolean>();

  /** From a map date → kind, or from the table's rows. */
  constructor(entries: Map<string, DayKind> | Iterable<CalendarDay> = []) {
    this.marks = new Map();
    this.names = new Map();
    if (entries instanceof Map) {
      for (const [date, kind] of entries) this.mark(date, kind, '');
    } else {
      for (const e of entries) this.mark(e.date, e.kind, e.name);
    }
  }

  private mark(date: string, kind: DayKind, name: string) {
    if (!isValidDate(date)) throw new RangeError(`Calendar entry with a bad date: ${String(date)}`);
    if (kind !== 'off' && kind !== 'work') throw new RangeError(`Calendar entry ${date} with a bad kind: ${String(kind)}`);
    this.marks.set(date, kind);
    this.names.set(date, name);
  }

  /** The explicit mark of a date, if any. */
  entry(date: string): CalendarDay | undefined {
    const kind = this.marks.get(date);
    return kind ? { date, kind, name: this.names.get(date) ?? '' } : undefined;
  }

  /** Marked dates, sorted. */
  entries(): CalendarDay[] {
    return [...this.marks.keys()].sort().map((date) => this.entry(date)!);
  }

  kindOf(date: string): DayKind {
    const marked = this.marks.get(date);
    if (marked) return marked;
    return isWeekend(date) ? 'off' : 'work';
  }

  isWorkingDay(date: string): boolean {
    return this.kindOf(date) === 'work';
  }

  private isWorkingEpochDay(day: number): boolean {
    let working = this.workingByDay.get(day);
    if (working === undefined) {
      working = this.isWorkingDay(fromEpochDay(day));
      if (this.workingByDay.size > 100_000) this.workingByDay.clear();
      this.workingByDay.set(day, working);
    }
    return working;
  }

  /**
   * The n-th working day after `from` (the start day is not counted); n = 0 returns `from` itself,
   * a negative n counts backwards.
   */
  addWorkingDays(from: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays needs a whole number of days, got ${n}`);
    let day = toEpochDay(from);
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    while (left > 0) {
      day += step;
      if (this.isWorkingEpochDay(day)) left -= 1;
    }
    return fromEpochDay(day);
  }

  /**
   * Working days after `a` up to and including `b`. When `b` is before `a` the count is negative:
   * workingDaysBetween(today, due) < 0 means overdue by that many working days.
   */
  workingDaysBetween(a: string, b: string): number {
    const start = toEpochDay(a);
    const end = toEpochDay(b);
    if (end < start) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let d = start + 1; d <= end; d++) if (this.isWorkingEpochDay(d)) count += 1;
    return count;
  }

  /**
   * Working days lost to a suspension that began on `from` and ended (or is measured) on `to`:
   * like every count here, the first day is not counted — the day the case was suspended still
   * counted as a processing day, the day it resumed is a lost one.
   */
  suspendedWorkingDays(from: string, to: string): number {
    return Math.max(0, this.workingDaysBetween(from, to));
  }

  /**
   * Due date of a case: acceptance date + limit + extensions + working days spent suspended,
   * the acceptance day not counted (行政许可法 §42, §45).
   */
  dueDate(acceptedOn: string, limitDays: number, opts: DueDateOptions = {}): string {
    const total = limitDays + (opts.extensionDays ?? 0) + (opts.suspendedWorkingDays ?? 0);
    if (!Number.isInteger(total) || total < 0) throw new RangeError(`dueDate needs whole, non-negative days, got ${total}`);
    return this.addWorkingDays(acceptedOn, total);
  }

  /** Years with at least one marked date, ascending. */
  yearsCovered(): number[] {
    const years = new Set<number>();
    for (const date of this.marks.keys()) years.add(Number(date.slice(0, 4)));
    return [...years].sort((x, y) => x - y);
  }

  /**
   * A warning when the current year has no entries, or — from 1 December — the coming year has
   * none (the State Council publishes the next year's arrangement each winter). Null when all is well.
   */
  missingYearWarning(today: string): CalendarWarning | null {
    toEpochDay(today);
    const year = Number(today.slice(0, 4));
    const covered = new Set(this.yearsCovered());
    const needed = today.slice(5, 7) === '12' ? [year, year + 1] : [year];
    const years = needed.filter((y) => !covered.has(y));
    if (years.length === 0) return null;
    const list = years.join('、');
    return {
      code: 'calendar_year_missing',
      years,
      zh: `工作日历缺少 ${list} 年的节假日安排，办理时限将只按周末计算；请在国务院办公厅发布通知后导入或录入。`,
      en: `The working-day calendar has no holiday arrangement for ${years.join(', ')}; deadlines count weekends only until it is imported or entered.`,
    };
  }
}
