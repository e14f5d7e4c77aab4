/** Who may do what in a hall. One function per action; routes and services ask before acting. */
import { hasRole, isAdmin, type Actor } from '../platform/actor.js';
import type { AppointmentRow, WindowRow } from './store.js';

/** Roles that staff a window (综合受理, 出证, 帮办代办; a hall manager may stand in). */
export const WINDOW_ROLES = ['clerk', 'cert', 'assistant', 'manager'] as const;

/** Staff see their own hall's windows and tickets; the admin sees all. Others get a 404. */
export const seesHall = (a: Actor | null, hallId: string): boolean =>
  isAdmin(a) || (!!a && a.kind === 'staff' && a.hallId === hallId);

/** Sign in at a window: staff of that hall in a window role. */
export const canSignIn = (a: Actor | null, w: Pick<WindowRow, 'hall_id'>): boolean =>
  !!a && a.kind === 'staff' && a.hallId === w.hall_id && hasRole(a, ...WINDOW_ROLES);

/** Call and handle tickets at a window: the clerk signed in there. */
export const isSignedInAt = (a: Actor | null, w: Pick<WindowRow, 'staff_id'>): boolean => !!a && !!w.staff_id && w.staff_id === a.accountId;

/** Hall administration (windows, slots, board): the hall's manager, or the admin. */
export const canManageHall = (a: Actor | null, hallId: string): boolean => isAdmin(a) || (hasRole(a, 'manager') && a!.hallId === hallId);

/** Daily statistics: the hall's manager, the admin, the leaders. */
export const canViewStats = (a: Actor | null, hallId: string): boolean => canManageHall(a, hallId) || hasRole(a, 'leader');

/** Handle a ticket at a window: the clerk signed in at the ticket's window, or the hall's manager. */
export const canHandleTicket = (a: Actor | null, w: Pick<WindowRow, 'hall_id' | 'staff_id'>): boolean =>
  isSignedInAt(a, w) || canManageHall(a, w.hall_id);

/** Front-desk staff may take a ticket or book an appointment for someone present or on the phone. */
export const canActForApplicants = (a: Actor | null): boolean => hasRole(a, 'clerk', 'assistant', 'cert', 'manager', 'admin');

/** Issue a ticket as staff (source `clerk`): staff of that hall, or the admin. */
export const canIssueAsStaff = (a: Actor | null, hallId: string): boolean => seesHall(a, hallId) && canActForApplicants(a);

/** An appointment: its applicant, staff of its hall, whoever booked it, the admin. */
export const canSeeAppointment = (a: Actor | null, ap: Pick<AppointmentRow, 'applicant_id' | 'hall_id' | 'booked_by'>): boolean =>
  !!a &&
  ((a.kind === 'applicant' && !!a.applicantId && a.applicantId === ap.applicant_id) ||
    seesHall(a, ap.hall_id) ||
    (a.kind === 'staff' && ap.booked_by === a.accountId));

export const canChangeAppointment = canSeeAppointment;
