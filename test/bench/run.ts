// npm run bench — each figure beside a baseline measured in the same run (not part of the tests).
import { createPublicKey, randomBytes, verify as cryptoVerify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import sodium from 'sodium-native';
import { allMigrations } from '../../src/migrations.js';
import { systemClock } from '../../src/platform/clock.js';
import { openSqlite } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { seedDemo } from '../../src/seed/demo.js';
import { searchItems } from '../../src/catalog/service.js';
import { benchLicense } from '../../src/licenses/bench.js';
import { systemActor } from '../../src/platform/actor.js';
import { benchCallNext, benchDisplayFanout, benchFanoutBaseline, printFanout } from './hall.js';
import { benchCases } from './cases.js';
import { load, onServerCore, print, startProcess, timeOps } from './harness.js';

process.env.ONEWINDOW_KEK ??= randomBytes(32).toString('base64');
const dir = mkdtempSync(join(tmpdir(), 'ow-bench-'));
const file = join(dir, 'bench.db');
const database = openSqlite(file);
await migrateToLatest(database.db, allMigrations);
await seedDemo(database, systemClock, { passwordCost: 'fast' });

console.log(`OneWindow bench — ${new Date().toISOString()} — node ${process.version}, SQLite\n`);

// In-process: the catalog search use case against a raw prepared SQLite statement.
const raw = new BetterSqlite3(file, { readonly: true });
const stmt = raw.prepare("select code, name from items where name like ? order by code limit 20");
const rawOps = timeOps('raw SQLite LIKE (prepared)', () => stmt.all('%食品%'));
const ctx = { db: database.db, dialect: database.dialect, clock: systemClock, actor: null, ip: null, log: console };
const serviceOps = await onServerCore(async () => {
  await searchItems(ctx, { q: '食品' });
  let searches = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 2000) {
    await searchItems(ctx, { q: '食品' });
    searches++;
  }
  return searches / ((performance.now() - t0) / 1000);
});
console.log(`${rawOps.name.padEnd(34)} ${rawOps.opsPerSec.toFixed(0).padStart(7)} ops/s`);
console.log(`${'searchItems(q=食品) in process'.padEnd(34)} ${serviceOps.toFixed(0).padStart(7)} ops/s  (${((serviceOps / rawOps.opsPerSec) * 100).toFixed(0)} % of raw)\n`);
raw.close();

// Licence verification: raw Ed25519 over the same credential, timed just before the HTTP run.
const licence = await benchLicense({ ...ctx, actor: systemActor('bench', 'bench') });
const jwk = licence.jwks.keys.find((k) => k.kid === licence.kid)!;
const publicKey = createPublicKey({ key: { ...jwk }, format: 'jwk' });
const signingInput = Buffer.from(licence.signingInput);
const signature = Buffer.from(licence.signature, 'base64url');
const rawJwk = Buffer.from(jwk.x, 'base64url');
await database.close();

// Over HTTP: each server in its own process on the server core; wrk on the other.
const bare = await startProcess(['test/bench/bare-server.ts'], { PORT: '0' });
const get = (path: string) => ({ method: 'GET' as const, path });
const bareFig = await load('bare Fastify route (baseline)', bare.port, [get('/bare')]);
bare.child.kill();

const app = await startProcess(['src/main.ts', 'serve'], { DATABASE_URL: `sqlite:${file}`, PORT: '3917', LOG_LEVEL: 'warn', HOST: '127.0.0.1' });
const queries = ['食品', '营业执照', '养老', '许可', '登记', '公共场所', '残疾', '医疗', '施工', '户籍'];
const search = await load('GET /api/v1/items?q=…', app.port, queries.map((q) => get(`/api/v1/items?q=${encodeURIComponent(q)}`)));
const first = await (await fetch(`http://127.0.0.1:${app.port}/api/v1/items?pageSize=50`)).json() as { items: { code: string }[] };
const detail = await load('GET /api/v1/items/{code}', app.port, first.items.map((i) => get(`/api/v1/items/${i.code}`)));
const health = await load('GET /healthz (app overhead)', app.port, [get('/healthz')]);
// raw Ed25519 on the server core, right before the verification run it is the baseline of
const rawVerify = timeOps('raw crypto.verify (Ed25519)', () => {
  if (!cryptoVerify(null, signingInput, publicKey, signature)) throw new Error('bad signature');
});
const rawSodium = timeOps('raw libsodium verify (Ed25519)', () => {
  if (!sodium.crypto_sign_verify_detached(signature, signingInput, rawJwk)) throw new Error('bad signature');
});
const verifyFig = await load('POST /api/v1/verify (licence)', app.port, [{ method: 'POST', path: '/api/v1/verify', body: JSON.stringify({ token: licence.credential }) }]);
// hall: display fan-out first (call-next fills the centre with tickets)
const base = `http://127.0.0.1:${app.port}`;
const fanBase = await benchFanoutBaseline();
const fan = await benchDisplayFanout(base);
const calls = await benchCallNext(base);
app.child.kill();

print(bareFig);
print(health, bareFig);
print(search, bareFig);
print(detail, bareFig);
print(verifyFig, bareFig);
console.log(`${rawVerify.name.padEnd(38)} ${rawVerify.opsPerSec.toFixed(0).padStart(7)} ops/s (in process, server core)`);
console.log(`${rawSodium.name.padEnd(38)} ${rawSodium.opsPerSec.toFixed(0).padStart(7)} ops/s (what the server verifies with)`);
print(calls.callNext, bareFig);
printFanout(fan, fanBase);
console.log(
  `${''.padEnd(34)} verification over HTTP = ${((verifyFig.rps / rawVerify.opsPerSec) * 100).toFixed(0)} % of raw crypto.verify ops/s, ${((verifyFig.rps / rawSodium.opsPerSec) * 100).toFixed(0)} % of raw libsodium (server: one process, one core)`,
);
console.log('\nTargets: item search p99 < 10 ms and ≥ 5,000 req/s (issue 2); licence verification ≥ 3,000/s on one core (issue 5);\n         call-next ≥ 1,000/s with p99 < 20 ms and display fan-out p99 < 100 ms with 1,000 SSE clients (issue 4).');
rmSync(dir, { recursive: true, force: true });

// Cases: intake throughput, and the case-detail read with 1,000,000 cases in the database.
console.log('\nCases (SQLite; the detail read with 1,000,000 cases in the database):');
await benchCases(); // prints its figures beside its own same-run baseline
process.exit(0);
