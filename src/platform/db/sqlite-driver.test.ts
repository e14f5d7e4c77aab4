import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitSqliteDialect } from './database.js';
import { MAX_GROUP } from './sqlite-driver.js';

interface Tables {
  notes: { id: number; body: string };
  parents: { id: number };
  children: { id: number; parent_id: number };
}

let dir: string;
let file: string;
let dialect: GroupCommitSqliteDialect;
let db: Kysely<Tables>;
/** a second connection: sees only what is committed */
let observer: BetterSqlite3.Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ow-driver-'));
  file = join(dir, 'd.db');
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  dialect = new GroupCommitSqliteDialect(raw);
  db = new Kysely<Tables>({ dialect });
  await sql`create table notes (id integer primary key, body text not null)`.execute(db);
  await sql`create table parents (id integer primary key)`.execute(db);
  await sql`create table children (id integer primary key, parent_id integer not null references parents (id) deferrable initially deferred)`.execute(db);
  observer = new BetterSqlite3(file, { readonly: true });
});

afterEach(async () => {
  observer.close();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const committed = (id: number) => observer.prepare('select count(*) n from notes where id = ?').get(id) as { n: number };
const addNote = (id: number) => db.transaction().execute((tx) => tx.insertInto('notes').values({ id, body: `note ${id}` }).execute());

describe('SQLite group commit', () => {
  it('commits transactions that arrive together in one group, and each caller resumes only after the commit', async () => {
    const seenAtResume: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        addNote(i + 1).then(() => {
          seenAtResume.push(committed(i + 1).n);
        }),
      ),
    );
    expect(seenAtResume).toEqual(Array(10).fill(1));
    expect(dialect.driver.stats).toEqual({ groups: 1, transactions: 10 });
  });

  it('rolls back only the failing member: the others of its group are kept', async () => {
    const boom = new Error('refused');
    const results = await Promise.allSettled([
      addNote(1),
      db.transaction().execute(async (tx) => {
        await tx.insertInto('notes').values({ id: 2, body: 'doomed' }).execute();
        throw boom;
      }),
      addNote(3),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBe(boom);
    expect([committed(1).n, committed(2).n, committed(3).n]).toEqual([1, 0, 1]);
    expect(dialect.driver.stats.groups).toBe(1);
  });

  it('fails every member when the group cannot commit, and keeps nothing of it', async () => {
    const results = await Promise.allSettled([
      addNote(1),
      // an orphan child passes its own statement (the foreign key is deferred) but fails COMMIT
      db.transaction().execute((tx) => tx.insertInto('children').values({ id: 1, parent_id: 99 }).execute()),
      addNote(3),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(observer.prepare('select count(*) n from notes').get()).toEqual({ n: 0 });
    // the connection is usable again
    await addNote(4);
    expect(committed(4).n).toBe(1);
  });

  it('commits the open group before a write outside any transaction runs', async () => {
    const grouped = addNote(1);
    await db.insertInto('notes').values({ id: 2, body: 'autocommit' }).execute();
    // no event-loop turn has passed: only the autocommit write can have ended the group
    expect(committed(1).n).toBe(1);
    expect(committed(2).n).toBe(1);
    await grouped;
  });

  it('lets a read outside any transaction run inside the open group without ending it', async () => {
    const first = addNote(1);
    const read = db.selectFrom('notes').select('id').execute();
    const second = addNote(2);
    await Promise.all([first, read, second]);
    expect(await read).toEqual([{ id: 1 }]);
    expect(dialect.driver.stats).toEqual({ groups: 1, transactions: 2 });
  });

  it(`caps a group at ${MAX_GROUP} members so the first caller is not kept waiting`, async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => addNote(i + 1)));
    expect(observer.prepare('select count(*) n from notes').get()).toEqual({ n: 40 });
    expect(dialect.driver.stats.groups).toBe(Math.ceil(40 / MAX_GROUP));
  });

  it('serialises transactions: a read-modify-write in each of two concurrent members never loses an update', async () => {
    await addNote(1);
    const bump = () =>
      db.transaction().execute(async (tx) => {
        const row = await tx.selectFrom('notes').select('body').where('id', '=', 1).executeTakeFirstOrThrow();
        await new Promise((r) => setTimeout(r, 5)); // real I/O inside the transaction
        await tx.updateTable('notes').set({ body: `${row.body}+` }).where('id', '=', 1).execute();
      });
    await Promise.all([bump(), bump(), bump()]);
    expect(observer.prepare('select body from notes where id = 1').get()).toEqual({ body: 'note 1+++' });
  });

  it('commits a group still waiting for its turn when the database is closed', async () => {
    const pending = addNote(1);
    await db.selectFrom('notes').selectAll().execute(); // runs after the member, inside its open group
    expect(committed(1).n).toBe(0);
    await db.destroy();
    await pending;
    expect(committed(1).n).toBe(1);
    db = new Kysely<Tables>({ dialect: new GroupCommitSqliteDialect(new BetterSqlite3(file)) });
  });
});
