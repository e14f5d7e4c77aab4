/**
 * The lifecycle of an issued licence: 暂扣 (03), 暂扣发还 (06), 注销/撤销/吊销 (05) change its
 * status; 延续 (02) and 变更 (08) mint a new version that supersedes it; 过期 (04) is recorded daily.
 */
import type { LicenseType } from '../catalog/service.js';
import type { Ctx } from '../platform/context.js';
import { conflict, invalidField } from '../platform/problem.js';
import { checkReason, checkTerm, checkUntil, holderOf, licenseType, staffLicense, today, type Holder, type Tx } from './context.js';
import { mint, recordOperation } from './issuance.js';
import { addDays, assertTransition, checkClaims, effectiveStatus, nextVersion, OPERATIONS, termEnd, withHolderDefaults, type Claims, type LicenseStatus } from './model.js';
import * as policy from './policy.js';
import * as store from './store.js';
import type { LicenseRow } from './store.js';
import { writtenView } from './views.js';

async function loadForOperation(ctx: Ctx, id: string) {
  const { row, s } = await staffLicense(ctx, id);
  policy.assertAllowed(policy.canOperate(s, row), {
    zh: '仅管理员或发证部门审批人可办理证照变更、延续、暂扣、注销',
    en: 'Only an admin or an approver of the issuing department may operate on this licence',
  });
  return row;
}

/** Stale-safe status change: applies only if the row still has the status we decided on. */
async function guardedUpdate(tx: Tx, row: LicenseRow, patch: Partial<LicenseRow>) {
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
    return writtenView(ctx, tx, next);
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
    return writtenView(ctx, tx, next);
  });
}

/** 02 延续: a new version (+1), valid from today, the term extended from the old last day by the type's validity years (or `validUntil`). */
export function renewLicense(ctx: Ctx, id: string, input: { reason: string; validUntil?: string | null }) {
  return newVersion(ctx, id, 'renew', input.reason, (row, type, _holder, day) => {
    let validUntil: string | null;
    if (input.validUntil !== undefined) validUntil = checkUntil(input.validUntil, 'validUntil');
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
    const validUntil = input.validUntil === undefined ? row.valid_until : checkUntil(input.validUntil, 'validUntil');
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
