/**
 * 电子证照 use cases. Each write is ONE transaction: load, decide with the model, write, append
 * the operation and the audit record. Verification is the hot path: one indexed read and one
 * insert into the verification log (not the audit chain: it is high-volume and not a state change).
 *
 * Hooks other modules call:
 * - `issueLicense` — the certificate window (cases module) issues a licence for a granted case;
 * - `licensesSatisfying` — intake asks which valid licences satisfy materials (0 materials);
 * - `renewLicense`, `changeLicense`, `suspendLicense`, `reinstateLicense`, `revokeLicense`,
 *   `importLicenses`, `expireLicenses` (a daily job: records 04 for licences past their last day).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { getApplicant } from '../accounts/service.js';
import { findDepartmentById, getDepartment, listLicenseTypes, type LicenseType } from '../catalog/service.js';
import { systemActor, type Actor } from '../platform/actor.js';
import { appendAudit } from '../platform/audit.js';
import { shanghaiDate } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import type { Executor } from '../platform/db/database.js';
import { licenseIdentifier, maskName, validateUscc } from '../platform/identifiers.js';
import { uuidv7 } from '../platform/ids.js';
import { conflict, invalidField, Problem } from '../platform/problem.js';
import {
  disclosedClaims,
  disclosuresMatch,
  ed25519Signer,
  issueCredential,
  makePresentation,
  MalformedCredential,
  parseSdJwt,
  PRESENTATION_TYP,
  CREDENTIAL_TYP,
  QR_PREFIX,
  toQrText,
  VCT_PREFIX,
  verifyJwtSignature,
  type ParsedSdJwt,
} from './credential.js';
import * as keys from './keys.js';
import {
  addDays,
  assertTransition,
  checkClaims,
  checkPresentationRequest,
  credentialClaims,
  effectiveStatus,
  formatSerial,
  grantState,
  isDate,
  isValidOn,
  labelledFields,
  labelsFor,
  maskedHolderCode,
  maskIp,
  nextVersion,
  OPERATIONS,
  parseIdentifierInput,
  STANDARD_CLAIMS,
  termEnd,
  withHolderDefaults,
  type Claims,
  type LicenseStatus,
  type Operation,
  type TypeField,
  type VerifyResult,
} from './model.js';
import * as policy from './policy.js';
import * as store from './store.js';
import type { LicenseRow } from './store.js';

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

/** `iss` of every credential (the district's government service site). Env ONEWINDOW_ISSUER overrides. */
export const DEFAULT_ISSUER = 'https://zwfw.luozhuang.gov.cn';
export const issuerId = (): string => process.env.ONEWINDOW_ISSUER ?? DEFAULT_ISSUER;
/** Base of the public URLs put into credentials and QR codes (status URI, /verify). Env ONEWINDOW_PUBLIC_URL, else the issuer. */
export const publicBase = (): string => (process.env.ONEWINDOW_PUBLIC_URL ?? issuerId()).replace(/\/+$/, '');
export const statusUri = (identifier: string) => `${publicBase()}/api/v1/licenses/status/${identifier}`;
export const verifyPath = (identifier: string) => `/verify?l=${encodeURIComponent(identifier)}`;

/** Internal look-ups of applicants and catalog entries after this module's own policy said yes. */
const LOOKUP_ACTOR = systemActor('system:licenses', '电子证照');
const lookupCtx = (ctx: Ctx): Ctx => ({ ...ctx, actor: LOOKUP_ACTOR });

const actorRef = (a: Actor | null) => (a ? { id: a.accountId, name: a.name } : null);
const today = (ctx: Ctx) => shanghaiDate(ctx.clock.now());
const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
const dayStart = (date: string) => Math.floor(Date.parse(`${date}T00:00:00+08:00`) / 1000);

async function staffDept(ctx: Ctx, actor: Actor): Promise<policy.StaffDept> {
  const dept = actor.departmentId ? await findDepartmentById(ctx, actor.departmentId) : null;
  return { actor, departmentCode: dept?.code ?? null };
}

async function licenseType(ctx: Ctx, code: string, field = 'typeCode'): Promise<LicenseType> {
  const type = (await listLicenseTypes(ctx)).find((t) => t.code === code);
  if (!type) throw invalidField(field, 'unknown_license_type', `证照类型 ${code} 不存在`, `no licence type ${code}`);
  return type;
}

async function typeFieldsOf(ctx: Ctx, code: string): Promise<TypeField[]> {
  return (await listLicenseTypes(ctx)).find((t) => t.code === code)?.fields ?? [];
}

interface Holder {
  id: string;
  kind: 'person' | 'enterprise';
  name: string;
  code: string;
  legalRepresentative: string | null;
}

async function holderOf(ctx: Ctx, applicantId: string, field = 'holderApplicantId'): Promise<Holder> {
  try {
    const a = await getApplicant(lookupCtx(ctx), applicantId);
    return { id: a.id, kind: a.kind, name: a.name, code: (a.idNumber ?? a.uscc)!, legalRepresentative: a.legalRepresentative };
  } catch (e) {
    if (e instanceof Problem && e.status === 404) throw invalidField(field, 'unknown_applicant', '申请人不存在', 'no such applicant');
    throw e;
  }
}

function checkDate(v: unknown, field: string): string {
  if (!isDate(v)) throw invalidField(field, 'date', '应为有效日期 YYYY-MM-DD', 'must be a real date YYYY-MM-DD');
  return v;
}

function checkTerm(validFrom: string, validUntil: string | null) {
  if (validUntil !== null && validUntil < validFrom) {
    throw invalidField('validUntil', 'before_valid_from', '有效期至不能早于有效期起', 'must not be before validFrom');
  }
}

function checkReason(reason: unknown, field = 'reason'): string {
  const r = typeof reason === 'string' ? reason.trim() : '';
  if (!r) throw invalidField(field, 'required', '请填写原因', 'a reason is required');
  if (r.length > 500) throw invalidField(field, 'maxLength', '原因过长（500 字以内）', 'at most 500 characters');
  return r;
}

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

export interface FieldValue {
  key: string;
  label: string;
  value: unknown;
}

function baseView(r: store.LicenseListRow, day: string, full: boolean) {
  return {
    id: r.id,
    identifier: r.identifier,
    typeCode: r.type_code,
    typeName: r.type_name,
    version: r.version,
    status: effectiveStatus(r, day),
    statusReason: r.status_reason,
    holder: {
      applicantId: r.holder_applicant_id,
      kind: r.holder_kind,
      name: r.holder_name,
      code: full ? r.holder_code : maskedHolderCode(r.holder_kind, r.holder_code),
    },
    issuer: { code: r.issuer_code, name: r.issuer_name, departmentCode: r.department_code },
    issuedOn: r.issued_on,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    source: r.source,
    caseNo: r.case_no,
    previousId: r.previous_id,
    supersededBy: r.superseded_by,
    verifyUrl: verifyPath(r.identifier),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
export type LicenseSummary = ReturnType<typeof baseView>;

function fieldsOf(typeFields: TypeField[], claims: Claims): FieldValue[] {
  return typeFields.filter((f) => claims[f.key] !== undefined).map((f) => ({ key: f.key, label: f.label, value: claims[f.key] }));
}

const opView = (o: store.OperationRow) => ({
  code: o.code,
  operation: o.operation,
  name: OPERATIONS[o.operation as Operation]?.zh ?? o.operation,
  identifier: o.identifier,
  reason: o.reason,
  actor: o.actor_name,
  at: o.at,
  detail: o.detail ? (JSON.parse(o.detail) as unknown) : null,
});

async function detailView(ctx: Ctx, r: LicenseRow, opts: { full: boolean; credential: boolean }) {
  const day = today(ctx);
  const typeFields = await typeFieldsOf(ctx, r.type_code);
  const claims = JSON.parse(r.claims) as Claims;
  const chain = await store.chainOf(ctx.db, r);
  const ops = await store.operationsOf(ctx.db, chain.map((c) => c.id));
  return {
    ...baseView(r, day, opts.full),
    claims,
    fields: fieldsOf(typeFields, claims),
    /** the claim keys a holder may disclose one by one */
    disclosable: [...STANDARD_CLAIMS, ...typeFields.filter((f) => claims[f.key] !== undefined)].map((f) => ({ key: f.key, label: f.label })),
    versions: chain.map((c) => ({ id: c.id, identifier: c.identifier, version: c.version, issuedOn: c.issued_on, status: effectiveStatus(c, day) })),
    operations: ops.map(opView),
    kid: r.kid,
    ...(opts.credential ? { credential: r.credential } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Minting a version (issue, import, renew, change)
// ---------------------------------------------------------------------------------------------

interface MintInput {
  type: LicenseType;
  issuerCode: string;
  issuerName: string;
  departmentCode: string | null;
  serial: string;
  version: number;
  identifier?: string;
  holder: Holder;
  claims: Claims;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  source: 'issued' | 'imported';
  caseNo: string | null;
  previousId: string | null;
}

async function mint(ctx: Ctx, tx: Executor<unknown>, m: MintInput): Promise<LicenseRow> {
  const now = ctx.clock.now();
  const identifier =
    m.identifier ?? licenseIdentifier({ typeCode: m.type.code, issuerCode: m.issuerCode, serial: m.serial, version: m.version });
  const key = await keys.activeSigningKey(tx, now);
  if (key.created) {
    await appendAudit(tx, { actor: actorRef(ctx.actor), action: 'license.key.generate', target: { type: 'license_key', id: key.kid }, ip: ctx.ip }, now);
  }
  const { credential, digest } = issueCredential(
    {
      kid: key.kid,
      iss: issuerId(),
      typeCode: m.type.code,
      typeName: m.type.name,
      iat: seconds(now),
      nbf: dayStart(m.validFrom),
      exp: m.validUntil ? dayStart(addDays(m.validUntil, 1)) : null,
      claims: credentialClaims(
        {
          identifier,
          holder_name: m.holder.name,
          holder_code: m.holder.code,
          issuer_name: m.issuerName,
          issued_on: m.issuedOn,
          valid_from: m.validFrom,
          valid_until: m.validUntil,
          claims: m.claims,
        },
        statusUri(identifier),
      ),
    },
    ed25519Signer(key.privateKey),
  );
  const row: LicenseRow = {
    id: uuidv7(),
    identifier,
    type_code: m.type.code,
    type_name: m.type.name,
    issuer_code: m.issuerCode,
    issuer_name: m.issuerName,
    department_code: m.departmentCode,
    serial: m.serial,
    version: m.version,
    holder_applicant_id: m.holder.id,
    holder_kind: m.holder.kind,
    holder_code: m.holder.code,
    holder_name: m.holder.name,
    claims: JSON.stringify(m.claims),
    issued_on: m.issuedOn,
    valid_from: m.validFrom,
    valid_until: m.validUntil,
    status: 'valid',
    status_reason: null,
    source: m.source,
    case_no: m.caseNo,
    credential,
    credential_digest: digest,
    kid: key.kid,
    previous_id: m.previousId,
    superseded_by: null,
    created_at: now,
    updated_at: now,
  };
  if (await store.findByIdentifier(tx, identifier)) {
    throw conflict('license_exists', { zh: `证照标识 ${identifier} 已存在`, en: `Licence ${identifier} already exists` });
  }
  await store.insertLicense(tx, row);
  return row;
}

async function recordOperation(
  ctx: Ctx,
  tx: Executor<unknown>,
  row: Pick<LicenseRow, 'id' | 'identifier'>,
  op: Operation,
  reason: string | null,
  detail?: Record<string, unknown>,
) {
  const now = ctx.clock.now();
  await store.insertOperation(tx, {
    id: uuidv7(),
    license_id: row.id,
    identifier: row.identifier,
    code: OPERATIONS[op].code,
    operation: op,
    reason,
    actor_id: ctx.actor?.accountId ?? null,
    actor_name: ctx.actor?.name ?? null,
    at: now,
    detail: detail ? JSON.stringify(detail) : null,
  });
  await appendAudit(
    tx,
    {
      actor: actorRef(ctx.actor),
      action: `license.${op}`,
      target: { type: 'license', id: row.id },
      ip: ctx.ip,
      after: { identifier: row.identifier, op, reason },
      detail: `${OPERATIONS[op].code} ${row.identifier}`,
    },
    now,
  );
}

// ---------------------------------------------------------------------------------------------
// Issue (the certificate window's hook)
// ---------------------------------------------------------------------------------------------

export interface IssueLicenseInput {
  typeCode: string;
  holderApplicantId: string;
  /** the type's fields (keys from the catalog); the holder's own name/code fields are filled in when left out */
  claims: Record<string, unknown>;
  /** YYYY-MM-DD; default today (Asia/Shanghai) */
  validFrom?: string;
  /** YYYY-MM-DD (last valid day); null = 长期; undefined = from the type's validity years (or 长期) */
  validUntil?: string | null;
  caseNo?: string | null;
}

/**
 * Issues a licence (operation 01). Identifier: type code = the catalog's licence type code,
 * issuer code = the USCC of the type's issuing department, serial = 8 digits per (type, issuer),
 * version 001.
 */
export async function issueLicense(ctx: Ctx, input: IssueLicenseInput) {
  const actor = policy.requireActor(ctx.actor);
  const type = await licenseType(ctx, input.typeCode);
  policy.assertAllowed(policy.canIssue(await staffDept(ctx, actor), type.departmentCode), {
    zh: '无权签发该类型证照（须出证窗口、管理员或发证部门审批人）',
    en: 'Not allowed to issue this licence type (certificate window, admin, or the issuing department’s approver)',
  });
  const dept = await getDepartment(ctx, type.departmentCode);
  const holder = await holderOf(ctx, input.holderApplicantId);
  const day = today(ctx);
  const validFrom = input.validFrom === undefined ? day : checkDate(input.validFrom, 'validFrom');
  const validUntil =
    input.validUntil === undefined
      ? type.validityYears
        ? termEnd(validFrom, type.validityYears)
        : null
      : input.validUntil === null
        ? null
        : checkDate(input.validUntil, 'validUntil');
  checkTerm(validFrom, validUntil);
  const claims = withHolderDefaults(type.fields, checkClaims(type.fields, input.claims ?? {}), holder);
  const caseNo = input.caseNo ?? null;
  if (caseNo !== null && (typeof caseNo !== 'string' || caseNo.length > 64)) {
    throw invalidField('caseNo', 'format', '办件编号格式不正确', 'invalid case number');
  }

  return ctx.db.transaction().execute(async (tx) => {
    const serial = formatSerial(await store.nextSerial(tx, type.code, dept.uscc));
    const row = await mint(ctx, tx, {
      type,
      issuerCode: dept.uscc,
      issuerName: dept.name,
      departmentCode: dept.code,
      serial,
      version: 1,
      holder,
      claims,
      issuedOn: day,
      validFrom,
      validUntil,
      source: 'issued',
      caseNo,
      previousId: null,
    });
    await recordOperation(ctx, tx, row, 'issue', null, caseNo ? { caseNo } : undefined);
    return detailView({ ...ctx, db: tx }, row, { full: true, credential: false });
  });
}

// ---------------------------------------------------------------------------------------------
// Import (licences issued elsewhere)
// ---------------------------------------------------------------------------------------------

export interface ImportLicenseInput {
  typeCode: string;
  holderApplicantId: string;
  claims: Record<string, unknown>;
  /** the identifier given by the original issuer (validated: layout, MOD 37,36 check, type code) */
  identifier?: string;
  /** when no identifier: the original issuer's code (USCC) — a new identifier is made with it */
  issuerCode?: string;
  issuerName: string;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
}

/** Imports licences issued elsewhere (source 'imported'); all or nothing; errors name `licenses.{i}.field`. */
export async function importLicenses(ctx: Ctx, inputs: ImportLicenseInput[]) {
  const actor = policy.requireActor(ctx.actor);
  policy.assertAllowed(policy.canImport(actor), { zh: '仅管理员可导入证照', en: 'Only an admin may import licences' });
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > 1000) {
    throw invalidField('licenses', 'count', '一次导入 1–1000 条', '1–1000 licences per import');
  }
  const prepared: {
    type: LicenseType;
    holder: Holder;
    claims: Claims;
    issuedOn: string;
    validFrom: string;
    validUntil: string | null;
    issuerName: string;
    parts: { issuerCode: string; serial: string; version: number; identifier?: string };
  }[] = [];
  for (const [i, input] of inputs.entries()) {
    const f = (name: string) => `licenses.${i}.${name}`;
    const type = await licenseType(ctx, input.typeCode, f('typeCode'));
    const holder = await holderOf(ctx, input.holderApplicantId, f('holderApplicantId'));
    const issuedOn = checkDate(input.issuedOn, f('issuedOn'));
    const validFrom = checkDate(input.validFrom, f('validFrom'));
    const validUntil = input.validUntil === null ? null : checkDate(input.validUntil, f('validUntil'));
    checkTerm(validFrom, validUntil);
    const issuerName = typeof input.issuerName === 'string' ? input.issuerName.trim() : '';
    if (!issuerName) throw invalidField(f('issuerName'), 'required', '请填写颁发机构名称', 'issuer name required');
    let parts: { issuerCode: string; serial: string; version: number; identifier?: string };
    if (input.identifier) {
      const p = parseIdentifierInput(input.identifier, f('identifier'));
      if (p.typeCode !== type.code) {
        throw invalidField(f('identifier'), 'type_mismatch', '证照标识中的类型代码与证照类型不符', 'the identifier’s type code differs from typeCode');
      }
      parts = { issuerCode: p.issuerCode, serial: p.serial, version: p.version, identifier: p.value };
    } else {
      const uscc = validateUscc(input.issuerCode ?? '');
      if (!uscc.ok) throw invalidField(f('issuerCode'), `uscc_${uscc.code}`, uscc.zh, uscc.en);
      parts = { issuerCode: uscc.value, serial: '', version: 1 };
    }
    const claims = withHolderDefaults(type.fields, checkClaims(type.fields, input.claims ?? {}, f('claims')), holder);
    prepared.push({ type, holder, claims, issuedOn, validFrom, validUntil, issuerName, parts });
  }
  return ctx.db.transaction().execute(async (tx) => {
    const out = [];
    for (const p of prepared) {
      let serial = p.parts.serial;
      if (!serial) serial = formatSerial(await store.nextSerial(tx, p.type.code, p.parts.issuerCode));
      else if (/^\d+$/.test(serial)) await store.reserveSerial(tx, p.type.code, p.parts.issuerCode, Number(serial));
      const row = await mint(ctx, tx, {
        type: p.type,
        issuerCode: p.parts.issuerCode,
        issuerName: p.issuerName,
        // a licence of a type our departments issue stays in that department's scope
        departmentCode: p.type.departmentCode,
        serial,
        version: p.parts.version,
        identifier: p.parts.identifier,
        holder: p.holder,
        claims: p.claims,
        issuedOn: p.issuedOn,
        validFrom: p.validFrom,
        validUntil: p.validUntil,
        source: 'imported',
        caseNo: null,
        previousId: null,
      });
      await recordOperation(ctx, tx, row, 'import', null, { source: 'imported', issuer: p.issuerName });
      out.push({ id: row.id, identifier: row.identifier });
    }
    return { imported: out.length, licenses: out };
  });
}

// ---------------------------------------------------------------------------------------------
// Lifecycle operations
// ---------------------------------------------------------------------------------------------

async function loadForOperation(ctx: Ctx, id: string) {
  const actor = policy.requireActor(ctx.actor);
  const row = await store.findLicense(ctx.db, id);
  const s = await staffDept(ctx, actor);
  if (!row || !policy.canViewLicense(s, row)) throw policy.notVisible();
  policy.assertAllowed(policy.canOperate(s, row), {
    zh: '仅管理员或发证部门审批人可办理证照变更、延续、暂扣、注销',
    en: 'Only an admin or an approver of the issuing department may operate on this licence',
  });
  return row;
}

/** Stale-safe status change: applies only if the row still has the status we decided on. */
async function guardedUpdate(tx: Executor<unknown>, row: LicenseRow, patch: Partial<LicenseRow>) {
  const res = await store.updateLicenseIf(tx, row.id, row.status, patch);
  if (!res) throw conflict('stale', { zh: '证照状态已被他人修改，请刷新后重试', en: 'The licence changed meanwhile; reload and retry' });
}

async function simpleTransition(ctx: Ctx, id: string, op: 'suspend' | 'reinstate' | 'revoke', reasonIn: unknown, extra?: Record<string, unknown>) {
  const row = await loadForOperation(ctx, id);
  const reason = checkReason(reasonIn);
  const status = effectiveStatus(row, today(ctx));
  assertTransition(op, status);
  const to: LicenseStatus = op === 'suspend' ? 'suspended' : op === 'reinstate' ? 'valid' : 'revoked';
  return ctx.db.transaction().execute(async (tx) => {
    await guardedUpdate(tx, row, { status: to, status_reason: op === 'reinstate' ? null : reason, updated_at: ctx.clock.now() });
    await recordOperation(ctx, tx, row, op, reason, extra);
    const next = (await store.findLicense(tx, id))!;
    return detailView({ ...ctx, db: tx }, next, { full: true, credential: false });
  });
}

/** 03 暂扣 */
export const suspendLicense = (ctx: Ctx, id: string, input: { reason: string }) => simpleTransition(ctx, id, 'suspend', input.reason);
/** 06 暂扣发还 */
export const reinstateLicense = (ctx: Ctx, id: string, input: { reason: string }) => simpleTransition(ctx, id, 'reinstate', input.reason);

export const REVOKE_KINDS = { cancel: '注销', withdraw: '撤销', revoke: '吊销' } as const;
export type RevokeKind = keyof typeof REVOKE_KINDS;
/** 05 注销 (cancel, e.g. on the holder's request) / 撤销 (withdraw, issued wrongly) / 吊销 (revoke, penalty) */
export const revokeLicense = (ctx: Ctx, id: string, input: { reason: string; kind?: RevokeKind }) =>
  simpleTransition(ctx, id, 'revoke', input.reason, { kind: input.kind ?? 'cancel', name: REVOKE_KINDS[input.kind ?? 'cancel'] });

async function newVersion(
  ctx: Ctx,
  id: string,
  op: 'renew' | 'change',
  reasonIn: unknown,
  decide: (row: LicenseRow, type: LicenseType, holder: Holder, day: string) => { claims: Claims; validFrom: string; validUntil: string | null },
) {
  const row = await loadForOperation(ctx, id);
  const reason = checkReason(reasonIn);
  const day = today(ctx);
  assertTransition(op, effectiveStatus(row, day));
  const type = await licenseType(ctx, row.type_code);
  const holder = await holderOf(ctx, row.holder_applicant_id);
  const d = decide(row, type, holder, day);
  checkTerm(d.validFrom, d.validUntil);
  const { version } = nextVersion(row);
  return ctx.db.transaction().execute(async (tx) => {
    const next = await mint(ctx, tx, {
      type,
      issuerCode: row.issuer_code,
      issuerName: row.issuer_name,
      departmentCode: row.department_code,
      serial: row.serial,
      version,
      holder,
      claims: d.claims,
      issuedOn: day,
      validFrom: d.validFrom,
      validUntil: d.validUntil,
      source: row.source,
      caseNo: row.case_no,
      previousId: row.id,
    });
    await guardedUpdate(tx, row, { status: 'superseded', superseded_by: next.id, status_reason: `${OPERATIONS[op].zh}：${next.identifier}`, updated_at: ctx.clock.now() });
    await recordOperation(ctx, tx, next, op, reason, { previous: row.identifier, version });
    return detailView({ ...ctx, db: tx }, next, { full: true, credential: false });
  });
}

/** 02 延续: a new version (+1), valid from today, the term extended from the old last day by the type's validity years (or `validUntil`). */
export function renewLicense(ctx: Ctx, id: string, input: { reason: string; validUntil?: string | null }) {
  return newVersion(ctx, id, 'renew', input.reason, (row, type, _holder, day) => {
    let validUntil: string | null;
    if (input.validUntil === null) validUntil = null;
    else if (input.validUntil !== undefined) validUntil = checkDate(input.validUntil, 'validUntil');
    else if (!type.validityYears) validUntil = null;
    else {
      const start = row.valid_until && addDays(row.valid_until, 1) > day ? addDays(row.valid_until, 1) : day;
      validUntil = termEnd(start, type.validityYears);
    }
    if (validUntil !== null && row.valid_until !== null && validUntil <= row.valid_until) {
      throw invalidField('validUntil', 'not_extended', '延续后的有效期应晚于原有效期', 'a renewal must extend the term');
    }
    return { claims: JSON.parse(row.claims) as Claims, validFrom: day, validUntil };
  });
}

/** 08 变更: a new version (+1) with the changed fields merged in; the term unchanged unless given. */
export function changeLicense(ctx: Ctx, id: string, input: { reason: string; claims: Record<string, unknown>; validUntil?: string | null }) {
  return newVersion(ctx, id, 'change', input.reason, (row, type, holder, day) => {
    const changes = checkClaims(type.fields, input.claims ?? {});
    if (Object.keys(changes).length === 0) throw invalidField('claims', 'required', '请填写变更的字段', 'no field changed');
    const claims = withHolderDefaults(type.fields, { ...(JSON.parse(row.claims) as Claims), ...changes }, holder);
    const validUntil = input.validUntil === undefined ? row.valid_until : input.validUntil === null ? null : checkDate(input.validUntil, 'validUntil');
    return { claims, validFrom: row.valid_from <= day ? row.valid_from : day, validUntil };
  });
}

/** 04 过期: records expiry for licences past their last day (a daily job; reads already report expired). */
export async function expireLicenses(ctx: Ctx, limit = 1000): Promise<number> {
  const day = today(ctx);
  const due = await store.dueToExpire(ctx.db, day, limit);
  let n = 0;
  for (const row of due) {
    await ctx.db.transaction().execute(async (tx) => {
      if (await store.updateLicenseIf(tx, row.id, row.status, { status: 'expired', status_reason: `有效期至 ${row.valid_until}`, updated_at: ctx.clock.now() })) {
        await recordOperation(ctx, tx, row, 'expire', `有效期至 ${row.valid_until} 届满`);
        n += 1;
      }
    });
  }
  return n;
}

/** The same, asked for over HTTP by an admin. */
export async function expireDueLicenses(ctx: Ctx) {
  const actor = policy.requireActor(ctx.actor);
  policy.assertAllowed(policy.canImport(actor), { zh: '仅管理员可执行', en: 'Only an admin may run this' });
  return { expired: await expireLicenses(ctx) };
}

// ---------------------------------------------------------------------------------------------
// Staff reads
// ---------------------------------------------------------------------------------------------

export interface StaffListQuery {
  typeCode?: string;
  status?: LicenseStatus;
  q?: string;
  holderApplicantId?: string;
  page?: number;
  pageSize?: number;
}

export async function listLicenses(ctx: Ctx, q: StaffListQuery) {
  const actor = policy.requireActor(ctx.actor);
  const s = await staffDept(ctx, actor);
  policy.assertAllowed(policy.canListLicenses(s), { zh: '无权查看电子证照库', en: 'Not allowed to list licences' });
  const pageSize = Math.min(Math.max(q.pageSize ?? 20, 1), 100);
  const page = Math.max(q.page ?? 1, 1);
  const day = today(ctx);
  const { total, rows } = await store.listLicenses(ctx.db, policy.licenseScope(s), {
    ...q,
    today: day,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { total, page, pageSize, items: rows.map((r) => baseView(r, day, false)) };
}

export async function getLicense(ctx: Ctx, id: string) {
  const actor = policy.requireActor(ctx.actor);
  const row = await store.findLicense(ctx.db, id);
  if (!row || !policy.canViewLicense(await staffDept(ctx, actor), row)) throw policy.notVisible();
  return detailView(ctx, row, { full: true, credential: true });
}

// ---------------------------------------------------------------------------------------------
// Holder wallet
// ---------------------------------------------------------------------------------------------

async function loadOwn(ctx: Ctx, id: string): Promise<LicenseRow> {
  const actor = policy.assertApplicant(ctx.actor);
  const row = await store.findLicense(ctx.db, id);
  if (!row || !policy.canHold(actor, row)) throw policy.notVisible();
  return row;
}

export async function listMyLicenses(ctx: Ctx, q: { includeSuperseded?: boolean } = {}) {
  const actor = policy.assertApplicant(ctx.actor);
  const day = today(ctx);
  const { total, rows } = await store.listLicenses(
    ctx.db,
    { kind: 'holder', applicantId: actor.applicantId },
    { includeSuperseded: q.includeSuperseded, today: day, limit: 500, offset: 0 },
  );
  return { total, items: rows.map((r) => baseView(r, day, true)) };
}

export async function getMyLicense(ctx: Ctx, id: string) {
  const row = await loadOwn(ctx, id);
  return detailView(ctx, row, { full: true, credential: true });
}

/** The raw credential for download (application/dc+sd-jwt). */
export async function myCredential(ctx: Ctx, id: string) {
  const row = await loadOwn(ctx, id);
  return { credential: row.credential, identifier: row.identifier };
}

/** The verify URL a licence's QR code carries (holder, or staff who may see the licence). */
export async function licenseQrTarget(ctx: Ctx, id: string): Promise<string> {
  const actor = policy.requireActor(ctx.actor);
  const row = await store.findLicense(ctx.db, id);
  if (!row) throw policy.notVisible();
  const ok = actor.kind === 'applicant' ? policy.canHold(actor, row) : policy.canViewLicense(await staffDept(ctx, actor), row);
  if (!ok) throw policy.notVisible();
  return `${publicBase()}${verifyPath(row.identifier)}`;
}

export interface PresentationInput {
  disclose: string[];
  ttlMinutes?: number;
  audience?: string;
}

/** 亮证: a presentation disclosing only the chosen claims, expiring after ttlMinutes (1–30, default 5). */
export async function createPresentation(ctx: Ctx, id: string, input: PresentationInput) {
  const row = await loadOwn(ctx, id);
  const day = today(ctx);
  const status = effectiveStatus(row, day);
  if (status !== 'valid') {
    throw new Problem(409, 'license_not_valid', { zh: `证照状态为「${status}」，不能亮证`, en: `The licence is ${status}; it cannot be presented` }, { extra: { status } });
  }
  const available = parseSdJwt(row.credential).disclosures.map((d) => d.key);
  const { keys: chosen, ttl } = checkPresentationRequest(available, input.disclose ?? [], input.ttlMinutes);
  const audience = input.audience?.trim() || undefined;
  const now = ctx.clock.now();
  const iat = seconds(now);
  const exp = iat + ttl * 60;
  const jti = uuidv7();
  const token = await ctx.db.transaction().execute(async (tx) => {
    const key = await keys.activeSigningKey(tx, now);
    const t = makePresentation(row.credential, chosen, { iat, exp, jti, ...(audience ? { aud: audience } : {}) }, key.kid, ed25519Signer(key.privateKey));
    await appendAudit(
      tx,
      { actor: actorRef(ctx.actor), action: 'license.present', target: { type: 'license', id: row.id }, ip: ctx.ip, detail: `disclose ${chosen.join(',')} ttl ${ttl}m` },
      now,
    );
    return t;
  });
  const qrText = toQrText(token);
  return {
    id: jti,
    licenseId: row.id,
    identifier: row.identifier,
    token,
    qrText,
    verifyUrl: `/verify#${qrText}`,
    disclosed: chosen,
    audience: audience ?? null,
    issuedAt: new Date(iat * 1000).toISOString(),
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

export async function myVerifications(ctx: Ctx, id: string, q: { limit?: number } = {}) {
  const row = await loadOwn(ctx, id);
  await flushVerificationLog(ctx.db, ctx.log);
  const chain = await store.chainOf(ctx.db, row);
  const rows = await store.verificationsOf(ctx.db, chain.map((c) => c.id), Math.min(Math.max(q.limit ?? 100, 1), 500));
  return {
    items: rows.map((v) => ({
      id: v.id,
      at: v.at,
      channel: v.channel,
      result: v.result,
      identifier: v.identifier,
      verifierIp: maskIp(v.ip),
      audience: v.audience,
      disclosed: v.disclosed ? (JSON.parse(v.disclosed) as string[]) : [],
      grantId: v.grant_id,
      orgUscc: v.org_uscc,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Verification (no login)
// ---------------------------------------------------------------------------------------------

export interface VerifyInput {
  token?: string;
  qrText?: string;
  identifier?: string;
}

export interface VerifyOutcome {
  result: VerifyResult;
  identifier: string | null;
  licenseType: { code: string; name: string } | null;
  issuer: { iss: string; name: string | null } | null;
  /** only the disclosed claims */
  disclosed: Record<string, unknown>;
  /** the disclosed claims with their labels, in the type's order */
  fields: FieldValue[];
  holder: string | null;
  presentation: { expiresAt: string; audience: string | null } | null;
  checkedAt: string;
}

type Channel = store.VerificationRow['channel'];

/** What a QR code or scanner input holds: a presentation (OW1:…), a verify URL, a token or an identifier. */
export function classifyInput(input: VerifyInput): { kind: 'token' | 'identifier'; value: string; channel: Channel } {
  const given = (['token', 'qrText', 'identifier'] as const).filter((k) => typeof input[k] === 'string' && input[k]!.trim() !== '');
  if (given.length !== 1) {
    throw invalidField('token', 'one_of', '请提供 token、qrText、identifier 之一', 'give exactly one of token, qrText, identifier');
  }
  if (input.identifier) return { kind: 'identifier', value: input.identifier.trim(), channel: 'identifier' };
  if (input.token) return { kind: 'token', value: input.token.trim(), channel: 'token' };
  const text = input.qrText!.trim();
  if (text.startsWith(QR_PREFIX)) return { kind: 'token', value: text.slice(QR_PREFIX.length), channel: 'qr' };
  const hash = text.indexOf(`#${QR_PREFIX}`);
  if (hash >= 0) return { kind: 'token', value: text.slice(hash + 1 + QR_PREFIX.length), channel: 'qr' };
  const l = /[?&]l=([^&#]+)/.exec(text);
  if (l) return { kind: 'identifier', value: decodeURIComponent(l[1]), channel: 'qr' };
  if (/^1\.2\.156\.3005\.2\./i.test(text)) return { kind: 'identifier', value: text, channel: 'qr' };
  if (text.includes('~')) return { kind: 'token', value: text, channel: 'qr' };
  throw invalidField('qrText', 'not_a_license_qr', '不是电子证照二维码', 'not a licence QR code');
}

function outcome(now: string, p: Partial<VerifyOutcome> & { result: VerifyResult }): VerifyOutcome {
  return {
    identifier: null,
    licenseType: null,
    issuer: null,
    disclosed: {},
    fields: [],
    holder: null,
    presentation: null,
    checkedAt: now,
    ...p,
  };
}

/** Checks a token's signatures and structure; the licence's status comes after. */
async function checkToken(ctx: Ctx, token: string, nowSec: number): Promise<{ result: VerifyResult; parsed?: ParsedSdJwt }> {
  let p: ParsedSdJwt;
  try {
    p = parseSdJwt(token);
  } catch (e) {
    if (e instanceof MalformedCredential) return { result: 'tampered' };
    throw e;
  }
  const { header, payload } = p.jwt;
  if (typeof header.kid !== 'string' || payload.iss !== issuerId()) return { result: 'unknown_issuer' };
  const key = await keys.publicKeyFor(ctx.db, header.kid);
  if (!key) return { result: 'unknown_issuer' };
  if (header.typ !== CREDENTIAL_TYP || !canonicalSig(p.jwt.raw) || !verifyJwtSignature(p.jwt, key) || !disclosuresMatch(p)) {
    return { result: 'tampered' };
  }
  if (typeof payload.vct !== 'string' || !payload.vct.startsWith(VCT_PREFIX)) return { result: 'tampered' };
  if (p.presentation) {
    const pres = p.presentation;
    if (typeof pres.header.kid !== 'string' || pres.header.typ !== PRESENTATION_TYP) return { result: 'tampered', parsed: p };
    const pkey = await keys.publicKeyFor(ctx.db, pres.header.kid);
    if (!pkey) return { result: 'unknown_issuer' };
    if (!canonicalSig(pres.raw) || !verifyJwtSignature(pres, pkey) || pres.payload.sd_hash !== sha256b64uAscii(p.sdHashInput)) {
      return { result: 'tampered' };
    }
    if (typeof pres.payload.exp !== 'number' || pres.payload.exp <= nowSec) return { result: 'presentation_expired', parsed: p };
  }
  return { result: 'valid', parsed: p };
}

const sha256b64uAscii = (s: string) => createHash('sha256').update(s, 'ascii').digest('base64url');
/** The signature segment must be canonical base64url (no ignored trailing bits). */
function canonicalSig(jwt: string): boolean {
  const sig = jwt.slice(jwt.lastIndexOf('.') + 1);
  return Buffer.from(sig, 'base64url').toString('base64url') === sig;
}

/**
 * The verification log is written in batches: records queue in memory and are inserted together
 * within VERIFY_LOG_FLUSH_MS (or at VERIFY_LOG_BATCH records), which keeps verification fast
 * (one multi-row insert instead of one per check). Reading a holder's log flushes first, so in
 * one process the log is always complete when read; across processes it lags ≤ the interval.
 */
export const VERIFY_LOG_FLUSH_MS = 100;
export const VERIFY_LOG_BATCH = 500;
const logQueues = new Map<Ctx['db'], store.VerificationRow[]>();
let logTimer: NodeJS.Timeout | null = null;

async function logVerification(ctx: Ctx, row: Omit<store.VerificationRow, 'id' | 'at' | 'ip'>, now: string) {
  let q = logQueues.get(ctx.db);
  if (!q) logQueues.set(ctx.db, (q = []));
  q.push({ id: uuidv7(), at: now, ip: ctx.ip, ...row });
  if (q.length >= VERIFY_LOG_BATCH) await flushVerificationLog(ctx.db, ctx.log);
  else if (!logTimer) {
    logTimer = setTimeout(() => {
      logTimer = null;
      void flushVerificationLog(undefined, ctx.log);
    }, VERIFY_LOG_FLUSH_MS);
    logTimer.unref();
  }
}

/** Writes the queued verification records (of one database, or all). Call before shutting down. */
export async function flushVerificationLog(db?: Ctx['db'], log?: Ctx['log']): Promise<void> {
  for (const [d, q] of [...logQueues]) {
    if (db && d !== db) continue;
    if (q.length === 0) continue;
    const rows = q.splice(0, q.length);
    try {
      await store.insertVerifications(d, rows);
    } catch (err) {
      log?.error({ err: String(err), lost: rows.length }, 'licence verification log: write failed');
    }
  }
}

/**
 * 核验: valid / revoked / suspended / expired / superseded / tampered / unknown_issuer /
 * presentation_expired / not_found, with exactly the disclosed claims. Every call is logged for the holder.
 */
export async function verify(ctx: Ctx, input: VerifyInput): Promise<VerifyOutcome> {
  const now = ctx.clock.now();
  const day = shanghaiDate(now);
  const what = classifyInput(input);

  if (what.kind === 'identifier') {
    const parsed = parseIdentifierInput(what.value);
    const row = await store.findByIdentifier(ctx.db, parsed.value);
    if (!row) {
      await logVerification(ctx, { license_id: null, identifier: parsed.value, channel: what.channel, result: 'not_found', audience: null, disclosed: null, grant_id: null, org_uscc: null }, now);
      return outcome(now, { result: 'not_found', identifier: parsed.value });
    }
    const result = effectiveStatus(row, day);
    await logVerification(ctx, { license_id: row.id, identifier: row.identifier, channel: what.channel, result, audience: null, disclosed: '[]', grant_id: null, org_uscc: null }, now);
    return outcome(now, {
      result,
      identifier: row.identifier,
      licenseType: { code: row.type_code, name: row.type_name },
      issuer: { iss: issuerId(), name: row.issuer_name },
      holder: row.holder_kind === 'person' ? maskName(row.holder_name) : row.holder_name,
    });
  }

  const checked = await checkToken(ctx, what.value, Math.floor(Date.parse(now) / 1000));
  const p = checked.parsed;
  const row = p ? await store.findForVerifyFast(ctx.db, ctx.dialect, p.digest) : undefined;
  let result: VerifyResult = checked.result;
  if (result === 'valid') result = row ? effectiveStatus(row, day) : 'not_found';
  const presPayload = p?.presentation?.payload;
  const audience = typeof presPayload?.aud === 'string' ? presPayload.aud : null;
  const revealed = p && result !== 'tampered' && result !== 'presentation_expired' && result !== 'unknown_issuer' && result !== 'not_found';
  const disclosed = revealed ? disclosedClaims(p) : {};
  await logVerification(
    ctx,
    {
      license_id: row?.id ?? null,
      identifier: row?.identifier ?? null,
      channel: what.channel,
      result,
      audience,
      disclosed: JSON.stringify(Object.keys(disclosed)),
      grant_id: null,
      org_uscc: null,
    },
    now,
  );
  if (!p || !row || result === 'tampered' || result === 'unknown_issuer') return outcome(now, { result });
  const labels = labelsFor(await typeFieldsOf(ctx, row.type_code));
  return outcome(now, {
    result,
    identifier: typeof disclosed.license_identifier === 'string' ? disclosed.license_identifier : null,
    licenseType: { code: row.type_code, name: row.type_name },
    issuer: { iss: issuerId(), name: typeof disclosed.issuer_name === 'string' ? disclosed.issuer_name : null },
    disclosed,
    fields: labelledFields(labels, disclosed),
    presentation:
      typeof presPayload?.exp === 'number' ? { expiresAt: new Date(presPayload.exp * 1000).toISOString(), audience } : null,
  });
}

/** The public status list entry of one licence (no personal data). */
export async function licenseStatus(ctx: Ctx, identifier: string) {
  const parsed = parseIdentifierInput(identifier);
  const row = await store.findByIdentifier(ctx.db, parsed.value);
  if (!row) throw policy.notVisible();
  const day = today(ctx);
  const current = row.superseded_by ? await store.findLicense(ctx.db, row.superseded_by) : null;
  return {
    identifier: row.identifier,
    status: effectiveStatus(row, day),
    statusReason: row.status === 'revoked' || row.status === 'suspended' ? row.status_reason : null,
    typeCode: row.type_code,
    typeName: row.type_name,
    issuerName: row.issuer_name,
    version: row.version,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    supersededBy: current?.identifier ?? null,
    checkedAt: ctx.clock.now(),
  };
}

export const publicJwks = (ctx: Ctx) => keys.jwks(ctx.db);

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

export async function rotateSigningKey(ctx: Ctx) {
  const actor = policy.requireActor(ctx.actor);
  policy.assertAllowed(policy.canRotateKeys(actor), { zh: '仅管理员可轮换签名密钥', en: 'Only an admin may rotate signing keys' });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const r = await keys.rotate(tx, now);
    await appendAudit(tx, { actor: actorRef(actor), action: 'license.key.rotate', target: { type: 'license_key', id: r.kid }, ip: ctx.ip, detail: `previous ${r.previousKid ?? '-'}` }, now);
    return { ...r, rotatedAt: now };
  });
}

export async function listSigningKeys(ctx: Ctx) {
  const actor = policy.requireActor(ctx.actor);
  policy.assertAllowed(policy.canRotateKeys(actor), { zh: '仅管理员可查看签名密钥', en: 'Only an admin may list signing keys' });
  return { items: await keys.keyList(ctx.db) };
}

// ---------------------------------------------------------------------------------------------
// Grants 用证授权
// ---------------------------------------------------------------------------------------------

export interface GrantInput {
  orgUscc: string;
  orgName: string;
  purpose: string;
  /** YYYY-MM-DD, last day the organisation may fetch */
  validUntil: string;
  /** claim keys the organisation may see (default: all) */
  fields?: string[];
}

const hashSecret = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function grantView(g: store.GrantRow, day: string) {
  return {
    id: g.id,
    licenseId: g.license_id,
    orgUscc: g.org_uscc,
    orgName: g.org_name,
    purpose: g.purpose,
    fields: JSON.parse(g.fields) as string[],
    validUntil: g.valid_until,
    state: grantState(g, day),
    createdAt: g.created_at,
    revokedAt: g.revoked_at,
    useCount: g.use_count,
    lastUsedAt: g.last_used_at,
    fetchUrl: `/api/v1/grants/${g.id}/license`,
  };
}

export async function createGrant(ctx: Ctx, id: string, input: GrantInput) {
  const row = await loadOwn(ctx, id);
  const day = today(ctx);
  const uscc = validateUscc(input.orgUscc ?? '');
  if (!uscc.ok) throw invalidField('orgUscc', `uscc_${uscc.code}`, uscc.zh, uscc.en);
  const orgName = (input.orgName ?? '').trim();
  if (!orgName) throw invalidField('orgName', 'required', '请填写被授权单位名称', 'organisation name required');
  const purpose = (input.purpose ?? '').trim();
  if (!purpose) throw invalidField('purpose', 'required', '请填写用途', 'purpose required');
  const validUntil = checkDate(input.validUntil, 'validUntil');
  if (validUntil < day) throw invalidField('validUntil', 'past', '授权截止日期不能早于今天', 'must not be in the past');
  const status = effectiveStatus(row, day);
  if (status !== 'valid') {
    throw new Problem(409, 'license_not_valid', { zh: '证照当前不在有效状态，不能授权', en: `The licence is ${status}; it cannot be shared` });
  }
  const available = parseSdJwt(row.credential).disclosures.map((d) => d.key);
  const fields = input.fields === undefined ? available : [...new Set(input.fields)];
  const unknown = fields.filter((f) => !available.includes(f));
  if (unknown.length || fields.length === 0) {
    throw invalidField('fields', 'unknown_field', `字段无效：${unknown.join('、') || '（空）'}`, `invalid fields: ${unknown.join(', ') || '(none)'}`);
  }
  const secret = `owg_${randomBytes(32).toString('base64url')}`;
  const now = ctx.clock.now();
  const g: store.GrantRow = {
    id: uuidv7(),
    license_id: row.id,
    holder_applicant_id: row.holder_applicant_id,
    org_uscc: uscc.value,
    org_name: orgName.slice(0, 200),
    purpose: purpose.slice(0, 500),
    fields: JSON.stringify(fields),
    valid_until: validUntil,
    secret_hash: hashSecret(secret),
    created_at: now,
    revoked_at: null,
    use_count: 0,
    last_used_at: null,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await store.insertGrant(tx, g);
    await appendAudit(tx, { actor: actorRef(ctx.actor), action: 'license.grant', target: { type: 'license_grant', id: g.id }, ip: ctx.ip, detail: `${row.identifier} → ${g.org_uscc}` }, now);
  });
  return { ...grantView(g, day), secret };
}

export async function listGrants(ctx: Ctx, id: string) {
  const row = await loadOwn(ctx, id);
  const day = today(ctx);
  return { items: (await store.grantsOf(ctx.db, row.id)).map((g) => grantView(g, day)) };
}

export async function revokeGrant(ctx: Ctx, id: string, grantId: string) {
  const row = await loadOwn(ctx, id);
  const g = await store.findGrant(ctx.db, grantId);
  if (!g || g.license_id !== row.id) throw policy.notVisible();
  const now = ctx.clock.now();
  if (!g.revoked_at) {
    await ctx.db.transaction().execute(async (tx) => {
      await store.updateGrant(tx, g.id, { revoked_at: now });
      await appendAudit(tx, { actor: actorRef(ctx.actor), action: 'license.grant.revoke', target: { type: 'license_grant', id: g.id }, ip: ctx.ip }, now);
    });
  }
  return grantView({ ...g, revoked_at: g.revoked_at ?? now }, today(ctx));
}

const grantInvalid = () =>
  new Problem(401, 'grant_invalid', { zh: '授权凭据无效', en: 'Invalid grant credentials' });

/** The organisation fetches a granted licence with its bearer secret; every use (and refusal) is logged. */
export async function useGrant(ctx: Ctx, grantId: string, secret: string | null) {
  if (!secret) throw grantInvalid();
  const g = /^[0-9a-f-]{36}$/.test(grantId) ? await store.findGrant(ctx.db, grantId) : undefined;
  const given = Buffer.from(hashSecret(secret), 'hex');
  if (!g || !timingSafeEqual(given, Buffer.from(g.secret_hash, 'hex'))) throw grantInvalid();
  const now = ctx.clock.now();
  const day = shanghaiDate(now);
  // a renewed or changed licence: the grant follows to the current version
  let row = await store.findLicense(ctx.db, g.license_id);
  for (let i = 0; row?.superseded_by && i < 1000; i++) row = await store.findLicense(ctx.db, row.superseded_by);
  if (!row) throw grantInvalid();
  const state = grantState(g, day);
  const log = (result: string, disclosed: string[]) =>
    logVerification(ctx, { license_id: row.id, identifier: row.identifier, channel: 'grant', result, audience: g.org_name, disclosed: JSON.stringify(disclosed), grant_id: g.id, org_uscc: g.org_uscc }, now);
  if (state !== 'active') {
    await log(`grant_${state}`, []);
    throw new Problem(403, `grant_${state}`, {
      zh: state === 'revoked' ? '持证人已撤回授权' : '授权已过期',
      en: state === 'revoked' ? 'The holder revoked this grant' : 'This grant has expired',
    });
  }
  const result = effectiveStatus(row, day);
  const fields = JSON.parse(g.fields) as string[];
  const all = credentialClaims({ ...row, claims: JSON.parse(row.claims) as Claims }, statusUri(row.identifier));
  const disclosed = Object.fromEntries(fields.filter((k) => k in all).map((k) => [k, all[k]]));
  const labels = labelsFor(await typeFieldsOf(ctx, row.type_code));
  const iat = seconds(now);
  const presentation = await ctx.db.transaction().execute(async (tx) => {
    const key = await keys.activeSigningKey(tx, now);
    await store.countGrantUse(tx, g.id, now);
    return makePresentation(row.credential, fields, { iat, exp: iat + 300, jti: uuidv7(), aud: g.org_uscc }, key.kid, ed25519Signer(key.privateKey));
  });
  await log(result, Object.keys(disclosed));
  return {
    grant: { id: g.id, orgUscc: g.org_uscc, orgName: g.org_name, purpose: g.purpose, validUntil: g.valid_until },
    result,
    identifier: row.identifier,
    licenseType: { code: row.type_code, name: row.type_name },
    issuer: { iss: issuerId(), name: row.issuer_name },
    disclosed,
    fields: labelledFields(labels, disclosed),
    /** a signed presentation of the granted claims (5 minutes), verifiable by POST /api/v1/verify or offline */
    token: presentation,
    checkedAt: now,
  };
}

// ---------------------------------------------------------------------------------------------
// Reuse at intake
// ---------------------------------------------------------------------------------------------

/**
 * Which of the applicant's licences satisfy these licence types on `onDate` (YYYY-MM-DD): valid
 * only (not suspended, revoked, expired or superseded); the newest per type.
 */
export async function licensesSatisfying(
  ctx: Ctx,
  applicantId: string,
  licenseTypeCodes: string[],
  onDate: string,
): Promise<Map<string, { licenseId: string; identifier: string; name: string }>> {
  const out = new Map<string, { licenseId: string; identifier: string; name: string }>();
  const codes = [...new Set(licenseTypeCodes.filter(Boolean))];
  if (codes.length === 0) return out;
  for (const r of await store.currentOfTypes(ctx.db, applicantId, codes)) {
    if (!out.has(r.type_code) && isValidOn(r, onDate)) out.set(r.type_code, { licenseId: r.id, identifier: r.identifier, name: r.type_name });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scenarios 应用场景清单
// ---------------------------------------------------------------------------------------------

export interface ScenarioInput {
  name: string;
  description?: string;
  licenseTypeCodes: string[];
  /** claim keys a verifier in this scenario typically needs */
  fields: string[];
  sort?: number;
}

async function scenarioView(ctx: Ctx, s: store.ScenarioRow, types?: LicenseType[]) {
  const all = types ?? (await listLicenseTypes(ctx));
  const codes = JSON.parse(s.license_type_codes) as string[];
  const chosen = all.filter((t) => codes.includes(t.code));
  const labels = labelsFor(chosen.flatMap((t) => t.fields));
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    licenseTypes: codes.map((c) => ({ code: c, name: all.find((t) => t.code === c)?.name ?? c })),
    fields: (JSON.parse(s.fields) as string[]).map((k) => ({ key: k, label: labels.get(k) ?? k })),
    sort: s.sort,
    updatedAt: s.updated_at,
  };
}

export async function listScenarios(ctx: Ctx) {
  const types = await listLicenseTypes(ctx);
  const rows = await store.listScenarios(ctx.db);
  return { items: await Promise.all(rows.map((r) => scenarioView(ctx, r, types))) };
}

async function checkScenario(ctx: Ctx, input: ScenarioInput) {
  const name = (input.name ?? '').trim();
  if (!name) throw invalidField('name', 'required', '请填写场景名称', 'name required');
  const types = await listLicenseTypes(ctx);
  const codes = [...new Set(input.licenseTypeCodes ?? [])];
  if (codes.length === 0) throw invalidField('licenseTypeCodes', 'minItems', '至少选择一种证照类型', 'at least one licence type');
  const unknown = codes.filter((c) => !types.some((t) => t.code === c));
  if (unknown.length) throw invalidField('licenseTypeCodes', 'unknown_license_type', `证照类型不存在：${unknown.join('、')}`, `unknown licence types: ${unknown.join(', ')}`);
  const keysOk = new Set([...STANDARD_CLAIMS.map((f) => f.key), ...types.filter((t) => codes.includes(t.code)).flatMap((t) => t.fields.map((f) => f.key))]);
  const fields = [...new Set(input.fields ?? [])];
  const bad = fields.filter((f) => !keysOk.has(f));
  if (bad.length) throw invalidField('fields', 'unknown_field', `所选证照类型没有字段：${bad.join('、')}`, `no such field on the chosen types: ${bad.join(', ')}`);
  return { name, description: (input.description ?? '').trim(), codes, fields, sort: input.sort ?? 0 };
}

function assertScenarioAdmin(ctx: Ctx) {
  const actor = policy.requireActor(ctx.actor);
  policy.assertAllowed(policy.canManageScenarios(actor), { zh: '仅管理员可维护应用场景清单', en: 'Only an admin may maintain the scenario list' });
  return actor;
}

export async function createScenario(ctx: Ctx, input: ScenarioInput) {
  assertScenarioAdmin(ctx);
  const c = await checkScenario(ctx, input);
  const now = ctx.clock.now();
  const row: store.ScenarioRow = {
    id: uuidv7(),
    name: c.name,
    description: c.description,
    license_type_codes: JSON.stringify(c.codes),
    fields: JSON.stringify(c.fields),
    sort: c.sort,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    if (await store.findScenarioByName(tx, c.name)) throw conflict('scenario_exists', { zh: '同名场景已存在', en: 'A scenario with this name exists' });
    await store.insertScenario(tx, row);
    await appendAudit(tx, { actor: actorRef(ctx.actor), action: 'license.scenario.create', target: { type: 'license_scenario', id: row.id }, ip: ctx.ip, after: row }, now);
  });
  return scenarioView(ctx, row);
}

export async function updateScenario(ctx: Ctx, id: string, input: ScenarioInput) {
  assertScenarioAdmin(ctx);
  const c = await checkScenario(ctx, input);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (tx) => {
    const before = await store.findScenario(tx, id);
    if (!before) throw policy.notVisible();
    const same = await store.findScenarioByName(tx, c.name);
    if (same && same.id !== id) throw conflict('scenario_exists', { zh: '同名场景已存在', en: 'A scenario with this name exists' });
    const patch = { name: c.name, description: c.description, license_type_codes: JSON.stringify(c.codes), fields: JSON.stringify(c.fields), sort: c.sort, updated_at: now };
    await store.updateScenario(tx, id, patch);
    await appendAudit(tx, { actor: actorRef(ctx.actor), action: 'license.scenario.update', target: { type: 'license_scenario', id }, ip: ctx.ip, before, after: patch }, now);
    return { ...before, ...patch };
  });
  return scenarioView(ctx, row);
}

export async function deleteScenario(ctx: Ctx, id: string) {
  assertScenarioAdmin(ctx);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const before = await store.findScenario(tx, id);
    if (!before) throw policy.notVisible();
    await store.deleteScenario(tx, id);
    await appendAudit(tx, { actor: actorRef(ctx.actor), action: 'license.scenario.delete', target: { type: 'license_scenario', id }, ip: ctx.ip, before }, now);
  });
  return { deleted: id };
}
