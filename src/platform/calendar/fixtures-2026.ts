import type { CalendarDay } from './model.js';

/**
 * 2026 as published by the State Council (国务院办公厅, late 2025), checked against chinese-days in
 * seed.test.ts. Weekdays: 2026-01-01 is a Thursday, 2026-10-01 a Thursday.
 */
export const ARRANGEMENT_2026: CalendarDay[] = [
  ...['01', '02', '03'].map((d) => ({ date: `2026-01-${d}`, kind: 'off' as const, name: '元旦' })),
  { date: '2026-01-04', kind: 'work', name: '元旦调休上班' }, // Sunday
  { date: '2026-02-14', kind: 'work', name: '春节调休上班' }, // Saturday
  ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => ({ date: `2026-02-${d}`, kind: 'off' as const, name: '春节' })),
  { date: '2026-02-28', kind: 'work', name: '春节调休上班' }, // Saturday
  ...['04', '05', '06'].map((d) => ({ date: `2026-04-${d}`, kind: 'off' as const, name: '清明' })),
  ...['01', '02', '03', '04', '05'].map((d) => ({ date: `2026-05-${d}`, kind: 'off' as const, name: '劳动节' })),
  { date: '2026-05-09', kind: 'work', name: '劳动节调休上班' }, // Saturday
  ...['19', '20', '21'].map((d) => ({ date: `2026-06-${d}`, kind: 'off' as const, name: '端午' })),
  { date: '2026-09-20', kind: 'work', name: '国庆节调休上班' }, // Sunday
  ...['25', '26', '27'].map((d) => ({ date: `2026-09-${d}`, kind: 'off' as const, name: '中秋' })),
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, kind: 'off' as const, name: '国庆节' })),
  { date: '2026-10-10', kind: 'work', name: '国庆节调休上班' }, // Saturday
];
