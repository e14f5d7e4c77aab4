/**
 * Appointments (预约): booking a seat under any concurrency, reading, cancelling, rescheduling;
 * the SMS notices of a booking. Check-in on the day: checkin.ts; no-shows and reminders: sweeps.ts.
 */
import { getApplicant } from '../accounts/service.js';
import { shanghaiDate } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import { uuidv7 } from '../platform/ids.js';
import { maskIdNumber, maskName, maskPhone, validateResidentId, validateUscc } from '../platform/identifiers.js';
import { enqueue } from '../platform/outbox/store.js';
import type { Notice } from '../platform/outbox/model.js';
import { conflict, forbidden, invalidField, invalidFields, notFound, Problem, unauthenticated } from '../platform/problem.js';
import { addDaysIso, APPOINTMENT, audit, hallLookup, loadHall, SLOT, type Tx } from './context.js';
import { CATEGORIES, checkInWindow, localInstant, type AppointmentStatus, type Category } from './model.js';
import * as policy from './policy.js';
import * as store from './store.js';
import { categoryOf, hallRef } from './views.js';

/** Booking is paused for a holder with this many no-shows in the last NO_SHOW_DAYS days (爽约限制). */
export const NO_SHOW_LIMIT = 3;
export const NO_SHOW_DAYS = 30;

export function appointmentView(a: store.AppointmentRow, hall: Pick<store.HallRow, 'code' | 'name'> | undefined, full: boolean) {
  const w = checkInWindow({ date: a.date, start: a.start_time, end: a.end_time });
  return {
    id: a.id,
    hall: hall ? hallRef(hall) : null,
    slotId: a.slot_id,
    ...categoryOf(a.category),
    date: a.date,
    start: a.start_time,
    end: a.end_time,
    status: a.status as AppointmentStatus,
    holderKind: a.holder_kind as 'person' | 'enterprise',
    holder: full ? a.holder_key : a.holder_kind === 'person' ? maskIdNumber(a.holder_key) : a.holder_key,
    name: full ? a.name : maskName(a.name),
    phone: full ? a.phone : maskPhone(a.phone),
    purpose: a.purpose,
    bookedAt: a.booked_at,
    cancelledAt: a.cancelled_at,
    checkedInAt: a.checked_in_at,
    ticketId: a.ticket_id,
    rescheduledFrom: a.rescheduled_from,
    checkInOpens: w.opens,
    checkInCloses: w.closes,
  };
}

export interface BookInput {
  slotId: string;
  idNumber?: string;
  uscc?: string;
  name?: string;
  phone?: string;
  purpose?: string;
}

interface Holder {
  key: string;
  kind: 'person' | 'enterprise';
  applicantId: string | null;
  name: string;
  phone: string;
}

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/**
 * Whom a booking is for, by the enterprise's USCC (first) or the person's ID number: the checked
 * key, or the field at fault; null when neither is given.
 */
export function holderKey(
  input: { idNumber?: string; uscc?: string },
  date: string,
): { ok: true; key: string; kind: Holder['kind'] } | { ok: false; field: 'uscc' | 'idNumber'; code: string; zh: string; en: string } | null {
  if (input.uscc) {
    const r = validateUscc(input.uscc);
    return r.ok ? { ok: true, key: input.uscc.toUpperCase(), kind: 'enterprise' } : { ok: false, field: 'uscc', code: r.code, zh: r.zh, en: r.en };
  }
  if (input.idNumber) {
    const r = validateResidentId(input.idNumber, date);
    return r.ok ? { ok: true, key: r.value, kind: 'person' } : { ok: false, field: 'idNumber', code: r.code, zh: r.zh, en: r.en };
  }
  return null;
}

/** Who the booking is for: the applicant logged in, or the person a clerk names. */
async function holderOf(ctx: Ctx, input: BookInput, date: string): Promise<Holder> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  if (actor.kind === 'applicant') {
    if (!actor.applicantId) throw forbidden({ zh: '账号未关联申请人', en: 'This account acts for no applicant' });
    const a = await getApplicant(ctx, actor.applicantId);
    return {
      key: (a.idNumber ?? a.uscc)!,
      kind: a.kind,
      applicantId: a.id,
      name: a.kind === 'enterprise' && input.name ? input.name : a.name,
      phone: input.phone && PHONE.test(input.phone) ? input.phone : a.phone,
    };
  }
  if (!policy.canActForApplicants(actor)) throw forbidden({ zh: '无权代为预约', en: 'Not allowed to book for others' });
  const errors: { field: string; code: string; zh: string; en: string }[] = [];
  let key = '';
  let kind: Holder['kind'] = 'person';
  const k = holderKey(input, date);
  if (!k) errors.push({ field: 'idNumber', code: 'required', zh: '请填写身份证号码或统一社会信用代码', en: 'an ID number or a USCC is required' });
  else if (!k.ok) errors.push({ field: k.field, code: k.code, zh: k.zh, en: k.en });
  else ({ key, kind } = k);
  if (!input.name?.trim()) errors.push({ field: 'name', code: 'required', zh: '必填', en: 'required' });
  if (!input.phone || !PHONE.test(input.phone)) errors.push({ field: 'phone', code: 'invalid_phone', zh: '手机号码或固定电话格式不正确', en: 'not a valid phone number' });
  if (errors.length) throw invalidFields(errors);
  return { key, kind, applicantId: null, name: input.name!.trim(), phone: input.phone! };
}

function slotOpenForBooking(slot: store.SlotRow, now: string) {
  if (localInstant(slot.date, slot.end_time) <= now) {
    throw new Problem(409, 'slot_closed', { zh: '该预约时段已结束', en: 'This slot is over' });
  }
}

/**
 * Books a seat: at most one active booking per person (or enterprise), category and day; the seat
 * is taken with `booked = booked + 1 WHERE booked < capacity`, so capacity holds under any
 * concurrency (409 `slot_full` otherwise).
 */
export async function bookAppointment(ctx: Ctx, input: BookInput) {
  const now = ctx.clock.now();
  const holder = await holderOf(ctx, input, shanghaiDate(now));
  const slot = await store.findSlot(ctx.db, input.slotId);
  if (!slot) throw notFound(SLOT);
  slotOpenForBooking(slot, now);
  if (slot.category === 'E' && holder.kind !== 'enterprise') {
    throw invalidField('uscc', 'enterprise_only', '银行开户预约仅限新办企业（请以企业身份或统一社会信用代码预约）', 'bank account appointments are for enterprises (give a USCC)');
  }
  const hall = (await store.findHallById(ctx.db, slot.hall_id))!;
  const since = addDaysIso(shanghaiDate(now), -NO_SHOW_DAYS);
  if ((await store.countNoShows(ctx.db, holder.key, since)) >= NO_SHOW_LIMIT) {
    throw conflict('booking_suspended', { zh: `近${NO_SHOW_DAYS}天内爽约已达${NO_SHOW_LIMIT}次，暂停网上预约，请现场取号`, en: `${NO_SHOW_LIMIT} no-shows in ${NO_SHOW_DAYS} days: booking is suspended` });
  }
  const row: store.AppointmentRow = {
    id: uuidv7(),
    slot_id: slot.id,
    hall_id: slot.hall_id,
    category: slot.category,
    date: slot.date,
    start_time: slot.start_time,
    end_time: slot.end_time,
    holder_key: holder.key,
    holder_kind: holder.kind,
    applicant_id: holder.applicantId,
    name: holder.name,
    phone: holder.phone,
    purpose: input.purpose ?? (slot.category === 'E' ? '新办企业银行开户' : null),
    status: 'booked',
    booked_by: ctx.actor!.accountId,
    booked_at: now,
    cancelled_at: null,
    checked_in_at: null,
    no_show_at: null,
    ticket_id: null,
    rescheduled_from: null,
  };
  await bookRow(ctx, row, async (tx) => {
    await audit(ctx, tx, { action: 'appointment.book', target: { type: 'appointment', id: row.id }, detail: `${hall.code} ${slot.date} ${slot.start_time} ${slot.category}` }, now);
    await enqueue(tx, [appointmentNotice(row, hall, 'confirmation', now)], now);
  });
  return appointmentView(row, hall, true);
}

const alreadyBooked = () =>
  conflict('already_booked', { zh: '同一业务类别同一天只能有一个有效预约', en: 'One active booking per category and day' });
const slotFull = () => conflict('slot_full', { zh: '该时段已约满，请选择其他时段', en: 'This slot is fully booked' });
export const appointmentChanged = () => conflict('appointment_changed', { zh: '预约状态已变化，请刷新', en: 'The appointment changed meanwhile' });

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err?.message ?? '');
}

async function bookRow(ctx: Ctx, row: store.AppointmentRow, inTx: (tx: Tx) => Promise<void>, before?: (tx: Tx) => Promise<void>) {
  try {
    await ctx.db.transaction().execute(async (tx) => {
      if (before) await before(tx);
      if (await store.activeAppointment(tx, row.holder_key, row.category, row.date)) throw alreadyBooked();
      if (!(await store.takeSeat(tx, row.slot_id))) throw slotFull();
      await store.insertAppointment(tx, row);
      await inTx(tx);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw alreadyBooked();
    throw e;
  }
}

/** Ends a booking as cancelled and frees its seat (only if it still is booked). */
async function cancelBooking(tx: Tx, a: store.AppointmentRow, now: string) {
  if (!(await store.updateAppointment(tx, a.id, ['booked'], { status: 'cancelled', cancelled_at: now }))) throw appointmentChanged();
  await store.releaseSeat(tx, a.slot_id);
}

export async function visibleAppointment(ctx: Ctx, id: string) {
  if (!ctx.actor) throw unauthenticated();
  const a = await store.findAppointment(ctx.db, id);
  if (!a || !policy.canSeeAppointment(ctx.actor, a)) throw notFound(APPOINTMENT);
  return a;
}

export async function getAppointment(ctx: Ctx, id: string) {
  const a = await visibleAppointment(ctx, id);
  return appointmentView(a, await store.findHallById(ctx.db, a.hall_id), true);
}

/** An applicant's own bookings; staff: their hall's (admin: any hall, `hall` filter). */
export async function listAppointments(ctx: Ctx, q: { hall?: string; date?: string; status?: AppointmentStatus; category?: Category }) {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  let hallId: string | undefined;
  if (q.hall) hallId = (await loadHall(ctx, q.hall)).id;
  const scope: { hallId?: string; applicantId?: string } = {};
  if (actor.kind === 'applicant') {
    if (!actor.applicantId) return { total: 0, items: [] };
    scope.applicantId = actor.applicantId;
    scope.hallId = hallId;
  } else if (actor.roles.includes('admin')) {
    scope.hallId = hallId;
  } else {
    if (!actor.hallId || (hallId && hallId !== actor.hallId)) return { total: 0, items: [] };
    scope.hallId = actor.hallId;
  }
  const rows = await store.listAppointments(ctx.db, { ...scope, date: q.date, status: q.status, category: q.category, limit: 500 });
  const hallOf = hallLookup(ctx.db);
  const items = [];
  for (const r of rows) items.push(appointmentView(r, await hallOf(r.hall_id), actor.kind === 'applicant'));
  return { total: rows.length, items };
}

export async function cancelAppointment(ctx: Ctx, id: string) {
  const a = await visibleAppointment(ctx, id);
  if (a.status !== 'booked') throw conflict('invalid_appointment_state', { zh: '只能取消尚未签到的有效预约', en: `A ${a.status} appointment cannot be cancelled` });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await cancelBooking(tx, a, now);
    await audit(ctx, tx, { action: 'appointment.cancel', target: { type: 'appointment', id } }, now);
  });
  return getAppointment(ctx, id);
}

/** Moves a booking to another slot of the same category (the old one ends `cancelled`, linked). */
export async function rescheduleAppointment(ctx: Ctx, id: string, slotId: string) {
  const a = await visibleAppointment(ctx, id);
  if (a.status !== 'booked') throw conflict('invalid_appointment_state', { zh: '只能改约尚未签到的有效预约', en: `A ${a.status} appointment cannot be rescheduled` });
  const slot = await store.findSlot(ctx.db, slotId);
  if (!slot) throw notFound(SLOT);
  if (slot.id === a.slot_id) throw invalidField('slotId', 'same_slot', '新时段与原时段相同', 'that is the current slot');
  if (slot.category !== a.category) throw invalidField('slotId', 'other_category', '只能改约到同一业务类别的时段', 'the new slot must be of the same category');
  const now = ctx.clock.now();
  slotOpenForBooking(slot, now);
  const row: store.AppointmentRow = {
    ...a,
    id: uuidv7(),
    slot_id: slot.id,
    hall_id: slot.hall_id,
    date: slot.date,
    start_time: slot.start_time,
    end_time: slot.end_time,
    status: 'booked',
    booked_by: ctx.actor!.accountId,
    booked_at: now,
    rescheduled_from: a.id,
  };
  await bookRow(
    ctx,
    row,
    async (tx) => {
      await audit(ctx, tx, { action: 'appointment.reschedule', target: { type: 'appointment', id: a.id }, detail: `→ ${row.id} ${slot.date} ${slot.start_time}` }, now);
      await enqueue(tx, [appointmentNotice(row, (await store.findHallById(tx, row.hall_id))!, 'confirmation', now)], now);
    },
    (tx) => cancelBooking(tx, a, now),
  );
  return appointmentView(row, await store.findHallById(ctx.db, row.hall_id), true);
}

/** The SMS of a booking: its confirmation, or the reminder (sent from 18:00 the day before). */
export function appointmentNotice(a: store.AppointmentRow, hall: store.HallRow, kind: 'confirmation' | 'reminder', at: string): Notice {
  const category = CATEGORIES[a.category as Category].zh;
  const when = `${a.date} ${a.start_time}-${a.end_time}`;
  const body =
    kind === 'confirmation'
      ? `【罗庄区政务服务】${a.name}，您已成功预约${when}在${hall.name}办理${category}业务。请携带有效证件，于预约时段开始前30分钟内到达并在自助机签到取号。如需取消请提前操作。`
      : `【罗庄区政务服务】${a.name}，提醒您明天${when}在${hall.name}（${hall.address}）办理${category}业务，请携带有效证件于预约时段开始前30分钟内到达并签到取号。如不能前往请提前取消预约。`;
  // reminders go out from 18:00 (Asia/Shanghai) the day before
  const notBefore = kind === 'reminder' ? new Date(new Date(`${addDaysIso(a.date, -1)}T18:00:00+08:00`).getTime()).toISOString() : undefined;
  return {
    channel: 'sms',
    recipient: a.phone,
    kind: `hall.appointment_${kind}`,
    body,
    payload: { appointmentId: a.id, hall: hall.code, date: a.date, start: a.start_time, end: a.end_time, category: a.category },
    dedupeKey: `hall.appointment_${kind}:${a.id}`,
    ...(notBefore && notBefore > at ? { notBefore } : {}),
  };
}
