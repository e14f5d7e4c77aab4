/** 应用场景清单: where licences are used and which claims a verifier there typically needs (admin-maintained). */
import { listLicenseTypes, type LicenseType } from '../catalog/service.js';
import type { Ctx } from '../platform/context.js';
import { uuidv7 } from '../platform/ids.js';
import { conflict, invalidField } from '../platform/problem.js';
import { audit, type Tx } from './context.js';
import { labelsFor, STANDARD_CLAIMS } from './model.js';
import * as policy from './policy.js';
import * as store from './store.js';

export interface ScenarioInput {
  name: string;
  description?: string;
  licenseTypeCodes: string[];
  /** claim keys a verifier in this scenario typically needs */
  fields: string[];
  sort?: number;
}

async function scenarioView(ctx: Ctx, s: store.ScenarioRow, types?: LicenseType[]) {
  const all = types ?? (await listLicenseTypes(ctx));
  const codes = JSON.parse(s.license_type_codes) as string[];
  const chosen = all.filter((t) => codes.includes(t.code));
  const labels = labelsFor(chosen.flatMap((t) => t.fields));
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    licenseTypes: codes.map((c) => ({ code: c, name: all.find((t) => t.code === c)?.name ?? c })),
    fields: (JSON.parse(s.fields) as string[]).map((k) => ({ key: k, label: labels.get(k) ?? k })),
    sort: s.sort,
    updatedAt: s.updated_at,
  };
}

export async function listScenarios(ctx: Ctx) {
  const types = await listLicenseTypes(ctx);
  const rows = await store.listScenarios(ctx.db);
  return { items: await Promise.all(rows.map((r) => scenarioView(ctx, r, types))) };
}

async function checkScenario(ctx: Ctx, input: ScenarioInput) {
  const name = (input.name ?? '').trim();
  if (!name) throw invalidField('name', 'required', '请填写场景名称', 'name required');
  const types = await listLicenseTypes(ctx);
  const codes = [...new Set(input.licenseTypeCodes ?? [])];
  if (codes.length === 0) throw invalidField('licenseTypeCodes', 'minItems', '至少选择一种证照类型', 'at least one licence type');
  const unknown = codes.filter((c) => !types.some((t) => t.code === c));
  if (unknown.length) throw invalidField('licenseTypeCodes', 'unknown_license_type', `证照类型不存在：${unknown.join('、')}`, `unknown licence types: ${unknown.join(', ')}`);
  const keysOk = new Set([...STANDARD_CLAIMS.map((f) => f.key), ...types.filter((t) => codes.includes(t.code)).flatMap((t) => t.fields.map((f) => f.key))]);
  const fields = [...new Set(input.fields ?? [])];
  const bad = fields.filter((f) => !keysOk.has(f));
  if (bad.length) throw invalidField('fields', 'unknown_field', `所选证照类型没有字段：${bad.join('、')}`, `no such field on the chosen types: ${bad.join(', ')}`);
  return { name, description: (input.description ?? '').trim(), codes, fields, sort: input.sort ?? 0 };
}

function assertScenarioAdmin(ctx: Ctx) {
  const actor = policy.requireActor(ctx.actor);
  policy.assertAllowed(policy.canManageScenarios(actor), { zh: '仅管理员可维护应用场景清单', en: 'Only an admin may maintain the scenario list' });
}

const scenarioExists = () => conflict('scenario_exists', { zh: '同名场景已存在', en: 'A scenario with this name exists' });

async function existingScenario(tx: Tx, id: string) {
  const s = await store.findScenario(tx, id);
  if (!s) throw policy.notVisible();
  return s;
}

export async function createScenario(ctx: Ctx, input: ScenarioInput) {
  assertScenarioAdmin(ctx);
  const c = await checkScenario(ctx, input);
  const now = ctx.clock.now();
  const row: store.ScenarioRow = {
    id: uuidv7(),
    name: c.name,
    description: c.description,
    license_type_codes: JSON.stringify(c.codes),
    fields: JSON.stringify(c.fields),
    sort: c.sort,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    if (await store.findScenarioByName(tx, c.name)) throw scenarioExists();
    await store.insertScenario(tx, row);
    await audit(ctx, tx, { action: 'license.scenario.create', target: { type: 'license_scenario', id: row.id }, after: row }, now);
  });
  return scenarioView(ctx, row);
}

export async function updateScenario(ctx: Ctx, id: string, input: ScenarioInput) {
  assertScenarioAdmin(ctx);
  const c = await checkScenario(ctx, input);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (tx) => {
    const before = await existingScenario(tx, id);
    const same = await store.findScenarioByName(tx, c.name);
    if (same && same.id !== id) throw scenarioExists();
    const patch = { name: c.name, description: c.description, license_type_codes: JSON.stringify(c.codes), fields: JSON.stringify(c.fields), sort: c.sort, updated_at: now };
    await store.updateScenario(tx, id, patch);
    await audit(ctx, tx, { action: 'license.scenario.update', target: { type: 'license_scenario', id }, before, after: patch }, now);
    return { ...before, ...patch };
  });
  return scenarioView(ctx, row);
}

export async function deleteScenario(ctx: Ctx, id: string) {
  assertScenarioAdmin(ctx);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const before = await existingScenario(tx, id);
    await store.deleteScenario(tx, id);
    await audit(ctx, tx, { action: 'license.scenario.delete', target: { type: 'license_scenario', id }, before }, now);
  });
  return { deleted: id };
}
