/**
 * Everything the cases module needs from other modules and platform parts, in one place, so each
 * is a thin call and can be swapped in one line:
 * - licences (0-material intake, issuing a licence at the certificate window) → licenses/service;
 * - documents → platform/pdf/render;
 * - uploaded files (does this sha256 exist?) → platform/files/store;
 * - SMS notices → the platform outbox, keyed `case:<caseNo>:…` so a case's messages can be listed;
 * - halls (tier of the intake hall) → hall/service, cached.
 */
import { listHalls } from '../hall/service.js';
import { issueLicense, licensesSatisfying } from '../licenses/service.js';
import type { Actor } from '../platform/actor.js';
import type { Ctx } from '../platform/context.js';
import type { AnyDb, Executor } from '../platform/db/database.js';
import { getFileRecord, readFile } from '../platform/files/store.js';
import { listLicenseTypes } from '../catalog/service.js';
import { renderDocument, type DocumentSpec } from '../platform/pdf/render.js';
import type { HeldLicense, NoticeDraft } from './model.js';
import { enqueue, listOutbox } from '../platform/outbox/store.js';

export type { DocumentSpec };
export const renderPdf = (spec: DocumentSpec): Promise<Buffer> => renderDocument(spec);

/** The applicant's valid licences of these types on `onDate`, keyed by licence type code. */
export async function heldLicenses(ctx: Ctx, applicantId: string, typeCodes: string[], onDate: string): Promise<Map<string, HeldLicense>> {
  const out = new Map<string, HeldLicense>();
  if (!typeCodes.length) return out;
  for (const [type, l] of await licensesSatisfying(ctx, applicantId, typeCodes, onDate)) out.set(type, { licenseId: l.licenseId, identifier: l.identifier });
  return out;
}

/**
 * Issues the licence a granted case results in. Runs in the licences module's own transaction
 * (after the case's transaction committed). At the window of an instant item (即办件) the intake
 * clerk acts as the certificate window, so the call carries the `cert` role for that hand-over.
 */
export async function issueCaseLicense(
  ctx: Ctx,
  input: { typeCode: string; holderApplicantId: string; caseNo: string; asCertificateWindow: boolean },
): Promise<{ id: string; identifier: string }> {
  const actor: Actor | null =
    input.asCertificateWindow && ctx.actor && !ctx.actor.roles.includes('cert') ? { ...ctx.actor, roles: [...ctx.actor.roles, 'cert'] } : ctx.actor;
  const l = await issueLicense({ ...ctx, actor }, { typeCode: input.typeCode, holderApplicantId: input.holderApplicantId, claims: {}, caseNo: input.caseNo });
  return { id: l.id, identifier: l.identifier };
}

const filesTable = new WeakMap<object, boolean>();

/**
 * Which of these SHA-256s are uploaded files. Outside any transaction (a failing query would
 * abort a PostgreSQL transaction). When the files table is not migrated yet, every well-formed
 * hash is taken (the files module is then not wired).
 */
export async function knownFiles(db: AnyDb, shas: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (!shas.length) return out;
  if (filesTable.get(db) === false) return new Set(shas);
  try {
    for (const s of new Set(shas)) if (await getFileRecord(db, s)) out.add(s);
    filesTable.set(db, true);
  } catch (err) {
    if (!/files|relation|no such table/i.test(String((err as Error).message))) throw err;
    filesTable.set(db, false);
    return new Set(shas);
  }
  return out;
}

const subject = (caseNo: string) => `case:${caseNo}`;

/** SMS notices, written in the caller's transaction (transactional outbox). */
export async function enqueueNotices(tx: Executor<unknown>, notices: NoticeDraft[], at: string): Promise<void> {
  if (!notices.length) return;
  await enqueue(
    tx,
    notices.map((n, i) => ({
      channel: 'sms' as const,
      recipient: n.to,
      kind: `case.${n.kind}`,
      body: n.text,
      payload: { caseNo: n.caseNo },
      dedupeKey: `${subject(n.caseNo)}:${at}:${i}:${n.kind}`,
    })),
    at,
  );
}

/** The SMS messages of one case, oldest first. */
export async function caseMessages(db: AnyDb, caseNo: string) {
  return (await listOutbox(db, { subject: subject(caseNo), limit: 500 })).reverse();
}

export interface HallInfo {
  id: string;
  code: string;
  name: string;
  tier: string;
}

const hallCache = new WeakMap<object, { at: number; byId: Map<string, HallInfo>; root: HallInfo | null }>();

/** Halls by id (cached a minute: the hall tree changes rarely). */
export async function halls(ctx: Ctx): Promise<{ byId: Map<string, HallInfo>; root: HallInfo | null }> {
  const hit = hallCache.get(ctx.db);
  if (hit && Date.now() - hit.at < 60_000) return hit;
  const list = await listHalls(ctx, {});
  const byId = new Map<string, HallInfo>(list.items.map((h) => [h.id, { id: h.id, code: h.code, name: h.name, tier: h.tier }]));
  const root = [...byId.values()].find((h) => h.tier === 'district') ?? null;
  const entry = { at: Date.now(), byId, root };
  hallCache.set(ctx.db, entry);
  return entry;
}

/** Licence type names by code (for the desk's "satisfied by licence" list). */
export async function licenseTypeNames(ctx: Ctx): Promise<Map<string, string>> {
  return new Map((await listLicenseTypes(ctx)).map((t) => [t.code, t.name]));
}

/** The bytes and sniffed type of an uploaded material file. */
export const readCaseFile = (dataDir: string, sha256: string) => readFile(dataDir, sha256);
