/**
 * 电子证照 — pure rules: statuses and operations, identifiers and versions, expiry by date,
 * claims, presentations and verification verdicts. No I/O, no clock reads (dates are passed in).
 */
import { licenseIdentifier, maskIdNumber, parseLicenseIdentifier } from '../platform/identifiers.js';
import { invalidField, Problem, type FieldError } from '../platform/problem.js';

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** Stored statuses. `superseded`: a newer version exists (after 延续 renewal or 变更 change). */
export const LICENSE_STATUSES = ['valid', 'suspended', 'revoked', 'expired', 'superseded'] as const;
export type LicenseStatus = (typeof LICENSE_STATUSES)[number];

export const STATUS_LABELS: Record<LicenseStatus, string> = {
  valid: '有效',
  suspended: '暂扣',
  revoked: '已注销（撤销/吊销）',
  expired: '已过期',
  superseded: '已被新版本替代',
};

/** Operations and their exchange codes (GB/T 36904-style operation types). */
export const OPERATIONS = {
  issue: { code: '01', zh: '新发' },
  renew: { code: '02', zh: '延续' },
  suspend: { code: '03', zh: '暂扣' },
  expire: { code: '04', zh: '过期' },
  revoke: { code: '05', zh: '注销/撤销/吊销' },
  reinstate: { code: '06', zh: '暂扣发还' },
  change: { code: '08', zh: '变更' },
  /** a licence issued elsewhere, recorded here; logged as 01 with detail source=imported */
  import: { code: '01', zh: '导入（异地/存量证照）' },
} as const;
export type Operation = keyof typeof OPERATIONS;
/** the operations staff trigger on an existing licence */
export const LICENSE_ACTIONS = ['suspend', 'reinstate', 'revoke', 'renew', 'change'] as const;
export type LicenseAction = (typeof LICENSE_ACTIONS)[number];

/**
 * Which operation is allowed from which (effective) status. Renewal and change make a new
 * version (the old one becomes `superseded`); nothing is allowed on a superseded or revoked one.
 */
export const TRANSITIONS: Record<Exclude<Operation, 'issue' | 'import'>, { from: LicenseStatus[]; to: LicenseStatus }> = {
  renew: { from: ['valid', 'expired'], to: 'superseded' },
  suspend: { from: ['valid'], to: 'suspended' },
  expire: { from: ['valid', 'suspended'], to: 'expired' },
  revoke: { from: ['valid', 'suspended', 'expired'], to: 'revoked' },
  reinstate: { from: ['suspended'], to: 'valid' },
  change: { from: ['valid'], to: 'superseded' },
};

export function canTransition(op: keyof typeof TRANSITIONS, status: LicenseStatus): boolean {
  return TRANSITIONS[op].from.includes(status);
}

export function assertTransition(op: keyof typeof TRANSITIONS, status: LicenseStatus): void {
  if (canTransition(op, status)) return;
  throw new Problem(409, 'license_state', {
    zh: `证照当前状态为「${STATUS_LABELS[status]}」，不能${OPERATIONS[op].zh}`,
    en: `Operation ${op} is not allowed on a licence that is ${status}`,
  }, { extra: { status, operation: op } });
}

// ---------------------------------------------------------------------------------------------
// Dates and effective status
// ---------------------------------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(s: unknown): s is string {
  if (typeof s !== 'string' || !DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** YYYY-MM-DD plus whole years (29 Feb → 28 Feb), minus one day: the last day of a term. */
export function termEnd(from: string, years: number): string {
  const [y, m, d] = from.split('-').map(Number);
  const end = new Date(Date.UTC(y + years, m - 1, d));
  if (end.getUTCMonth() !== m - 1) end.setUTCDate(0);
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

export interface StatusView {
  status: LicenseStatus;
  valid_until: string | null;
  superseded_by: string | null;
}

/**
 * The status as of `today` (YYYY-MM-DD, Asia/Shanghai): a licence past its last valid day reads
 * as expired even before the 04 operation is recorded; revoked and superseded stay so.
 */
export function effectiveStatus(l: StatusView, today: string): LicenseStatus {
  if (l.superseded_by || l.status === 'superseded') return 'superseded';
  if (l.status === 'revoked' || l.status === 'expired') return l.status;
  if (l.valid_until && l.valid_until < today) return 'expired';
  return l.status;
}

/** Valid on `date`: effective status valid and the date inside [valid_from, valid_until]. */
export function isValidOn(l: StatusView & { valid_from: string }, date: string): boolean {
  return effectiveStatus(l, date) === 'valid' && l.valid_from <= date;
}

// ---------------------------------------------------------------------------------------------
// Identifiers and versions
// ---------------------------------------------------------------------------------------------

/** Serials are 8 digits per (type code, issuer code): 00000001, 00000002, … */
export const formatSerial = (n: number): string => String(n).padStart(8, '0');

export const MAX_VERSION = 999;

/** The identifier of a licence's next version (延续/变更): same type, issuer and serial, version + 1. */
export function nextVersion(current: { type_code: string; issuer_code: string; serial: string; version: number }): {
  version: number;
  identifier: string;
} {
  const version = current.version + 1;
  if (version > MAX_VERSION) {
    throw new Problem(409, 'license_version_exhausted', { zh: '证照版本号已达上限 999', en: 'The licence version has reached 999' });
  }
  return {
    version,
    identifier: licenseIdentifier({ typeCode: current.type_code, issuerCode: current.issuer_code, serial: current.serial, version }),
  };
}

/** Parses an identifier given by a user; 422 naming `field` when the layout or check character is wrong. */
export function parseIdentifierInput(input: string, field = 'identifier') {
  const r = parseLicenseIdentifier(input);
  if (!r.ok) throw invalidField(field, `identifier_${r.code}`, r.zh, r.en);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Claims
// ---------------------------------------------------------------------------------------------

export interface TypeField {
  key: string;
  label: string;
}

export type Claims = Record<string, string>;

/**
 * Claims every credential carries besides the type's own fields (all selectively disclosable).
 * snake_case, so they never collide with the catalog's camelCase field keys.
 */
export const STANDARD_CLAIMS: TypeField[] = [
  { key: 'license_identifier', label: '证照标识' },
  { key: 'holder_name', label: '持证主体' },
  { key: 'holder_id', label: '持证主体代码（身份证号码/统一社会信用代码）' },
  { key: 'issuer_name', label: '颁发机构' },
  { key: 'issued_on', label: '发证日期' },
  { key: 'valid_from', label: '有效期起' },
  { key: 'valid_until', label: '有效期至' },
  { key: 'status_uri', label: '状态查询地址' },
];

export const MAX_CLAIM_LENGTH = 4000;

/**
 * Checks the claims against the type's fields: unknown keys and non-text values are refused
 * (422 naming `claims.<key>`); missing fields are allowed (not every licence fills every field).
 */
export function checkClaims(fields: TypeField[], claims: Record<string, unknown>, field = 'claims'): Claims {
  const allowed = new Set(fields.map((f) => f.key));
  const errors: FieldError[] = [];
  const out: Claims = {};
  for (const [k, v] of Object.entries(claims ?? {})) {
    if (!allowed.has(k)) {
      errors.push({ field: `${field}.${k}`, code: 'unknown_field', zh: '该证照类型没有此字段', en: 'not a field of this licence type' });
      continue;
    }
    const value = typeof v === 'number' ? String(v) : v;
    if (typeof value !== 'string') {
      errors.push({ field: `${field}.${k}`, code: 'type', zh: '应为文本', en: 'must be text' });
      continue;
    }
    if (value.length > MAX_CLAIM_LENGTH) {
      errors.push({ field: `${field}.${k}`, code: 'maxLength', zh: '过长', en: `at most ${MAX_CLAIM_LENGTH} characters` });
      continue;
    }
    out[k] = value.trim();
  }
  if (errors.length) {
    throw new Problem(422, 'validation_failed', {
      zh: `证照字段有误：${errors[0].field} ${errors[0].zh}`,
      en: `Invalid licence fields: ${errors[0].field} ${errors[0].en}`,
    }, { field: errors[0].field, errors });
  }
  return out;
}

export interface HolderInfo {
  kind: 'person' | 'enterprise';
  name: string;
  code: string;
  legalRepresentative: string | null;
}

/** Fills the holder's own fields the type has and the claims leave empty (name, code, legal representative). */
export function withHolderDefaults(fields: TypeField[], claims: Claims, holder: HolderInfo): Claims {
  const keys = new Set(fields.map((f) => f.key));
  const defaults: Claims = {};
  if (holder.kind === 'enterprise') {
    defaults.uscc = holder.code;
    defaults.name = holder.name;
    defaults.holderName = holder.name;
    if (holder.legalRepresentative) defaults.legalRepresentative = holder.legalRepresentative;
  } else {
    defaults.idNumber = holder.code;
    defaults.name = holder.name;
    defaults.holderName = holder.name;
  }
  const out: Claims = {};
  for (const f of fields) {
    const v = claims[f.key] ?? (keys.has(f.key) ? defaults[f.key] : undefined);
    if (v !== undefined && v !== '') out[f.key] = v;
  }
  return out;
}

/** Every selectively disclosable claim of a licence: the standard ones, then the type's fields. */
export function credentialClaims(l: {
  identifier: string;
  holder_name: string;
  holder_code: string;
  issuer_name: string;
  issued_on: string;
  valid_from: string;
  valid_until: string | null;
  claims: Claims;
}, statusUri: string): Claims {
  return {
    license_identifier: l.identifier,
    holder_name: l.holder_name,
    holder_id: l.holder_code,
    issuer_name: l.issuer_name,
    issued_on: l.issued_on,
    valid_from: l.valid_from,
    valid_until: l.valid_until ?? '长期',
    status_uri: statusUri,
    ...l.claims,
  };
}

/** Labels of a type's claims: its own fields first (in the catalog's order), then the standard claims. */
export function labelsFor(typeFields: TypeField[]): Map<string, string> {
  return new Map([...typeFields, ...STANDARD_CLAIMS].map((f) => [f.key, f.label]));
}

/** Disclosed claims as label/value rows, in label order (type fields, then standard claims); unknown keys last. */
export function labelledFields(labels: Map<string, string>, disclosed: Record<string, unknown>): { key: string; label: string; value: unknown }[] {
  const order = [...labels.keys()];
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return Object.keys(disclosed)
    .sort((a, b) => rank(a) - rank(b))
    .map((key) => ({ key, label: labels.get(key) ?? key, value: disclosed[key] }));
}

/** Masks a holder code in lists: ID numbers of persons masked, enterprise USCCs shown (public register). */
export const maskedHolderCode = (kind: string, code: string): string => (kind === 'person' ? maskIdNumber(code) : code);

// ---------------------------------------------------------------------------------------------
// Presentations and verification verdicts
// ---------------------------------------------------------------------------------------------

export const PRESENTATION_TTL = { min: 1, max: 30, default: 5 } as const;

export function checkPresentationRequest(available: string[], disclose: string[], ttlMinutes: number | undefined): { keys: string[]; ttl: number } {
  const ttl = ttlMinutes ?? PRESENTATION_TTL.default;
  if (!Number.isInteger(ttl) || ttl < PRESENTATION_TTL.min || ttl > PRESENTATION_TTL.max) {
    throw invalidField('ttlMinutes', 'range', '有效时间应为 1–30 分钟', 'must be 1–30 minutes');
  }
  const have = new Set(available);
  const unknown = disclose.filter((k) => !have.has(k));
  if (unknown.length) {
    throw invalidField('disclose', 'unknown_field', `该证照没有字段：${unknown.join('、')}`, `no such field on this licence: ${unknown.join(', ')}`);
  }
  return { keys: [...new Set(disclose)], ttl };
}

export const VERIFY_RESULTS = [
  'valid',
  'revoked',
  'suspended',
  'expired',
  'superseded',
  'tampered',
  'unknown_issuer',
  'presentation_expired',
  'not_found',
] as const;
export type VerifyResult = (typeof VERIFY_RESULTS)[number];

/** The verdict for a credential whose signature held: the licence's status as of today. */
export function verdictOf(status: LicenseStatus): VerifyResult {
  return status;
}

// ---------------------------------------------------------------------------------------------
// Grants (用证授权)
// ---------------------------------------------------------------------------------------------

export type GrantState = 'active' | 'revoked' | 'expired';

export function grantState(g: { revoked_at: string | null; valid_until: string }, today: string): GrantState {
  if (g.revoked_at) return 'revoked';
  if (g.valid_until < today) return 'expired';
  return 'active';
}

/** A verifier's address in the holder's log: the last part hidden (IPv4 a.b.c.*, IPv6 first 4 groups). */
export function maskIp(ip: string | null): string | null {
  if (!ip) return null;
  if (ip.includes(':')) return `${ip.split(':').slice(0, 4).join(':')}:*`;
  const parts = ip.split('.');
  return parts.length === 4 ? `${parts.slice(0, 3).join('.')}.*` : ip;
}
