/**
 * Two real server processes on one database: 50 call-next requests at once against 20 waiting
 * tickets yield exactly 20 distinct tickets and 30 "queue empty" answers; the calls reach an SSE
 * client of the other process (PostgreSQL: LISTEN/NOTIFY; SQLite: the events table polled).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.js';
import { seedDemo } from '../../src/seed/demo.js';
import { DEMO_PASSWORD } from '../support/app.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/db.js';

let database: TestDatabase;
const servers: { child: ChildProcess; base: string }[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function startServer(url: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ONEWINDOW_DEMO: '1', NODE_ENV: 'test' },
    stdio: ['ignore', process.env.HALL_TEST_LOGS ? 'inherit' : 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { child, base };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return /ow_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
}

const post = (base: string, path: string, cookie: string | null, body: unknown = {}) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database, systemClock, { passwordCost: 'fast' });
  servers.push(...(await Promise.all([startServer(database.url), startServer(database.url)])));
}, 120_000);

afterAll(async () => {
  for (const s of servers) s.child.kill('SIGTERM');
  await Promise.all(servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once('exit', r)))));
  await database?.drop();
});

describe(`calling from two server processes (${testDialect})`, () => {
  it('hands 20 waiting tickets to 50 simultaneous call-next requests exactly once each', async () => {
    const [a, b] = servers;
    const hall = await (await fetch(`${a.base}/api/v1/halls/C00`)).json();
    const intake = hall.windows.filter((w: { kind: string }) => w.kind === 'intake').slice(0, 10);
    const clerks = await Promise.all(intake.map((_: unknown, i: number) => login(i % 2 ? b.base : a.base, `clerk${String(i + 1).padStart(2, '0')}`)));
    for (const [i, w] of intake.entries()) expect((await post(i % 2 ? b.base : a.base, `/api/v1/windows/${w.id}/sign-in`, clerks[i])).status).toBe(200);

    // a display on process B follows the calls made on both
    const stream = sse(b.base, 'C00');
    await stream.waitFor((e) => e.type === 'snapshot');

    for (let i = 0; i < 20; i++) {
      const r = await post(i % 2 ? b.base : a.base, '/api/v1/halls/C00/tickets', null, { category: 'A' });
      expect(r.status).toBe(200);
    }

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const w = i % 10;
        return post(i % 2 ? b.base : a.base, `/api/v1/windows/${intake[w].id}/call-next`, clerks[w]).then(async (r) => ({ status: r.status, body: await r.json() }));
      }),
    );
    expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    const called = results.filter((r) => r.body.ticket).map((r) => r.body.ticket.id as string);
    expect(called).toHaveLength(20);
    expect(new Set(called).size).toBe(20);
    expect(results.filter((r) => r.body.ticket === null)).toHaveLength(30);
    const numbers = results.filter((r) => r.body.ticket).map((r) => r.body.ticket.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`));

    const calls = await stream.waitFor((_, all) => all.filter((e) => e.type === 'call').length >= 20, 5000);
    expect(new Set(calls.filter((e) => e.type === 'call').map((e) => e.data.ticket.id)).size).toBe(20);
    stream.close();

    const audit = await (await fetch(`${a.base}/api/v1/audit/verify`, { headers: { cookie: await login(a.base, 'admin') } })).json();
    expect(audit.ok).toBe(true);
  }, 60_000);
});

interface Ev {
  type: string;
  id: number | null;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function sse(base: string, hall: string) {
  const events: Ev[] = [];
  let buf = '';
  const req = http.get(`${base}/api/v1/halls/${hall}/events`, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const ev: Ev = { type: '', id: null, data: null };
        for (const line of frame.split('\n')) {
          if (line.startsWith('event: ')) ev.type = line.slice(7);
          else if (line.startsWith('id: ')) ev.id = Number(line.slice(4));
          else if (line.startsWith('data: ')) ev.data = JSON.parse(line.slice(6));
        }
        if (ev.type) events.push(ev);
      }
    });
  });
  req.on('error', () => undefined);
  return {
    async waitFor(pred: (e: Ev, all: Ev[]) => boolean, timeoutMs = 5000): Promise<Ev[]> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (events.some((e) => pred(e, events))) return events;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`timed out; got ${events.map((e) => e.type).join(',')}`);
    },
    close: () => req.destroy(),
  };
}
