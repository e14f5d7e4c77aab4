import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Ctx } from './context.js';
import type { Database } from './db/database.js';

export type Http = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What the app hands to every module when it registers the module's routes. */
export interface Platform {
  database: Database;
  clock: Clock;
  config: Config;
  ctx(req: FastifyRequest): Ctx;
}

export type ModuleRoutes = (http: Http, platform: Platform) => void | Promise<void>;
