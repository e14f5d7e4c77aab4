/** 用证授权: the holder lets an organisation fetch chosen claims of a licence with a bearer secret. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { shanghaiDate } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import { validateUscc } from '../platform/identifiers.js';
import { uuidv7 } from '../platform/ids.js';
import { invalidField, Problem } from '../platform/problem.js';
import { audit, checkDate, seconds, today, typeFieldsOf } from './context.js';
import { credentialClaims, effectiveStatus, grantState, labelledFields, labelsFor, type Claims } from './model.js';
import * as policy from './policy.js';
import { statusUri } from './settings.js';
import { signPresentation } from './signing.js';
import * as store from './store.js';
import { logVerification } from './verifylog.js';
import { licenseOrigin } from './views.js';
import { disclosableKeys, loadOwn } from './wallet.js';

export interface GrantInput {
  orgUscc: string;
  orgName: string;
  purpose: string;
  /** YYYY-MM-DD, last day the organisation may fetch */
  validUntil: string;
  /** claim keys the organisation may see (default: all) */
  fields?: string[];
}

const hashSecret = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function grantView(g: store.GrantRow, day: string) {
  return {
    id: g.id,
    licenseId: g.license_id,
    orgUscc: g.org_uscc,
    orgName: g.org_name,
    purpose: g.purpose,
    fields: JSON.parse(g.fields) as string[],
    validUntil: g.valid_until,
    state: grantState(g, day),
    createdAt: g.created_at,
    revokedAt: g.revoked_at,
    useCount: g.use_count,
    lastUsedAt: g.last_used_at,
    fetchUrl: `/api/v1/grants/${g.id}/license`,
  };
}

export async function createGrant(ctx: Ctx, id: string, input: GrantInput) {
  const row = await loadOwn(ctx, id);
  const day = today(ctx);
  const uscc = validateUscc(input.orgUscc ?? '');
  if (!uscc.ok) throw invalidField('orgUscc', `uscc_${uscc.code}`, uscc.zh, uscc.en);
  const orgName = (input.orgName ?? '').trim();
  if (!orgName) throw invalidField('orgName', 'required', '请填写被授权单位名称', 'organisation name required');
  const purpose = (input.purpose ?? '').trim();
  if (!purpose) throw invalidField('purpose', 'required', '请填写用途', 'purpose required');
  const validUntil = checkDate(input.validUntil, 'validUntil');
  if (validUntil < day) throw invalidField('validUntil', 'past', '授权截止日期不能早于今天', 'must not be in the past');
  const status = effectiveStatus(row, day);
  if (status !== 'valid') {
    throw new Problem(409, 'license_not_valid', { zh: '证照当前不在有效状态，不能授权', en: `The licence is ${status}; it cannot be shared` });
  }
  const available = disclosableKeys(row.credential);
  const fields = input.fields === undefined ? available : [...new Set(input.fields)];
  const unknown = fields.filter((f) => !available.includes(f));
  if (unknown.length || fields.length === 0) {
    throw invalidField('fields', 'unknown_field', `字段无效：${unknown.join('、') || '（空）'}`, `invalid fields: ${unknown.join(', ') || '(none)'}`);
  }
  const secret = `owg_${randomBytes(32).toString('base64url')}`;
  const now = ctx.clock.now();
  const g: store.GrantRow = {
    id: uuidv7(),
    license_id: row.id,
    holder_applicant_id: row.holder_applicant_id,
    org_uscc: uscc.value,
    org_name: orgName.slice(0, 200),
    purpose: purpose.slice(0, 500),
    fields: JSON.stringify(fields),
    valid_until: validUntil,
    secret_hash: hashSecret(secret),
    created_at: now,
    revoked_at: null,
    use_count: 0,
    last_used_at: null,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await store.insertGrant(tx, g);
    await audit(ctx, tx, { action: 'license.grant', target: { type: 'license_grant', id: g.id }, detail: `${row.identifier} → ${g.org_uscc}` }, now);
  });
  return { ...grantView(g, day), secret };
}

export async function listGrants(ctx: Ctx, id: string) {
  const row = await loadOwn(ctx, id);
  const day = today(ctx);
  return { items: (await store.grantsOf(ctx.db, row.id)).map((g) => grantView(g, day)) };
}

export async function revokeGrant(ctx: Ctx, id: string, grantId: string) {
  const row = await loadOwn(ctx, id);
  const g = await store.findGrant(ctx.db, grantId);
  if (!g || g.license_id !== row.id) throw policy.notVisible();
  const now = ctx.clock.now();
  if (!g.revoked_at) {
    await ctx.db.transaction().execute(async (tx) => {
      await store.updateGrant(tx, g.id, { revoked_at: now });
      await audit(ctx, tx, { action: 'license.grant.revoke', target: { type: 'license_grant', id: g.id } }, now);
    });
  }
  return grantView({ ...g, revoked_at: g.revoked_at ?? now }, today(ctx));
}

const grantInvalid = () =>
  new Problem(401, 'grant_invalid', { zh: '授权凭据无效', en: 'Invalid grant credentials' });

/** The organisation fetches a granted licence with its bearer secret; every use (and refusal) is logged. */
export async function useGrant(ctx: Ctx, grantId: string, secret: string | null) {
  if (!secret) throw grantInvalid();
  const g = /^[0-9a-f-]{36}$/.test(grantId) ? await store.findGrant(ctx.db, grantId) : undefined;
  const given = Buffer.from(hashSecret(secret), 'hex');
  if (!g || !timingSafeEqual(given, Buffer.from(g.secret_hash, 'hex'))) throw grantInvalid();
  const now = ctx.clock.now();
  const day = shanghaiDate(now);
  // a renewed or changed licence: the grant follows to the current version
  let row = await store.findLicense(ctx.db, g.license_id);
  for (let i = 0; row?.superseded_by && i < 1000; i++) row = await store.findLicense(ctx.db, row.superseded_by);
  if (!row) throw grantInvalid();
  const state = grantState(g, day);
  const log = (result: string, disclosed: string[]) =>
    logVerification(ctx, { license_id: row.id, identifier: row.identifier, channel: 'grant', result, audience: g.org_name, disclosed: JSON.stringify(disclosed), grant_id: g.id, org_uscc: g.org_uscc }, now);
  if (state !== 'active') {
    await log(`grant_${state}`, []);
    throw new Problem(403, `grant_${state}`, {
      zh: state === 'revoked' ? '持证人已撤回授权' : '授权已过期',
      en: state === 'revoked' ? 'The holder revoked this grant' : 'This grant has expired',
    });
  }
  const result = effectiveStatus(row, day);
  const fields = JSON.parse(g.fields) as string[];
  const all = credentialClaims({ ...row, claims: JSON.parse(row.claims) as Claims }, statusUri(row.identifier));
  const disclosed = Object.fromEntries(fields.filter((k) => k in all).map((k) => [k, all[k]]));
  const labels = labelsFor(await typeFieldsOf(ctx, row.type_code));
  const iat = seconds(now);
  const presentation = await ctx.db.transaction().execute(async (tx) => {
    const token = await signPresentation(tx, now, row.credential, fields, { iat, exp: iat + 300, jti: uuidv7(), aud: g.org_uscc });
    await store.countGrantUse(tx, g.id, now);
    return token;
  });
  await log(result, Object.keys(disclosed));
  return {
    grant: { id: g.id, orgUscc: g.org_uscc, orgName: g.org_name, purpose: g.purpose, validUntil: g.valid_until },
    result,
    identifier: row.identifier,
    ...licenseOrigin(row),
    disclosed,
    fields: labelledFields(labels, disclosed),
    /** a signed presentation of the granted claims (5 minutes), verifiable by POST /api/v1/verify or offline */
    token: presentation,
    checkedAt: now,
  };
}
