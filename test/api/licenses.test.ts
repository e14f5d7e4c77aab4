import { createHash, createPublicKey, generateKeyPairSync, sign, verify as cryptoVerify, type JsonWebKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// the key-encryption key for this test process (otherwise <DATA_DIR>/keys/kek is created)
process.env.ONEWINDOW_KEK ??= Buffer.alloc(32, 7).toString('base64');

import { seedDemoLicenses, seedLicenseScenarios } from '../../src/licenses/seed.js';
import { licensesSatisfying } from '../../src/licenses/service.js';
import { benchLicense } from '../../src/licenses/bench.js';
import type { Actor } from '../../src/platform/actor.js';
import type { fixedClock } from '../../src/platform/clock.js';
import type { Ctx } from '../../src/platform/context.js';
import { licenseIdentifier, usccCheckChar } from '../../src/platform/identifiers.js';
import { demoApplicants } from '../../src/seed/people.js';
import { loginAs, testApp, type TestApp } from '../support/app.js';

const ADMIN: Actor = {
  accountId: 'test-admin',
  username: 'test',
  name: '测试管理员',
  kind: 'staff',
  roles: ['admin'],
  departmentId: null,
  hallId: null,
  applicantId: null,
  mustChangePassword: false,
};

const usernameOf = (name: string) => {
  const a = demoApplicants.find((x) => x.name === name)!;
  return a.kind === 'person' ? a.idNumber : a.uscc;
};

let t: TestApp;
let clock: ReturnType<typeof fixedClock>;
let ctx: Ctx;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp({ seed: 'demo', now: '2026-03-10T02:00:00.000Z' });
  clock = t.clock as ReturnType<typeof fixedClock>;
  ctx = { db: t.database.db, dialect: t.database.dialect, clock, actor: ADMIN, ip: null, log: console };
  await seedLicenseScenarios(ctx);
  await seedDemoLicenses(ctx);
  for (const [k, u] of [
    ['wang', usernameOf('王堃')],
    ['li', usernameOf('李犇')],
    ['xinyuan', usernameOf('临沂市罗庄区鑫源餐饮管理有限公司')],
    ['admin', 'admin'],
    ['cert', 'cert01'],
    ['approver', 'approver01'],
    ['clerk', 'clerk01'],
  ]) {
    cookies[k] = await loginAs(t.app, u);
  }
});
afterAll(async () => t?.close());

const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who?: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload: payload as object | undefined, headers: { ...(who ? { cookie: cookies[who] } : {}), ...headers } });

async function myLicense(who: string, typeName: string) {
  const list = (await req('GET', '/api/v1/my/licenses', who)).json();
  const item = list.items.find((l: { typeName: string }) => l.typeName === typeName);
  expect(item, `${who} holds ${typeName}`).toBeTruthy();
  return (await req('GET', `/api/v1/my/licenses/${item.id}`, who)).json();
}

/** Offline verification with ONLY the JWKS JSON and node:crypto: no project code. */
function verifyOffline(credential: string, jwks: { keys: (JsonWebKey & { kid: string })[] }): { ok: boolean; claims?: Record<string, unknown> } {
  try {
    const segs = credential.split('~');
    const [h, p, s] = segs[0].split('.');
    if (segs.length < 2 || s === undefined) return { ok: false };
    const b64 = /^[A-Za-z0-9_-]+$/;
    if (![h, p, s].every((x) => b64.test(x))) return { ok: false };
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const jwk = jwks.keys.find((k) => k.kid === header.kid);
    if (!jwk || header.alg !== 'EdDSA') return { ok: false };
    const sig = Buffer.from(s, 'base64url');
    if (sig.toString('base64url') !== s) return { ok: false }; // canonical encoding only
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    if (!cryptoVerify(null, Buffer.from(`${h}.${p}`), key, sig)) return { ok: false };
    const claims: Record<string, unknown> = {};
    for (const d of segs.slice(1, -1)) {
      if (!b64.test(d)) return { ok: false };
      const digest = createHash('sha256').update(d).digest('base64url');
      if (!payload._sd.includes(digest)) return { ok: false };
      const [, k, v] = JSON.parse(Buffer.from(d, 'base64url').toString());
      claims[k] = v;
    }
    return { ok: true, claims };
  } catch {
    return { ok: false };
  }
}

describe('issuance and the wallet', () => {
  it('issued demo licences carry GB/T 36904 identifiers and SD-JWT VC credentials', async () => {
    const l = await myLicense('xinyuan', '营业执照');
    expect(l.identifier).toMatch(/^1\.2\.156\.3005\.2\.1001\.[0-9A-Z]{18}\.00000001\.001\.[0-9A-Z]$/);
    expect(l.status).toBe('valid');
    expect(l.credential.split('~')[0].split('.')).toHaveLength(3);
    const header = JSON.parse(Buffer.from(l.credential.split('.')[0], 'base64url').toString());
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'dc+sd-jwt' });
    expect(typeof header.kid).toBe('string');
    const payload = JSON.parse(Buffer.from(l.credential.split('.')[1], 'base64url').toString());
    expect(payload.vct).toBe('urn:onewindow:license:1001');
    expect(payload.name).toBeUndefined(); // every claim is selectively disclosable
    expect(l.operations.map((o: { code: string }) => o.code)).toEqual(['01']);
  });

  it("another holder's licence answers 404, for reading, presenting and granting", async () => {
    const l = await myLicense('wang', '居民身份证');
    expect((await req('GET', `/api/v1/my/licenses/${l.id}`, 'li')).statusCode).toBe(404);
    expect((await req('POST', `/api/v1/my/licenses/${l.id}/presentations`, 'li', { disclose: ['name'] })).statusCode).toBe(404);
    expect((await req('GET', `/api/v1/my/licenses/${l.id}/verifications`, 'li')).statusCode).toBe(404);
    expect((await req('GET', `/api/v1/my/licenses/${l.id}/credential`, 'li')).statusCode).toBe(404);
    expect((await req('GET', `/api/v1/my/licenses/${l.id}`)).statusCode).toBe(401);
    const list = (await req('GET', '/api/v1/my/licenses', 'li')).json();
    expect(list.items).toHaveLength(0);
  });

  it('the credential downloads as application/dc+sd-jwt; the QR PNG encodes the verify URL', async () => {
    const l = await myLicense('wang', '居民身份证');
    const dl = await req('GET', `/api/v1/my/licenses/${l.id}/credential`, 'wang');
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toContain('application/dc+sd-jwt');
    expect(dl.headers['content-disposition']).toContain('attachment');
    expect(dl.body).toBe(l.credential);
    const qr = await req('GET', `/api/v1/licenses/${l.id}/qr.png`, 'wang');
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toBe('image/png');
    expect(qr.rawPayload.subarray(0, 4).toString('hex')).toBe('89504e47');
    expect((await req('GET', `/api/v1/licenses/${l.id}/qr.png`, 'li')).statusCode).toBe(404);
  });

  it('the certificate window issues through the API; claims are checked against the type', async () => {
    const holder = (await req('GET', '/api/v1/my/licenses', 'xinyuan')).json().items[0].holder.applicantId;
    const bad = await req('POST', '/api/v1/licenses', 'cert', { typeCode: '1004', holderApplicantId: holder, claims: { bogus: 'x' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().field).toBe('claims.bogus');
    const unknownType = await req('POST', '/api/v1/licenses', 'cert', { typeCode: '9999', holderApplicantId: holder, claims: {} });
    expect(unknownType.statusCode).toBe(422);
    expect(unknownType.json().field).toBe('typeCode');
    const ok = await req('POST', '/api/v1/licenses', 'cert', {
      typeCode: '1004',
      holderApplicantId: holder,
      claims: { address: '罗庄街道沂河路 188 号', licensedItems: '餐饮', area: 320 },
      caseNo: '37131120260310000001',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ typeName: '公共场所卫生许可证', version: 1, validUntil: '2030-03-09', caseNo: '37131120260310000001' });
    expect(ok.json().claims).toMatchObject({ holderName: '临沂市罗庄区鑫源餐饮管理有限公司', area: '320' });
    // a clerk may not issue
    expect((await req('POST', '/api/v1/licenses', 'clerk', { typeCode: '1004', holderApplicantId: holder, claims: {} })).statusCode).toBe(403);
  });
});

describe('offline verification with only the JWKS', () => {
  it('verifies with node:crypto alone; flipping any byte fails', async () => {
    const jwksRes = await req('GET', '/.well-known/jwks.json');
    expect(jwksRes.statusCode).toBe(200);
    const jwks = JSON.parse(jwksRes.body);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(jwks.keys[0].d).toBeUndefined();
    const { credential } = await myLicense('wang', '居民身份证');
    const good = verifyOffline(credential, jwks);
    expect(good.ok).toBe(true);
    expect(good.claims).toMatchObject({ name: '王堃', holder_name: '王堃', idNumber: usernameOf('王堃') });
    let failures = 0;
    for (let i = 0; i < credential.length - 1; i++) {
      // the final "~" only ends the list; dropping it leaves the same disclosures
      const flipped = credential.slice(0, i) + String.fromCharCode(credential.charCodeAt(i) ^ 1) + credential.slice(i + 1);
      if (!verifyOffline(flipped, jwks).ok) failures += 1;
    }
    expect(failures).toBe(credential.length - 1);
  });

  it('the server says tampered for the same flips', async () => {
    const { credential } = await myLicense('wang', '居民身份证');
    for (const i of [5, 60, credential.indexOf('~') - 3, credential.indexOf('~') - 1, credential.indexOf('~') + 10]) {
      const flipped = credential.slice(0, i) + String.fromCharCode(credential.charCodeAt(i) ^ 1) + credential.slice(i + 1);
      const r = await req('POST', '/api/v1/verify', undefined, { token: flipped });
      expect(r.statusCode).toBe(200);
      expect(['tampered', 'unknown_issuer']).toContain(r.json().result);
      if (i > 60) expect(r.json().result).toBe('tampered');
      expect(r.json().disclosed).toEqual({});
    }
  });

  it('a credential signed by anyone else is unknown_issuer', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${enc({ alg: 'EdDSA', typ: 'dc+sd-jwt', kid: 'someone-else' })}.${enc({ iss: 'https://zwfw.luozhuang.gov.cn', vct: 'urn:onewindow:license:1010', _sd: [], _sd_alg: 'sha-256' })}`;
    const jwt = `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}~`;
    expect((await req('POST', '/api/v1/verify', undefined, { token: jwt })).json().result).toBe('unknown_issuer');
    expect((await req('POST', '/api/v1/verify', undefined, { token: 'garbage' })).json().result).toBe('tampered');
  });
});

describe('presentations (亮证)', () => {
  it('reveals only the chosen claims, verifies from the QR text, and is refused after expiry', async () => {
    const l = await myLicense('wang', '居民身份证');
    const res = await req('POST', `/api/v1/my/licenses/${l.id}/presentations`, 'wang', { disclose: ['name', 'valid_until'], ttlMinutes: 5, audience: '罗庄宾馆' });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p.qrText.startsWith('OW1:')).toBe(true);
    expect(p.qrText.length).toBeLessThan(2000);
    expect(p.verifyUrl).toBe(`/verify#${p.qrText}`);
    expect(p.expiresAt).toBe('2026-03-10T02:05:00.000Z');

    const v = (await req('POST', '/api/v1/verify', undefined, { qrText: p.qrText })).json();
    expect(v).toMatchObject({ result: 'valid', licenseType: { code: '1010', name: '居民身份证' }, presentation: { audience: '罗庄宾馆' } });
    expect(v.disclosed).toEqual({ name: '王堃', valid_until: '2036-05-19' });
    expect(v.fields.map((f: { label: string }) => f.label)).toEqual(['姓名', '有效期至']);
    expect(JSON.stringify(v)).not.toContain(usernameOf('王堃'));

    // adding a disclosure taken from the full credential breaks the binding
    const extra = l.credential.split('~').find((d: string, i: number) => i > 0 && d && Buffer.from(d, 'base64url').toString().includes('idNumber'));
    const segs = p.token.split('~');
    const widened = [...segs.slice(0, -1), extra, segs[segs.length - 1]].join('~');
    expect((await req('POST', '/api/v1/verify', undefined, { token: widened })).json().result).toBe('tampered');

    clock.advanceMs(5 * 60_000 + 1000);
    const late = (await req('POST', '/api/v1/verify', undefined, { token: p.token })).json();
    expect(late.result).toBe('presentation_expired');
    expect(late.disclosed).toEqual({});

    const log = (await req('GET', `/api/v1/my/licenses/${l.id}/verifications`, 'wang')).json();
    expect(log.items.map((x: { result: string }) => x.result)).toEqual(expect.arrayContaining(['valid', 'presentation_expired']));
    const seen = log.items.find((x: { result: string }) => x.result === 'valid');
    expect(seen).toMatchObject({ channel: 'qr', audience: '罗庄宾馆', verifierIp: expect.stringMatching(/\*$/) });
    expect([...seen.disclosed].sort()).toEqual(['name', 'valid_until']);
  });

  it('refuses unknown fields and out-of-range ttl', async () => {
    const l = await myLicense('wang', '居民身份证');
    const a = await req('POST', `/api/v1/my/licenses/${l.id}/presentations`, 'wang', { disclose: ['nope'] });
    expect(a.statusCode).toBe(422);
    expect(a.json().field).toBe('disclose');
    const b = await req('POST', `/api/v1/my/licenses/${l.id}/presentations`, 'wang', { disclose: ['name'], ttlMinutes: 31 });
    expect(b.statusCode).toBe(422);
    expect(b.json().field).toBe('ttlMinutes');
  });
});

describe('lifecycle: suspend, reinstate, revoke, expire, renew, change', () => {
  it('suspended and revoked licences report so; operations are logged with reasons', async () => {
    const l = await myLicense('xinyuan', '食品经营许可证');
    // approver01 (department 001) does not see department 004's licences
    expect((await req('POST', `/api/v1/licenses/${l.id}/actions/suspend`, 'approver', { reason: '检查' })).statusCode).toBe(404);
    expect((await req('POST', `/api/v1/licenses/${l.id}/actions/suspend`, 'cert', { reason: '检查' })).statusCode).toBe(403);
    const s = await req('POST', `/api/v1/licenses/${l.id}/actions/suspend`, 'admin', { reason: '食品安全抽检不合格，责令整改' });
    expect(s.statusCode).toBe(200);
    expect(s.json().status).toBe('suspended');
    expect((await req('POST', '/api/v1/verify', undefined, { token: l.credential })).json().result).toBe('suspended');
    expect((await req('GET', `/api/v1/licenses/status/${l.identifier}`)).json()).toMatchObject({ status: 'suspended', statusReason: '食品安全抽检不合格，责令整改' });
    expect((await req('POST', `/api/v1/licenses/${l.id}/actions/suspend`, 'admin', { reason: 'x' })).statusCode).toBe(409);
    expect((await req('POST', `/api/v1/my/licenses/${l.id}/presentations`, 'xinyuan', { disclose: ['name'] })).statusCode).toBe(409);

    await req('POST', `/api/v1/licenses/${l.id}/actions/reinstate`, 'admin', { reason: '整改合格' });
    expect((await req('POST', '/api/v1/verify', undefined, { token: l.credential })).json().result).toBe('valid');
    const r = await req('POST', `/api/v1/licenses/${l.id}/actions/revoke`, 'admin', { reason: '申请注销', kind: 'cancel' });
    expect(r.json().status).toBe('revoked');
    expect(r.json().operations.map((o: { code: string }) => o.code)).toEqual(['01', '03', '06', '05']);
    expect(r.json().operations[1]).toMatchObject({ reason: '食品安全抽检不合格，责令整改', actor: expect.any(String) });
    expect((await req('POST', '/api/v1/verify', undefined, { token: l.credential })).json().result).toBe('revoked');
    expect((await req('POST', '/api/v1/verify', undefined, { identifier: l.identifier })).json().result).toBe('revoked');
    expect((await req('POST', `/api/v1/licenses/${l.id}/actions/renew`, 'admin', { reason: 'x' })).statusCode).toBe(409);
  });

  it('a licence past its last day reads expired, before and after the 04 sweep', async () => {
    const holder = (await req('GET', '/api/v1/my/licenses', 'wang')).json().items[0].holder.applicantId;
    const old = await req('POST', '/api/v1/licenses', 'admin', { typeCode: '1015', holderApplicantId: holder, claims: { disabilityType: '视力' }, validFrom: '2014-01-01', validUntil: '2023-12-31' });
    expect(old.statusCode).toBe(201);
    expect(old.json().status).toBe('expired');
    const cred = (await req('GET', `/api/v1/licenses/${old.json().id}`, 'admin')).json().credential;
    expect((await req('POST', '/api/v1/verify', undefined, { token: cred })).json().result).toBe('expired');
    const sweep = await req('POST', '/api/v1/licenses/actions/expire-due', 'admin');
    expect(sweep.json().expired).toBeGreaterThanOrEqual(1);
    const after = (await req('GET', `/api/v1/licenses/${old.json().id}`, 'admin')).json();
    expect(after.operations.map((o: { code: string }) => o.code)).toEqual(['01', '04']);
    const v = (await req('POST', '/api/v1/verify', undefined, { token: cred })).json();
    expect(v.result).toBe('expired');
  });

  it('renewal and change make version +1; the old version reads superseded', async () => {
    const l = await myLicense('xinyuan', '营业执照');
    const changed = await req('POST', `/api/v1/licenses/${l.id}/actions/change`, 'approver', { reason: '经营范围变更', claims: { businessScope: '餐饮服务；食品销售；会议及展览服务' } });
    expect(changed.statusCode).toBe(200);
    const c = changed.json();
    expect(c.version).toBe(2);
    expect(c.identifier).toBe(l.identifier.replace(/\.001\.[0-9A-Z]$/, c.identifier.slice(-6)));
    expect(c.identifier).toMatch(/\.00000001\.002\.[0-9A-Z]$/);
    expect(c.claims.businessScope).toBe('餐饮服务；食品销售；会议及展览服务');
    expect(c.claims.registeredCapital).toBe('壹佰万元整');
    expect(c.previousId).toBe(l.id);
    expect(c.operations.map((o: { code: string }) => o.code)).toEqual(['01', '08']);
    expect((await req('POST', '/api/v1/verify', undefined, { token: l.credential })).json().result).toBe('superseded');
    expect((await req('GET', `/api/v1/licenses/status/${l.identifier}`)).json()).toMatchObject({ status: 'superseded', supersededBy: c.identifier });
    const mine = (await req('GET', '/api/v1/my/licenses', 'xinyuan')).json().items.filter((x: { typeName: string }) => x.typeName === '营业执照');
    expect(mine).toHaveLength(1);
    expect(mine[0].version).toBe(2);

    const food = await req('POST', '/api/v1/licenses', 'admin', { typeCode: '1002', holderApplicantId: c.holder.applicantId, claims: { licenceNo: 'JY2' }, validFrom: '2021-06-01' });
    expect(food.json().validUntil).toBe('2026-05-31');
    const renewed = (await req('POST', `/api/v1/licenses/${food.json().id}/actions/renew`, 'admin', { reason: '有效期届满延续' })).json();
    expect(renewed).toMatchObject({ version: 2, validFrom: '2026-03-10', validUntil: '2031-05-31', status: 'valid' });
  });
});

describe('import of licences issued elsewhere', () => {
  // 临沂市河东区市场监督管理局 (another district): a USCC with a correct check character
  const ISSUER = '11371312MB2855301';
  const issuerCode = ISSUER + usccCheckChar(ISSUER);

  it('keeps an original identifier or makes one, records 导入, and the holder and verifiers see them', async () => {
    const holder = (await req('GET', '/api/v1/my/licenses', 'xinyuan')).json().items[0].holder.applicantId;
    const original = licenseIdentifier({ typeCode: '1004', issuerCode, serial: '00000815', version: 2 });
    const common = { holderApplicantId: holder, issuerName: '临沂市河东区卫生健康局', issuedOn: '2025-06-01', validFrom: '2025-06-01' };
    const res = await req('POST', '/api/v1/licenses/import', 'admin', {
      licenses: [
        { ...common, typeCode: '1004', identifier: original, validUntil: '2029-05-31', claims: { address: '河东区人民大街 9 号', licensedItems: '住宿', area: 800 } },
        { ...common, typeCode: '1004', issuerCode, validUntil: null, claims: { address: '河东区凤凰大街 1 号', licensedItems: '餐饮', area: 120 } },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const [kept, made] = res.json().licenses as { id: string; identifier: string }[];
    expect(res.json().imported).toBe(2);
    expect(kept.identifier).toBe(original);
    expect(made.identifier).toMatch(new RegExp(`^1\\.2\\.156\\.3005\\.2\\.1004\\.${issuerCode}\\.\\d{8}\\.001\\.[0-9A-Z]$`));

    const detail = (await req('GET', `/api/v1/licenses/${kept.id}`, 'admin')).json();
    expect(detail).toMatchObject({ identifier: original, version: 2, issuer: { code: issuerCode, name: '临沂市河东区卫生健康局' }, validUntil: '2029-05-31', status: 'valid' });
    expect(detail.operations.map((o: { operation: string }) => o.operation)).toEqual(['import']);
    const wallet = (await req('GET', '/api/v1/my/licenses', 'xinyuan')).json().items.map((l: { identifier: string }) => l.identifier);
    expect(wallet).toEqual(expect.arrayContaining([original, made.identifier]));
    expect((await req('POST', '/api/v1/verify', undefined, { identifier: original })).json()).toMatchObject({ result: 'valid', identifier: original });
    // the imported credential is ours to sign: it verifies like any other
    const mine = (await req('GET', `/api/v1/my/licenses/${kept.id}`, 'xinyuan')).json();
    expect((await req('POST', '/api/v1/verify', undefined, { token: mine.credential })).json().result).toBe('valid');
  });

  it('is all or nothing, names the bad row and field, and is for the admin only', async () => {
    const holder = (await req('GET', '/api/v1/my/licenses', 'xinyuan')).json().items[0].holder.applicantId;
    const good = { typeCode: '1004', holderApplicantId: holder, issuerCode, issuerName: '临沂市河东区卫生健康局', issuedOn: '2025-06-01', validFrom: '2025-06-01', validUntil: null, claims: { address: '河东区', licensedItems: '住宿', area: 1 } };
    const before = (await req('GET', '/api/v1/licenses?pageSize=1', 'admin')).json().total;
    const wrongCheck = licenseIdentifier({ typeCode: '1004', issuerCode, serial: '00000816', version: 1 }).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    for (const [bad, field] of [
      [{ ...good, identifier: wrongCheck }, 'licenses.1.identifier'],
      [{ ...good, issuerCode: '91371311MA3C8XYZ1X' }, 'licenses.1.issuerCode'],
      [{ ...good, validFrom: '2025-02-30' }, 'licenses.1.validFrom'],
      [{ ...good, claims: { bogus: 'x' } }, 'licenses.1.claims.bogus'],
    ] as const) {
      const r = await req('POST', '/api/v1/licenses/import', 'admin', { licenses: [good, bad] });
      expect(r.statusCode, field).toBe(422);
      expect(r.json().field ?? r.json().errors?.[0]?.field).toBe(field);
    }
    expect((await req('GET', '/api/v1/licenses?pageSize=1', 'admin')).json().total).toBe(before);
    expect((await req('POST', '/api/v1/licenses/import', 'cert', { licenses: [good] })).statusCode).toBe(403);
  });
});

describe('verification by identifier and the status list', () => {
  it('an identifier with a wrong MOD 37,36 check character is refused', async () => {
    const l = await myLicense('wang', '居民身份证');
    const last = l.identifier.slice(-1);
    const wrong = l.identifier.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    const r = await req('POST', '/api/v1/verify', undefined, { identifier: wrong });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ field: 'identifier', code: 'identifier_check_digit' });
    expect((await req('GET', `/api/v1/licenses/status/${wrong}`)).statusCode).toBe(422);
    const ok = (await req('POST', '/api/v1/verify', undefined, { qrText: `https://x.example/verify?l=${l.identifier}` })).json();
    expect(ok).toMatchObject({ result: 'valid', identifier: l.identifier, holder: '王*', disclosed: {} });
    const st = (await req('GET', `/api/v1/licenses/status/${l.identifier}`)).json();
    expect(st).toMatchObject({ identifier: l.identifier, status: 'valid', typeName: '居民身份证' });
    expect(JSON.stringify(st)).not.toContain('王堃');
    expect((await req('POST', '/api/v1/verify', undefined, {})).statusCode).toBe(422);
    expect((await req('POST', '/api/v1/verify', undefined, { qrText: 'hello' })).statusCode).toBe(422);
  });
});

describe('keys', () => {
  it('rotation: a new active key; old licences still verify; the JWKS lists both', async () => {
    const before = (await req('GET', '/.well-known/jwks.json')).json().keys;
    expect((await req('POST', '/api/v1/licenses/keys/rotate', 'cert')).statusCode).toBe(403);
    const rot = await req('POST', '/api/v1/licenses/keys/rotate', 'admin');
    expect(rot.statusCode).toBe(200);
    expect(rot.json().previousKid).toBe(before[before.length - 1].kid);
    const jwks = (await req('GET', '/.well-known/jwks.json')).json();
    expect(jwks.keys).toHaveLength(before.length + 1);
    const old = await myLicense('wang', '居民身份证');
    expect(JSON.parse(Buffer.from(old.credential.split('.')[0], 'base64url').toString()).kid).toBe(rot.json().previousKid);
    expect(verifyOffline(old.credential, jwks).ok).toBe(true);
    expect((await req('POST', '/api/v1/verify', undefined, { token: old.credential })).json().result).toBe('valid');
    const p = (await req('POST', `/api/v1/my/licenses/${old.id}/presentations`, 'wang', { disclose: ['name'] })).json();
    expect(JSON.parse(Buffer.from(p.token.split('~').pop().split('.')[0], 'base64url').toString()).kid).toBe(rot.json().kid);
    expect((await req('POST', '/api/v1/verify', undefined, { qrText: p.qrText })).json().result).toBe('valid');
    const list = (await req('GET', '/api/v1/licenses/keys', 'admin')).json();
    expect(list.items.filter((k: { active: boolean }) => k.active)).toHaveLength(1);
    expect(JSON.stringify(list)).not.toMatch(/private|"d"/);
  });
});

describe('grants (用证授权)', () => {
  it('refuses a bad USCC naming the field; the organisation fetches with its secret; revocation stops it', async () => {
    const l = await myLicense('wang', '居民身份证');
    const bad = await req('POST', `/api/v1/my/licenses/${l.id}/grants`, 'wang', { orgUscc: '91371311MA3C8K2Q10', orgName: '某公积金中心', purpose: '公积金提取', validUntil: '2026-12-31' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().field).toBe('orgUscc');
    const uscc = '12371300MB2855301' + usccCheckChar('12371300MB2855301');
    const g = await req('POST', `/api/v1/my/licenses/${l.id}/grants`, 'wang', { orgUscc: uscc, orgName: '临沂市住房公积金管理中心罗庄分中心', purpose: '公积金提取', validUntil: '2026-12-31', fields: ['name', 'idNumber'] });
    expect(g.statusCode).toBe(201);
    const grant = g.json();
    expect(grant.secret).toMatch(/^owg_/);
    const listed = (await req('GET', `/api/v1/my/licenses/${l.id}/grants`, 'wang')).json();
    expect(JSON.stringify(listed)).not.toContain(grant.secret);

    const fetch1 = await req('GET', grant.fetchUrl, undefined, undefined, { authorization: `Bearer ${grant.secret}` });
    expect(fetch1.statusCode).toBe(200);
    expect(fetch1.json()).toMatchObject({ result: 'valid', disclosed: { name: '王堃', idNumber: usernameOf('王堃') } });
    expect(Object.keys(fetch1.json().disclosed)).toHaveLength(2);
    expect((await req('POST', '/api/v1/verify', undefined, { token: fetch1.json().token })).json().result).toBe('valid');
    expect((await req('GET', grant.fetchUrl, undefined, undefined, { authorization: 'Bearer owg_wrong' })).statusCode).toBe(401);
    expect((await req('GET', grant.fetchUrl)).statusCode).toBe(401);

    expect((await req('DELETE', `/api/v1/my/licenses/${l.id}/grants/${grant.id}`, 'li')).statusCode).toBe(404);
    const del = await req('DELETE', `/api/v1/my/licenses/${l.id}/grants/${grant.id}`, 'wang');
    expect(del.json().state).toBe('revoked');
    const refused = await req('GET', grant.fetchUrl, undefined, undefined, { authorization: `Bearer ${grant.secret}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('grant_revoked');

    const log = (await req('GET', `/api/v1/my/licenses/${l.id}/verifications`, 'wang')).json().items.filter((x: { channel: string }) => x.channel === 'grant');
    expect(log.map((x: { result: string }) => x.result)).toEqual(['grant_revoked', 'valid']);
    expect(log[1]).toMatchObject({ orgUscc: uscc, grantId: grant.id, disclosed: ['name', 'idNumber'] });
  });

  it('an expired grant is refused', async () => {
    const l = await myLicense('wang', '居民身份证');
    const uscc = '12371300MB2855301' + usccCheckChar('12371300MB2855301');
    const grant = (await req('POST', `/api/v1/my/licenses/${l.id}/grants`, 'wang', { orgUscc: uscc, orgName: '某单位', purpose: '核验', validUntil: '2026-03-10' })).json();
    expect((await req('GET', grant.fetchUrl, undefined, undefined, { authorization: `Bearer ${grant.secret}` })).statusCode).toBe(200);
    clock.advanceMs(24 * 3600_000);
    const r = await req('GET', grant.fetchUrl, undefined, undefined, { authorization: `Bearer ${grant.secret}` });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('grant_expired');
    clock.advanceMs(-24 * 3600_000);
  });
});

describe('staff register and scope', () => {
  it('admin and cert see all; approver01 only its department; clerks none; ID numbers masked', async () => {
    const all = (await req('GET', '/api/v1/licenses?pageSize=100', 'cert')).json();
    expect(all.total).toBeGreaterThanOrEqual(4);
    const id = all.items.find((x: { typeName: string }) => x.typeName === '居民身份证');
    expect(id.holder.code).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    const mine = (await req('GET', '/api/v1/licenses?pageSize=100', 'approver')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((x: { issuer: { departmentCode: string } }) => x.issuer.departmentCode === '001')).toBe(true);
    expect(mine.total).toBeLessThan(all.total);
    expect((await req('GET', `/api/v1/licenses/${id.id}`, 'approver')).statusCode).toBe(404);
    expect((await req('GET', '/api/v1/licenses', 'clerk')).statusCode).toBe(403);
    expect((await req('GET', '/api/v1/licenses', 'wang')).statusCode).toBe(403);
    // % and _ are searched for as written (no name has them), not as patterns matching every holder
    for (const q of ['%', '_', '鑫源%']) expect((await req('GET', `/api/v1/licenses?q=${encodeURIComponent(q)}`, 'admin')).json().total, q).toBe(0);
    expect((await req('GET', `/api/v1/licenses?q=${encodeURIComponent('鑫源')}`, 'admin')).json().total).toBeGreaterThan(0);
    const revoked = (await req('GET', '/api/v1/licenses?status=revoked', 'admin')).json();
    expect(revoked.items.every((x: { status: string }) => x.status === 'revoked')).toBe(true);
    expect((await req('GET', '/api/v1/licenses?status=bogus', 'admin')).statusCode).toBe(400);
  });
});

describe('concurrency', () => {
  it('parallel issuance takes distinct serials', async () => {
    const holder = (await req('GET', '/api/v1/my/licenses', 'wang')).json().items[0].holder.applicantId;
    const cert: Ctx = { ...ctx, actor: { ...ADMIN, accountId: 'test-cert', roles: ['cert'] } };
    const { issueLicense } = await import('../../src/licenses/service.js');
    const issued = await Promise.all(
      Array.from({ length: 8 }, () => issueLicense(cert, { typeCode: '1013', holderApplicantId: holder, claims: { householdNo: '1' } })),
    );
    const serials = issued.map((l) => l.identifier.split('.')[7]);
    expect(new Set(serials).size).toBe(8);
    expect(serials.sort()).toEqual(Array.from({ length: 8 }, (_, i) => String(i + 1).padStart(8, '0')));
  });
});

describe('reuse at intake, scenarios, bench', () => {
  it('licensesSatisfying answers valid licences only', async () => {
    const holder = (await req('GET', '/api/v1/my/licenses', 'xinyuan')).json().items[0].holder.applicantId;
    const m = await licensesSatisfying(ctx, holder, ['1001', '1002', '1003'], '2026-03-10');
    expect([...m.keys()].sort()).toEqual(['1001', '1002']);
    expect(m.get('1001')).toMatchObject({ name: '营业执照', identifier: expect.stringMatching(/\.002\.[0-9A-Z]$/) });
    expect((await licensesSatisfying(ctx, holder, ['1001'], '2020-01-01')).size).toBe(0);
  });

  it('the scenario list is public; only the admin edits it, with checked fields', async () => {
    const list = (await req('GET', '/api/v1/license-scenarios')).json();
    expect(list.items.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['宾馆入住', '快递实名寄递', '招投标', '住房公积金', '医保结算', '不动产登记']));
    expect(list.items.find((s: { name: string }) => s.name === '宾馆入住').licenseTypes).toEqual([{ code: '1010', name: '居民身份证' }]);
    const body = { name: '银行开户', licenseTypeCodes: ['1001'], fields: ['name', 'uscc'] };
    expect((await req('POST', '/api/v1/license-scenarios', 'cert', body)).statusCode).toBe(403);
    const bad = await req('POST', '/api/v1/license-scenarios', 'admin', { ...body, fields: ['idNumber'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().field).toBe('fields');
    const created = await req('POST', '/api/v1/license-scenarios', 'admin', body);
    expect(created.statusCode).toBe(201);
    expect((await req('POST', '/api/v1/license-scenarios', 'admin', body)).statusCode).toBe(409);
    const upd = await req('PUT', `/api/v1/license-scenarios/${created.json().id}`, 'admin', { ...body, description: '企业银行开户' });
    expect(upd.json().description).toBe('企业银行开户');
    expect((await req('DELETE', `/api/v1/license-scenarios/${created.json().id}`, 'admin')).statusCode).toBe(200);
  });

  it('the bench helper returns a credential that verifies with raw crypto and via the API', async () => {
    const b = await benchLicense(ctx);
    const jwk = b.jwks.keys.find((k) => k.kid === b.kid)!;
    const key = createPublicKey({ key: jwk as unknown as JsonWebKey, format: 'jwk' });
    expect(cryptoVerify(null, Buffer.from(b.signingInput), key, Buffer.from(b.signature, 'base64url'))).toBe(true);
    expect((await req('POST', '/api/v1/verify', undefined, { token: b.credential })).json().result).toBe('valid');
  });
});
