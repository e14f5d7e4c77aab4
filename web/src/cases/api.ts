/**
 * The 办件 calls only the case screens (desk intake, portal) make: intake, applicants, uploads, public
 * progress, licences. The case itself, lists, actions and dates: ../api/cases.ts (server: src/cases/routes.ts).
 */
import type { CaseStatus, CaseView, DeliveryMode, SatisfiedBy } from '../api/cases.js';
import { ApiError, query, request } from '../api/http.js';
import type { ItemDetail } from '../api/types.js';

/** One material of the checklist as sent to the API. */
export interface MaterialInput {
  code: string;
  by: SatisfiedBy;
  files?: string[];
  paperSeen?: boolean;
  licenseId?: string;
  deferredUntil?: string;
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
