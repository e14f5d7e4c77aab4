/**
 * The SQLite driver: one better-sqlite3 connection shared in turn (a FIFO of leases), prepared
 * statements reused by SQL text, and GROUP COMMIT.
 *
 * A COMMIT costs more than all the statements of a typical write (it writes every touched page
 * to the WAL). So transactions that queue up behind each other share one: the first opens
 * `BEGIN IMMEDIATE`, each runs inside its own SAVEPOINT (a failure rolls back only its own
 * changes), and the group commits one turn of the event loop later (requests that arrived
 * meanwhile join it), when a write outside any transaction needs the connection, or at MAX_GROUP
 * members. A transaction's caller resumes
 * only once its group has committed, so an answer is never given for a write that could still be
 * lost; if the group's COMMIT fails (disk full, I/O error), every member fails and nothing of the
 * group is kept.
 *
 * Reads outside a transaction run inside an open group (otherwise every request's session lookup
 * would end the group): they may see a member's writes before the group's COMMIT — writes that
 * only a failing disk can still undo, the same loss `synchronous=NORMAL` accepts on power failure.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, SelectQueryNode, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';

/** More members would make the first one wait too long for its answer. */
export const MAX_GROUP = 16;
const STATEMENT_CACHE = 1000;

interface Group {
  members: number;
  flushScheduled: boolean;
  /** the flush came while a lease held the connection: commit when it is released */
  flushWhenFree: boolean;
  committed: Promise<void>;
  resolve(): void;
  reject(e: unknown): void;
}

class Lease implements DatabaseConnection {
  inTransaction = false;
  released = false;
  constructor(private readonly driver: GroupCommitSqliteDriver) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return Promise.resolve(this.driver.run<R>(this, query));
  }
  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('SQLite streams only select queries');
    this.driver.settle(this, true);
    for (const row of this.driver.prepare(query.sql).iterate(query.parameters as unknown[])) yield { rows: [row as R] };
  }
}

export class GroupCommitSqliteDriver implements Driver {
  readonly stats = { groups: 0, transactions: 0 };
  readonly #raw: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  readonly #waiting: (() => void)[] = [];
  #held = false;
  #group: Group | null = null;

  constructor(raw: BetterSqlite3.Database) {
    this.#raw = raw;
  }

  async init() {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#held = true;
    return new Lease(this);
  }

  async releaseConnection(connection: DatabaseConnection) {
    const lease = connection as Lease;
    if (!lease.released) this.#handOver(lease);
  }

  async beginTransaction(connection: DatabaseConnection) {
    const lease = connection as Lease;
    if (!this.#group) {
      this.#exec('begin immediate');
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const committed = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      committed.catch(() => {}); // a member that failed on its own does not wait for it
      this.#group = { members: 0, flushScheduled: false, flushWhenFree: false, committed, resolve, reject };
    }
    this.#exec('savepoint member');
    lease.inTransaction = true;
    this.#group.members++;
    this.stats.transactions++;
  }

  async commitTransaction(connection: DatabaseConnection) {
    const lease = connection as Lease;
    this.#exec('release member');
    lease.inTransaction = false;
    const group = this.#group!;
    if (group.members >= MAX_GROUP) this.#commitGroup();
    else if (!group.flushScheduled) {
      // let requests that arrived meanwhile run their transactions into this group first
      group.flushScheduled = true;
      setImmediate(() => {
        if (this.#group !== group) return;
        if (this.#held) group.flushWhenFree = true;
        else this.#commitGroup();
      });
    }
    this.#handOver(lease);
    await group.committed;
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    const lease = connection as Lease;
    if (!lease.inTransaction) return; // its group already failed or committed
    lease.inTransaction = false;
    if (!this.#raw.inTransaction) {
      // SQLite rolled back the whole transaction itself (disk full, I/O error): the group is lost
      this.#failGroup(new Error('SQLite rolled back the transaction'));
      return;
    }
    try {
      this.#exec('rollback to member');
      this.#exec('release member');
      this.#group!.members--;
    } catch (e) {
      this.#failGroup(e);
    }
  }

  async destroy() {
    if (this.#group) this.#commitGroup();
    this.#statements.clear();
    this.#raw.close();
  }

  /** Runs one statement for a lease; a write outside a transaction commits the open group first. */
  run<R>(lease: Lease, query: CompiledQuery): QueryResult<R> {
    const stmt = this.prepare(query.sql);
    this.settle(lease, stmt.readonly);
    const parameters = query.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  settle(lease: Lease, readonly: boolean) {
    if (lease.released) throw new Error('connection used after release');
    if (!lease.inTransaction && !readonly && this.#group) this.#commitGroup();
  }

  /** Preparing costs more than running a small query: statements are reused by SQL text (LRU). */
  prepare(sql: string): BetterSqlite3.Statement {
    let stmt = this.#statements.get(sql);
    if (stmt) this.#statements.delete(sql);
    else {
      stmt = this.#raw.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE) this.#statements.delete(this.#statements.keys().next().value as string);
    }
    this.#statements.set(sql, stmt);
    return stmt;
  }

  #exec(sql: string) {
    this.prepare(sql).run();
  }

  /** Gives the connection to the next waiter, or frees it (committing a group whose flush came). */
  #handOver(lease: Lease) {
    lease.released = true;
    const next = this.#waiting.shift();
    if (next) return next();
    if (this.#group?.flushWhenFree || (this.#group && this.#group.members === 0)) this.#commitGroup();
    this.#held = false;
  }

  #commitGroup() {
    const group = this.#group!;
    this.#group = null;
    try {
      this.#exec('commit');
    } catch (e) {
      this.#rollbackQuietly();
      group.reject(e);
      return;
    }
    this.stats.groups++;
    group.resolve();
  }

  #failGroup(e: unknown) {
    const group = this.#group;
    this.#group = null;
    this.#rollbackQuietly();
    group?.reject(e);
  }

  #rollbackQuietly() {
    if (this.#raw.inTransaction) this.#raw.prepare('rollback').run();
  }
}
