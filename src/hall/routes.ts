import { Type } from '@sinclair/typebox';
import type { ModuleRoutes } from '../platform/module.js';
import { HALL_TIERS, type HallTier } from './model.js';
import * as service from './service.js';

const Tier = Type.Union(Object.keys(HALL_TIERS).map((k) => Type.Literal(k as HallTier)));

export const hallRoutes: ModuleRoutes = (http, platform) => {
  http.get(
    '/api/v1/halls',
    {
      schema: {
        tags: ['halls'],
        summary: '服务大厅与便民服务点 Halls and service points',
        querystring: Type.Object({ tier: Type.Optional(Tier), parent: Type.Optional(Type.String({ maxLength: 32 })) }),
      },
    },
    async (req) => service.listHalls(platform.ctx(req), req.query),
  );
  http.get(
    '/api/v1/halls/:code',
    { schema: { tags: ['halls'], params: Type.Object({ code: Type.String({ maxLength: 32 }) }) } },
    async (req) => service.getHall(platform.ctx(req), req.params.code),
  );
};
