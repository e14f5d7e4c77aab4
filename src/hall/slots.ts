/** Appointment slots: generated from the opening hours over the working days, listed per hall. */
import { getCalendar } from '../platform/calendar/store.js';
import type { Ctx } from '../platform/context.js';
import { uuidv7 } from '../platform/ids.js';
import { invalidField } from '../platform/problem.js';
import { addDaysIso, audit, loadHall, managedHall, servedCategories, today } from './context.js';
import { CATEGORIES, CATEGORY_CODES, generateSlots, isBankPoint, isHhmm, parseOpeningHours, type Category, type Period } from './model.js';
import * as policy from './policy.js';
import * as store from './store.js';
import { categoryOf } from './views.js';

export const MAX_SLOT_SPAN_DAYS = 92;

function slotView(s: store.SlotRow) {
  return {
    id: s.id,
    date: s.date,
    ...categoryOf(s.category),
    start: s.start_time,
    end: s.end_time,
    capacity: s.capacity,
    booked: s.booked,
    available: Math.max(0, s.capacity - s.booked),
  };
}

export interface GenerateInput {
  from: string;
  to: string;
  categories?: Category[];
  capacity?: number;
  periods?: Period[];
  lengthMinutes?: number;
}

/** Slots from the opening hours for the working days (holidays skipped, 调休 make-up days included). */
export async function generateHallSlots(ctx: Ctx, code: string, input: GenerateInput) {
  const hall = await managedHall(ctx, code, policy.canManageHall);
  if (input.to < input.from) throw invalidField('to', 'before_from', '结束日期早于开始日期', 'to is before from');
  const span = (new Date(`${input.to}T00:00:00Z`).getTime() - new Date(`${input.from}T00:00:00Z`).getTime()) / 86_400_000;
  if (span >= MAX_SLOT_SPAN_DAYS) throw invalidField('to', 'span_too_long', `一次最多生成 ${MAX_SLOT_SPAN_DAYS} 天`, `at most ${MAX_SLOT_SPAN_DAYS} days at once`);
  const served = await servedCategories(ctx.db, hall.id);
  const bank = isBankPoint(hall);
  const categories = input.categories ?? (bank ? (['E'] as Category[]) : CATEGORY_CODES.filter((c) => served.has(c) && c !== 'E'));
  for (const c of categories) {
    if (c === 'E' && !bank) throw invalidField('categories', 'bank_only', '银行开户（E）预约只能在合作银行网点设置', 'category E is for partner banks only');
    if (!served.has(c)) throw invalidField('categories', 'category_not_served', `本大厅没有办理「${CATEGORIES[c].zh}」的窗口`, `no window of this hall serves ${c}`);
  }
  const periods = input.periods ?? parseOpeningHours(hall.hours);
  for (const [i, p] of periods.entries()) {
    if (!isHhmm(p.start) || !isHhmm(p.end) || p.start >= p.end) throw invalidField(`periods.${i}`, 'invalid_period', '时段应为 HH:MM-HH:MM 且开始早于结束', 'a period is HH:MM-HH:MM, start before end');
  }
  const cal = await getCalendar(ctx.db);
  const plan = generateSlots({ from: input.from, to: input.to, categories, periods, capacity: input.capacity ?? 10, lengthMinutes: input.lengthMinutes }, cal);
  const now = ctx.clock.now();
  const rows: store.SlotRow[] = plan.slots.map((s) => ({
    id: uuidv7(),
    hall_id: hall.id,
    category: s.category,
    date: s.date,
    start_time: s.start,
    end_time: s.end,
    capacity: s.capacity,
    booked: 0,
    created_at: now,
  }));
  const created = await ctx.db.transaction().execute(async (tx) => {
    const n = await store.insertSlots(tx, rows);
    await audit(ctx, tx, { action: 'slots.generate', target: { type: 'hall', id: hall.id }, detail: `${hall.code} ${input.from}..${input.to} ${categories.join('')}: ${n} new` }, now);
    return n;
  });
  return { created, existing: rows.length - created, categories, periods, skipped: plan.skipped };
}

export async function listHallSlots(ctx: Ctx, code: string, q: { date?: string; from?: string; to?: string; category?: Category }) {
  const hall = await loadHall(ctx, code);
  const rows = await store.listSlots(ctx.db, { hallId: hall.id, ...q, to: q.to ?? (q.from && !q.date ? addDaysIso(q.from, 31) : undefined) });
  return { hall: { code: hall.code, name: hall.name, bankPoint: isBankPoint(hall) }, total: rows.length, items: rows.map(slotView) };
}

/**
 * Demo appointment slots (for the seed): the district centre's intake, certificate and assisted
 * service for the next `days` days, and bank-account opening (E) at the 15 partner banks.
 */
export async function seedDemoSlots(ctx: Ctx, from: string = today(ctx), days = 14) {
  const to = addDaysIso(from, days - 1);
  let created = 0;
  created += (await generateHallSlots(ctx, 'C00', { from, to, categories: ['A', 'C', 'D'], capacity: 20 })).created;
  const partners = await store.listHalls(ctx.db, { tier: 'partner' });
  for (const p of partners.filter(isBankPoint)) created += (await generateHallSlots(ctx, p.code, { from, to, categories: ['E'], capacity: 3 })).created;
  return { slots: created };
}
