import type { Figures } from '../../../src/hall/model.js';
import { query, request } from '../api/http.js';

/** Ticket categories: A 综合受理 · B 咨询 · C 出证 · D 帮办代办 · E 银行开户 (partner banks). */
export type Category = 'A' | 'B' | 'C' | 'D' | 'E';
export const CATEGORY_CODES: readonly Category[] = ['A', 'B', 'C', 'D', 'E'];
export const isCategory = (s: unknown): s is Category => typeof s === 'string' && (CATEGORY_CODES as readonly string[]).includes(s);

export type WindowKind = 'intake' | 'consult' | 'certificate' | 'assist';
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'transferred';
export type PriorityReason = 'appointment' | 'elderly' | 'disabled' | 'pregnant' | 'transferred';
export type TicketSource = 'kiosk' | 'clerk' | 'portal' | 'appointment';

/** waiting tickets per category, e.g. {"A": 12} */
export type Waiting = Partial<Record<Category, number>>;

export interface HallRef {
  code: string;
  name: string;
}

export interface Ticket {
  id: string;
  number: string;
  category: Category;
  categoryName: string;
  status: TicketStatus;
  statusName: string;
  source: TicketSource;
  priority: number;
  priorityReasons: PriorityReason[];
  date: string;
  issuedAt: string;
  calledAt: string | null;
  servingAt: string | null;
  finishedAt: string | null;
  recalls: number;
  windowId: string | null;
  windowNumber: number | null;
  targetWindowId: string | null;
  clerkName: string | null;
  appointmentId: string | null;
  transferredFrom: string | null;
  transferredTo: string | null;
  idNumber: string | null;
  applicantId: string | null;
}

export interface HallWindow {
  id: string;
  number: number;
  name: string;
  kind: WindowKind;
  kindName: string;
  open: boolean;
  categories: Category[];
  staff: { id?: string; name: string | null; signedInAt?: string | null } | null;
}

export interface Hall {
  id: string;
  code: string;
  name: string;
  tier: string;
  tierName: string;
  parentCode: string | null;
  address: string;
  phone: string | null;
  hours: string;
  areas: string[];
  bankPoint: boolean;
}

export interface HallDetail extends Hall {
  windows: HallWindow[];
}

export interface WindowState extends HallWindow {
  hall: HallRef;
  current: Ticket | null;
  waiting: Waiting;
  waitingTotal: number;
}

export interface Issued {
  ticket: Ticket;
  hall: HallRef;
  ahead: number;
  receipt: string;
}

export interface Appointment {
  id: string;
  hall: HallRef | null;
  slotId: string;
  category: Category;
  categoryName: string;
  date: string;
  start: string;
  end: string;
  status: string;
  holderKind: 'person' | 'enterprise';
  holder: string;
  name: string;
  phone: string;
  purpose: string | null;
  checkInOpens: string;
  checkInCloses: string;
  ticketId: string | null;
}

export interface CheckedIn extends Issued {
  appointment: Appointment;
}

export interface CallResult {
  ticket: Ticket | null;
  announcement: string | null;
  closed: Ticket[];
  waiting: Waiting;
}

// --- display ------------------------------------------------------------------------------------

export interface DisplayCurrent {
  ticketId: string;
  number: string;
  category: Category;
  status: string;
  calledAt: string | null;
  recalls: number;
}

export interface DisplayWindow extends HallWindow {
  current: DisplayCurrent | null;
}

export interface RecentCall {
  ticketId: string;
  number: string;
  category: Category;
  status: string;
  windowNumber: number;
  at: string;
  announcement: string;
}

export interface DisplaySnapshot {
  hall: HallRef;
  date: string;
  at: string;
  lastEventId: number;
  windows: DisplayWindow[];
  recentCalls: RecentCall[];
  waiting: Waiting;
  announcement: string | null;
}

/** What a display sees of a ticket: no personal data. */
export interface PublicTicket {
  id: string;
  number: string;
  category: Category;
  status: TicketStatus;
  priority: number;
  windowNumber: number | null;
}

export interface CallEvent {
  ticket: PublicTicket;
  windowId: string;
  windowNumber: number;
  windowName: string;
  recall: number;
  announcement: string;
  waiting: Waiting;
  at: string;
}

export interface TicketEvent {
  action: 'issued' | 'done' | 'no_show' | 'transferred' | 'serving';
  ticket: PublicTicket;
  waiting?: Waiting;
  at: string;
}

export interface WindowEvent {
  action: 'sign_in' | 'sign_out' | 'settings';
  window: HallWindow;
  at: string;
}

// --- manager ------------------------------------------------------------------------------------

/** The hall's figures for a day (the server's own type, src/hall/model.ts). */
export type { Figures };

export interface BoardWindow extends HallWindow {
  current: Ticket | null;
  servedToday: number;
  calledToday: number;
}

export interface QueuedTicket extends Ticket {
  waitedSeconds: number;
  targetWindowNumber: number | null;
}

export interface Board {
  hall: HallRef;
  date: string;
  at: string;
  windows: BoardWindow[];
  onDuty: { staffId: string; name: string | null; windowId: string; windowNumber: number; signedInAt: string | null }[];
  waiting: Waiting;
  queue: QueuedTicket[];
  totals: Figures;
}

export interface Stats {
  hall: HallRef;
  date: string;
  total: Figures;
  categories: (Figures & { category: Category; name: string })[];
  windows: (Figures & { windowId: string; windowNumber: number | null })[];
  clerks: (Figures & { clerkId: string; clerkName: string | null })[];
  appointments: { booked: number; checkedIn: number; cancelled: number; noShow: number };
}

export interface Progress {
  caseNo: string;
  itemName: string;
  departmentName: string;
  applicantName: string;
  status: string;
  statusName: string;
  acceptedOn: string | null;
  promisedDue: string | null;
  paused: boolean;
  deliveryMode: string | null;
  timeline: { at: string; action: string; actionName: string; status: string; statusName: string }[];
}

// --- calls --------------------------------------------------------------------------------------

const enc = encodeURIComponent;
/** POSTs with a JSON content type carry `{}` at least. */
const post = <T>(path: string, json: unknown = {}, signal?: AbortSignal) => request<T>(path, { method: 'POST', json, signal });

export const fetchHalls = (signal?: AbortSignal) => request<{ total: number; items: Hall[] }>('/api/v1/halls', { signal });
export const fetchHall = (code: string, signal?: AbortSignal) => request<HallDetail>(`/api/v1/halls/${enc(code)}`, { signal });
export const fetchDisplay = (code: string, signal?: AbortSignal) => request<DisplaySnapshot>(`/api/v1/halls/${enc(code)}/display`, { signal });
export const hallEventsUrl = (code: string) => `/api/v1/halls/${enc(code)}/events`;

export const takeTicket = (code: string, body: { category: Category; idNumber?: string; disabled?: boolean; pregnant?: boolean }) =>
  post<Issued>(`/api/v1/halls/${enc(code)}/tickets`, body);
export const kioskCheckIn = (code: string, body: { idNumber?: string; uscc?: string }) => post<CheckedIn>(`/api/v1/halls/${enc(code)}/check-in`, body);
export const fetchProgress = (caseNo: string, idTail: string, signal?: AbortSignal) =>
  request<Progress>(`/api/v1/progress${query({ caseNo, idTail })}`, { signal });

export const fetchMyWindow = (signal?: AbortSignal) => request<{ window: WindowState | null }>('/api/v1/windows/mine', { signal });
export const fetchWindow = (id: string, signal?: AbortSignal) => request<WindowState>(`/api/v1/windows/${enc(id)}`, { signal });
export const signIn = (id: string, takeOver = false) => post<WindowState>(`/api/v1/windows/${enc(id)}/sign-in`, takeOver ? { takeOver: true } : {});
export const signOut = (id: string) => post<WindowState>(`/api/v1/windows/${enc(id)}/sign-out`);
export const callNext = (id: string) => post<CallResult>(`/api/v1/windows/${enc(id)}/call-next`);
export const updateWindow = (id: string, patch: { open?: boolean; categories?: Category[] }) =>
  request<WindowState>(`/api/v1/windows/${enc(id)}`, { method: 'PATCH', json: patch });

export type TicketAction = 'recall' | 'start' | 'finish' | 'no-show';
export const ticketAction = (id: string, action: TicketAction) => post<{ ticket: Ticket; announcement?: string | null }>(`/api/v1/tickets/${enc(id)}/${action}`);
export const transferTicket = (id: string, to: { category?: Category; windowId?: string }) =>
  post<{ ticket: Ticket; followUp: Ticket }>(`/api/v1/tickets/${enc(id)}/transfer`, to);
/** Links the ticket at the window to a case it produced (for the intake desk). */
export const linkTicketToCase = (ticketId: string, caseNo: string) =>
  post<{ ticketId: string; caseNo: string; cases: string[] }>(`/api/v1/tickets/${enc(ticketId)}/cases`, { caseNo });

export const fetchBoard = (code: string, signal?: AbortSignal) => request<Board>(`/api/v1/halls/${enc(code)}/board`, { signal });
export const fetchStats = (code: string, date: string | undefined, signal?: AbortSignal) =>
  request<Stats>(`/api/v1/halls/${enc(code)}/stats${query({ date })}`, { signal });

// --- helpers ------------------------------------------------------------------------------------

/** YYYY-MM-DD in Asia/Shanghai. */
export function shanghaiDate(d: Date = new Date()): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** HH:MM (or HH:MM:SS) in Asia/Shanghai. */
export function shanghaiTime(iso: string | Date, seconds = false): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, seconds ? 19 : 16);
}

/** Orders waiting counts A, B, C… and fills in zeroes for the categories named in `keys`. */
export function waitingEntries(w: Waiting, keys: Iterable<Category> = []): [Category, number][] {
  const all = new Set<Category>([...keys, ...(Object.keys(w).filter(isCategory))]);
  return [...all].sort().map((c) => [c, w[c] ?? 0]);
}
