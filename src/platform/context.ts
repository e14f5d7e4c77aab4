import type { Actor } from './actor.js';
import type { Clock } from './clock.js';
import type { AnyDb, DialectName } from './db/database.js';

/** What a use case gets: the database, the clock, who is acting and from where. */
export interface Ctx {
  db: AnyDb;
  dialect: DialectName;
  clock: Clock;
  actor: Actor | null;
  ip: string | null;
  log: Log;
}

/** The little of a logger that use cases need (pino's and the console both fit). */
export interface Log {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}
