/** The 办件 API as the back office (/office) and the certificate window (/issue) use it (server: src/cases/routes.ts). */
import { ApiError, query, request } from '../api/http.js';

export type Colour = 'green' | 'yellow' | 'red';
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

/** One row of the inbox, the overdue list and the certificate queue (names masked). */
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
  deliveryMode: 'pickup' | 'mail' | null;
  updatedAt: string;
}

export interface CasePage {
  total: number;
  page: number;
  pageSize: number;
  items: CaseSummary[];
}

export interface OverduePage extends CasePage {
  today: string;
  byDepartment: { departmentCode: string; departmentName: string; overdue: number }[];
}

export type SatisfiedBy = 'provided' | 'license' | 'commitment' | 'deferred';

export interface CaseMaterial {
  code: string;
  name: string;
  required: boolean;
  satisfiedBy: SatisfiedBy | null;
  files: string[];
  paperSeen: boolean;
  licenseId: string | null;
  licenseIdentifier: string | null;
  deferredUntil: string | null;
  suppliedAt: string | null;
}

export interface Deadlines {
  acceptedOn: string;
  promisedLimitDays: number;
  legalLimitDays: number;
  extensionDays: number;
  extensionCap: number;
  suspendedDays: number;
  promisedDue: string;
  legalDue: string;
  remainingDays: number;
  legalRemainingDays: number;
  colour: Colour | null;
  paused: boolean;
  overdue: boolean;
  finishedLate: boolean | null;
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

export type Action =
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
  | 'terminate';

export interface CaseDetail {
  caseNo: string;
  version: number;
  status: CaseStatus;
  statusName: string;
  channel: 'window' | 'online';
  instant: boolean;
  routedTo: string | null;
  deliveryPreference: 'pickup' | 'mail';
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
  acceptedOn: string | null;
  acceptedAt: string | null;
  materials: CaseMaterial[];
  outstandingDeferred: { code: string; name: string; deferredUntil: string | null }[];
  deadlines: Deadlines | null;
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
  documents: { kind: string; name: string; url: string }[];
  allowedActions: string[];
}

export type Procedure = 'hearing' | 'testing' | 'expert' | 'inspection' | 'public_notice' | 'other';
export const PROCEDURES: readonly Procedure[] = ['hearing', 'testing', 'expert', 'inspection', 'public_notice', 'other'];

export type DeliverInput =
  | { mode: 'pickup'; collectorName: string; collectorIdNumber: string; asAgent?: boolean }
  | { mode: 'mail'; trackingNo: string; carrier?: string; address: string };

/** The body of each action besides `expectedVersion`. */
export interface ActionBodies {
  claim: Record<string, never>;
  pass: { opinion?: string };
  return: { toStep?: number; reason: string };
  'request-correction': { reason: string; materials?: string[]; supplyBy?: string };
  supplement: { materials: { code: string; by: 'provided'; paperSeen: boolean }[]; note?: string };
  'special-procedure': { procedure: Procedure; reason: string; expectedEnd: string };
  'end-special': { outcome?: string };
  extend: { days: number; reason: string };
  decide: { outcome: 'grant' | 'deny'; reason?: string };
  issue: Record<string, never>;
  deliver: { delivery: DeliverInput };
  conclude: Record<string, never>;
  terminate: { reason: string };
}

export type TaskTab = 'todo' | 'mine' | 'unclaimed' | 'suspended' | 'all';
export type QueueStatus = 'granted' | 'issued' | 'delivered';

const enc = encodeURIComponent;

/**
 * page/pageSize only when they differ from the server's defaults (1 and 20): the cases routes
 * validate the query without type coercion, so `page=2` is refused today (400) — reported.
 */
function paged<Q extends { page?: number; pageSize?: number }>(q: Q): Omit<Q, 'page' | 'pageSize'> & { page?: number; pageSize?: number } {
  const { page, pageSize, ...rest } = q;
  return { ...rest, page: page && page !== 1 ? page : undefined, pageSize: pageSize && pageSize !== 20 ? pageSize : undefined };
}

export const fetchTasks = (q: { status: TaskTab; colour?: Colour; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  request<CasePage>(`/api/v1/office/tasks${query(paged(q))}`, { signal });

export const fetchOverdue = (q: { page?: number; pageSize?: number }, signal?: AbortSignal) =>
  request<OverduePage>(`/api/v1/office/overdue${query(paged(q))}`, { signal });

export const fetchQueue = (q: { status: QueueStatus; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  request<CasePage>(`/api/v1/issue/queue${query(paged(q))}`, { signal });

export const fetchCases = (q: { status?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  request<CasePage>(`/api/v1/cases${query(paged(q))}`, { signal });

export const fetchCase = (caseNo: string, signal?: AbortSignal) => request<CaseDetail>(`/api/v1/cases/${enc(caseNo)}`, { signal });

export const fetchDeliveryFigures = (q: { from?: string; to?: string }, signal?: AbortSignal) =>
  request<{ mail: number; pickup: number }>(`/api/v1/cases/figures/delivery${query(q)}`, { signal });

/** Runs one action on the version the screen shows; a stale one answers 409 `stale_version`. */
export function act<A extends keyof ActionBodies>(c: Pick<CaseDetail, 'caseNo' | 'version'>, action: A, body: ActionBodies[A]): Promise<CaseDetail> {
  return request<CaseDetail>(`/api/v1/cases/${enc(c.caseNo)}/actions/${action}`, { method: 'POST', json: { expectedVersion: c.version, ...body } });
}

export const isStale = (e: unknown): boolean => e instanceof ApiError && e.status === 409 && e.code === 'stale_version';

export const documentUrl = (caseNo: string, kind: string) => `/api/v1/cases/${enc(caseNo)}/documents/${enc(kind)}.pdf`;

/** Asia/Shanghai calendar date of an instant. */
export const shanghaiDay = (instant: string | Date): string =>
  new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The instant Shanghai's `day` starts (00:00 +08:00) as ISO. */
export const dayStart = (day: string): string => new Date(`${day}T00:00:00+08:00`).toISOString();

/** "2026-11-28 09:17" in Asia/Shanghai. */
export function formatInstant(instant: string | null | undefined): string {
  if (!instant) return '';
  const d = new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}
