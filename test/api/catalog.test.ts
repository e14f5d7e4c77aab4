import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccounts } from '../../src/accounts/service.js';
import { usccCheckChar } from '../../src/platform/identifiers.js';
import * as catalog from '../../src/catalog/service.js';
import type { DepartmentInput, LicenseTypeInput, ServiceItemInput } from '../../src/catalog/types.js';
import type { Actor } from '../../src/platform/actor.js';
import { verifyAudit } from '../../src/platform/audit.js';
import type { Ctx } from '../../src/platform/context.js';
import { openPostgres, openSqlite, type Database } from '../../src/platform/db/database.js';
import { loginAs, testApp, type TestApp } from '../support/app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PASSWORD = 'Catalog-test-2024';

const uscc = (body17: string) => body17 + usccCheckChar(body17);
const DEPTS: DepartmentInput[] = [
  { code: '001', name: '罗庄区市场监督管理局', shortName: '市场监管局', uscc: uscc('11371311MB0283461') },
  { code: '002', name: '罗庄区民政局', shortName: '民政局', uscc: uscc('11371311MB0283470') },
];
const LICENSE_TYPES: LicenseTypeInput[] = [
  { code: '10001', name: '食品经营许可证', departmentCode: '001', fields: [{ key: 'holder', label: '经营者' }], validityYears: 5 },
  { code: '10002', name: '营业执照', departmentCode: '001', fields: [{ key: 'name', label: '名称' }], validityYears: null },
];

const SYSTEM: Actor = {
  accountId: 'test-system',
  username: 'system',
  name: '测试',
  kind: 'staff',
  roles: ['admin'],
  departmentId: null,
  hallId: null,
  applicantId: null,
  mustChangePassword: false,
};

function item(dept: DepartmentInput, serial: number, over: Partial<ServiceItemInput> = {}): ServiceItemInput {
  const type = over.type ?? '01';
  const baseCode = `${type}${String(serial).padStart(8, '0')}`;
  return {
    code: dept.uscc + baseCode,
    baseCode,
    name: `食品经营许可（第${serial}号）`,
    type,
    exerciseLevel: 4,
    departmentCode: dept.code,
    legalLimitDays: 20,
    promisedLimitDays: 5,
    caseKind: 2,
    serviceObjects: [1, 2],
    handlingForms: [1, 2],
    visits: 1,
    visitsReason: '需核验原件',
    onlineDepth: 4,
    feeFen: 0,
    tiers: ['district', 'town'],
    delivery: ['pickup', 'mail'],
    commitmentAllowed: true,
    resultLicenseTypeCode: '10001',
    guide: {
      conditions: '具备与经营相适应的场所',
      process: '一、申请\n二、受理\n三、审查\n四、决定',
      legalBasis: '《中华人民共和国食品安全法》',
      location: '罗庄区政务服务中心',
      hours: '工作日 9:00–17:00',
      consultPhone: '0539-8888888',
      supervisePhone: '12345',
    },
    materials: [
      { code: 'M01', name: '申请书', required: true, originals: 1, copies: 0, issuer: null, deferrable: false, commitmentReplaceable: false, licenseTypeCode: null },
      { code: 'M02', name: '营业执照', required: true, originals: 0, copies: 1, issuer: '市场监管局', deferrable: false, commitmentReplaceable: false, licenseTypeCode: '10002' },
      { code: 'M03', name: '食品安全管理制度', required: true, originals: 1, copies: 0, issuer: null, deferrable: true, commitmentReplaceable: true, licenseTypeCode: null },
    ],
    steps: [
      { name: '审查', role: 'review', limitDays: 3 },
      { name: '决定', role: 'decide', limitDays: 2 },
    ],
    ...over,
  };
}

let t: TestApp;
let ctx: Ctx;
let admin: string;
let clerk: string;
let editor001: string;
const A = item(DEPTS[0], 12000, { name: '食品经营许可（新办）' });
const B = item(DEPTS[1], 300, { type: '07', name: '婚姻登记', baseCode: '0700000300', code: DEPTS[1].uscc + '0700000300', resultLicenseTypeCode: null, commitmentAllowed: false,
  materials: [{ code: 'M01', name: '居民身份证', required: true, originals: 1, copies: 0, issuer: null, deferrable: false, commitmentReplaceable: false, licenseTypeCode: null }] });
const C = item(DEPTS[0], 12001, { name: '小餐饮登记', caseKind: 1, promisedLimitDays: 0, steps: [], materials: [] });

const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const send = (method: 'POST' | 'PUT', url: string, payload: unknown, cookie?: string) =>
  t.app.inject({ method, url, payload: payload as object, headers: cookie ? { cookie } : {} });
const versionsOf = async (code: string) => (await get(`/api/v1/items/${code}/versions`)).json().items.length;

beforeAll(async () => {
  t = await testApp({ seed: 'none' });
  ctx = { db: t.database.db, dialect: t.database.dialect, clock: t.clock, actor: SYSTEM, ip: null, log: console };
  expect(await catalog.importDepartments(ctx, DEPTS)).toEqual({ created: 2, updated: 0, unchanged: 0 });
  expect(await catalog.importLicenseTypes(ctx, LICENSE_TYPES)).toEqual({ created: 2, updated: 0, unchanged: 0 });
  expect(await catalog.saveItems(ctx, [A, B, C])).toEqual({ created: 3, updated: 0, unchanged: 0 });
  const d1 = await catalog.getDepartment(ctx, '001');
  await createStaffAccounts(ctx, [
    { username: 'cat-admin', name: '管理员', roles: ['admin'], departmentId: null, hallId: null, password: { clear: PASSWORD } },
    { username: 'cat-clerk', name: '受理员', roles: ['clerk'], departmentId: null, hallId: null, password: { clear: PASSWORD } },
    { username: 'cat-editor', name: '事项管理员', roles: ['catalog'], departmentId: d1.id, hallId: null, password: { clear: PASSWORD } },
  ]);
  [admin, clerk, editor001] = await Promise.all([
    loginAs(t.app, 'cat-admin', PASSWORD),
    loginAs(t.app, 'cat-clerk', PASSWORD),
    loginAs(t.app, 'cat-editor', PASSWORD),
  ]);
});

afterAll(async () => {
  await t?.close();
});

describe('reference data', () => {
  it('imports departments once; a second import changes nothing', async () => {
    expect(await catalog.importDepartments(ctx, DEPTS)).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await catalog.importLicenseTypes(ctx, LICENSE_TYPES)).toEqual({ created: 0, updated: 0, unchanged: 2 });
  });
  it('refuses a department with a wrong USCC check character', async () => {
    const bad = { ...DEPTS[0], code: '009', uscc: DEPTS[0].uscc.slice(0, 17) + (DEPTS[0].uscc[17] === '0' ? '1' : '0') };
    await expect(catalog.importDepartments(ctx, [bad])).rejects.toMatchObject({ status: 422, field: '0.uscc' });
  });
  it('lists departments with item counts', async () => {
    const res = await get('/api/v1/departments');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items[0]).toMatchObject({ code: '001', name: '罗庄区市场监督管理局', shortName: '市场监管局', uscc: DEPTS[0].uscc, itemCount: 2 });
    expect((await get('/api/v1/departments/002')).json().itemCount).toBe(1);
    expect((await get('/api/v1/departments/099')).statusCode).toBe(404);
  });
  it('lists licence types', async () => {
    const body = (await get('/api/v1/license-types')).json();
    expect(body.total).toBe(2);
    expect(body.items[0]).toMatchObject({ code: '10001', name: '食品经营许可证', departmentCode: '001', validityYears: 5 });
  });
});

describe('search', () => {
  it('lists everything with a total when q is empty, ordered by department then code', async () => {
    const body = (await get('/api/v1/items')).json();
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(body.items.map((i: { code: string }) => i.code)).toEqual([A.code, C.code, B.code]);
    expect(body.items[0]).toEqual({
      code: A.code, baseCode: A.baseCode, name: A.name, type: '01', typeName: '行政许可', departmentCode: '001',
      departmentName: '罗庄区市场监督管理局', caseKind: 2, promisedLimitDays: 5, legalLimitDays: 20, visits: 1, onlineDepth: 4,
      commitmentAllowed: true, version: 1,
    });
  });
  it('finds by a Chinese substring of the name', async () => {
    const body = (await get(`/api/v1/items?q=${encodeURIComponent('经营许可')}`)).json();
    expect(body.items.map((i: { code: string }) => i.code)).toEqual([A.code]);
  });
  it('finds by code and base code prefix, and by department name', async () => {
    expect((await get(`/api/v1/items?q=${B.code.slice(0, 20)}`)).json().total).toBe(1);
    expect((await get(`/api/v1/items?q=0700`)).json().items[0].code).toBe(B.code);
    expect((await get(`/api/v1/items?q=${encodeURIComponent('民政')}`)).json().total).toBe(1);
    expect((await get(`/api/v1/items?q=${encodeURIComponent('市场监管 登记')}`)).json().items[0].code).toBe(C.code);
  });
  it('filters by department, type, tier, case kind and commitment', async () => {
    expect((await get('/api/v1/items?department=001')).json().total).toBe(2);
    expect((await get('/api/v1/items?type=07')).json().total).toBe(1);
    expect((await get('/api/v1/items?tier=village')).json().total).toBe(0);
    expect((await get('/api/v1/items?caseKind=1')).json().items[0].code).toBe(C.code);
    expect((await get('/api/v1/items?commitment=false')).json().total).toBe(1);
    expect((await get('/api/v1/items?foo=bar')).statusCode).toBe(200);
  });
  it('paginates', async () => {
    const p2 = (await get('/api/v1/items?pageSize=2&page=2')).json();
    expect(p2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(p2.items).toHaveLength(1);
  });
  it('refuses bad parameters with a 4xx naming them, never a 500', async () => {
    for (const q of ['pageSize=101', 'pageSize=0', 'page=x', 'caseKind=3', 'type=99', 'tier=moon', 'department=1']) {
      const res = await get(`/api/v1/items?${q}`);
      expect([400, 422], q).toContain(res.statusCode);
      expect(res.json().errors[0].field).toBe(q.split('=')[0]);
    }
  });
});

describe('item detail', () => {
  it('returns the guide with names resolved', async () => {
    const res = await get(`/api/v1/items/${A.code}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ...A, version: 1, departmentName: '罗庄区市场监督管理局', typeName: '行政许可', resultLicenseTypeName: '食品经营许可证' });
  });
  it('404s an unknown item or version', async () => {
    expect((await get('/api/v1/items/nope')).statusCode).toBe(404);
    expect((await get(`/api/v1/items/${A.code}?version=9`)).statusCode).toBe(404);
    expect((await get(`/api/v1/items/${A.code}?version=abc`)).statusCode).toBe(400);
  });
});

describe('writing items over HTTP', () => {
  const D = item(DEPTS[0], 12010, { name: '食品生产许可' });
  it('requires a session (401) and the right role (403)', async () => {
    expect((await send('POST', '/api/v1/items', D)).statusCode).toBe(401);
    expect((await send('POST', '/api/v1/items', D, clerk)).statusCode).toBe(403);
    expect((await send('PUT', `/api/v1/items/${A.code}`, A, clerk)).statusCode).toBe(403);
  });
  it('lets an admin create an item (version 1), once', async () => {
    const res = await send('POST', '/api/v1/items', D, admin);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: D.code, version: 1 });
    expect((await send('POST', '/api/v1/items', D, admin)).statusCode).toBe(409);
    expect((await get('/api/v1/items')).json().total).toBe(4);
  });
  it('refuses unknown fields and wrong types by schema (422 naming the field)', async () => {
    const res = await send('POST', '/api/v1/items', { ...D, colour: 'red' }, admin);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('colour');
    const res2 = await send('PUT', `/api/v1/items/${A.code}`, { ...A, visits: '1' }, admin);
    expect(res2.statusCode).toBe(422);
    expect(res2.json().field).toBe('visits');
    const res3 = await t.app.inject({ method: 'PUT', url: `/api/v1/items/${A.code}`, payload: '{"code":', headers: { cookie: admin, 'content-type': 'application/json' } });
    expect(res3.statusCode).toBe(400);
  });

  const mats = A.materials;
  const refusals: [string, Partial<ServiceItemInput>, string][] = [
    ['an instant item with a promised limit', { caseKind: 1 }, 'promisedLimitDays'],
    ['a zero limit on a promised item', { promisedLimitDays: 0, steps: [{ name: '决定', role: 'decide', limitDays: 0 }], materials: [mats[0]] }, 'caseKind'],
    ['a fully online item requiring a visit', { onlineDepth: 5, visits: 1 }, 'visits'],
    ['visits without a reason', { visits: 2, visitsReason: null }, 'visitsReason'],
    ['steps longer than the promised limit', { steps: [{ name: '审查', role: 'review', limitDays: 4 }, { name: '决定', role: 'decide', limitDays: 2 }] }, 'steps'],
    ['a promised limit above the legal limit', { legalLimitDays: 3 }, 'promisedLimitDays'],
    ['a deferrable material with no primary material', { materials: [{ ...mats[2], commitmentReplaceable: false }] }, 'materials.0.deferrable'],
    ['a commitment-replaceable material on an item without commitment', { commitmentAllowed: false }, 'materials.2.commitmentReplaceable'],
    ['duplicate material codes', { materials: [mats[0], { ...mats[1], code: 'M01' }] }, 'materials.1.code'],
    ['an unknown licence type', { resultLicenseTypeCode: '77777' }, 'resultLicenseTypeCode'],
    ['a base code of another type', { type: '02' }, 'baseCode'],
    ['a department that does not exist', { departmentCode: '099' }, 'departmentCode'],
    ['an item code of another department', { departmentCode: '002' }, 'code'],
  ];
  for (const [what, change, field] of refusals) {
    it(`refuses ${what} (422 naming ${field}) and changes nothing`, async () => {
      const before = await versionsOf(A.code);
      const res = await send('PUT', `/api/v1/items/${A.code}`, { ...A, ...change }, admin);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json();
      expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(body.detail_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(await versionsOf(A.code)).toBe(before);
    });
  }

  it('refuses a body whose code differs from the address', async () => {
    const res = await send('PUT', `/api/v1/items/${A.code}`, B, admin);
    expect(res.statusCode).toBe(422);
    expect(res.json().field).toBe('code');
  });
});

describe('versions', () => {
  it('makes version 2 on a change and keeps version 1 readable', async () => {
    const res = await send('PUT', `/api/v1/items/${A.code}`, { ...A, promisedLimitDays: 4, steps: [{ name: '审查', role: 'review', limitDays: 4 }] }, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, changed: true, promisedLimitDays: 4 });
    expect((await get(`/api/v1/items/${A.code}`)).json()).toMatchObject({ version: 2, promisedLimitDays: 4 });
    expect((await get(`/api/v1/items/${A.code}?version=1`)).json()).toMatchObject({ version: 1, promisedLimitDays: 5 });
    expect(await catalog.getItemVersion(ctx, A.code, 1)).toMatchObject({ version: 1, promisedLimitDays: 5 });
    const versions = (await get(`/api/v1/items/${A.code}/versions`)).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await get(`/api/v1/items?q=${A.baseCode}`)).json().items[0].version).toBe(2);
  });
  it('makes no version for an unchanged write', async () => {
    const current = await catalog.getItem(ctx, A.code);
    const { version, departmentName, typeName, resultLicenseTypeName, updatedAt, ...input } = current;
    void [version, departmentName, typeName, resultLicenseTypeName, updatedAt];
    const res = await send('PUT', `/api/v1/items/${A.code}`, { ...input, name: ` ${input.name} `, tiers: [...input.tiers].reverse() }, admin);
    expect(res.json()).toMatchObject({ version: 2, changed: false });
    expect(await versionsOf(A.code)).toBe(2);
  });
  it('audits every write in an intact hash chain', async () => {
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: true });
  });
});

describe('a department catalog editor', () => {
  it('may change an item of their own department', async () => {
    const res = await send('PUT', `/api/v1/items/${C.code}`, { ...C, name: '小餐饮登记（变更）' }, editor001);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(2);
  });
  it("is refused another department's item, and creating one there", async () => {
    const res = await send('PUT', `/api/v1/items/${B.code}`, { ...B, name: '婚姻登记（改）' }, editor001);
    expect(res.statusCode).toBe(403);
    const res2 = await send('POST', '/api/v1/items', item(DEPTS[1], 301, { type: '01', resultLicenseTypeCode: null }), editor001);
    expect(res2.statusCode).toBe(403);
    expect(await versionsOf(B.code)).toBe(1);
  });
  it('may not export or import the whole catalog', async () => {
    expect((await get('/api/v1/catalog/export.xlsx', editor001)).statusCode).toBe(403);
    expect((await get('/api/v1/catalog/export.xlsx')).statusCode).toBe(401);
  });
});

async function exportBook(): Promise<Buffer> {
  const res = await get('/api/v1/catalog/export.xlsx', admin);
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
}
const importBook = (buf: Buffer, cookie = admin) =>
  t.app.inject({ method: 'POST', url: '/api/v1/catalog/import', payload: buf, headers: { cookie, 'content-type': XLSX } });

describe('Excel', () => {
  it('exports the catalog as an attachment with the four sheets', async () => {
    const res = await get('/api/v1/catalog/export.xlsx', admin);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name).slice(0, 4)).toEqual(['事项', '材料', '环节', '部门']);
    const items = wb.getWorksheet('事项')!;
    expect(items.getRow(1).getCell(1).value).toBe('实施编码');
    expect(items.actualRowCount).toBe(1 + 4);
    expect(wb.getWorksheet('材料')!.actualRowCount).toBe(1 + 3 + 1 + 0 + 3);
  });
  it('re-imports an export unchanged (no new versions)', async () => {
    const res = await importBook(await exportBook());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(await versionsOf(A.code)).toBe(2);
  });
  it('imports a changed row as a new version', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportBook()) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('事项')!;
    const row = findRow(ws, B.code);
    ws.getRow(row).getCell(colOf(ws, '到现场原因')).value = '需当面签字';
    const res = await importBook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.json()).toEqual({ created: 0, updated: 1, unchanged: 3 });
    expect((await catalog.getItem(ctx, B.code)).visitsReason).toBe('需当面签字');
  });
  it('refuses a file with bad rows whole, naming every row, column and reason', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportBook()) as unknown as ExcelJS.Buffer);
    const items = wb.getWorksheet('事项')!;
    const mats = wb.getWorksheet('材料')!;
    const steps = wb.getWorksheet('环节')!;
    const rowA = findRow(items, A.code);
    const rowB = findRow(items, B.code);
    items.getRow(rowA).getCell(colOf(items, '承诺办结时限（工作日）')).value = 'abc';
    items.getRow(rowB).getCell(colOf(items, '网上办理深度')).value = 5; // B needs a visit → full online refused
    mats.getRow(3).getCell(colOf(mats, '容缺')).value = '也许';
    steps.getRow(2).getCell(colOf(steps, '环节时限（工作日）')).value = -1;
    const extra = items.addRow([]);
    extra.getCell(1).value = 'NOTACODE';
    extra.getCell(colOf(items, '事项名称')).value = '新事项';
    // a benign change elsewhere that must NOT be imported
    items.getRow(findRow(items, C.code)).getCell(colOf(items, '事项名称')).value = '不应导入的名称';
    const res = await importBook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(422);
    const body = res.json();
    const at = body.errors.map((e: { row: number; field: string }) => `${e.field}@${e.row}`);
    expect(at).toContain(`items.promisedLimitDays@${rowA}`);
    expect(at).toContain(`items.visits@${rowB}`);
    expect(at).toContain('materials.deferrable@3');
    expect(at).toContain('steps.limitDays@2');
    expect(at).toContain(`items.code@${extra.number}`);
    for (const e of body.errors) {
      expect(e).toEqual({ row: expect.any(Number), field: expect.stringMatching(/^(items|materials|steps)\./), code: expect.any(String), zh: expect.any(String), en: expect.any(String) });
    }
    expect((await catalog.getItem(ctx, C.code)).name).toBe('小餐饮登记（变更）');
    expect((await get('/api/v1/items')).json().total).toBe(4);
  });
  it('refuses a malformed file with invalid_workbook, and other content types with 415', async () => {
    const res = await importBook(Buffer.from('PK\u0003\u0004 this is not really a zip'));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('invalid_workbook');
    const res2 = await importBook(Buffer.from('hello'));
    expect(res2.json().code).toBe('invalid_workbook');
    const res3 = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/import', payload: 'x', headers: { cookie: admin, 'content-type': 'text/plain' } });
    expect(res3.statusCode).toBe(415);
  });
  it('refuses a workbook missing a sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportBook()) as unknown as ExcelJS.Buffer);
    wb.removeWorksheet(wb.getWorksheet('材料')!.id);
    const res = await importBook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'materials', code: 'missing_sheet' });
  });
  it('allows only admins to import', async () => {
    expect((await importBook(await exportBook(), editor001)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/catalog/import', payload: Buffer.from('x'), headers: { 'content-type': XLSX } })).statusCode).toBe(401);
  });
});

function colOf(ws: ExcelJS.Worksheet, header: string): number {
  let n = 0;
  ws.getRow(1).eachCell((c, i) => {
    if (c.value === header) n = i;
  });
  if (!n) throw new Error(`no column ${header}`);
  return n;
}
function findRow(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === code) return r;
  throw new Error(`no row ${code}`);
}

describe('concurrent writers', () => {
  it('never collide on a version: parallel changes of one item make consecutive versions', async () => {
    const base = await catalog.getItem(ctx, B.code);
    const before = base.version;
    const results = await Promise.all(
      [1, 2, 3, 4].map((k) => send('PUT', `/api/v1/items/${B.code}`, { ...B, visitsReason: `并发修改${k}` }, admin)),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const versions = (await get(`/api/v1/items/${B.code}/versions`)).json().items.map((v: { version: number }) => v.version);
    expect(versions.slice(-4)).toEqual([before + 1, before + 2, before + 3, before + 4]);
  });
  it('create the same item twice at once: one 201, one 409', async () => {
    const X = item(DEPTS[0], 70000);
    const codes = (await Promise.all([1, 2].map(() => send('POST', '/api/v1/items', X, admin)))).map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409]);
  });
});

describe('API surface', () => {
  it('documents the catalog routes in OpenAPI', async () => {
    const res = await get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining(['/api/v1/items', '/api/v1/items/{code}', '/api/v1/catalog/import']));
  });
  it('refuses an import body over 10 MB with 413', async () => {
    const res = await importBook(Buffer.alloc(10 * 1024 * 1024 + 10, 1));
    expect(res.statusCode).toBe(413);
  });
});

describe('another process', () => {
  it('sees writes made by another process within a second', async () => {
    const other: Database = t.database.dialect === 'postgres' ? openPostgres(t.database.url, 2) : openSqlite(t.database.url.slice('sqlite:'.length));
    try {
      expect((await get('/api/v1/items')).json().total).toBe(5); // warm this process's index
      const E = item(DEPTS[1], 400, { type: '07', baseCode: '0700000400', code: DEPTS[1].uscc + '0700000400', name: '收养登记', resultLicenseTypeCode: null });
      await catalog.saveItems({ ...ctx, db: other.db, dialect: other.dialect }, [E]);
      const start = Date.now();
      let total = 0;
      while (Date.now() - start < 1000) {
        total = (await get('/api/v1/items')).json().total;
        if (total === 6) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(total).toBe(6);
    } finally {
      await other.close();
    }
  });
});

describe('bulk save (the seed path)', () => {
  it('refuses the whole batch when one item is bad, listing every error', async () => {
    const good = item(DEPTS[0], 50000);
    const bad1 = item(DEPTS[0], 50001, { caseKind: 1 });
    const bad2 = item(DEPTS[0], 50002, { visits: 1, visitsReason: '' });
    const err = await catalog.saveItems(ctx, [good, bad1, bad2]).catch((e) => e);
    expect(err.status).toBe(422);
    const fields = err.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['items.1.promisedLimitDays', 'items.2.visitsReason']));
    expect(fields.every((f: string) => /^items\.[12]\./.test(f))).toBe(true);
    expect(await catalog.findItem(ctx, good.code)).toBeNull();
  });
  it('saves 515 items in well under 2 seconds, and re-saves them unchanged', async () => {
    const many = Array.from({ length: 515 }, (_, i) => item(DEPTS[i % 2], 60000 + i, { name: `批量事项${i}` }));
    let t0 = performance.now();
    expect(await catalog.saveItems(ctx, many)).toEqual({ created: 515, updated: 0, unchanged: 0 });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(2000);
    t0 = performance.now();
    expect(await catalog.saveItems(ctx, many)).toEqual({ created: 0, updated: 0, unchanged: 515 });
    expect(performance.now() - t0).toBeLessThan(2000);
    const list = (await get('/api/v1/items?pageSize=100&page=6')).json();
    expect(list.total).toBe(521);
    expect(list.items).toHaveLength(21);
    // a search over 520 items answers fast
    t0 = performance.now();
    for (let i = 0; i < 200; i++) await catalog.searchItems({ ...ctx, actor: null }, { q: '批量事项5' });
    expect((performance.now() - t0) / 200).toBeLessThan(2);
  });
});
