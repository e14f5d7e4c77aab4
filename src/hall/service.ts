/**
 * Hall use cases — the module's public entry: the hall tree and windows, tickets and calling,
 * displays, appointments, the kiosk, the manager's board and statistics, the sweeps. One
 * transaction per use case, each with its audit record and the hall events the displays follow
 * (published after commit, see hub.ts and context.ts). Each group lives in its own file:
 *
 * - halls.ts — the hall tree; windows.ts — signing in and out, window settings;
 * - tickets.ts — taking and reading tickets, links to cases; calling.ts — the window's actions;
 * - display.ts — the hall display; manager.ts — the live board and daily statistics;
 * - slots.ts — appointment slots; appointments.ts — booking; checkin.ts — check-in on the day;
 * - sweeps.ts — no-shows, stale tickets, reminders.
 */
export { getHall, importHalls, listHalls } from './halls.js';
export { getWindow, myWindow, signIn, signOut, updateWindowSettings } from './windows.js';
export { getTicket, issueTicket, linkTicketToCase, ticketsOfCase, type IssueInput } from './tickets.js';
export { callNext, finishTicket, markNoShow, recallTicket, startServing, transferTicket } from './calling.js';
export { ticketView } from './views.js';
export { displaySnapshot, RECENT_CALLS } from './display.js';
export { hallBoard, hallStats } from './manager.js';
export { generateHallSlots, listHallSlots, MAX_SLOT_SPAN_DAYS, seedDemoSlots, type GenerateInput } from './slots.js';
export {
  bookAppointment,
  cancelAppointment,
  getAppointment,
  listAppointments,
  NO_SHOW_DAYS,
  NO_SHOW_LIMIT,
  rescheduleAppointment,
  type BookInput,
} from './appointments.js';
export { checkInAppointment, kioskCheckIn } from './checkin.js';
export { appointmentReminders, closeStaleTickets, enqueueAppointmentReminders, hallSweep, markNoShows } from './sweeps.js';
export { PRIORITY_ZH } from './model.js';
