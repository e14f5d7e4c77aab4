import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import { accountRoutes } from './accounts/routes.js';
import { loadActor } from './accounts/service.js';
import { casesRoutes } from './cases/routes.js';
import { catalogRoutes } from './catalog/routes.js';
import { hallRoutes } from './hall/routes.js';
import { licenseRoutes } from './licenses/routes.js';
import { ctxOf, installSessions } from './platform/auth/plugin.js';
import { calendarRoutes } from './platform/calendar/routes.js';
import { filesRoutes } from './platform/files/routes.js';
import { outboxRoutes } from './platform/outbox/routes.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db/database.js';
import { ajvOptions, installErrorHandling, installOriginCheck, routeNotFound, sendProblem } from './platform/http.js';
import type { Http, ModuleRoutes, Platform } from './platform/module.js';
import { systemRoutes } from './platform/routes.js';
import { installSecurityHeaders } from './platform/security-headers.js';

export interface AppOptions {
  database: Database;
  config: Config;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** folder of the built web app; served with an SPA fallback when present */
  webDir?: string;
}

const MODULES: ModuleRoutes[] = [
  systemRoutes,
  calendarRoutes,
  filesRoutes,
  outboxRoutes,
  accountRoutes,
  catalogRoutes,
  hallRoutes,
  licenseRoutes,
  casesRoutes,
];

export async function buildApp(opts: AppOptions) {
  const clock = opts.clock ?? systemClock;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === '1',
    ajv: ajvOptions,
    // URLs may carry ID numbers (lookups by code): no per-request log lines
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as Http;

  installErrorHandling(app);
  installSecurityHeaders(app, { hsts: opts.config.production });
  await app.register(cookie);
  installOriginCheck(app, opts.config.allowedOrigins);
  installSessions(app, opts.database, clock, loadActor);

  await app.register(swagger, {
    openapi: {
      info: { title: 'OneWindow 一窗通 API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ow_session' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const platform: Platform = {
    database: opts.database,
    clock,
    config: opts.config,
    ctx: (req) => ctxOf(req, opts.database, clock),
  };
  for (const routes of MODULES) await routes(app, platform);

  const webDir = opts.webDir ?? join(process.cwd(), 'web', 'dist');
  const hasWeb = existsSync(join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && !path.startsWith('/api/') && !/\.\w+$/.test(path);
    if (hasWeb && isPage) return reply.type('text/html').sendFile('index.html');
    return sendProblem(reply, routeNotFound(req.method, req.url));
  });
  return app;
}
