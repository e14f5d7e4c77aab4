import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../src/accounts/service.js';
import { SESSION_CACHE_MS, sessionActor } from '../../src/platform/auth/sessions.js';
import { residentIdCheckDigit } from '../../src/platform/identifiers.js';
import { loginAs, testApp, type TestApp } from '../support/app.js';

const validId = (first17: string) => first17 + residentIdCheckDigit(first17);

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ seed: 'demo' });
});
afterAll(async () => t?.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

describe('login and sessions', () => {
  it('logs a demo account in with an httpOnly SameSite=Strict cookie and says who it is', async () => {
    const res = await post('/api/v1/auth/login', { username: 'clerk01', password: 'onewindow-demo' });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'ow_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    const me = await get('/api/v1/me', `ow_session=${c.value}`);
    expect(me.json()).toMatchObject({ username: 'clerk01', kind: 'staff', roles: ['clerk'] });
  });

  it('refuses a wrong password with problem+json and no cookie', async () => {
    const res = await post('/api/v1/auth/login', { username: 'leader', password: 'wrong-password-1' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'invalid_credentials', detail_zh: '用户名或密码错误' });
    expect(res.cookies).toHaveLength(0);
  });

  it('locks an account after five failures, even against the right password', async () => {
    for (let i = 0; i < 5; i++) await post('/api/v1/auth/login', { username: 'clerk26', password: `bad-${i}` });
    const res = await post('/api/v1/auth/login', { username: 'clerk26', password: 'onewindow-demo' });
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('account_locked');
  });

  it('ends the session at logout', async () => {
    const cookie = await loginAs(t.app, 'cert01');
    expect((await post('/api/v1/auth/logout', {}, { cookie })).statusCode).toBe(200);
    expect((await get('/api/v1/me', cookie)).statusCode).toBe(401);
  });

  it('remembers a session for SESSION_CACHE_MS, then sees that another process ended it', async () => {
    const token = (await loginAs(t.app, 'clerk02')).split('=')[1];
    const db = t.database.db;
    let lookups = 0;
    const load = (accountId: string) => (lookups++, loadActor(db, accountId));
    const now = t.clock.now();
    const ms = 1_000_000;
    expect(await sessionActor(db, token, now, load, ms)).toMatchObject({ actor: { username: 'clerk02' } });
    expect(await sessionActor(db, token, now, load, ms + SESSION_CACHE_MS - 1)).toMatchObject({ actor: { username: 'clerk02' } });
    expect(lookups).toBe(1);
    // logged out by another server process: the row is gone, this process was not told
    await sql`delete from sessions where token_hash = ${createHash('sha256').update(token).digest('hex')}`.execute(db);
    expect(await sessionActor(db, token, now, load, ms + SESSION_CACHE_MS - 1)).toBeDefined();
    expect(await sessionActor(db, token, now, load, ms + SESSION_CACHE_MS)).toBeUndefined();
  });

  it('refuses a remembered session the moment it expires', async () => {
    const token = (await loginAs(t.app, 'clerk03')).split('=')[1];
    const db = t.database.db;
    const load = (accountId: string) => loadActor(db, accountId);
    expect(await sessionActor(db, token, t.clock.now(), load, 5_000_000)).toBeDefined();
    expect(await sessionActor(db, token, '2999-01-01T00:00:00.000Z', load, 5_000_001)).toBeUndefined();
  });

  it('ends a remembered session at logout, at once', async () => {
    const cookie = await loginAs(t.app, 'clerk04');
    expect((await get('/api/v1/me', cookie)).statusCode).toBe(200);
    expect((await post('/api/v1/auth/logout', {}, { cookie })).statusCode).toBe(200);
    expect((await get('/api/v1/me', cookie)).statusCode).toBe(401);
  });

  it('refuses unsafe requests from another origin', async () => {
    const res = await post('/api/v1/auth/login', { username: 'admin', password: 'onewindow-demo' }, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('cross_origin_refused');
    const own = await post('/api/v1/auth/login', { username: 'admin', password: 'onewindow-demo' }, { origin: 'http://localhost:80', host: 'localhost:80' });
    expect(own.statusCode).toBe(200);
  });

  it('sends strict security headers', async () => {
    const res = await get('/healthz');
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeUndefined(); // only in production (behind TLS)
    // on errors too
    const missing = await get('/api/v1/no-such-route');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('registering applicants', () => {
  it('signs up a person on the portal and lets them log in with their ID number', async () => {
    const idNumber = validId('37131119881212401');
    const res = await post('/api/v1/applicants', { kind: 'person', name: '孙燊', idNumber, phone: '13700001111', password: 'Secret12345' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '孙燊', idNumber, username: idNumber });
    const cookie = await loginAs(t.app, idNumber, 'Secret12345');
    const me = (await get('/api/v1/me', cookie)).json();
    expect(me.kind).toBe('applicant');
    expect((await get(`/api/v1/applicants/${me.applicantId}`, cookie)).json().idNumber).toBe(idNumber);
  });

  it('refuses a wrong check digit, naming the field, and creates nothing', async () => {
    const good = validId('37131119900101123');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await post('/api/v1/applicants', { kind: 'person', name: '周明', idNumber: bad, phone: '13700002222', password: 'Secret12345' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.field).toBe('idNumber');
    expect(body.errors[0]).toMatchObject({ field: 'idNumber' });
    expect(body.errors[0].zh).toMatch(/[\u4e00-\u9fa5]/);
    const clerk = await loginAs(t.app, 'clerk02');
    expect((await get(`/api/v1/applicants?code=${bad}`, clerk)).json().total).toBe(0);
  });

  it('refuses a birth date that does not exist (February 30th)', async () => {
    const res = await post('/api/v1/applicants', { kind: 'person', name: '周明', idNumber: validId('37131119900230123'), phone: '13700002222', password: 'Secret12345' });
    expect(res.statusCode).toBe(422);
    expect(res.json().field).toBe('idNumber');
  });

  it('refuses an enterprise whose USCC check character is wrong', async () => {
    const res = await post('/api/v1/applicants', {
      kind: 'enterprise', name: '临沂某某商贸有限公司', uscc: '91371311MA3C8K2Q10', legalRepresentative: '王强', phone: '13800001111', password: 'Secret12345',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().field).toBe('uscc');
  });

  it('refuses registering the same person twice', async () => {
    const idNumber = validId('37131119770505201');
    const body = { kind: 'person', name: '吴昇', idNumber, phone: '13700003333', password: 'Secret12345' };
    expect((await post('/api/v1/applicants', body)).statusCode).toBe(201);
    const again = await post('/api/v1/applicants', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('applicant_exists');
  });

  it('lets a clerk register a walk-in applicant without a login', async () => {
    const clerk = await loginAs(t.app, 'clerk03');
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/applicants', headers: { cookie: clerk },
      payload: { kind: 'person', name: '郑珺', idNumber: validId('37131119660606301'), phone: '0539-8123456' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().username).toBeNull();
  });

  it('turns malformed, mistyped, unknown and oversized input into 4xx problems', async () => {
    const raw = await t.app.inject({ method: 'POST', url: '/api/v1/applicants', payload: '{"kind":', headers: { 'content-type': 'application/json' } });
    expect(raw.statusCode).toBe(400);
    expect(raw.headers['content-type']).toContain('application/problem+json');
    const typed = await post('/api/v1/applicants', { kind: 'person', name: 12, idNumber: [], phone: true });
    expect(typed.statusCode).toBe(422);
    const unknown = await post('/api/v1/applicants', { kind: 'person', name: '周明', idNumber: validId('37131119900101123'), phone: '13700002222', password: 'Secret12345', isAdmin: true });
    expect(unknown.statusCode).toBe(422);
    expect(JSON.stringify(unknown.json().errors)).toContain('isAdmin');
    const huge = await t.app.inject({ method: 'POST', url: '/api/v1/applicants', payload: JSON.stringify({ name: 'x'.repeat(2_000_000) }), headers: { 'content-type': 'application/json' } });
    expect(huge.statusCode).toBe(413);
  });
});

describe('data scope', () => {
  it('shows an applicant only their own record, and 404 for anyone else', async () => {
    const a = await post('/api/v1/applicants', { kind: 'person', name: '冯犇', idNumber: validId('37131119920202501'), phone: '13700004444', password: 'Secret12345' });
    const b = await post('/api/v1/applicants', { kind: 'person', name: '蒋喆', idNumber: validId('37131119930303601'), phone: '13700005555', password: 'Secret12345' });
    const cookieA = await loginAs(t.app, a.json().username, 'Secret12345');
    expect((await get(`/api/v1/applicants/${b.json().id}`, cookieA)).statusCode).toBe(404);
    const list = (await get('/api/v1/applicants', cookieA)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([a.json().id]);
  });

  it('masks ID numbers and phones in lists', async () => {
    const clerk = await loginAs(t.app, 'clerk04');
    const list = (await get('/api/v1/applicants?name=王堃', clerk)).json();
    expect(list.items[0].idNumber).toMatch(/^3713\*{10}\d{3}[\dX]$/);
    expect(list.items[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('keeps an approver to their own department: other departments’ staff are invisible', async () => {
    const admin = await loginAs(t.app, 'admin');
    const all = (await get('/api/v1/staff?role=approver', admin)).json().items as { id: string; username: string; departmentId: string }[];
    const a01 = all.find((s) => s.username === 'approver01')!;
    const a02 = all.find((s) => s.username === 'approver02')!;
    expect(a01.departmentId).not.toBe(a02.departmentId);

    const approver = await loginAs(t.app, 'approver01');
    const mine = (await get('/api/v1/staff', approver)).json().items as { departmentId: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((s) => s.departmentId === a01.departmentId)).toBe(true);
    expect((await get(`/api/v1/staff/${a02.id}`, approver)).statusCode).toBe(404);
    expect((await get(`/api/v1/staff/${a01.id}`, approver)).statusCode).toBe(200);
  });

  it('does not let an approver look up applicants', async () => {
    const approver = await loginAs(t.app, 'approver02');
    expect((await get('/api/v1/applicants?name=王堃', approver)).json().total).toBe(0);
  });
});
