import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { tables } from './database.js';
import { insertRows } from './insert.js';

interface Tables {
  insert_probe: { id: string; name: string; note: string | null; n: number; status?: string };
}

let database: TestDatabase;
const db = () => tables<Tables>(database.db);
const all = () => db().selectFrom('insert_probe').selectAll().orderBy('id').execute();

beforeAll(async () => {
  database = await createTestDatabase();
  await sql`create table insert_probe (id text primary key, name text not null, note text, n integer not null, status text not null default 'new')`.execute(database.db);
});
afterAll(() => database.drop());

describe('insertRows', () => {
  it('inserts what Kysely would insert, one row or many, inside a transaction', async () => {
    await database.db.transaction().execute(async (tx) => {
      await insertRows(tables<Tables>(tx), 'insert_probe', [{ id: 'a', name: '王堃', note: null, n: 1 }]);
      await insertRows(tables<Tables>(tx), 'insert_probe', [
        { id: 'b', name: '李犇', note: 'x', n: 2, status: 'done' },
        { id: 'c', name: '张喆', note: 'y', n: 3, status: 'done' },
      ]);
    });
    expect(await all()).toEqual([
      { id: 'a', name: '王堃', note: null, n: 1, status: 'new' },
      { id: 'b', name: '李犇', note: 'x', n: 2, status: 'done' },
      { id: 'c', name: '张喆', note: 'y', n: 3, status: 'done' },
    ]);
  });

  it('leaves out undefined values so the column default applies, as Kysely does', async () => {
    await insertRows(db(), 'insert_probe', [{ id: 'd', name: 'd', note: null, n: 4, status: undefined }]);
    expect((await all()).find((r) => r.id === 'd')?.status).toBe('new');
  });

  it('inserts rows whose columns differ (through Kysely)', async () => {
    await insertRows(db(), 'insert_probe', [
      { id: 'e', name: 'e', n: 5, status: 'done' },
      { id: 'f', name: 'f', note: 'z', n: 6, status: 'done' },
    ]);
    const rows = await all();
    expect(rows.find((r) => r.id === 'e')?.note).toBeNull();
    expect(rows.find((r) => r.id === 'f')?.note).toBe('z');
  });

  it('changes nothing when a row is refused', async () => {
    const before = await all();
    await expect(
      database.db.transaction().execute((tx) =>
        insertRows(tables<Tables>(tx), 'insert_probe', [
          { id: 'g', name: 'g', note: null, n: 7 },
          { id: 'a', name: 'duplicate', note: null, n: 8 },
        ]),
      ),
    ).rejects.toThrow();
    expect(await all()).toEqual(before);
  });

  it('skips rows that clash on a unique column and returns the ones inserted', async () => {
    const inserted = await insertRows(db(), 'insert_probe', [
      { id: 'a', name: 'clash', note: null, n: 9 },
      { id: 'h', name: 'h', note: null, n: 10 },
    ], { skipConflictsOn: 'id', returning: 'id' });
    expect(inserted).toEqual([{ id: 'h' }]);
    expect((await all()).find((r) => r.id === 'a')?.name).toBe('王堃');
  });

  it('skips and returns the same through Kysely when the rows differ in columns', async () => {
    const inserted = await insertRows(db(), 'insert_probe', [
      { id: 'b', name: 'clash', n: 11 },
      { id: 'i', name: 'i', note: 'w', n: 12 },
    ], { skipConflictsOn: 'id', returning: 'id' });
    expect(inserted).toEqual([{ id: 'i' }]);
    expect((await all()).find((r) => r.id === 'b')?.name).toBe('李犇');
  });
});
