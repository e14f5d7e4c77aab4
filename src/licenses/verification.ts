/**
 * 核验 (no login): a presentation, a credential, a QR text or an identifier is checked — the
 * signatures against our published keys, then the licence's status — and answered with exactly
 * the disclosed claims; every check is logged for the holder (verifylog.ts). Also the public
 * status list entry of one licence.
 */
import { shanghaiDate } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import { maskName } from '../platform/identifiers.js';
import { invalidField } from '../platform/problem.js';
import { today, typeFieldsOf } from './context.js';
import {
  CREDENTIAL_TYP,
  disclosedClaims,
  disclosuresMatch,
  MalformedCredential,
  parseSdJwt,
  PRESENTATION_TYP,
  QR_PREFIX,
  sha256b64u,
  VCT_PREFIX,
  verifyJwtSignature,
  type ParsedSdJwt,
} from './credential.js';
import * as keys from './keys.js';
import { effectiveStatus, labelledFields, labelsFor, parseIdentifierInput, type VerifyResult } from './model.js';
import * as policy from './policy.js';
import { issuerId } from './settings.js';
import * as store from './store.js';
import { logVerification } from './verifylog.js';
import { licenseOrigin, type FieldValue } from './views.js';

export interface VerifyInput {
  token?: string;
  qrText?: string;
  identifier?: string;
}

export interface VerifyOutcome {
  result: VerifyResult;
  identifier: string | null;
  licenseType: { code: string; name: string } | null;
  issuer: { iss: string; name: string | null } | null;
  /** only the disclosed claims */
  disclosed: Record<string, unknown>;
  /** the disclosed claims with their labels, in the type's order */
  fields: FieldValue[];
  holder: string | null;
  presentation: { expiresAt: string; audience: string | null } | null;
  checkedAt: string;
}

type Channel = store.VerificationRow['channel'];

/** What a QR code or scanner input holds: a presentation (OW1:…), a verify URL, a token or an identifier. */
export function classifyInput(input: VerifyInput): { kind: 'token' | 'identifier'; value: string; channel: Channel } {
  const given = (['token', 'qrText', 'identifier'] as const).filter((k) => typeof input[k] === 'string' && input[k]!.trim() !== '');
  if (given.length !== 1) {
    throw invalidField('token', 'one_of', '请提供 token、qrText、identifier 之一', 'give exactly one of token, qrText, identifier');
  }
  if (input.identifier) return { kind: 'identifier', value: input.identifier.trim(), channel: 'identifier' };
  if (input.token) return { kind: 'token', value: input.token.trim(), channel: 'token' };
  const text = input.qrText!.trim();
  if (text.startsWith(QR_PREFIX)) return { kind: 'token', value: text.slice(QR_PREFIX.length), channel: 'qr' };
  const hash = text.indexOf(`#${QR_PREFIX}`);
  if (hash >= 0) return { kind: 'token', value: text.slice(hash + 1 + QR_PREFIX.length), channel: 'qr' };
  const l = /[?&]l=([^&#]+)/.exec(text);
  if (l) return { kind: 'identifier', value: decodeURIComponent(l[1]), channel: 'qr' };
  if (/^1\.2\.156\.3005\.2\./i.test(text)) return { kind: 'identifier', value: text, channel: 'qr' };
  if (text.includes('~')) return { kind: 'token', value: text, channel: 'qr' };
  throw invalidField('qrText', 'not_a_license_qr', '不是电子证照二维码', 'not a licence QR code');
}

function outcome(now: string, p: Partial<VerifyOutcome> & { result: VerifyResult }): VerifyOutcome {
  return {
    identifier: null,
    licenseType: null,
    issuer: null,
    disclosed: {},
    fields: [],
    holder: null,
    presentation: null,
    checkedAt: now,
    ...p,
  };
}

/** Checks a token's signatures and structure; the licence's status comes after. */
async function checkToken(ctx: Ctx, token: string, nowSec: number): Promise<{ result: VerifyResult; parsed?: ParsedSdJwt }> {
  let p: ParsedSdJwt;
  try {
    p = parseSdJwt(token);
  } catch (e) {
    if (e instanceof MalformedCredential) return { result: 'tampered' };
    throw e;
  }
  const { header, payload } = p.jwt;
  if (typeof header.kid !== 'string' || payload.iss !== issuerId()) return { result: 'unknown_issuer' };
  const key = await keys.publicKeyFor(ctx.db, header.kid);
  if (!key) return { result: 'unknown_issuer' };
  if (header.typ !== CREDENTIAL_TYP || !canonicalSig(p.jwt.raw) || !verifyJwtSignature(p.jwt, key) || !disclosuresMatch(p)) {
    return { result: 'tampered' };
  }
  if (typeof payload.vct !== 'string' || !payload.vct.startsWith(VCT_PREFIX)) return { result: 'tampered' };
  if (p.presentation) {
    const pres = p.presentation;
    if (typeof pres.header.kid !== 'string' || pres.header.typ !== PRESENTATION_TYP) return { result: 'tampered', parsed: p };
    const pkey = await keys.publicKeyFor(ctx.db, pres.header.kid);
    if (!pkey) return { result: 'unknown_issuer' };
    if (!canonicalSig(pres.raw) || !verifyJwtSignature(pres, pkey) || pres.payload.sd_hash !== sha256b64u(p.sdHashInput)) {
      return { result: 'tampered' };
    }
    if (typeof pres.payload.exp !== 'number' || pres.payload.exp <= nowSec) return { result: 'presentation_expired', parsed: p };
  }
  return { result: 'valid', parsed: p };
}

/** The signature segment must be canonical base64url (no ignored trailing bits). */
function canonicalSig(jwt: string): boolean {
  const sig = jwt.slice(jwt.lastIndexOf('.') + 1);
  return Buffer.from(sig, 'base64url').toString('base64url') === sig;
}

/**
 * 核验: valid / revoked / suspended / expired / superseded / tampered / unknown_issuer /
 * presentation_expired / not_found, with exactly the disclosed claims. Every call is logged for the holder.
 */
export async function verify(ctx: Ctx, input: VerifyInput): Promise<VerifyOutcome> {
  const now = ctx.clock.now();
  const day = shanghaiDate(now);
  const what = classifyInput(input);

  if (what.kind === 'identifier') {
    const parsed = parseIdentifierInput(what.value);
    const row = await store.findByIdentifier(ctx.db, parsed.value);
    if (!row) {
      await logVerification(ctx, { license_id: null, identifier: parsed.value, channel: what.channel, result: 'not_found', disclosed: null }, now);
      return outcome(now, { result: 'not_found', identifier: parsed.value });
    }
    const result = effectiveStatus(row, day);
    await logVerification(ctx, { license_id: row.id, identifier: row.identifier, channel: what.channel, result, disclosed: '[]' }, now);
    return outcome(now, {
      result,
      identifier: row.identifier,
      ...licenseOrigin(row),
      holder: row.holder_kind === 'person' ? maskName(row.holder_name) : row.holder_name,
    });
  }

  const checked = await checkToken(ctx, what.value, Math.floor(Date.parse(now) / 1000));
  const p = checked.parsed;
  const row = p ? await store.findForVerifyFast(ctx.db, ctx.dialect, p.digest) : undefined;
  let result: VerifyResult = checked.result;
  if (result === 'valid') result = row ? effectiveStatus(row, day) : 'not_found';
  const presPayload = p?.presentation?.payload;
  const audience = typeof presPayload?.aud === 'string' ? presPayload.aud : null;
  const revealed = p && result !== 'tampered' && result !== 'presentation_expired' && result !== 'unknown_issuer' && result !== 'not_found';
  const disclosed = revealed ? disclosedClaims(p) : {};
  await logVerification(
    ctx,
    { license_id: row?.id ?? null, identifier: row?.identifier ?? null, channel: what.channel, result, audience, disclosed: JSON.stringify(Object.keys(disclosed)) },
    now,
  );
  if (!p || !row || result === 'tampered' || result === 'unknown_issuer') return outcome(now, { result });
  const labels = labelsFor(await typeFieldsOf(ctx, row.type_code));
  return outcome(now, {
    result,
    identifier: typeof disclosed.license_identifier === 'string' ? disclosed.license_identifier : null,
    licenseType: { code: row.type_code, name: row.type_name },
    issuer: { iss: issuerId(), name: typeof disclosed.issuer_name === 'string' ? disclosed.issuer_name : null },
    disclosed,
    fields: labelledFields(labels, disclosed),
    presentation:
      typeof presPayload?.exp === 'number' ? { expiresAt: new Date(presPayload.exp * 1000).toISOString(), audience } : null,
  });
}

/** The public status list entry of one licence (no personal data). */
export async function licenseStatus(ctx: Ctx, identifier: string) {
  const parsed = parseIdentifierInput(identifier);
  const row = await store.findByIdentifier(ctx.db, parsed.value);
  if (!row) throw policy.notVisible();
  const day = today(ctx);
  const current = row.superseded_by ? await store.findLicense(ctx.db, row.superseded_by) : null;
  return {
    identifier: row.identifier,
    status: effectiveStatus(row, day),
    statusReason: row.status === 'revoked' || row.status === 'suspended' ? row.status_reason : null,
    typeCode: row.type_code,
    typeName: row.type_name,
    issuerName: row.issuer_name,
    version: row.version,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    supersededBy: current?.identifier ?? null,
    checkedAt: ctx.clock.now(),
  };
}
