import { describe, expect, it } from 'vitest';
import { ARRANGEMENT_2026 } from './fixtures-2026.js';
import { Calendar, addDays, dayOfWeek, isValidDate } from './model.js';

const cal = new Calendar(ARRANGEMENT_2026);

describe('dates', () => {
  it('knows the weekday of a date without the host time zone', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4); // Thursday
    expect(dayOfWeek('2026-01-01')).toBe(4);
    expect(dayOfWeek('2026-02-14')).toBe(6); // Saturday
    expect(dayOfWeek('2026-10-01')).toBe(4);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });

  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isValidDate('2026-02-28')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2026-2-1')).toBe(false);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate(20260101)).toBe(false);
  });

  it('refuses a bad date instead of guessing', () => {
    expect(() => cal.addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => cal.isWorkingDay('tomorrow')).toThrow(RangeError);
  });
});

describe('which days are working days', () => {
  it('an ordinary Monday is a working day, an ordinary Saturday and Sunday are not', () => {
    expect(cal.isWorkingDay('2026-03-02')).toBe(true);
    expect(cal.isWorkingDay('2026-03-07')).toBe(false);
    expect(cal.isWorkingDay('2026-03-08')).toBe(false);
  });

  it('counts the make-up Saturday as a working day', () => {
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.isWorkingDay('2026-05-09')).toBe(true);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
  });

  it('counts the make-up Sunday as a working day', () => {
    expect(cal.isWorkingDay('2026-01-04')).toBe(true);
    expect(cal.isWorkingDay('2026-09-20')).toBe(true);
  });

  it('a holiday on a weekday is off', () => {
    expect(cal.isWorkingDay('2026-01-01')).toBe(false); // Thursday
    expect(cal.isWorkingDay('2026-02-23')).toBe(false); // Monday
    expect(cal.isWorkingDay('2026-05-05')).toBe(false); // Tuesday
    expect(cal.isWorkingDay('2026-10-07')).toBe(false); // Wednesday
  });

  it('a year without entries falls back to the weekend rule', () => {
    expect(cal.isWorkingDay('2030-10-01')).toBe(true); // a Tuesday: nobody marked it
    expect(cal.isWorkingDay('2030-10-05')).toBe(false); // Saturday
  });

  it('can be built from a plain map date → kind', () => {
    const c = new Calendar(new Map([['2026-10-10', 'work'], ['2026-10-09', 'off']] as const));
    expect(c.isWorkingDay('2026-10-10')).toBe(true);
    expect(c.isWorkingDay('2026-10-09')).toBe(false);
    expect(c.entry('2026-10-10')).toEqual({ date: '2026-10-10', kind: 'work', name: '' });
  });
});

describe('adding working days', () => {
  it('does not count the acceptance day', () => {
    expect(cal.addWorkingDays('2026-03-02', 1)).toBe('2026-03-03');
    expect(cal.addWorkingDays('2026-03-02', 5)).toBe('2026-03-09'); // Mon + 5 → next Mon
  });

  it('adding 0 working days gives the start day itself, even a holiday', () => {
    expect(cal.addWorkingDays('2026-03-02', 0)).toBe('2026-03-02');
    expect(cal.addWorkingDays('2026-10-01', 0)).toBe('2026-10-01');
  });

  it('skips the whole Spring Festival when adding 1 working day', () => {
    // 02-14 (make-up Saturday) + 1: 02-15 … 02-23 are off → Tuesday 02-24
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
  });

  it('skips the National Day week: 1 working day after 30 September is 8 October', () => {
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
  });

  it('lands on the make-up Sunday before National Day', () => {
    // Friday 09-18 + 1: Saturday 09-19 off, Sunday 09-20 is a make-up workday
    expect(cal.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
  });

  it('a 20-working-day limit accepted on 15 September 2026 is due on 19 October', () => {
    // after 09-15: 16,17,18 (3), 20 Sun make-up (4), 21–24 (8), [25–27 中秋], 28–30 (11),
    // [10-01–07 国庆], 08, 09 (13), 10 Sat make-up (14), 12–16 (19), 19 Mon (20)
    expect(cal.addWorkingDays('2026-09-15', 20)).toBe('2026-10-19');
    expect(cal.dueDate('2026-09-15', 20)).toBe('2026-10-19');
  });

  it('counts backwards for a negative number', () => {
    expect(cal.addWorkingDays('2026-10-08', -1)).toBe('2026-09-30');
  });

  it('adding and counting agree over the whole year', () => {
    let seed = 17;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let k = 0; k < 300; k++) {
      const from = addDays('2026-01-01', Math.floor(rand() * 365));
      const n = Math.floor(rand() * 60);
      const to = cal.addWorkingDays(from, n);
      expect(cal.workingDaysBetween(from, to)).toBe(n);
      if (n > 0) expect(cal.isWorkingDay(to)).toBe(true);
    }
  });
});

describe('counting working days between two dates', () => {
  it('counts the days after the first date up to and including the second', () => {
    expect(cal.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(cal.workingDaysBetween('2026-03-02', '2026-03-03')).toBe(1);
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-08')).toBe(1);
  });

  it('counts both make-up Saturdays around the Spring Festival', () => {
    // 02-14 (make-up), 02-24, 25, 26, 27, 02-28 (make-up) = 6
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-28')).toBe(6);
  });

  it('is negative when the second date is earlier (overdue)', () => {
    expect(cal.workingDaysBetween('2026-10-08', '2026-09-30')).toBe(-1);
  });
});

describe('deadlines with suspension and extension', () => {
  it('counts the working days lost to a suspension across National Day', () => {
    // suspended Tuesday 09-29, resumed Friday 10-09: lost 09-30, 10-08, 10-09 (the holiday week costs nothing)
    expect(cal.suspendedWorkingDays('2026-09-29', '2026-10-09')).toBe(3);
  });

  it('counts the working days lost to a suspension across the Spring Festival, make-up Saturday included', () => {
    // suspended Friday 02-13, resumed Wednesday 02-25: lost 02-14 (make-up Saturday), 02-24, 02-25
    expect(cal.suspendedWorkingDays('2026-02-13', '2026-02-25')).toBe(3);
  });

  it('counts the working days lost to a suspension across Labour Day, make-up Saturday included', () => {
    // suspended Thursday 04-30, resumed Monday 05-11: lost 05-06, 07, 08, 09 (make-up Saturday), 11
    expect(cal.suspendedWorkingDays('2026-04-30', '2026-05-11')).toBe(5);
  });

  it('a 5-day limit suspended over the Spring Festival falls due on the second make-up Saturday', () => {
    // accepted Monday 02-09; suspended 02-11 → 02-25 loses 02-12, 13, 14, 24, 25 (5 days)
    const lost = cal.suspendedWorkingDays('2026-02-11', '2026-02-25');
    expect(lost).toBe(5);
    // without it: 02-10, 11, 12, 13, 14 (make-up) → 02-14; with it, 5 more: 24, 25, 26, 27, 28 (make-up)
    expect(cal.dueDate('2026-02-09', 5)).toBe('2026-02-14');
    expect(cal.dueDate('2026-02-09', 5, { suspendedWorkingDays: lost })).toBe('2026-02-28');
  });

  it('a suspension begun and ended the same day costs nothing', () => {
    expect(cal.suspendedWorkingDays('2026-09-29', '2026-09-29')).toBe(0);
  });

  it('moves the due date by the suspended working days', () => {
    const suspended = cal.suspendedWorkingDays('2026-09-29', '2026-10-09');
    // 20 + 3 = 23 working days after 09-15: 10-19 is the 20th, then 20, 21, 22 October
    expect(cal.dueDate('2026-09-15', 20, { suspendedWorkingDays: suspended })).toBe('2026-10-22');
  });

  it('adds an approved extension on top', () => {
    // 20 + 10 + 3 = 33: after 10-22 (23rd): 23, 26–30 (29), 11-02–05 (33) — no holidays in November
    expect(cal.dueDate('2026-09-15', 20, { suspendedWorkingDays: 3, extensionDays: 10 })).toBe('2026-11-05');
  });

  it('refuses a negative total', () => {
    expect(() => cal.dueDate('2026-09-15', -1)).toThrow(RangeError);
  });
});

describe('missing-year warning', () => {
  it('lists the years that have entries', () => {
    expect(cal.yearsCovered()).toEqual([2026]);
    expect(new Calendar([...ARRANGEMENT_2026, { date: '2025-10-01', kind: 'off', name: '国庆节' }]).yearsCovered()).toEqual([2025, 2026]);
  });

  it('is silent while the current year is covered and it is not yet December', () => {
    expect(cal.missingYearWarning('2026-06-01')).toBeNull();
    expect(cal.missingYearWarning('2026-11-30')).toBeNull();
  });

  it('warns from 1 December when the coming year has no entries', () => {
    expect(cal.missingYearWarning('2026-12-01')).toMatchObject({ code: 'calendar_year_missing', years: [2027] });
  });

  it('warns when the current year has no entries', () => {
    const w = cal.missingYearWarning('2027-03-01');
    expect(w).toMatchObject({ years: [2027] });
    expect(w?.zh).toContain('2027');
  });

  it('names both years in December of an uncovered year', () => {
    expect(new Calendar().missingYearWarning('2026-12-15')?.years).toEqual([2026, 2027]);
  });
});
