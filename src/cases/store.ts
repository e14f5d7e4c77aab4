/**
 * The cases module's tables, as Kysely queries. Only this module writes them (stats/ reads).
 * Lists are filtered by the actor's data scope here, in SQL.
 */
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import { tables, type AnyDb, type Executor } from '../platform/db/database.js';
import { insertRows } from '../platform/db/insert.js';
import { runText } from '../platform/db/text-query.js';
import { uuidv7 } from '../platform/ids.js';
import type { CaseMaterial, CaseState, Colour, EventDraft, Status } from './model.js';

export interface CaseRow {
  case_no: string;
  version: number;
  status: string;
  item_code: string;
  item_version: number;
  item_name: string;
  case_kind: number;
  department_code: string;
  department_id: string;
  applicant_id: string;
  applicant_kind: string;
  applicant_name: string;
  applicant_code: string;
  applicant_phone: string;
  channel: string;
  intake_hall_id: string | null;
  routed_to: string | null;
  instant: number;
  delivery_preference: string;
  created_at: string;
  created_by: string | null;
  submitted_at: string | null;
  deem_on: string | null;
  accepted_on: string | null;
  accepted_at: string | null;
  accepted_by: string | null;
  deemed: number;
  promised_limit: number;
  legal_limit: number;
  extension_days: number;
  suspended_days: number;
  suspension: string | null;
  step_index: number | null;
  step_count: number;
  step_claimed_by: string | null;
  step_claimed_name: string | null;
  promised_due: string | null;
  legal_due: string | null;
  warn_on: string | null;
  paused_colour: string | null;
  notice: string | null;
  refusal_reason: string | null;
  decision: string | null;
  decided_at: string | null;
  issued_at: string | null;
  certificate_no: string | null;
  license_id: string | null;
  license_identifier: string | null;
  delivery_mode: string | null;
  delivery: string | null;
  delivered_at: string | null;
  concluded_at: string | null;
  closed_reason: string | null;
  updated_at: string;
}

export interface MaterialRow {
  case_no: string;
  code: string;
  name: string;
  required: number;
  satisfied_by: string | null;
  files: string;
  paper_seen: number;
  license_id: string | null;
  license_identifier: string | null;
  deferred_until: string | null;
  supplied_at: string | null;
}

export interface EventRow {
  id: string;
  case_no: string;
  version: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  from_status: Status | null;
  to_status: Status;
  step_index: number | null;
  reason: string | null;
  detail: string | null;
}

export interface CaseTables {
  cases: CaseRow;
  case_materials: MaterialRow;
  case_events: EventRow;
  case_sequences: { day: string; last: number };
}

type Db = AnyDb | Executor<unknown>;
const t = (db: Db) => tables<CaseTables>(db);
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const parse = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

// ---------------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------------

export function toRow(c: CaseState): CaseRow {
  return {
    case_no: c.caseNo,
    version: c.version,
    status: c.status,
    item_code: c.itemCode,
    item_version: c.itemVersion,
    item_name: c.itemName,
    case_kind: c.caseKind,
    department_code: c.departmentCode,
    department_id: c.departmentId,
    applicant_id: c.applicantId,
    applicant_kind: c.applicantKind,
    applicant_name: c.applicantName,
    applicant_code: c.applicantCode,
    applicant_phone: c.applicantPhone,
    channel: c.channel,
    intake_hall_id: c.intakeHallId,
    routed_to: c.routedTo,
    instant: c.instant ? 1 : 0,
    delivery_preference: c.deliveryPreference,
    created_at: c.createdAt,
    created_by: c.createdBy,
    submitted_at: c.submittedAt,
    deem_on: c.deemOn,
    accepted_on: c.acceptedOn,
    accepted_at: c.acceptedAt,
    accepted_by: c.acceptedBy,
    deemed: c.deemed ? 1 : 0,
    promised_limit: c.promisedLimit,
    legal_limit: c.legalLimit,
    extension_days: c.extensionDays,
    suspended_days: c.suspendedDays,
    suspension: json(c.suspension),
    step_index: c.stepIndex,
    step_count: c.stepCount,
    step_claimed_by: c.stepClaimedBy?.id ?? null,
    step_claimed_name: c.stepClaimedBy?.name ?? null,
    promised_due: c.promisedDue,
    legal_due: c.legalDue,
    warn_on: c.warnOn,
    paused_colour: c.pausedColour,
    notice: json(c.notice),
    refusal_reason: c.refusalReason,
    decision: json(c.decision),
    decided_at: c.decision?.at ?? null,
    issued_at: c.issuedAt,
    certificate_no: c.certificateNo,
    license_id: c.licenseId,
    license_identifier: c.licenseIdentifier,
    delivery_mode: c.delivery?.mode ?? null,
    delivery: json(c.delivery),
    delivered_at: c.deliveredAt,
    concluded_at: c.concludedAt,
    closed_reason: c.closedReason,
    updated_at: c.updatedAt,
  };
}

export function fromRow(r: CaseRow): CaseState {
  return {
    caseNo: r.case_no,
    version: Number(r.version),
    status: r.status as Status,
    itemCode: r.item_code,
    itemVersion: Number(r.item_version),
    itemName: r.item_name,
    caseKind: Number(r.case_kind) as 1 | 2,
    departmentCode: r.department_code,
    departmentId: r.department_id,
    applicantId: r.applicant_id,
    applicantKind: r.applicant_kind as 'person' | 'enterprise',
    applicantName: r.applicant_name,
    applicantCode: r.applicant_code,
    applicantPhone: r.applicant_phone,
    channel: r.channel as 'window' | 'online',
    intakeHallId: r.intake_hall_id,
    routedTo: r.routed_to as 'district' | null,
    instant: Number(r.instant) === 1,
    deliveryPreference: r.delivery_preference as 'pickup' | 'mail',
    createdAt: r.created_at,
    createdBy: r.created_by,
    submittedAt: r.submitted_at,
    deemOn: r.deem_on,
    acceptedOn: r.accepted_on,
    acceptedAt: r.accepted_at,
    acceptedBy: r.accepted_by,
    deemed: Number(r.deemed) === 1,
    promisedLimit: Number(r.promised_limit),
    legalLimit: Number(r.legal_limit),
    extensionDays: Number(r.extension_days),
    suspendedDays: Number(r.suspended_days),
    suspension: parse(r.suspension),
    stepIndex: r.step_index === null ? null : Number(r.step_index),
    stepCount: Number(r.step_count),
    stepClaimedBy: r.step_claimed_by ? { id: r.step_claimed_by, name: r.step_claimed_name ?? '' } : null,
    promisedDue: r.promised_due,
    legalDue: r.legal_due,
    warnOn: r.warn_on,
    pausedColour: r.paused_colour as Colour | null,
    notice: parse(r.notice),
    refusalReason: r.refusal_reason,
    decision: parse(r.decision),
    issuedAt: r.issued_at,
    certificateNo: r.certificate_no,
    licenseId: r.license_id,
    licenseIdentifier: r.license_identifier,
    delivery: parse(r.delivery),
    deliveredAt: r.delivered_at,
    concludedAt: r.concluded_at,
    closedReason: r.closed_reason,
    updatedAt: r.updated_at,
  };
}

const materialRow = (caseNo: string, m: CaseMaterial): MaterialRow => ({
  case_no: caseNo,
  code: m.code,
  name: m.name,
  required: m.required ? 1 : 0,
  satisfied_by: m.by,
  files: JSON.stringify(m.files),
  paper_seen: m.paperSeen ? 1 : 0,
  license_id: m.licenseId,
  license_identifier: m.licenseIdentifier,
  deferred_until: m.deferredUntil,
  supplied_at: m.suppliedAt,
});

export const fromMaterialRow = (r: MaterialRow): CaseMaterial => ({
  code: r.code,
  name: r.name,
  required: Number(r.required) === 1,
  by: r.satisfied_by as CaseMaterial['by'],
  files: JSON.parse(r.files) as string[],
  paperSeen: Number(r.paper_seen) === 1,
  licenseId: r.license_id,
  licenseIdentifier: r.license_identifier,
  deferredUntil: r.deferred_until,
  suppliedAt: r.supplied_at,
});

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

/** Bumps the day's counter and returns the new value (atomic on both databases). */
export async function nextSequence(tx: Db, day: string): Promise<number> {
  const [r] = await runText<{ last: number }>(
    tx,
    'insert into case_sequences (day, last) values (?, 1) on conflict (day) do update set last = case_sequences.last + 1 returning last',
    [day],
  );
  return Number(r.last);
}

export async function insertCase(tx: Db, c: CaseState): Promise<void> {
  await insertRows(t(tx), 'cases', [toRow(c)]);
}

/** Optimistic write: applies only when the stored version is still `expected`. */
export async function saveCase(tx: Db, c: CaseState, expected: number): Promise<boolean> {
  const { case_no, ...rest } = toRow(c);
  const r = await t(tx).updateTable('cases').set(rest).where('case_no', '=', case_no).where('version', '=', expected).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertMaterials(tx: Db, caseNo: string, ms: CaseMaterial[]): Promise<void> {
  await insertRows(t(tx), 'case_materials', ms.map((m) => materialRow(caseNo, m)));
}

export async function replaceMaterials(tx: Db, caseNo: string, ms: CaseMaterial[]): Promise<void> {
  await t(tx).deleteFrom('case_materials').where('case_no', '=', caseNo).execute();
  await insertMaterials(tx, caseNo, ms);
}

export interface EventActor {
  id: string | null;
  name: string | null;
  role: string | null;
}

export function eventRow(caseNo: string, version: number, at: string, actor: EventActor, e: EventDraft): EventRow {
  return {
    id: uuidv7(),
    case_no: caseNo,
    version,
    at,
    actor_id: actor.id,
    actor_name: actor.name,
    actor_role: actor.role,
    action: e.action,
    from_status: e.from,
    to_status: e.to,
    step_index: e.stepIndex,
    reason: e.reason,
    detail: json(e.detail),
  };
}

export async function insertEvents(tx: Db, rows: EventRow[]): Promise<void> {
  await insertRows(t(tx), 'case_events', rows);
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

export const findCase = (db: Db, caseNo: string) => t(db).selectFrom('cases').selectAll().where('case_no', '=', caseNo).executeTakeFirst();

export const caseMaterials = (db: Db, caseNo: string) =>
  t(db).selectFrom('case_materials').selectAll().where('case_no', '=', caseNo).orderBy('code').execute();

export const caseEvents = (db: Db, caseNo: string) =>
  t(db).selectFrom('case_events').selectAll().where('case_no', '=', caseNo).orderBy('version').execute();

/** What the actor may see, as a SQL filter (null = nothing). */
export type CaseScope =
  | { kind: 'all' }
  | { kind: 'hall'; hallId: string }
  | { kind: 'department'; departmentId: string }
  | { kind: 'applicant'; applicantId: string }
  | null;

type CaseEb = ExpressionBuilder<CaseTables, 'cases'>;

function scopeFilter(eb: CaseEb, scope: Exclude<CaseScope, null>) {
  switch (scope.kind) {
    case 'all':
      return eb.lit(true);
    case 'hall':
      return eb('cases.intake_hall_id', '=', scope.hallId);
    case 'department':
      return eb('cases.department_id', '=', scope.departmentId);
    case 'applicant':
      return eb('cases.applicant_id', '=', scope.applicantId);
  }
}

/** Colour of running cases in SQL: red past the due date, yellow from warn_on, else green; paused cases keep their frozen colour. */
function colourFilter(eb: CaseEb, colour: Colour, today: string) {
  const running = eb('cases.status', 'in', ['accepted', 'in_review']);
  const paused = eb('cases.status', '=', 'suspended');
  const rule =
    colour === 'red'
      ? eb('cases.promised_due', '<', today)
      : colour === 'yellow'
        ? eb.and([eb('cases.promised_due', '>=', today), eb('cases.warn_on', '<=', today)])
        : eb('cases.warn_on', '>', today);
  return eb.or([eb.and([running, rule]), eb.and([paused, eb('cases.paused_colour', '=', colour)])]);
}

export interface ListFilter {
  statuses?: Status[];
  itemCode?: string;
  departmentCode?: string;
  caseNoPrefix?: string;
  applicantName?: string;
  channel?: 'window' | 'online';
  createdFrom?: string;
  createdTo?: string;
  colour?: Colour;
  overdue?: boolean;
  claimedBy?: string;
  unclaimed?: boolean;
  /** include online submissions past their deem date among accepted/office lists */
  includeDeemable?: boolean;
  today: string;
}

export type ListOrder = 'created_desc' | 'due_asc' | 'updated_desc';

export async function listCases(db: Db, scope: CaseScope, f: ListFilter, page: { offset: number; limit: number; order: ListOrder }) {
  if (!scope) return { total: 0, rows: [] as CaseRow[] };
  const s = scope;
  let q = t(db).selectFrom('cases').where((eb) => scopeFilter(eb, s));
  if (f.statuses?.length) {
    const statuses = f.statuses;
    // `status in (…)` stays a plain list so the (scope, status, promised_due) indexes seek it
    if (f.includeDeemable && !statuses.includes('submitted')) {
      q = q.where('status', 'in', [...statuses, 'submitted']).where((eb) => eb.or([eb('status', '<>', 'submitted'), eb('deem_on', '<', f.today)]));
    } else q = q.where('status', 'in', statuses);
  }
  if (f.itemCode) q = q.where('item_code', '=', f.itemCode);
  if (f.departmentCode) q = q.where('department_code', '=', f.departmentCode);
  if (f.caseNoPrefix) q = q.where('case_no', '>=', f.caseNoPrefix).where('case_no', '<', f.caseNoPrefix + '\uffff');
  if (f.applicantName) q = q.where('applicant_name', '=', f.applicantName);
  if (f.channel) q = q.where('channel', '=', f.channel);
  if (f.createdFrom) q = q.where('created_at', '>=', f.createdFrom);
  if (f.createdTo) q = q.where('created_at', '<', f.createdTo);
  if (f.colour) {
    const colour = f.colour;
    if (!f.statuses?.length) q = q.where('status', 'in', ['accepted', 'in_review', 'suspended']);
    q = q.where((eb) => colourFilter(eb, colour, f.today));
  }
  if (f.overdue) q = q.where('status', 'in', ['accepted', 'in_review']).where('promised_due', '<', f.today);
  if (f.claimedBy) q = q.where('step_claimed_by', '=', f.claimedBy);
  if (f.unclaimed) q = q.where('step_claimed_by', 'is', null);
  const totalRow = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  // the page's keys first, then only their rows: sorting thousands of whole rows to keep twenty
  // cost an inbox ~5 ms, sorting keys (from an index that holds them) ~0.2 ms
  const pageKeys = ordered(q.select('case_no'), page.order).limit(page.limit).offset(page.offset);
  const rows = await ordered(t(db).selectFrom('cases').selectAll().where('case_no', 'in', pageKeys), page.order).execute();
  return { total: Number(totalRow?.n ?? 0), rows };
}

function ordered<O>(q: SelectQueryBuilder<CaseTables, 'cases', O>, order: ListOrder) {
  if (order === 'due_asc') return q.orderBy('promised_due').orderBy('case_no');
  if (order === 'updated_desc') return q.orderBy('updated_at', 'desc').orderBy('case_no', 'desc');
  return q.orderBy('created_at', 'desc').orderBy('case_no', 'desc');
}

/** Overdue running cases per department (for the hall manager's view). */
export async function overdueByDepartment(db: Db, scope: CaseScope, today: string) {
  if (!scope) return [];
  const s = scope;
  return t(db)
    .selectFrom('cases')
    .where((eb) => scopeFilter(eb, s))
    .where('status', 'in', ['accepted', 'in_review'])
    .where('promised_due', '<', today)
    .select(['department_code', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('department_code')
    .orderBy('department_code')
    .execute();
}

/** Online submissions past their deem date (the §32 sweep). */
export const deemableCases = (db: Db, today: string, limit: number) =>
  t(db).selectFrom('cases').select('case_no').where('status', '=', 'submitted').where('deem_on', '<', today).orderBy('deem_on').limit(limit).execute();

/** Counts for figures (free mail deliveries etc.). */
export async function deliveryCounts(db: Db, from: string | undefined, to: string | undefined) {
  let q = t(db).selectFrom('cases').where('delivery_mode', 'is not', null);
  if (from) q = q.where('delivered_at', '>=', from);
  if (to) q = q.where('delivered_at', '<', to);
  return q.select(['delivery_mode', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('delivery_mode').execute();
}

export async function statusCounts(db: Db, scope: CaseScope) {
  if (!scope) return [];
  const s = scope;
  return t(db)
    .selectFrom('cases')
    .where((eb) => scopeFilter(eb, s))
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
}
