/**
 * 办件 HTTP: TypeBox schemas (unknown fields refused) and thin handlers over service.ts.
 *
 *   POST /api/v1/cases                                  intake at a window (clerk) or online application (applicant)
 *   GET  /api/v1/cases                                  scoped list with filters
 *   GET  /api/v1/cases/{caseNo}                         the case with timeline, materials, deadlines, steps
 *   POST /api/v1/cases/{caseNo}/actions/{action}        one route per action, each body carries expectedVersion
 *   GET  /api/v1/cases/{caseNo}/documents/{kind}.pdf    受理通知书 … certificate
 *   GET  /api/v1/cases/{caseNo}/notices                 SMS texts queued for the case
 *   GET  /api/v1/office/tasks                           the department's step inbox with deadline colours
 *   GET  /api/v1/office/overdue                         overdue cases (department / hall manager)
 *   GET  /api/v1/issue/queue                            the unified certificate window's queue
 *   GET  /api/v1/progress?caseNo=&idTail=               public progress (no login, rate-limited)
 *   GET  /api/v1/cases/figures/delivery                 pickup / free-mail counts
 *   POST /api/v1/cases/sweeps/deem                      run the §32 deemed-acceptance sweep now (admin)
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { requireActor, requireRole } from '../platform/auth/plugin.js';
import type { ModuleRoutes } from '../platform/module.js';
import { Problem } from '../platform/problem.js';
import { DOCUMENT_KINDS, type DocumentKind } from './documents.js';
import { ACTION_NAMES, ACTIONS, PROCEDURES, STATUSES, type Action, type Status } from './model.js';
import * as service from './service.js';

const strict = <T extends Record<string, TSchema>>(props: T, opts: Record<string, unknown> = {}) => Type.Object(props, { additionalProperties: false, ...opts });
const strEnum = <K extends string>(keys: readonly K[], opts: Record<string, unknown> = {}) => Type.Union(keys.map((k) => Type.Literal(k)), opts);
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Date_ = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Asia/Shanghai)' });
const CaseNo = Type.String({ pattern: '^\\d{20}$', description: '办件编号 {371311}{YYYYMMDD}{6-digit daily sequence}' });
const Reason = (description: string) => Type.String({ minLength: 1, maxLength: 1000, description });
const ExpectedVersion = Type.Integer({ minimum: 0, description: 'the `version` the client last read; a stale one answers 409 stale_version' });

const MaterialInput = strict(
  {
    code: Type.String({ minLength: 1, maxLength: 20, description: 'material code of the item (e.g. M01)' }),
    by: strEnum(['provided', 'license', 'commitment', 'deferred'] as const, {
      description: 'provided: files and/or paper original seen · license: a valid licence of the applicant (0 materials) · commitment: 告知承诺 (item allows, material replaceable) · deferred: 容缺 (deferrable materials only)',
    }),
    files: Type.Optional(Type.Array(Type.String({ maxLength: 64, description: 'sha256 from POST /api/v1/files' }), { maxItems: 20 })),
    paperSeen: Type.Optional(Type.Boolean({ description: 'the clerk checked the paper original' })),
    licenseId: Type.Optional(Type.String({ maxLength: 64 })),
    deferredUntil: Type.Optional(Type.String({ maxLength: 10, description: '容缺 supplement due date ≤ today + promised limit (working days); default that maximum' })),
  },
  { description: 'how one material of the checklist is satisfied' },
);
const Materials = Type.Array(MaterialInput, { maxItems: 100 });

const CreateBody = strict({
  itemCode: Type.String({ minLength: 1, maxLength: 40, description: '实施编码 of the item (current version is used and kept)' }),
  applicantId: Type.Optional(Type.String({ maxLength: 64, description: 'window intake: the applicant id (register with POST /api/v1/applicants first); online: omitted' })),
  materials: Materials,
  outcome: Type.Optional(strEnum(['accept', 'refuse'], { description: "window only. 'accept' (default): accepted when every required material is satisfied, otherwise the one-time notice (pending_completion) listing ALL missing; 'refuse': 不予受理 with refusalReason" })),
  refusalReason: Type.Optional(Reason('不予受理 reason and legal basis')),
  instant: Type.Optional(Type.Boolean({ description: 'window only: 即办件 accepted, granted and issued in this call; default true for caseKind 1 items' })),
  delivery: Type.Optional(strEnum(['pickup', 'mail'], { description: 'how the result is to be delivered (must be offered by the item)' })),
  submit: Type.Optional(Type.Boolean({ description: 'online only: false saves a draft; default true (submitted for pre-review)' })),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
});

const Any = Type.Any();
const Colour = strEnum(['green', 'yellow', 'red']);

const CaseViewSchema = Type.Object(
  {
    caseNo: Type.String(),
    version: Type.Integer(),
    status: strEnum(STATUSES),
    statusName: Type.String(),
    channel: strEnum(['window', 'online']),
    instant: Type.Boolean(),
    routedTo: Nullable(Type.String({ description: "'district' when the intake hall's tier may not handle the item" })),
    deliveryPreference: Type.String(),
    item: Any,
    applicant: Type.Object({
      id: Type.String(),
      kind: Type.String(),
      name: Type.String({ description: 'masked unless entitled' }),
      idNumber: Nullable(Type.String()),
      uscc: Nullable(Type.String()),
      phone: Type.String(),
    }),
    intakeHall: Any,
    createdAt: Type.String(),
    submittedAt: Nullable(Type.String()),
    deemOn: Nullable(Type.String({ description: 'online: the last day of pre-review, the 5th working day after submission; counted as accepted from the next day (§32)' })),
    deemed: Type.Boolean(),
    acceptedOn: Nullable(Type.String()),
    acceptedAt: Nullable(Type.String()),
    materials: Type.Array(Any),
    missing: Type.Array(Any),
    outstandingDeferred: Type.Array(Any),
    notice: Any,
    refusalReason: Nullable(Type.String()),
    deadlines: Any,
    suspension: Any,
    currentStep: Nullable(Type.Integer()),
    steps: Type.Array(Any),
    decision: Any,
    certificate: Any,
    delivery: Any,
    deliveredAt: Nullable(Type.String()),
    concludedAt: Nullable(Type.String()),
    closedReason: Nullable(Type.String()),
    updatedAt: Type.String(),
    timeline: Type.Array(Any),
    documents: Type.Array(Type.Object({ kind: Type.String(), name: Type.String(), url: Type.String() })),
    allowedActions: Type.Array(Type.String(), { description: 'actions this actor may take now' }),
  },
  { description: 'A case (办件) as the case screen shows it' },
);

const SummarySchema = Type.Object({
  caseNo: Type.String(),
  version: Type.Integer(),
  status: Type.String(),
  statusName: Type.String(),
  channel: Type.String(),
  instant: Type.Boolean(),
  itemCode: Type.String(),
  itemName: Type.String(),
  departmentCode: Type.String(),
  applicantName: Type.String({ description: 'masked' }),
  applicantKind: Type.String(),
  createdAt: Type.String(),
  submittedAt: Nullable(Type.String()),
  acceptedOn: Nullable(Type.String()),
  deemed: Type.Boolean(),
  promisedDue: Nullable(Type.String()),
  legalDue: Nullable(Type.String()),
  remainingDays: Nullable(Type.Integer()),
  colour: Nullable(Colour),
  paused: Type.Boolean(),
  currentStep: Nullable(Type.Integer()),
  stepName: Nullable(Type.String()),
  claimedBy: Nullable(Type.String()),
  deliveryMode: Nullable(Type.String()),
  updatedAt: Type.String(),
});
const Page = (extra: Record<string, TSchema> = {}) =>
  Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(SummarySchema), ...extra });
// query strings arrive as text: numbers are digit strings, converted by the service
const PageQuery = {
  page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' })),
  pageSize: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]|100)$' })),
};

// one body schema per action
const DeliverBody = Type.Union([
  strict({
    mode: Type.Literal('pickup'),
    collectorName: Type.String({ minLength: 1, maxLength: 60 }),
    collectorIdNumber: Type.String({ minLength: 15, maxLength: 18, description: 'the ID document shown; must match a person applicant unless asAgent' }),
    asAgent: Type.Optional(Type.Boolean({ description: 'collected by an authorised agent (委托代领)' })),
  }),
  strict({
    mode: Type.Literal('mail'),
    trackingNo: Type.String({ minLength: 6, maxLength: 40 }),
    carrier: Type.Optional(Type.String({ maxLength: 40, description: 'default EMS' })),
    address: Type.String({ minLength: 2, maxLength: 200 }),
  }),
]);

const ACTION_BODIES: Record<Action, Record<string, TSchema>> = {
  submit: { materials: Type.Optional(Materials) },
  accept: { materials: Type.Optional(Materials) },
  notice: {
    materials: Type.Optional(Materials),
    inadequate: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 100, description: 'codes of provided materials the clerk found inadequate' })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  refuse: { reason: Reason('不予受理 reason and legal basis') },
  complete: { materials: Materials },
  claim: {},
  pass: { opinion: Type.Optional(Type.String({ maxLength: 2000, description: '审查意见' })) },
  return: { toStep: Type.Optional(Type.Integer({ minimum: 0, description: 'default: the previous step' })), reason: Reason('why it goes back') },
  'request-correction': {
    reason: Reason('what must be corrected'),
    materials: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 100 })),
    supplyBy: Type.Optional(Date_),
  },
  supplement: { materials: Materials, note: Type.Optional(Type.String({ maxLength: 1000 })) },
  'special-procedure': { procedure: strEnum(Object.keys(PROCEDURES) as (keyof typeof PROCEDURES)[]), reason: Reason('why'), expectedEnd: Date_ },
  'end-special': { outcome: Type.Optional(Type.String({ maxLength: 1000 })) },
  extend: { days: Type.Integer({ minimum: 1, maximum: 100, description: 'working days; total ≤ floor(legal limit / 2)' }), reason: Reason('why') },
  decide: { outcome: strEnum(['grant', 'deny']), reason: Type.Optional(Reason('required for deny')) },
  issue: {},
  deliver: { delivery: DeliverBody },
  conclude: {},
  withdraw: { reason: Type.Optional(Type.String({ maxLength: 1000 })) },
  terminate: { reason: Reason('why') },
};

const ACTION_DOCS: Record<Action, string> = {
  submit: 'applicant: draft → submitted (pre-review; deemed accepted after the 5th working day)',
  accept: 'clerk pre-review: submitted → accepted (materials may be added/overridden; all required must be satisfied)',
  notice: 'clerk pre-review: submitted → pending_completion (一次性告知: every missing material plus `inadequate` ones)',
  refuse: 'clerk: submitted | pending_completion → refused (不予受理)',
  complete: 'clerk or applicant: pending_completion → accepted once the missing materials are brought (same case)',
  claim: 'approver of the department: accepted → in_review (step 0), or claim the current step',
  pass: 'approver: in_review step k → step k+1',
  return: 'approver: in_review step k → an earlier step',
  'request-correction': 'approver: in_review → suspended (补正; clock stopped; SMS to the applicant)',
  supplement: 'applicant / clerk / approver: suspended(correction) → in_review (clock resumes); or 容缺 materials supplied while accepted/in_review',
  'special-procedure': 'approver: in_review → suspended (特别程序: hearing, testing, expert review…; clock stopped; expected end)',
  'end-special': 'approver: suspended(special) → in_review',
  extend: 'approver: 延长审批 (stays in_review); total extensions ≤ half the legal limit',
  decide: 'approver at the last step: in_review → granted | denied (准予/不予许可, reasons)',
  issue: 'certificate window: granted → issued (certificate PDF; the electronic licence when the item results in one)',
  deliver: 'certificate window: issued → delivered (pickup with identity check, or free mail with tracking number)',
  conclude: 'certificate window: delivered → concluded; approver: denied → concluded',
  withdraw: 'applicant or clerk: any open state → withdrawn',
  terminate: 'approver: any open state → terminated (reason)',
};

const caseParams = strict({ caseNo: CaseNo });

export const casesRoutes: ModuleRoutes = (http, platform) => {
  const tags = ['cases'];

  http.post(
    '/api/v1/cases',
    {
      schema: {
        tags,
        summary: '受理 / 网上申请 Create a case: intake at a window (clerk) or online application (applicant)',
        description:
          'Clerk: the material checklist decides — accepted (受理通知书; 容缺/告知承诺 documents when used) or pending_completion with the one-time notice listing ALL missing; or refused. 即办件 (caseKind 1): accepted, granted and issued in this call. Applicant: draft or submitted.',
        body: CreateBody,
        response: { 201: CaseViewSchema },
        security: [{ session: [] }],
      },
    },
    async (req, reply) => {
      requireActor(req);
      const view = await service.createCase(platform.ctx(req), req.body as Static<typeof CreateBody>);
      return reply.status(201).send(view);
    },
  );

  const ListQuery = strict({
    status: Type.Optional(Type.String({ maxLength: 300, description: `comma-separated: ${STATUSES.join(',')}` })),
    itemCode: Type.Optional(Type.String({ maxLength: 40 })),
    departmentCode: Type.Optional(Type.String({ maxLength: 10 })),
    caseNo: Type.Optional(Type.String({ pattern: '^\\d{1,20}$', description: 'case number or prefix' })),
    applicantName: Type.Optional(Type.String({ maxLength: 60 })),
    channel: Type.Optional(strEnum(['window', 'online'])),
    from: Type.Optional(Date_),
    to: Type.Optional(Date_),
    colour: Type.Optional(Colour),
    ...PageQuery,
  });
  http.get(
    '/api/v1/cases',
    { schema: { tags, summary: '办件列表 Cases in the actor’s data scope', querystring: ListQuery, response: { 200: Page() }, security: [{ session: [] }] } },
    async (req) => {
      const q = req.query as Static<typeof ListQuery>;
      let status: Status[] | undefined;
      if (q.status) {
        status = q.status.split(',').map((s) => s.trim()).filter(Boolean) as Status[];
        const bad = status.find((s) => !(STATUSES as readonly string[]).includes(s));
        if (bad) throw new Problem(400, 'invalid_querystring', { zh: `状态 ${bad} 无效`, en: `unknown status ${bad}` }, { field: 'status' });
      }
      return service.listCases(platform.ctx(req), { ...q, status });
    },
  );

  http.get(
    '/api/v1/cases/:caseNo',
    {
      schema: {
        tags,
        summary: '办件详情 The case with its timeline, materials, deadlines (promisedDue, legalDue, remainingDays, colour), steps and documents',
        params: caseParams,
        response: { 200: CaseViewSchema },
        security: [{ session: [] }],
      },
    },
    async (req) => service.getCase(platform.ctx(req), (req.params as { caseNo: string }).caseNo),
  );

  for (const action of ACTIONS) {
    const Body = strict({ expectedVersion: ExpectedVersion, ...ACTION_BODIES[action] });
    http.post(
      `/api/v1/cases/:caseNo/actions/${action}`,
      {
        schema: {
          tags,
          summary: `${ACTION_NAMES[action]} — ${action}`,
          description: ACTION_DOCS[action],
          params: caseParams,
          body: Body,
          response: { 200: CaseViewSchema },
          security: [{ session: [] }],
        },
      },
      async (req) => {
        const body = req.body as Record<string, unknown> & { expectedVersion: number };
        return service.act(platform.ctx(req), (req.params as { caseNo: string }).caseNo, { ...body, action } as service.ActionInput);
      },
    );
  }

  http.get(
    '/api/v1/cases/:caseNo/documents/:file',
    {
      schema: {
        tags,
        summary: '办件文书 PDF: acceptance-notice | one-time-notice | refusal | deferral-notice | commitment | decision | certificate (.pdf)',
        params: strict({ caseNo: CaseNo, file: Type.String({ maxLength: 40 }) }),
        security: [{ session: [] }],
      },
    },
    async (req, reply) => {
      const { caseNo, file } = req.params as { caseNo: string; file: string };
      const m = /^([a-z-]+)\.pdf$/.exec(file);
      if (!m || !(m[1] in DOCUMENT_KINDS)) throw new Problem(404, 'not_found', { zh: '文书不存在', en: 'No such document kind' });
      const pdf = await service.caseDocument(platform.ctx(req), caseNo, m[1] as DocumentKind);
      return reply
        .type('application/pdf')
        .header('Content-Disposition', `inline; filename="${caseNo}-${m[1]}.pdf"`)
        .header('Cache-Control', 'private, no-store')
        .header('X-Content-Type-Options', 'nosniff')
        .send(pdf);
    },
  );

  http.get(
    '/api/v1/cases/intake/licenses',
    {
      schema: {
        tags,
        summary: '受理时可免提交的电子证照 The applicant’s valid licences that satisfy this item’s materials (intake staff)',
        querystring: strict({ applicantId: Type.String({ maxLength: 64 }), itemCode: Type.String({ maxLength: 40 }) }),
        security: [{ session: [] }],
      },
    },
    async (req) => {
      const q = req.query as { applicantId: string; itemCode: string };
      return service.intakeLicenses(platform.ctx(req), q.applicantId, q.itemCode);
    },
  );

  http.get(
    '/api/v1/cases/:caseNo/files/:sha256',
    {
      schema: {
        tags,
        summary: '办件材料文件 An uploaded material file of the case (those who may see the case)',
        params: strict({ caseNo: CaseNo, sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
        security: [{ session: [] }],
      },
    },
    async (req, reply) => {
      const { caseNo, sha256 } = req.params as { caseNo: string; sha256: string };
      const file = await service.caseFile(platform.ctx(req), caseNo, sha256, platform.config.dataDir);
      const ext = file.mediaType === 'application/pdf' ? 'pdf' : file.mediaType === 'image/png' ? 'png' : 'jpg';
      return reply
        .type(file.mediaType)
        .header('Content-Disposition', `attachment; filename="${caseNo}-${sha256.slice(0, 12)}.${ext}"`)
        .header('Cache-Control', 'private, no-store')
        .header('X-Content-Type-Options', 'nosniff')
        .send(file.bytes);
    },
  );

  http.get(
    '/api/v1/cases/:caseNo/notices',
    {
      schema: {
        tags,
        summary: '短信通知 SMS texts queued for the case (outbox)',
        params: caseParams,
        response: { 200: Type.Array(Type.Object({ kind: Type.String(), channel: Type.String(), to: Type.String(), text: Type.String(), createdAt: Type.String(), sentAt: Nullable(Type.String()) })) },
        security: [{ session: [] }],
      },
    },
    async (req) => service.caseNotices(platform.ctx(req), (req.params as { caseNo: string }).caseNo),
  );

  const TasksQuery = strict({
    status: Type.Optional(strEnum(['todo', 'mine', 'unclaimed', 'suspended', 'all'], { description: 'todo/unclaimed: waiting to be claimed · mine: claimed by me · suspended · all (default)' })),
    colour: Type.Optional(Colour),
    ...PageQuery,
  });
  http.get(
    '/api/v1/office/tasks',
    {
      schema: {
        tags: ['office'],
        summary: '审批待办 The department’s step inbox, most urgent first; colour: red overdue, yellow remaining ≤ max(1, 20 % of the limit)',
        querystring: TasksQuery,
        response: { 200: Page() },
        security: [{ session: [] }],
      },
    },
    async (req) => service.officeTasks(platform.ctx(req), req.query as Static<typeof TasksQuery>),
  );

  const OverdueQuery = strict({ departmentCode: Type.Optional(Type.String({ maxLength: 10 })), ...PageQuery });
  http.get(
    '/api/v1/office/overdue',
    {
      schema: {
        tags: ['office'],
        summary: '超期办件 Overdue cases: an approver’s department, or the hall manager’s scope with counts per department',
        querystring: OverdueQuery,
        response: {
          200: Page({ today: Type.String(), byDepartment: Type.Array(Type.Object({ departmentCode: Type.String(), departmentName: Type.String(), overdue: Type.Integer() })) }),
        },
        security: [{ session: [] }],
      },
    },
    async (req) => service.overdueCases(platform.ctx(req), req.query as Static<typeof OverdueQuery>),
  );

  const QueueQuery = strict({ status: Type.Optional(strEnum(['granted', 'issued', 'delivered'], { description: 'granted (default): to issue · issued: to hand over or mail · delivered: to conclude' })), ...PageQuery });
  http.get(
    '/api/v1/issue/queue',
    { schema: { tags: ['issue'], summary: '统一出证队列 The certificate window’s queue', querystring: QueueQuery, response: { 200: Page() }, security: [{ session: [] }] } },
    async (req) => service.issueQueue(platform.ctx(req), req.query as Static<typeof QueueQuery>),
  );

  const ProgressQuery = strict({ caseNo: Type.String({ maxLength: 20 }), idTail: Type.String({ maxLength: 4, description: 'last 4 characters of the applicant’s ID number or USCC' }) });
  http.get(
    '/api/v1/progress',
    {
      schema: {
        tags: ['cases'],
        summary: '办件进度查询 Public progress by case number + last 4 characters of the ID (no login; rate-limited per IP; a wrong tail answers like an unknown number)',
        querystring: ProgressQuery,
        response: {
          200: Type.Object({
            caseNo: Type.String(),
            itemName: Type.String(),
            departmentName: Type.String(),
            applicantName: Type.String({ description: 'masked' }),
            status: Type.String(),
            statusName: Type.String(),
            acceptedOn: Nullable(Type.String()),
            promisedDue: Nullable(Type.String()),
            paused: Type.Boolean(),
            deliveryMode: Nullable(Type.String()),
            timeline: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), actionName: Type.String(), status: Type.String(), statusName: Type.String() })),
          }),
        },
      },
    },
    async (req, reply) => {
      const q = req.query as Static<typeof ProgressQuery>;
      reply.header('Cache-Control', 'no-store');
      return service.publicProgress(platform.ctx(req), q.caseNo, q.idTail);
    },
  );

  const FiguresQuery = strict({ from: Type.Optional(Type.String({ maxLength: 30 })), to: Type.Optional(Type.String({ maxLength: 30 })) });
  http.get(
    '/api/v1/cases/figures/delivery',
    {
      schema: {
        tags,
        summary: '送达统计 Deliveries by pickup and free mail (免费邮寄); from/to: ISO instants',
        querystring: FiguresQuery,
        response: { 200: Type.Object({ mail: Type.Integer(), pickup: Type.Integer() }) },
        security: [{ session: [] }],
      },
    },
    async (req) => {
      requireRole(req, 'admin', 'leader', 'manager', 'cert');
      return service.deliveryFigures(platform.ctx(req), req.query as Static<typeof FiguresQuery>);
    },
  );

  http.post(
    '/api/v1/cases/sweeps/deem',
    {
      schema: {
        tags,
        summary: '逾期视为受理 Run the §32 sweep now (online submissions not pre-reviewed by their 5th working day)',
        response: { 200: Type.Object({ deemed: Type.Array(Type.String()) }) },
        security: [{ session: [] }],
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      return { deemed: await service.deemAcceptance(platform.ctx(req)) };
    },
  );
};
