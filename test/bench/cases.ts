/**
 * 办件 benchmarks (issue 3), on SQLite and on PostgreSQL, each beside same-run baselines:
 * - intake over HTTP: POST /api/v1/cases accepting a case with 5 materials
 *   (target on SQLite ≥ 2,000 cases/s, p99 < 25 ms);
 * - case detail over HTTP with 1,000,000 cases in the database (target p99 < 5 ms).
 *
 * Exported for `npm run bench` (test/bench/run.ts): `benchCases()` runs both and prints.
 * Run alone: `npx tsx test/bench/cases.ts` (options: CASES_BENCH_ROWS=1000000, CASES_BENCH_SECONDS=8,
 * TEST_PG_URL = a PostgreSQL admin URL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { allMigrations } from '../../src/migrations.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { systemClock } from '../../src/platform/clock.js';
import { openPostgres, openSqlite, type Database } from '../../src/platform/db/database.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { seedDemo } from '../../src/seed/demo.js';
import { demoApplicants } from '../../src/seed/people.js';
import { load, print, startProcess, stopProcess, type Figure } from './harness.js';

/** 企业迁移登记: 5 required materials (M01–M05), 承诺件, 区行政审批服务局 */
export const BENCH_ITEM = '11371311MB2855301U0100115000';
const PASSWORD = 'onewindow-demo';

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0];
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

/**
 * The same rows on PostgreSQL, generated by the server itself (generate_series), in batches of
 * 100,000 so no single statement holds a million rows' locks.
 */
export async function bulkCasesPostgres(url: string, n: number): Promise<{ sample: string[]; ms: number }> {
  const t0 = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async <T>(q: string, params: unknown[] = []) => (await client.query(q, params)).rows[0] as T;
    const hall = await one<{ id: string }>("select id from halls where code = 'C00'");
    const dept = await one<{ id: string; code: string }>("select id, code from departments where code = '001'");
    const ap = await one<{ id: string; name: string; id_number: string; phone: string }>('select id, name, id_number, phone from applicants where id_number is not null limit 1');
    const version = (await one<{ v: number }>('select max(version) v from item_versions where item_code = $1', [BENCH_ITEM]))?.v ?? 1;
    const perDay = 2000;
    const days = Math.ceil(n / perDay);
    // g → its day (oldest first, ending yesterday) and number within the day, like bulkCases
    const rows = `select g, d.day, (g - 1) % ${perDay} + 1 as seq, d.day >= current_date - 10 as open,
        to_char(d.day, 'YYYY-MM-DD') as on_day,
        to_char(d.day + interval '1 hour' + ((g - 1) % ${perDay}) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') as at,
        to_char(d.day + interval '3 days', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') as decided_at,
        to_char(d.day + interval '4 days', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') as concluded_at,
        '371311' || to_char(d.day, 'YYYYMMDD') || lpad((((g - 1) % ${perDay}) + 1)::text, 6, '0') as case_no
      from generate_series($1::int, $2::int) g
      cross join lateral (select current_date - (${days} - (g - 1) / ${perDay}) as day) d`;
    for (let from = 1; from <= n; from += 100_000) {
      const to = Math.min(n, from + 99_999);
      await client.query('begin');
      await client.query(
        `insert into cases (case_no, version, status, item_code, item_version, item_name, case_kind, department_code, department_id, applicant_id, applicant_kind,
           applicant_name, applicant_code, applicant_phone, channel, intake_hall_id, instant, delivery_preference, created_at, created_by,
           accepted_on, accepted_at, accepted_by, deemed, promised_limit, legal_limit, extension_days, suspended_days, step_index, step_count,
           promised_due, legal_due, warn_on, updated_at, decision, decided_at, concluded_at)
         select case_no, case when open then 2 else 6 end, case when not open then 'concluded' when g % 2 = 1 then 'in_review' else 'accepted' end,
           $3, $4, '企业迁移登记', 2, $5, $6, $7, 'person', $8, $9, $10, 'window', $11, 0, 'pickup', at, 'bench',
           on_day, at, 'bench', 0, 3, 15, 0, 0, case when open and g % 2 = 1 then 0 end, 2,
           to_char(day + 5, 'YYYY-MM-DD'), to_char(day + 21, 'YYYY-MM-DD'), to_char(day + 4, 'YYYY-MM-DD'), at,
           case when open then null else json_build_object('outcome', 'grant', 'reason', '符合法定条件', 'at', decided_at, 'by', '审批人')::text end,
           case when open then null else decided_at end, case when open then null else concluded_at end
         from (${rows}) r`,
        [from, to, BENCH_ITEM, version, dept.code, dept.id, ap.id, ap.name, ap.id_number, ap.phone, hall.id],
      );
      await client.query(
        `insert into case_events (id, case_no, version, at, actor_id, actor_name, actor_role, action, from_status, to_status, step_index, reason, detail)
         select gen_random_uuid()::text, case_no, 1, at, 'bench', '受理员', 'clerk', 'create', null, 'accepted', null, null, null from (${rows}) r`,
        [from, to],
      );
      await client.query(
        `insert into case_materials (case_no, code, name, required, satisfied_by, files, paper_seen, license_id, license_identifier, deferred_until, supplied_at)
         select case_no, m.code, m.name, 1, 'provided', '[]', 1, null, null, null, null from (${rows}) r
         cross join (values ('M01', '申请书'), ('M04', '章程')) m(code, name)`,
        [from, to],
      );
      await client.query('commit');
    }
    // as a live database would be: vacuumed (visibility map, hint bits), not vacuumed during the run
    await client.query('vacuum analyze');
    const step = Math.max(1, Math.floor(n / 1000));
    const sample = (await client.query(`select case_no from (${rows}) r where (g - 1) % ${step} = 0`, [1, n])).rows.map((r: { case_no: string }) => r.case_no);
    return { sample, ms: performance.now() - t0 };
  } finally {
    await client.end();
  }
}

export interface CasesBenchOptions {
  rows?: number;
  seconds?: number;
  connections?: number;
}

interface Target {
  label: string;
  databaseUrl: string;
  bulk(n: number): Promise<{ sample: string[]; ms: number }>;
  drop(): Promise<void>;
}

async function sqliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'ow-cases-bench-'));
  const file = join(dir, 'cases-bench.db');
  await prepare(openSqlite(file));
  return { label: 'SQLite', databaseUrl: `sqlite:${file}`, bulk: async (n) => bulkCases(file, n), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgresTarget(): Promise<Target> {
  const admin = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `ow_bench_${Date.now()}`;
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await run(`create database ${name}`);
  const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
  await prepare(openPostgres(url, 5));
  return { label: 'PostgreSQL', databaseUrl: url, bulk: (n) => bulkCasesPostgres(url, n), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** Migrated, with the demo district. */
async function prepare(database: Database) {
  await migrateToLatest(database.db, allMigrations);
  await seedDemo(database, systemClock, { passwordCost: 'fast' });
  await database.close();
}

/** The product's own server (with its outbox worker and sweeps), on the server core. */
const startServer = (databaseUrl: string) => startProcess(['src/main.ts', 'serve'], { DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });

/**
 * The intake run leaves thousands of SMS notices for the server's outbox worker; reads are
 * measured once it has delivered them, as on a normal day, not while it catches up.
 */
async function outboxDrained(base: string, cookie: string) {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const res = await fetch(`${base}/api/v1/admin/outbox?limit=1`, { headers: { cookie } });
    const { counts } = (await res.json()) as { counts: { pending: number; sending: number } };
    if (counts.pending + counts.sending === 0) return;
    if (Date.now() > deadline) throw new Error(`outbox still has ${counts.pending} pending notices`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Intake, then `rows` cases bulk-added and the detail read and red-task list over them. */
async function benchOn(target: Target, rows: number, seconds: number, connections: number): Promise<Figure[]> {
  // --- intake ---
  let app = await startServer(target.databaseUrl);
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
  const health = await load(`GET /healthz (${target.label})`, app.port, [{ method: 'GET', path: '/healthz' }], { connections, seconds });
  const intake = await load(`POST /api/v1/cases (${target.label})`, app.port, [{ method: 'POST', path: '/api/v1/cases', body, headers: { cookie } }], { connections, seconds });
  await stopProcess(app);

  // --- detail with `rows` cases ---
  const bulk = await target.bulk(rows);
  console.log(`${target.label}: bulk-generated ${rows.toLocaleString()} cases (+ events, materials) in ${(bulk.ms / 1000).toFixed(1)} s`);
  app = await startServer(target.databaseUrl);
  base = `http://127.0.0.1:${app.port}`;
  await outboxDrained(base, await login(base, 'admin'));
  cookie = await login(base, 'clerk01');
  const first = await fetch(`${base}/api/v1/cases/${bulk.sample[0]}`, { headers: { cookie } });
  if (first.status !== 200) throw new Error(`detail probe: ${first.status} ${await first.text()}`);
  const detailRequests = bulk.sample.slice(0, 1000).map((no) => ({ method: 'GET' as const, path: `/api/v1/cases/${no}`, headers: { cookie } }));
  const millions = rows >= 1e6 ? `${(rows / 1e6).toFixed(1)} M` : rows.toLocaleString();
  const detail = await load(`GET /cases/{caseNo} (${target.label}, ${millions})`, app.port, detailRequests, { connections, seconds });
  // latency of one request at a time (p99 without queueing behind other connections)
  const detail1 = await load(`  … same, 1 connection`, app.port, detailRequests, { connections: 1, seconds });
  const list = await load(`GET /office/tasks?colour=red (${target.label})`, app.port, [{ method: 'GET', path: '/api/v1/office/tasks?colour=red', headers: { cookie: await login(base, 'approver01') } }], {
    connections,
    seconds: Math.min(seconds, 4),
  });
  await stopProcess(app);
  return [health, intake, detail, detail1, list];
}

export async function benchCases(opts: CasesBenchOptions = {}): Promise<Figure[]> {
  const rows = opts.rows ?? Number(process.env.CASES_BENCH_ROWS ?? 1_000_000);
  const seconds = opts.seconds ?? Number(process.env.CASES_BENCH_SECONDS ?? 8);
  const connections = opts.connections ?? 10;
  const bare = await startProcess(['test/bench/bare-server.ts'], { PORT: '0' });
  const bareFig = await load('bare Fastify route (baseline)', bare.port, [{ method: 'GET', path: '/bare' }], { connections, seconds });
  await stopProcess(bare);
  const figures = [bareFig];
  for (const make of [sqliteTarget, postgresTarget]) {
    const target = await make();
    try {
      figures.push(...(await benchOn(target, rows, seconds, connections)));
    } finally {
      await target.drop();
    }
  }
  print(bareFig);
  for (const f of figures.slice(1)) print(f, bareFig);
  console.log('\nTargets (issue 3): intake ≥ 2,000 cases/s with p99 < 25 ms on SQLite; detail p99 < 5 ms with 1,000,000 cases.');
  console.log('Every server runs on ONE core (taskset); PostgreSQL itself runs outside that core.');
  return figures;
}

const invoked = process.argv[1] && /bench[\\/]cases\.ts$/.test(process.argv[1]);
if (invoked) {
  console.log(`OneWindow cases bench — ${new Date().toISOString()} — node ${process.version}\n`);
  await benchCases();
  process.exit(0);
}
