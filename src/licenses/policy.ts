/**
 * Who may do what with licences (one function per action). Lists are filtered in SQL by
 * `licenseScope`; single records answer 404 (not 403) when the actor may not see them.
 */
import { hasRole, type Actor } from '../platform/actor.js';
import { forbidden, notFound, unauthenticated } from '../platform/problem.js';
import type { LicenseScope } from './store.js';

/** The department code of a staff actor (resolved by the service from actor.departmentId). */
export interface StaffDept {
  actor: Actor;
  departmentCode: string | null;
}

/** Staff licence lists: admin and certificate windows see all; an approver only their department's types. */
export function licenseScope(s: StaffDept): LicenseScope {
  const a = s.actor;
  if (a.kind !== 'staff') return null;
  if (hasRole(a, 'admin', 'cert')) return { kind: 'all' };
  if (hasRole(a, 'approver') && s.departmentCode) return { kind: 'department', departmentCode: s.departmentCode };
  return null;
}

export const canListLicenses = (s: StaffDept) => licenseScope(s) !== null;

/** One licence on the staff side: the same scope as lists. */
export function canViewLicense(s: StaffDept, l: { department_code: string | null }): boolean {
  const scope = licenseScope(s);
  if (!scope) return false;
  return scope.kind === 'all' || (scope.kind === 'department' && l.department_code === scope.departmentCode);
}

/** Issue (the certificate window's hook, or the issuing department): admin, cert, or the type's department approver. */
export function canIssue(s: StaffDept, typeDepartmentCode: string): boolean {
  const a = s.actor;
  if (a.kind !== 'staff') return false;
  if (hasRole(a, 'admin', 'cert')) return true;
  return hasRole(a, 'approver') && !!s.departmentCode && s.departmentCode === typeDepartmentCode;
}

/** Suspend, reinstate, revoke, renew, change: admin or an approver of the issuing department. */
export function canOperate(s: StaffDept, l: { department_code: string | null }): boolean {
  const a = s.actor;
  if (a.kind !== 'staff') return false;
  if (hasRole(a, 'admin')) return true;
  return hasRole(a, 'approver') && !!s.departmentCode && l.department_code === s.departmentCode;
}

/** Importing licences issued elsewhere: admin. */
export const canImport = (a: Actor) => a.kind === 'staff' && hasRole(a, 'admin');
/** Key rotation: admin. */
export const canRotateKeys = (a: Actor) => a.kind === 'staff' && hasRole(a, 'admin');
/** The scenario list: admin writes, everyone reads. */
export const canManageScenarios = (a: Actor) => a.kind === 'staff' && hasRole(a, 'admin');

/** The holder's own licences only. */
export function canHold(a: Actor, l: { holder_applicant_id: string }): boolean {
  return a.kind === 'applicant' && !!a.applicantId && a.applicantId === l.holder_applicant_id;
}

// ---------------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------------

export const LICENSE = { zh: '电子证照', en: 'licence' };

export function requireActor(a: Actor | null): Actor {
  if (!a) throw unauthenticated();
  return a;
}

export function assertApplicant(a: Actor | null): Actor & { applicantId: string } {
  const actor = requireActor(a);
  if (actor.kind !== 'applicant' || !actor.applicantId) {
    throw forbidden({ zh: '仅持证人（申请人账号）可使用证照夹', en: 'Only holders (applicant accounts) have a licence wallet' });
  }
  return actor as Actor & { applicantId: string };
}

export function assertAllowed(ok: boolean, why: { zh: string; en: string }): void {
  if (!ok) throw forbidden(why);
}

export const notVisible = () => notFound(LICENSE);
