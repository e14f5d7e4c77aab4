import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Role } from '../actor.js';
import type { Clock } from '../clock.js';
import type { Ctx } from '../context.js';
import type { Database } from '../db/database.js';
import { forbidden, Problem, unauthenticated } from '../problem.js';
import { SESSION_COOKIE, sessionActor } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

/** What an account that must set its password may still call. */
const PASSWORD_CHANGE_ALLOWED = new Set(['/api/v1/me', '/api/v1/auth/password', '/api/v1/auth/logout']);

export type ActorLoader = (db: Database['db'], accountId: string) => Promise<Actor | null>;

/** Resolves the session cookie to an Actor on every request (null when anonymous). */
export function installSessions(app: FastifyInstance, database: Database, clock: Clock, loadActor: ActorLoader) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) return;
    const session = await sessionActor(database.db, token, clock.now(), (accountId) => loadActor(database.db, accountId));
    if (!session) return;
    req.sessionToken = token;
    req.actor = session.actor;
    const path = req.url.split('?')[0];
    if (req.actor?.mustChangePassword && path.startsWith('/api/') && !PASSWORD_CHANGE_ALLOWED.has(path)) {
      throw new Problem(403, 'password_change_required', { zh: '首次登录请先修改密码', en: 'Set a new password first' });
    }
  });
}

export function ctxOf(req: FastifyRequest, database: Database, clock: Clock): Ctx {
  return { db: database.db, dialect: database.dialect, clock, actor: req.actor, ip: req.ip ?? null, log: req.log };
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

export function requireRole(req: FastifyRequest, ...roles: Role[]): Actor {
  const actor = requireActor(req);
  if (!roles.some((r) => actor.roles.includes(r))) {
    throw forbidden({ zh: '无权执行此操作', en: `Requires one of the roles: ${roles.join(', ')}` });
  }
  return actor;
}
