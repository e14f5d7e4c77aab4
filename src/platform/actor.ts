/** Who is acting. Built from the session by the accounts module; read by every policy. */
export const STAFF_ROLES = [
  'clerk', // 综合受理员
  'approver', // 审批人
  'cert', // 出证窗口
  'assistant', // 帮办代办员
  'supervisor', // 监管人员
  'manager', // 大厅管理员
  'catalog', // 事项管理员 (one department's catalog)
  'admin', // 系统管理员
  'leader', // 领导
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | 'applicant';

export interface Actor {
  accountId: string;
  username: string;
  name: string;
  kind: 'staff' | 'applicant';
  roles: Role[];
  /** data scope: the department a staff member works for (null = not department-bound) */
  departmentId: string | null;
  /** data scope: the hall a staff member works in */
  hallId: string | null;
  /** for applicant accounts: the applicant (person or enterprise) they act as */
  applicantId: string | null;
  mustChangePassword: boolean;
}

export const hasRole = (a: Actor | null | undefined, ...roles: Role[]): boolean =>
  !!a && roles.some((r) => a.roles.includes(r));

export const isAdmin = (a: Actor | null | undefined): boolean => hasRole(a, 'admin');

/** The system itself acting (seed, sweeps, internal look-ups): an administrator nobody logs in as. */
export const systemActor = (accountId: string, name: string): Actor => ({
  accountId,
  username: 'system',
  name,
  kind: 'staff',
  roles: ['admin'],
  departmentId: null,
  hallId: null,
  applicantId: null,
  mustChangePassword: false,
});
