/**
 * Hall benchmarks (issue 4), for `npm run bench`:
 *
 * - `benchCallNext(base)`: POST /api/v1/windows/:id/call-next round-robin over 10 windows (10
 *   signed-in clerks), 5 requests in flight, against a queue that stays non-empty (checked: the
 *   run reports how many answers found it empty) → req/s, p50, p99 (target ≥ 1,000/s, p99 < 20 ms).
 * - `benchDisplayFanout(base)`: 1,000 SSE clients on /api/v1/halls/:code/events (plain http.get
 *   on loopback); for each call-next, the time from its response to the `call` event's arrival at
 *   every client → p50/p99/max (target p99 < 100 ms).
 * - `benchFanoutBaseline()`: the same measurement against a bare node:http SSE broadcaster in its
 *   own process (hall-sse-server.ts): the same-run baseline.
 *
 * `npx tsx test/bench/hall.ts` runs all three on a fresh seeded SQLite database.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { type Figure, print, startProcess } from './harness.js';

const PASSWORD = 'onewindow-demo';

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return /ow_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
}

const json = { 'content-type': 'application/json' };

async function post(base: string, path: string, cookie: string | null, body: unknown = {}) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { ...json, ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  const out = await res.json();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(out)}`);
  return out;
}

interface Desk {
  windowId: string;
  cookie: string;
}

/** Signs `count` clerks in at the first `count` intake windows of a hall. */
async function desks(base: string, hall: string, usernames: string[]): Promise<Desk[]> {
  const h = await (await fetch(`${base}/api/v1/halls/${hall}`)).json();
  const windows = h.windows.filter((w: { kind: string }) => w.kind === 'intake');
  const out: Desk[] = [];
  for (const [i, username] of usernames.entries()) {
    const cookie = await login(base, username);
    await post(base, `/api/v1/windows/${windows[i].id}/sign-in`, cookie, { takeOver: true });
    out.push({ windowId: windows[i].id, cookie });
  }
  return out;
}

/** Issues `n` category-A tickets as a clerk (no kiosk throttle), `connections` at a time. */
async function issue(base: string, hall: string, cookie: string, n: number, connections = 10): Promise<Figure> {
  const r = await autocannon({
    url: base,
    connections,
    amount: n,
    requests: [{ method: 'POST', path: `/api/v1/halls/${hall}/tickets`, headers: { ...json, cookie }, body: JSON.stringify({ category: 'A' }) }],
  });
  return { name: `POST /halls/${hall}/tickets (issue)`, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

/**
 * call-next throughput and latency. The queue is filled first (`tickets`), and each run is checked
 * not to have emptied it (an empty queue would answer faster than a real call).
 */
export async function benchCallNext(base: string, opts: { hall?: string; seconds?: number; connections?: number; tickets?: number } = {}) {
  const hall = opts.hall ?? 'C00';
  const seconds = opts.seconds ?? 8;
  const clerks = Array.from({ length: 10 }, (_, i) => `clerk${String(i + 1).padStart(2, '0')}`);
  const d = await desks(base, hall, clerks);
  const issueFig = await issue(base, hall, d[0].cookie, opts.tickets ?? 20_000);
  let empty = 0;
  const base$ = {
    url: base,
    connections: opts.connections ?? 5,
    pipelining: 1,
    requests: d.map((x) => ({
      method: 'POST' as const,
      path: `/api/v1/windows/${x.windowId}/call-next`,
      headers: { ...json, cookie: x.cookie },
      body: '{}',
      onResponse: (_status: number, body: string) => {
        if (body.startsWith('{"ticket":null')) empty++;
      },
    })),
  };
  await autocannon({ ...base$, duration: 2 });
  empty = 0;
  const r = await autocannon({ ...base$, duration: seconds });
  const fig: Figure = { name: 'POST /windows/:id/call-next', rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
  return { callNext: fig, issue: issueFig, emptyAnswers: empty, calls: r.requests.total };
}

interface FanoutResult {
  name: string;
  clients: number;
  events: number;
  samples: number;
  missing: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Opens `clients` SSE streams (plain http.get, no agent), waits for each snapshot, then fires
 * `events` times (`fire` answers with the ticket id it called) and records, per client, the time
 * from the fire's response to that event's arrival (negative = the event came first → 0).
 */
async function fanout(name: string, url: string, fire: () => Promise<string>, opts: { clients: number; events: number; gapMs: number }): Promise<FanoutResult> {
  const arrivals: Map<string, number>[] = [];
  const reqs: http.ClientRequest[] = [];
  let ready = 0;
  await new Promise<void>((resolve, reject) => {
    for (let i = 0; i < opts.clients; i++) {
      const seen = new Map<string, number>();
      arrivals.push(seen);
      let buf = '';
      let gotSnapshot = false;
      const req = http.get(url, { agent: false }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const now = performance.now();
          buf += chunk;
          let k;
          while ((k = buf.indexOf('\n\n')) >= 0) {
            const frame = buf.slice(0, k);
            buf = buf.slice(k + 2);
            if (!gotSnapshot && frame.includes('event: snapshot')) {
              gotSnapshot = true;
              if (++ready === opts.clients) resolve();
            } else if (frame.includes('event: call')) {
              const m = /"ticket":\{"id":"([^"]+)"/.exec(frame);
              if (m) seen.set(m[1], now);
            }
          }
        });
      });
      req.on('error', reject);
      reqs.push(req);
    }
  });
  const fired: { id: string; at: number }[] = [];
  for (let e = 0; e < opts.events; e++) {
    const id = await fire();
    fired.push({ id, at: performance.now() });
    await new Promise((r) => setTimeout(r, opts.gapMs));
  }
  await new Promise((r) => setTimeout(r, 500));
  const lat: number[] = [];
  let missing = 0;
  for (const seen of arrivals) {
    for (const f of fired) {
      const t = seen.get(f.id);
      if (t === undefined) missing++;
      else lat.push(Math.max(0, t - f.at));
    }
  }
  for (const r of reqs) r.destroy();
  lat.sort((a, b) => a - b);
  const pct = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.ceil((p / 100) * lat.length) - 1)] : NaN);
  return { name, clients: opts.clients, events: fired.length, samples: lat.length, missing, p50: pct(50), p99: pct(99), max: lat[lat.length - 1] ?? NaN };
}

/** Display fan-out on the app: `clients` SSE streams on a hall, `events` calls at one of its windows. */
export async function benchDisplayFanout(base: string, opts: { hall?: string; clerk?: string; clients?: number; events?: number; gapMs?: number } = {}) {
  const hall = opts.hall ?? 'T01';
  const [desk] = await desks(base, hall, [opts.clerk ?? 'town01']);
  const events = opts.events ?? 30;
  for (let i = 0; i < events + 5; i++) await post(base, `/api/v1/halls/${hall}/tickets`, desk.cookie, { category: 'A' });
  return fanout(
    `SSE fan-out /halls/${hall}/events`,
    `${base}/api/v1/halls/${hall}/events`,
    async () => {
      const r = await post(base, `/api/v1/windows/${desk.windowId}/call-next`, desk.cookie);
      if (!r.ticket) throw new Error('queue empty during the fan-out bench');
      return r.ticket.id as string;
    },
    { clients: opts.clients ?? 1000, events, gapMs: opts.gapMs ?? 100 },
  );
}

/** The same measurement against a bare node:http SSE broadcaster in its own process. */
export async function benchFanoutBaseline(opts: { clients?: number; events?: number; gapMs?: number } = {}) {
  const server = await startProcess(['test/bench/hall-sse-server.ts'], { PORT: '0' });
  try {
    const base = `http://127.0.0.1:${server.port}`;
    return await fanout(
      'SSE fan-out, bare node:http (baseline)',
      `${base}/events`,
      async () => (await (await fetch(`${base}/fire`, { method: 'POST' })).json()).ticket.id as string,
      { clients: opts.clients ?? 1000, events: opts.events ?? 30, gapMs: opts.gapMs ?? 100 },
    );
  } finally {
    server.child.kill();
  }
}

export function printFanout(f: FanoutResult, baseline?: FanoutResult) {
  const vs = baseline ? `  (baseline p99 ${baseline.p99.toFixed(1)} ms)` : '';
  console.log(
    `${f.name.padEnd(40)} ${f.clients} clients × ${f.events} events: p50 ${f.p50.toFixed(1)} ms   p99 ${f.p99.toFixed(1)} ms   max ${f.max.toFixed(1)} ms   missing ${f.missing}${vs}`,
  );
}

/** Everything, on a fresh seeded SQLite database and the app in its own process. */
export async function runHallBench(opts: { port?: number } = {}) {
  const { allMigrations } = await import('../../src/migrations.js');
  const { systemClock } = await import('../../src/platform/clock.js');
  const { openSqlite } = await import('../../src/platform/db/database.js');
  const { migrateToLatest } = await import('../../src/platform/db/migrate.js');
  const { seedDemo } = await import('../../src/seed/demo.js');
  const dir = mkdtempSync(join(tmpdir(), 'ow-hall-bench-'));
  const file = join(dir, 'bench.db');
  const database = openSqlite(file);
  await migrateToLatest(database.db, allMigrations);
  await seedDemo(database, systemClock, { passwordCost: 'fast' });
  await database.close();
  const bare = await startProcess(['test/bench/bare-server.ts'], { PORT: '0' });
  const { load } = await import('./harness.js');
  const bareFig = await load('bare Fastify route (baseline)', bare.port, [{ method: 'GET', path: '/bare' }]);
  bare.child.kill();
  const app = await startProcess(['src/main.ts', 'serve'], { DATABASE_URL: `sqlite:${file}`, PORT: String(opts.port ?? 3927), LOG_LEVEL: 'warn', HOST: '127.0.0.1' });
  const base = `http://127.0.0.1:${app.port}`;
  try {
    const fanBase = await benchFanoutBaseline();
    const fan = await benchDisplayFanout(base);
    const calls = await benchCallNext(base);
    print(bareFig);
    print(calls.issue, bareFig);
    print(calls.callNext, bareFig);
    console.log(`  (${calls.calls} calls measured; ${calls.emptyAnswers} found the queue empty)`);
    printFanout(fanBase);
    printFanout(fan, fanBase);
    console.log('\nTargets (issue 4): call-next ≥ 1,000 calls/s with p99 < 20 ms; display fan-out p99 < 100 ms with 1,000 SSE clients.');
    return { bare: bareFig, ...calls, fanout: fan, fanoutBaseline: fanBase };
  } finally {
    app.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runHallBench();
  process.exit(0);
}
