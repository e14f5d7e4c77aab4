/**
 * The verification log (for the holder: who checked their licence, when, what was disclosed) is
 * written in batches: records queue in memory and are inserted together within
 * VERIFY_LOG_FLUSH_MS (or at VERIFY_LOG_BATCH records), which keeps verification fast (one
 * multi-row insert instead of one per check). Reading a holder's log flushes first — and waits
 * for a write already under way, e.g. the timer's — so in one process the log is always complete
 * when read; across processes it lags ≤ the interval.
 */
import type { Ctx } from '../platform/context.js';
import { uuidv7 } from '../platform/ids.js';
import * as store from './store.js';

export const VERIFY_LOG_FLUSH_MS = 100;
export const VERIFY_LOG_BATCH = 500;
const logQueues = new Map<Ctx['db'], store.VerificationRow[]>();
/** per database, the last write started: writes run one after another, a flush awaits all before it */
const lastWrite = new Map<Ctx['db'], Promise<void>>();
let logTimer: NodeJS.Timeout | null = null;

type Entry = Omit<store.VerificationRow, 'id' | 'at' | 'ip' | 'audience' | 'grant_id' | 'org_uscc'> &
  Partial<Pick<store.VerificationRow, 'audience' | 'grant_id' | 'org_uscc'>>;

/** Queues one record (no audience, grant or organisation unless given). */
export async function logVerification(ctx: Ctx, row: Entry, now: string) {
  let q = logQueues.get(ctx.db);
  if (!q) logQueues.set(ctx.db, (q = []));
  q.push({ id: uuidv7(), at: now, ip: ctx.ip, audience: null, grant_id: null, org_uscc: null, ...row });
  if (q.length >= VERIFY_LOG_BATCH) await flushVerificationLog(ctx.db, ctx.log);
  else if (!logTimer) {
    logTimer = setTimeout(() => {
      logTimer = null;
      void flushVerificationLog(undefined, ctx.log);
    }, VERIFY_LOG_FLUSH_MS);
    logTimer.unref();
  }
}

/** Writes the queued verification records (of one database, or all). Call before shutting down. */
export async function flushVerificationLog(db?: Ctx['db'], log?: Ctx['log']): Promise<void> {
  for (const [d, q] of [...logQueues]) {
    if (db && d !== db) continue;
    const rows = q.splice(0, q.length);
    const write = (lastWrite.get(d) ?? Promise.resolve()).then(async () => {
      if (rows.length === 0) return;
      try {
        await store.insertVerifications(d, rows);
      } catch (err) {
        log?.error({ err: String(err), lost: rows.length }, 'licence verification log: write failed');
      }
    });
    lastWrite.set(d, write);
    await write;
    if (lastWrite.get(d) === write) lastWrite.delete(d);
  }
}
