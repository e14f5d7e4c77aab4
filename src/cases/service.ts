/**
 * 办件 use cases. Each write is ONE transaction: load (scoped) → policy → model → save with the
 * expected version (`update … where case_no = ? and version = ?`; 0 rows → 409 stale_version) →
 * case_events → audit record → SMS notices into the outbox, all in the same transaction.
 */
import { getApplicant } from '../accounts/service.js';
import { getDepartment, getItem, getItemVersion, type ItemDetail } from '../catalog/service.js';
import type { Actor } from '../platform/actor.js';
import { appendAudit } from '../platform/audit.js';
import type { Calendar } from '../platform/calendar/model.js';
import { getCalendar } from '../platform/calendar/store.js';
import type { Ctx } from '../platform/context.js';
import type { Executor } from '../platform/db/database.js';
import { maskIdNumber, maskName, maskPhone } from '../platform/identifiers.js';
import { forbidden, invalidField, Problem, unauthenticated } from '../platform/problem.js';
import { availableDocuments, DOCUMENT_KINDS, documentSpec, procedureName, type DocumentKind } from './documents.js';
import * as model from './model.js';
import {
  ACTION_NAMES,
  actionsFrom,
  DEFAULT_DEADLINE_POLICY,
  STATUS_NAMES,
  type Action,
  type CaseMaterial,
  type CaseState,
  type Colour,
  type DeadlinePolicy,
  type Env,
  type ItemRules,
  type MaterialInput,
  type Outcome,
  type Status,
} from './model.js';
import * as policy from './policy.js';
import * as ports from './ports.js';
import * as store from './store.js';

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

const SYSTEM_ACTOR = { id: 'system', name: '系统' };

function deadlinePolicy(): DeadlinePolicy {
  const ratio = Number(process.env.CASE_WARN_RATIO);
  return Number.isFinite(ratio) && ratio > 0 && ratio < 1 ? { ...DEFAULT_DEADLINE_POLICY, warnRatio: ratio } : DEFAULT_DEADLINE_POLICY;
}

const requireActor = (ctx: Ctx): Actor => {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
};

const todayOf = (ctx: Ctx) => model.shanghaiDay(ctx.clock.now());

function envOf(ctx: Ctx, cal: Calendar, now = ctx.clock.now()): Env {
  const a = ctx.actor;
  return { now, today: model.shanghaiDay(now), cal, actor: a ? { id: a.accountId, name: a.name } : SYSTEM_ACTOR, policy: deadlinePolicy() };
}

const auditActor = (a: Actor | null) => (a ? { id: a.accountId, name: a.username } : null);
const eventActor = (a: Actor | null): store.EventActor => (a ? { id: a.accountId, name: a.name, role: a.roles[0] ?? null } : { id: null, name: SYSTEM_ACTOR.name, role: 'system' });

/** Item versions never change: cached per process. */
const itemVersions = new Map<string, ItemRules & { detail: ItemDetail }>();

function rulesOf(d: ItemDetail): ItemRules & { detail: ItemDetail } {
  return {
    code: d.code,
    version: d.version,
    name: d.name,
    caseKind: d.caseKind,
    departmentCode: d.departmentCode,
    promisedLimitDays: d.promisedLimitDays,
    legalLimitDays: d.legalLimitDays,
    commitmentAllowed: d.commitmentAllowed,
    tiers: [...d.tiers],
    delivery: [...d.delivery],
    resultLicenseTypeCode: d.resultLicenseTypeCode,
    materials: d.materials.map((m) => ({
      code: m.code,
      name: m.name,
      required: m.required,
      deferrable: m.deferrable,
      commitmentReplaceable: m.commitmentReplaceable,
      licenseTypeCode: m.licenseTypeCode,
    })),
    steps: d.steps.map((s) => ({ name: s.name, role: s.role, limitDays: s.limitDays })),
    detail: d,
  };
}

async function itemAt(ctx: Ctx, code: string, version: number) {
  const key = `${code}@${version}`;
  let r = itemVersions.get(key);
  if (!r) {
    r = rulesOf(await getItemVersion(ctx, code, version));
    if (itemVersions.size > 5000) itemVersions.clear();
    itemVersions.set(key, r);
  }
  return r;
}

async function currentItem(ctx: Ctx, code: string) {
  let d: ItemDetail;
  try {
    d = await getItem(ctx, code);
  } catch (e) {
    if (e instanceof Problem && e.status === 404) throw invalidField('itemCode', 'unknown_item', '事项不存在', 'no such service item');
    throw e;
  }
  const key = `${d.code}@${d.version}`;
  let r = itemVersions.get(key);
  if (!r) {
    r = rulesOf(d);
    itemVersions.set(key, r);
  }
  return r;
}

const departmentIds = new Map<string, { id: string; name: string }>();
async function department(ctx: Ctx, code: string) {
  let d = departmentIds.get(code);
  if (!d) {
    const dep = await getDepartment(ctx, code);
    d = { id: dep.id, name: dep.name };
    departmentIds.set(code, d);
  }
  return d;
}

async function scopeOf(ctx: Ctx) {
  const h = await ports.halls(ctx);
  return policy.caseScope(ctx.actor, (hallId) => h.root?.id === hallId);
}

function staleVersion(current: number): Problem {
  return new Problem(409, 'stale_version', { zh: '办件已被他人更新，请刷新后重试', en: 'The case was changed meanwhile; reload and retry' }, { extra: { currentVersion: current } });
}

async function audit(tx: Executor<unknown>, ctx: Ctx, action: string, c: CaseState, detail: string, at: string) {
  await appendAudit(
    tx,
    { actor: auditActor(ctx.actor), action: `case.${action}`, target: { type: 'case', id: c.caseNo }, ip: ctx.ip, after: { status: c.status, version: c.version }, detail },
    at,
  );
}

/** Every file hash named in material inputs must be an uploaded file. */
async function fileChecker(ctx: Ctx, inputs: MaterialInput[]) {
  const shas = inputs.flatMap((m) => (Array.isArray(m.files) ? m.files : []));
  if (!shas.length) return undefined;
  const known = await ports.knownFiles(ctx.db, shas);
  return (s: string) => known.has(s);
}

/** Licence types a material update may need: named as by=license, or required and not yet satisfied. */
function licenceTypesNeeded(item: ItemRules, inputs: MaterialInput[], satisfied: Set<string>): string[] {
  const named = new Map(inputs.map((i) => [i.code, i.by]));
  return item.materials
    .filter((m) => m.licenseTypeCode && (named.get(m.code) === 'license' || (m.required && !named.has(m.code) && !satisfied.has(m.code))))
    .map((m) => m.licenseTypeCode!);
}

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

export interface ViewOptions {
  full: boolean;
  actions: Action[];
}

function applicantView(c: CaseState, full: boolean) {
  return {
    id: c.applicantId,
    kind: c.applicantKind,
    name: full ? c.applicantName : maskName(c.applicantName),
    idNumber: c.applicantKind === 'person' ? (full ? c.applicantCode : maskIdNumber(c.applicantCode)) : null,
    uscc: c.applicantKind === 'enterprise' ? c.applicantCode : null,
    phone: full ? c.applicantPhone : maskPhone(c.applicantPhone),
  };
}

function materialView(m: CaseMaterial) {
  return {
    code: m.code,
    name: m.name,
    required: m.required,
    satisfiedBy: m.by,
    files: m.files,
    paperSeen: m.paperSeen,
    licenseId: m.licenseId,
    licenseIdentifier: m.licenseIdentifier,
    deferredUntil: m.deferredUntil,
    suppliedAt: m.suppliedAt,
  };
}

function eventView(e: store.EventRow) {
  return {
    version: Number(e.version),
    at: e.at,
    action: e.action,
    actionName: ACTION_NAMES[e.action as model.EventAction] ?? e.action,
    from: e.from_status,
    to: e.to_status,
    toName: STATUS_NAMES[e.to_status as Status]?.zh ?? e.to_status,
    stepIndex: e.step_index === null ? null : Number(e.step_index),
    actor: { name: e.actor_name, role: e.actor_role },
    reason: e.reason,
    detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null,
  };
}

function stepsView(c: CaseState, item: ItemRules) {
  return item.steps.map((s, i) => ({
    index: i,
    name: s.name,
    role: s.role,
    limitDays: s.limitDays,
    state:
      c.stepIndex === null
        ? 'pending'
        : i < c.stepIndex || (i === c.stepIndex && c.decision)
          ? 'done'
          : i === c.stepIndex && ['in_review', 'suspended'].includes(c.status)
            ? 'current'
            : i < c.stepIndex
              ? 'done'
              : 'pending',
    claimedBy: i === c.stepIndex && c.stepClaimedBy ? c.stepClaimedBy.name : null,
  }));
}

export function caseView(c: CaseState, ms: CaseMaterial[], events: store.EventRow[], item: ItemRules, deptName: string, hall: ports.HallInfo | null, cal: Calendar, today: string, o: ViewOptions) {
  const d = model.deadlineView(c, cal, today, deadlinePolicy());
  return {
    caseNo: c.caseNo,
    version: c.version,
    status: c.status,
    statusName: STATUS_NAMES[c.status].zh,
    channel: c.channel,
    instant: c.instant,
    routedTo: c.routedTo,
    deliveryPreference: c.deliveryPreference,
    item: {
      code: c.itemCode,
      version: c.itemVersion,
      name: c.itemName,
      caseKind: c.caseKind,
      departmentCode: c.departmentCode,
      departmentName: deptName,
      promisedLimitDays: c.promisedLimit,
      legalLimitDays: c.legalLimit,
      commitmentAllowed: item.commitmentAllowed,
      resultLicenseTypeCode: item.resultLicenseTypeCode,
    },
    applicant: applicantView(c, o.full),
    intakeHall: hall ? { id: hall.id, code: hall.code, name: hall.name, tier: hall.tier } : null,
    createdAt: c.createdAt,
    submittedAt: c.submittedAt,
    deemOn: c.deemOn,
    deemed: c.deemed,
    acceptedOn: c.acceptedOn,
    acceptedAt: c.acceptedAt,
    materials: ms.map(materialView),
    missing: ms.filter((m) => m.required && m.by === null).map((m) => ({ code: m.code, name: m.name })),
    outstandingDeferred: model.outstandingDeferred(ms).map((m) => ({ code: m.code, name: m.name, deferredUntil: m.deferredUntil })),
    notice: c.notice,
    refusalReason: c.refusalReason,
    deadlines: d,
    suspension: c.suspension ? { ...c.suspension, procedureName: procedureName(c.suspension.procedure) } : null,
    currentStep: c.stepIndex,
    steps: stepsView(c, item),
    decision: c.decision,
    certificate: c.issuedAt ? { issuedAt: c.issuedAt, certificateNo: c.certificateNo, licenseId: c.licenseId, licenseIdentifier: c.licenseIdentifier } : null,
    delivery: c.delivery ? (o.full || c.delivery.mode === 'pickup' ? c.delivery : { ...c.delivery, address: '***' }) : null,
    deliveredAt: c.deliveredAt,
    concludedAt: c.concludedAt,
    closedReason: c.closedReason,
    updatedAt: c.updatedAt,
    timeline: events.map(eventView),
    documents: availableDocuments(c, ms).map((kind) => ({ kind, name: DOCUMENT_KINDS[kind], url: `/api/v1/cases/${c.caseNo}/documents/${kind}.pdf` })),
    allowedActions: o.actions,
  };
}
export type CaseView = ReturnType<typeof caseView>;

export function summaryView(c: CaseState, cal: Calendar, today: string, extra: { stepName?: string | null } = {}) {
  const d = model.deadlineView(c, cal, today, deadlinePolicy());
  return {
    caseNo: c.caseNo,
    version: c.version,
    status: c.status,
    statusName: STATUS_NAMES[c.status].zh,
    channel: c.channel,
    instant: c.instant,
    itemCode: c.itemCode,
    itemName: c.itemName,
    departmentCode: c.departmentCode,
    applicantName: maskName(c.applicantName),
    applicantKind: c.applicantKind,
    createdAt: c.createdAt,
    submittedAt: c.submittedAt,
    acceptedOn: c.acceptedOn,
    deemed: c.deemed,
    promisedDue: d?.promisedDue ?? null,
    legalDue: d?.legalDue ?? null,
    remainingDays: d?.remainingDays ?? null,
    colour: d?.colour ?? null,
    paused: d?.paused ?? false,
    currentStep: c.stepIndex,
    stepName: extra.stepName ?? null,
    claimedBy: c.stepClaimedBy?.name ?? null,
    deliveryMode: c.delivery?.mode ?? null,
    updatedAt: c.updatedAt,
  };
}
export type CaseSummary = ReturnType<typeof summaryView>;

/** A submission past its deem date reads as accepted (§32) even before the sweep writes it. */
function virtualDeem(c: CaseState, events: store.EventRow[], cal: Calendar, now: string): { c: CaseState; events: store.EventRow[] } {
  const today = model.shanghaiDay(now);
  if (!model.isDeemable(c, today)) return { c, events };
  const r = model.deem(c, { now, today, cal, actor: SYSTEM_ACTOR, policy: deadlinePolicy() });
  return { c: r.next, events: [...events, store.eventRow(c.caseNo, r.next.version, now, eventActor(null), r.event)] };
}

async function loadVisible(ctx: Ctx, caseNo: string) {
  const actor = requireActor(ctx);
  if (!model.CASE_NO_RE.test(caseNo)) throw policy.caseNotFound();
  const [row, scope] = await Promise.all([store.findCase(ctx.db, caseNo), scopeOf(ctx)]);
  if (!row) throw policy.caseNotFound();
  const c = store.fromRow(row);
  policy.assertCanView(scope, c);
  return { actor, c, scope };
}

export async function getCase(ctx: Ctx, caseNo: string): Promise<CaseView> {
  const { actor, c: stored, scope } = await loadVisible(ctx, caseNo);
  const [mRows, eRows, cal] = await Promise.all([store.caseMaterials(ctx.db, caseNo), store.caseEvents(ctx.db, caseNo), getCalendar(ctx.db)]);
  const now = ctx.clock.now();
  const { c, events } = virtualDeem(stored, eRows, cal, now);
  return buildView(ctx, actor, scope, c, mRows.map(store.fromMaterialRow), events, cal, model.shanghaiDay(now));
}

async function buildView(ctx: Ctx, actor: Actor, scope: store.CaseScope, c: CaseState, ms: CaseMaterial[], events: store.EventRow[], cal: Calendar, today: string) {
  const [item, dept, h] = await Promise.all([itemAt(ctx, c.itemCode, c.itemVersion), department(ctx, c.departmentCode), ports.halls(ctx)]);
  const actions = actionsFrom(c.status).filter((a) => policy.canAct(actor, a, c, scope));
  return caseView(c, ms, events, item, dept.name, c.intakeHallId ? (h.byId.get(c.intakeHallId) ?? null) : null, cal, today, {
    full: policy.canSeePersonalData(actor, scope, c),
    actions,
  });
}

// ---------------------------------------------------------------------------------------------
// Intake and online submission
// ---------------------------------------------------------------------------------------------

export interface CreateCaseInput {
  itemCode: string;
  /** window intake: the registered applicant (POST /api/v1/applicants first); online: the logged-in applicant */
  applicantId?: string;
  materials: MaterialInput[];
  /** window: 'accept' (default: accepted when complete, else the one-time notice) or 'refuse' */
  outcome?: 'accept' | 'refuse';
  refusalReason?: string;
  /** window: 即办件 handled on the spot; default true for caseKind 1 items */
  instant?: boolean;
  delivery?: 'pickup' | 'mail';
  /** online: false keeps a draft; default true */
  submit?: boolean;
  note?: string;
}

export async function createCase(ctx: Ctx, input: CreateCaseInput): Promise<CaseView> {
  const actor = requireActor(ctx);
  const online = actor.kind === 'applicant';
  if (online ? !policy.canApplyOnline(actor) : !policy.canIntake(actor)) {
    throw forbidden({ zh: '只有综合受理窗口或申请人本人可以提交办件', en: 'Only intake clerks (or applicants online) create cases' });
  }
  const now = ctx.clock.now();
  const today = model.shanghaiDay(now);
  const item = await currentItem(ctx, input.itemCode);
  const applicantId = online ? actor.applicantId! : input.applicantId;
  if (!applicantId) throw invalidField('applicantId', 'required', '请选择或登记申请人', 'applicantId is required');
  let applicant;
  try {
    applicant = await getApplicant(ctx, applicantId);
  } catch (e) {
    if (e instanceof Problem && e.status === 404) throw invalidField('applicantId', 'unknown_applicant', '申请人不存在', 'no such applicant');
    throw e;
  }
  const delivery = input.delivery ?? (item.delivery.includes('pickup') ? 'pickup' : ((item.delivery[0] as 'pickup' | 'mail' | undefined) ?? 'pickup'));
  if (!item.delivery.includes(delivery) && item.delivery.length) throw invalidField('delivery', 'not_offered', '该事项不提供此送达方式', 'the item does not offer this delivery');
  const instant = online ? false : (input.instant ?? item.caseKind === 1);
  if (instant && item.caseKind !== 1) throw invalidField('instant', 'not_instant_item', '该事项不是即办件', 'the item is not an instant item (即办件)');
  if (!online && input.outcome === 'refuse' && !input.refusalReason?.trim()) {
    throw invalidField('refusalReason', 'required', '须填写不予受理的理由和法律依据', 'refusalReason is required');
  }
  if (online && (input.outcome !== undefined || input.instant !== undefined || input.refusalReason !== undefined)) {
    throw invalidField('outcome', 'not_allowed', '网上申请不能指定受理结果', 'online applications cannot set an intake outcome');
  }

  const [cal, h, dept, known] = await Promise.all([getCalendar(ctx.db), ports.halls(ctx), department(ctx, item.departmentCode), fileChecker(ctx, input.materials)]);
  const hall = online ? h.root : actor.hallId ? (h.byId.get(actor.hallId) ?? null) : null;
  const types = licenceTypesNeeded(item, input.materials, new Set());
  const licenses = types.length ? await ports.heldLicenses(ctx, applicantId, types, today) : new Map();
  const check = model.checkMaterials(item, input.materials, { today, cal, licenses, knownFiles: known });
  if (check.errors.length) throw new Problem(422, 'validation_failed', { zh: `材料有误：${check.errors[0].field} ${check.errors[0].zh}`, en: `Invalid materials: ${check.errors[0].field} ${check.errors[0].en}` }, { field: check.errors[0].field, errors: check.errors });
  const env = envOf(ctx, cal, now);
  const newCase = (caseNo: string): model.NewCase => ({
    caseNo,
    item,
    departmentId: dept.id,
    applicant: { id: applicant.id, kind: applicant.kind, name: applicant.name, code: (applicant.idNumber ?? applicant.uscc ?? '').toUpperCase(), phone: applicant.phone },
    channel: online ? 'online' : 'window',
    intakeHallId: hall?.id ?? null,
    intakeTier: online ? null : (hall?.tier ?? null),
    deliveryPreference: delivery,
  });

  const written = await ctx.db.transaction().execute(async (tx) => {
    const seq = await store.nextSequence(tx, today);
    const n = newCase(model.formatCaseNo(today, seq));
    let outcomes: Outcome[];
    if (online) outcomes = [model.createOnline(n, check, input.submit !== false, env)];
    else {
      outcomes = model.intake(n, check, { outcome: input.outcome ?? 'accept', refusalReason: input.refusalReason, instant, note: input.note }, env);
      if (instant && outcomes.length === 2) outcomes.push(model.issue(outcomes[1].next, env));
    }
    const last = outcomes[outcomes.length - 1].next;
    const materials = outcomes[0].materials ?? [];
    await store.insertCase(tx, last);
    await store.insertMaterials(tx, last.caseNo, materials);
    const ea = eventActor(actor);
    const events = outcomes.map((o) => store.eventRow(last.caseNo, o.next.version, now, ea, o.event));
    await store.insertEvents(tx, events);
    await audit(tx, ctx, online ? 'submit' : 'intake', last, `${last.status} ${last.itemCode}${last.routedTo ? ' routed:district' : ''}`, now);
    await ports.enqueueNotices(tx, outcomes.flatMap((o) => o.notices), now);
    return { c: last, materials, events };
  });
  if (instant && item.resultLicenseTypeCode && written.c.status === 'issued') {
    await attachLicence(ctx, written.c, item, true);
    return getCase(ctx, written.c.caseNo);
  }
  // the view from what was just written (no re-read on the intake hot path)
  const scope = await scopeOf(ctx);
  return buildView(ctx, actor, scope, written.c, written.materials, written.events, cal, today);
}

/** Issues the result licence after the case's transaction (the licences module has its own). */
async function attachLicence(ctx: Ctx, c: CaseState, item: ItemRules, asWindow: boolean) {
  if (!item.resultLicenseTypeCode || c.licenseId) return;
  try {
    const l = await ports.issueCaseLicense(ctx, { typeCode: item.resultLicenseTypeCode, holderApplicantId: c.applicantId, caseNo: c.caseNo, asCertificateWindow: asWindow });
    await ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('cases' as never).set({ license_id: l.id, license_identifier: l.identifier } as never).where('case_no' as never, '=', c.caseNo as never).execute();
      await audit(tx, ctx, 'license_attached', c, l.identifier, ctx.clock.now());
    });
  } catch (err) {
    // the certificate stands; the electronic licence can be issued again from the licences screen
    ctx.log.warn({ err, caseNo: c.caseNo }, 'licence issuance for case failed');
  }
}

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

export interface ActionBody {
  expectedVersion: number;
  [k: string]: unknown;
}

interface Step {
  (c: CaseState, env: Env, x: { materials: CaseMaterial[]; item: ItemRules & { detail: ItemDetail }; tx: Executor<unknown> }): Outcome | Promise<Outcome>;
}

/**
 * The one shape of every action: load in the transaction, scope and policy, §32 deem first when
 * due, the version check, the model, the optimistic save, events, audit, notices.
 */
async function runAction(ctx: Ctx, caseNo: string, action: Action, expectedVersion: number, step: Step, pre?: () => Promise<void>): Promise<CaseState> {
  const actor = requireActor(ctx);
  if (!model.CASE_NO_RE.test(caseNo)) throw policy.caseNotFound();
  const [cal, scope] = await Promise.all([getCalendar(ctx.db), scopeOf(ctx)]);
  if (pre) await pre();
  const now = ctx.clock.now();
  const env = envOf(ctx, cal, now);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await store.findCase(tx, caseNo);
    if (!row) throw policy.caseNotFound();
    const stored = store.fromRow(row);
    policy.assertCanAct(actor, action, stored, scope);
    const events: store.EventRow[] = [];
    const notices: model.NoticeDraft[] = [];
    let c = stored;
    if (model.isDeemable(c, env.today)) {
      const d = model.deem(c, { ...env, actor: SYSTEM_ACTOR });
      c = d.next;
      events.push(store.eventRow(caseNo, c.version, now, eventActor(null), d.event));
      notices.push(...d.notices);
      policy.assertCanAct(actor, action, c, scope);
    }
    if (c.version !== expectedVersion) throw staleVersion(c.version);
    const item = await itemAt({ ...ctx, db: tx }, c.itemCode, c.itemVersion);
    const materials = (await store.caseMaterials(tx, caseNo)).map(store.fromMaterialRow);
    const out = await step(c, env, { materials, item, tx });
    if (!(await store.saveCase(tx, out.next, stored.version))) throw staleVersion(stored.version + 1);
    if (out.materials) await store.replaceMaterials(tx, caseNo, out.materials);
    events.push(store.eventRow(caseNo, out.next.version, now, eventActor(actor), out.event));
    await store.insertEvents(tx, events);
    await audit(tx, ctx, action, out.next, `${out.event.from} -> ${out.event.to}${out.event.reason ? ` (${out.event.reason.slice(0, 60)})` : ''}`, now);
    await ports.enqueueNotices(tx, [...notices, ...out.notices], now);
    return out.next;
  });
}

/** Licence lookups and file checks for a material update, before the transaction. */
async function materialEnv(ctx: Ctx, caseNo: string, inputs: MaterialInput[]) {
  const row = await store.findCase(ctx.db, caseNo);
  const known = await fileChecker(ctx, inputs);
  if (!row) return { known, licenses: new Map<string, model.HeldLicense>() };
  const c = store.fromRow(row);
  const item = await itemAt(ctx, c.itemCode, c.itemVersion);
  const satisfied = new Set((await store.caseMaterials(ctx.db, caseNo)).filter((m) => m.satisfied_by).map((m) => m.code));
  const types = licenceTypesNeeded(item, inputs, satisfied);
  const licenses = types.length ? await ports.heldLicenses(ctx, c.applicantId, types, todayOf(ctx)) : new Map<string, model.HeldLicense>();
  return { known, licenses };
}

function materialProblem(check: model.MaterialCheck) {
  if (check.errors.length) {
    const e = check.errors[0];
    throw new Problem(422, 'validation_failed', { zh: `材料有误：${e.field} ${e.zh}`, en: `Invalid materials: ${e.field} ${e.en}` }, { field: e.field, errors: check.errors });
  }
}

export type ActionInput =
  | { action: 'submit'; expectedVersion: number; materials?: MaterialInput[] }
  | { action: 'accept'; expectedVersion: number; materials?: MaterialInput[] }
  | { action: 'notice'; expectedVersion: number; materials?: MaterialInput[]; inadequate?: string[]; note?: string }
  | { action: 'refuse'; expectedVersion: number; reason: string }
  | { action: 'complete'; expectedVersion: number; materials: MaterialInput[] }
  | { action: 'claim'; expectedVersion: number }
  | { action: 'pass'; expectedVersion: number; opinion?: string }
  | { action: 'return'; expectedVersion: number; toStep?: number; reason: string }
  | { action: 'request-correction'; expectedVersion: number; reason: string; materials?: string[]; supplyBy?: string }
  | { action: 'supplement'; expectedVersion: number; materials: MaterialInput[]; note?: string }
  | { action: 'special-procedure'; expectedVersion: number; procedure: model.Procedure; reason: string; expectedEnd: string }
  | { action: 'end-special'; expectedVersion: number; outcome?: string }
  | { action: 'extend'; expectedVersion: number; days: number; reason: string }
  | { action: 'decide'; expectedVersion: number; outcome: 'grant' | 'deny'; reason?: string }
  | { action: 'issue'; expectedVersion: number }
  | { action: 'deliver'; expectedVersion: number; delivery: model.DeliverInput }
  | { action: 'conclude'; expectedVersion: number }
  | { action: 'withdraw'; expectedVersion: number; reason?: string }
  | { action: 'terminate'; expectedVersion: number; reason: string };

export async function act(ctx: Ctx, caseNo: string, input: ActionInput): Promise<CaseView> {
  const v = input.expectedVersion;
  const withMaterials = async (inputs: MaterialInput[], fn: (c: CaseState, env: Env, merged: model.MaterialCheck) => Outcome) => {
    let menv: Awaited<ReturnType<typeof materialEnv>> = { known: undefined, licenses: new Map() };
    return runAction(
      ctx,
      caseNo,
      input.action,
      v,
      (c, env, x) => {
        const merged = model.applyMaterialUpdate(x.materials, x.item, inputs, { now: env.now, today: env.today, cal: env.cal, licenses: menv.licenses, knownFiles: menv.known });
        materialProblem(merged);
        return fn(c, env, merged);
      },
      async () => {
        menv = await materialEnv(ctx, caseNo, inputs);
      },
    );
  };

  let next: CaseState;
  switch (input.action) {
    case 'submit':
      next = await withMaterials(input.materials ?? [], (c, env) => model.submit(c, env));
      break;
    case 'accept':
      next = await withMaterials(input.materials ?? [], (c, env, m) => model.preAccept(c, m, env));
      break;
    case 'notice':
      next = await withMaterials(input.materials ?? [], (c, env, m) => model.notifyMissing(c, m, input.inadequate ?? [], input.note, env));
      break;
    case 'refuse':
      next = await runAction(ctx, caseNo, 'refuse', v, (c, env) => model.refuse(c, input.reason, env));
      break;
    case 'complete':
      next = await withMaterials(input.materials, (c, env, m) => model.complete(c, m, env));
      break;
    case 'claim':
      next = await runAction(ctx, caseNo, 'claim', v, (c, env) => model.claim(c, env));
      break;
    case 'pass':
      next = await runAction(ctx, caseNo, 'pass', v, (c, env) => model.pass(c, input.opinion, env));
      break;
    case 'return':
      next = await runAction(ctx, caseNo, 'return', v, (c, env) => model.returnStep(c, input.toStep, input.reason, env));
      break;
    case 'request-correction':
      next = await runAction(ctx, caseNo, 'request-correction', v, (c, env, x) => model.requestCorrection(c, input, x.item, env));
      break;
    case 'supplement':
      next = await withMaterials(input.materials, (c, env, m) => model.supplement(c, m, env));
      break;
    case 'special-procedure':
      next = await runAction(ctx, caseNo, 'special-procedure', v, (c, env) => model.startSpecial(c, input, env));
      break;
    case 'end-special':
      next = await runAction(ctx, caseNo, 'end-special', v, (c, env) => model.endSpecial(c, input.outcome, env));
      break;
    case 'extend':
      next = await runAction(ctx, caseNo, 'extend', v, (c, env) => model.extend(c, input, env));
      break;
    case 'decide':
      next = await runAction(ctx, caseNo, 'decide', v, (c, env) => model.decide(c, input, env));
      break;
    case 'issue': {
      next = await runAction(ctx, caseNo, 'issue', v, (c, env) => model.issue(c, env));
      const item = await itemAt(ctx, next.itemCode, next.itemVersion);
      await attachLicence(ctx, next, item, false);
      break;
    }
    case 'deliver':
      next = await runAction(ctx, caseNo, 'deliver', v, (c, env) => model.deliver(c, input.delivery, env, maskIdNumber));
      break;
    case 'conclude':
      next = await runAction(ctx, caseNo, 'conclude', v, (c, env) => model.conclude(c, env));
      break;
    case 'withdraw':
      next = await runAction(ctx, caseNo, 'withdraw', v, (c, env) => model.withdraw(c, input.reason, env));
      break;
    case 'terminate':
      next = await runAction(ctx, caseNo, 'terminate', v, (c, env) => model.terminate(c, input.reason, env));
      break;
  }
  return getCase(ctx, next.caseNo);
}

// ---------------------------------------------------------------------------------------------
// §32 sweep
// ---------------------------------------------------------------------------------------------

/**
 * Online submissions not pre-reviewed by the end of their 5th working day become accepted (as of the day
 * received). Run it daily (and it is applied at read time and before any action anyway).
 * Returns the case numbers deemed.
 */
export async function deemAcceptance(ctx: Ctx, now: string = ctx.clock.now(), limit = 1000): Promise<string[]> {
  const today = model.shanghaiDay(now);
  const cal = await getCalendar(ctx.db);
  const due = await store.deemableCases(ctx.db, today, limit);
  const done: string[] = [];
  for (const { case_no } of due) {
    const ok = await ctx.db.transaction().execute(async (tx) => {
      const row = await store.findCase(tx, case_no);
      if (!row) return false;
      const c = store.fromRow(row);
      if (!model.isDeemable(c, today)) return false;
      const r = model.deem(c, { now, today, cal, actor: SYSTEM_ACTOR, policy: deadlinePolicy() });
      if (!(await store.saveCase(tx, r.next, c.version))) return false;
      await store.insertEvents(tx, [store.eventRow(case_no, r.next.version, now, eventActor(null), r.event)]);
      await appendAudit(tx, { actor: null, action: 'case.deem', target: { type: 'case', id: case_no }, after: { status: r.next.status, version: r.next.version }, detail: 'deemed accepted (§32)' }, now);
      await ports.enqueueNotices(tx, r.notices, now);
      return true;
    });
    if (ok) done.push(case_no);
  }
  return done;
}

// ---------------------------------------------------------------------------------------------
// Lists and work queues
// ---------------------------------------------------------------------------------------------

export interface ListQuery {
  status?: Status[];
  itemCode?: string;
  departmentCode?: string;
  caseNo?: string;
  applicantName?: string;
  channel?: 'window' | 'online';
  from?: string;
  to?: string;
  colour?: Colour;
  page?: number | string;
  pageSize?: number | string;
}

function paging(q: { page?: number | string; pageSize?: number | string }) {
  const page = Number(q.page ?? 1);
  const pageSize = Number(q.pageSize ?? 20);
  return { page, pageSize, offset: (page - 1) * pageSize, limit: pageSize };
}

async function summaries(ctx: Ctx, rows: store.CaseRow[], cal: Calendar, today: string, withStep: boolean) {
  const now = ctx.clock.now();
  const out = [];
  for (const r of rows) {
    const c = virtualDeem(store.fromRow(r), [], cal, now).c;
    let stepName: string | null = null;
    if (withStep && c.stepIndex !== null) stepName = (await itemAt(ctx, c.itemCode, c.itemVersion)).steps[c.stepIndex]?.name ?? null;
    out.push(summaryView(c, cal, today, { stepName }));
  }
  return out;
}

export async function listCases(ctx: Ctx, q: ListQuery) {
  requireActor(ctx);
  const scope = await scopeOf(ctx);
  const today = todayOf(ctx);
  const { page, pageSize, offset, limit } = paging(q);
  const cal = await getCalendar(ctx.db);
  const r = await store.listCases(
    ctx.db,
    scope,
    {
      statuses: q.status,
      includeDeemable: q.status?.includes('accepted'),
      itemCode: q.itemCode,
      departmentCode: q.departmentCode,
      caseNoPrefix: q.caseNo,
      applicantName: q.applicantName,
      channel: q.channel,
      createdFrom: q.from ? new Date(`${q.from}T00:00:00+08:00`).toISOString() : undefined,
      createdTo: q.to ? new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString() : undefined,
      colour: q.colour,
      today,
    },
    { offset, limit, order: 'created_desc' },
  );
  return { total: r.total, page, pageSize, items: await summaries(ctx, r.rows, cal, today, false) };
}

export type TaskStatus = 'todo' | 'mine' | 'unclaimed' | 'suspended' | 'all';

/** The department's back-office inbox: the current step of each open case, most urgent first. */
export async function officeTasks(ctx: Ctx, q: { status?: TaskStatus; colour?: Colour; page?: number | string; pageSize?: number | string }) {
  const actor = requireActor(ctx);
  if (!policy.canUseOffice(actor)) throw forbidden({ zh: '仅审批人可使用审批工作台', en: 'Only approvers have an office inbox' });
  const scope: store.CaseScope = { kind: 'department', departmentId: actor.departmentId! };
  const today = todayOf(ctx);
  const cal = await getCalendar(ctx.db);
  const { page, pageSize, offset, limit } = paging(q);
  const status = q.status ?? 'all';
  const f: store.ListFilter = { today, colour: q.colour };
  if (status === 'suspended') f.statuses = ['suspended'];
  else if (status === 'all') Object.assign(f, { statuses: [...model.OFFICE_STATUSES], includeDeemable: true });
  else if (status === 'mine') Object.assign(f, { statuses: ['in_review', 'suspended'], claimedBy: actor.accountId });
  else Object.assign(f, { statuses: ['accepted', 'in_review'], includeDeemable: true, unclaimed: true });
  const r = await store.listCases(ctx.db, scope, f, { offset, limit, order: 'due_asc' });
  const items = await summaries(ctx, r.rows, cal, today, true);
  return { total: r.total, page, pageSize, items };
}

/** Overdue running cases: an approver's department; the hall manager's (or admin's) whole scope, with counts per department. */
export async function overdueCases(ctx: Ctx, q: { departmentCode?: string; page?: number | string; pageSize?: number | string }) {
  const actor = requireActor(ctx);
  if (!policy.canSeeOverdue(actor)) throw forbidden({ zh: '无权查看超期办件', en: 'Not allowed to see overdue lists' });
  const scope = actor.roles.includes('approver') && actor.departmentId ? ({ kind: 'department', departmentId: actor.departmentId } as const) : await scopeOf(ctx);
  const today = todayOf(ctx);
  const cal = await getCalendar(ctx.db);
  const { page, pageSize, offset, limit } = paging(q);
  const r = await store.listCases(ctx.db, scope, { today, overdue: true, departmentCode: q.departmentCode }, { offset, limit, order: 'due_asc' });
  const byDept = await store.overdueByDepartment(ctx.db, scope, today);
  const depts = [];
  for (const d of byDept) depts.push({ departmentCode: d.department_code, departmentName: (await department(ctx, d.department_code)).name, overdue: Number(d.n) });
  return { today, total: r.total, page, pageSize, byDepartment: depts, items: await summaries(ctx, r.rows, cal, today, true) };
}

/** The unified certificate window: granted cases to issue, issued ones to hand over, delivered ones to conclude. */
export async function issueQueue(ctx: Ctx, q: { status?: 'granted' | 'issued' | 'delivered'; page?: number | string; pageSize?: number | string }) {
  const actor = requireActor(ctx);
  if (!policy.canUseIssueWindow(actor)) throw forbidden({ zh: '仅出证窗口可使用', en: 'Only the certificate window has this queue' });
  const scope = await scopeOf(ctx);
  const today = todayOf(ctx);
  const cal = await getCalendar(ctx.db);
  const { page, pageSize, offset, limit } = paging(q);
  const r = await store.listCases(ctx.db, scope, { today, statuses: [q.status ?? 'granted'] }, { offset, limit, order: 'updated_desc' });
  return { total: r.total, page, pageSize, items: await summaries(ctx, r.rows, cal, today, false) };
}

/** Delivery figures (免费邮寄 count) for dashboards and the evaluation report. */
export async function deliveryFigures(ctx: Ctx, q: { from?: string; to?: string }) {
  const rows = await store.deliveryCounts(ctx.db, q.from, q.to);
  const get = (m: string) => Number(rows.find((r) => r.delivery_mode === m)?.n ?? 0);
  return { mail: get('mail'), pickup: get('pickup') };
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

export async function caseDocument(ctx: Ctx, caseNo: string, kind: DocumentKind): Promise<Buffer> {
  const { c: stored } = await loadVisible(ctx, caseNo);
  const [mRows, cal] = await Promise.all([store.caseMaterials(ctx.db, caseNo), getCalendar(ctx.db)]);
  const c = virtualDeem(stored, [], cal, ctx.clock.now()).c;
  const materials = mRows.map(store.fromMaterialRow);
  if (!availableDocuments(c, materials).includes(kind)) {
    throw new Problem(404, 'document_not_available', { zh: `该办件没有${DOCUMENT_KINDS[kind]}`, en: `No ${kind} for this case` });
  }
  const [item, dept, h] = await Promise.all([itemAt(ctx, c.itemCode, c.itemVersion), department(ctx, c.departmentCode), ports.halls(ctx)]);
  const spec = documentSpec(kind, {
    c,
    materials,
    departmentName: dept.name,
    hallName: c.intakeHallId ? (h.byId.get(c.intakeHallId)?.name ?? null) : null,
    legalBasis: item.detail.guide?.legalBasis ?? '',
    today: todayOf(ctx),
  });
  return ports.renderPdf(spec);
}

// ---------------------------------------------------------------------------------------------
// Public progress
// ---------------------------------------------------------------------------------------------

const progressHits = new Map<string, number[]>();
export const PROGRESS_LIMIT = { perWindow: 20, windowMs: 60_000 };

function throttleProgress(ip: string | null, nowMs: number) {
  const key = ip ?? 'unknown';
  const recent = (progressHits.get(key) ?? []).filter((t) => nowMs - t < PROGRESS_LIMIT.windowMs);
  recent.push(nowMs);
  progressHits.set(key, recent);
  if (progressHits.size > 50_000) progressHits.clear();
  if (recent.length > PROGRESS_LIMIT.perWindow) {
    throw new Problem(429, 'too_many_requests', { zh: '查询过于频繁，请稍后再试', en: 'Too many progress lookups; try again in a minute' });
  }
}

/** Case number + the last 4 characters of the applicant's ID number / USCC → status, without personal data. */
export async function publicProgress(ctx: Ctx, caseNo: string, idTail: string) {
  throttleProgress(ctx.ip, Date.now());
  const notFound = () => new Problem(404, 'not_found', { zh: '未查到该办件，请核对办件编号和证件号码后4位', en: 'No case matches this number and ID tail' });
  if (!model.CASE_NO_RE.test(caseNo) || !/^[0-9A-Za-z]{4}$/.test(idTail)) throw notFound();
  const row = await store.findCase(ctx.db, caseNo);
  if (!row || row.applicant_code.slice(-4).toUpperCase() !== idTail.toUpperCase()) throw notFound();
  const [eRows, cal] = await Promise.all([store.caseEvents(ctx.db, caseNo), getCalendar(ctx.db)]);
  const now = ctx.clock.now();
  const { c, events } = virtualDeem(store.fromRow(row), eRows, cal, now);
  const d = model.deadlineView(c, cal, model.shanghaiDay(now), deadlinePolicy());
  const dept = await department(ctx, c.departmentCode);
  return {
    caseNo: c.caseNo,
    itemName: c.itemName,
    departmentName: dept.name,
    applicantName: maskName(c.applicantName),
    status: c.status,
    statusName: STATUS_NAMES[c.status].zh,
    acceptedOn: c.acceptedOn,
    promisedDue: d?.promisedDue ?? null,
    paused: d?.paused ?? false,
    deliveryMode: c.delivery?.mode ?? null,
    timeline: events.map((e) => ({ at: e.at, action: e.action, actionName: ACTION_NAMES[e.action as model.EventAction] ?? e.action, status: e.to_status, statusName: STATUS_NAMES[e.to_status as Status]?.zh ?? e.to_status })),
  };
}

/** The SMS texts queued for a case (staff in scope; for the case screen and tests). */
export async function caseNotices(ctx: Ctx, caseNo: string) {
  const { actor, c, scope } = await loadVisible(ctx, caseNo);
  const full = policy.canSeePersonalData(actor, scope, c);
  return (await ports.caseMessages(ctx.db, caseNo)).map((n) => ({
    kind: n.kind.replace(/^case\./, ''),
    channel: n.channel,
    to: full ? n.recipient : maskPhone(n.recipient),
    text: n.body,
    createdAt: n.createdAt,
    sentAt: n.sentAt,
  }));
}

/**
 * At the desk: which of the applicant's valid licences satisfy this item's materials today
 * (0 materials). Intake staff only.
 */
export async function intakeLicenses(ctx: Ctx, applicantId: string, itemCode: string) {
  const actor = requireActor(ctx);
  if (!policy.canTakeIn(actor)) throw forbidden({ zh: '仅受理人员可查询', en: 'Intake staff only' });
  const item = await getItem(ctx, itemCode);
  const wanted = new Map(item.materials.filter((m) => m.licenseTypeCode).map((m) => [m.licenseTypeCode!, m.code]));
  const held = await ports.heldLicenses(ctx, applicantId, [...wanted.keys()], model.shanghaiDay(ctx.clock.now()));
  const names = await ports.licenseTypeNames(ctx);
  return {
    items: [...held].map(([typeCode, l]) => ({ typeCode, typeName: names.get(typeCode) ?? typeCode, materialCode: wanted.get(typeCode)!, licenseId: l.licenseId, identifier: l.identifier })),
  };
}

/** An uploaded file of one of the case's materials, for those who may see the case. */
export async function caseFile(ctx: Ctx, caseNo: string, sha256: string, dataDir: string) {
  await loadVisible(ctx, caseNo);
  const materials = (await store.caseMaterials(ctx.db, caseNo)).map(store.fromMaterialRow);
  if (!materials.some((m) => m.files.includes(sha256))) throw policy.caseNotFound();
  const file = await ports.readCaseFile(dataDir, sha256);
  if (!file) throw policy.caseNotFound();
  return file;
}
