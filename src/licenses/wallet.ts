/**
 * The holder's wallet: their licences, the credential download, the QR target, 亮证 (selective
 * presentations with a short life) and who verified their licences.
 */
import type { Ctx } from '../platform/context.js';
import { uuidv7 } from '../platform/ids.js';
import { Problem } from '../platform/problem.js';
import { audit, seconds, staffDept, today } from './context.js';
import { parseSdJwt, toQrText } from './credential.js';
import { checkPresentationRequest, effectiveStatus, maskIp } from './model.js';
import * as policy from './policy.js';
import { publicBase, verifyPath } from './settings.js';
import { signPresentation } from './signing.js';
import * as store from './store.js';
import type { LicenseRow } from './store.js';
import { flushVerificationLog } from './verifylog.js';
import { baseView, detailView } from './views.js';

/** A licence of the applicant logged in (404 otherwise). */
export async function loadOwn(ctx: Ctx, id: string): Promise<LicenseRow> {
  const actor = policy.assertApplicant(ctx.actor);
  const row = await store.findLicense(ctx.db, id);
  if (!row || !policy.canHold(actor, row)) throw policy.notVisible();
  return row;
}

/** The claim keys the holder may disclose one by one (the credential's disclosures). */
export const disclosableKeys = (credential: string) => parseSdJwt(credential).disclosures.map((d) => d.key);

export async function listMyLicenses(ctx: Ctx, q: { includeSuperseded?: boolean } = {}) {
  const actor = policy.assertApplicant(ctx.actor);
  const day = today(ctx);
  const { total, rows } = await store.listLicenses(
    ctx.db,
    { kind: 'holder', applicantId: actor.applicantId },
    { includeSuperseded: q.includeSuperseded, today: day, limit: 500, offset: 0 },
  );
  return { total, items: rows.map((r) => baseView(r, day, true)) };
}

export async function getMyLicense(ctx: Ctx, id: string) {
  const row = await loadOwn(ctx, id);
  return detailView(ctx, row, { full: true, credential: true });
}

/** The raw credential for download (application/dc+sd-jwt). */
export async function myCredential(ctx: Ctx, id: string) {
  const row = await loadOwn(ctx, id);
  return { credential: row.credential, identifier: row.identifier };
}

/** The verify URL a licence's QR code carries (holder, or staff who may see the licence). */
export async function licenseQrTarget(ctx: Ctx, id: string): Promise<string> {
  const actor = policy.requireActor(ctx.actor);
  const row = await store.findLicense(ctx.db, id);
  if (!row) throw policy.notVisible();
  const ok = actor.kind === 'applicant' ? policy.canHold(actor, row) : policy.canViewLicense(await staffDept(ctx, actor), row);
  if (!ok) throw policy.notVisible();
  return `${publicBase()}${verifyPath(row.identifier)}`;
}

export interface PresentationInput {
  disclose: string[];
  ttlMinutes?: number;
  audience?: string;
}

/** 亮证: a presentation disclosing only the chosen claims, expiring after ttlMinutes (1–30, default 5). */
export async function createPresentation(ctx: Ctx, id: string, input: PresentationInput) {
  const row = await loadOwn(ctx, id);
  const day = today(ctx);
  const status = effectiveStatus(row, day);
  if (status !== 'valid') {
    throw new Problem(409, 'license_not_valid', { zh: `证照状态为「${status}」，不能亮证`, en: `The licence is ${status}; it cannot be presented` }, { extra: { status } });
  }
  const { keys: chosen, ttl } = checkPresentationRequest(disclosableKeys(row.credential), input.disclose ?? [], input.ttlMinutes);
  const audience = input.audience?.trim() || undefined;
  const now = ctx.clock.now();
  const iat = seconds(now);
  const exp = iat + ttl * 60;
  const jti = uuidv7();
  const token = await ctx.db.transaction().execute(async (tx) => {
    const t = await signPresentation(tx, now, row.credential, chosen, { iat, exp, jti, ...(audience ? { aud: audience } : {}) });
    await audit(ctx, tx, { action: 'license.present', target: { type: 'license', id: row.id }, detail: `disclose ${chosen.join(',')} ttl ${ttl}m` }, now);
    return t;
  });
  const qrText = toQrText(token);
  return {
    id: jti,
    licenseId: row.id,
    identifier: row.identifier,
    token,
    qrText,
    verifyUrl: `/verify#${qrText}`,
    disclosed: chosen,
    audience: audience ?? null,
    issuedAt: new Date(iat * 1000).toISOString(),
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

export async function myVerifications(ctx: Ctx, id: string, q: { limit?: number } = {}) {
  const row = await loadOwn(ctx, id);
  await flushVerificationLog(ctx.db, ctx.log);
  const chain = await store.chainOf(ctx.db, row);
  const rows = await store.verificationsOf(ctx.db, chain.map((c) => c.id), Math.min(Math.max(q.limit ?? 100, 1), 500));
  return {
    items: rows.map((v) => ({
      id: v.id,
      at: v.at,
      channel: v.channel,
      result: v.result,
      identifier: v.identifier,
      verifierIp: maskIp(v.ip),
      audience: v.audience,
      disclosed: v.disclosed ? (JSON.parse(v.disclosed) as string[]) : [],
      grantId: v.grant_id,
      orgUscc: v.org_uscc,
    })),
  };
}
