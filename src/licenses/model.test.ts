import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { licenseIdentifier, mod37_36Check } from '../platform/identifiers.js';
import { Problem } from '../platform/problem.js';
import {
  disclosedClaims,
  disclosuresMatch,
  ed25519PublicKeyFromJwk,
  ed25519Signer,
  issueCredential,
  makePresentation,
  parseSdJwt,
  selectDisclosures,
  sha256b64u,
  verifyJwtSignature,
} from './credential.js';
import {
  LICENSE_STATUSES,
  TRANSITIONS,
  assertTransition,
  canTransition,
  checkClaims,
  checkPresentationRequest,
  effectiveStatus,
  formatSerial,
  grantState,
  isDate,
  isValidOn,
  maskIp,
  nextVersion,
  parseIdentifierInput,
  termEnd,
  withHolderDefaults,
  type LicenseStatus,
} from './model.js';

describe('status transitions', () => {
  // the whole table: operation × status → allowed?
  const table: Record<keyof typeof TRANSITIONS, LicenseStatus[]> = {
    renew: ['valid', 'expired'],
    suspend: ['valid'],
    expire: ['valid', 'suspended'],
    revoke: ['valid', 'suspended', 'expired'],
    reinstate: ['suspended'],
    change: ['valid'],
  };
  for (const [op, allowed] of Object.entries(table) as [keyof typeof TRANSITIONS, LicenseStatus[]][]) {
    for (const status of LICENSE_STATUSES) {
      const ok = allowed.includes(status);
      it(`${op} from ${status}: ${ok ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(op, status)).toBe(ok);
        if (ok) expect(() => assertTransition(op, status)).not.toThrow();
        else {
          try {
            assertTransition(op, status);
            expect.unreachable();
          } catch (e) {
            expect(e).toBeInstanceOf(Problem);
            expect((e as Problem).status).toBe(409);
            expect((e as Problem).code).toBe('license_state');
          }
        }
      });
    }
  }
  it('nothing is allowed on a revoked or superseded licence', () => {
    for (const op of Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]) {
      expect(canTransition(op, 'superseded')).toBe(false);
      expect(canTransition(op, 'revoked')).toBe(false);
    }
  });
});

describe('expiry by date', () => {
  const base = { valid_from: '2024-01-01', valid_until: '2026-06-30', superseded_by: null };
  it('valid through its last day, expired the day after', () => {
    expect(effectiveStatus({ ...base, status: 'valid' }, '2026-06-30')).toBe('valid');
    expect(effectiveStatus({ ...base, status: 'valid' }, '2026-07-01')).toBe('expired');
  });
  it('a suspended licence past its term reads expired; revoked stays revoked', () => {
    expect(effectiveStatus({ ...base, status: 'suspended' }, '2026-05-01')).toBe('suspended');
    expect(effectiveStatus({ ...base, status: 'suspended' }, '2026-07-01')).toBe('expired');
    expect(effectiveStatus({ ...base, status: 'revoked' }, '2026-07-01')).toBe('revoked');
  });
  it('long-term licences never expire; superseded wins', () => {
    expect(effectiveStatus({ ...base, valid_until: null, status: 'valid' }, '2099-01-01')).toBe('valid');
    expect(effectiveStatus({ ...base, status: 'valid', superseded_by: 'x' }, '2025-01-01')).toBe('superseded');
  });
  it('valid on a date: inside [from, until] and valid', () => {
    expect(isValidOn({ ...base, status: 'valid' }, '2023-12-31')).toBe(false);
    expect(isValidOn({ ...base, status: 'valid' }, '2024-01-01')).toBe(true);
    expect(isValidOn({ ...base, status: 'suspended' }, '2025-01-01')).toBe(false);
  });
  it('terms: whole years minus a day, leap days clamp', () => {
    expect(termEnd('2026-03-15', 5)).toBe('2031-03-14');
    expect(termEnd('2024-02-29', 1)).toBe('2025-02-27');
    expect(termEnd('2026-01-01', 1)).toBe('2026-12-31');
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2028-02-29')).toBe(true);
  });
});

describe('identifiers and versions', () => {
  const row = { type_code: '1001', issuer_code: '11371311MB2855307X', serial: formatSerial(42), version: 1 };
  it('serials are 8 digits; the check character is MOD 37,36 over the middle parts', () => {
    expect(row.serial).toBe('00000042');
    const id = licenseIdentifier({ typeCode: row.type_code, issuerCode: row.issuer_code, serial: row.serial, version: 1 });
    expect(id.startsWith('1.2.156.3005.2.1001.11371311MB2855307X.00000042.001.')).toBe(true);
    expect(id.slice(-1)).toBe(mod37_36Check('100111371311MB2855307X00000042001'));
  });
  it('renewal and change: version + 1, same serial, new check character', () => {
    const next = nextVersion(row);
    expect(next.version).toBe(2);
    expect(next.identifier).toMatch(/\.00000042\.002\.[0-9A-Z]$/);
    expect(parseIdentifierInput(next.identifier).version).toBe(2);
    expect(() => nextVersion({ ...row, version: 999 })).toThrow(Problem);
  });
  it('a wrong check character is refused with 422 naming the field', () => {
    const id = licenseIdentifier({ typeCode: '1001', issuerCode: 'ABC', serial: '00000001', version: 1 });
    const wrong = id.slice(0, -1) + (id.endsWith('0') ? '1' : '0');
    try {
      parseIdentifierInput(wrong);
      expect.unreachable();
    } catch (e) {
      expect((e as Problem).status).toBe(422);
      expect((e as Problem).field).toBe('identifier');
      expect((e as Problem).code).toBe('identifier_check_digit');
    }
  });
});

describe('claims', () => {
  const fields = [
    { key: 'uscc', label: '统一社会信用代码' },
    { key: 'name', label: '名称' },
    { key: 'businessScope', label: '经营范围' },
  ];
  it('unknown keys and non-text values are refused naming the field', () => {
    try {
      checkClaims(fields, { bogus: 'x', name: {} });
      expect.unreachable();
    } catch (e) {
      expect((e as Problem).status).toBe(422);
      expect((e as Problem).errors?.map((x) => x.field)).toEqual(['claims.bogus', 'claims.name']);
    }
  });
  it('the holder fills its own fields', () => {
    const c = withHolderDefaults(fields, { businessScope: '餐饮' }, { kind: 'enterprise', name: '某公司', code: '91X', legalRepresentative: '王' });
    expect(c).toEqual({ uscc: '91X', name: '某公司', businessScope: '餐饮' });
  });
  it('presentation requests: known keys, ttl 1..30', () => {
    expect(checkPresentationRequest(['a', 'b'], ['a', 'a'], undefined)).toEqual({ keys: ['a'], ttl: 5 });
    expect(() => checkPresentationRequest(['a'], ['x'], 5)).toThrow(/disclose/);
    expect(() => checkPresentationRequest(['a'], ['a'], 31)).toThrow(/ttlMinutes/);
    expect(() => checkPresentationRequest(['a'], ['a'], 0)).toThrow(/ttlMinutes/);
  });
  it('grants and masks', () => {
    expect(grantState({ revoked_at: null, valid_until: '2026-01-01' }, '2026-01-01')).toBe('active');
    expect(grantState({ revoked_at: null, valid_until: '2026-01-01' }, '2026-01-02')).toBe('expired');
    expect(grantState({ revoked_at: 'x', valid_until: '2099-01-01' }, '2026-01-02')).toBe('revoked');
    expect(maskIp('203.0.113.7')).toBe('203.0.113.*');
  });
});

describe('SD-JWT credential', () => {
  const { privateKey, publicKey: publicKeyObject } = generateKeyPairSync('ed25519');
  const publicKey = ed25519PublicKeyFromJwk(publicKeyObject.export({ format: 'jwk' }));
  const { credential, digest } = issueCredential(
    { kid: 'k1', iss: 'https://example.gov.cn', typeCode: '1010', typeName: '居民身份证', iat: 1, nbf: 1, exp: null, claims: { name: '王堃', idNumber: '371311198503122013', address: '罗庄' } },
    ed25519Signer(privateKey),
  );
  it('every claim is a disclosure; the issuer JWT verifies', () => {
    const p = parseSdJwt(credential);
    expect(p.digest).toBe(digest);
    expect(p.jwt.payload.name).toBeUndefined();
    expect((p.jwt.payload._sd as string[]).length).toBe(3);
    expect(verifyJwtSignature(p.jwt, publicKey)).toBe(true);
    expect(disclosuresMatch(p)).toBe(true);
    expect(disclosedClaims(p)).toEqual({ name: '王堃', idNumber: '371311198503122013', address: '罗庄' });
  });
  it('selecting disclosures keeps only the chosen ones', () => {
    const p = parseSdJwt(selectDisclosures(credential, ['name']));
    expect(disclosedClaims(p)).toEqual({ name: '王堃' });
    expect(disclosuresMatch(p)).toBe(true);
  });
  it('a presentation is bound to its disclosures (sd_hash)', () => {
    const token = makePresentation(credential, ['name'], { iat: 1, exp: 2, jti: 'j' }, 'k1', ed25519Signer(privateKey));
    const p = parseSdJwt(token);
    expect(p.presentation?.payload.exp).toBe(2);
    expect(verifyJwtSignature(p.presentation!, publicKey)).toBe(true);
    expect(p.presentation!.payload.sd_hash).toBe(sha256b64u(p.sdHashInput));
    expect(p.sdHashInput).toBe(selectDisclosures(credential, ['name']));
  });
  it('a flipped signature bit, another key or a short key fails the signature', () => {
    const { jwt } = parseSdJwt(credential);
    const flipped = Buffer.from(jwt.signature);
    flipped[10] ^= 1;
    expect(verifyJwtSignature({ ...jwt, signature: flipped }, publicKey)).toBe(false);
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
    expect(verifyJwtSignature(jwt, ed25519PublicKeyFromJwk(other))).toBe(false);
    expect(verifyJwtSignature(jwt, publicKey.subarray(0, 31))).toBe(false);
    expect(verifyJwtSignature({ ...jwt, header: { ...jwt.header, alg: 'ES256' } }, publicKey)).toBe(false);
  });
  it('takes public keys only from Ed25519 JWKs', () => {
    const x = publicKeyObject.export({ format: 'jwk' }).x;
    expect(() => ed25519PublicKeyFromJwk({ kty: 'OKP', crv: 'Ed448', x })).toThrow(/Ed25519/);
    expect(() => ed25519PublicKeyFromJwk({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' })).toThrow(/Ed25519/);
  });
  it('a forged disclosure does not match the signed digests', () => {
    const forged = credential.replace(/~[^~]+~$/, `~${Buffer.from(JSON.stringify(['s', 'name', '李四'])).toString('base64url')}~`);
    expect(disclosuresMatch(parseSdJwt(forged))).toBe(false);
  });
});
