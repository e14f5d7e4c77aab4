import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Driver, type SqliteDatabase, type Transaction } from 'kysely';
import { startCheckpointer } from './checkpointer.js';
import { GroupCommitSqliteDriver } from './sqlite-driver.js';

export type DialectName = 'sqlite' | 'postgres';

/**
 * The whole database, untyped at this level: each module narrows it to its own tables with
 * `tables<T>(db)`, so a module's store can only name the tables it owns.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;
export type Executor<T> = Kysely<T> | Transaction<T>;

export function tables<T>(db: AnyDb | Executor<unknown>): Kysely<T> {
  return db as unknown as Kysely<T>;
}

export interface Database {
  db: AnyDb;
  dialect: DialectName;
  /** description safe to print (no password) */
  label: string;
  close(): Promise<void>;
}

// pg returns int8 (COUNT, SUM) and numeric as strings; ours always fit a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface SqliteOptions {
  /** WAL checkpoints in a worker thread instead of inside COMMITs (the long-running server) */
  backgroundCheckpoints?: boolean;
}

export function openDatabase(url: string | undefined, dataDir: string, opts: SqliteOptions = {}): Database {
  if (url && /^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : join(dataDir, 'onewindow.db');
  return openSqlite(file, opts);
}

export function openPostgres(url: string, max = Number(process.env.PG_POOL_MAX ?? 10)): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // an idle connection cut by the server (restart, failover, a dropped test database) must not
  // crash the process: the pool replaces it on next use
  pool.on('error', (err) => console.error(`postgres pool: ${err.message}`));
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  const u = new URL(url);
  return { db, dialect: 'postgres', label: `postgres ${u.host}${u.pathname}`, close: () => db.destroy() };
}

export function openSqlite(file: string, opts: SqliteOptions = {}): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 10000');
  const db = new Kysely({ dialect: new GroupCommitSqliteDialect(raw) });
  const checkpointer = opts.backgroundCheckpoints && file !== ':memory:' ? startCheckpointer(raw, file) : null;
  const close = async () => {
    await checkpointer?.stop();
    await db.destroy();
  };
  return { db, dialect: 'sqlite', label: `sqlite ${file}`, close };
}

/** Kysely's SQLite dialect with our driver: statement reuse and group commit (sqlite-driver.ts). */
export class GroupCommitSqliteDialect extends SqliteDialect {
  readonly driver: GroupCommitSqliteDriver;
  constructor(raw: BetterSqlite3.Database) {
    super({ database: raw as unknown as SqliteDatabase });
    this.driver = new GroupCommitSqliteDriver(raw);
  }
  override createDriver(): Driver {
    return this.driver;
  }
}
