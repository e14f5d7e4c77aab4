import { join, resolve } from 'node:path';

/** Process configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  /** undefined → SQLite file under dataDir */
  databaseUrl: string | undefined;
  dataDir: string;
  /** the demo district (seeded data, demo accounts) */
  demo: boolean;
  /** true when NODE_ENV=production: secure cookies, no demo shortcuts */
  production: boolean;
  logLevel: string;
  /** origins allowed to send unsafe requests besides the request's own host */
  allowedOrigins: string[];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? join(process.cwd(), 'data'));
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    demo: (env.ONEWINDOW_DEMO ?? (env.NODE_ENV === 'production' ? '0' : '1')) === '1',
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL ?? 'info',
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}
