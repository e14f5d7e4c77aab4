// npm test: the whole suite on SQLite, then on PostgreSQL; prints "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureWebBuilt } from './web-build.mjs';

const pgUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const extra = process.argv.slice(2);

async function postgresReachable() {
  const c = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

function runSuite(db) {
  const out = join(mkdtempSync(join(tmpdir(), 'ow-vitest-')), 'result.json');
  console.log(`\n=== test suite on ${db} ===`);
  const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`, ...extra], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DB: db, TEST_PG_URL: pgUrl },
  });
  try {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    return { passed: j.numPassedTests, failed: j.numFailedTests + (r.status !== 0 && j.numFailedTests === 0 ? 1 : 0), skipped: j.numPendingTests };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

ensureWebBuilt();
const results = [runSuite('sqlite')];
if (await postgresReachable()) results.push(runSuite('postgres'));
else if (process.env.CI) {
  console.error(`PostgreSQL is not reachable at ${pgUrl}; CI runs the suite on both databases.`);
  results.push({ passed: 0, failed: 1, skipped: 0 });
} else console.warn(`\nPostgreSQL not reachable at ${pgUrl}: suite ran on SQLite only.`);

const sum = (k) => results.reduce((n, r) => n + r[k], 0);
console.log(`\n${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
process.exit(sum('failed') > 0 ? 1 : 0);
