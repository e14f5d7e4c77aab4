import { hasRole, type Actor } from '../platform/actor.js';
import type { AccountRow, ApplicantRow } from './model.js';

/** Staff who serve applicants face to face and so may look them up and register them. */
const FRONT_DESK = ['clerk', 'assistant', 'cert', 'admin'] as const;

export const canRegisterApplicantForOthers = (actor: Actor | null) => hasRole(actor, ...FRONT_DESK);

export function canViewApplicant(actor: Actor | null, applicant: Pick<ApplicantRow, 'id'>): boolean {
  if (!actor) return false;
  if (actor.kind === 'applicant') return actor.applicantId === applicant.id;
  return hasRole(actor, ...FRONT_DESK);
}

/** Lists: the filter the store applies in SQL for this actor (null = nothing visible). */
export type ApplicantScope = { kind: 'all' } | { kind: 'self'; applicantId: string } | null;

export function applicantScope(actor: Actor | null): ApplicantScope {
  if (!actor) return null;
  if (actor.kind === 'applicant') return actor.applicantId ? { kind: 'self', applicantId: actor.applicantId } : null;
  return hasRole(actor, ...FRONT_DESK, 'manager') ? { kind: 'all' } : null;
}

/** Staff lists: admin and leader see everyone, a hall manager their hall, other staff their own department. */
export type StaffScope =
  | { kind: 'all' }
  | { kind: 'hall'; hallId: string }
  | { kind: 'department'; departmentId: string }
  | { kind: 'self'; accountId: string }
  | null;

export function staffScope(actor: Actor | null): StaffScope {
  if (!actor || actor.kind !== 'staff') return null;
  if (hasRole(actor, 'admin', 'leader')) return { kind: 'all' };
  if (hasRole(actor, 'manager') && actor.hallId) return { kind: 'hall', hallId: actor.hallId };
  if (actor.departmentId) return { kind: 'department', departmentId: actor.departmentId };
  return { kind: 'self', accountId: actor.accountId };
}

export function canViewStaff(actor: Actor | null, target: Pick<AccountRow, 'id' | 'department_id' | 'hall_id' | 'kind'>) {
  const scope = staffScope(actor);
  if (!scope || target.kind !== 'staff') return false;
  switch (scope.kind) {
    case 'all':
      return true;
    case 'hall':
      return target.hall_id === scope.hallId;
    case 'department':
      return target.department_id === scope.departmentId;
    case 'self':
      return target.id === scope.accountId;
  }
}
