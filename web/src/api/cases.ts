/**
 * The 办件 API shared by the case screens (desk intake, portal) and the back office / certificate window.
 * Area-specific calls stay in web/src/cases/api.ts and web/src/office/api.ts.
 */
import type { Colour, DeadlineView } from '../../../src/cases/model.js';
import type { CaseSummary as ServerCaseSummary, CaseView as ServerCaseView } from '../../../src/cases/service.js';
import { ApiError, query, request } from './http.js';

/**
 * The case shapes are the server's own (type-only imports, erased at build): what
 * `GET /api/v1/cases/{caseNo}` (`caseView`) and the lists (`summaryView`) answer cannot drift from
 * what the pages expect.
 */
export type { Colour };
export type CaseDeadlines = DeadlineView;
export type CaseView = ServerCaseView;
export type CaseSummary = ServerCaseSummary;
export type CaseStatus = CaseView['status'];
export type CaseMaterial = CaseView['materials'][number];
export type SatisfiedBy = NonNullable<CaseMaterial['satisfiedBy']>;
export type DeliveryMode = CaseView['deliveryPreference'];
export type Suspension = NonNullable<CaseView['suspension']>;
export type CaseStep = CaseView['steps'][number];
export type StepState = CaseStep['state'];
export type Decision = NonNullable<CaseView['decision']>;
export type Certificate = NonNullable<CaseView['certificate']>;
/** How the result was delivered (a mail address reads `***` unless the actor is entitled). */
export type DeliveryRecord = NonNullable<CaseView['delivery']>;
export type TimelineEntry = CaseView['timeline'][number];
export type CaseDocument = CaseView['documents'][number];

/** Actions through `POST /api/v1/cases/{caseNo}/actions/{action}` (src/cases/model.ts `ACTIONS`). */
export type CaseAction = CaseView['allowedActions'][number];

export interface CasePage {
  total: number;
  page: number;
  pageSize: number;
  items: CaseSummary[];
}

export interface CaseListQuery {
  /** one status or several, comma-separated */
  status?: string;
  /** created from / to, YYYY-MM-DD (Asia/Shanghai) */
  from?: string;
  to?: string;
  caseNo?: string;
  page?: number;
  pageSize?: number;
}

const enc = encodeURIComponent;

/** page/pageSize only when they differ from the server's defaults (1 and 20). */
export function paged<Q extends { page?: number; pageSize?: number }>(q: Q): Omit<Q, 'page' | 'pageSize'> & { page?: number; pageSize?: number } {
  const { page, pageSize, ...rest } = q;
  return { ...rest, page: page && page !== 1 ? page : undefined, pageSize: pageSize && pageSize !== 20 ? pageSize : undefined };
}

/** GET /api/v1/cases: the cases in the actor's data scope. */
export const listCases = (q: CaseListQuery, signal?: AbortSignal) => request<CasePage>(`/api/v1/cases${query(paged(q))}`, { signal });

export const fetchCase = (caseNo: string, signal?: AbortSignal) => request<CaseView>(`/api/v1/cases/${enc(caseNo)}`, { signal });

/** Runs one action on the version the screen shows; a stale one answers 409 `stale_version` (see `isStale`). */
export const caseAction = (c: Pick<CaseView, 'caseNo' | 'version'>, action: CaseAction, body: Record<string, unknown> = {}) =>
  request<CaseView>(`/api/v1/cases/${enc(c.caseNo)}/actions/${action}`, { method: 'POST', json: { expectedVersion: c.version, ...body } });

export const isStale = (e: unknown): boolean => e instanceof ApiError && e.status === 409 && e.code === 'stale_version';

export const documentUrl = (caseNo: string, kind: string) => `/api/v1/cases/${enc(caseNo)}/documents/${enc(kind)}.pdf`;

// --- Asia/Shanghai dates ------------------------------------------------------------------------

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const instantFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Asia/Shanghai calendar date (YYYY-MM-DD) of an instant. */
export const shanghaiDay = (instant: string | Date): string => dayFormat.format(new Date(instant));

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export const shanghaiToday = (): string => shanghaiDay(new Date());

/** The instant Shanghai's `day` starts (00:00 +08:00) as ISO. */
export const dayStart = (day: string): string => new Date(`${day}T00:00:00+08:00`).toISOString();

/** An instant shown in Asia/Shanghai as "2026-11-28 09:17" ('' when absent; the text itself when it is no instant). */
export function formatInstant(instant: string | null | undefined): string {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const p = instantFormat.formatToParts(d);
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
