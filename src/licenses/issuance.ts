/**
 * Minting licence versions: issuing (operation 01, the certificate window's hook), importing
 * licences issued elsewhere, and the signed credential and operation record of every version.
 */
import { getDepartment, type LicenseType } from '../catalog/service.js';
import type { Ctx } from '../platform/context.js';
import { licenseIdentifier, validateUscc } from '../platform/identifiers.js';
import { uuidv7 } from '../platform/ids.js';
import { conflict, invalidField } from '../platform/problem.js';
import { audit, checkDate, checkTerm, checkUntil, holderOf, licenseType, seconds, staffDept, today, type Holder, type Tx } from './context.js';
import { ed25519Signer, issueCredential } from './credential.js';
import * as keys from './keys.js';
import { addDays, checkClaims, credentialClaims, formatSerial, OPERATIONS, parseIdentifierInput, termEnd, withHolderDefaults, type Claims, type Operation } from './model.js';
import * as policy from './policy.js';
import { issuerId, statusUri } from './settings.js';
import * as store from './store.js';
import type { LicenseRow } from './store.js';
import { writtenView } from './views.js';

const dayStart = (date: string) => Math.floor(Date.parse(`${date}T00:00:00+08:00`) / 1000);

export interface MintInput {
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

/** Signs and stores one licence version (inside the caller's transaction); 409 when the identifier exists. */
export async function mint(ctx: Ctx, tx: Tx, m: MintInput): Promise<LicenseRow> {
  const now = ctx.clock.now();
  const identifier =
    m.identifier ?? licenseIdentifier({ typeCode: m.type.code, issuerCode: m.issuerCode, serial: m.serial, version: m.version });
  const key = await keys.activeSigningKey(tx, now);
  if (key.created) {
    await audit(ctx, tx, { action: 'license.key.generate', target: { type: 'license_key', id: key.kid } }, now);
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

/** The operation record (its national code) and the audit record of an operation on a licence. */
export async function recordOperation(
  ctx: Ctx,
  tx: Tx,
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
  await audit(
    ctx,
    tx,
    {
      action: `license.${op}`,
      target: { type: 'license', id: row.id },
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
    input.validUntil === undefined ? (type.validityYears ? termEnd(validFrom, type.validityYears) : null) : checkUntil(input.validUntil, 'validUntil');
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
    return writtenView(ctx, tx, row);
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

/** An imported licence, checked: all but what the transaction decides (serial, department, source). */
type Prepared = Pick<MintInput, 'type' | 'holder' | 'claims' | 'issuedOn' | 'validFrom' | 'validUntil' | 'issuerName'> & {
  parts: Pick<MintInput, 'issuerCode' | 'serial' | 'version' | 'identifier'>;
};

/** Imports licences issued elsewhere (source 'imported'); all or nothing; errors name `licenses.{i}.field`. */
export async function importLicenses(ctx: Ctx, inputs: ImportLicenseInput[]) {
  const actor = policy.requireActor(ctx.actor);
  policy.assertAllowed(policy.canImport(actor), { zh: '仅管理员可导入证照', en: 'Only an admin may import licences' });
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > 1000) {
    throw invalidField('licenses', 'count', '一次导入 1–1000 条', '1–1000 licences per import');
  }
  const prepared: Prepared[] = [];
  for (const [i, input] of inputs.entries()) {
    const f = (name: string) => `licenses.${i}.${name}`;
    const type = await licenseType(ctx, input.typeCode, f('typeCode'));
    const holder = await holderOf(ctx, input.holderApplicantId, f('holderApplicantId'));
    const issuedOn = checkDate(input.issuedOn, f('issuedOn'));
    const validFrom = checkDate(input.validFrom, f('validFrom'));
    const validUntil = checkUntil(input.validUntil, f('validUntil'));
    checkTerm(validFrom, validUntil);
    const issuerName = typeof input.issuerName === 'string' ? input.issuerName.trim() : '';
    if (!issuerName) throw invalidField(f('issuerName'), 'required', '请填写颁发机构名称', 'issuer name required');
    let parts: Prepared['parts'];
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
