import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // browser tests wait for the page to settle; on a loaded 2-core machine 1 s is not enough
    expect: { poll: { timeout: 15_000, interval: 100 } },
    // one key-encryption key for the run, so no test writes ./data/keys
    env: { ONEWINDOW_KEK: randomBytes(32).toString('base64') },
  },
});
