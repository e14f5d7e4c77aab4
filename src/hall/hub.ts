/**
 * Live fan-out of hall events to Server-Sent-Events clients (hall displays, window screens,
 * desks, the manager's board), within one process and across processes.
 *
 * Every state change appends rows to `hall_events` in its own transaction; the row's `seq` is
 * taken from a single head row that stays locked until commit, so seq order is commit order.
 *
 * - PostgreSQL with a URL: the transaction also runs `pg_notify('ow_hall', row)`; every process
 *   keeps one dedicated `pg.Client` LISTENing and pushes what arrives to its clients (its own
 *   events included). After a lost connection it reconnects and catches up from the table.
 * - SQLite (one machine, possibly several processes), or PostgreSQL without a URL: the writing
 *   process delivers its own events right after commit; other processes' events are picked up
 *   by polling `seq > cursor` every `pollMs` (100 ms) — only while SSE clients are connected.
 */
import pg from 'pg';
import type { AnyDb, DialectName } from '../platform/db/database.js';
import type { Log } from '../platform/context.js';
import * as store from './store.js';

export const CHANNEL = 'ow_hall';
/** PostgreSQL refuses NOTIFY payloads from 8000 bytes; longer events travel as a reference. */
const MAX_NOTIFY = 7900;

export interface SseClient {
  write(chunk: string): unknown;
  end(): void;
}

export interface HubOptions {
  dialect: DialectName;
  databaseUrl?: string;
  pollMs?: number;
  heartbeatMs?: number;
  log?: Log;
}

export const sseFrame = (type: string, data: string, id?: number) => `${id !== undefined ? `id: ${id}\n` : ''}event: ${type}\ndata: ${data}\n\n`;

/** What goes through NOTIFY: the row itself, or only its seq when too long. */
export function notifyPayload(row: store.HallEventRow): string {
  const full = JSON.stringify(row);
  return Buffer.byteLength(full) < MAX_NOTIFY ? full : JSON.stringify({ seq: row.seq, hall_id: row.hall_id, ref: true });
}

export class HallHub {
  private readonly clients = new Map<string, Set<SseClient>>();
  private clientCount = 0;
  private cursor = -1;
  private readonly localSeen = new Set<number>();
  private pollTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private listener: pg.Client | null = null;
  private closed = false;
  private polling = false;
  readonly mode: 'notify' | 'poll';
  /** counters for tests and the bench */
  readonly stats = { delivered: 0, polls: 0, notifications: 0 };

  constructor(
    private readonly db: AnyDb,
    private readonly opts: HubOptions,
  ) {
    this.mode = opts.dialect === 'postgres' && opts.databaseUrl ? 'notify' : 'poll';
  }

  /** PostgreSQL: LISTEN from the start, so the first display already gets every event. */
  start() {
    if (this.mode === 'notify') this.ensureRunning();
  }

  get connected(): number {
    return this.clientCount;
  }

  /** Adds a client of one hall; returns the function that removes it. */
  subscribe(hallId: string, client: SseClient): () => void {
    let set = this.clients.get(hallId);
    if (!set) this.clients.set(hallId, (set = new Set()));
    set.add(client);
    this.clientCount += 1;
    this.ensureRunning();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      set.delete(client);
      if (set.size === 0) this.clients.delete(hallId);
      this.clientCount -= 1;
    };
  }

  /** Called by the writing process right after commit (poll mode: no wait for the next poll). */
  deliverLocal(rows: store.HallEventRow[]) {
    if (this.mode !== 'poll' || this.clientCount === 0) return;
    for (const r of rows) {
      if (r.seq <= this.cursor) continue;
      this.localSeen.add(r.seq);
      this.dispatch(r);
    }
  }

  private dispatch(r: store.HallEventRow) {
    const set = this.clients.get(r.hall_id);
    if (!set) return;
    const frame = sseFrame(r.type, r.payload, r.seq);
    for (const c of set) c.write(frame);
    this.stats.delivered += set.size;
  }

  private ensureRunning() {
    if (this.closed) return;
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => {
        for (const set of this.clients.values()) for (const c of set) c.write(': ping\n\n');
      }, this.opts.heartbeatMs ?? 15_000);
      this.heartbeat.unref();
    }
    if (this.mode === 'notify') {
      if (!this.listener) void this.listen();
    } else if (!this.pollTimer && !this.polling) {
      this.schedulePoll(0);
    }
  }

  private schedulePoll(ms: number) {
    this.pollTimer = setTimeout(() => void this.poll(), ms);
    this.pollTimer.unref();
  }

  private async poll() {
    this.pollTimer = null;
    if (this.closed) return;
    if (this.clientCount === 0) {
      // idle: forget the cursor; the next client starts from a snapshot
      this.cursor = -1;
      this.localSeen.clear();
      return;
    }
    this.polling = true;
    try {
      if (this.cursor < 0) {
        this.cursor = await store.lastEventSeq(this.db);
      } else {
        this.stats.polls += 1;
        for (;;) {
          const rows = await store.eventsAfter(this.db, this.cursor, 500);
          for (const r of rows) {
            if (!this.localSeen.delete(r.seq)) this.dispatch(r);
            this.cursor = r.seq;
          }
          if (rows.length < 500) break;
        }
        for (const s of this.localSeen) if (s <= this.cursor) this.localSeen.delete(s);
      }
    } catch (err) {
      this.opts.log?.warn({ err }, 'hall events poll failed');
    } finally {
      this.polling = false;
    }
    if (!this.closed) this.schedulePoll(this.opts.pollMs ?? 100);
  }

  private async listen() {
    const client = new pg.Client({ connectionString: this.opts.databaseUrl });
    this.listener = client;
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      this.stats.notifications += 1;
      void this.onNotify(msg.payload);
    });
    const retry = (err?: unknown) => {
      if (this.listener !== client) return;
      this.listener = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.closed) return;
      if (err) this.opts.log?.warn({ err }, 'hall events LISTEN connection lost; reconnecting');
      const t = setTimeout(() => {
        if (!this.closed && !this.listener) void this.listen();
      }, 1000);
      t.unref();
    };
    client.on('error', retry);
    client.on('end', () => retry());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // catch up whatever committed while we were not listening
      if (this.cursor >= 0) {
        for (;;) {
          const rows = await store.eventsAfter(this.db, this.cursor, 500);
          for (const r of rows) this.advance(r);
          if (rows.length < 500) break;
        }
      }
    } catch (err) {
      retry(err);
    }
  }

  private async onNotify(payload: string) {
    try {
      const parsed = JSON.parse(payload) as store.HallEventRow & { ref?: boolean };
      if (parsed.ref) {
        const rows = await store.eventsAfter(this.db, parsed.seq - 1, 1);
        if (rows[0]?.seq === parsed.seq) this.advance(rows[0]);
      } else {
        this.advance(parsed);
      }
    } catch (err) {
      this.opts.log?.warn({ err }, 'bad hall event notification');
    }
  }

  private advance(r: store.HallEventRow) {
    if (r.seq <= this.cursor) return;
    this.cursor = r.seq;
    this.dispatch(r);
  }

  /** Ends every stream and stops listening (app shutdown). */
  async close() {
    this.closed = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const set of this.clients.values()) for (const c of set) c.end();
    this.clients.clear();
    this.clientCount = 0;
    const l = this.listener;
    this.listener = null;
    if (l) await l.end().catch(() => undefined);
  }
}

const hubs = new WeakMap<object, HallHub>();

/** The hub of a database in this process (registered by the routes); services publish through it. */
export const hubFor = (db: AnyDb): HallHub | undefined => hubs.get(db);

export function registerHub(db: AnyDb, opts: HubOptions): HallHub {
  const hub = new HallHub(db, opts);
  hubs.set(db, hub);
  return hub;
}

export function unregisterHub(db: AnyDb, hub: HallHub) {
  if (hubs.get(db) === hub) hubs.delete(db);
}
