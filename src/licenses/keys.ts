/**
 * Licence signing keys (Ed25519).
 *
 * - Generated on first use (the first issuance or presentation), inside the caller's transaction,
 *   under a lock on the single `license_key_state` row so two processes never both create one.
 * - The private key is stored only encrypted: AES-256-GCM (12-byte IV, 16-byte tag, the kid as
 *   additional authenticated data) under a key-encryption key (KEK):
 *     1. env `ONEWINDOW_KEK` — base64 of exactly 32 bytes (production: from a secret store), or
 *     2. the file `<DATA_DIR>/keys/kek` (base64 text), created on first use with mode 0600 in a
 *        0700 folder. Back it up SEPARATELY from the database: a database backup alone cannot sign.
 *   `kek_id` (first 16 hex of sha-256 of the KEK) records which KEK encrypted each key.
 * - Rotation makes a new active key; old keys are retired (no longer sign) but stay published in
 *   the JWKS and keep verifying the licences they signed. `destroyed_at` removes a key from the JWKS.
 * - Keys never appear in logs, audit records or API answers (only public JWKs).
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../platform/config.js';
import type { Executor } from '../platform/db/database.js';
import { ed25519PublicKeyFromJwk, type Ed25519PublicKey } from './credential.js';
import * as store from './store.js';

export interface Kek {
  key: Buffer;
  id: string;
}

let kekCache: Kek | null = null;

function kekFromBase64(text: string, where: string): Kek {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${where}: the licence key-encryption key must be base64 of exactly 32 bytes`);
  return { key, id: createHash('sha256').update(key).digest('hex').slice(0, 16) };
}

/** The key-encryption key: env ONEWINDOW_KEK, else `<DATA_DIR>/keys/kek` (created 0600 when missing). */
export function loadKek(env: NodeJS.ProcessEnv = process.env): Kek {
  if (kekCache) return kekCache;
  if (env.ONEWINDOW_KEK) {
    kekCache = kekFromBase64(env.ONEWINDOW_KEK, 'ONEWINDOW_KEK');
    return kekCache;
  }
  const dir = join(loadConfig(env).dataDir, 'keys');
  const file = join(dir, 'kek');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // write a temporary file, then link it into place: atomic, and the first writer wins
    const tmp = join(dir, `.kek-${process.pid}-${randomBytes(6).toString('hex')}`);
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(32).toString('base64')}\n`);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(tmp);
    }
  }
  kekCache = kekFromBase64(readFileSync(file, 'utf8'), file);
  return kekCache;
}

/** For tests: forget the cached KEK (e.g. after changing ONEWINDOW_KEK). */
export function resetKekCache() {
  kekCache = null;
}

export function encryptPrivateKey(kek: Kek, kid: string, pkcs8: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek.key, iv);
  c.setAAD(Buffer.from(kid, 'utf8'));
  const ct = Buffer.concat([c.update(pkcs8), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function decryptPrivateKey(kek: Kek, kid: string, enc: string): Buffer {
  const [v, iv, tag, ct] = enc.split('.');
  if (v !== 'v1' || !iv || !tag || !ct) throw new Error(`licence key ${kid}: unknown encryption format`);
  const d = createDecipheriv('aes-256-gcm', kek.key, Buffer.from(iv, 'base64url'));
  d.setAAD(Buffer.from(kid, 'utf8'));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]);
  } catch {
    throw new Error(`licence key ${kid} cannot be decrypted: wrong key-encryption key (ONEWINDOW_KEK / DATA_DIR/keys/kek)`);
  }
}

export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/** A new Ed25519 key pair as a row to store (private part encrypted). */
export function newKeyRow(now: string, kek: Kek = loadKek()): { row: store.KeyRow; privateKey: KeyObject } {
  const kid = `ow-${now.slice(0, 10).replace(/-/g, '')}-${randomBytes(6).toString('hex')}`;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as JsonWebKey;
  const pub: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x), kid, alg: 'EdDSA', use: 'sig' };
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer;
  return {
    row: {
      kid,
      alg: 'EdDSA',
      public_jwk: JSON.stringify(pub),
      private_enc: encryptPrivateKey(kek, kid, pkcs8),
      kek_id: kek.id,
      created_at: now,
      retired_at: null,
      destroyed_at: null,
    },
    privateKey,
  };
}

const privateCache = new Map<string, KeyObject>();

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/**
 * The active signing key, generated on first use. Run inside a transaction (`tx`): the lock on
 * the state row makes concurrent first uses wait for one another instead of making two keys.
 */
export async function activeSigningKey(tx: Executor<unknown>, now: string): Promise<SigningKey & { created: boolean }> {
  const fast = await store.activeKid(tx);
  if (fast) return { ...(await signingKey(tx, fast)), created: false };
  const state = await store.lockKeyState(tx);
  if (state.active_kid) return { ...(await signingKey(tx, state.active_kid)), created: false };
  const { row, privateKey } = newKeyRow(now);
  await store.insertKey(tx, row);
  await store.setActiveKid(tx, row.kid, now);
  privateCache.set(row.kid, privateKey);
  return { kid: row.kid, privateKey, created: true };
}

async function signingKey(db: Executor<unknown>, kid: string): Promise<SigningKey> {
  const cached = privateCache.get(kid);
  if (cached) return { kid, privateKey: cached };
  const row = await store.findKey(db, kid);
  if (!row) throw new Error(`licence key ${kid} is missing`);
  const pkcs8 = decryptPrivateKey(loadKek(), kid, row.private_enc);
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  privateCache.set(kid, privateKey);
  return { kid, privateKey };
}

/** Rotation: a new active key; the old one retired (still published, still verifying). */
export async function rotate(tx: Executor<unknown>, now: string): Promise<{ kid: string; previousKid: string | null }> {
  const state = await store.lockKeyState(tx);
  const { row, privateKey } = newKeyRow(now);
  await store.insertKey(tx, row);
  if (state.active_kid) await store.retireKey(tx, state.active_kid, now);
  await store.setActiveKid(tx, row.kid, now);
  privateCache.set(row.kid, privateKey);
  return { kid: row.kid, previousKid: state.active_kid };
}

// ---------------------------------------------------------------------------------------------
// Public keys (verification): cached per kid for a minute
// ---------------------------------------------------------------------------------------------

const PUBLIC_TTL_MS = 60_000;
const publicCache = new Map<string, { key: Ed25519PublicKey | null; at: number }>();

/** The public key for `kid`, null when unknown or destroyed. */
export async function publicKeyFor(db: Executor<unknown>, kid: string, nowMs = Date.now()): Promise<Ed25519PublicKey | null> {
  const hit = publicCache.get(kid);
  if (hit && nowMs - hit.at < PUBLIC_TTL_MS) return hit.key;
  const row = await store.findKey(db, kid);
  const key = row && !row.destroyed_at ? ed25519PublicKeyFromJwk(JSON.parse(row.public_jwk) as PublicJwk) : null;
  if (publicCache.size > 10_000) publicCache.clear();
  publicCache.set(kid, { key, at: nowMs });
  return key;
}

/** The JWKS: every non-destroyed public key (retired ones included: they verify older licences). */
export async function jwks(db: Executor<unknown>): Promise<{ keys: PublicJwk[] }> {
  const rows = await store.publicKeys(db);
  return { keys: rows.filter((r) => !r.destroyed_at).map((r) => JSON.parse(r.public_jwk) as PublicJwk) };
}

export async function keyList(db: Executor<unknown>) {
  const [rows, active] = await Promise.all([store.publicKeys(db), store.activeKid(db)]);
  return rows.map((r) => ({
    kid: r.kid,
    alg: r.alg,
    active: r.kid === active,
    createdAt: r.created_at,
    retiredAt: r.retired_at,
    destroyedAt: r.destroyed_at,
  }));
}

