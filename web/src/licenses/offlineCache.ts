/**
 * What /verify keeps for checking without a network: the issuer's published keys and the licence
 * types' field labels (localStorage: they are public), and the page itself with its scripts (a
 * service worker, web/public/verify-sw.js, serves those copies offline); refreshed whenever the
 * page opens online.
 */
import { labelledFields, labelsFor } from '../../../src/licenses/model.js';
import { request } from '../api/http.js';
import type { FieldValue, VerifyOutcome } from './api.js';
import { verifyOffline, type IssuerKeys } from './offline.js';

const KEY = 'ow.verify.offline';

interface TypeLabels {
  name: string;
  fields: { key: string; label: string }[];
}

export interface OfflineKit extends IssuerKeys {
  /** when the keys were fetched (ISO) */
  fetchedAt: string;
  types: Record<string, TypeLabels>;
}

export function cachedKit(): OfflineKit | null {
  try {
    const kit = JSON.parse(localStorage.getItem(KEY) ?? 'null') as OfflineKit | null;
    return kit && typeof kit.issuer === 'string' && Array.isArray(kit.jwks?.keys) ? kit : null;
  } catch {
    return null;
  }
}

/** Fetches the keys and labels and keeps them; quietly keeps the old kit when offline. */
export async function refreshKit(signal?: AbortSignal): Promise<void> {
  try {
    const [keys, types] = await Promise.all([
      request<IssuerKeys>('/.well-known/jwt-vc-issuer', { signal }),
      request<{ items: { code: string; name: string; fields: { key: string; label: string }[] }[] }>('/api/v1/license-types', { signal }),
    ]);
    const kit: OfflineKit = {
      issuer: keys.issuer,
      jwks: keys.jwks,
      fetchedAt: new Date().toISOString(),
      types: Object.fromEntries(types.items.map((x) => [x.code, { name: x.name, fields: x.fields }])),
    };
    localStorage.setItem(KEY, JSON.stringify(kit));
  } catch {
    // offline or refused: the kit cached earlier stays
  }
}

/** The offline check in the shape of the server's answer (labels from the cached types). */
export async function verifyWithKit(token: string, kit: OfflineKit, now = new Date()): Promise<VerifyOutcome> {
  const o = await verifyOffline(token, kit, now);
  const type = o.typeCode ? kit.types[o.typeCode] : undefined;
  // labelled and ordered as the server labels them (the type's fields, then the standard claims)
  const fields: FieldValue[] = labelledFields(labelsFor(type?.fields ?? []), o.disclosed);
  const id = o.disclosed.license_identifier;
  const issuerName = o.disclosed.issuer_name;
  return {
    result: o.result,
    identifier: typeof id === 'string' ? id : null,
    licenseType: o.typeCode ? { code: o.typeCode, name: type?.name ?? o.typeName ?? o.typeCode } : null,
    issuer: o.typeCode ? { iss: kit.issuer, name: typeof issuerName === 'string' ? issuerName : null } : null,
    disclosed: o.disclosed,
    fields: o.result === 'valid' || o.result === 'expired' ? fields : [],
    holder: null,
    presentation: o.presentation,
    checkedAt: now.toISOString(),
  };
}

const PAGE_CACHE = 'ow-verify';

/** Registers the service worker and stores this page, the scripts it loaded, the logo and the scenario list, replacing older copies. */
export async function keepPageForOffline(): Promise<void> {
  if (!('serviceWorker' in navigator) || typeof caches === 'undefined' || !navigator.onLine) return;
  try {
    await navigator.serviceWorker.register('/verify-sw.js');
    const assets = performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name))
      .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
      .map((u) => u.pathname);
    await caches.delete(PAGE_CACHE);
    await (await caches.open(PAGE_CACHE)).addAll(['/verify', '/favicon.svg', '/api/v1/license-scenarios', ...new Set(assets)]);
  } catch {
    // no service worker here (an insecure origin, a private window): online verification still works
  }
}
