import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubFor } from '../../src/hall/hub.js';
import { closeStaleTickets, linkTicketToCase } from '../../src/hall/service.js';
import { residentIdCheckDigit } from '../../src/platform/identifiers.js';
import { loginAs, testApp, type TestApp } from '../support/app.js';

const validId = (first17: string) => first17 + residentIdCheckDigit(first17);
const ELDER = validId('37131119500101201'); // born 1950: 76 on 2026-03-02
const YOUNG = validId('37131119950101201');

let t: TestApp;
const cookies: Record<string, string> = {};
const windows: Record<number, string> = {};

beforeAll(async () => {
  t = await testApp({ seed: 'demo', now: '2026-03-02T01:00:00.000Z' }); // Monday 09:00 in Shanghai
  for (const u of ['clerk01', 'clerk02', 'clerk03', 'cert01', 'manager01', 'town01', 'leader', 'admin']) cookies[u] = await loginAs(t.app, u);
  const hall = (await t.app.inject({ method: 'GET', url: '/api/v1/halls/C00' })).json();
  for (const w of hall.windows) windows[w.number] = w.id;
});
afterAll(async () => t?.close());

const api = async (method: 'GET' | 'POST' | 'PATCH', url: string, opts: { as?: string; body?: unknown; ip?: string } = {}) => {
  const res = await t.app.inject({
    method,
    url,
    headers: opts.as ? { cookie: cookies[opts.as] } : {},
    ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    remoteAddress: opts.ip ?? '10.1.0.1',
  });
  return { status: res.statusCode, body: res.body ? res.json() : null, headers: res.headers };
};
const kiosk = (body: unknown, hall = 'C00', ip = '10.1.0.1') => api('POST', `/api/v1/halls/${hall}/tickets`, { body, ip });
const callNext = (as: string, n: number) => api('POST', `/api/v1/windows/${windows[n]}/call-next`, { as, body: {} });
const act = (as: string, id: string, action: string, body: unknown = {}) => api('POST', `/api/v1/tickets/${id}/${action}`, { as, body });

describe('tickets at the kiosk', () => {
  it('issues numbered tickets per category with a receipt and the count waiting ahead', async () => {
    const a1 = await kiosk({ category: 'A' });
    expect(a1.status).toBe(200);
    expect(a1.body.ticket).toMatchObject({ number: 'A001', category: 'A', status: 'waiting', source: 'kiosk', priority: 0 });
    expect(a1.body.ahead).toBe(0);
    expect(a1.body.receipt).toContain('排队号：A001');
    const a2 = await kiosk({ category: 'A' });
    expect(a2.body.ticket.number).toBe('A002');
    expect(a2.body.ahead).toBe(1);
    const c1 = await kiosk({ category: 'C' });
    expect(c1.body.ticket.number).toBe('C001');
  });

  it('gives the green channel to 60+ (from the ID number), the disabled and the pregnant', async () => {
    const old = await kiosk({ category: 'A', idNumber: ELDER });
    expect(old.body.ticket).toMatchObject({ priority: 1, priorityReasons: ['elderly'] });
    expect(old.body.ticket.idNumber).not.toBe(ELDER); // masked at the kiosk
    expect(old.body.ahead).toBe(0); // before the two normal A tickets
    const young = await kiosk({ category: 'A', idNumber: YOUNG, pregnant: true });
    expect(young.body.ticket).toMatchObject({ priority: 1, priorityReasons: ['pregnant'] });
    expect(young.body.ahead).toBe(1);
  });

  it('refuses bad input with 422 naming the field', async () => {
    const badCat = await kiosk({ category: 'Z' });
    expect(badCat.status).toBe(422);
    expect(badCat.body.field).toBe('category');
    const badId = await kiosk({ category: 'A', idNumber: '371311195001012010' });
    expect(badId.status).toBe(422);
    expect(badId.body).toMatchObject({ field: 'idNumber', code: 'check_digit' });
    const notServed = await kiosk({ category: 'B' }, 'T01V001');
    expect(notServed.status).toBe(422);
    expect(notServed.body).toMatchObject({ field: 'category', errors: [{ code: 'category_not_served' }] });
    const extra = await kiosk({ category: 'A', vip: true });
    expect(extra.status).toBe(422);
    expect(extra.body.field).toBe('vip');
    expect((await kiosk({ category: 'A' }, 'NOPE')).status).toBe(404);
  });

  it('throttles anonymous requests per IP', async () => {
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await kiosk({ category: 'A' }, 'T02', '10.9.9.9')).status;
    expect(last).toBe(429);
    expect((await kiosk({ category: 'A' }, 'T02', '10.9.9.10')).status).toBe(200);
  });
});

describe('calling at a window', () => {
  it('needs the clerk signed in at that window, one window per clerk', async () => {
    expect((await callNext('clerk01', 1)).body).toMatchObject({ code: 'not_signed_in' });
    const s = await api('POST', `/api/v1/windows/${windows[1]}/sign-in`, { as: 'clerk01', body: {} });
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ number: 1, staff: { name: expect.any(String) }, waiting: { A: expect.any(Number) } });
    const taken = await api('POST', `/api/v1/windows/${windows[1]}/sign-in`, { as: 'clerk02', body: {} });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('window_taken');
    // moving to window 2 leaves window 1
    await api('POST', `/api/v1/windows/${windows[2]}/sign-in`, { as: 'clerk01', body: {} });
    expect((await api('GET', '/api/v1/windows/mine', { as: 'clerk01' })).body.window.number).toBe(2);
    expect((await api('GET', `/api/v1/windows/${windows[1]}`, { as: 'clerk01' })).body.staff).toBeNull();
    await api('POST', `/api/v1/windows/${windows[1]}/sign-in`, { as: 'clerk01', body: {} });
    await api('POST', `/api/v1/windows/${windows[2]}/sign-in`, { as: 'clerk02', body: {} });
    await api('POST', `/api/v1/windows/${windows[13]}/sign-in`, { as: 'cert01', body: {} });
  });

  it('refuses staff of another hall (404) and anonymous callers (401)', async () => {
    expect((await api('POST', `/api/v1/windows/${windows[3]}/sign-in`, { as: 'town01', body: {} })).status).toBe(404);
    expect((await callNext('town01', 3)).status).toBe(404);
    expect((await api('POST', `/api/v1/windows/${windows[3]}/call-next`, { body: {} })).status).toBe(401);
  });

  it('calls priority first, then first come, only the window’s categories', async () => {
    const first = await callNext('clerk01', 1);
    expect(first.status).toBe(200);
    expect(first.body.ticket).toMatchObject({ number: 'A003', status: 'called', windowNumber: 1, priorityReasons: ['elderly'] });
    expect(first.body.ticket.idNumber).toBe(ELDER); // the clerk at the desk sees it in full
    expect(first.body.announcement).toBe('请A003号到1号窗口办理');
    const second = await callNext('clerk02', 2);
    expect(second.body.ticket.number).toBe('A004');
    const cert = await callNext('cert01', 13);
    expect(cert.body.ticket.number).toBe('C001');
    expect((await callNext('cert01', 13)).body).toMatchObject({ ticket: null, closed: [{ number: 'C001', status: 'no_show' }] });
  });

  it('recalls, and the recall after the third is a no-show', async () => {
    const id = (await api('GET', `/api/v1/windows/${windows[2]}`, { as: 'clerk02' })).body.current.id;
    for (let i = 1; i <= 3; i++) {
      const r = await act('clerk02', id, 'recall');
      expect(r.body.ticket).toMatchObject({ status: 'called', recalls: i });
    }
    const fourth = await act('clerk02', id, 'recall');
    expect(fourth.body.ticket.status).toBe('no_show');
    expect((await act('clerk02', id, 'recall')).body.code).toBe('invalid_ticket_state');
  });

  it('starts, refuses an invalid transition, finishes; only the window’s clerk may', async () => {
    const id = (await api('GET', `/api/v1/windows/${windows[1]}`, { as: 'clerk01' })).body.current.id;
    const notYet = await act('clerk01', id, 'finish');
    expect(notYet.status).toBe(409);
    expect(notYet.body.code).toBe('invalid_ticket_state');
    expect((await act('clerk02', id, 'start')).status).toBe(403);
    expect((await act('clerk01', id, 'start')).body.ticket.status).toBe('serving');
    expect((await act('clerk01', id, 'finish')).body.ticket.status).toBe('done');
    // a clerk of another hall does not even see it
    expect((await act('town01', id, 'start')).status).toBe(404);
  });

  it('transfers to another category: same number, waiting with priority, called at the certificate window', async () => {
    const next = await callNext('clerk01', 1);
    expect(next.body.ticket.number).toBe('A001'); // the priority ones went first
    const tr = await act('clerk01', next.body.ticket.id, 'transfer', { category: 'C' });
    expect(tr.status).toBe(200);
    expect(tr.body.ticket.status).toBe('transferred');
    expect(tr.body.followUp).toMatchObject({ number: 'A001', category: 'C', status: 'waiting', priority: 1, transferredFrom: next.body.ticket.id });
    await kiosk({ category: 'C' }); // C002, normal priority: after the transfer
    const c = await callNext('cert01', 13);
    expect(c.body.ticket).toMatchObject({ number: 'A001', category: 'C' });
    expect((await act('clerk01', next.body.ticket.id, 'transfer', { category: 'Q' })).body.field).toBe('category');
  });

  it('links a ticket to the cases it produced', async () => {
    const id = (await api('GET', `/api/v1/windows/${windows[13]}`, { as: 'cert01' })).body.current.id;
    const r = await act('cert01', id, 'cases', { caseNo: '37131120260302000001' });
    expect(r.body.cases).toEqual(['37131120260302000001']);
    const ctx = { db: t.database.db, dialect: t.database.dialect, clock: t.clock, actor: null, ip: null, log: console };
    await linkTicketToCase(ctx, id, '37131120260302000002');
    expect((await api('GET', `/api/v1/tickets/${id}`, { as: 'cert01' })).body.cases).toHaveLength(2);
    const pub = await api('GET', `/api/v1/tickets/${id}`);
    expect(pub.body.cases).toBeUndefined();
    expect(pub.body.ticket.number).toBe('A001');
  });
});

describe('the hall manager', () => {
  it('closes a window: calling there is refused with 409; only the manager may', async () => {
    expect((await api('PATCH', `/api/v1/windows/${windows[2]}`, { as: 'clerk02', body: { open: false } })).status).toBe(403);
    const closed = await api('PATCH', `/api/v1/windows/${windows[2]}`, { as: 'manager01', body: { open: false } });
    expect(closed.body.open).toBe(false);
    const refused = await callNext('clerk02', 2);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('window_closed');
    await api('PATCH', `/api/v1/windows/${windows[2]}`, { as: 'manager01', body: { open: true } });
  });

  it('sets the categories a window serves (E only at partner banks)', async () => {
    const r = await api('PATCH', `/api/v1/windows/${windows[2]}`, { as: 'manager01', body: { categories: ['A', 'B'] } });
    expect(r.body.categories).toEqual(['A', 'B']);
    const e = await api('PATCH', `/api/v1/windows/${windows[2]}`, { as: 'manager01', body: { categories: ['E'] } });
    expect(e.status).toBe(422);
    expect(e.body.field).toBe('categories');
    expect((await api('PATCH', `/api/v1/windows/${windows[2]}`, { as: 'manager01', body: { categories: ['X'] } })).body.field).toBe('categories.0');
    const b = await kiosk({ category: 'B' });
    expect(b.body.ticket.number).toBe('B001');
    expect((await callNext('clerk02', 2)).body.ticket.number).toBe('A002');
  });

  it('sees the live board with the staff on duty', async () => {
    await kiosk({ category: 'A' });
    await kiosk({ category: 'A' });
    const board = await api('GET', '/api/v1/halls/C00/board', { as: 'manager01' });
    expect(board.status).toBe(200);
    expect(board.body.onDuty.map((d: { windowNumber: number }) => d.windowNumber).sort((a: number, b: number) => a - b)).toEqual([1, 2, 13]);
    expect(board.body.waiting).toMatchObject({ A: expect.any(Number), B: 1 });
    expect(board.body.queue[0]).toMatchObject({ status: 'waiting', waitedSeconds: expect.any(Number) });
    expect((await api('GET', '/api/v1/halls/C00/board', { as: 'clerk01' })).status).toBe(403);
  });

  it('gives the day’s statistics per category, window and clerk', async () => {
    (t.clock as unknown as { advanceMs(ms: number): void }).advanceMs(120_000);
    const id = (await callNext('clerk01', 1)).body.ticket.id;
    await act('clerk01', id, 'start');
    (t.clock as unknown as { advanceMs(ms: number): void }).advanceMs(300_000);
    await act('clerk01', id, 'finish');
    const s = await api('GET', '/api/v1/halls/C00/stats?date=2026-03-02', { as: 'manager01' });
    expect(s.status).toBe(200);
    expect(s.body.total.tickets).toBeGreaterThan(5);
    expect(s.body.categories.map((c: { category: string }) => c.category)).toEqual(['A', 'B', 'C']);
    const w1 = s.body.windows.find((w: { windowNumber: number }) => w.windowNumber === 1);
    expect(w1.done).toBe(2);
    expect(w1.serviceP90).toBe(300);
    expect(s.body.clerks.length).toBe(3);
    expect((await api('GET', '/api/v1/halls/C00/stats?date=2026-03-02', { as: 'leader' })).status).toBe(200);
    expect((await api('GET', '/api/v1/halls/C00/stats', { as: 'clerk01' })).status).toBe(403);
    const empty = await api('GET', '/api/v1/halls/C00/stats?date=2026-03-01', { as: 'manager01' });
    expect(empty.body.total).toMatchObject({ tickets: 0, waitAvg: null });
    expect((await api('GET', '/api/v1/halls/C00/stats?date=2026-02-30', { as: 'manager01' })).status).toBe(422);
  });
});

describe('displays', () => {
  it('gives a public snapshot: current calls, last calls, waiting counts, the announcement', async () => {
    const d = await api('GET', '/api/v1/halls/C00/display');
    expect(d.status).toBe(200);
    const w1 = d.body.windows.find((w: { number: number }) => w.number === 1);
    expect(w1.current).toBeNull(); // finished
    const w13 = d.body.windows.find((w: { number: number }) => w.number === 13);
    expect(w13.current).toMatchObject({ number: 'A001', status: 'called' });
    expect(d.body.recentCalls[0]).toMatchObject({ windowNumber: 1, announcement: expect.stringMatching(/^请A\d{3}号到1号窗口办理$/) });
    expect(d.body.waiting).toMatchObject({ A: expect.any(Number), B: 1, C: 1, D: 0 });
    expect(JSON.stringify(d.body)).not.toContain('37131119');
    // the kept counts agree with the tickets themselves (the board counts those)
    const board = await api('GET', '/api/v1/halls/C00/board', { as: 'manager01' });
    expect(d.body.waiting).toEqual(board.body.waiting);
    expect(d.body.lastEventId).toBeGreaterThan(0);
  });

  it('streams calls by Server-Sent Events: snapshot first, then live, with ids; snapshot again on reconnect', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as { port: number }).port;
    const stream = openStream(port, 'C00');
    const snapshot = await stream.next('snapshot');
    expect(snapshot.data.hall.code).toBe('C00');
    await kiosk({ category: 'A' });
    const issued = await stream.next('ticket');
    expect(issued.data.action).toBe('issued');
    const started = Date.now();
    const call = await callNext('clerk02', 2);
    const ev = await stream.next('call');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(ev.data).toMatchObject({ windowNumber: 2, announcement: call.body.announcement });
    expect(ev.id).toBeGreaterThan(snapshot.id);
    stream.close();
    const again = openStream(port, 'C00', ev.id);
    const snap2 = await again.next('snapshot');
    expect(snap2.data.resumedFrom).toBe(ev.id);
    expect(snap2.data.windows.find((w: { number: number }) => w.number === 2).current.number).toBe(call.body.ticket.number);
    expect(hubFor(t.database.db)!.connected).toBe(1);
    again.close();
    for (let i = 0; i < 50 && hubFor(t.database.db)!.connected > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(hubFor(t.database.db)!.connected).toBe(0);
  });
});

describe('the API description', () => {
  it('documents the hall endpoints in OpenAPI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/v1/halls/{code}/tickets', '/api/v1/windows/{id}/call-next', '/api/v1/halls/{code}/events', '/api/v1/appointments', '/api/v1/halls/{code}/stats']) {
      expect(paths).toContain(p);
    }
  });
});

describe('the nightly sweep', () => {
  it('closes the day’s tickets left open', async () => {
    const ctx = { db: t.database.db, dialect: t.database.dialect, clock: t.clock, actor: null, ip: null, log: console };
    const before = await api('GET', '/api/v1/halls/C00/display');
    expect(Object.values(before.body.waiting as Record<string, number>).some((n) => n > 0)).toBe(true);
    const r = await closeStaleTickets(ctx, '2026-03-03T00:00:00.000Z');
    expect(r.closed).toBeGreaterThan(0);
    const s = await api('GET', '/api/v1/halls/C00/stats?date=2026-03-02', { as: 'manager01' });
    expect(s.body.total.waiting).toBe(0);
    expect((await closeStaleTickets(ctx, '2026-03-03T00:00:00.000Z')).closed).toBe(0);
  });
});

interface SseEvent {
  type: string;
  id: number;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function openStream(port: number, hall: string, lastEventId?: number) {
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let buf = '';
  const req = http.get({ host: '127.0.0.1', port, path: `/api/v1/halls/${hall}/events`, headers: lastEventId ? { 'last-event-id': String(lastEventId) } : {} }, (res) => {
    expect(res.headers['content-type']).toContain('text/event-stream');
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const ev: Partial<SseEvent> = {};
        for (const line of frame.split('\n')) {
          if (line.startsWith('event: ')) ev.type = line.slice(7);
          else if (line.startsWith('id: ')) ev.id = Number(line.slice(4));
          else if (line.startsWith('data: ')) ev.data = JSON.parse(line.slice(6));
        }
        if (ev.type) events.push(ev as SseEvent);
        for (const w of waiters.splice(0)) w();
      }
    });
  });
  req.on('error', () => undefined);
  let cursor = 0;
  return {
    async next(type: string, timeoutMs = 3000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (cursor < events.length) {
          const e = events[cursor++];
          if (e.type === type) return e;
        }
        if (Date.now() > deadline) throw new Error(`no ${type} event`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
    close: () => req.destroy(),
  };
}
