import { tables, type Executor } from '../platform/db/database.js';
import type { AccountRow, ApplicantRow } from './model.js';
import type { ApplicantScope, StaffScope } from './policy.js';

export interface AccountTables {
  accounts: AccountRow;
  applicants: ApplicantRow;
}

const t = (db: Executor<unknown>) => tables<AccountTables>(db);

export const findAccountByUsername = (db: Executor<unknown>, username: string) =>
  t(db).selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();

export const findAccount = (db: Executor<unknown>, id: string) =>
  t(db).selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertAccount(db: Executor<unknown>, row: AccountRow) {
  await t(db).insertInto('accounts').values(row).execute();
}

export async function insertAccounts(db: Executor<unknown>, rows: AccountRow[]) {
  for (let i = 0; i < rows.length; i += 200) await t(db).insertInto('accounts').values(rows.slice(i, i + 200)).execute();
}

export async function updateAccount(db: Executor<unknown>, id: string, patch: Partial<AccountRow>) {
  await t(db).updateTable('accounts').set(patch).where('id', '=', id).execute();
}

export const countAccounts = async (db: Executor<unknown>) =>
  Number((await t(db).selectFrom('accounts').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

export async function listStaff(db: Executor<unknown>, scope: StaffScope, q: { departmentId?: string; role?: string }) {
  if (!scope) return [];
  let query = t(db).selectFrom('accounts').selectAll().where('kind', '=', 'staff');
  if (scope.kind === 'hall') query = query.where('hall_id', '=', scope.hallId);
  if (scope.kind === 'department') query = query.where('department_id', '=', scope.departmentId);
  if (scope.kind === 'self') query = query.where('id', '=', scope.accountId);
  if (q.departmentId) query = query.where('department_id', '=', q.departmentId);
  if (q.role) query = query.where('roles', 'like', `%"${q.role.replace(/[^a-z]/g, '')}"%`);
  return query.orderBy('username').limit(1000).execute();
}

export const findApplicant = (db: Executor<unknown>, id: string) =>
  t(db).selectFrom('applicants').selectAll().where('id', '=', id).executeTakeFirst();

export const findApplicantByCode = (db: Executor<unknown>, code: string) =>
  t(db).selectFrom('applicants').selectAll().where((e) => e.or([e('id_number', '=', code), e('uscc', '=', code)])).executeTakeFirst();

export async function insertApplicant(db: Executor<unknown>, row: ApplicantRow) {
  await t(db).insertInto('applicants').values(row).execute();
}

export async function listApplicants(db: Executor<unknown>, scope: ApplicantScope, q: { code?: string; name?: string }) {
  if (!scope) return [];
  let query = t(db).selectFrom('applicants').selectAll();
  if (scope.kind === 'self') query = query.where('id', '=', scope.applicantId);
  if (q.code) query = query.where((e) => e.or([e('id_number', '=', q.code!), e('uscc', '=', q.code!)]));
  if (q.name) query = query.where('name', 'like', `%${q.name.replace(/[%_]/g, '')}%`);
  return query.orderBy('created_at', 'desc').limit(100).execute();
}
