/**
 * Catalog use cases. Other modules (seed, cases, bundles, …) use the catalog only through these.
 *
 * Reads of current items go through a per-process in-memory index of every current version
 * (~515 items), revalidated with one tiny query (catalog_revision) at most every REVALIDATE_MS,
 * and dropped at once when this process writes. Writes by another process are therefore visible
 * here within REVALIDATE_MS (+ the reload).
 *
 * A ctx whose actor is null is the system itself (seed, command line): it is not policy-checked.
 * HTTP routes always pass the signed-in actor.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../platform/actor.js';
import { appendAudit, type AuditEntry } from '../platform/audit.js';
import type { Ctx } from '../platform/context.js';
import type { AnyDb, Executor } from '../platform/db/database.js';
import { uuidv7 } from '../platform/ids.js';
import { invalidField, invalidFields, notFound, Problem, type FieldError } from '../platform/problem.js';
import { buildWorkbook, parseWorkbook, type CatalogSnapshot } from './excel.js';
import {
  diffVersion,
  matchesTerms,
  normalizeItem,
  prefixErrors,
  searchEntry,
  searchTerms,
  searchText,
  stableJson,
  typeName,
  validateDepartment,
  validateItem,
  validateLicenseType,
  type KnownCodes,
  type SearchEntry,
} from './model.js';
import { assertAllowed, canEditItem, canEditSomeItems, canEditReferenceData, canExportCatalog, canImportCatalog, WHY } from './policy.js';
import * as store from './store.js';
import {
  CASE_KINDS,
  ITEM_TYPES,
  TIERS,
  type CaseKind,
  type DepartmentInput,
  type ItemType,
  type LicenseTypeInput,
  type OnlineDepth,
  type ServiceItemInput,
  type Tier,
} from './types.js';


// ---------------------------------------------------------------------------------------------
// Public shapes
// ---------------------------------------------------------------------------------------------

export interface Department {
  id: string;
  code: string;
  name: string;
  shortName: string;
  uscc: string;
}

export interface DepartmentSummary extends Department {
  itemCount: number;
}

export interface LicenseType {
  code: string;
  name: string;
  departmentCode: string;
  fields: { key: string; label: string }[];
  validityYears: number | null;
}

export interface ItemSummary {
  code: string;
  baseCode: string;
  name: string;
  type: ItemType;
  typeName: string;
  departmentCode: string;
  departmentName: string;
  caseKind: CaseKind;
  promisedLimitDays: number;
  legalLimitDays: number;
  visits: number;
  onlineDepth: OnlineDepth;
  commitmentAllowed: boolean;
  version: number;
}

export interface ItemDetail extends ServiceItemInput {
  version: number;
  departmentName: string;
  typeName: string;
  resultLicenseTypeName: string | null;
  updatedAt: string;
}

export interface ItemVersionInfo {
  version: number;
  createdAt: string;
  createdBy: string | null;
}

export interface SearchParams {
  q?: string;
  departmentCode?: string;
  type?: string;
  tier?: string;
  caseKind?: number;
  commitmentAllowed?: boolean;
  page?: number;
  pageSize?: number;
}

export interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  items: ItemSummary[];
}

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

// ---------------------------------------------------------------------------------------------
// The in-memory index of current versions
// ---------------------------------------------------------------------------------------------

interface IndexedItem {
  summary: ItemSummary;
  detail: ItemDetail;
  entry: SearchEntry;
  tiers: Tier[];
}

interface CatalogIndex {
  revision: number;
  departments: Department[];
  deptByCode: Map<string, Department>;
  deptById: Map<string, Department>;
  licenseTypes: LicenseType[];
  ltByCode: Map<string, LicenseType>;
  /** ordered by department code, then item code */
  items: IndexedItem[];
  byCode: Map<string, IndexedItem>;
  itemCount: Map<string, number>;
  /** recent search results by their parameters (the index is immutable, so they never go stale) */
  results: Map<string, SearchResult>;
}

const RESULT_CACHE_MAX = 1000;

interface IndexState {
  index: CatalogIndex | null;
  checkedAt: number;
  dirty: boolean;
  generation: number;
  pending: Promise<CatalogIndex> | null;
}

export const REVALIDATE_MS = 250;
const states = new WeakMap<object, IndexState>();

function stateOf(db: AnyDb): IndexState {
  let st = states.get(db);
  if (!st) {
    st = { index: null, checkedAt: 0, dirty: true, generation: 0, pending: null };
    states.set(db, st);
  }
  return st;
}

/** Forget this process's index for that database (after a write, or for tests). */
export function invalidateCatalogIndex(db: AnyDb): void {
  const st = stateOf(db);
  st.dirty = true;
  st.generation += 1;
}

const isTx = (db: AnyDb) => (db as { isTransaction?: boolean }).isTransaction === true;

async function catalogIndex(db: AnyDb): Promise<CatalogIndex> {
  const st = stateOf(db);
  if (st.index && !st.dirty && performance.now() - st.checkedAt < REVALIDATE_MS) return st.index;
  if (st.pending) return st.pending;
  const generation = st.generation;
  st.pending = (async () => {
    try {
      // the revision is read BEFORE the data: what we load is never older than what we record
      const revision = await store.readRevision(db);
      let idx = st.index;
      if (!idx || st.dirty || idx.revision !== revision) idx = await loadIndex(db, revision);
      st.index = idx;
      st.checkedAt = performance.now();
      if (st.generation === generation) st.dirty = false;
      return idx;
    } finally {
      st.pending = null;
    }
  })();
  return st.pending;
}

const toDepartment = (r: store.DepartmentRow): Department => ({
  id: r.id,
  code: r.code,
  name: r.name,
  shortName: r.short_name,
  uscc: r.uscc,
});

const toLicenseType = (r: store.LicenseTypeRow): LicenseType => ({
  code: r.code,
  name: r.name,
  departmentCode: r.department_code,
  fields: JSON.parse(r.fields) as LicenseType['fields'],
  validityYears: r.validity_years === null ? null : Number(r.validity_years),
});

function toDetail(
  body: ServiceItemInput,
  version: number,
  updatedAt: string,
  dept: Department | undefined,
  lt: (code: string) => LicenseType | undefined,
): ItemDetail {
  return {
    ...body,
    version,
    departmentName: dept?.name ?? '',
    typeName: typeName(body.type),
    resultLicenseTypeName: body.resultLicenseTypeCode ? (lt(body.resultLicenseTypeCode)?.name ?? null) : null,
    updatedAt,
  };
}

function toSummary(d: ItemDetail): ItemSummary {
  return Object.freeze({
    code: d.code,
    baseCode: d.baseCode,
    name: d.name,
    type: d.type,
    typeName: d.typeName,
    departmentCode: d.departmentCode,
    departmentName: d.departmentName,
    caseKind: d.caseKind,
    promisedLimitDays: d.promisedLimitDays,
    legalLimitDays: d.legalLimitDays,
    visits: d.visits,
    onlineDepth: d.onlineDepth,
    commitmentAllowed: d.commitmentAllowed,
    version: d.version,
  });
}

async function loadIndex(db: AnyDb, revision: number): Promise<CatalogIndex> {
  const [deptRows, ltRows, itemRows] = await Promise.all([
    store.listDepartmentRows(db),
    store.listLicenseTypeRows(db),
    store.listCurrentItems(db),
  ]);
  const departments = deptRows.map((r) => Object.freeze(toDepartment(r)));
  const deptByCode = new Map(departments.map((d) => [d.code, d]));
  const deptById = new Map(departments.map((d) => [d.id, d]));
  const licenseTypes = ltRows.map((r) => deepFreeze(toLicenseType(r)));
  const ltByCode = new Map(licenseTypes.map((l) => [l.code, l]));
  const items: IndexedItem[] = itemRows.map((r) => {
    const body = JSON.parse(r.body) as ServiceItemInput;
    const dept = deptById.get(r.department_id) ?? deptByCode.get(body.departmentCode);
    const detail = deepFreeze(toDetail(body, Number(r.current_version), r.updated_at, dept, (c) => ltByCode.get(c)));
    return {
      summary: toSummary(detail),
      detail,
      entry: searchEntry(body, dept?.name ?? '', dept?.shortName ?? ''),
      tiers: body.tiers,
    };
  });
  items.sort((a, b) => cmp(a.summary.departmentCode, b.summary.departmentCode) || cmp(a.summary.code, b.summary.code));
  const itemCount = new Map<string, number>();
  for (const it of items) itemCount.set(it.summary.departmentCode, (itemCount.get(it.summary.departmentCode) ?? 0) + 1);
  return {
    revision,
    departments,
    deptByCode,
    deptById,
    licenseTypes,
    ltByCode,
    items,
    byCode: new Map(items.map((i) => [i.summary.code, i])),
    itemCount,
    results: new Map(),
  };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** Plain code-point order: the same on every database and machine. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const auditActor = (a: Actor | null) => (a ? { id: a.accountId, name: a.name } : null);

async function audit(ctx: Ctx, tx: Executor<unknown>, entry: Omit<AuditEntry, 'actor' | 'ip'>) {
  await appendAudit(tx, { ...entry, actor: auditActor(ctx.actor), ip: ctx.ip }, ctx.clock.now());
}

async function knownCodes(db: Executor<unknown> | AnyDb) {
  const [depts, lts] = await Promise.all([store.listDepartmentRows(db), store.listLicenseTypeRows(db)]);
  const known: KnownCodes = {
    departmentCodes: new Set(depts.map((d) => d.code)),
    licenseTypeCodes: new Set(lts.map((l) => l.code)),
    departmentUscc: new Map(depts.map((d) => [d.code, d.uscc])),
  };
  return { known, depts, lts };
}

/** Runs `work` in one transaction, then drops this process's index when something was written. */
async function write<T>(ctx: Ctx, work: (tx: Executor<unknown>) => Promise<{ result: T; changed: boolean }>): Promise<T> {
  const out = await ctx.db.transaction().execute(async (tx) => {
    await store.lockCatalog(tx);
    return work(tx);
  });
  if (out.changed && !isTx(ctx.db)) invalidateCatalogIndex(ctx.db);
  return out.result;
}

// ---------------------------------------------------------------------------------------------
// Departments and licence types
// ---------------------------------------------------------------------------------------------

/** Creates or updates departments by code (all-or-nothing). */
export async function importDepartments(ctx: Ctx, inputs: DepartmentInput[]): Promise<WriteCounts> {
  if (ctx.actor) assertAllowed(ctx.actor, canEditReferenceData(ctx.actor), WHY.reference);
  const rows = inputs.map((d) => ({
    code: String(d?.code ?? '').trim(),
    name: String(d?.name ?? '').trim(),
    shortName: String(d?.shortName ?? '').trim(),
    uscc: String(d?.uscc ?? '').trim().toUpperCase(),
  }));
  const errors: FieldError[] = [];
  const codes = new Set<string>();
  const usccs = new Set<string>();
  rows.forEach((d, i) => {
    errors.push(...prefixErrors(validateDepartment(d), String(i)));
    if (codes.has(d.code)) errors.push({ field: `${i}.code`, code: 'duplicate', zh: '部门编码重复', en: 'duplicate department code' });
    if (usccs.has(d.uscc)) errors.push({ field: `${i}.uscc`, code: 'duplicate', zh: '统一社会信用代码重复', en: 'duplicate USCC' });
    codes.add(d.code);
    usccs.add(d.uscc);
  });
  if (errors.length) throw invalidFields(errors);

  return write(ctx, async (tx) => {
    const now = ctx.clock.now();
    const existing = new Map((await store.listDepartmentRows(tx)).map((r) => [r.code, r]));
    const byUscc = new Map([...existing.values()].map((r) => [r.uscc, r.code]));
    const created: store.DepartmentRow[] = [];
    const updated: store.DepartmentRow[] = [];
    rows.forEach((d, i) => {
      const other = byUscc.get(d.uscc);
      if (other && other !== d.code) {
        errors.push({ field: `${i}.uscc`, code: 'duplicate', zh: `统一社会信用代码已属于部门 ${other}`, en: `USCC already belongs to department ${other}` });
      }
      const old = existing.get(d.code);
      if (!old) created.push({ id: uuidv7(), code: d.code, name: d.name, short_name: d.shortName, uscc: d.uscc, created_at: now, updated_at: now });
      else if (old.name !== d.name || old.short_name !== d.shortName || old.uscc !== d.uscc) {
        updated.push({ ...old, name: d.name, short_name: d.shortName, uscc: d.uscc, updated_at: now });
      }
    });
    if (errors.length) throw invalidFields(errors);
    for (const r of updated) await store.updateDepartment(tx, r);
    await store.insertDepartments(tx, created);
    const counts = { created: created.length, updated: updated.length, unchanged: rows.length - created.length - updated.length };
    const changed = created.length + updated.length > 0;
    if (changed) {
      await store.bumpRevision(tx, now);
      await audit(ctx, tx, {
        action: 'catalog.departments.import',
        target: { type: 'departments', id: '*' },
        after: [...created, ...updated].map((r) => ({ code: r.code, name: r.name, uscc: r.uscc })),
        detail: `created ${counts.created}, updated ${counts.updated}`,
      });
    }
    return { result: counts, changed };
  });
}

/** Creates or updates licence types by code (all-or-nothing). */
export async function importLicenseTypes(ctx: Ctx, inputs: LicenseTypeInput[]): Promise<WriteCounts> {
  if (ctx.actor) assertAllowed(ctx.actor, canEditReferenceData(ctx.actor), WHY.reference);
  return write(ctx, async (tx) => {
    const now = ctx.clock.now();
    const deptCodes = new Set((await store.listDepartmentRows(tx)).map((d) => d.code));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    inputs.forEach((l, i) => {
      errors.push(...prefixErrors(validateLicenseType(l, deptCodes), String(i)));
      if (l && seen.has(l.code)) errors.push({ field: `${i}.code`, code: 'duplicate', zh: '证照类型代码重复', en: 'duplicate licence type code' });
      if (l) seen.add(l.code);
    });
    if (errors.length) throw invalidFields(errors);
    const existing = new Map((await store.listLicenseTypeRows(tx)).map((r) => [r.code, r]));
    const created: store.LicenseTypeRow[] = [];
    const updated: store.LicenseTypeRow[] = [];
    for (const l of inputs) {
      const row: store.LicenseTypeRow = {
        code: l.code,
        name: l.name.trim(),
        department_code: l.departmentCode,
        fields: JSON.stringify(l.fields.map((f) => ({ key: f.key, label: f.label.trim() }))),
        validity_years: l.validityYears ?? null,
        created_at: now,
        updated_at: now,
      };
      const old = existing.get(l.code);
      if (!old) created.push(row);
      else if (
        old.name !== row.name ||
        old.department_code !== row.department_code ||
        old.fields !== row.fields ||
        (old.validity_years === null ? null : Number(old.validity_years)) !== row.validity_years
      ) {
        updated.push({ ...row, created_at: old.created_at });
      }
    }
    for (const r of updated) await store.updateLicenseType(tx, r);
    await store.insertLicenseTypes(tx, created);
    const counts = { created: created.length, updated: updated.length, unchanged: inputs.length - created.length - updated.length };
    const changed = created.length + updated.length > 0;
    if (changed) {
      await store.bumpRevision(tx, now);
      await audit(ctx, tx, {
        action: 'catalog.license_types.import',
        target: { type: 'license_types', id: '*' },
        after: [...created, ...updated].map((r) => ({ code: r.code, name: r.name })),
        detail: `created ${counts.created}, updated ${counts.updated}`,
      });
    }
    return { result: counts, changed };
  });
}

/** Every department by code, with its number of items (0 when called inside a transaction). */
export async function listDepartments(ctx: Ctx): Promise<DepartmentSummary[]> {
  if (isTx(ctx.db)) {
    return (await store.listDepartmentRows(ctx.db)).map((r) => ({ ...toDepartment(r), itemCount: 0 }));
  }
  const idx = await catalogIndex(ctx.db);
  return idx.departments.map((d) => ({ ...d, itemCount: idx.itemCount.get(d.code) ?? 0 }));
}

/** The department with this code; 404 when there is none. */
export async function getDepartment(ctx: Ctx, code: string): Promise<DepartmentSummary> {
  if (isTx(ctx.db)) {
    const r = await store.departmentByCode(ctx.db, code);
    if (!r) throw notFound({ zh: '部门', en: 'department' });
    return { ...toDepartment(r), itemCount: 0 };
  }
  const idx = await catalogIndex(ctx.db);
  const d = idx.deptByCode.get(code);
  if (!d) throw notFound({ zh: '部门', en: 'department' });
  return { ...d, itemCount: idx.itemCount.get(code) ?? 0 };
}

/** By id (e.g. a staff member's departmentId); null when unknown. */
export async function findDepartmentById(ctx: Ctx, id: string): Promise<Department | null> {
  if (isTx(ctx.db)) {
    const r = await store.departmentById(ctx.db, id);
    return r ? toDepartment(r) : null;
  }
  const idx = await catalogIndex(ctx.db);
  return idx.deptById.get(id) ?? null;
}

export async function listLicenseTypes(ctx: Ctx): Promise<LicenseType[]> {
  if (isTx(ctx.db)) return (await store.listLicenseTypeRows(ctx.db)).map(toLicenseType);
  return (await catalogIndex(ctx.db)).licenseTypes;
}

// ---------------------------------------------------------------------------------------------
// Items: writes
// ---------------------------------------------------------------------------------------------

interface Planned {
  input: ServiceItemInput;
  prev: store.CurrentItemRow | undefined;
  prevBody: ServiceItemInput | null;
  fields: string[];
}

/**
 * The heart of every item write: validate everything, then write only what changed, in the
 * caller's transaction. Errors carry the index of the item in `inputs`.
 */
async function planAndWrite(
  ctx: Ctx,
  tx: Executor<unknown>,
  inputs: ServiceItemInput[],
  opts: { errorPrefix: (i: number) => string; mode: 'upsert' | 'create' | 'update' },
): Promise<{ counts: WriteCounts; written: Planned[]; versions: Map<string, number> }> {
  const now = ctx.clock.now();
  const items = inputs.map((i) => normalizeItem(i));
  const { known, depts } = await knownCodes(tx);
  const deptIdByCode = new Map(depts.map((d) => [d.code, d.id]));
  const codes = items.map((i) => i?.code).filter((c): c is string => typeof c === 'string');
  const current = new Map((await store.currentItems(tx, codes)).map((r) => [r.code, r]));

  // policy first: the actor must be allowed for the new department and for the item's current one
  if (ctx.actor) {
    for (const it of items) {
      const prev = typeof it?.code === 'string' ? current.get(it.code) : undefined;
      const deptId = typeof it?.departmentCode === 'string' ? deptIdByCode.get(it.departmentCode) : undefined;
      const ok =
        (deptId === undefined ? canEditSomeItems(ctx.actor) : canEditItem(ctx.actor, { departmentId: deptId })) &&
        (!prev || canEditItem(ctx.actor, { departmentId: prev.department_id }));
      assertAllowed(ctx.actor, ok, WHY.editItem);
    }
  }
  if (opts.mode === 'update' && !current.has(items[0]?.code)) throw notFound({ zh: '事项', en: 'item' });

  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  items.forEach((it, i) => {
    errors.push(...prefixErrors(validateItem(it, known), opts.errorPrefix(i)).map(stripLeadingDot));
    if (typeof it?.code === 'string') {
      if (seen.has(it.code)) {
        errors.push(stripLeadingDot({ field: `${opts.errorPrefix(i)}.code`, code: 'duplicate', zh: `实施编码 ${it.code} 重复`, en: `duplicate item code ${it.code}` }));
      }
      seen.set(it.code, i);
    }
  });
  if (errors.length) throw invalidFields(errors);
  if (opts.mode === 'create' && current.has(items[0].code)) {
    throw new Problem(409, 'item_exists', { zh: `事项 ${items[0].code} 已存在`, en: `Item ${items[0].code} already exists` }, { field: 'code' });
  }

  const newItems: store.ItemRow[] = [];
  const versions: store.ItemVersionRow[] = [];
  const written: Planned[] = [];
  const versionOf = new Map<string, number>();
  let unchanged = 0;
  const deptRow = new Map(depts.map((d) => [d.code, d]));
  for (const it of items) {
    const prev = current.get(it.code);
    const prevBody = prev ? (JSON.parse(prev.body) as ServiceItemInput) : null;
    const diff = diffVersion(prevBody, it);
    if (!diff.changed) {
      unchanged += 1;
      versionOf.set(it.code, Number(prev!.current_version));
      continue;
    }
    const version = prev ? Number(prev.current_version) + 1 : 1;
    versionOf.set(it.code, version);
    const body = stableJson(it);
    const d = deptRow.get(it.departmentCode)!;
    const head = {
      code: it.code,
      base_code: it.baseCode,
      current_version: version,
      department_id: d.id,
      name: it.name,
      type: it.type,
      case_kind: it.caseKind,
      commitment_allowed: it.commitmentAllowed ? 1 : 0,
      search_text: searchText(searchEntry(it, d.name, d.short_name)),
      updated_at: now,
    };
    if (!prev) newItems.push({ ...head, id: uuidv7(), created_at: now });
    else await store.updateItemHead(tx, head);
    versions.push({
      id: uuidv7(),
      item_code: it.code,
      version,
      body,
      digest: digestOf(body),
      created_at: now,
      created_by: ctx.actor?.accountId ?? null,
    });
    written.push({ input: it, prev, prevBody, fields: diff.fields });
  }
  await store.insertItems(tx, newItems);
  await store.insertVersions(tx, versions);
  if (written.length) await store.bumpRevision(tx, now);
  return {
    counts: { created: newItems.length, updated: written.length - newItems.length, unchanged },
    written,
    versions: versionOf,
  };
}

const digestOf = (s: string) => createHash('sha256').update(s).digest('hex');
const stripLeadingDot = (e: FieldError): FieldError => (e.field.startsWith('.') ? { ...e, field: e.field.slice(1) } : e);

/**
 * Writes many items at once (seed, Excel import): every item is checked first and one 422 lists
 * every error (fields `items.{i}.…`); nothing is written unless all are valid. Unchanged items
 * make no new version.
 */
export async function saveItems(ctx: Ctx, inputs: ServiceItemInput[], opts: { auditAction?: string } = {}): Promise<WriteCounts> {
  if (inputs.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  return write(ctx, async (tx) => {
    const r = await planAndWrite(ctx, tx, inputs, { errorPrefix: (i) => `items.${i}`, mode: 'upsert' });
    if (r.written.length) {
      await audit(ctx, tx, {
        action: opts.auditAction ?? 'catalog.items.save',
        target: { type: 'items', id: '*' },
        after: r.written.map((w) => ({ code: w.input.code, version: r.versions.get(w.input.code) })),
        detail: `created ${r.counts.created}, updated ${r.counts.updated}, unchanged ${r.counts.unchanged}`,
      });
    }
    return { result: r.counts, changed: r.written.length > 0 };
  });
}

/** Creates a new item (version 1); 409 when the code exists. */
export async function createItem(ctx: Ctx, input: ServiceItemInput): Promise<ItemDetail> {
  await write(ctx, async (tx) => {
    const r = await planAndWrite(ctx, tx, [input], { errorPrefix: () => '', mode: 'create' });
    const w = r.written[0];
    await audit(ctx, tx, {
      action: 'catalog.item.create',
      target: { type: 'item', id: w.input.code },
      after: w.input,
      detail: `v1 ${w.input.name}`,
    });
    return { result: null, changed: true };
  });
  return getItem(ctx, input.code);
}

/**
 * Writes a new version of an existing item; an unchanged write makes none. Earlier versions stay
 * readable (getItemVersion): a case keeps the version it was accepted under.
 */
export async function updateItem(ctx: Ctx, code: string, input: ServiceItemInput): Promise<ItemDetail & { changed: boolean }> {
  if (input && typeof input === 'object' && typeof input.code === 'string' && input.code.trim() !== code) {
    throw invalidField('code', 'code_mismatch', '实施编码与地址中的事项编码不一致', 'code differs from the item addressed');
  }
  const changed = await write(ctx, async (tx) => {
    const r = await planAndWrite(ctx, tx, [{ ...input, code }], { errorPrefix: () => '', mode: 'update' });
    const w = r.written[0];
    if (w) {
      await audit(ctx, tx, {
        action: 'catalog.item.update',
        target: { type: 'item', id: code },
        before: w.prevBody,
        after: w.input,
        detail: `v${r.versions.get(code)}: ${w.fields.join(',')}`,
      });
    }
    return { result: !!w, changed: !!w };
  });
  return { ...(await getItem(ctx, code)), changed };
}

// ---------------------------------------------------------------------------------------------
// Items: reads
// ---------------------------------------------------------------------------------------------

const itemNotFound = () => notFound({ zh: '事项', en: 'item' });

async function detailFromDb(db: AnyDb, body: ServiceItemInput, version: number, updatedAt: string): Promise<ItemDetail> {
  const dept = await store.departmentByCode(db, body.departmentCode);
  const lts = body.resultLicenseTypeCode ? await store.listLicenseTypeRows(db) : [];
  const lt = (c: string) => {
    const r = lts.find((x) => x.code === c);
    return r ? toLicenseType(r) : undefined;
  };
  return toDetail(body, version, updatedAt, dept ? toDepartment(dept) : undefined, lt);
}

/**
 * The current version of an item, or null. The object is shared and frozen (it comes from the
 * catalog index): copy it before changing anything.
 */
export async function findItem(ctx: Ctx, code: string): Promise<ItemDetail | null> {
  if (isTx(ctx.db)) {
    const r = await store.currentItem(ctx.db, code);
    return r ? detailFromDb(ctx.db, JSON.parse(r.body) as ServiceItemInput, Number(r.current_version), r.updated_at) : null;
  }
  const hit = (await catalogIndex(ctx.db)).byCode.get(code);
  return hit ? hit.detail : null;
}

/** The current version of an item; 404 when there is none. */
export async function getItem(ctx: Ctx, code: string): Promise<ItemDetail> {
  const d = await findItem(ctx, code);
  if (!d) throw itemNotFound();
  return d;
}

/** A given version of an item (what a case was accepted under); 404 when there is none. */
export async function getItemVersion(ctx: Ctx, code: string, version: number): Promise<ItemDetail> {
  const r = Number.isInteger(version) && version > 0 ? await store.itemVersion(ctx.db, code, version) : undefined;
  if (!r) throw notFound({ zh: '事项版本', en: 'item version' });
  const body = JSON.parse(r.body) as ServiceItemInput;
  if (isTx(ctx.db)) return detailFromDb(ctx.db, body, Number(r.version), r.created_at);
  const idx = await catalogIndex(ctx.db);
  return toDetail(body, Number(r.version), r.created_at, idx.deptByCode.get(body.departmentCode), (c) => idx.ltByCode.get(c));
}

/** Every version of an item, oldest first; 404 when the item does not exist. */
export async function listItemVersions(ctx: Ctx, code: string): Promise<ItemVersionInfo[]> {
  const rows = await store.itemVersions(ctx.db, code);
  if (!rows.length) throw itemNotFound();
  return rows.map((r) => ({ version: Number(r.version), createdAt: r.created_at, createdBy: r.created_by }));
}

function badParam(field: string, zh: string, en: string): Problem {
  return invalidField(field, 'invalid_parameter', zh, en);
}

/**
 * Search the current catalog: every word of `q` must match a substring of the item name or the
 * department name, or a prefix of the item code or base code. Filters narrow further. Ordered by
 * department code, then item code. Empty q lists everything, paginated.
 */
export async function searchItems(ctx: Ctx, params: SearchParams = {}): Promise<SearchResult> {
  const page = params.page ?? 1;
  const pageSize = params.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000) throw badParam('page', '页码须为正整数', 'page must be a positive integer');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw badParam('pageSize', `每页条数须为 1–${MAX_PAGE_SIZE}`, `pageSize must be 1–${MAX_PAGE_SIZE}`);
  }
  if (params.type !== undefined && !Object.hasOwn(ITEM_TYPES, params.type)) throw badParam('type', '事项类型无效', 'unknown item type');
  if (params.tier !== undefined && !Object.hasOwn(TIERS, params.tier)) throw badParam('tier', '层级无效', 'unknown tier');
  if (params.caseKind !== undefined && !Object.hasOwn(CASE_KINDS, String(params.caseKind))) {
    throw badParam('caseKind', '办件类型须为 1 或 2', 'caseKind must be 1 or 2');
  }
  const q = params.q ?? '';
  if (q.length > 200) throw badParam('q', '搜索词过长', 'query too long');
  const terms = searchTerms(q);

  const idx = isTx(ctx.db) ? await loadIndex(ctx.db, -1) : await catalogIndex(ctx.db);
  const { departmentCode, type, tier, caseKind, commitmentAllowed } = params;
  const key = `${terms.join(' ')}|${departmentCode}|${type}|${tier}|${caseKind}|${commitmentAllowed}|${page}|${pageSize}`;
  const cached = idx.results.get(key);
  if (cached) return { ...cached, items: [...cached.items] };
  const start = (page - 1) * pageSize;
  const end = start + pageSize;
  const out: ItemSummary[] = [];
  let total = 0;
  for (const it of idx.items) {
    const s = it.summary;
    if (departmentCode !== undefined && s.departmentCode !== departmentCode) continue;
    if (type !== undefined && s.type !== type) continue;
    if (caseKind !== undefined && s.caseKind !== caseKind) continue;
    if (commitmentAllowed !== undefined && s.commitmentAllowed !== commitmentAllowed) continue;
    if (tier !== undefined && !it.tiers.includes(tier as Tier)) continue;
    if (terms.length && !matchesTerms(it.entry, terms)) continue;
    if (total >= start && total < end) out.push(s);
    total += 1;
  }
  const result = { total, page, pageSize, items: out };
  if (idx.results.size >= RESULT_CACHE_MAX) idx.results.delete(idx.results.keys().next().value as string);
  idx.results.set(key, result);
  return { ...result, items: [...out] };
}

// ---------------------------------------------------------------------------------------------
// Excel
// ---------------------------------------------------------------------------------------------

async function snapshot(ctx: Ctx): Promise<CatalogSnapshot> {
  const idx = await catalogIndex(ctx.db);
  return {
    departments: idx.departments.map((d) => ({ ...d, itemCount: idx.itemCount.get(d.code) ?? 0 })),
    items: idx.items.map((i) => i.detail),
  };
}

/** The whole current catalog as an .xlsx workbook (admin). */
export async function exportCatalog(ctx: Ctx): Promise<Buffer> {
  if (ctx.actor) assertAllowed(ctx.actor, canExportCatalog(ctx.actor), WHY.exportImport);
  return buildWorkbook(await snapshot(ctx));
}

/**
 * Imports a workbook in the export's layout. Every row is checked; any bad row refuses the whole
 * file (422 listing `{row, field: "<sheet>.<column>", code, zh, en}` for each). Unchanged items
 * make no new version.
 */
export async function importCatalog(ctx: Ctx, file: Buffer): Promise<WriteCounts> {
  if (ctx.actor) assertAllowed(ctx.actor, canImportCatalog(ctx.actor), WHY.exportImport);
  const { known } = await knownCodes(ctx.db);
  const parsed = await parseWorkbook(file, known);
  if (!parsed.ok) throw parsed.problem;
  return saveItems(ctx, parsed.items, { auditAction: 'catalog.import' });
}
