/** The 办件 API as the case screens use it (see src/cases/routes.ts and service.ts for the server side). */
import { ApiError, query, request } from '../api/http.js';
import type { ItemDetail } from '../api/types.js';

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

export type SatisfiedBy = 'provided' | 'license' | 'commitment' | 'deferred';
export type Colour = 'green' | 'yellow' | 'red';
export type DeliveryMode = 'pickup' | 'mail';

/** One material of the checklist as sent to the API. */
export interface MaterialInput {
  code: string;
  by: SatisfiedBy;
  files?: string[];
  paperSeen?: boolean;
  licenseId?: string;
  deferredUntil?: string;
}

export interface CaseMaterialView {
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

export interface CaseDeadlines {
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

export interface CaseStep {
  index: number;
  name: string;
  role: string;
  limitDays: number;
  state: 'pending' | 'current' | 'done';
  claimedBy: string | null;
}

export interface CaseDocument {
  kind: string;
  name: string;
  url: string;
}

export interface CaseView {
  caseNo: string;
  version: number;
  status: CaseStatus;
  statusName: string;
  channel: 'window' | 'online';
  instant: boolean;
  routedTo: string | null;
  deliveryPreference: string;
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
  materials: CaseMaterialView[];
  missing: { code: string; name: string }[];
  outstandingDeferred: { code: string; name: string; deferredUntil: string | null }[];
  notice: { at: string; missing: { code: string; name: string }[]; note: string | null } | null;
  refusalReason: string | null;
  deadlines: CaseDeadlines | null;
  suspension: { kind: string; since: string; reason: string; procedureName: string | null; expectedEnd: string | null } | null;
  currentStep: number | null;
  steps: CaseStep[];
  decision: { outcome: 'grant' | 'deny'; reason: string; at: string; by: string } | null;
  certificate: { issuedAt: string; certificateNo: string | null; licenseId: string | null; licenseIdentifier: string | null } | null;
  delivery: { mode: DeliveryMode; trackingNo?: string; carrier?: string; collectorName?: string; at: string } | null;
  deliveredAt: string | null;
  concludedAt: string | null;
  closedReason: string | null;
  updatedAt: string;
  timeline: TimelineEntry[];
  documents: CaseDocument[];
  allowedActions: string[];
}

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
  applicantKind: string;
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
  deliveryMode: string | null;
  updatedAt: string;
}

export interface CasePage {
  total: number;
  page: number;
  pageSize: number;
  items: CaseSummary[];
}

export interface ProgressView {
  caseNo: string;
  itemName: string;
  departmentName: string;
  applicantName: string;
  status: CaseStatus;
  statusName: string;
  acceptedOn: string | null;
  promisedDue: string | null;
  paused: boolean;
  deliveryMode: string | null;
  timeline: { at: string; action: string; actionName: string; status: CaseStatus; statusName: string }[];
}

/** GET /api/v1/applicants (masked) */
export interface ApplicantListed {
  id: string;
  kind: 'person' | 'enterprise';
  name: string;
  idNumber: string | null;
  uscc: string | null;
  legalRepresentative: string | null;
  phone: string;
}

export type RegisterInput =
  | { kind: 'person'; name: string; idNumber: string; phone: string }
  | { kind: 'enterprise'; name: string; uscc: string; legalRepresentative: string; phone: string };

export interface CreateCaseInput {
  itemCode: string;
  applicantId?: string;
  materials: MaterialInput[];
  outcome?: 'accept' | 'refuse';
  refusalReason?: string;
  delivery?: DeliveryMode;
  submit?: boolean;
  note?: string;
}

/** A valid licence of the applicant that satisfies a material (0 materials). */
export interface HeldLicence {
  typeCode: string;
  typeName: string;
  licenseId: string;
  identifier: string;
}

export const createCase = (input: CreateCaseInput) => request<CaseView>('/api/v1/cases', { method: 'POST', json: input });

export const fetchCase = (caseNo: string, signal?: AbortSignal) => request<CaseView>(`/api/v1/cases/${encodeURIComponent(caseNo)}`, { signal });

export const caseAction = (caseNo: string, action: string, body: { expectedVersion: number } & Record<string, unknown>) =>
  request<CaseView>(`/api/v1/cases/${encodeURIComponent(caseNo)}/actions/${action}`, { method: 'POST', json: body });

export interface CaseListQuery {
  status?: string;
  from?: string;
  to?: string;
  caseNo?: string;
  page?: number;
  pageSize?: number;
}

export const listCases = (q: CaseListQuery, signal?: AbortSignal) => request<CasePage>(`/api/v1/cases${query({ ...q })}`, { signal });

export const fetchProgress = (caseNo: string, idTail: string, signal?: AbortSignal) =>
  request<ProgressView>(`/api/v1/progress${query({ caseNo, idTail })}`, { signal });

export const findApplicants = (code: string, signal?: AbortSignal) =>
  request<{ total: number; items: ApplicantListed[] }>(`/api/v1/applicants${query({ code })}`, { signal });

export const registerApplicant = (input: RegisterInput) => request<ApplicantListed>('/api/v1/applicants', { method: 'POST', json: input });

/** Uploads one scan (PDF/JPEG/PNG; the server sniffs the type) → its SHA-256. */
export const uploadFile = (file: File) =>
  request<{ sha256: string; size: number; mediaType: string }>('/api/v1/files', { method: 'POST', raw: file, contentType: file.type || 'application/octet-stream' });

/** `YYYY-MM-DD` + n working days (the district's calendar). */
export const addWorkingDays = (from: string, add: number, signal?: AbortSignal) =>
  request<{ date: string }>(`/api/v1/calendar/working-days${query({ from, add })}`, { signal });

/** The applicant's own licences (portal). */
export interface MyLicence {
  id: string;
  identifier: string;
  typeCode: string;
  typeName: string;
  status: string;
  validUntil: string | null;
}
export const fetchMyLicences = (signal?: AbortSignal) => request<{ total: number; items: MyLicence[] }>('/api/v1/my/licenses', { signal });

/**
 * The applicant's valid licences that satisfy materials of the item, for the desk. The cases API
 * has no such read yet (clerks may not list the licence register); until it exists this answers
 * `null` and the desk lets the server fill licence materials at intake (it does so automatically).
 * Expected shape: GET /api/v1/cases/intake/licenses?applicantId=&itemCode= → {items: HeldLicence[]}.
 */
let heldLicencesMissing = false;
export async function fetchHeldLicences(applicantId: string, itemCode: string, signal?: AbortSignal): Promise<HeldLicence[] | null> {
  if (heldLicencesMissing) return null;
  try {
    const r = await request<{ items: HeldLicence[] }>(`/api/v1/cases/intake/licenses${query({ applicantId, itemCode })}`, { signal });
    return r.items;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403 || e.status === 405)) {
      heldLicencesMissing = e.status === 404;
      return null;
    }
    throw e;
  }
}

/** The item version a case was accepted under (materials with their ways of being satisfied). */
export const fetchItemVersion = (code: string, version: number, signal?: AbortSignal) =>
  request<ItemDetail>(`/api/v1/items/${encodeURIComponent(code)}${query({ version })}`, { signal });

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function shanghaiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** An instant shown in Shanghai time: YYYY-MM-DD HH:mm. */
export function shanghaiTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
