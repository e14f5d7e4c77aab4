/**
 * `insert into <table> (<columns>) values (…), …` with the SQL text built once per table, column
 * list and row count, and run by runText (which numbers the placeholders for PostgreSQL). Kysely's
 * builder spends longer parsing and compiling a wide insert (a case row has 34 columns; five
 * material rows 55 values) than SQLite spends running it, so the
 * hot write paths — intake, case events, the audit chain — insert through this. Same meaning as
 * `db.insertInto(table).values(rows).execute()`: a key whose value is `undefined` is left out
 * (the column's default applies); rows whose keys differ go through Kysely. Optionally rows that
 * clash on a unique column are skipped (`on conflict (…) do nothing`) and a column of the rows
 * inserted is returned.
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import { runText } from './text-query.js';

const statements = new Map<string, string>();

export interface InsertOptions {
  /** skip rows whose value in this unique column is already taken */
  skipConflictsOn?: string;
  /** return this column of the rows inserted */
  returning?: string;
}

export async function insertRows<DB, T extends keyof DB & string>(
  db: Kysely<DB> | Transaction<DB>,
  table: T,
  rows: Insertable<DB[T]>[],
  opts: InsertOptions = {},
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const records = rows as unknown as Record<string, unknown>[];
  const columns = Object.keys(records[0]).filter((c) => records[0][c] !== undefined);
  if (!records.every((r) => sameColumns(r, columns))) return viaKysely(db, table, rows, opts);
  const key = `${table}|${rows.length}|${columns.join(',')}|${opts.skipConflictsOn ?? ''}|${opts.returning ?? ''}`;
  let text = statements.get(key);
  if (!text) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${records.map(() => tuple).join(', ')}`;
    if (opts.skipConflictsOn) text += ` on conflict ("${opts.skipConflictsOn}") do nothing`;
    if (opts.returning) text += ` returning "${opts.returning}"`;
    if (statements.size > 500) statements.clear();
    statements.set(key, text);
  }
  const parameters: unknown[] = [];
  for (const r of records) for (const c of columns) parameters.push(r[c]);
  return runText<Record<string, unknown>>(db, text, parameters);
}

async function viaKysely<DB, T extends keyof DB & string>(db: Kysely<DB> | Transaction<DB>, table: T, rows: Insertable<DB[T]>[], opts: InsertOptions) {
  let q = db.insertInto(table).values(rows as never);
  if (opts.skipConflictsOn) q = q.onConflict((oc) => oc.column(opts.skipConflictsOn as never).doNothing());
  if (!opts.returning) {
    await q.execute();
    return [];
  }
  return (await q.returning(opts.returning as never).execute()) as Record<string, unknown>[];
}

function sameColumns(row: Record<string, unknown>, columns: string[]): boolean {
  let defined = 0;
  for (const k in row) if (row[k] !== undefined) defined++;
  return defined === columns.length && columns.every((c) => row[c] !== undefined);
}
