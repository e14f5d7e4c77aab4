import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { runText } from './text-query.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await sql`create table text_probe (day text primary key, last integer not null)`.execute(database.db);
});
afterAll(() => database.drop());

describe('runText', () => {
  const next = (day: string) =>
    runText<{ last: number }>(database.db, 'insert into text_probe (day, last) values (?, 1) on conflict (day) do update set last = text_probe.last + 1 returning last', [day]);

  it('runs one statement text on either database, its ? placeholders in order', async () => {
    expect(await next('2026-11-30')).toEqual([{ last: 1 }]);
    expect(await next('2026-11-30')).toEqual([{ last: 2 }]);
    expect(await next('2026-12-01')).toEqual([{ last: 1 }]);
    const rows = await runText<{ day: string }>(database.db, 'select day from text_probe where last = ? and day > ? order by day', [1, '2026-11-30']);
    expect(rows).toEqual([{ day: '2026-12-01' }]);
  });

  it('runs inside a transaction and is undone with it', async () => {
    await expect(
      database.db.transaction().execute(async (tx) => {
        await runText(tx, 'update text_probe set last = ? where day = ?', [99, '2026-11-30']);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await runText(database.db, 'select last from text_probe where day = ?', ['2026-11-30'])).toEqual([{ last: 2 }]);
  });
});
