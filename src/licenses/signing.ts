/** Signing keys: signing presentations with the active key, rotation, the key list, the public JWKS. */
import type { Ctx } from '../platform/context.js';
import { audit, type Tx } from './context.js';
import { ed25519Signer, makePresentation, type PresentationClaims } from './credential.js';
import * as keys from './keys.js';
import * as policy from './policy.js';

/** A presentation of `credential` disclosing `disclose`, signed with the active key (inside the caller's transaction). */
export async function signPresentation(tx: Tx, now: string, credential: string, disclose: string[], claims: PresentationClaims) {
  const key = await keys.activeSigningKey(tx, now);
  return makePresentation(credential, disclose, claims, key.kid, ed25519Signer(key.privateKey));
}

export async function rotateSigningKey(ctx: Ctx) {
  const actor = policy.requireActor(ctx.actor);
  policy.assertAllowed(policy.canRotateKeys(actor), { zh: '仅管理员可轮换签名密钥', en: 'Only an admin may rotate signing keys' });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const r = await keys.rotate(tx, now);
    await audit(ctx, tx, { action: 'license.key.rotate', target: { type: 'license_key', id: r.kid }, detail: `previous ${r.previousKid ?? '-'}` }, now);
    return { ...r, rotatedAt: now };
  });
}

export async function listSigningKeys(ctx: Ctx) {
  const actor = policy.requireActor(ctx.actor);
  policy.assertAllowed(policy.canRotateKeys(actor), { zh: '仅管理员可查看签名密钥', en: 'Only an admin may list signing keys' });
  return { items: await keys.keyList(ctx.db) };
}

export const publicJwks = (ctx: Ctx) => keys.jwks(ctx.db);
