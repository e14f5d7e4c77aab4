/**
 * Hall HTTP API: halls and windows, tickets and calling, displays (snapshot + Server-Sent Events),
 * appointments, the kiosk, the manager's board and statistics. Thin handlers over service.ts.
 */
import { Type, type TLiteral, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../platform/auth/plugin.js';
import { isValidDate } from '../platform/calendar/model.js';
import type { ModuleRoutes } from '../platform/module.js';
import { invalidField, Problem } from '../platform/problem.js';
import { registerHub, sseFrame, unregisterHub } from './hub.js';
import { APPOINTMENT_STATUSES, CATEGORY_CODES, HALL_TIERS, PRIORITY_REASONS, TICKET_SOURCES, TICKET_STATUSES, type HallTier } from './model.js';
import * as service from './service.js';
import * as store from './store.js';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

const strict = <T extends Record<string, TSchema>>(props: T, opts: Record<string, unknown> = {}) =>
  Type.Object(props, { additionalProperties: false, ...opts });
/** Response documentation: the fields listed are always there; nothing is stripped. */
const Doc = <T extends Record<string, TSchema>>(props: T, description?: string) =>
  Type.Object(props, { additionalProperties: true, ...(description ? { description } : {}) });
const lit = <const T extends readonly string[]>(keys: T, description?: string) =>
  Type.Union(keys.map((k) => Type.Literal(k)) as TLiteral<T[number]>[], description ? { description } : {});
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const Category = lit(CATEGORY_CODES, 'A 综合受理 · B 咨询 · C 出证 · D 帮办代办 · E 银行开户 (partner banks)');
const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Asia/Shanghai)' });
const Hhmm = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM (Asia/Shanghai)' });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const HallCode = strict({ code: Type.String({ minLength: 1, maxLength: 32, description: 'hall code, e.g. C00, T01, P01' }) });
const IdParam = strict({ id: Id });
const Waiting = Type.Record(Type.String(), Type.Integer(), { description: 'waiting tickets per category, e.g. {"A": 12, "C": 3}' });
const Problem409 = Type.Object({ code: Type.String(), status: Type.Integer(), detail: Type.String(), detail_zh: Type.String() }, { additionalProperties: true, description: 'application/problem+json' });

const Ticket = Doc(
  {
    id: Type.String(),
    number: Type.String({ description: 'A001 …: category letter + daily number' }),
    category: Category,
    categoryName: Type.String(),
    status: lit(TICKET_STATUSES),
    statusName: Type.String(),
    source: lit(TICKET_SOURCES),
    priority: Type.Integer({ description: '1 = called before 0 (appointment, 绿色通道, transferred)' }),
    priorityReasons: Type.Array(lit(PRIORITY_REASONS)),
    date: Type.String(),
    issuedAt: Type.String(),
    calledAt: Nullable(Type.String()),
    servingAt: Nullable(Type.String()),
    finishedAt: Nullable(Type.String()),
    recalls: Type.Integer(),
    windowId: Nullable(Type.String()),
    windowNumber: Nullable(Type.Integer()),
    targetWindowId: Nullable(Type.String()),
    clerkName: Nullable(Type.String()),
    appointmentId: Nullable(Type.String()),
    transferredFrom: Nullable(Type.String()),
    transferredTo: Nullable(Type.String()),
    idNumber: Nullable(Type.String({ description: 'masked except for hall staff' })),
    applicantId: Nullable(Type.String()),
  },
  'A queue ticket (排队号)',
);

const Issued = Doc({
  ticket: Ticket,
  hall: Doc({ code: Type.String(), name: Type.String() }),
  ahead: Type.Integer({ description: 'waiting tickets of the category called before this one' }),
  receipt: Type.String({ description: 'receipt text to print, lines separated by \\n' }),
});

const WindowSchema = Doc(
  {
    id: Type.String(),
    number: Type.Integer(),
    name: Type.String(),
    kind: lit(['intake', 'consult', 'certificate', 'assist']),
    kindName: Type.String(),
    open: Type.Boolean(),
    categories: Type.Array(Category),
    staff: Nullable(Doc({ name: Nullable(Type.String()) }, 'who is signed in (id and signedInAt for hall staff)')),
  },
  'A service window',
);

const WindowState = Doc({
  ...WindowSchema.properties,
  hall: Doc({ code: Type.String(), name: Type.String() }),
  current: Nullable(Ticket),
  waiting: Waiting,
  waitingTotal: Type.Integer(),
});

const CallResult = Doc({
  ticket: Nullable(Ticket),
  announcement: Nullable(Type.String({ description: '请A012号到3号窗口办理' })),
  closed: Type.Array(Ticket, { description: 'what the window was on before: serving → done, called → no_show' }),
  waiting: Waiting,
});

const Display = Doc(
  {
    hall: Doc({ code: Type.String(), name: Type.String() }),
    date: Type.String(),
    at: Type.String(),
    lastEventId: Type.Integer({ description: 'events after this id arrive on /events' }),
    windows: Type.Array(
      Doc({
        ...WindowSchema.properties,
        current: Nullable(
          Doc({ ticketId: Type.String(), number: Type.String(), category: Category, status: Type.String(), calledAt: Nullable(Type.String()), recalls: Type.Integer() }),
        ),
      }),
    ),
    recentCalls: Type.Array(
      Doc({ ticketId: Type.String(), number: Type.String(), category: Category, status: Type.String(), windowNumber: Type.Integer(), at: Type.String(), announcement: Type.String() }),
    ),
    waiting: Waiting,
    announcement: Nullable(Type.String()),
  },
  'Hall display snapshot (public; no personal data)',
);

const Slot = Doc({
  id: Type.String(),
  date: Type.String(),
  category: Category,
  categoryName: Type.String(),
  start: Type.String(),
  end: Type.String(),
  capacity: Type.Integer(),
  booked: Type.Integer(),
  available: Type.Integer(),
});

const Appointment = Doc({
  id: Type.String(),
  hall: Nullable(Doc({ code: Type.String(), name: Type.String() })),
  slotId: Type.String(),
  category: Category,
  categoryName: Type.String(),
  date: Type.String(),
  start: Type.String(),
  end: Type.String(),
  status: lit(APPOINTMENT_STATUSES),
  holderKind: lit(['person', 'enterprise']),
  holder: Type.String({ description: 'ID number or USCC (masked in staff lists)' }),
  name: Type.String(),
  phone: Type.String(),
  purpose: Nullable(Type.String()),
  bookedAt: Type.String(),
  cancelledAt: Nullable(Type.String()),
  checkedInAt: Nullable(Type.String()),
  ticketId: Nullable(Type.String()),
  rescheduledFrom: Nullable(Type.String()),
  checkInOpens: Type.String(),
  checkInCloses: Type.String(),
});

const CheckedIn = Doc({ ...Issued.properties, appointment: Appointment });

const TAG = ['hall'];

// ---------------------------------------------------------------------------------------------
// Kiosk throttle: anonymous ticket and check-in requests, per IP, in memory
// ---------------------------------------------------------------------------------------------

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  check(key: string, nowMs: number = Date.now()) {
    const recent = (this.hits.get(key) ?? []).filter((t) => nowMs - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      throw new Problem(429, 'too_many_requests', { zh: '操作过于频繁，请稍后再试', en: 'Too many requests; try again shortly' }, {
        extra: { retryAfterSeconds: Math.ceil((this.windowMs - (nowMs - recent[0])) / 1000) },
      });
    }
    recent.push(nowMs);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.hits.clear();
  }
}

const checkDate = (field: string, d: string | undefined) => {
  if (d !== undefined && !isValidDate(d)) throw invalidField(field, 'invalid_date', '不是有效日期', 'not a real date');
};

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

export const hallRoutes: ModuleRoutes = (http, platform) => {
  const kiosk = new RateLimiter(Number(process.env.HALL_KIOSK_PER_MINUTE ?? 30), 60_000);
  const throttle = (req: FastifyRequest) => {
    if (!req.actor) kiosk.check(req.ip ?? 'unknown');
  };
  const hub = registerHub(platform.database.db, {
    dialect: platform.database.dialect,
    databaseUrl: platform.config.databaseUrl,
    log: http.log,
    pollMs: Number(process.env.HALL_EVENTS_POLL_MS ?? 100),
  });
  hub.start();
  http.addHook('preClose', async () => {
    unregisterHub(platform.database.db, hub);
    await hub.close();
  });

  // --- halls ---------------------------------------------------------------------------------
  const Tier = Type.Union(Object.keys(HALL_TIERS).map((k) => Type.Literal(k as HallTier)));
  http.get(
    '/api/v1/halls',
    {
      schema: {
        tags: TAG,
        summary: '服务大厅与便民服务点 Halls and service points',
        querystring: Type.Object({ tier: Type.Optional(Tier), parent: Type.Optional(Type.String({ maxLength: 32 })) }),
      },
    },
    async (req) => service.listHalls(platform.ctx(req), req.query),
  );
  http.get(
    '/api/v1/halls/:code',
    { schema: { tags: TAG, summary: '大厅详情与窗口 A hall with its windows', params: HallCode } },
    async (req) => service.getHall(platform.ctx(req), req.params.code),
  );

  // --- tickets (kiosk, portal, clerk) --------------------------------------------------------
  http.post(
    '/api/v1/halls/:code/tickets',
    {
      schema: {
        tags: TAG,
        summary: '取号 Take a queue ticket',
        description:
          'No login at the kiosk (also the unstaffed 24-hour area; throttled per IP → 429 `too_many_requests`); an applicant logged in takes a remote ticket (source portal, their own ID number gives the 60+ priority); hall staff take one for someone (source clerk). `idNumber` (GB 11643) gives the 绿色通道 priority from age 60; `disabled`/`pregnant` are declared flags. 422 names the field (`category` not served here: `category_not_served`).',
        params: HallCode,
        body: strict({
          category: Category,
          idNumber: Type.Optional(Type.String({ maxLength: 18, description: 'resident ID number (optional)' })),
          disabled: Type.Optional(Type.Boolean({ description: '残疾人 (绿色通道)' })),
          pregnant: Type.Optional(Type.Boolean({ description: '孕妇 (绿色通道)' })),
        }),
        response: { 200: Issued },
      },
    },
    async (req) => {
      throttle(req);
      return service.issueTicket(platform.ctx(req), req.params.code, req.body);
    },
  );

  http.get(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags: TAG,
        summary: '排队号状态 A ticket (receipt QR): status, waiting ahead, window',
        description: 'Anyone holding the id sees the public view; hall staff also see the linked case numbers and the full ID number.',
        params: IdParam,
        response: { 200: Doc({ ticket: Ticket, hall: Doc({ code: Type.String(), name: Type.String() }), ahead: Type.Integer(), cases: Type.Optional(Type.Array(Type.String())) }) },
      },
    },
    async (req) => service.getTicket(platform.ctx(req), req.params.id),
  );

  // --- windows and calling -------------------------------------------------------------------
  http.get(
    '/api/v1/windows/mine',
    { schema: { tags: TAG, summary: '我签到的窗口 The window I am signed in at', response: { 200: Doc({ window: Nullable(WindowState) }) } } },
    async (req) => service.myWindow(platform.ctx(req)),
  );
  http.get(
    '/api/v1/windows/:id',
    { schema: { tags: TAG, summary: '窗口状态 A window: current ticket, waiting for it (hall staff)', params: IdParam, response: { 200: WindowState } } },
    async (req) => service.getWindow(platform.ctx(req), req.params.id),
  );
  http.post(
    '/api/v1/windows/:id/sign-in',
    {
      schema: {
        tags: TAG,
        summary: '窗口签到 Sign in at a window (one window per clerk)',
        description: 'Staff of the hall (clerk, cert, assistant, manager). Leaves any other window. 409 `window_taken` when someone else is signed in, unless `takeOver`. Staff of another hall: 404.',
        params: IdParam,
        body: Type.Optional(strict({ takeOver: Type.Optional(Type.Boolean()) })),
        response: { 200: WindowState, 409: Problem409 },
      },
    },
    async (req) => service.signIn(platform.ctx(req), req.params.id, req.body ?? {}),
  );
  http.post(
    '/api/v1/windows/:id/sign-out',
    { schema: { tags: TAG, summary: '窗口签退 Sign out (the clerk, or the hall manager)', params: IdParam, response: { 200: WindowState } } },
    async (req) => service.signOut(platform.ctx(req), req.params.id),
  );
  http.post(
    '/api/v1/windows/:id/call-next',
    {
      schema: {
        tags: TAG,
        summary: '叫下一位 Call the next ticket',
        description:
          'The clerk signed in at the window (409 `not_signed_in`); the window must be open (409 `window_closed`). Closes what the window is on (serving → done, called → no_show), then claims the next waiting ticket of the categories the window serves, priority first then first come. Two windows never get the same ticket. Empty queue: 200 with `ticket: null`.',
        params: IdParam,
        body: Type.Optional(strict({})),
        response: { 200: CallResult, 409: Problem409 },
      },
    },
    async (req) => service.callNext(platform.ctx(req), req.params.id),
  );
  http.patch(
    '/api/v1/windows/:id',
    {
      schema: {
        tags: TAG,
        summary: '窗口设置 Open/close a window, set the categories it serves (hall manager)',
        params: IdParam,
        body: strict({
          open: Type.Optional(Type.Boolean()),
          categories: Type.Optional(Type.Array(Category, { minItems: 1, maxItems: 5 })),
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
        }),
        response: { 200: WindowState },
      },
    },
    async (req) => service.updateWindowSettings(platform.ctx(req), req.params.id, req.body),
  );

  const ticketAction = (path: string, summary: string, description: string, fn: (id: string, req: FastifyRequest) => Promise<unknown>) =>
    http.post(
      `/api/v1/tickets/:id/${path}`,
      { schema: { tags: TAG, summary, description, params: IdParam, body: Type.Optional(strict({})), response: { 409: Problem409 } } },
      async (req) => fn((req.params as { id: string }).id, req) as Promise<never>,
    );
  const handled = 'The clerk signed in at the ticket’s window, or the hall manager. 409 `invalid_ticket_state` when the state machine says no.';
  ticketAction('recall', '重呼 Recall', `called → called (recalls + 1; after ${3} recalls the next one makes it a no-show). ${handled}`, (id, req) =>
    service.recallTicket(platform.ctx(req), id),
  );
  ticketAction('start', '开始办理 Start serving', `called → serving. ${handled}`, (id, req) => service.startServing(platform.ctx(req), id));
  ticketAction('finish', '办结 Finish', `serving → done. ${handled}`, (id, req) => service.finishTicket(platform.ctx(req), id));
  ticketAction('no-show', '过号 No-show', `called → no_show. ${handled}`, (id, req) => service.markNoShow(platform.ctx(req), id));
  http.post(
    '/api/v1/tickets/:id/transfer',
    {
      schema: {
        tags: TAG,
        summary: '转移 Transfer to another category or window',
        description: `called|serving → transferred; a follow-up ticket with the same number waits with priority in the category (or for the window only). ${handled}`,
        params: IdParam,
        body: strict({ category: Type.Optional(Category), windowId: Type.Optional(Id) }),
        response: { 200: Doc({ ticket: Ticket, followUp: Ticket }) },
      },
    },
    async (req) => service.transferTicket(platform.ctx(req), req.params.id, req.body),
  );
  http.post(
    '/api/v1/tickets/:id/cases',
    {
      schema: {
        tags: TAG,
        summary: '关联办件 Link the ticket to a case it produced',
        params: IdParam,
        body: strict({ caseNo: Type.String({ minLength: 6, maxLength: 40 }) }),
        response: { 200: Doc({ ticketId: Type.String(), caseNo: Type.String(), cases: Type.Array(Type.String()) }) },
      },
    },
    async (req) => {
      requireActor(req);
      return service.linkTicketToCase(platform.ctx(req), req.params.id, req.body.caseNo);
    },
  );

  // --- displays ------------------------------------------------------------------------------
  http.get(
    '/api/v1/halls/:code/display',
    { schema: { tags: TAG, summary: '大厅屏幕快照 Display snapshot (public)', params: HallCode, response: { 200: Display } } },
    async (req) => service.displaySnapshot(platform.ctx(req), req.params.code),
  );
  http.get(
    '/api/v1/halls/:code/events',
    {
      schema: {
        tags: TAG,
        summary: '大厅实时事件 Server-Sent Events (text/event-stream, public)',
        description:
          'First an `event: snapshot` (the display snapshot, `id:` = its lastEventId) — also on every reconnect (Last-Event-ID is answered with a fresh snapshot) — then live events, each with `id:` (hall event seq): `call` {ticket{id,number,category,status,priority,windowNumber}, windowId, windowNumber, windowName, recall, announcement, waiting, at}; `ticket` {action: issued|done|no_show|transferred|serving, ticket, waiting?, at}; `window` {action: sign_in|sign_out|settings, window, at}. A `: ping` comment every 15 s. Across processes: PostgreSQL LISTEN/NOTIFY, or polling of hall_events (SQLite).',
        params: HallCode,
      },
    },
    async (req, reply) => {
      const hall = await store.findHall(platform.database.db, req.params.code);
      if (!hall) throw new Problem(404, 'not_found', { zh: '大厅不存在', en: 'hall not found' });
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      res.write('retry: 2000\n\n');
      req.socket.setNoDelay(true);
      let ready = false;
      const early: string[] = [];
      const unsubscribe = hub.subscribe(hall.id, {
        write: (chunk) => (ready ? res.write(chunk) : early.push(chunk)),
        end: () => res.end(),
      });
      res.on('close', unsubscribe);
      try {
        const snap = await service.displaySnapshot(platform.ctx(req), req.params.code);
        const resumed = req.headers['last-event-id'];
        res.write(sseFrame('snapshot', JSON.stringify({ ...snap, resumedFrom: resumed ? Number(resumed) || null : null }), snap.lastEventId));
        for (const chunk of early) res.write(chunk);
        ready = true;
      } catch (err) {
        req.log.error({ err }, 'display snapshot failed');
        unsubscribe();
        res.end();
      }
    },
  );

  // --- manager -------------------------------------------------------------------------------
  http.get(
    '/api/v1/halls/:code/board',
    {
      schema: {
        tags: TAG,
        summary: '大厅实时看板 Live board: windows, staff on duty, queue, today’s figures (hall manager)',
        params: HallCode,
        response: {
          200: Doc({
            hall: Doc({ code: Type.String(), name: Type.String() }),
            date: Type.String(),
            at: Type.String(),
            windows: Type.Array(Doc({ ...WindowSchema.properties, current: Nullable(Ticket), servedToday: Type.Integer(), calledToday: Type.Integer() })),
            onDuty: Type.Array(Doc({ staffId: Type.String(), name: Nullable(Type.String()), windowId: Type.String(), windowNumber: Type.Integer(), signedInAt: Nullable(Type.String()) })),
            waiting: Waiting,
            queue: Type.Array(Doc({ ...Ticket.properties, waitedSeconds: Type.Integer(), targetWindowNumber: Nullable(Type.Integer()) })),
            totals: Doc({}, 'figures of today (see stats)'),
          }),
        },
      },
    },
    async (req) => service.hallBoard(platform.ctx(req), req.params.code),
  );
  const FiguresDoc = Doc(
    {
      tickets: Type.Integer(),
      called: Type.Integer(),
      done: Type.Integer(),
      noShow: Type.Integer(),
      transferred: Type.Integer(),
      waiting: Type.Integer(),
      waitAvg: Nullable(Type.Number({ description: 'seconds, issued → called' })),
      waitP90: Nullable(Type.Number()),
      serviceAvg: Nullable(Type.Number({ description: 'seconds, serving → done' })),
      serviceP90: Nullable(Type.Number()),
    },
    'figures',
  );
  http.get(
    '/api/v1/halls/:code/stats',
    {
      schema: {
        tags: TAG,
        summary: '大厅日统计 Daily statistics (hall manager, leader, admin)',
        params: HallCode,
        querystring: strict({ date: Type.Optional(DateStr) }),
        response: {
          200: Doc({
            hall: Doc({ code: Type.String(), name: Type.String() }),
            date: Type.String(),
            total: FiguresDoc,
            categories: Type.Array(Doc({ category: Category, name: Type.String(), ...FiguresDoc.properties })),
            windows: Type.Array(Doc({ windowId: Type.String(), windowNumber: Nullable(Type.Integer()), ...FiguresDoc.properties })),
            clerks: Type.Array(Doc({ clerkId: Type.String(), clerkName: Nullable(Type.String()), ...FiguresDoc.properties })),
            appointments: Doc({ booked: Type.Integer(), checkedIn: Type.Integer(), cancelled: Type.Integer(), noShow: Type.Integer() }),
          }),
        },
      },
    },
    async (req) => {
      checkDate('date', req.query.date);
      return service.hallStats(platform.ctx(req), req.params.code, req.query.date);
    },
  );

  // --- appointments --------------------------------------------------------------------------
  http.post(
    '/api/v1/halls/:code/slots/generate',
    {
      schema: {
        tags: TAG,
        summary: '生成预约时段 Generate appointment slots (hall manager)',
        description:
          'For every working day from..to (holidays skipped, 调休 make-up days included; at most 92 days): one slot per category and period piece. Periods default to the hall’s opening hours; categories default to those its windows serve (E at bank points). Existing slots are kept (idempotent).',
        params: HallCode,
        body: strict({
          from: DateStr,
          to: DateStr,
          categories: Type.Optional(Type.Array(Category, { minItems: 1, maxItems: 5 })),
          capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: undefined, description: 'seats per slot (default 10)' })),
          periods: Type.Optional(Type.Array(strict({ start: Hhmm, end: Hhmm }), { minItems: 1, maxItems: 12 })),
          lengthMinutes: Type.Optional(Type.Integer({ minimum: 10, maximum: 240, description: 'slot length (default 60)' })),
        }),
        response: {
          200: Doc({
            created: Type.Integer(),
            existing: Type.Integer(),
            categories: Type.Array(Category),
            periods: Type.Array(Doc({ start: Type.String(), end: Type.String() })),
            skipped: Type.Array(Doc({ date: Type.String(), reason: Type.String() })),
          }),
        },
      },
    },
    async (req) => {
      checkDate('from', req.body.from);
      checkDate('to', req.body.to);
      return service.generateHallSlots(platform.ctx(req), req.params.code, req.body);
    },
  );
  http.get(
    '/api/v1/halls/:code/slots',
    {
      schema: {
        tags: TAG,
        summary: '预约时段 Slots with free seats (public)',
        description: 'Give `date`, or `from` (and optionally `to`; default 31 days).',
        params: HallCode,
        querystring: strict({ date: Type.Optional(DateStr), from: Type.Optional(DateStr), to: Type.Optional(DateStr), category: Type.Optional(Category) }),
        response: { 200: Doc({ hall: Doc({ code: Type.String(), name: Type.String(), bankPoint: Type.Boolean() }), total: Type.Integer(), items: Type.Array(Slot) }) },
      },
    },
    async (req) => {
      const q = req.query;
      checkDate('date', q.date);
      checkDate('from', q.from);
      checkDate('to', q.to);
      if (!q.date && !q.from) throw invalidField('date', 'required', '请指定日期', 'give date or from');
      return service.listHallSlots(platform.ctx(req), req.params.code, q);
    },
  );
  http.post(
    '/api/v1/appointments',
    {
      schema: {
        tags: TAG,
        summary: '预约 Book a slot',
        description:
          'An applicant logged in books for themselves (person or enterprise); front-desk staff book for someone, naming `idNumber` or `uscc`, `name`, `phone`. One active booking per person/enterprise, category and day (409 `already_booked`); a full slot is 409 `slot_full`; category E (新办企业银行开户 at partner banks) is for enterprises only (422 `uscc`). 3 no-shows in 30 days suspend booking (409 `booking_suspended`).',
        body: strict({
          slotId: Id,
          idNumber: Type.Optional(Type.String({ maxLength: 18 })),
          uscc: Type.Optional(Type.String({ maxLength: 18 })),
          name: Type.Optional(Type.String({ maxLength: 80 })),
          phone: Type.Optional(Type.String({ maxLength: 20 })),
          purpose: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 200: Appointment, 409: Problem409 },
      },
    },
    async (req) => service.bookAppointment(platform.ctx(req), req.body),
  );
  http.get(
    '/api/v1/appointments',
    {
      schema: {
        tags: TAG,
        summary: '预约列表 Appointments (applicant: own; staff: their hall; admin: any)',
        querystring: strict({
          hall: Type.Optional(Type.String({ maxLength: 32 })),
          date: Type.Optional(DateStr),
          status: Type.Optional(lit(APPOINTMENT_STATUSES)),
          category: Type.Optional(Category),
        }),
        response: { 200: Doc({ total: Type.Integer(), items: Type.Array(Appointment) }) },
      },
    },
    async (req) => service.listAppointments(platform.ctx(req), req.query),
  );
  http.get(
    '/api/v1/appointments/:id',
    { schema: { tags: TAG, summary: '预约详情 An appointment', params: IdParam, response: { 200: Appointment } } },
    async (req) => service.getAppointment(platform.ctx(req), req.params.id),
  );
  http.post(
    '/api/v1/appointments/:id/cancel',
    { schema: { tags: TAG, summary: '取消预约 Cancel (frees the seat)', params: IdParam, body: Type.Optional(strict({})), response: { 200: Appointment } } },
    async (req) => service.cancelAppointment(platform.ctx(req), req.params.id),
  );
  http.post(
    '/api/v1/appointments/:id/reschedule',
    {
      schema: {
        tags: TAG,
        summary: '改约 Move to another slot of the same category',
        description: 'Returns the new appointment; the old one ends `cancelled` (the new one names it in `rescheduledFrom`).',
        params: IdParam,
        body: strict({ slotId: Id }),
        response: { 200: Appointment },
      },
    },
    async (req) => service.rescheduleAppointment(platform.ctx(req), req.params.id, req.body.slotId),
  );
  http.post(
    '/api/v1/appointments/:id/check-in',
    {
      schema: {
        tags: TAG,
        summary: '预约签到 Check in → priority ticket',
        description: 'On the day, from 30 minutes before the slot to its end (409 `check_in_too_early` / `check_in_too_late`).',
        params: IdParam,
        body: Type.Optional(strict({})),
        response: { 200: CheckedIn },
      },
    },
    async (req) => service.checkInAppointment(platform.ctx(req), req.params.id),
  );
  http.post(
    '/api/v1/halls/:code/check-in',
    {
      schema: {
        tags: TAG,
        summary: '自助机预约签到 Kiosk check-in by ID number (no login)',
        description: 'Finds today’s booking at this hall; 404 `appointment_not_found`. Throttled per IP.',
        params: HallCode,
        body: strict({ idNumber: Type.Optional(Type.String({ maxLength: 18 })), uscc: Type.Optional(Type.String({ maxLength: 18 })) }),
        response: { 200: CheckedIn },
      },
    },
    async (req) => {
      throttle(req);
      return service.kioskCheckIn(platform.ctx(req), req.params.code, req.body);
    },
  );
};
