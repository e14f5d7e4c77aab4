/**
 * The 办件 API shared by the case screens (desk intake, portal) and the back office / certificate window.
 * The types mirror the server's responses: `caseView` / `summaryView` in src/cases/service.ts, served by
 * src/cases/routes.ts. Area-specific calls stay in web/src/cases/api.ts and web/src/office/api.ts.
 */
import type { Colour, DeadlineView } from '../../../src/cases/model.js';
import { ApiError, query, request } from './http.js';

// the server's own shapes, so the screens cannot drift from the API
export type { Colour };
export type CaseDeadlines = DeadlineView;

export type CaseStatus =
  | 'draft'
  | 'submitted'
  | 'pending_completion'
  | 'accepted'
  | 'refused'
  | 'in_review'
  | 'suspended'
  | 'granted'
  | 'denied'
  | 'issued'
  | 'delivered'
  | 'concluded'
  | 'withdrawn'
  | 'terminated';

/** Actions through `POST /api/v1/cases/{caseNo}/actions/{action}` (src/cases/model.ts `ACTIONS`). */
export type CaseAction =
  | 'submit'
  | 'accept'
  | 'notice'
  | 'refuse'
  | 'complete'
  | 'claim'
  | 'pass'
  | 'return'
  | 'request-correction'
  | 'supplement'
  | 'special-procedure'
  | 'end-special'
  | 'extend'
  | 'decide'
  | 'issue'
  | 'deliver'
  | 'conclude'
  | 'withdraw'
  | 'terminate';

export type SatisfiedBy = 'provided' | 'license' | 'commitment' | 'deferred';
export type DeliveryMode = 'pickup' | 'mail';

/** One material of the case as the server holds it. */
export interface CaseMaterial {
  code: string;
  name: string;
  required: boolean;
  /** null: not satisfied (missing) */
  satisfiedBy: SatisfiedBy | null;
  files: string[];
  paperSeen: boolean;
  licenseId: string | null;
  licenseIdentifier: string | null;
  deferredUntil: string | null;
  suppliedAt: string | null;
}


export interface Suspension {
  kind: 'correction' | 'special';
  since: string;
  reason: string;
  procedure: string | null;
  procedureName: string | null;
  expectedEnd: string | null;
  materials: string[];
}

export type StepState = 'pending' | 'current' | 'done';
export interface CaseStep {
  index: number;
  name: string;
  role: string;
  limitDays: number;
  state: StepState;
  claimedBy: string | null;
}

export interface Decision {
  outcome: 'grant' | 'deny';
  reason: string;
  at: string;
  by: string;
}

export interface Certificate {
  issuedAt: string;
  certificateNo: string | null;
  licenseId: string | null;
  licenseIdentifier: string | null;
}

/** How the result was delivered (a mail address reads `***` unless the actor is entitled). */
export type DeliveryRecord =
  | { mode: 'pickup'; collectorName: string; collectorIdMasked: string; asAgent: boolean; identityMatched: boolean; at: string }
  | { mode: 'mail'; carrier: string; trackingNo: string; address: string; at: string };

export interface TimelineEntry {
  version: number;
  at: string;
  action: string;
  actionName: string;
  from: CaseStatus | null;
  to: CaseStatus;
  toName: string;
  stepIndex: number | null;
  actor: { name: string; role: string | null };
  reason: string | null;
  detail: Record<string, unknown> | null;
}

export interface CaseDocument {
  kind: string;
  name: string;
  url: string;
}

/** GET /api/v1/cases/{caseNo} and the answer of every action. */
export interface CaseView {
  caseNo: string;
  version: number;
  status: CaseStatus;
  statusName: string;
  channel: 'window' | 'online';
  instant: boolean;
  /** 'district' when the intake hall's tier may not handle the item */
  routedTo: 'district' | null;
  deliveryPreference: DeliveryMode;
  item: {
    code: string;
    version: number;
    name: string;
    caseKind: 1 | 2;
    departmentCode: string;
    departmentName: string;
    promisedLimitDays: number;
    legalLimitDays: number;
    commitmentAllowed: boolean;
    resultLicenseTypeCode: string | null;
  };
  applicant: { id: string; kind: 'person' | 'enterprise'; name: string; idNumber: string | null; uscc: string | null; phone: string };
  intakeHall: { id: string; code: string; name: string; tier: string } | null;
  createdAt: string;
  submittedAt: string | null;
  deemOn: string | null;
  deemed: boolean;
  acceptedOn: string | null;
  acceptedAt: string | null;
  materials: CaseMaterial[];
  missing: { code: string; name: string }[];
  outstandingDeferred: { code: string; name: string; deferredUntil: string | null }[];
  notice: { at: string; missing: { code: string; name: string }[]; note: string | null } | null;
  refusalReason: string | null;
  deadlines: CaseDeadlines | null;
  suspension: Suspension | null;
  currentStep: number | null;
  steps: CaseStep[];
  decision: Decision | null;
  certificate: Certificate | null;
  delivery: DeliveryRecord | null;
  deliveredAt: string | null;
  concludedAt: string | null;
  closedReason: string | null;
  updatedAt: string;
  timeline: TimelineEntry[];
  documents: CaseDocument[];
  allowedActions: string[];
}

/** One row of a case list, the inbox, the overdue list and the certificate queue (names masked). */
export interface CaseSummary {
  caseNo: string;
  version: number;
  status: CaseStatus;
  statusName: string;
  channel: 'window' | 'online';
  instant: boolean;
  itemCode: string;
  itemName: string;
  departmentCode: string;
  applicantName: string;
  applicantKind: 'person' | 'enterprise';
  createdAt: string;
  submittedAt: string | null;
  acceptedOn: string | null;
  deemed: boolean;
  promisedDue: string | null;
  legalDue: string | null;
  remainingDays: number | null;
  colour: Colour | null;
  paused: boolean;
  currentStep: number | null;
  stepName: string | null;
  claimedBy: string | null;
  deliveryMode: DeliveryMode | null;
  updatedAt: string;
}

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
