/** How halls, windows and tickets are shown: the API's shapes of the store's rows. */
import { maskIdNumber } from '../platform/identifiers.js';
import {
  CATEGORIES,
  HALL_TIERS,
  isBankPoint,
  STATUS_ZH,
  WINDOW_KINDS,
  type Category,
  type HallTier,
  type PriorityReason,
  type TicketSource,
  type TicketStatus,
  type WindowKind,
} from './model.js';
import type * as store from './store.js';

/** A business category with its name. */
export const categoryOf = (code: string) => ({ category: code as Category, categoryName: CATEGORIES[code as Category].zh });

/** How a hall is named in other views. */
export const hallRef = (h: Pick<store.HallRow, 'code' | 'name'>) => ({ code: h.code, name: h.name });

export function hallView(h: store.HallRow, parentCode: string | null) {
  return {
    id: h.id,
    code: h.code,
    name: h.name,
    tier: h.tier as HallTier,
    tierName: HALL_TIERS[h.tier as HallTier],
    parentCode,
    divisionCode: h.division_code,
    address: h.address,
    phone: h.phone,
    hours: h.hours,
    areas: JSON.parse(h.areas) as string[],
    departments: JSON.parse(h.departments) as string[],
    bankPoint: isBankPoint(h),
  };
}

export const windowCategories = (w: store.WindowRow) => JSON.parse(w.categories) as Category[];

/** The categories some of these windows serve, sorted. */
export const servedBy = (windows: store.WindowRow[]) => [...new Set(windows.flatMap(windowCategories))].sort();

/** Window id → window number. */
export const windowNumbers = (windows: store.WindowRow[]) => new Map(windows.map((w) => [w.id, w.number]));

/** The waiting counts of these categories (0 where none waits). */
export const waitingIn = (categories: string[], counts: Record<string, number>) => Object.fromEntries(categories.map((c) => [c, counts[c] ?? 0]));

export function windowView(w: store.WindowRow, opts: { staff?: 'name' | 'full' } = {}) {
  return {
    id: w.id,
    number: w.number,
    name: w.name,
    kind: w.kind as WindowKind,
    kindName: WINDOW_KINDS[w.kind as WindowKind],
    open: w.open === 1,
    categories: windowCategories(w),
    staff:
      w.staff_id && opts.staff
        ? opts.staff === 'full'
          ? { id: w.staff_id, name: w.staff_name, signedInAt: w.signed_in_at }
          : { name: w.staff_name }
        : null,
  };
}

export function ticketView(t: store.TicketRow, opts: { full?: boolean; windowNumber?: number | null } = {}) {
  return {
    id: t.id,
    number: t.number,
    ...categoryOf(t.category),
    status: t.status as TicketStatus,
    statusName: STATUS_ZH[t.status as TicketStatus],
    source: t.source as TicketSource,
    priority: t.priority,
    priorityReasons: JSON.parse(t.priority_reasons) as PriorityReason[],
    date: t.date,
    issuedAt: t.issued_at,
    calledAt: t.called_at,
    servingAt: t.serving_at,
    finishedAt: t.finished_at,
    recalls: t.recalls,
    windowId: t.window_id,
    windowNumber: opts.windowNumber ?? null,
    targetWindowId: t.target_window_id,
    clerkName: t.clerk_name,
    appointmentId: t.appointment_id,
    transferredFrom: t.transferred_from,
    transferredTo: t.transferred_to,
    /** masked unless the viewer is the clerk at the desk */
    idNumber: t.id_number ? (opts.full ? t.id_number : maskIdNumber(t.id_number)) : null,
    applicantId: opts.full ? t.applicant_id : null,
  };
}

/** What a display shows of a ticket: no personal data at all. */
export const publicTicket = (t: store.TicketRow, windowNumber?: number | null) => ({
  id: t.id,
  number: t.number,
  category: t.category,
  status: t.status,
  priority: t.priority,
  windowNumber: windowNumber ?? null,
});
