import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { allMigrations } from '../../src/migrations.js';
import { openPostgres, openSqlite, type Database } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { uuidv7 } from '../../src/platform/ids.js';

/** Which database the suite runs on: TEST_DB=postgres uses TEST_PG_URL (a server admin URL). */
export const testDialect = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
const adminUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends Database {
  /** a URL another process can open (for multi-process tests) */
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated, isolated database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDialect === 'postgres') {
    const name = `ow_t_${uuidv7().replace(/-/g, '').slice(-16)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
    const database = openPostgres(url, 5);
    await migrateToLatest(database.db, allMigrations);
    return {
      ...database,
      url,
      async drop() {
        await database.close();
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ow-test-'));
  const file = join(dir, 'test.db');
  const database = openSqlite(file);
  await migrateToLatest(database.db, allMigrations);
  return {
    ...database,
    url: `sqlite:${file}`,
    async drop() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
