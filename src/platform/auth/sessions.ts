import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../actor.js';
import { tables, type AnyDb, type Executor } from '../db/database.js';

interface SessionTables {
  sessions: { token_hash: string; account_id: string; created_at: string; expires_at: string; ip: string | null };
}

export const SESSION_COOKIE = 'ow_session';
export const SESSION_HOURS = 12;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The token goes to the browser; only its hash is stored, so a leaked table opens no session. */
export async function createSession(tx: Executor<unknown>, accountId: string, now: string, ip: string | null) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(new Date(now).getTime() + SESSION_HOURS * 3600_000).toISOString();
  await tables<SessionTables>(tx)
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), account_id: accountId, created_at: now, expires_at: expiresAt, ip })
    .execute();
  return { token, expiresAt };
}

/**
 * Resolved sessions are kept for SESSION_CACHE_MS: looking up a session and its account costs more
 * than most requests' own work. Ending a session (logout, password change) forgets it in this
 * process at once; another process (several servers on one PostgreSQL) stops honouring it within
 * SESSION_CACHE_MS. Expiry is checked on every request.
 */
export const SESSION_CACHE_MS = 1000;
const resolved = new Map<string, { accountId: string; expiresAt: string; actor: Actor | null; until: number }>();

/** The actor of a valid session (null: its account is gone or disabled); undefined: no valid session. */
export async function sessionActor(
  db: AnyDb,
  token: string,
  now: string,
  loadActor: (accountId: string) => Promise<Actor | null>,
  nowMs = Date.now(),
): Promise<{ actor: Actor | null } | undefined> {
  let hit = resolved.get(token);
  if (!hit || hit.until <= nowMs) {
    const row = await tables<SessionTables>(db)
      .selectFrom('sessions')
      .select(['account_id', 'expires_at'])
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row) return undefined;
    if (resolved.size >= 10_000) resolved.clear();
    hit = { accountId: row.account_id, expiresAt: row.expires_at, actor: await loadActor(row.account_id), until: nowMs + SESSION_CACHE_MS };
    resolved.set(token, hit);
  }
  return hit.expiresAt > now ? { actor: hit.actor } : undefined;
}

export async function endSession(tx: Executor<unknown>, token: string) {
  resolved.delete(token);
  await tables<SessionTables>(tx).deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

export async function endAccountSessions(tx: Executor<unknown>, accountId: string) {
  for (const [token, r] of resolved) if (r.accountId === accountId) resolved.delete(token);
  await tables<SessionTables>(tx).deleteFrom('sessions').where('account_id', '=', accountId).execute();
}
