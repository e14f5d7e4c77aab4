import { verifyAudit } from './audit.js';
import { requireRole } from './auth/plugin.js';
import type { ModuleRoutes } from './module.js';

/** Platform endpoints: health and the audit chain check. */
export const systemRoutes: ModuleRoutes = (http, platform) => {
  http.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  http.get('/api/v1/audit/verify', { schema: { tags: ['audit'], summary: '核验审计链 Verify the audit hash chain' } }, async (req) => {
    requireRole(req, 'admin');
    return verifyAudit(platform.database.db);
  });
};
