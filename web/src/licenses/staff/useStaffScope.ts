import { useAuth } from '../../auth/AuthContext.js';
import { useAsync } from '../../api/useAsync.js';
import { fetchDepartmentRefs } from './api.js';

export interface StaffScope {
  isAdmin: boolean;
  /** an approver who is not also an admin or certificate clerk: sees only its department's licences */
  departmentOnly: boolean;
  /** the department code of an approver; undefined while unknown (loading, failed), null when it has none */
  departmentCode: string | null | undefined;
}

/** Who is looking at the licence register: admin, certificate window, or an approver of which department. */
export function useStaffScope(): StaffScope {
  const { actor } = useAuth();
  const roles = actor?.roles ?? [];
  const isAdmin = roles.includes('admin');
  const approver = roles.includes('approver') && !isAdmin;
  const deptId = actor?.departmentId ?? null;
  const depts = useAsync(async (signal) => (approver && deptId ? fetchDepartmentRefs(signal) : null), [approver, deptId]);
  let departmentCode: string | null | undefined = null;
  if (approver && deptId) departmentCode = depts.data ? (depts.data.items.find((d) => d.id === deptId)?.code ?? null) : undefined;
  return { isAdmin, departmentOnly: approver && !roles.includes('cert'), departmentCode };
}
