import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../src/accounts/service.js';
import { loginAs, testApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ seed: 'none' });
});
afterAll(async () => t?.close());

describe('a production first start', () => {
  it('creates only an admin whose one-time password must be changed before anything else', async () => {
    const ctx = { db: t.database.db, dialect: t.database.dialect, clock: t.clock, actor: null, ip: null, log: console };
    const password = await ensureFirstAdmin(ctx);
    expect(password).toBeTruthy();
    expect(await ensureFirstAdmin(ctx)).toBeNull(); // never twice
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'onewindow-demo' } })).statusCode).toBe(401);

    const cookie = await loginAs(t.app, 'admin', password!);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.json().mustChangePassword).toBe(true);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/staff', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');

    const weak = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie }, payload: { currentPassword: password, newPassword: 'short' } });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().field).toBe('newPassword');

    const changed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie }, payload: { currentPassword: password, newPassword: 'District-Admin-2026' } });
    expect(changed.statusCode).toBe(200);
    const fresh = `ow_session=${changed.cookies.find((c) => c.name === 'ow_session')!.value}`;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/staff', headers: { cookie: fresh } })).statusCode).toBe(200);
    // the old session ended with the password change
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });
});
