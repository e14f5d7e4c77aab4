/**
 * 离线核验: a verifier whose network is down checks a presentation (亮证码) or a downloaded
 * credential against the issuer's published keys it cached while online — Ed25519 signatures
 * (WebCrypto), every disclosure against the digests the issuer signed, the presentation's binding
 * (sd_hash) and expiry, the licence's term. What it cannot know offline is a revocation or
 * suspension made since: the page says so. Pure apart from WebCrypto, so it runs (and is tested)
 * in Node as it runs in the browser.
 */

/** What /.well-known/jwt-vc-issuer publishes: the issuer id and its public keys. */
export interface IssuerKeys {
  issuer: string;
  jwks: { keys: { kid: string; kty: string; crv: string; x: string }[] };
}

export type OfflineResult = 'valid' | 'expired' | 'presentation_expired' | 'tampered' | 'unknown_issuer';

export interface OfflineOutcome {
  result: OfflineResult;
  typeCode: string | null;
  typeName: string | null;
  /** only the disclosed claims (empty unless the signatures held) */
  disclosed: Record<string, unknown>;
  presentation: { expiresAt: string; audience: string | null } | null;
}

const QR_PREFIX = 'OW1:';
const CREDENTIAL_TYP = 'dc+sd-jwt';
const PRESENTATION_TYP = 'ow-presentation+jwt';
const VCT_PREFIX = 'urn:onewindow:license:';

/** The SD-JWT in a scanned or typed text, or null (a licence identifier needs the server). */
export function tokenOf(text: string): string | null {
  const s = text.trim();
  const at = s.indexOf(QR_PREFIX);
  if (at === 0 || (at > 0 && s[at - 1] === '#')) return decodeURIComponent(s.slice(at + QR_PREFIX.length));
  return s.includes('~') && !/\s/.test(s) ? s : null;
}

class Tampered extends Error {}

const B64U = /^[A-Za-z0-9_-]*$/;
function bytesOf(b64u: string): Uint8Array<ArrayBuffer> {
  if (!B64U.test(b64u)) throw new Tampered('not base64url');
  const b64 = b64u.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
const b64uOf = (bytes: ArrayBuffer): string =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const ascii = (s: string) => new TextEncoder().encode(s);
const jsonOf = (b64u: string): unknown => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytesOf(b64u)));
const sha256 = async (s: string) => b64uOf(await crypto.subtle.digest('SHA-256', ascii(s)));

interface Jwt {
  header: { alg?: unknown; typ?: unknown; kid?: unknown };
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Uint8Array<ArrayBuffer>;
}

function parseJwt(raw: string): Jwt {
  const parts = raw.split('.');
  if (parts.length !== 3) throw new Tampered('a JWT has three parts');
  const header = jsonOf(parts[0]);
  const payload = jsonOf(parts[1]);
  if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object' || Array.isArray(payload)) throw new Tampered('not objects');
  const signature = bytesOf(parts[2]);
  // canonical base64url only: a changed character must not hide in the ignored trailing bits
  if (b64uOf(signature.buffer) !== parts[2]) throw new Tampered('signature not canonical');
  return { header, payload: payload as Record<string, unknown>, signingInput: `${parts[0]}.${parts[1]}`, signature };
}

/** true / false for the signature; null when the key is not among the cached ones. */
async function signedBy(jwt: Jwt, keys: IssuerKeys, typ: string): Promise<boolean | null> {
  const jwk = keys.jwks.keys.find((k) => k.kid === jwt.header.kid);
  if (!jwk) return null;
  if (jwt.header.alg !== 'EdDSA' || jwt.header.typ !== typ || jwt.signature.length !== 64) return false;
  const key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, jwt.signature, ascii(jwt.signingInput));
}

/** Checks `token` (an SD-JWT credential or presentation) with the cached keys at `now`. */
export async function verifyOffline(token: string, keys: IssuerKeys, now: Date): Promise<OfflineOutcome> {
  const none = (result: OfflineResult): OfflineOutcome => ({ result, typeCode: null, typeName: null, disclosed: {}, presentation: null });
  try {
    const segs = token.split('~');
    if (segs.length < 2) throw new Tampered('no "~"');
    const jwt = parseJwt(segs[0]);
    const p = jwt.payload;
    const issuerSigned = await signedBy(jwt, keys, CREDENTIAL_TYP);
    if (issuerSigned === null || p.iss !== keys.issuer) return none('unknown_issuer');
    if (!issuerSigned || typeof p.vct !== 'string' || !p.vct.startsWith(VCT_PREFIX)) return none('tampered');

    const signedDigests = new Set(Array.isArray(p._sd) && p._sd_alg === 'sha-256' ? p._sd : []);
    const disclosed: Record<string, unknown> = {};
    for (const raw of segs.slice(1, -1)) {
      if (!signedDigests.has(await sha256(raw))) return none('tampered');
      const d = jsonOf(raw);
      if (!Array.isArray(d) || d.length !== 3 || typeof d[1] !== 'string' || d[1] in disclosed) return none('tampered');
      disclosed[d[1]] = d[2];
    }

    const nowSec = Math.floor(now.getTime() / 1000);
    let presentation: OfflineOutcome['presentation'] = null;
    const last = segs[segs.length - 1];
    if (last !== '') {
      const pres = parseJwt(last);
      const presSigned = await signedBy(pres, keys, PRESENTATION_TYP);
      if (presSigned === null) return none('unknown_issuer');
      if (!presSigned || pres.payload.sd_hash !== (await sha256(`${segs.slice(0, -1).join('~')}~`))) return none('tampered');
      const exp = pres.payload.exp;
      if (typeof exp !== 'number' || exp <= nowSec) return none('presentation_expired');
      presentation = { expiresAt: new Date(exp * 1000).toISOString(), audience: typeof pres.payload.aud === 'string' ? pres.payload.aud : null };
    }
    const expired = typeof p.exp === 'number' && p.exp <= nowSec;
    return {
      result: expired ? 'expired' : 'valid',
      typeCode: p.vct.slice(VCT_PREFIX.length),
      typeName: typeof p.license_type === 'string' ? p.license_type : null,
      disclosed,
      presentation,
    };
  } catch (e) {
    if (e instanceof Tampered || e instanceof SyntaxError || e instanceof TypeError || (e instanceof DOMException && e.name !== 'NotSupportedError')) return none('tampered');
    throw e;
  }
}
