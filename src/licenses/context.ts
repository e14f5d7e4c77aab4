/**
 * What the licence use cases share: the audit record, the look-ups of applicants, licence types
 * and staff departments (after this module's own policy said yes), input checks, and the
 * licence a staff member may see.
 */
import { getApplicant } from '../accounts/service.js';
import { findDepartmentById, listLicenseTypes, type LicenseType } from '../catalog/service.js';
import { systemActor, type Actor } from '../platform/actor.js';
import { appendAudit, type AuditEntry } from '../platform/audit.js';
import { shanghaiDate } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import type { Executor } from '../platform/db/database.js';
import { invalidField, Problem } from '../platform/problem.js';
import { isDate, type HolderInfo, type TypeField } from './model.js';
import * as policy from './policy.js';
import * as store from './store.js';

export type Tx = Executor<unknown>;

/** Internal look-ups of applicants and catalog entries after this module's own policy said yes. */
const LOOKUP_ACTOR = systemActor('system:licenses', '电子证照');
const lookupCtx = (ctx: Ctx): Ctx => ({ ...ctx, actor: LOOKUP_ACTOR });

const actorRef = (a: Actor | null) => (a ? { id: a.accountId, name: a.name } : null);
export const today = (ctx: Ctx) => shanghaiDate(ctx.clock.now());
/** An instant in seconds since the epoch (JWT `iat`, `exp`). */
export const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

/** Appends the audit record of the actor (and the request's IP) inside the caller's transaction. */
export async function audit(ctx: Ctx, tx: Tx, entry: Omit<AuditEntry, 'actor' | 'ip'>, at: string) {
  await appendAudit(tx, { ...entry, actor: actorRef(ctx.actor), ip: ctx.ip }, at);
}

export async function staffDept(ctx: Ctx, actor: Actor): Promise<policy.StaffDept> {
  const dept = actor.departmentId ? await findDepartmentById(ctx, actor.departmentId) : null;
  return { actor, departmentCode: dept?.code ?? null };
}

/** A licence the staff member may see (404 otherwise), with the staff member's department. */
export async function staffLicense(ctx: Ctx, id: string) {
  const actor = policy.requireActor(ctx.actor);
  const row = await store.findLicense(ctx.db, id);
  if (!row) throw policy.notVisible();
  const s = await staffDept(ctx, actor);
  if (!policy.canViewLicense(s, row)) throw policy.notVisible();
  return { row, s };
}

const findType = async (ctx: Ctx, code: string) => (await listLicenseTypes(ctx)).find((t) => t.code === code);

export async function licenseType(ctx: Ctx, code: string, field = 'typeCode'): Promise<LicenseType> {
  const type = await findType(ctx, code);
  if (!type) throw invalidField(field, 'unknown_license_type', `证照类型 ${code} 不存在`, `no licence type ${code}`);
  return type;
}

export async function typeFieldsOf(ctx: Ctx, code: string): Promise<TypeField[]> {
  return (await findType(ctx, code))?.fields ?? [];
}

export interface Holder extends HolderInfo {
  id: string;
}

export async function holderOf(ctx: Ctx, applicantId: string, field = 'holderApplicantId'): Promise<Holder> {
  try {
    const a = await getApplicant(lookupCtx(ctx), applicantId);
    return { id: a.id, kind: a.kind, name: a.name, code: (a.idNumber ?? a.uscc)!, legalRepresentative: a.legalRepresentative };
  } catch (e) {
    if (e instanceof Problem && e.status === 404) throw invalidField(field, 'unknown_applicant', '申请人不存在', 'no such applicant');
    throw e;
  }
}

export function checkDate(v: unknown, field: string): string {
  if (!isDate(v)) throw invalidField(field, 'date', '应为有效日期 YYYY-MM-DD', 'must be a real date YYYY-MM-DD');
  return v;
}

/** A last valid day: a date, or null for 长期 (no end). */
export const checkUntil = (v: unknown, field: string): string | null => (v === null ? null : checkDate(v, field));

export function checkTerm(validFrom: string, validUntil: string | null) {
  if (validUntil !== null && validUntil < validFrom) {
    throw invalidField('validUntil', 'before_valid_from', '有效期至不能早于有效期起', 'must not be before validFrom');
  }
}

export function checkReason(reason: unknown): string {
  const r = typeof reason === 'string' ? reason.trim() : '';
  if (!r) throw invalidField('reason', 'required', '请填写原因', 'a reason is required');
  if (r.length > 500) throw invalidField('reason', 'maxLength', '原因过长（500 字以内）', 'at most 500 characters');
  return r;
}
