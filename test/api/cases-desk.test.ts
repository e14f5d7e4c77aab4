import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../../src/platform/files/testing.js';
import { loginAs, testApp, type TestApp } from '../support/app.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const as = async (who: string) => (cookies[who] ??= await loginAs(t.app, who));
const get = async (url: string, who: string) => t.app.inject({ method: 'GET', url, headers: { cookie: await as(who) } });

type Item = { code: string; materials: { code: string; required: boolean; licenseTypeCode: string | null }[] };

beforeAll(async () => {
  t = await testApp({ seed: 'demo' });
});
afterAll(async () => t?.close());

describe('what the desk needs besides the case itself', () => {
  it('lists the applicant’s valid licences that satisfy the item’s materials — to intake staff only', async () => {
    const enterprise = (await get('/api/v1/applicants?name=鑫源', 'clerk01')).json().items[0];
    const items = (await get('/api/v1/items?q=食品经营许可&pageSize=50', 'clerk01')).json().items as { code: string }[];
    let item: Item | undefined;
    for (const i of items) {
      const detail = (await get(`/api/v1/items/${i.code}`, 'clerk01')).json() as Item;
      if (detail.materials.some((m) => m.licenseTypeCode === '1001')) {
        item = detail;
        break;
      }
    }
    expect(item).toBeDefined();
    const url = `/api/v1/cases/intake/licenses?applicantId=${enterprise.id}&itemCode=${item!.code}`;
    const res = await get(url, 'clerk01');
    expect(res.statusCode).toBe(200);
    const held = res.json().items as { typeCode: string; typeName: string; materialCode: string; licenseId: string; identifier: string }[];
    expect(held.find((h) => h.typeCode === '1001')).toMatchObject({ typeName: '营业执照', materialCode: item!.materials.find((m) => m.licenseTypeCode === '1001')!.code });
    expect(held[0].identifier).toMatch(/^1\.2\.156\.3005\.2\./);
    expect((await get(url, 'approver01')).statusCode).toBe(403);

    // the licence stands in for the material (0 材料), and the case records which licence it was
    const licenceMaterial = item!.materials.find((m) => m.licenseTypeCode === '1001')!.code;
    const licence = held.find((h) => h.typeCode === '1001')!;
    const materials = (licenceBy: Record<string, unknown>) =>
      item!.materials.filter((m) => m.required).map((m) => (m.code === licenceMaterial ? { code: m.code, ...licenceBy } : { code: m.code, by: 'provided', paperSeen: true }));
    const intake = async (licenceBy: Record<string, unknown>, applicantId = enterprise.id) =>
      t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: await as('clerk01') }, payload: { itemCode: item!.code, applicantId, materials: materials(licenceBy) } });
    const accepted = await intake({ by: 'license', licenseId: licence.licenseId });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const used = accepted.json().materials.find((m: { code: string }) => m.code === licenceMaterial);
    expect(used).toMatchObject({ satisfiedBy: 'license', licenseId: licence.licenseId, licenseIdentifier: licence.identifier, files: [] });

    // refused, naming the field, and nothing written: a licence of someone else, or none held
    const before = (await get('/api/v1/cases?pageSize=1', 'clerk01')).json().total;
    const mismatch = await intake({ by: 'license', licenseId: '0190aaaa-0000-7000-8000-000000000000' });
    expect(mismatch.statusCode).toBe(422);
    expect(JSON.stringify(mismatch.json())).toContain('license_mismatch');
    const person = (await get('/api/v1/applicants?name=王', 'clerk01')).json().items.find((a: { kind: string }) => a.kind === 'person');
    const none = await intake({ by: 'license' }, person.id);
    expect(none.statusCode).toBe(422);
    expect(JSON.stringify(none.json())).toContain('no_valid_license');
    expect((await get('/api/v1/cases?pageSize=1', 'clerk01')).json().total).toBe(before);
  });

  it('lets staff who see the case open its uploaded files, and nobody else', async () => {
    const wang = await as('371311198503122015');
    const upload = await t.app.inject({ method: 'POST', url: '/api/v1/files', headers: { cookie: wang, 'content-type': 'image/png' }, payload: SAMPLES.png });
    expect(upload.statusCode).toBeLessThan(300);
    const sha = upload.json().sha256 as string;
    const items = (await get('/api/v1/items?caseKind=2&pageSize=50', 'clerk01')).json().items as { code: string; departmentCode: string }[];
    const item = (await get(`/api/v1/items/${items[0].code}`, 'clerk01')).json() as Item;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: wang },
      payload: { itemCode: item.code, materials: item.materials.filter((m) => m.required).map((m) => ({ code: m.code, by: 'provided', files: [sha] })) },
    });
    expect(created.statusCode).toBe(201);
    const caseNo = created.json().caseNo as string;

    const file = await get(`/api/v1/cases/${caseNo}/files/${sha}`, 'clerk01');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toMatch(/^attachment/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.rawPayload.equals(SAMPLES.png)).toBe(true);

    const otherDept = items[0].departmentCode === '002' ? 'approver03' : 'approver02';
    expect((await get(`/api/v1/cases/${caseNo}/files/${sha}`, otherDept)).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${caseNo}/files/${'0'.repeat(64)}`, 'clerk01')).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${caseNo}/files/..%2F..%2Fetc`, 'clerk01')).statusCode).toBe(400);
  });

  it('pages case lists with numbers given in the query string', async () => {
    const res = await get('/api/v1/cases?page=1&pageSize=30', 'clerk01');
    expect(res.statusCode).toBe(200);
    expect(res.json().pageSize).toBe(30);
    expect((await get('/api/v1/cases?pageSize=500', 'clerk01')).statusCode).toBe(400);
  });
});
