/**
 * Who may do what to which case — one function per action. A case outside the actor's data scope
 * answers 404 (never revealing it exists); inside the scope, an action the actor may not take
 * answers 403 with a reason.
 *
 * Data scope (decided here, the issue left it open):
 * - applicant: their own cases;
 * - intake clerk / assistant: cases taken in at their hall (online submissions belong to the district centre);
 * - approver / supervisor: their department's cases (wherever taken in);
 * - certificate window and hall manager: at the district centre every case (统一窗口出证 serves the
 *   whole district), elsewhere their hall's cases;
 * - admin, leader: every case (read; personal data masked).
 */
import { hasRole, type Actor, type Role } from '../platform/actor.js';
import { forbidden, notFound } from '../platform/problem.js';
import type { Action } from './model.js';
import type { CaseScope } from './store.js';

export interface ScopedCase {
  departmentId: string;
  intakeHallId: string | null;
  applicantId: string;
  status: string;
  instant: boolean;
}

/** `districtHall(hallId)`: is this the district centre (the root hall)? */
export function caseScope(actor: Actor | null, districtHall: (hallId: string) => boolean): CaseScope {
  if (!actor) return null;
  if (actor.kind === 'applicant') return actor.applicantId ? { kind: 'applicant', applicantId: actor.applicantId } : null;
  if (hasRole(actor, 'admin', 'leader')) return { kind: 'all' };
  if (hasRole(actor, 'cert', 'manager') && actor.hallId) return districtHall(actor.hallId) ? { kind: 'all' } : { kind: 'hall', hallId: actor.hallId };
  if (hasRole(actor, 'approver', 'supervisor') && actor.departmentId) return { kind: 'department', departmentId: actor.departmentId };
  if (hasRole(actor, 'clerk', 'assistant') && actor.hallId) return { kind: 'hall', hallId: actor.hallId };
  return null;
}

export function inScope(scope: CaseScope, c: ScopedCase): boolean {
  if (!scope) return false;
  switch (scope.kind) {
    case 'all':
      return true;
    case 'hall':
      return c.intakeHallId === scope.hallId;
    case 'department':
      return c.departmentId === scope.departmentId;
    case 'applicant':
      return c.applicantId === scope.applicantId;
  }
}

export const caseNotFound = () => notFound({ zh: '办件', en: 'case' });

/** 404 unless the case is in the actor's scope. */
export function assertCanView(scope: CaseScope, c: ScopedCase): void {
  if (!inScope(scope, c)) throw caseNotFound();
}

const isStaff = (a: Actor, ...roles: Role[]) => a.kind === 'staff' && hasRole(a, ...roles);
const ownCase = (a: Actor, c: ScopedCase) => a.kind === 'applicant' && !!a.applicantId && a.applicantId === c.applicantId;
const deptApprover = (a: Actor, c: ScopedCase) => isStaff(a, 'approver') && !!a.departmentId && a.departmentId === c.departmentId;

/** Full personal data (ID number, phone, address): the applicant, and staff working the case. */
/** Staff who take cases in at a window (and so may look up what an applicant already holds). */
export const canTakeIn = (a: Actor) => isStaff(a, 'clerk', 'assistant', 'admin');

export function canSeePersonalData(a: Actor, scope: CaseScope, c: ScopedCase): boolean {
  if (ownCase(a, c)) return true;
  if (!inScope(scope, c)) return false;
  return isStaff(a, 'clerk', 'assistant', 'cert') || deptApprover(a, c);
}

export const canIntake = (a: Actor) => isStaff(a, 'clerk') && !!a.hallId;
export const canApplyOnline = (a: Actor) => a.kind === 'applicant' && !!a.applicantId;

/** Every action, after the scope check passed. */
export function canAct(a: Actor, action: Action, c: ScopedCase, scope: CaseScope): boolean {
  const clerk = isStaff(a, 'clerk') && inScope(scope, c);
  const cert = isStaff(a, 'cert') && inScope(scope, c);
  switch (action) {
    case 'submit':
      return ownCase(a, c);
    case 'accept':
    case 'notice':
    case 'refuse':
      return clerk;
    case 'complete':
      return clerk || ownCase(a, c);
    case 'claim':
    case 'pass':
    case 'return':
    case 'request-correction':
    case 'special-procedure':
    case 'end-special':
    case 'extend':
    case 'terminate':
      return deptApprover(a, c);
    case 'decide':
      // 即办件: the clerk of the intake window decides on the spot
      return deptApprover(a, c) || (c.instant && clerk);
    case 'supplement':
      return ownCase(a, c) || clerk || deptApprover(a, c);
    case 'issue':
    case 'deliver':
      return cert || (c.instant && clerk);
    case 'conclude':
      return cert || (c.instant && clerk) || (c.status === 'denied' && deptApprover(a, c));
    case 'withdraw':
      return ownCase(a, c) || clerk;
  }
}

export function assertCanAct(a: Actor, action: Action, c: ScopedCase, scope: CaseScope): void {
  assertCanView(scope, c);
  if (!canAct(a, action, c, scope)) {
    throw forbidden({ zh: '无权对该办件执行此操作', en: `Not allowed to ${action} this case` });
  }
}

/** Work lists */
export const canUseOffice = (a: Actor) => isStaff(a, 'approver') && !!a.departmentId;
export const canSeeOverdue = (a: Actor) => isStaff(a, 'approver', 'manager', 'admin', 'leader');
export const canUseIssueWindow = (a: Actor) => isStaff(a, 'cert');
