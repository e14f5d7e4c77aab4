/**
 * 办件 benchmarks (issue 3), each beside same-run baselines:
 * - intake over HTTP on SQLite: POST /api/v1/cases accepting a case with 5 materials
 *   (target ≥ 2,000 cases/s, p99 < 25 ms);
 * - case detail over HTTP with 1,000,000 cases in the database (target p99 < 5 ms).
 *
 * Exported for `npm run bench` (test/bench/run.ts): `benchCases()` runs both and prints.
 * Run alone: `npx tsx test/bench/cases.ts` (options: CASES_BENCH_ROWS=1000000, CASES_BENCH_SECONDS=8).
 * `npx tsx test/bench/cases.ts serve` is the server process the bench starts (the app with the
 * cases module wired, whether or not src/app.ts lists it yet).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Options as CannonOptions } from 'autocannon';
import BetterSqlite3 from 'better-sqlite3';
import { buildApp } from '../../src/app.js';
import { allMigrations } from '../../src/migrations.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { systemClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase, openSqlite } from '../../src/platform/db/database.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { seedDemo } from '../../src/seed/demo.js';
import { demoApplicants } from '../../src/seed/people.js';
import { print, startProcess, type Figure } from './harness.js';

/** 企业迁移登记: 5 required materials (M01–M05), 承诺件, 区行政审批服务局 */
export const BENCH_ITEM = '11371311MB2855301U0100115000';
const PASSWORD = 'onewindow-demo';

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0];
}

async function cannon(name: string, opts: { url: string; requests: NonNullable<CannonOptions['requests']>; connections: number; seconds: number }): Promise<Figure> {
  const base = { url: opts.url, requests: opts.requests, connections: opts.connections, pipelining: 1 };
  await autocannon({ ...base, duration: 2 });
  const r = await autocannon({ ...base, duration: opts.seconds });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

/** A fresh SQLite file with the demo district and the cases tables. */
export async function prepareDatabase(dir: string): Promise<string> {
  const file = join(dir, 'cases-bench.db');
  const database = openSqlite(file);
  await migrateToLatest(database.db, allMigrations);
  await seedDemo(database, systemClock, { passwordCost: 'fast' });
  await database.close();
  return file;
}

/**
 * Bulk rows straight into the tables with raw prepared statements in one transaction: `n` cases
 * (accepted, in review or concluded), each with one event and two material rows.
 */
export function bulkCases(file: string, n: number): { sample: string[]; ms: number } {
  const t0 = performance.now();
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const hall = raw.prepare("select id from halls where code = 'C00'").get() as { id: string };
  const dept = raw.prepare("select id, code from departments where code = '001'").get() as { id: string; code: string };
  const ap = raw.prepare('select id, name, id_number, phone from applicants where id_number is not null limit 1').get() as { id: string; name: string; id_number: string; phone: string };
  const cols = [
    'case_no', 'version', 'status', 'item_code', 'item_version', 'item_name', 'case_kind', 'department_code', 'department_id', 'applicant_id', 'applicant_kind',
    'applicant_name', 'applicant_code', 'applicant_phone', 'channel', 'intake_hall_id', 'instant', 'delivery_preference', 'created_at', 'created_by',
    'accepted_on', 'accepted_at', 'accepted_by', 'deemed', 'promised_limit', 'legal_limit', 'extension_days', 'suspended_days', 'step_index', 'step_count',
    'promised_due', 'legal_due', 'warn_on', 'updated_at',
  ];
  const insCase = raw.prepare(`insert into cases (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
  const insEvent = raw.prepare('insert into case_events (id, case_no, version, at, actor_id, actor_name, actor_role, action, from_status, to_status, step_index, reason, detail) values (?,?,?,?,?,?,?,?,?,?,?,?,?)');
  const insMat = raw.prepare("insert into case_materials (case_no, code, name, required, satisfied_by, files, paper_seen, license_id, license_identifier, deferred_until, supplied_at) values (?,?,?,1,'provided','[]',1,null,null,null,null)");
  const setDone = raw.prepare('update cases set decision = ?, decided_at = ?, concluded_at = ? where case_no = ?');
  const version = (raw.prepare('select max(version) v from item_versions where item_code = ?').get(BENCH_ITEM) as { v: number } | undefined)?.v ?? 1;
  const sample: string[] = [];
  const perDay = 2000;
  const days = Math.ceil(n / perDay);
  const today = Date.parse(new Date().toISOString().slice(0, 10));
  const iso = (ms: number) => new Date(ms).toISOString();
  const date = (ms: number) => iso(ms).slice(0, 10);
  raw.transaction(() => {
    for (let i = 0; i < n; i++) {
      // oldest first, 2,000 a day, ending yesterday; the last 10 days' cases are still open
      const dayMs = today - (days - Math.floor(i / perDay)) * 86_400_000;
      const day = date(dayMs);
      const caseNo = `371311${day.replace(/-/g, '')}${String((i % perDay) + 1).padStart(6, '0')}`;
      const at = iso(dayMs + 3_600_000 + (i % perDay) * 1000);
      const open = dayMs >= today - 10 * 86_400_000;
      const status = open ? (i % 2 ? 'in_review' : 'accepted') : 'concluded';
      insCase.run(
        caseNo, open ? 2 : 6, status, BENCH_ITEM, version, '企业迁移登记', 2, dept.code, dept.id, ap.id, 'person', ap.name, ap.id_number, ap.phone, 'window', hall.id, 0, 'pickup', at, 'bench',
        day, at, 'bench', 0, 3, 15, 0, 0, status === 'in_review' ? 0 : null, 2, date(dayMs + 5 * 86_400_000), date(dayMs + 21 * 86_400_000), date(dayMs + 4 * 86_400_000), at,
      );
      if (!open) {
        const decidedAt = iso(dayMs + 3 * 86_400_000);
        setDone.run(JSON.stringify({ outcome: 'grant', reason: '符合法定条件', at: decidedAt, by: '审批人' }), decidedAt, iso(dayMs + 4 * 86_400_000), caseNo);
      }
      insEvent.run(uuidv7(dayMs), caseNo, 1, at, 'bench', '受理员', 'clerk', 'create', null, 'accepted', null, null, null);
      insMat.run(caseNo, 'M01', '申请书');
      insMat.run(caseNo, 'M04', '章程');
      if (i % Math.max(1, Math.floor(n / 1000)) === 0) sample.push(caseNo);
    }
  })();
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return { sample, ms: performance.now() - t0 };
}

export interface CasesBenchOptions {
  rows?: number;
  seconds?: number;
  connections?: number;
}

export async function benchCases(opts: CasesBenchOptions = {}): Promise<Figure[]> {
  const rows = opts.rows ?? Number(process.env.CASES_BENCH_ROWS ?? 1_000_000);
  const seconds = opts.seconds ?? Number(process.env.CASES_BENCH_SECONDS ?? 8);
  const connections = opts.connections ?? 10;
  const dir = mkdtempSync(join(tmpdir(), 'ow-cases-bench-'));
  const figures: Figure[] = [];
  try {
    const file = await prepareDatabase(dir);
    const bare = await startProcess(['test/bench/bare-server.ts'], { PORT: '0' });
    const bareFig = await cannon('bare Fastify route (baseline)', { url: `http://127.0.0.1:${bare.port}`, requests: [{ method: 'GET', path: '/bare' }], connections, seconds });
    bare.child.kill();
    figures.push(bareFig);

    // --- intake ---
    let app = await startProcess(['test/bench/cases.ts', 'serve'], { DATABASE_URL: `sqlite:${file}`, PORT: '0' });
    let base = `http://127.0.0.1:${app.port}`;
    let cookie = await login(base, 'clerk01');
    const applicantId = ((await (await fetch(`${base}/api/v1/applicants?code=${demoApplicants[0].kind === 'person' ? demoApplicants[0].idNumber : ''}`, { headers: { cookie } })).json()) as { items: { id: string }[] }).items[0].id;
    const body = JSON.stringify({
      itemCode: BENCH_ITEM,
      applicantId,
      materials: ['M01', 'M02', 'M03', 'M04', 'M05'].map((code) => ({ code, by: 'provided', paperSeen: true })),
    });
    const probe = await fetch(`${base}/api/v1/cases`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body });
    if (probe.status !== 201) throw new Error(`intake probe: ${probe.status} ${await probe.text()}`);
    const health = await cannon('GET /healthz (app overhead)', { url: base, requests: [{ method: 'GET', path: '/healthz' }], connections, seconds });
    figures.push(health);
    const intake = await cannon('POST /api/v1/cases (accept, 5 mat.)', {
      url: base,
      requests: [{ method: 'POST', path: '/api/v1/cases', body, headers: { cookie, 'content-type': 'application/json' } }],
      connections,
      seconds,
    });
    figures.push(intake);
    app.child.kill();

    // --- detail with `rows` cases ---
    const bulk = bulkCases(file, rows);
    console.log(`bulk-generated ${rows.toLocaleString()} cases (+ events, materials) in ${(bulk.ms / 1000).toFixed(1)} s`);
    app = await startProcess(['test/bench/cases.ts', 'serve'], { DATABASE_URL: `sqlite:${file}`, PORT: '0' });
    base = `http://127.0.0.1:${app.port}`;
    cookie = await login(base, 'clerk01');
    const first = await fetch(`${base}/api/v1/cases/${bulk.sample[0]}`, { headers: { cookie } });
    if (first.status !== 200) throw new Error(`detail probe: ${first.status} ${await first.text()}`);
    const detailRequests = bulk.sample.slice(0, 1000).map((no) => ({ method: 'GET' as const, path: `/api/v1/cases/${no}`, headers: { cookie } }));
    const detail = await cannon(`GET /api/v1/cases/{caseNo} (${(rows / 1e6).toFixed(1)} M rows)`, { url: base, requests: detailRequests, connections, seconds });
    figures.push(detail);
    // latency of one request at a time (p99 without queueing behind other connections)
    const detail1 = await cannon(`  … same, 1 connection`, { url: base, requests: detailRequests, connections: 1, seconds });
    figures.push(detail1);
    const list = await cannon('GET /api/v1/office/tasks?colour=red', {
      url: base,
      requests: [{ method: 'GET', path: '/api/v1/office/tasks?colour=red', headers: { cookie: await login(base, 'approver01') } }],
      connections,
      seconds: Math.min(seconds, 4),
    });
    figures.push(list);
    app.child.kill();

    print(bareFig);
    print(health, bareFig);
    print(intake, bareFig);
    print(detail, bareFig);
    print(detail1, bareFig);
    print(list, bareFig);
    console.log('\nTargets (issue 3): intake ≥ 2,000 cases/s with p99 < 25 ms; detail p99 < 5 ms with 1,000,000 cases (SQLite).');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

/** The server process: the app on DATABASE_URL. */
async function serve() {
  const config = { ...loadConfig(), demo: true };
  const database = openDatabase(config.databaseUrl, config.dataDir);
  await migrateToLatest(database.db, allMigrations);
  const app = await buildApp({ database, config, clock: systemClock, webDir: '/nonexistent' });
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
  console.log(`listening ${(app.server.address() as { port: number }).port}`);
}

const invoked = process.argv[1] && /bench[\\/]cases\.ts$/.test(process.argv[1]);
if (invoked && process.argv[2] === 'serve') await serve();
else if (invoked) {
  console.log(`OneWindow cases bench — ${new Date().toISOString()} — node ${process.version}, SQLite\n`);
  await benchCases();
  process.exit(0);
}
