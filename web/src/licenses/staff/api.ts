/**
 * The staff side of the 电子证照 API as the licence management screen uses it (server:
 * src/licenses/routes.ts, the licence types in src/catalog/routes.ts). The holder's types are
 * reused where the shapes are the same.
 */
import type { LicenseType } from '../../../../src/catalog/service.js';
import { query, request } from '../../api/http.js';
import type { LicenseDetail, LicenseOperation, LicenseStatus, LicenseSummary, Scenario } from '../api.js';

/** LicenseType: GET /api/v1/license-types — a type, its issuing department, its fields in order (validityYears null = 长期). */
export type { LicenseStatus, LicenseSummary, LicenseType, Scenario };
export { LICENSE_STATUSES } from '../../../../src/licenses/model.js';

export interface RegisterQuery {
  q?: string;
  typeCode?: string;
  status?: LicenseStatus;
  page?: number;
  pageSize?: number;
}

export interface RegisterPage {
  total: number;
  page: number;
  pageSize: number;
  items: LicenseSummary[];
}

/** One line of the operations log; a 05 carries its kind (注销/撤销/吊销) in `detail`. */
export interface StaffOperation extends LicenseOperation {
  detail: { kind?: string; name?: string; previous?: string; version?: number } | null;
}

export interface StaffLicenseDetail extends Omit<LicenseDetail, 'operations'> {
  operations: StaffOperation[];
}

export type RevokeKind = 'cancel' | 'withdraw' | 'revoke';
export const REVOKE_KINDS: RevokeKind[] = ['cancel', 'withdraw', 'revoke'];

/** The body of each action (POST /api/v1/licenses/:id/actions/…). */
export interface ActionBodies {
  suspend: { reason: string };
  reinstate: { reason: string };
  revoke: { reason: string; kind: RevokeKind };
  renew: { reason: string; validUntil?: string };
  change: { reason: string; claims: Record<string, string> };
}
export type LicenseAction = keyof ActionBodies;

export interface ScenarioInput {
  name: string;
  description: string;
  licenseTypeCodes: string[];
  fields: string[];
  sort: number;
}

export interface SigningKey {
  kid: string;
  alg: string;
  active: boolean;
  createdAt: string;
  retiredAt: string | null;
  destroyedAt: string | null;
}

export interface DepartmentRef {
  id: string;
  code: string;
  name: string;
}

const one = (id: string) => `/api/v1/licenses/${encodeURIComponent(id)}`;
const scenario = (id: string) => `/api/v1/license-scenarios/${encodeURIComponent(id)}`;

export const fetchRegister = (q: RegisterQuery, signal?: AbortSignal) =>
  request<RegisterPage>(`/api/v1/licenses${query({ q: q.q?.trim(), typeCode: q.typeCode, status: q.status, page: q.page, pageSize: q.pageSize })}`, { signal });
export const fetchStaffLicense = (id: string, signal?: AbortSignal) => request<StaffLicenseDetail>(one(id), { signal });
/** Runs an action; answers the licence detail (for renew and change: the NEW version). */
export const licenseAction = <A extends LicenseAction>(id: string, action: A, body: ActionBodies[A]) =>
  request<StaffLicenseDetail>(`${one(id)}/actions/${action}`, { method: 'POST', json: body });

export const fetchLicenseTypes = (signal?: AbortSignal) => request<{ total: number; items: LicenseType[] }>('/api/v1/license-types', { signal });
export const fetchDepartmentRefs = (signal?: AbortSignal) => request<{ total: number; items: DepartmentRef[] }>('/api/v1/departments', { signal });

export const fetchScenarioList = (signal?: AbortSignal) => request<{ items: Scenario[] }>('/api/v1/license-scenarios', { signal });
export const createScenario = (body: ScenarioInput) => request<Scenario>('/api/v1/license-scenarios', { method: 'POST', json: body });
export const updateScenario = (id: string, body: ScenarioInput) => request<Scenario>(scenario(id), { method: 'PUT', json: body });
export const deleteScenario = (id: string) => request<{ deleted: string }>(scenario(id), { method: 'DELETE' });

export const fetchSigningKeys = (signal?: AbortSignal) => request<{ items: SigningKey[] }>('/api/v1/licenses/keys', { signal });
export const rotateSigningKey = () => request<{ kid: string; previousKid: string | null; rotatedAt: string }>('/api/v1/licenses/keys/rotate', { method: 'POST', json: {} });
