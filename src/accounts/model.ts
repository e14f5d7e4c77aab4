import type { Actor, Role } from '../platform/actor.js';
import { maskIdNumber, maskPhone, validateResidentId, validateUscc } from '../platform/identifiers.js';
import { passwordWeakness } from '../platform/auth/password.js';
import type { FieldError } from '../platform/problem.js';

export interface AccountRow {
  id: string;
  username: string;
  password_hash: string;
  kind: 'staff' | 'applicant';
  name: string;
  roles: string;
  department_id: string | null;
  hall_id: string | null;
  applicant_id: string | null;
  holder_role: string | null;
  status: string;
  failed_logins: number;
  locked_until: string | null;
  must_change_password: number;
  created_at: string;
}

export interface ApplicantRow {
  id: string;
  kind: 'person' | 'enterprise';
  name: string;
  id_number: string | null;
  uscc: string | null;
  legal_representative: string | null;
  phone: string;
  created_at: string;
  created_by: string | null;
}

export type ApplicantInput =
  | { kind: 'person'; name: string; idNumber: string; phone: string; password?: string }
  | {
      kind: 'enterprise';
      name: string;
      uscc: string;
      legalRepresentative: string;
      phone: string;
      password?: string;
      /** who holds the enterprise account: its legal representative (default) or an authorised agent */
      holderRole?: 'legal_representative' | 'agent';
    };

export const LOCKOUT_AFTER_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;

export function toActor(a: AccountRow): Actor {
  return {
    accountId: a.id,
    username: a.username,
    name: a.name,
    kind: a.kind,
    roles: JSON.parse(a.roles) as Role[],
    departmentId: a.department_id,
    hallId: a.hall_id,
    applicantId: a.applicant_id,
    mustChangePassword: a.must_change_password === 1,
  };
}

/** A login attempt against an account: is it locked now, and what happens after a failure. */
export function isLocked(a: Pick<AccountRow, 'locked_until'>, now: string): boolean {
  return !!a.locked_until && a.locked_until > now;
}

export function afterFailedLogin(a: Pick<AccountRow, 'failed_logins'>, now: string) {
  const failed = a.failed_logins + 1;
  const lockedUntil =
    failed >= LOCKOUT_AFTER_FAILURES ? new Date(new Date(now).getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
  return { failed_logins: lockedUntil ? 0 : failed, locked_until: lockedUntil };
}

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const NAME = /^[\p{Script=Han}\p{L}·．.\s()（）]{2,60}$/u;

/** Every problem with an applicant registration, each naming its field. */
export function checkApplicant(input: ApplicantInput, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, zh: string, en: string) => errors.push({ field, code, zh, en });
  if (!NAME.test(input.name.trim())) add('name', 'invalid_name', '姓名/名称应为 2-60 个文字', 'name must be 2-60 letters');
  if (!PHONE.test(input.phone)) add('phone', 'invalid_phone', '手机号码或固定电话格式不正确', 'not a valid mobile or landline number');
  if (input.kind === 'person') {
    const r = validateResidentId(input.idNumber, today);
    if (!r.ok) add('idNumber', r.code, r.zh, r.en);
  } else {
    const r = validateUscc(input.uscc);
    if (!r.ok) add('uscc', r.code, r.zh, r.en);
    if (!NAME.test(input.legalRepresentative.trim())) {
      add('legalRepresentative', 'invalid_name', '法定代表人姓名不正确', 'legal representative name is not valid');
    }
  }
  if (input.password !== undefined) {
    const weak = passwordWeakness(input.password);
    if (weak) add('password', 'weak_password', weak.zh, weak.en);
  }
  return errors;
}

/** What lists and logs show of an applicant: identifiers and phone masked. */
export function maskedApplicant(a: ApplicantRow) {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    idNumber: a.id_number ? maskIdNumber(a.id_number) : null,
    uscc: a.uscc,
    legalRepresentative: a.legal_representative,
    phone: maskPhone(a.phone),
  };
}

/** The full record, only for someone entitled to it (the applicant, or intake staff at the desk). */
export function fullApplicant(a: ApplicantRow) {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    idNumber: a.id_number,
    uscc: a.uscc,
    legalRepresentative: a.legal_representative,
    phone: a.phone,
    createdAt: a.created_at,
  };
}

export function staffView(a: AccountRow) {
  return {
    id: a.id,
    username: a.username,
    name: a.name,
    roles: JSON.parse(a.roles) as Role[],
    departmentId: a.department_id,
    hallId: a.hall_id,
    status: a.status,
  };
}
