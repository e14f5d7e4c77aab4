import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer.js';

let dir: string;
let file: string;
let raw: BetterSqlite3.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ow-ckpt-'));
  file = join(dir, 'c.db');
  raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.exec('create table t (id integer primary key, body text)');
});

afterEach(() => {
  raw.close();
  rmSync(dir, { recursive: true, force: true });
});

const write = (n: number) => {
  const ins = raw.prepare('insert into t (body) values (?)');
  for (let i = 0; i < n; i++) raw.transaction(() => ins.run('x'.repeat(2000)))();
};

describe('background WAL checkpoints', () => {
  it('takes checkpoints out of the COMMITs and does them in its own thread', async () => {
    const checkpointer = startCheckpointer(raw, file, 60_000);
    try {
      expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
      write(1500); // ≈ 3,000 WAL pages: a COMMIT would have checkpointed on its own at 1,000
      const answer = await checkpointer.now();
      expect(answer.busy).toBe(0);
      expect(answer.log).toBeGreaterThan(1000);
      expect(answer.checkpointed).toBe(answer.log);
    } finally {
      await checkpointer.stop();
    }
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('checkpoints on its own timer, so between bursts of writes the WAL starts over instead of growing', async () => {
    const checkpointer = startCheckpointer(raw, file, 20);
    try {
      for (let burst = 0; burst < 5; burst++) {
        write(400); // ≈ 800 WAL pages, under the writer's own threshold
        await new Promise((r) => setTimeout(r, 150));
      }
      const walBytes = statSync(`${file}-wal`).size;
      // one burst's worth (≈ 3.3 MB), not five (≈ 16 MB)
      expect(walBytes).toBeLessThan(6_000_000);
      expect((raw.prepare('select count(*) n from t').get() as { n: number }).n).toBe(2000);
    } finally {
      await checkpointer.stop();
    }
  });

  it('hands checkpoints back to the writer when its thread cannot run', async () => {
    const checkpointer = startCheckpointer(raw, join(dir, 'missing', 'nowhere.db'), 20);
    await expect.poll(() => raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await expect(checkpointer.now()).rejects.toThrow(/not running/);
    await checkpointer.stop();
  });
});
