import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect, type TestDatabase } from '../../../test/support/db.js';
import { allMigrations } from '../../migrations.js';
import type { Actor, Role } from '../actor.js';
import { verifyAudit } from '../audit.js';
import { ctxOf } from '../auth/plugin.js';
import { fixedClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { openPostgres, openSqlite, tables, type Database } from '../db/database.js';
import { ajvOptions, installErrorHandling } from '../http.js';
import type { Http, Platform } from '../module.js';
import { consoleAdapter, fileAdapter, type OutboxAdapter } from './adapters.js';
import { outboxMigrations } from './migrations.js';
import type { Notice, OutboxMessage } from './model.js';
import { outboxRoutes } from './routes.js';
import { claimBatch, enqueue, getMessage, listOutbox, type OutboxTables } from './store.js';
import { runOutboxOnce, startOutboxWorker } from './worker.js';

let database: TestDatabase;
let app: Http;
let dataDir: string;
const clock = fixedClock('2026-03-16T02:00:00.000Z');

const sms = (n: number, extra: Partial<Notice> = {}): Notice => ({
  channel: 'sms',
  recipient: `1380000${String(n).padStart(4, '0')}`,
  kind: 'case.accepted',
  body: `【罗庄区政务服务中心】王堃您好，您的办件 37131120260316${String(n).padStart(7, '0')} 已受理。`,
  payload: { n },
  ...extra,
});

/** An adapter that records what it was given, failing while `failing` is set. */
function recorder() {
  const sent: OutboxMessage[] = [];
  const adapter: OutboxAdapter & { failing: boolean } = {
    name: 'recorder',
    failing: false,
    async send(m) {
      if (this.failing) throw new Error(`gateway down for ${m.recipient}`);
      sent.push(m);
    },
  };
  return { adapter, sent };
}

const ob = () => tables<OutboxTables>(database.db);

const actorWith = (...roles: Role[]): Actor => ({
  accountId: `acc-${roles.join('-') || 'none'}`,
  username: roles[0] ?? 'nobody',
  name: `测试${roles[0] ?? ''}`,
  kind: 'staff',
  roles,
  departmentId: null,
  hallId: null,
  applicantId: null,
  mustChangePassword: false,
});

beforeAll(async () => {
  database = await createTestDatabase();
  if (!allMigrations['0004_outbox']) await outboxMigrations['0004_outbox'].up(database.db);
  dataDir = mkdtempSync(join(tmpdir(), 'ow-outbox-'));
  app = Fastify({ ajv: ajvOptions }).withTypeProvider<TypeBoxTypeProvider>() as unknown as Http;
  installErrorHandling(app);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req) => {
    const roles = req.headers['x-test-roles'];
    if (typeof roles === 'string') req.actor = actorWith(...(roles.split(',').filter(Boolean) as Role[]));
  });
  const platform: Platform = { database, clock, config: { ...loadConfig({}), dataDir }, ctx: (req) => ctxOf(req, database, clock) };
  await outboxRoutes(app, platform);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await ob().deleteFrom('outbox').execute();
  clock.set('2026-03-16T02:00:00.000Z');
});

describe('enqueue', () => {
  it('writes nothing when the caller’s transaction rolls back', async () => {
    await expect(
      database.db.transaction().execute(async (tx) => {
        await enqueue(tx, [sms(1), sms(2)], clock.now());
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await ob().selectFrom('outbox').selectAll().execute()).toEqual([]);
  });

  it('keeps committed notices, pending and due at once (or from notBefore)', async () => {
    const ids = await database.db.transaction().execute((tx) =>
      enqueue(tx, [sms(1), sms(2, { notBefore: '2026-03-16T08:00:00+08:00' })], clock.now()),
    );
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    const rows = await listOutbox(database.db);
    expect(rows).toHaveLength(2);
    const first = await getMessage(database.db, ids[0] as string);
    expect(first).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: clock.now(), payload: { n: 1 }, channel: 'sms', kind: 'case.accepted' });
    expect((await getMessage(database.db, ids[1] as string))?.nextAttemptAt).toBe('2026-03-16T00:00:00.000Z');
  });

  it('stores a dedupe key once', async () => {
    const a = await enqueue(database.db, [sms(1, { dedupeKey: 'case.accepted:1' })], clock.now());
    const b = await enqueue(database.db, [sms(1, { dedupeKey: 'case.accepted:1' }), sms(2, { dedupeKey: 'case.accepted:2' }), sms(3)], clock.now());
    expect(a[0]).toBeTruthy();
    expect(b[0]).toBeNull();
    expect(b[1]).toBeTruthy();
    expect(b[2]).toBeTruthy();
    expect(await ob().selectFrom('outbox').select('id').execute()).toHaveLength(3);
  });

  it('refuses malformed notices (aborting the caller’s transaction)', async () => {
    await expect(enqueue(database.db, [{ ...sms(1), body: '' }], clock.now())).rejects.toThrow(/body/);
  });
});

describe('worker', () => {
  it('sends due messages once and marks them sent; not-yet-due ones wait', async () => {
    await enqueue(database.db, [sms(1), sms(2), sms(3, { notBefore: '2026-03-16T03:00:00.000Z' })], clock.now());
    const { adapter, sent } = recorder();
    const r = await runOutboxOnce({ db: database.db, adapter, clock });
    expect(r).toEqual({ claimed: 2, sent: 2, retried: 0, parked: 0 });
    expect(sent.map((m) => m.payload.n)).toEqual([1, 2]);
    expect(await runOutboxOnce({ db: database.db, adapter, clock })).toEqual({ claimed: 0, sent: 0, retried: 0, parked: 0 });
    const rows = await listOutbox(database.db, { status: 'sent' });
    expect(rows.map((m) => [m.sentAt, m.attempts, m.claimedBy])).toEqual([
      [clock.now(), 1, null],
      [clock.now(), 1, null],
    ]);
    clock.advanceMs(3_600_000);
    expect((await runOutboxOnce({ db: database.db, adapter, clock })).sent).toBe(1);
  });

  it('retries a failing send with exponential backoff, then parks it; replay sends it', async () => {
    const [id] = (await enqueue(database.db, [sms(7)], clock.now())) as string[];
    const { adapter, sent } = recorder();
    adapter.failing = true;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      const before = Date.parse(clock.now());
      const r = await runOutboxOnce({ db: database.db, adapter, clock });
      const m = (await getMessage(database.db, id)) as OutboxMessage;
      expect(m.attempts).toBe(attempt);
      expect(m.lastError).toBe('gateway down for 138****0007'); // masked
      if (attempt < 8) {
        expect(r).toMatchObject({ claimed: 1, retried: 1, parked: 0 });
        expect(m.status).toBe('pending');
        const delay = Date.parse(m.nextAttemptAt) - before;
        delays.push(delay / 1000);
        // not due before its time
        clock.advanceMs(delay - 1000);
        expect((await runOutboxOnce({ db: database.db, adapter, clock })).claimed).toBe(0);
        clock.advanceMs(1000);
      } else {
        expect(r).toMatchObject({ claimed: 1, retried: 0, parked: 1 });
        expect(m.status).toBe('parked');
      }
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    clock.advanceMs(86_400_000);
    expect((await runOutboxOnce({ db: database.db, adapter, clock })).claimed).toBe(0); // parked stays parked

    // an admin sees it (masked) and replays it
    const list = await app.inject({ method: 'GET', url: '/api/v1/admin/outbox?status=parked', headers: { 'x-test-roles': 'admin' } });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({ id, recipient: '138****0007', status: 'parked', attempts: 8 });
    expect(list.body).not.toContain('13800000007');
    expect(list.json().counts).toEqual({ pending: 0, sending: 0, sent: 0, parked: 1 });

    const replay = await app.inject({ method: 'POST', url: `/api/v1/admin/outbox/${id}/replay`, headers: { 'x-test-roles': 'admin' } });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ id, status: 'pending', attempts: 0 });
    adapter.failing = false;
    expect(await runOutboxOnce({ db: database.db, adapter, clock })).toMatchObject({ sent: 1 });
    expect(sent.map((m) => m.id)).toEqual([id]);
    expect((await getMessage(database.db, id))?.status).toBe('sent');

    const again = await app.inject({ method: 'POST', url: `/api/v1/admin/outbox/${id}/replay`, headers: { 'x-test-roles': 'admin' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('outbox_not_parked');

    const audit = await tables<{ audit_log: { action: string; target_id: string; actor_id: string } }>(database.db)
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'actor_id'])
      .where('action', '=', 'outbox.replay')
      .execute();
    expect(audit).toEqual([{ action: 'outbox.replay', target_id: id, actor_id: 'acc-admin' }]);
    expect((await verifyAudit(database.db)).ok).toBe(true);
  });

  it('takes over a claim abandoned by a dead worker after the claim timeout', async () => {
    const [id] = (await enqueue(database.db, [sms(9)], clock.now())) as string[];
    // worker A claims, then "dies" before sending
    const claimed = await claimBatch(database.db, { workerId: 'dead', now: clock.now(), limit: 10, claimTimeoutMs: 300_000 });
    expect(claimed.map((m) => m.id)).toEqual([id]);
    const { adapter, sent } = recorder();
    clock.advanceMs(299_000);
    expect((await runOutboxOnce({ db: database.db, adapter, clock, claimTimeoutMs: 300_000 })).claimed).toBe(0);
    clock.advanceMs(2000);
    expect(await runOutboxOnce({ db: database.db, adapter, clock, claimTimeoutMs: 300_000 })).toMatchObject({ claimed: 1, sent: 1 });
    expect(sent.map((m) => [m.id, m.attempts])).toEqual([[id, 2]]);
  });

  it('counts a send that hangs past the timeout as failed', async () => {
    const [id] = (await enqueue(database.db, [sms(10)], clock.now())) as string[];
    const hang: OutboxAdapter = { name: 'hang', send: () => new Promise(() => undefined) };
    expect(await runOutboxOnce({ db: database.db, adapter: hang, clock, sendTimeoutMs: 20 })).toMatchObject({ retried: 1 });
    expect((await getMessage(database.db, id))?.lastError).toBe('send timed out after 20 ms');
  });

  it('runs in the background until stopped, woken after a commit', async () => {
    const { adapter, sent } = recorder();
    const worker = startOutboxWorker({ db: database.db, adapter, clock, pollMs: 60_000 });
    await new Promise((r) => setTimeout(r, 50));
    await enqueue(database.db, [sms(11), sms(12)], clock.now());
    worker.wake();
    for (let i = 0; i < 100 && sent.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await worker.stop();
    expect(sent.map((m) => m.payload.n).sort()).toEqual([11, 12]);
  });

  it('claims at most `limit` rows per claim, disjoint between concurrent claimers', async () => {
    await enqueue(database.db, Array.from({ length: 50 }, (_, i) => sms(500 + i)), clock.now());
    const other: Database = testDialect === 'postgres' ? openPostgres(database.url, 5) : openSqlite(database.url.slice('sqlite:'.length));
    try {
      const claims = await Promise.all(
        [0, 1, 2, 3].map((i) => claimBatch(i % 2 ? other.db : database.db, { workerId: `c${i}`, now: clock.now(), limit: 7, claimTimeoutMs: 300_000 })),
      );
      expect(claims.map((c) => c.length)).toEqual([7, 7, 7, 7]);
      const ids = claims.flat().map((m) => m.id);
      expect(new Set(ids).size).toBe(28);
      expect(claims.flat().every((m) => m.status === 'sending' && m.attempts === 1)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it(`never sends a row twice with two workers on two connections (${testDialect})`, async () => {
    const N = 200;
    const notices = Array.from({ length: N }, (_, i) => sms(1000 + i));
    await database.db.transaction().execute((tx) => enqueue(tx, notices, clock.now()));
    const other: Database = testDialect === 'postgres' ? openPostgres(database.url, 5) : openSqlite(database.url.slice('sqlite:'.length));
    try {
      const calls = new Map<string, number>();
      const by = new Map<string, number>();
      const counting = (name: string): OutboxAdapter => ({
        name,
        async send(m) {
          calls.set(m.id, (calls.get(m.id) ?? 0) + 1);
          by.set(name, (by.get(name) ?? 0) + 1);
          await new Promise((r) => setImmediate(r)); // let the other worker in
        },
      });
      const drain = async (db: Database['db'], name: string) => {
        for (;;) {
          const r = await runOutboxOnce({ db, adapter: counting(name), clock, batch: 7, workerId: name });
          if (r.claimed === 0) return;
        }
      };
      await Promise.all([drain(database.db, 'w1'), drain(other.db, 'w2'), drain(database.db, 'w3'), drain(other.db, 'w4')]);
      expect(calls.size).toBe(N);
      expect([...calls.values()].every((n) => n === 1)).toBe(true);
      expect([...by.values()].reduce((a, b) => a + b, 0)).toBe(N);
      expect(by.size).toBeGreaterThan(1); // the work was shared
      const counts = await ob().selectFrom('outbox').select('status').where('status', '!=', 'sent').execute();
      expect(counts).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('adapters', () => {
  const message = (): OutboxMessage => ({
    id: '019a0000-0000-7000-8000-000000000001',
    createdAt: clock.now(),
    channel: 'sms',
    recipient: '13812345678',
    kind: 'case.accepted',
    body: '王堃您好，您的办件 371311202603160000012 已受理，如有疑问请回电 13812345678。',
    payload: {},
    dedupeKey: null,
    status: 'sending',
    attempts: 1,
    nextAttemptAt: clock.now(),
    claimedBy: 'w',
    claimedAt: clock.now(),
    lastError: null,
    sentAt: null,
  });

  it('the file adapter appends one masked JSON line per message to sms-YYYY-MM-DD.log (Shanghai date)', async () => {
    clock.set('2026-03-16T17:30:00.000Z'); // already 17 March in Shanghai
    const adapter = fileAdapter(dataDir, { clock });
    await adapter.send(message());
    await adapter.send({ ...message(), id: 'second' });
    expect(readdirSync(join(dataDir, 'outbox'))).toEqual(['sms-2026-03-17.log']);
    const text = readFileSync(join(dataDir, 'outbox', 'sms-2026-03-17.log'), 'utf8');
    expect(text).not.toContain('13812345678');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ id: message().id, to: '138****5678', kind: 'case.accepted', channel: 'sms' });
    expect(lines[0].text).toContain('371311202603160000012');
    expect(lines[0].text).toContain('138****5678');
  });

  it('the console adapter logs masked', async () => {
    const logged: unknown[] = [];
    await consoleAdapter({ info: (o) => logged.push(o) }, { clock }).send(message());
    expect(JSON.stringify(logged)).not.toContain('13812345678');
    expect(logged[0]).toMatchObject({ to: '138****5678' });
  });
});

describe('admin routes', () => {
  it('are for admins only', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin/outbox' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin/outbox', headers: { 'x-test-roles': 'clerk' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/v1/admin/outbox/x/replay', headers: { 'x-test-roles': 'manager' } })).statusCode).toBe(403);
  });

  it('validate the query and say 404 for an unknown message', async () => {
    const admin = { 'x-test-roles': 'admin' };
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin/outbox?status=lost', headers: admin })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin/outbox?limit=-1', headers: admin })).statusCode).toBe(400);
    const missing = await app.inject({ method: 'POST', url: '/api/v1/admin/outbox/nope/replay', headers: admin });
    expect(missing.statusCode).toBe(404);
  });

  it('page newest first', async () => {
    for (let i = 0; i < 5; i++) await enqueue(database.db, [sms(i)], clock.now());
    const admin = { 'x-test-roles': 'admin' };
    const first = (await app.inject({ method: 'GET', url: '/api/v1/admin/outbox?limit=3', headers: admin })).json().items as { id: string }[];
    expect(first).toHaveLength(3);
    const next = (await app.inject({ method: 'GET', url: `/api/v1/admin/outbox?limit=3&before=${first[2].id}`, headers: admin })).json().items as { id: string }[];
    expect(next).toHaveLength(2);
    const all = [...first, ...next].map((m) => m.id);
    expect(all).toEqual([...all].sort().reverse());
  });
});
