import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth/plugin.js';
import type { ModuleRoutes } from '../module.js';
import { maskRecipient, maskText, STATUSES, type OutboxMessage } from './model.js';
import { countByStatus, listOutbox, replayMessage } from './store.js';

const StatusSchema = Type.Union(STATUSES.map((s) => Type.Literal(s)), { description: 'pending 待发送 / sending 发送中 / sent 已发送 / parked 已搁置' });

const MessageSchema = Type.Object({
  id: Type.String(),
  createdAt: Type.String(),
  channel: Type.String(),
  recipient: Type.String({ description: 'masked' }),
  kind: Type.String(),
  body: Type.String({ description: 'personal numbers masked' }),
  status: StatusSchema,
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  sentAt: Type.Union([Type.String(), Type.Null()]),
});

/** What an admin sees of a message: the recipient and any personal numbers masked. */
export const publicMessage = (m: OutboxMessage) => ({
  id: m.id,
  createdAt: m.createdAt,
  channel: m.channel,
  recipient: maskRecipient(m.channel, m.recipient),
  kind: m.kind,
  body: maskText(m.body),
  status: m.status,
  attempts: m.attempts,
  nextAttemptAt: m.nextAttemptAt,
  lastError: m.lastError,
  sentAt: m.sentAt,
});

/** The outbox for admins: what is waiting, what failed (parked), and replaying it. */
export const outboxRoutes: ModuleRoutes = (http, platform) => {
  const db = platform.database.db;

  http.get(
    '/api/v1/admin/outbox',
    {
      schema: {
        tags: ['outbox'],
        summary: '消息发件箱 Outbox messages, newest first (admin)',
        security: [{ session: [] }],
        querystring: Type.Object({
          status: Type.Optional(StatusSchema),
          kind: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$', description: '1–500, default 50' })),
          before: Type.Optional(Type.String({ maxLength: 64, description: 'id of the last item of the previous page' })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(MessageSchema),
            counts: Type.Object({ pending: Type.Integer(), sending: Type.Integer(), sent: Type.Integer(), parked: Type.Integer() }),
          }),
        },
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      const { status, kind, limit, before } = req.query;
      const items = await listOutbox(db, { status, kind, before, limit: limit ? Number(limit) : undefined });
      return { items: items.map(publicMessage), counts: await countByStatus(db) };
    },
  );

  http.post(
    '/api/v1/admin/outbox/:id/replay',
    {
      schema: {
        tags: ['outbox'],
        summary: '重发已搁置的消息 Replay a parked message (admin, audited)',
        security: [{ session: [] }],
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: MessageSchema },
      },
    },
    async (req) => {
      const actor = requireRole(req, 'admin');
      const msg = await replayMessage(db, req.params.id, {
        actor: { id: actor.accountId, name: actor.name },
        ip: req.ip ?? null,
        at: platform.clock.now(),
      });
      return publicMessage(msg);
    },
  );
};
