import { randomBytes } from 'node:crypto';
import type { Actor, StaffRole } from '../platform/actor.js';
import { appendAudit } from '../platform/audit.js';
import { hashPassword, passwordWeakness, verifyPassword } from '../platform/auth/password.js';
import { createSession, endAccountSessions, endSession } from '../platform/auth/sessions.js';
import { shanghaiDate } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import type { AnyDb, Executor } from '../platform/db/database.js';
import { uuidv7 } from '../platform/ids.js';
import { maskIdNumber } from '../platform/identifiers.js';
import { conflict, invalidField, invalidFields, notFound, Problem, unauthenticated } from '../platform/problem.js';
import {
  afterFailedLogin,
  checkApplicant,
  fullApplicant,
  isLocked,
  maskedApplicant,
  staffView,
  toActor,
  type AccountRow,
  type ApplicantInput,
  type ApplicantRow,
} from './model.js';
import * as policy from './policy.js';
import * as store from './store.js';

const actorRef = (a: Actor | null) => (a ? { id: a.accountId, name: a.username } : null);

export async function loadActor(db: AnyDb, accountId: string): Promise<Actor | null> {
  const row = await store.findAccount(db, accountId);
  return row && row.status === 'active' ? toActor(row) : null;
}

// A hash to verify against when the username is unknown, so timing does not reveal which names exist.
let dummyHash: Promise<string> | undefined;

/** Per-IP throttle on login attempts, on top of the per-account lockout stored in the database. */
const attemptsByIp = new Map<string, number[]>();
const IP_WINDOW_MS = 10 * 60_000;
const IP_MAX_ATTEMPTS = 30;

function throttleIp(ip: string | null, nowMs: number) {
  const key = ip ?? 'unknown';
  const recent = (attemptsByIp.get(key) ?? []).filter((t) => nowMs - t < IP_WINDOW_MS);
  recent.push(nowMs);
  attemptsByIp.set(key, recent);
  if (attemptsByIp.size > 10_000) attemptsByIp.clear();
  if (recent.length > IP_MAX_ATTEMPTS) {
    throw new Problem(429, 'too_many_attempts', {
      zh: '登录尝试过于频繁，请 10 分钟后再试',
      en: 'Too many login attempts; try again in 10 minutes',
    });
  }
}

export async function login(ctx: Ctx, username: string, password: string) {
  const now = ctx.clock.now();
  throttleIp(ctx.ip, new Date(now).getTime());
  const account = await store.findAccountByUsername(ctx.db, username);
  if (!account || account.status !== 'active') {
    await verifyPassword(password, await (dummyHash ??= hashPassword(randomBytes(8).toString('hex'))));
    throw invalidCredentials();
  }
  if (isLocked(account, now)) {
    throw new Problem(429, 'account_locked', {
      zh: '连续登录失败次数过多，账号已临时锁定，请稍后再试',
      en: `Account locked after repeated failures until ${account.locked_until}`,
    });
  }
  const ok = await verifyPassword(password, account.password_hash);
  return ctx.db.transaction().execute(async (tx) => {
    if (!ok) {
      await store.updateAccount(tx, account.id, afterFailedLogin(account, now));
      await appendAudit(tx, { actor: null, action: 'auth.login_failed', target: { type: 'account', id: account.id }, ip: ctx.ip }, now);
      return null;
    }
    await store.updateAccount(tx, account.id, { failed_logins: 0, locked_until: null });
    const session = await createSession(tx, account.id, now, ctx.ip);
    await appendAudit(tx, { actor: { id: account.id, name: account.username }, action: 'auth.login', ip: ctx.ip }, now);
    return { session, actor: toActor(account) };
  }).then((r) => {
    if (!r) throw invalidCredentials();
    return r;
  });
}

const invalidCredentials = () =>
  new Problem(401, 'invalid_credentials', { zh: '用户名或密码错误', en: 'Wrong username or password' });

export async function logout(ctx: Ctx, token: string) {
  await ctx.db.transaction().execute(async (tx) => {
    await endSession(tx, token);
    await appendAudit(tx, { actor: actorRef(ctx.actor), action: 'auth.logout', ip: ctx.ip }, ctx.clock.now());
  });
}

export async function changePassword(ctx: Ctx, currentPassword: string, newPassword: string) {
  if (!ctx.actor) throw unauthenticated();
  const account = await store.findAccount(ctx.db, ctx.actor.accountId);
  if (!account) throw unauthenticated();
  if (!(await verifyPassword(currentPassword, account.password_hash))) {
    throw invalidField('currentPassword', 'wrong_password', '当前密码不正确', 'current password is wrong');
  }
  const weak = passwordWeakness(newPassword);
  if (weak) throw invalidField('newPassword', 'weak_password', weak.zh, weak.en);
  if (newPassword === currentPassword) {
    throw invalidField('newPassword', 'same_password', '新密码不能与当前密码相同', 'new password must differ from the current one');
  }
  const hash = await hashPassword(newPassword);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    await store.updateAccount(tx, account.id, { password_hash: hash, must_change_password: 0 });
    await endAccountSessions(tx, account.id);
    const session = await createSession(tx, account.id, now, ctx.ip);
    await appendAudit(tx, { actor: actorRef(ctx.actor), action: 'auth.password_changed', target: { type: 'account', id: account.id }, ip: ctx.ip }, now);
    return session;
  });
}

export interface StaffAccountInput {
  username: string;
  name: string;
  roles: StaffRole[];
  departmentId: string | null;
  hallId: string | null;
  /** a ready hash (the demo seed hashes its shared password once) or a clear password */
  password: { hash: string } | { clear: string };
  mustChangePassword?: boolean;
}

export async function staffRow(input: StaffAccountInput, now: string): Promise<AccountRow> {
  return {
    id: uuidv7(),
    username: input.username,
    password_hash: 'hash' in input.password ? input.password.hash : await hashPassword(input.password.clear),
    kind: 'staff',
    name: input.name,
    roles: JSON.stringify(input.roles),
    department_id: input.departmentId,
    hall_id: input.hallId,
    applicant_id: null,
    holder_role: null,
    status: 'active',
    failed_logins: 0,
    locked_until: null,
    must_change_password: input.mustChangePassword ? 1 : 0,
    created_at: now,
  };
}

/** Bulk creation for the seed and for the production first start; audited as one record. */
export async function createStaffAccounts(ctx: Ctx, inputs: StaffAccountInput[]) {
  const now = ctx.clock.now();
  const rows = await Promise.all(inputs.map((i) => staffRow(i, now)));
  await ctx.db.transaction().execute(async (tx) => {
    await store.insertAccounts(tx, rows);
    await appendAudit(tx, { actor: actorRef(ctx.actor), action: 'account.create_staff', detail: `${rows.length} accounts`, after: rows.map((r) => r.username) }, now);
  });
  return rows.map(staffView);
}

export const countAccounts = (db: Executor<unknown>) => store.countAccounts(db);

/**
 * Registers a person or an enterprise — on the portal (anonymous, with a password: the applicant
 * gets a login) or at the desk (a clerk; password optional).
 */
export async function registerApplicant(ctx: Ctx, input: ApplicantInput) {
  const selfService = !ctx.actor;
  if (!selfService && !policy.canRegisterApplicantForOthers(ctx.actor)) {
    throw new Problem(403, 'forbidden', { zh: '无权登记申请人', en: 'Not allowed to register applicants' });
  }
  if (selfService && input.password === undefined) {
    throw invalidField('password', 'required', '网上注册须设置密码', 'a password is required to sign up');
  }
  const now = ctx.clock.now();
  const errors = checkApplicant(input, shanghaiDate(now));
  if (errors.length) throw invalidFields(errors);

  const code = input.kind === 'person' ? input.idNumber.toUpperCase() : input.uscc.toUpperCase();
  const row: ApplicantRow = {
    id: uuidv7(),
    kind: input.kind,
    name: input.name.trim(),
    id_number: input.kind === 'person' ? code : null,
    uscc: input.kind === 'enterprise' ? code : null,
    legal_representative: input.kind === 'enterprise' ? input.legalRepresentative.trim() : null,
    phone: input.phone,
    created_at: now,
    created_by: ctx.actor?.accountId ?? null,
  };
  const hash = input.password !== undefined ? await hashPassword(input.password) : null;
  return ctx.db.transaction().execute(async (tx) => {
    if (await store.findApplicantByCode(tx, code)) {
      throw conflict('applicant_exists', {
        zh: input.kind === 'person' ? '该身份证号码已登记' : '该统一社会信用代码已登记',
        en: 'This applicant is already registered',
      });
    }
    await store.insertApplicant(tx, row);
    if (hash) await insertApplicantLogin(tx, row, hash, input.kind === 'enterprise' ? (input.holderRole ?? 'legal_representative') : null, now);
    await appendAudit(
      tx,
      {
        actor: actorRef(ctx.actor),
        action: 'applicant.register',
        target: { type: 'applicant', id: row.id },
        ip: ctx.ip,
        after: row,
        detail: `${row.kind} ${row.kind === 'person' ? maskIdNumber(code) : code}`,
      },
      now,
    );
    return { ...fullApplicant(row), username: hash ? code : null };
  });
}

/** The applicant's login: username = ID number or USCC. */
async function insertApplicantLogin(tx: Executor<unknown>, a: ApplicantRow, hash: string, holderRole: string | null, now: string) {
  const username = (a.id_number ?? a.uscc)!;
  if (await store.findAccountByUsername(tx, username)) {
    throw conflict('account_exists', { zh: '该账号已存在', en: 'An account with this username exists' });
  }
  await store.insertAccount(tx, {
    id: uuidv7(),
    username,
    password_hash: hash,
    kind: 'applicant',
    name: a.name,
    roles: JSON.stringify(['applicant']),
    department_id: null,
    hall_id: null,
    applicant_id: a.id,
    holder_role: holderRole,
    status: 'active',
    failed_logins: 0,
    locked_until: null,
    must_change_password: 0,
    created_at: now,
  });
}

/** Gives an already registered applicant a login with a ready password hash (the demo seed). */
export async function createApplicantLogin(ctx: Ctx, applicantId: string, passwordHash: string) {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const a = await store.findApplicant(tx, applicantId);
    if (!a) throw notFound({ zh: '申请人', en: 'applicant' });
    await insertApplicantLogin(tx, a, passwordHash, a.kind === 'enterprise' ? 'legal_representative' : null, now);
    await appendAudit(tx, { actor: actorRef(ctx.actor), action: 'applicant.login_created', target: { type: 'applicant', id: a.id } }, now);
  });
}

export async function getApplicant(ctx: Ctx, id: string) {
  const row = await store.findApplicant(ctx.db, id);
  // not visible and not existing look the same
  if (!row || !policy.canViewApplicant(ctx.actor, row)) throw notFound({ zh: '申请人', en: 'applicant' });
  return fullApplicant(row);
}

export async function listApplicants(ctx: Ctx, q: { code?: string; name?: string }) {
  if (!ctx.actor) throw unauthenticated();
  const rows = await store.listApplicants(ctx.db, policy.applicantScope(ctx.actor), q);
  return { total: rows.length, items: rows.map(maskedApplicant) };
}

export async function listStaff(ctx: Ctx, q: { departmentId?: string; role?: string }) {
  if (!ctx.actor) throw unauthenticated();
  const rows = await store.listStaff(ctx.db, policy.staffScope(ctx.actor), q);
  return { total: rows.length, items: rows.map(staffView) };
}

export async function getStaff(ctx: Ctx, id: string) {
  const row = await store.findAccount(ctx.db, id);
  if (!row || !policy.canViewStaff(ctx.actor, row)) throw notFound({ zh: '工作人员', en: 'staff member' });
  return staffView(row);
}

/**
 * Production first start: only an admin, with a random one-time password printed once to the
 * operator's console; it must be changed at first login.
 */
export async function ensureFirstAdmin(ctx: Ctx): Promise<string | null> {
  if ((await store.countAccounts(ctx.db)) > 0) return null;
  const password = process.env.ONEWINDOW_ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
  await createStaffAccounts(ctx, [
    { username: 'admin', name: '系统管理员', roles: ['admin'], departmentId: null, hallId: null, password: { clear: password }, mustChangePassword: true },
  ]);
  return password;
}
