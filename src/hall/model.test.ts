import { describe, expect, it } from 'vitest';
import { demoHalls } from '../seed/halls.js';
import { Calendar } from '../platform/calendar/model.js';
import {
  ageOn,
  checkHallTree,
  type HallInput,
  announcement,
  canCheckIn,
  dailyStats,
  defaultCategories,
  formatTicketNumber,
  generateSlots,
  nextStatus,
  parseOpeningHours,
  percentile,
  queueOrder,
  recallOutcome,
  receiptText,
  slotTimes,
  ticketPriority,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  type StatTicket,
  type TicketAction,
  type TicketStatus,
} from './model.js';

const depts = [{ code: '001', name: '区行政审批服务局' }, { code: '002', name: '区公安分局' }];

describe('the hall tree', () => {
  it('holds the demo district: 1 centre, 5 branch halls, 8 town centres, 211 stations, 18 partner points', () => {
    const halls = demoHalls(depts);
    expect(checkHallTree(halls)).toEqual([]);
    const count = (tier: string) => halls.filter((h) => h.tier === tier).length;
    expect([count('district'), count('branch'), count('town'), count('village'), count('partner')]).toEqual([1, 5, 8, 211, 18]);
    const centre = halls.find((h) => h.tier === 'district')!;
    const windows = (kind: string) => centre.windows.filter((w) => w.kind === kind).length;
    expect([windows('intake'), windows('consult'), windows('certificate')]).toEqual([10, 2, 2]);
    expect(centre.areas).toEqual(['self_service', '24h']);
    expect(new Set(halls.map((h) => h.name)).size).toBe(halls.length);
  });

  it('refuses a village station hung directly under the district centre', () => {
    const bad: HallInput[] = [
      ...demoHalls(depts).slice(0, 1),
      { ...demoHalls(depts).find((h) => h.tier === 'village')!, code: 'X', parentCode: 'C00' },
    ];
    expect(checkHallTree(bad).map((e) => e.code)).toEqual(['invalid_parent']);
  });

  it('refuses two windows with the same number in one hall', () => {
    const [centre] = demoHalls(depts);
    const bad = { ...centre, windows: [...centre.windows, { number: 1, kind: 'consult' as const }] };
    expect(checkHallTree([bad]).map((e) => e.code)).toEqual(['duplicate']);
  });
});

describe('the ticket state machine', () => {
  const allowed: [TicketStatus, TicketAction, TicketStatus][] = [
    ['waiting', 'call', 'called'],
    ['called', 'recall', 'called'],
    ['called', 'start', 'serving'],
    ['serving', 'finish', 'done'],
    ['called', 'no_show', 'no_show'],
    ['called', 'transfer', 'transferred'],
    ['serving', 'transfer', 'transferred'],
  ];
  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toEqual({ ok: true, to });
  });

  it('refuses every other transition with a 409 invalid_ticket_state', () => {
    let refused = 0;
    for (const from of TICKET_STATUSES) {
      for (const action of TICKET_ACTIONS) {
        if (allowed.some(([f, a]) => f === from && a === action)) continue;
        const r = nextStatus(from, action);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.problem.status).toBe(409);
          expect(r.problem.code).toBe('invalid_ticket_state');
        }
        refused++;
      }
    }
    expect(refused).toBe(TICKET_STATUSES.length * TICKET_ACTIONS.length - allowed.length);
    // final states accept nothing
    for (const s of ['done', 'no_show', 'transferred'] as const) for (const a of TICKET_ACTIONS) expect(nextStatus(s, a).ok).toBe(false);
  });

  it('makes a no-show of the recall after the third', () => {
    expect(recallOutcome(0)).toEqual({ status: 'called', recalls: 1 });
    expect(recallOutcome(2)).toEqual({ status: 'called', recalls: 3 });
    expect(recallOutcome(3)).toEqual({ status: 'no_show', recalls: 3 });
    expect(recallOutcome(1, 1)).toEqual({ status: 'no_show', recalls: 1 });
  });
});

describe('ticket numbers, priority and order', () => {
  it('formats A001 … A999, then grows', () => {
    expect(formatTicketNumber('A', 1)).toBe('A001');
    expect(formatTicketNumber('C', 42)).toBe('C042');
    expect(formatTicketNumber('B', 999)).toBe('B999');
    expect(formatTicketNumber('D', 1000)).toBe('D1000');
    expect(() => formatTicketNumber('A', 0)).toThrow(RangeError);
    expect(() => formatTicketNumber('A', 1.5)).toThrow(RangeError);
  });

  it('counts age in whole years; 60 on the birthday gives the green channel', () => {
    expect(ageOn('1966-03-02', '2026-03-01')).toBe(59);
    expect(ageOn('1966-03-02', '2026-03-02')).toBe(60);
    expect(ageOn('1964-02-29', '2024-02-28')).toBe(59);
    expect(ageOn('1964-02-29', '2024-02-29')).toBe(60);
    expect(ticketPriority({ birthDate: '1966-03-02' }, '2026-03-02')).toEqual({ priority: 1, reasons: ['elderly'] });
    expect(ticketPriority({ birthDate: '1966-03-03' }, '2026-03-02')).toEqual({ priority: 0, reasons: [] });
    expect(ticketPriority({ appointment: true, disabled: true, pregnant: true }, '2026-03-02')).toEqual({
      priority: 1,
      reasons: ['appointment', 'disabled', 'pregnant'],
    });
  });

  it('calls priority first, then first come; only the window’s categories and transfers meant for it', () => {
    const e = (id: string, category: 'A' | 'B' | 'C', priority: number, issuedAt: string, targetWindowId: string | null = null) => ({
      id,
      category,
      priority,
      issuedAt,
      targetWindowId,
    });
    const queue = [
      e('1', 'A', 0, '2026-03-02T01:00:00.000Z'),
      e('2', 'A', 0, '2026-03-02T01:01:00.000Z'),
      e('3', 'A', 1, '2026-03-02T01:05:00.000Z'),
      e('4', 'B', 1, '2026-03-02T00:59:00.000Z'),
      e('5', 'C', 0, '2026-03-02T00:58:00.000Z'),
      e('6', 'A', 1, '2026-03-02T01:06:00.000Z', 'w9'),
      e('7', 'A', 0, '2026-03-02T01:01:00.000Z'),
    ];
    expect(queueOrder(queue, { id: 'w1', categories: ['A'] }).map((x) => x.id)).toEqual(['3', '1', '2', '7']);
    expect(queueOrder(queue, { id: 'w9', categories: ['A'] }).map((x) => x.id)).toEqual(['3', '6', '1', '2', '7']);
    expect(queueOrder(queue, { id: 'w2', categories: ['A', 'B'] }).map((x) => x.id)).toEqual(['4', '3', '1', '2', '7']);
    expect(queueOrder(queue, { id: 'w3', categories: ['D'] })).toEqual([]);
  });

  it('announces and prints', () => {
    expect(announcement('A012', 3)).toBe('请A012号到3号窗口办理');
    const text = receiptText({ hallName: '罗庄区政务服务中心', number: 'A012', category: 'A', ahead: 5, issuedAt: '2026-03-02T01:15:00.000Z', priorityReasons: ['elderly'] });
    expect(text).toContain('排队号：A012');
    expect(text).toContain('前面还有 5 人等候');
    expect(text).toContain('2026-03-02 09:15');
    expect(text).toContain('绿色通道');
  });

  it('gives windows their categories by kind; bank points also take E', () => {
    expect(defaultCategories('intake', 'district')).toEqual(['A']);
    expect(defaultCategories('certificate', 'district')).toEqual(['C']);
    expect(defaultCategories('intake', 'partner', '中国农业银行临沂罗庄支行便民服务点')).toEqual(['A', 'E']);
    expect(defaultCategories('intake', 'partner', '银座超市罗庄店便民服务点')).toEqual(['A']);
  });
});

describe('appointment slots', () => {
  it('reads opening hours from the hall text, ignoring the bracketed summer variant', () => {
    expect(parseOpeningHours('工作日 上午9:00-12:00 下午13:30-17:30（夏季下午14:00-18:00）')).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(parseOpeningHours('营业时间内')).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(slotTimes([{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:00' }]).map((p) => `${p.start}-${p.end}`)).toEqual([
      '09:00-10:00',
      '10:00-11:00',
      '11:00-12:00',
      '13:30-14:30',
      '14:30-15:30',
      '15:30-16:30',
      '16:30-17:00',
    ]);
    expect(slotTimes([{ start: '09:00', end: '09:20' }])).toEqual([]);
  });

  it('skips weekends and holidays and honours make-up workdays (调休)', () => {
    // 2026: 春节 15–23 Feb off, Saturday 14 Feb and Saturday 28 Feb worked
    const cal = new Calendar([
      { date: '2026-02-14', kind: 'work', name: '春节调休上班' },
      ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => ({ date: `2026-02-${d}`, kind: 'off' as const, name: '春节' })),
      { date: '2026-02-28', kind: 'work', name: '春节调休上班' },
    ]);
    const r = generateSlots({ from: '2026-02-13', to: '2026-03-01', categories: ['A', 'C'], periods: [{ start: '09:00', end: '11:00' }], capacity: 5 }, cal);
    const days = [...new Set(r.slots.map((s) => s.date))];
    expect(days).toEqual(['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28']);
    expect(r.slots).toHaveLength(days.length * 2 * 2);
    expect(r.slots[0]).toEqual({ date: '2026-02-13', category: 'A', start: '09:00', end: '10:00', capacity: 5 });
    expect(r.skipped.find((s) => s.date === '2026-02-16')).toEqual({ date: '2026-02-16', reason: '春节' });
    expect(r.skipped.find((s) => s.date === '2026-03-01')).toEqual({ date: '2026-03-01', reason: '周末' });
  });

  it('opens check-in 30 minutes before the slot and closes it at the end (Asia/Shanghai)', () => {
    const slot = { date: '2026-03-02', start: '10:00', end: '11:00' };
    expect(canCheckIn(slot, '2026-03-02T01:29:59.000Z').ok).toBe(false); // 09:29:59 local
    expect(canCheckIn(slot, '2026-03-02T01:30:00.000Z').ok).toBe(true);
    expect(canCheckIn(slot, '2026-03-02T03:00:00.000Z').ok).toBe(true); // 11:00 local
    const late = canCheckIn(slot, '2026-03-02T03:00:01.000Z');
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.problem.code).toBe('check_in_too_late');
  });
});

describe('daily statistics', () => {
  it('takes nearest-rank percentiles, null for none', () => {
    expect(percentile([], 90)).toBeNull();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([5, 1], 50)).toBe(1);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(percentile([3, 1, 2], 100)).toBe(3);
    expect(percentile([3, 1, 2], 0)).toBe(1);
  });

  it('gives an empty day zeros and nulls', () => {
    const s = dailyStats('2026-03-02', []);
    expect(s.total).toEqual({ tickets: 0, called: 0, done: 0, noShow: 0, transferred: 0, waiting: 0, waitAvg: null, waitP90: null, serviceAvg: null, serviceP90: null });
    expect(s.categories).toEqual([]);
    expect(s.windows).toEqual([]);
    expect(s.clerks).toEqual([]);
    expect(s.appointments).toEqual({ booked: 0, checkedIn: 0, cancelled: 0, noShow: 0 });
  });

  it('counts per category, window and clerk; wait is issued → called, service serving → done', () => {
    const base = '2026-03-02T01:00:00.000Z';
    const at = (s: number) => new Date(new Date(base).getTime() + s * 1000).toISOString();
    const t = (over: Partial<StatTicket>): StatTicket => ({
      category: 'A',
      status: 'waiting',
      issuedAt: at(0),
      calledAt: null,
      servingAt: null,
      finishedAt: null,
      windowId: null,
      windowNumber: null,
      clerkId: null,
      clerkName: null,
      ...over,
    });
    const w1 = { windowId: 'w1', windowNumber: 1, clerkId: 'c1', clerkName: '王丽' };
    const w2 = { windowId: 'w2', windowNumber: 2, clerkId: 'c2', clerkName: '李强' };
    const s = dailyStats(
      '2026-03-02',
      [
        t({ status: 'done', calledAt: at(60), servingAt: at(90), finishedAt: at(390), ...w1 }),
        t({ status: 'done', calledAt: at(120), servingAt: at(130), finishedAt: at(230), ...w2 }),
        t({ status: 'no_show', calledAt: at(300), finishedAt: at(400), ...w1 }),
        t({ category: 'C', status: 'serving', calledAt: at(30), servingAt: at(40), ...w2 }),
        t({ category: 'C' }),
      ],
      [{ status: 'booked' }, { status: 'checked_in' }, { status: 'no_show' }, { status: 'cancelled' }],
    );
    expect(s.total).toMatchObject({ tickets: 5, called: 4, done: 2, noShow: 1, waiting: 1, waitAvg: 127.5, waitP90: 300, serviceAvg: 200, serviceP90: 300 });
    expect(s.categories.map((c) => [c.category, c.tickets, c.waiting])).toEqual([
      ['A', 3, 0],
      ['C', 2, 1],
    ]);
    expect(s.windows.map((w) => [w.windowNumber, w.called, w.done, w.noShow])).toEqual([
      [1, 2, 1, 1],
      [2, 2, 1, 0],
    ]);
    expect(s.clerks.find((c) => c.clerkId === 'c2')).toMatchObject({ clerkName: '李强', done: 1, serviceAvg: 100 });
    expect(s.appointments).toEqual({ booked: 3, checkedIn: 1, cancelled: 1, noShow: 1 });
  });
});
