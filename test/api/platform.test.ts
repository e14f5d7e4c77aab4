import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ seed: 'demo' });
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('the platform contracts of DESIGN §7', () => {
  it('answers /healthz with {"status":"ok"}', async () => {
    const res = await get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('{"status":"ok"}');
  });

  it('documents the API in OpenAPI at /api/docs', async () => {
    expect((await get('/api/docs')).statusCode).toBeLessThan(400);
    const spec = (await get('/api/docs/json')).json();
    for (const path of ['/api/v1/items', '/api/v1/items/{code}', '/api/v1/departments', '/api/v1/halls', '/api/v1/applicants', '/api/v1/auth/login', '/api/v1/me', '/api/v1/calendar/working-days']) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
  });

  it('holds the demo district: 515 items, 34 departments, the hall network', async () => {
    expect((await get('/api/v1/items')).json().total).toBe(515);
    expect((await get('/api/v1/departments')).json().total).toBe(34);
    const halls = (await get('/api/v1/halls')).json();
    const tiers = halls.items.reduce((m: Record<string, number>, h: { tier: string }) => ({ ...m, [h.tier]: (m[h.tier] ?? 0) + 1 }), {});
    expect(tiers).toEqual({ district: 1, branch: 5, town: 8, village: 211, partner: 18 });
    const commitment = (await get('/api/v1/items?commitment=true')).json();
    expect(commitment.total).toBe(133);
  });

  it('computes working days over the National Day holiday', async () => {
    // 2026-09-30 (Wed) + 1 working day: 10-01…10-07 are off, so the answer is Thursday 10-08
    expect((await get('/api/v1/calendar/working-days?from=2026-09-30&add=1')).json()).toEqual({ date: '2026-10-08' });
  });

  it('answers unknown API routes with a problem, not an HTML page', async () => {
    const res = await get('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('route_not_found');
  });

  it('refuses a malformed query with a problem naming the parameter', async () => {
    const res = await get('/api/v1/calendar/working-days?from=2026-02-30&add=1');
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(JSON.stringify(res.json())).toContain('from');
  });
});
