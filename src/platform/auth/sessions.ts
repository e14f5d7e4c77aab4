import { createHash, randomBytes } from 'node:crypto';
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

export async function sessionAccount(db: AnyDb, token: string, now: string): Promise<string | null> {
  const row = await tables<SessionTables>(db)
    .selectFrom('sessions')
    .select(['account_id', 'expires_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  return row && row.expires_at > now ? row.account_id : null;
}

export async function endSession(tx: Executor<unknown>, token: string) {
  await tables<SessionTables>(tx).deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

export async function endAccountSessions(tx: Executor<unknown>, accountId: string) {
  await tables<SessionTables>(tx).deleteFrom('sessions').where('account_id', '=', accountId).execute();
}
