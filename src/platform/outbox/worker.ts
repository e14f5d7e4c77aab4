import { hostname } from 'node:os';
import { systemClock, type Clock } from '../clock.js';
import type { Log } from '../context.js';
import type { AnyDb } from '../db/database.js';
import { uuidv7 } from '../ids.js';
import type { OutboxAdapter } from './adapters.js';
import { DEFAULT_RETRY, maskRecipient, type RetryPolicy } from './model.js';
import { claimBatch, markFailed, markSent } from './store.js';

export interface OutboxWorkerOptions extends Partial<RetryPolicy> {
  db: AnyDb;
  adapter: OutboxAdapter;
  clock?: Clock;
  /** wait between polls when the outbox is empty; default 2 s */
  pollMs?: number;
  /** rows claimed at a time; default 20 */
  batch?: number;
  /** a claim older than this is presumed abandoned and taken over; default 5 min */
  claimTimeoutMs?: number;
  /** one send may take this long before it counts as failed; default 30 s */
  sendTimeoutMs?: number;
  /** default: host:pid:random */
  workerId?: string;
  log?: Log;
}

export interface RunResult {
  claimed: number;
  sent: number;
  retried: number;
  parked: number;
}

type Resolved = Required<Omit<OutboxWorkerOptions, 'log'>> & { log: Log | undefined };

function resolve(opts: OutboxWorkerOptions): Resolved {
  return {
    db: opts.db,
    adapter: opts.adapter,
    clock: opts.clock ?? systemClock,
    pollMs: opts.pollMs ?? 2000,
    batch: opts.batch ?? 20,
    claimTimeoutMs: opts.claimTimeoutMs ?? 5 * 60_000,
    sendTimeoutMs: opts.sendTimeoutMs ?? 30_000,
    workerId: opts.workerId ?? `${hostname()}:${process.pid}:${uuidv7().slice(-8)}`,
    baseDelayMs: opts.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
    maxDelayMs: opts.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    maxAttempts: opts.maxAttempts ?? DEFAULT_RETRY.maxAttempts,
    log: opts.log,
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`send timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** One pass: claim a batch of due messages, send each, record the outcome. */
export async function runOutboxOnce(opts: OutboxWorkerOptions): Promise<RunResult> {
  const o = resolve(opts);
  return runWith(o);
}

async function runWith(o: Resolved): Promise<RunResult> {
  const policy: RetryPolicy = { baseDelayMs: o.baseDelayMs, maxDelayMs: o.maxDelayMs, maxAttempts: o.maxAttempts };
  const claimed = await claimBatch(o.db, { workerId: o.workerId, now: o.clock.now(), limit: o.batch, claimTimeoutMs: o.claimTimeoutMs });
  const result: RunResult = { claimed: claimed.length, sent: 0, retried: 0, parked: 0 };
  const sent: string[] = [];
  for (const msg of claimed) {
    try {
      await withTimeout(Promise.resolve().then(() => o.adapter.send(msg)), o.sendTimeoutMs);
    } catch (err) {
      const outcome = await markFailed(o.db, msg, o.workerId, o.clock.now(), err, policy);
      if (outcome === 'parked') result.parked += 1;
      if (outcome === 'pending') result.retried += 1;
      const line = { id: msg.id, kind: msg.kind, to: maskRecipient(msg.channel, msg.recipient), attempts: msg.attempts, outcome };
      if (outcome === 'parked') o.log?.error(line, 'outbox message parked after its last attempt');
      else o.log?.warn(line, 'outbox send failed');
      continue;
    }
    sent.push(msg.id);
  }
  // a crash before this line sends the batch again: delivery is at least once, as for any failure
  result.sent = await markSent(o.db, sent, o.workerId, o.clock.now());
  return result;
}

export interface OutboxWorker {
  readonly workerId: string;
  /** run a pass now instead of waiting for the next poll (e.g. right after a commit) */
  wake(): void;
  /** finish the pass in progress, then stop */
  stop(): Promise<void>;
}

/**
 * Polls the outbox and sends what is due, until stopped. Safe to run in every app process at
 * once: claims are atomic (see `claimBatch`). A full batch is followed at once by the next pass.
 */
export function startOutboxWorker(opts: OutboxWorkerOptions): OutboxWorker {
  const o = resolve(opts);
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let woken = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref?.();
  };

  const tick = () => {
    timer = null;
    if (running || stopped) return;
    woken = false;
    running = runWith(o)
      .then((r) => schedule(r.claimed >= o.batch || woken ? 0 : o.pollMs))
      .catch((err: unknown) => {
        o.log?.error({ err: err instanceof Error ? err.message : String(err) }, 'outbox worker pass failed');
        schedule(o.pollMs);
      })
      .finally(() => {
        running = null;
      });
  };

  schedule(0);
  return {
    workerId: o.workerId,
    wake: () => {
      if (running) woken = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
