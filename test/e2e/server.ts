import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../src/app.js';
import { systemClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import { seedDemo } from '../../src/seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const WEB_DIST = join(REPO_ROOT, 'web', 'dist');

export interface WebServer {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/** Fails fast, and says how to fix it, when the web app has not been built. */
export function assertWebBuilt(): void {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(
      `The web app is not built (${join(WEB_DIST, 'index.html')} is missing). ` +
        'Run `npm run build:web` (npx vite build --config web/vite.config.ts) — `npm test` does this for you.',
    );
  }
}

/** The real server, API + built web app, on a fresh demo-district database and a random port. */
export async function startWebServer(): Promise<WebServer> {
  assertWebBuilt();
  const database = await createTestDatabase();
  try {
    await seedDemo(database, systemClock, { passwordCost: 'fast' });
    // a private copy: a rebuild of web/dist while this server runs must not pull assets from under it
    const webDir = mkdtempSync(join(tmpdir(), 'ow-web-'));
    cpSync(WEB_DIST, webDir, { recursive: true });
    const app = await buildApp({ database, config: { ...loadConfig({}), demo: true }, webDir });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('server has no TCP address');
    return {
      baseUrl: `http://127.0.0.1:${address.port}`,
      database,
      async close() {
        await app.close();
        await database.drop();
        rmSync(webDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await database.drop();
    throw e;
  }
}
