/**
 * A fixed statement written once as SQL text with `?` placeholders (numbered `$1, $2…` on
 * PostgreSQL), for the few small statements every intake runs — the audit chain's head, the day's
 * case number — where building and compiling the query with Kysely costs more than running it.
 * Write only SQL that both SQLite and PostgreSQL accept.
 */
import { CompiledQuery, PostgresAdapter } from 'kysely';
import type { AnyDb, Executor } from './database.js';

const numbered = new Map<string, string>();

export async function runText<R>(db: AnyDb | Executor<unknown>, text: string, parameters: readonly unknown[] = []): Promise<R[]> {
  let sql = text;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    sql = numbered.get(text) ?? '';
    if (!sql) {
      let n = 0;
      sql = text.replace(/\?/g, () => `$${++n}`);
      if (numbered.size > 500) numbered.clear();
      numbered.set(text, sql);
    }
  }
  return (await db.executeQuery<R>(CompiledQuery.raw(sql, [...parameters]))).rows;
}
