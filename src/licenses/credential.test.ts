import { generateKeyPairSync, verify } from 'node:crypto';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { describe, expect, it } from 'vitest';
import { ed25519Signer, issueCredential, selectDisclosures } from './credential.js';

/** Interoperability: the reference SD-JWT VC library reads and verifies our credentials. */
describe('credentials interoperate with @sd-jwt/sd-jwt-vc', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const now = Math.floor(Date.now() / 1000);
  const { credential } = issueCredential(
    {
      kid: 'k1',
      iss: 'https://zwfw.luozhuang.gov.cn',
      typeCode: '1001',
      typeName: '营业执照',
      iat: now,
      nbf: now - 86400,
      exp: null,
      claims: { name: '临沂市罗庄区鑫源餐饮管理有限公司', uscc: '91371311MA3C8K2Q1X', businessScope: '餐饮服务' },
    },
    ed25519Signer(privateKey),
  );
  const vc = new SDJwtVcInstance({
    hasher: digest,
    verifier: async (data: string, sig: string) => verify(null, Buffer.from(data), publicKey, Buffer.from(sig, 'base64url')),
  });

  it('verifies the full credential and sees every claim', async () => {
    const r = await vc.verify(credential);
    expect(r.payload).toMatchObject({ vct: 'urn:onewindow:license:1001', name: '临沂市罗庄区鑫源餐饮管理有限公司', uscc: '91371311MA3C8K2Q1X' });
  });

  it('a reduced credential discloses only what was kept', async () => {
    const r = await vc.verify(selectDisclosures(credential, ['name']));
    expect(r.payload.name).toBe('临沂市罗庄区鑫源餐饮管理有限公司');
    expect(r.payload.uscc).toBeUndefined();
    expect(r.payload.businessScope).toBeUndefined();
  });

  it('the library refuses a forged signature too', async () => {
    const { privateKey: other } = generateKeyPairSync('ed25519');
    const { credential: forged } = issueCredential(
      { kid: 'k1', iss: 'x', typeCode: '1001', typeName: 'x', iat: now, nbf: now, exp: null, claims: { name: 'x' } },
      ed25519Signer(other),
    );
    await expect(vc.verify(forged)).rejects.toThrow();
  });
});
