/**
 * Bench helper: issues one licence and returns it with the JWKS, so the bench can compare
 * `POST /api/v1/verify` throughput with raw `crypto.verify` over the same credential.
 * `ctx.actor` must be allowed to issue (admin or a certificate window).
 */
import { listApplicants } from '../accounts/service.js';
import { listLicenseTypes } from '../catalog/service.js';
import type { Ctx } from '../platform/context.js';
import type { PublicJwk } from './keys.js';
import * as service from './service.js';

export interface BenchLicense {
  licenseId: string;
  identifier: string;
  /** the SD-JWT VC compact string (`<jwt>~<disclosures>~`) — POST /api/v1/verify {token: credential} */
  credential: string;
  /** the issuer-signed JWT alone and its parts, for raw crypto.verify */
  signingInput: string;
  signature: string;
  kid: string;
  jwks: { keys: PublicJwk[] };
}

export async function benchLicense(ctx: Ctx): Promise<BenchLicense> {
  const types = await listLicenseTypes(ctx);
  const type = types.find((t) => t.name === '营业执照') ?? types[0];
  if (!type) throw new Error('benchLicense: the catalog has no licence types');
  const holder = (await listApplicants(ctx, {})).items.find((a) => a.kind === 'enterprise') ?? (await listApplicants(ctx, {})).items[0];
  if (!holder) throw new Error('benchLicense: no applicant to hold the licence');
  const issued = await service.issueLicense(ctx, { typeCode: type.code, holderApplicantId: holder.id, claims: {}, validUntil: null });
  const full = await service.getLicense(ctx, issued.id);
  const credential = full.credential;
  if (!credential) throw new Error('benchLicense: no credential');
  const jwt = credential.slice(0, credential.indexOf('~'));
  const dot = jwt.lastIndexOf('.');
  return {
    licenseId: issued.id,
    identifier: issued.identifier,
    credential,
    signingInput: jwt.slice(0, dot),
    signature: jwt.slice(dot + 1),
    kid: full.kid,
    jwks: await service.publicJwks(ctx),
  };
}
