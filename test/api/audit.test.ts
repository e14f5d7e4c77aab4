import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../../src/platform/audit.js';
import { loginAs, testApp, type TestApp } from '../support/app.js';
import { testDialect } from '../support/db.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ seed: 'none' });
  for (let i = 0; i < 5; i++) {
    await t.database.db.transaction().execute((tx) =>
      appendAudit(tx, { actor: { id: 'a1', name: 'tester' }, action: 'test.step', target: { type: 'case', id: String(i) }, after: { i } }, new Date().toISOString()),
    );
  }
});
afterAll(async () => t?.close());

const db = () => t.database.db;

describe('the audit hash chain', () => {
  it('holds when nobody touched it', async () => {
    expect(await verifyAudit(db())).toMatchObject({ ok: true, records: 5 });
  });

  it('keeps one unbroken chain under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db().transaction().execute((tx) => appendAudit(tx, { actor: null, action: 'test.concurrent', detail: String(i) }, new Date().toISOString())),
      ),
    );
    expect(await verifyAudit(db())).toMatchObject({ ok: true, records: 25 });
  });

  it('names the first record whose content was edited', async () => {
    await sql`update audit_log set detail = 'edited' where seq = 3`.execute(db());
    expect(await verifyAudit(db())).toMatchObject({ ok: false, brokenSeq: 3, reason: 'hash_mismatch' });
    // the command-line check says the same and exits 1
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'audit', 'verify'], {
      env: { ...process.env, DATABASE_URL: t.database.url },
      encoding: 'utf8',
    });
    expect(cli.status).toBe(1);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: false, brokenSeq: 3 });
    await sql`update audit_log set detail = null where seq = 3`.execute(db());
    expect((await verifyAudit(db())).ok).toBe(true);
  });

  it('names a deleted record as missing', async () => {
    const row = await sql<Record<string, unknown>>`select * from audit_log where seq = 7`.execute(db());
    await sql`delete from audit_log where seq = 7`.execute(db());
    expect(await verifyAudit(db())).toMatchObject({ ok: false, brokenSeq: 7, reason: 'missing_record' });
    await db().insertInto('audit_log').values(row.rows[0]).execute();
  });

  it('notices records cut off the end', async () => {
    const last = await sql<Record<string, unknown>>`select * from audit_log where seq = 25`.execute(db());
    await sql`delete from audit_log where seq = 25`.execute(db());
    expect(await verifyAudit(db())).toMatchObject({ ok: false, reason: 'head_mismatch' });
    await db().insertInto('audit_log').values(last.rows[0]).execute();
    expect((await verifyAudit(db())).ok).toBe(true);
  });

  it(`records logins and is checkable by an admin over HTTP (${testDialect})`, async () => {
    const { createStaffAccounts } = await import('../../src/accounts/service.js');
    const ctx = { db: db(), dialect: t.database.dialect, clock: t.clock, actor: null, ip: null, log: console };
    await createStaffAccounts(ctx, [
      { username: 'auditor', name: '审计', roles: ['admin'], departmentId: null, hallId: null, password: { clear: 'Audit-12345' } },
      { username: 'plainclerk', name: '受理', roles: ['clerk'], departmentId: null, hallId: null, password: { clear: 'Clerk-12345' } },
    ]);
    const admin = await loginAs(t.app, 'auditor', 'Audit-12345');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie: admin } });
    expect(res.json()).toMatchObject({ ok: true });
    expect(res.json().records).toBeGreaterThan(25);
    const clerk = await loginAs(t.app, 'plainclerk', 'Clerk-12345');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie: clerk } })).statusCode).toBe(403);
  });
});
