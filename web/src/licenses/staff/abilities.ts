/**
 * What a staff member may do with a licence on screen. Mirrors the server (src/licenses/model.ts
 * TRANSITIONS, src/licenses/policy.ts canOperate), which decides in the end: a button shown by
 * mistake gets a clear refusal, never a change.
 */
import type { Role } from '../../api/types.js';
import type { LicenseAction, LicenseStatus } from './api.js';

/** Which action the (effective) status allows. */
const ALLOWED_FROM: Record<LicenseAction, LicenseStatus[]> = {
  suspend: ['valid'],
  reinstate: ['suspended'],
  revoke: ['valid', 'suspended', 'expired'],
  renew: ['valid', 'expired'],
  change: ['valid'],
};

/** The buttons, in the order they are offered. */
export const ACTION_ORDER: LicenseAction[] = ['suspend', 'reinstate', 'renew', 'change', 'revoke'];

/**
 * May this staff member operate on licences of this issuing department at all? Admins may; an
 * approver only for its own department's licences; the certificate window reads only. When the
 * approver's department is not known (yet), the button is shown and the server has the last word.
 */
export function mayOperate(roles: readonly Role[] | undefined, ownDepartmentCode: string | null | undefined, licenceDepartmentCode: string | null): boolean {
  if (!roles) return false;
  if (roles.includes('admin')) return true;
  if (!roles.includes('approver')) return false;
  if (ownDepartmentCode === undefined) return true;
  return !!ownDepartmentCode && ownDepartmentCode === licenceDepartmentCode;
}

/** The actions to offer now: none when the actor may not operate, else those the status allows. */
export function availableActions(status: LicenseStatus, operate: boolean): LicenseAction[] {
  if (!operate) return [];
  return ACTION_ORDER.filter((a) => ALLOWED_FROM[a].includes(status));
}
