import { createHash } from 'node:crypto';
import { tables, type AnyDb, type Executor } from './db/database.js';
import { insertRows } from './db/insert.js';
import { runText } from './db/text-query.js';
import { uuidv7 } from './ids.js';

interface AuditTables {
  audit_log: AuditRecord;
  audit_head: { id: number; seq: number; hash: string };
}

export interface AuditRecord {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  before_digest: string | null;
  after_digest: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditEntry {
  actor: { id: string; name: string } | null;
  action: string;
  target?: { type: string; id: string };
  ip?: string | null;
  before?: unknown;
  after?: unknown;
  /** short, non-personal description; never ID numbers or phones */
  detail?: string;
}

const GENESIS = '0'.repeat(64);

/** Stable JSON: keys sorted, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

export const digest = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');

function recordHash(r: Omit<AuditRecord, 'hash'>): string {
  const { prev_hash, ...rest } = r;
  return createHash('sha256').update(prev_hash).update('\n').update(canonicalJson(rest)).digest('hex');
}

/**
 * Appends one record to the hash chain inside the caller's transaction. Updating the single
 * head row first takes a row lock (PostgreSQL) / the write lock (SQLite), so concurrent
 * appends queue instead of forking the chain.
 */
export async function appendAudit(tx: Executor<unknown>, entry: AuditEntry, at: string): Promise<AuditRecord> {
  const db = tables<AuditTables>(tx);
  // the hash column is unchanged by this statement, so RETURNING gives the previous record's hash
  const [head] = await runText<{ seq: number; hash: string }>(tx, 'update audit_head set seq = seq + 1 where id = 1 returning seq, hash');
  if (!head) throw new Error('the audit chain has no head row');
  const base: Omit<AuditRecord, 'hash'> = {
    seq: head.seq,
    id: uuidv7(),
    at,
    actor_id: entry.actor?.id ?? null,
    actor_name: entry.actor?.name ?? null,
    action: entry.action,
    target_type: entry.target?.type ?? null,
    target_id: entry.target?.id ?? null,
    ip: entry.ip ?? null,
    before_digest: entry.before === undefined ? null : digest(entry.before),
    after_digest: entry.after === undefined ? null : digest(entry.after),
    detail: entry.detail ?? null,
    prev_hash: head.hash,
  };
  const record: AuditRecord = { ...base, hash: recordHash(base) };
  await insertRows(db, 'audit_log', [record]);
  await runText(tx, 'update audit_head set hash = ? where id = 1', [record.hash]);
  return record;
}

export type AuditVerdict =
  | { ok: true; records: number; head: string }
  | { ok: false; records: number; brokenSeq: number; reason: 'hash_mismatch' | 'link_broken' | 'missing_record' | 'head_mismatch' };

/** Walks the chain from the start and names the first record that does not hold. */
export async function verifyAudit(anyDb: AnyDb): Promise<AuditVerdict> {
  const db = tables<AuditTables>(anyDb);
  let prev = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  const pageSize = 5000;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of page) {
      if (r.seq !== expectedSeq) return { ok: false, records: count, brokenSeq: expectedSeq, reason: 'missing_record' };
      if (r.prev_hash !== prev) return { ok: false, records: count, brokenSeq: r.seq, reason: 'link_broken' };
      const { hash, ...rest } = r;
      if (recordHash({ ...rest, seq: Number(rest.seq) }) !== hash) {
        return { ok: false, records: count, brokenSeq: r.seq, reason: 'hash_mismatch' };
      }
      prev = hash;
      expectedSeq += 1;
      count += 1;
    }
    if (page.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (head.seq !== count || head.hash !== prev) {
    return { ok: false, records: count, brokenSeq: count + 1, reason: 'head_mismatch' };
  }
  return { ok: true, records: count, head: prev };
}
