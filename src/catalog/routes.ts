/** Catalog HTTP: TypeBox schemas and thin handlers over service.ts. */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../platform/auth/plugin.js';
import type { Http, ModuleRoutes } from '../platform/module.js';
import { Problem } from '../platform/problem.js';
import { XLSX_MIME } from './excel.js';
import { LIMITS } from './model.js';
import { assertAllowed, canEditSomeItems, canExportCatalog, canImportCatalog, WHY } from './policy.js';
import * as service from './service.js';
import {
  CASE_KINDS,
  DELIVERY_MODES,
  EXERCISE_LEVELS,
  HANDLING_FORMS,
  ITEM_TYPES,
  ONLINE_DEPTHS,
  SERVICE_OBJECTS,
  STEP_ROLES,
  TIERS,
  type ServiceItemInput,
} from './types.js';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

const strictObject = <T extends Record<string, TSchema>>(props: T, opts: Record<string, unknown> = {}) =>
  Type.Object(props, { additionalProperties: false, ...opts });
const numEnum = (o: object) => Type.Union(Object.keys(o).map((k) => Type.Literal(Number(k))));
const strEnum = (o: object) => Type.Union(Object.keys(o).map((k) => Type.Literal(k)));
const Days = Type.Integer({ minimum: 0, maximum: LIMITS.daysMax });
const Text = (max: number) => Type.String({ maxLength: max });
const NullableText = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);

const GuideSchema = strictObject({
  conditions: Text(LIMITS.textMax),
  process: Text(LIMITS.textMax),
  legalBasis: Text(LIMITS.textMax),
  location: Text(LIMITS.textMax),
  hours: Text(LIMITS.textMax),
  consultPhone: Text(LIMITS.textMax),
  supervisePhone: Text(LIMITS.textMax),
});

const MaterialSchema = strictObject({
  code: Type.String({ minLength: 1, maxLength: 20 }),
  name: Type.String({ minLength: 1, maxLength: LIMITS.nameMax }),
  required: Type.Boolean(),
  originals: Type.Integer({ minimum: 0, maximum: LIMITS.copiesMax }),
  copies: Type.Integer({ minimum: 0, maximum: LIMITS.copiesMax }),
  issuer: NullableText(LIMITS.nameMax),
  deferrable: Type.Boolean(),
  commitmentReplaceable: Type.Boolean(),
  licenseTypeCode: NullableText(20),
});

const StepSchema = strictObject({
  name: Type.String({ minLength: 1, maxLength: LIMITS.nameMax }),
  role: strEnum(STEP_ROLES),
  limitDays: Days,
});

const ItemInputSchema = strictObject(
  {
    code: Type.String({ minLength: 28, maxLength: 28 }),
    baseCode: Type.String({ minLength: 10, maxLength: 10 }),
    name: Type.String({ minLength: 1, maxLength: LIMITS.nameMax }),
    type: strEnum(ITEM_TYPES),
    exerciseLevel: numEnum(EXERCISE_LEVELS),
    departmentCode: Type.String({ pattern: '^\\d{3}$' }),
    legalLimitDays: Days,
    promisedLimitDays: Days,
    caseKind: numEnum(CASE_KINDS),
    serviceObjects: Type.Array(numEnum(SERVICE_OBJECTS), { maxItems: 10 }),
    handlingForms: Type.Array(numEnum(HANDLING_FORMS), { maxItems: 10 }),
    visits: Type.Integer({ minimum: 0, maximum: LIMITS.visitsMax }),
    visitsReason: NullableText(LIMITS.shortTextMax),
    onlineDepth: numEnum(ONLINE_DEPTHS),
    feeFen: Type.Integer({ minimum: 0, maximum: LIMITS.feeMax }),
    tiers: Type.Array(strEnum(TIERS), { maxItems: 10 }),
    delivery: Type.Array(strEnum(DELIVERY_MODES), { maxItems: 10 }),
    commitmentAllowed: Type.Boolean(),
    resultLicenseTypeCode: NullableText(20),
    guide: GuideSchema,
    materials: Type.Array(MaterialSchema, { maxItems: LIMITS.materialsMax }),
    steps: Type.Array(StepSchema, { maxItems: LIMITS.stepsMax }),
  },
);

const ItemSummarySchema = Type.Object({
  code: Type.String(),
  baseCode: Type.String(),
  name: Type.String(),
  type: Type.String(),
  typeName: Type.String(),
  departmentCode: Type.String(),
  departmentName: Type.String(),
  caseKind: Type.Integer(),
  promisedLimitDays: Type.Integer(),
  legalLimitDays: Type.Integer(),
  visits: Type.Integer(),
  onlineDepth: Type.Integer(),
  commitmentAllowed: Type.Boolean(),
  version: Type.Integer(),
});

const SearchResultSchema = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(ItemSummarySchema),
});

const ItemDetailSchema = Type.Object({
  ...ItemInputSchema.properties,
  type: Type.String(),
  exerciseLevel: Type.Integer(),
  caseKind: Type.Integer(),
  serviceObjects: Type.Array(Type.Integer()),
  handlingForms: Type.Array(Type.Integer()),
  onlineDepth: Type.Integer(),
  tiers: Type.Array(Type.String()),
  delivery: Type.Array(Type.String()),
  version: Type.Integer(),
  departmentName: Type.String(),
  typeName: Type.String(),
  resultLicenseTypeName: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
});

const DepartmentSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  uscc: Type.String(),
  itemCount: Type.Integer(),
});

const LicenseTypeSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  departmentCode: Type.String(),
  fields: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
  validityYears: Type.Union([Type.Integer(), Type.Null()]),
});

const WriteCountsSchema = Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() });

/** Query strings arrive as text; they are checked as text and converted here (no type coercion). */
const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    department: Type.Optional(Type.String({ pattern: '^\\d{3}$' })),
    type: Type.Optional(strEnum(ITEM_TYPES)),
    tier: Type.Optional(strEnum(TIERS)),
    caseKind: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('2')])),
    commitment: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')])),
    page: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,5}$' })),
    pageSize: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,2}$' })),
  },
  { additionalProperties: true },
);

const CodeParams = strictObject({ code: Type.String({ minLength: 1, maxLength: 40 }) });
const VersionQuery = Type.Object({ version: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,6}$' })) }, { additionalProperties: true });
const DeptParams = strictObject({ code: Type.String({ minLength: 1, maxLength: 10 }) });

const problemRef = { description: 'problem+json' };
const tags = ['catalog'];

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

/** 401 before the body is even validated, and 403 for actors who may edit no item at all. */
async function mustEditItems(req: FastifyRequest) {
  const actor = requireActor(req);
  assertAllowed(actor, canEditSomeItems(actor), WHY.editItem);
}

export const catalogRoutes: ModuleRoutes = async (http, platform) => {
  http.get(
    '/api/v1/items',
    {
      schema: {
        tags,
        summary: '检索事项 Search the service-item catalog',
        querystring: SearchQuery,
        response: { 200: SearchResultSchema, '4xx': problemRef },
      },
    },
    async (req) => {
      const q = req.query as Static<typeof SearchQuery>;
      return service.searchItems(platform.ctx(req), {
        q: q.q,
        departmentCode: q.department,
        type: q.type,
        tier: q.tier,
        caseKind: q.caseKind === undefined ? undefined : Number(q.caseKind),
        commitmentAllowed: q.commitment === undefined ? undefined : q.commitment === 'true' || q.commitment === '1',
        page: q.page === undefined ? undefined : Number(q.page),
        pageSize: q.pageSize === undefined ? undefined : Number(q.pageSize),
      });
    },
  );

  http.get(
    '/api/v1/items/:code',
    {
      schema: {
        tags,
        summary: '事项详情（办事指南），可指定版本 Item detail, optionally a given version',
        params: CodeParams,
        querystring: VersionQuery,
        response: { 200: ItemDetailSchema },
      },
    },
    async (req) => {
      const { code } = req.params as Static<typeof CodeParams>;
      const { version } = req.query as Static<typeof VersionQuery>;
      const ctx = platform.ctx(req);
      return version === undefined ? service.getItem(ctx, code) : service.getItemVersion(ctx, code, Number(version));
    },
  );

  http.get(
    '/api/v1/items/:code/versions',
    {
      schema: {
        tags,
        summary: '事项版本列表 Versions of an item',
        params: CodeParams,
        response: {
          200: Type.Object({
            code: Type.String(),
            items: Type.Array(Type.Object({ version: Type.Integer(), createdAt: Type.String(), createdBy: Type.Union([Type.String(), Type.Null()]) })),
          }),
        },
      },
    },
    async (req) => {
      const { code } = req.params as Static<typeof CodeParams>;
      return { code, items: await service.listItemVersions(platform.ctx(req), code) };
    },
  );

  http.post(
    '/api/v1/items',
    {
      preValidation: mustEditItems,
      schema: {
        tags,
        summary: '新建事项 Create an item (admin or the department catalog editor)',
        security: [{ session: [] }],
        body: ItemInputSchema,
        response: { 201: ItemDetailSchema },
      },
    },
    async (req, reply) => {
      const item = await service.createItem(platform.ctx(req), req.body as ServiceItemInput);
      return reply.status(201).send(item);
    },
  );

  http.put(
    '/api/v1/items/:code',
    {
      preValidation: mustEditItems,
      schema: {
        tags,
        summary: '修改事项（生成新版本）Change an item (makes a new version)',
        security: [{ session: [] }],
        params: CodeParams,
        body: ItemInputSchema,
        response: { 200: Type.Object({ ...ItemDetailSchema.properties, changed: Type.Boolean() }) },
      },
    },
    async (req) => {
      const { code } = req.params as Static<typeof CodeParams>;
      return service.updateItem(platform.ctx(req), code, req.body as ServiceItemInput);
    },
  );

  http.get(
    '/api/v1/departments',
    {
      schema: {
        tags,
        summary: '部门列表 Departments',
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(DepartmentSchema) }) },
      },
    },
    async (req) => {
      const items = await service.listDepartments(platform.ctx(req));
      return { total: items.length, items };
    },
  );

  http.get(
    '/api/v1/departments/:code',
    { schema: { tags, summary: '部门 Department', params: DeptParams, response: { 200: DepartmentSchema } } },
    async (req) => service.getDepartment(platform.ctx(req), (req.params as Static<typeof DeptParams>).code),
  );

  http.get(
    '/api/v1/license-types',
    {
      schema: {
        tags,
        summary: '证照类型 Licence types',
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(LicenseTypeSchema) }) },
      },
    },
    async (req) => {
      const items = await service.listLicenseTypes(platform.ctx(req));
      return { total: items.length, items };
    },
  );

  http.get(
    '/api/v1/catalog/export.xlsx',
    { schema: { tags, summary: '导出事项目录 Export the catalog (.xlsx, admin)', security: [{ session: [] }] } },
    async (req, reply) => {
      const actor = requireActor(req);
      assertAllowed(actor, canExportCatalog(actor), WHY.exportImport);
      const buf = await service.exportCatalog(platform.ctx(req));
      const day = platform.clock.now().slice(0, 10);
      return reply
        .type(XLSX_MIME)
        .header('Content-Disposition', `attachment; filename="catalog-${day}.xlsx"; filename*=UTF-8''%E4%BA%8B%E9%A1%B9%E7%9B%AE%E5%BD%95-${day}.xlsx`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'no-store')
        .send(buf);
    },
  );

  // The import takes a raw workbook body; its parser and size limit live only in this scope.
  await http.register(async (scope: Http) => {
    const bodyLimit = 10 * 1024 * 1024;
    scope.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));
    scope.post(
      '/api/v1/catalog/import',
      {
        bodyLimit,
        preValidation: async (req) => {
          const actor = requireActor(req);
          assertAllowed(actor, canImportCatalog(actor), WHY.exportImport);
        },
        schema: {
          tags,
          summary: '导入事项目录（.xlsx；有任何错误行则全部不导入）Import the catalog; any bad row refuses the whole file',
          security: [{ session: [] }],
          consumes: [XLSX_MIME],
          response: { 200: WriteCountsSchema },
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body)) {
          throw new Problem(415, 'unsupported_media_type', { zh: `请以 ${XLSX_MIME} 上传 Excel 文件`, en: `Send the workbook as ${XLSX_MIME}` });
        }
        return service.importCatalog(platform.ctx(req), req.body);
      },
    );
  });
};
