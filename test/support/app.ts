import { buildApp } from '../../src/app.js';
import { fixedClock, systemClock, type Clock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import type { Http } from '../../src/platform/module.js';
import { seedDemo } from '../../src/seed/demo.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export const DEMO_PASSWORD = 'onewindow-demo';

export interface TestApp {
  app: Http;
  database: TestDatabase;
  clock: Clock;
  close(): Promise<void>;
}

/**
 * A real app on a fresh database. `seed: 'demo'` loads the whole demo district (515 items,
 * 34 departments, halls, accounts); `seed: 'none'` leaves only the schema.
 */
export async function testApp(opts: { seed?: 'demo' | 'none'; now?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = opts.now ? fixedClock(opts.now) : systemClock;
  if ((opts.seed ?? 'demo') === 'demo') await seedDemo(database, clock, { passwordCost: 'fast' });
  const config = { ...loadConfig({}), demo: true };
  const app = await buildApp({ database, config, clock, webDir: '/nonexistent' });
  await app.ready();
  return {
    app,
    database,
    clock,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Logs in through the real endpoint and returns the Cookie header value. */
export async function loginAs(app: Http, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'ow_session');
  if (!cookie) throw new Error('no session cookie');
  return `ow_session=${cookie.value}`;
}
