/**
 * SD-JWT VC (IETF draft-ietf-oauth-sd-jwt-vc, RFC 9901 SD-JWT) as this module uses it, on plain
 * node:crypto. No I/O and no clock: keys, times and the signer are passed in.
 *
 * Credential (what the holder downloads):
 *   `<issuer-signed JWT>~<disclosure>~…~<disclosure>~`
 *   header  {alg:"EdDSA", typ:"dc+sd-jwt", kid}
 *   payload {iss, vct:"urn:onewindow:license:{typeCode}", license_type, iat, nbf, exp?,
 *            _sd:[sha-256 digests, sorted], _sd_alg:"sha-256"}
 *   disclosure = base64url(JSON [salt, claimName, value]); digest = base64url(sha256(disclosure)).
 *   EVERY licence claim (the type's fields plus holder name/code, identifier, issuer, dates and the
 *   status URI) is a disclosure; only iss/vct/license_type/iat/nbf/exp are in clear.
 *
 * Presentation (亮证; what a QR carries):
 *   `<issuer-signed JWT>~<chosen disclosures>~<presentation JWT>`
 *   i.e. the SD-JWT+KB layout, where the last segment is signed by the SERVER (the holder has no
 *   key of its own) with the active licence key:
 *   header  {alg:"EdDSA", typ:"ow-presentation+jwt", kid}
 *   payload {iat, exp, jti, aud?, sd_hash: base64url(sha256(everything up to and including the last "~"))}
 *   so the presentation expires (exp) and cannot be extended with more disclosures (sd_hash).
 */
import { hash, sign as edSign, randomBytes, type KeyObject } from 'node:crypto';
import sodium from 'sodium-native';
import type { Claims } from './model.js';

export const CREDENTIAL_TYP = 'dc+sd-jwt';
export const PRESENTATION_TYP = 'ow-presentation+jwt';
export const VCT_PREFIX = 'urn:onewindow:license:';

export const b64u = (data: Buffer | string): string => Buffer.from(data).toString('base64url');
const B64U = /^[A-Za-z0-9_-]*$/;

function fromB64uJson(s: string): unknown {
  if (!B64U.test(s)) throw new SyntaxError('not base64url');
  return JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
}

// one-shot hash: a verification hashes every disclosure, and createHash costs three times as much
export const sha256b64u = (s: string): string => hash('sha256', s, 'base64url');

export type Signer = (data: Buffer) => Buffer;
export const ed25519Signer =
  (privateKey: KeyObject): Signer =>
  (data) =>
    edSign(null, data, privateKey);

function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, signer: Signer): string {
  const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`;
  return `${input}.${b64u(signer(Buffer.from(input, 'ascii')))}`;
}

export function makeDisclosure(key: string, value: unknown, salt = randomBytes(16).toString('base64url')) {
  const disclosure = b64u(JSON.stringify([salt, key, value]));
  return { disclosure, digest: sha256b64u(disclosure) };
}

export interface IssueInput {
  kid: string;
  iss: string;
  typeCode: string;
  typeName: string;
  /** seconds since the epoch */
  iat: number;
  nbf: number;
  exp: number | null;
  claims: Claims;
}

/** Issues a credential: returns the compact SD-JWT (ending in "~") and the digest of its issuer JWT. */
export function issueCredential(input: IssueInput, signer: Signer): { credential: string; digest: string } {
  const disclosures = Object.entries(input.claims).map(([k, v]) => makeDisclosure(k, v));
  const payload: Record<string, unknown> = {
    iss: input.iss,
    vct: `${VCT_PREFIX}${input.typeCode}`,
    license_type: input.typeName,
    iat: input.iat,
    nbf: input.nbf,
    ...(input.exp !== null ? { exp: input.exp } : {}),
    _sd: disclosures.map((d) => d.digest).sort(),
    _sd_alg: 'sha-256',
  };
  const jwt = signJwt({ alg: 'EdDSA', typ: CREDENTIAL_TYP, kid: input.kid }, payload, signer);
  return { credential: `${jwt}~${disclosures.map((d) => `${d.disclosure}~`).join('')}`, digest: sha256b64u(jwt) };
}

export interface ParsedJwt {
  raw: string;
  header: { alg?: unknown; typ?: unknown; kid?: unknown };
  payload: Record<string, unknown>;
  signingInput: Buffer;
  signature: Buffer;
}

export interface ParsedDisclosure {
  raw: string;
  key: string;
  value: unknown;
  digest: string;
}

export interface ParsedSdJwt {
  jwt: ParsedJwt;
  /** sha-256 of the issuer JWT: how the server finds the licence */
  digest: string;
  disclosures: ParsedDisclosure[];
  /** the presentation JWT, null for a plain credential */
  presentation: ParsedJwt | null;
  /** what the presentation's sd_hash covers */
  sdHashInput: string;
}

export class MalformedCredential extends Error {}

function parseJwt(raw: string): ParsedJwt {
  const parts = raw.split('.');
  if (parts.length !== 3) throw new MalformedCredential('a JWT has three parts');
  try {
    const header = fromB64uJson(parts[0]) as ParsedJwt['header'];
    const payload = fromB64uJson(parts[1]) as Record<string, unknown>;
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object' || Array.isArray(payload)) {
      throw new MalformedCredential('header and payload must be objects');
    }
    if (!B64U.test(parts[2])) throw new MalformedCredential('signature not base64url');
    return { raw, header, payload, signingInput: Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii'), signature: Buffer.from(parts[2], 'base64url') };
  } catch (e) {
    if (e instanceof MalformedCredential) throw e;
    throw new MalformedCredential('not a JWT');
  }
}

/** Splits and decodes an SD-JWT (credential or presentation); throws MalformedCredential. */
export function parseSdJwt(token: string): ParsedSdJwt {
  const s = String(token ?? '').trim();
  if (s.length > 64_000) throw new MalformedCredential('too long');
  const segs = s.split('~');
  if (segs.length < 2) throw new MalformedCredential('an SD-JWT has at least one "~"');
  const jwt = parseJwt(segs[0]);
  const last = segs[segs.length - 1];
  const presentation = last === '' ? null : parseJwt(last);
  const seen = new Set<string>();
  const disclosures = segs.slice(1, -1).map((raw): ParsedDisclosure => {
    let arr: unknown;
    try {
      arr = fromB64uJson(raw);
    } catch {
      throw new MalformedCredential('bad disclosure');
    }
    if (!Array.isArray(arr) || arr.length !== 3 || typeof arr[0] !== 'string' || typeof arr[1] !== 'string') {
      throw new MalformedCredential('a disclosure is [salt, name, value]');
    }
    if (seen.has(raw)) throw new MalformedCredential('duplicate disclosure');
    seen.add(raw);
    return { raw, key: arr[1], value: arr[2], digest: sha256b64u(raw) };
  });
  const sdHashInput = `${segs.slice(0, -1).join('~')}~`;
  return { jwt, digest: sha256b64u(segs[0]), disclosures, presentation, sdHashInput };
}

/** An Ed25519 public key as its 32 raw bytes (a JWK's `x`). */
export type Ed25519PublicKey = Buffer;

export function ed25519PublicKeyFromJwk(jwk: { kty?: unknown; crv?: unknown; x?: unknown }): Ed25519PublicKey {
  const x = jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string' ? Buffer.from(jwk.x, 'base64url') : null;
  if (x?.length !== 32) throw new Error('not an Ed25519 public JWK');
  return x;
}

// libsodium, not node:crypto: through OpenSSL an Ed25519 verification costs twice as much, and
// it is most of what answering 核验 costs. (libsodium is also the stricter: it refuses keys of
// small order.)
export function verifyJwtSignature(jwt: ParsedJwt, key: Ed25519PublicKey): boolean {
  if (jwt.header.alg !== 'EdDSA' || jwt.signature.length !== 64 || key.length !== 32) return false;
  return sodium.crypto_sign_verify_detached(jwt.signature, jwt.signingInput, key);
}

/** Every disclosure's digest is one the issuer signed, no claim appears twice. */
export function disclosuresMatch(p: ParsedSdJwt): boolean {
  const sd = p.jwt.payload._sd;
  if (!Array.isArray(sd) || p.jwt.payload._sd_alg !== 'sha-256') return false;
  const signed = new Set(sd as unknown[]);
  const keys = new Set<string>();
  for (const d of p.disclosures) {
    if (!signed.has(d.digest) || keys.has(d.key)) return false;
    keys.add(d.key);
  }
  return true;
}

export function disclosedClaims(p: ParsedSdJwt): Record<string, unknown> {
  return Object.fromEntries(p.disclosures.map((d) => [d.key, d.value]));
}

/** The credential reduced to the chosen claims (the disclosures of other claims dropped). */
export function selectDisclosures(credential: string, keys: string[]): string {
  const p = parseSdJwt(credential);
  const want = new Set(keys);
  const kept = p.disclosures.filter((d) => want.has(d.key)).map((d) => `${d.raw}~`);
  return `${p.jwt.raw}~${kept.join('')}`;
}

export interface PresentationClaims {
  iat: number;
  exp: number;
  jti: string;
  aud?: string;
}

/** A presentation: the chosen disclosures and a server-signed JWT binding them with an expiry. */
export function makePresentation(credential: string, keys: string[], claims: PresentationClaims, kid: string, signer: Signer): string {
  const sdJwt = selectDisclosures(credential, keys);
  const pres = signJwt(
    { alg: 'EdDSA', typ: PRESENTATION_TYP, kid },
    { ...claims, sd_hash: sha256b64u(sdJwt) },
    signer,
  );
  return `${sdJwt}${pres}`;
}

/** The QR text of a presentation: a short scheme tag, then the token (URL-safe ASCII: QR byte mode). */
export const QR_PREFIX = 'OW1:';
export const toQrText = (token: string): string => `${QR_PREFIX}${token}`;
