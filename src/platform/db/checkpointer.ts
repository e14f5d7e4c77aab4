/**
 * WAL checkpoints off the request thread. SQLite's automatic checkpoint runs inside whichever
 * COMMIT crosses 1,000 WAL pages: it copies those pages into the database file and syncs it,
 * stalling every request for 5–10 ms several times a second under load. The server instead lets a
 * worker thread, with its own connection, run PASSIVE checkpoints (they never block the writer)
 * every CHECKPOINT_MS on the other core.
 *
 * The WAL restarts from its beginning only when a write begins after a checkpoint that copied
 * everything; a writer that never pauses would keep the background checkpoint one step behind.
 * So the writer keeps an automatic checkpoint, at WRITER_FALLBACK_PAGES instead of 1,000: it
 * then finds the pages already copied (cheap) and lets the WAL restart.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

export const CHECKPOINT_MS = 200;
const WRITER_FALLBACK_PAGES = 10_000;

// a plain CommonJS worker (no TypeScript loader needed in the thread)
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = () => { try { return db.pragma('wal_checkpoint(PASSIVE)')[0]; } catch (e) { return { error: String(e) }; } };
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'now') parentPort.postMessage(checkpoint());
  if (m === 'stop') { clearInterval(timer); checkpoint(); db.close(); parentPort.postMessage('stopped'); }
});
`;

export interface Checkpointer {
  /** one checkpoint now; resolves with SQLite's answer (busy, WAL frames, frames checkpointed) */
  now(): Promise<{ busy: number; log: number; checkpointed: number }>;
  stop(): Promise<void>;
}

export function startCheckpointer(raw: BetterSqlite3.Database, file: string, intervalMs = CHECKPOINT_MS): Checkpointer {
  raw.pragma(`wal_autocheckpoint = ${WRITER_FALLBACK_PAGES}`);
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file, intervalMs, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  worker.unref();
  // should the thread die, the writer checkpoints for itself again, as SQLite does by default
  let alive = true;
  const writerCheckpoints = () => {
    if (raw.open) raw.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('error', (err) => console.error(`WAL checkpointer stopped: ${err.message}`));
  worker.on('exit', () => {
    alive = false;
    writerCheckpoints();
  });
  /** the worker's next answer, or undefined once it is gone */
  const ask = <T>(message: string) =>
    new Promise<T | undefined>((resolve) => {
      if (!alive) return resolve(undefined);
      const gone = () => resolve(undefined);
      worker.once('exit', gone);
      worker.once('message', (answer: T) => {
        worker.off('exit', gone);
        resolve(answer);
      });
      worker.postMessage(message);
    });
  let stopped: Promise<void> | null = null;
  return {
    async now() {
      const answer = await ask<{ busy: number; log: number; checkpointed: number }>('now');
      if (!answer) throw new Error('the WAL checkpointer is not running');
      return answer;
    },
    stop() {
      stopped ??= (async () => {
        await ask('stop');
        await worker.terminate();
        writerCheckpoints();
      })();
      return stopped;
    },
  };
}
