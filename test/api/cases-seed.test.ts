import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '../../src/cases/seed.js';
import { loginAs, testApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ now: '2026-03-16T02:00:00Z' });
}, 180_000);
afterAll(async () => t?.close());

describe('demo cases', () => {
  it('fill every work list through the use cases', async () => {
    expect(await seedDemoCases(t.database, t.clock)).toEqual({ cases: 7 });
    const get = async (url: string, who: string) => (await t.app.inject({ method: 'GET', url, headers: { cookie: await loginAs(t.app, who) } })).json();
    expect((await get('/api/v1/office/tasks', 'approver01')).total).toBe(3);
    expect((await get('/api/v1/issue/queue', 'cert01')).total).toBe(1);
    expect((await get('/api/v1/cases?status=pending_completion', 'clerk01')).total).toBe(1);
    expect((await get('/api/v1/cases/figures/delivery', 'manager01')).mail).toBe(1);
  });
});
