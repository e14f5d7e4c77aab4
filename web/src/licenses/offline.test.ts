import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519Signer, issueCredential, makePresentation, toQrText } from '../../../src/licenses/credential.js';
import { tokenOf, verifyOffline, type IssuerKeys } from './offline.js';

// a credential and presentations made by the server's own code, checked by the page's offline code
const ISS = 'https://zwfw.luozhuang.gov.cn';
const NOW = new Date('2026-11-28T02:00:00Z');
const sec = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function issuer(kid: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const { kty, crv, x } = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  return { kid, jwk: { kid, kty, crv, x }, sign: ed25519Signer(privateKey) };
}
const current = issuer('k2');
const retired = issuer('k1');
const KEYS: IssuerKeys = { issuer: ISS, jwks: { keys: [retired.jwk, current.jwk] } };

function credential(by = current, exp: number | null = sec('2031-11-28T16:00:00Z')) {
  return issueCredential(
    {
      kid: by.kid,
      iss: ISS,
      typeCode: '1001',
      typeName: '营业执照',
      iat: sec('2026-11-01T00:00:00Z'),
      nbf: sec('2026-11-01T00:00:00Z'),
      exp,
      claims: { name: '临沂鑫源商贸有限公司', uscc: '91371311MA3C8XYZ1K', scope: '日用百货销售', license_identifier: '1.2.156.3005.2.1001.X' },
    },
    by.sign,
  ).credential;
}
const present = (cred: string, keys: string[], expIso = '2026-11-28T02:05:00Z', by = current) =>
  makePresentation(cred, keys, { iat: sec('2026-11-28T02:00:00Z'), exp: sec(expIso), jti: 'p1', aud: '沂蒙宾馆' }, by.kid, by.sign);

describe('offline verification with the cached issuer keys', () => {
  it('accepts a presentation and reveals exactly the chosen claims', async () => {
    const o = await verifyOffline(present(credential(), ['name']), KEYS, NOW);
    expect(o).toMatchObject({ result: 'valid', typeCode: '1001', typeName: '营业执照', presentation: { audience: '沂蒙宾馆', expiresAt: '2026-11-28T02:05:00.000Z' } });
    expect(o.disclosed).toEqual({ name: '临沂鑫源商贸有限公司' });
  });

  it('accepts a full credential signed with a retired key that is still published', async () => {
    const o = await verifyOffline(credential(retired), KEYS, NOW);
    expect(o.result).toBe('valid');
    expect(Object.keys(o.disclosed).sort()).toEqual(['license_identifier', 'name', 'scope', 'uscc']);
  });

  it('finds tampering in any byte of the token', async () => {
    const token = present(credential(), ['name', 'scope']);
    const results = new Set<string>();
    for (let i = 0; i < token.length; i += 7) {
      const c = token[i] === 'A' ? 'B' : 'A';
      const flipped = token.slice(0, i) + c + token.slice(i + 1);
      results.add((await verifyOffline(flipped, KEYS, NOW)).result);
    }
    expect([...results].every((r) => r === 'tampered' || r === 'unknown_issuer')).toBe(true);
  });

  it('refuses a disclosure added to a presentation after it was signed', async () => {
    const cred = credential();
    const pres = present(cred, ['name']);
    const extra = cred.split('~')[3];
    const parts = pres.split('~');
    const widened = [...parts.slice(0, -1), extra, parts.at(-1)].join('~');
    expect((await verifyOffline(widened, KEYS, NOW)).result).toBe('tampered');
  });

  it('says a presentation past its minutes has expired, and shows nothing', async () => {
    const o = await verifyOffline(present(credential(), ['name'], '2026-11-28T01:59:59Z'), KEYS, NOW);
    expect(o).toMatchObject({ result: 'presentation_expired', disclosed: {} });
  });

  it('says a licence past its term has expired', async () => {
    const o = await verifyOffline(credential(current, sec('2026-11-28T00:00:00Z')), KEYS, NOW);
    expect(o.result).toBe('expired');
  });

  it('does not know a key it has not cached, nor another issuer', async () => {
    expect((await verifyOffline(credential(issuer('k9')), KEYS, NOW)).result).toBe('unknown_issuer');
    expect((await verifyOffline(credential(), { ...KEYS, issuer: 'https://elsewhere.example' }, NOW)).result).toBe('unknown_issuer');
  });

  it('calls garbage tampered rather than failing', async () => {
    for (const junk of ['~', 'a.b.c~', 'eyJ9.eyJ9.AA~', '%%%.x.y~z~']) expect((await verifyOffline(junk, KEYS, NOW)).result).toBe('tampered');
  });

  it('reads the token from a presentation QR, a verify link or a pasted credential — not from an identifier', () => {
    const token = present(credential(), ['name']);
    expect(tokenOf(toQrText(token))).toBe(token);
    expect(tokenOf(`https://zwfw.example/verify#${toQrText(token)}`)).toBe(token);
    expect(tokenOf(` ${token} `)).toBe(token);
    expect(tokenOf('1.2.156.3005.2.1001.91371311MA3C8XYZ1K.00000001.001.Q')).toBeNull();
    expect(tokenOf('https://zwfw.example/verify?l=1.2.156.3005.2.1001')).toBeNull();
  });
});
