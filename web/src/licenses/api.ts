/** The 电子证照 API as the web app uses it (see src/licenses/routes.ts for the server side). */
import { request } from '../api/http.js';

export type LicenseStatus = 'valid' | 'suspended' | 'revoked' | 'expired' | 'superseded';
export type VerifyResult = LicenseStatus | 'tampered' | 'unknown_issuer' | 'presentation_expired' | 'not_found';

export interface LicenseSummary {
  id: string;
  identifier: string;
  typeCode: string;
  typeName: string;
  version: number;
  status: LicenseStatus;
  statusReason: string | null;
  holder: { applicantId: string; kind: 'person' | 'enterprise'; name: string; code: string };
  issuer: { code: string; name: string; departmentCode: string | null };
  issuedOn: string;
  validFrom: string;
  /** null = 长期 */
  validUntil: string | null;
  source: 'issued' | 'imported';
  caseNo: string | null;
  previousId: string | null;
  supersededBy: string | null;
  verifyUrl: string;
}

export interface FieldValue {
  key: string;
  label: string;
  value: unknown;
}

export interface LicenseOperation {
  code: string;
  operation: string;
  name: string;
  identifier: string;
  reason: string | null;
  actor: string | null;
  at: string;
}

export interface LicenseDetail extends LicenseSummary {
  claims: Record<string, unknown>;
  fields: FieldValue[];
  disclosable: { key: string; label: string }[];
  versions: { id: string; identifier: string; version: number; issuedOn: string; status: LicenseStatus }[];
  operations: LicenseOperation[];
  kid: string;
}

export interface Presentation {
  id: string;
  licenseId: string;
  identifier: string;
  token: string;
  qrText: string;
  verifyUrl: string;
  disclosed: string[];
  audience: string | null;
  issuedAt: string;
  expiresAt: string;
}

export interface VerificationRecord {
  id: string;
  at: string;
  channel: 'token' | 'qr' | 'identifier' | 'grant';
  result: VerifyResult | string;
  identifier: string | null;
  verifierIp: string | null;
  audience: string | null;
  disclosed: string[];
  grantId: string | null;
  orgUscc: string | null;
}

export type GrantState = 'active' | 'revoked' | 'expired';

export interface Grant {
  id: string;
  licenseId: string;
  orgUscc: string;
  orgName: string;
  purpose: string;
  fields: string[];
  validUntil: string;
  state: GrantState;
  createdAt: string;
  revokedAt: string | null;
  useCount: number;
  lastUsedAt: string | null;
  fetchUrl: string;
}

export interface NewGrant extends Grant {
  /** shown once */
  secret: string;
}

export interface GrantInput {
  orgUscc: string;
  orgName: string;
  purpose: string;
  validUntil: string;
  fields?: string[];
}

export interface Scenario {
  id: string;
  name: string;
  description: string;
  licenseTypes: { code: string; name: string }[];
  fields: { key: string; label: string }[];
  sort: number;
}

export interface VerifyOutcome {
  result: VerifyResult;
  identifier: string | null;
  licenseType: { code: string; name: string } | null;
  issuer: { iss: string; name: string | null } | null;
  disclosed: Record<string, unknown>;
  fields: FieldValue[];
  holder: string | null;
  presentation: { expiresAt: string; audience: string | null } | null;
  checkedAt: string;
}

export type VerifyInput = { qrText: string } | { identifier: string } | { token: string };

const mine = (id: string) => `/api/v1/my/licenses/${encodeURIComponent(id)}`;

export const fetchMyLicenses = (signal?: AbortSignal) => request<{ total: number; items: LicenseSummary[] }>('/api/v1/my/licenses', { signal });
export const fetchMyLicense = (id: string, signal?: AbortSignal) => request<LicenseDetail>(mine(id), { signal });
export const credentialUrl = (id: string) => `${mine(id)}/credential`;
export const createPresentation = (id: string, body: { disclose: string[]; ttlMinutes: number; audience?: string }) =>
  request<Presentation>(`${mine(id)}/presentations`, { method: 'POST', json: body });
export const fetchVerifications = (id: string, signal?: AbortSignal) =>
  request<{ items: VerificationRecord[] }>(`${mine(id)}/verifications`, { signal });
export const fetchGrants = (id: string, signal?: AbortSignal) => request<{ items: Grant[] }>(`${mine(id)}/grants`, { signal });
export const createGrant = (id: string, body: GrantInput) => request<NewGrant>(`${mine(id)}/grants`, { method: 'POST', json: body });
export const revokeGrant = (id: string, grantId: string) =>
  request<Grant>(`${mine(id)}/grants/${encodeURIComponent(grantId)}`, { method: 'DELETE' });
export const fetchScenarios = (signal?: AbortSignal) => request<{ items: Scenario[] }>('/api/v1/license-scenarios', { signal });
export const verifyLicense = (body: VerifyInput, signal?: AbortSignal) =>
  request<VerifyOutcome>('/api/v1/verify', { method: 'POST', json: body, signal });

/** A claim value as text (claims are text or numbers; anything else is shown as JSON). */
export function claimText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
