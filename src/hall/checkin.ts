/** Check-in of an appointment on the day (desk, portal or kiosk): a priority ticket. */
import { shanghaiDate } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import { validateResidentId } from '../platform/identifiers.js';
import { conflict, invalidField, Problem } from '../platform/problem.js';
import { appointmentChanged, appointmentView, holderKey, visibleAppointment } from './appointments.js';
import { loadHall, today, work } from './context.js';
import { canCheckIn, ticketPriority, type Category } from './model.js';
import * as store from './store.js';
import { createTicket, issued } from './tickets.js';

/** Check-in on the day, from 30 minutes before the slot to its end: a priority ticket. */
export async function checkInAppointment(ctx: Ctx, id: string) {
  const a = await visibleAppointment(ctx, id);
  return doCheckIn(ctx, a);
}

/** The kiosk's check-in: by the ID number (or USCC) of a booking at this hall today. */
export async function kioskCheckIn(ctx: Ctx, hallCode: string, input: { idNumber?: string; uscc?: string }) {
  const hall = await loadHall(ctx, hallCode);
  const date = today(ctx);
  const k = holderKey(input, date);
  if (!k) throw invalidField('idNumber', 'required', '请刷身份证或输入身份证号码', 'an ID number (or a USCC) is required');
  if (!k.ok) throw invalidField(k.field, k.code, k.zh, k.en);
  const found = await store.bookedForCheckIn(ctx.db, hall.id, k.key, date);
  if (found.length === 0) throw new Problem(404, 'appointment_not_found', { zh: '未查询到您今天在本大厅的预约', en: 'No booking here today for this person' });
  const now = ctx.clock.now();
  const open = found.find((a) => canCheckIn({ date: a.date, start: a.start_time, end: a.end_time }, now).ok) ?? found[0];
  return doCheckIn(ctx, open);
}

async function doCheckIn(ctx: Ctx, a: store.AppointmentRow) {
  if (a.status !== 'booked') throw conflict('invalid_appointment_state', { zh: '该预约已签到、取消或过期', en: `A ${a.status} appointment cannot be checked in` });
  const now = ctx.clock.now();
  const ok = canCheckIn({ date: a.date, start: a.start_time, end: a.end_time }, now);
  if (!ok.ok) throw ok.problem;
  const hall = (await store.findHallById(ctx.db, a.hall_id))!;
  const date = shanghaiDate(now);
  const birthDate = a.holder_kind === 'person' ? (validateResidentId(a.holder_key, date) as { birthDate?: string }).birthDate : null;
  const { priority, reasons } = ticketPriority({ appointment: true, birthDate }, date);
  const { row, ahead } = await work(ctx, async (w) => {
    const made = await createTicket(w, hall, {
      category: a.category as Category,
      source: 'appointment',
      date,
      at: now,
      priority,
      reasons,
      idNumber: a.holder_kind === 'person' ? a.holder_key : null,
      applicantId: a.applicant_id,
      appointmentId: a.id,
      issuedBy: ctx.actor?.accountId ?? null,
    });
    if (!(await store.updateAppointment(w.tx, a.id, ['booked'], { status: 'checked_in', checked_in_at: now, ticket_id: made.row.id }))) throw appointmentChanged();
    await w.audit({ action: 'appointment.check_in', target: { type: 'appointment', id: a.id }, detail: `${hall.code} ticket ${made.row.number}` });
    return made;
  });
  return {
    appointment: appointmentView({ ...a, status: 'checked_in', checked_in_at: now, ticket_id: row.id }, hall, !!ctx.actor),
    ...issued(hall, row, ahead, !!ctx.actor),
  };
}
