/**
 * Catalog rules, pure: shapes and ranges of every GB/T 39046 field, the consistency rules of
 * DESIGN §6, version diffs and search-text normalisation. No I/O, no clock.
 *
 * The consistency rules (each has a test in model.test.ts):
 *  1. caseKind 1 (即办件) ⇔ promisedLimitDays 0.
 *  2. onlineDepth 5 (全程网办) ⇒ visits 0.
 *  3. visits > 0 ⇒ visitsReason non-empty.
 *  4. Σ step limits ≤ promisedLimitDays ≤ legalLimitDays.
 *  5. A 承诺件 (caseKind 2) has at least one back-office step.
 *  6. 容缺 (deferrable) is for secondary materials only: an item with a deferrable material keeps
 *     at least one required, non-deferrable material (the primary one: the application form or
 *     the applicant's identity), so acceptance never rests on nothing. Deferral needs a
 *     supplement deadline within the promised limit, so an instant item (limit 0) defers nothing.
 *     An optional material is never "deferred" (it never blocks acceptance).
 *  7. commitmentReplaceable ⇒ the item allows 告知承诺 (commitmentAllowed).
 *  8. Material codes unique within the item; licence type codes (materials and result) known.
 *  9. code (实施编码, 28) = department USCC (18) + baseCode (10); baseCode = type (2) + 8 digits.
 */
import { validateUscc } from '../platform/identifiers.js';
import type { FieldError } from '../platform/problem.js';
import {
  CASE_KINDS,
  DELIVERY_MODES,
  EXERCISE_LEVELS,
  HANDLING_FORMS,
  ITEM_TYPES,
  ONLINE_DEPTHS,
  SERVICE_OBJECTS,
  STEP_ROLES,
  TIERS,
  type DeliveryMode,
  type DepartmentInput,
  type Guide,
  type ItemType,
  type LicenseTypeInput,
  type MaterialInput,
  type ServiceItemInput,
  type StepInput,
  type Tier,
} from './types.js';

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

export const LIMITS = {
  nameMax: 200,
  textMax: 5000,
  shortTextMax: 500,
  daysMax: 1000,
  visitsMax: 10,
  copiesMax: 99,
  feeMax: 100_000_000_00, // 1 亿元 in fen
  materialsMax: 100,
  stepsMax: 30,
} as const;

export const GUIDE_KEYS: (keyof Guide)[] = [
  'conditions',
  'process',
  'legalBasis',
  'location',
  'hours',
  'consultPhone',
  'supervisePhone',
];

/** A whole, valid USCC (GB 32100-2015), as departments and item codes carry. */
export function isValidUscc(s: unknown): s is string {
  return typeof s === 'string' && validateUscc(s).ok && s === s.toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Normalisation (so that the same content always stores and compares the same)
// ---------------------------------------------------------------------------------------------

const TIER_ORDER = Object.keys(TIERS) as Tier[];
const DELIVERY_ORDER = Object.keys(DELIVERY_MODES) as DeliveryMode[];

const trimOr = <T>(v: T): T => (typeof v === 'string' ? (v.replace(/\r\n?/g, '\n').trim() as unknown as T) : v);
const nullIfBlank = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'string' && v.trim() === '' ? null : trimOr(v));

function sortedUnique<T>(v: T[] | unknown, order?: readonly T[]): T[] | unknown {
  if (!Array.isArray(v)) return v;
  const out = [...v];
  if (order) {
    const rank = (x: T) => {
      const i = order.indexOf(x);
      return i < 0 ? order.length : i;
    };
    out.sort((a, b) => rank(a) - rank(b));
  } else if (out.every((x) => typeof x === 'number')) out.sort((a, b) => (a as number) - (b as number));
  return out;
}

/**
 * Trims text, turns blank optional text into null, puts code lists in their canonical order.
 * Leaves values of unexpected types alone: validateItem reports them.
 */
export function normalizeItem(input: ServiceItemInput): ServiceItemInput {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const i = input as unknown as Record<string, unknown>;
  const guide = (i.guide && typeof i.guide === 'object' ? i.guide : {}) as Record<string, unknown>;
  const normGuide = Object.fromEntries(
    GUIDE_KEYS.map((k) => [k, guide[k] === undefined || guide[k] === null ? '' : trimOr(guide[k])]),
  ) as unknown as Guide;
  return {
    code: trimOr(input.code),
    baseCode: trimOr(input.baseCode),
    name: trimOr(input.name),
    type: trimOr(input.type),
    exerciseLevel: input.exerciseLevel,
    departmentCode: trimOr(input.departmentCode),
    legalLimitDays: input.legalLimitDays,
    promisedLimitDays: input.promisedLimitDays,
    caseKind: input.caseKind,
    serviceObjects: sortedUnique(input.serviceObjects) as ServiceItemInput['serviceObjects'],
    handlingForms: sortedUnique(input.handlingForms) as ServiceItemInput['handlingForms'],
    visits: input.visits,
    visitsReason: nullIfBlank(input.visitsReason) as string | null,
    onlineDepth: input.onlineDepth,
    feeFen: input.feeFen,
    tiers: sortedUnique(input.tiers, TIER_ORDER) as Tier[],
    delivery: sortedUnique(input.delivery, DELIVERY_ORDER) as DeliveryMode[],
    commitmentAllowed: input.commitmentAllowed,
    resultLicenseTypeCode: nullIfBlank(input.resultLicenseTypeCode) as string | null,
    guide: normGuide,
    materials: Array.isArray(input.materials)
      ? input.materials.map((m) =>
          m && typeof m === 'object'
            ? {
                code: trimOr(m.code),
                name: trimOr(m.name),
                required: m.required,
                originals: m.originals,
                copies: m.copies,
                issuer: nullIfBlank(m.issuer) as string | null,
                deferrable: m.deferrable,
                commitmentReplaceable: m.commitmentReplaceable,
                licenseTypeCode: nullIfBlank(m.licenseTypeCode) as string | null,
              }
            : m,
        )
      : input.materials,
    steps: Array.isArray(input.steps)
      ? input.steps.map((s) => (s && typeof s === 'object' ? { name: trimOr(s.name), role: s.role, limitDays: s.limitDays } : s))
      : input.steps,
  };
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

export interface KnownCodes {
  departmentCodes: Set<string>;
  licenseTypeCodes: Set<string>;
  /** department code → USCC; when given, an item code must start with its department's USCC */
  departmentUscc?: Map<string, string>;
}

type Err = (field: string, code: string, zh: string, en: string) => void;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isText = (v: unknown): v is string => typeof v === 'string';
const hasKey = (o: object, k: unknown) => (typeof k === 'string' || typeof k === 'number') && Object.hasOwn(o, String(k));

function intIn(err: Err, field: string, v: unknown, min: number, max: number, label: string) {
  if (!isInt(v)) err(field, 'type', `${label}须为整数`, 'must be an integer');
  else if (v < min || v > max) err(field, 'range', `${label}须在 ${min}–${max} 之间`, `must be between ${min} and ${max}`);
}

function text(err: Err, field: string, v: unknown, opts: { required: boolean; max: number; label: string }) {
  if (v === null || v === undefined) {
    if (opts.required) err(field, 'required', `${opts.label}必填`, 'is required');
    return;
  }
  if (!isText(v)) return err(field, 'type', `${opts.label}须为文本`, 'must be text');
  if (opts.required && v.trim() === '') return err(field, 'required', `${opts.label}必填`, 'is required');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(v)) return err(field, 'control_character', `${opts.label}含有不可见控制字符`, 'must not contain control characters');
  if (v.length > opts.max) err(field, 'too_long', `${opts.label}不得超过 ${opts.max} 字`, `must be at most ${opts.max} characters`);
}

function bool(err: Err, field: string, v: unknown, label: string) {
  if (!isBool(v)) err(field, 'type', `${label}须为是/否`, 'must be true or false');
}

function codeList(err: Err, field: string, v: unknown, allowed: object, label: string) {
  if (!Array.isArray(v)) return err(field, 'type', `${label}须为代码列表`, 'must be a list of codes');
  if (v.length === 0) return err(field, 'required', `${label}至少选择一项`, 'must name at least one');
  const seen = new Set<unknown>();
  v.forEach((x, k) => {
    if (!hasKey(allowed, x)) err(`${field}.${k}`, 'enum', `${label}代码“${String(x)}”无效`, `unknown code ${JSON.stringify(x)}`);
    else if (seen.has(x)) err(`${field}.${k}`, 'duplicate', `${label}代码“${String(x)}”重复`, `duplicate code ${JSON.stringify(x)}`);
    seen.add(x);
  });
}

/**
 * Every problem with an item, each naming its field (dot path, e.g. `materials.2.deferrable`).
 * Empty when the item may be written. Pass the normalised input (normalizeItem).
 */
export function validateItem(input: ServiceItemInput, known: KnownCodes): FieldError[] {
  const errors: FieldError[] = [];
  const err: Err = (field, code, zh, en) => errors.push({ field, code, zh, en });
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    err('(body)', 'type', '事项须为对象', 'item must be an object');
    return errors;
  }
  const it = input as unknown as Record<string, unknown>;

  // --- identity ---
  text(err, 'name', it.name, { required: true, max: LIMITS.nameMax, label: '事项名称' });
  const typeOk = hasKey(ITEM_TYPES, it.type) && isText(it.type);
  if (!typeOk) err('type', 'enum', '事项类型无效（01–10 或 20）', 'unknown item type (01–10 or 20)');
  const baseOk = isText(it.baseCode) && /^\d{10}$/.test(it.baseCode);
  if (!baseOk) err('baseCode', 'pattern', '基本编码须为 10 位数字（类型 2 位 + 8 位）', 'base code must be 10 digits (type 2 + 8)');
  else if (typeOk && !(it.baseCode as string).startsWith(it.type as string)) {
    err('baseCode', 'type_mismatch', `基本编码须以事项类型 ${String(it.type)} 开头`, `base code must start with the item type ${String(it.type)}`);
  }
  const deptOk = isText(it.departmentCode) && known.departmentCodes.has(it.departmentCode);
  if (!deptOk) err('departmentCode', 'unknown_department', '实施部门不存在', 'unknown department');
  if (!isText(it.code) || !/^[0-9A-HJ-NPQRTUWXY]{18}\d{10}$/.test(it.code)) {
    err('code', 'pattern', '实施编码须为 28 位：部门统一社会信用代码（18 位）+ 基本编码（10 位）', 'code must be 28 characters: department USCC (18) + base code (10)');
  } else {
    if (baseOk && !it.code.endsWith(it.baseCode as string)) {
      err('code', 'base_code_mismatch', '实施编码须以基本编码结尾', 'code must end with the base code');
    }
    const uscc = deptOk ? known.departmentUscc?.get(it.departmentCode as string) : undefined;
    if (uscc && !it.code.startsWith(uscc)) {
      err('code', 'department_mismatch', '实施编码须以实施部门的统一社会信用代码开头', "code must start with the department's USCC");
    }
  }
  if (!hasKey(EXERCISE_LEVELS, it.exerciseLevel) || !isInt(it.exerciseLevel)) {
    err('exerciseLevel', 'enum', '行使层级须为 1–6', 'exercise level must be 1–6');
  }

  // --- limits and kind ---
  intIn(err, 'legalLimitDays', it.legalLimitDays, 0, LIMITS.daysMax, '法定办结时限');
  intIn(err, 'promisedLimitDays', it.promisedLimitDays, 0, LIMITS.daysMax, '承诺办结时限');
  const kindOk = isInt(it.caseKind) && hasKey(CASE_KINDS, it.caseKind);
  if (!kindOk) err('caseKind', 'enum', '办件类型须为 1（即办件）或 2（承诺件）', 'case kind must be 1 (instant) or 2 (promised)');
  const legal = isInt(it.legalLimitDays) ? it.legalLimitDays : null;
  const promised = isInt(it.promisedLimitDays) ? it.promisedLimitDays : null;
  if (kindOk && promised !== null) {
    if (it.caseKind === 1 && promised !== 0) {
      err('promisedLimitDays', 'instant_with_limit', '即办件的承诺办结时限须为 0', 'an instant item (caseKind 1) must have promised limit 0');
    }
    if (it.caseKind === 2 && promised === 0) {
      err('caseKind', 'zero_limit_not_instant', '承诺办结时限为 0 的事项须为即办件', 'an item with promised limit 0 must be an instant item (caseKind 1)');
    }
  }
  if (legal !== null && promised !== null && promised > legal) {
    err('promisedLimitDays', 'exceeds_legal_limit', `承诺办结时限不得超过法定办结时限（${legal} 个工作日）`, `promised limit must not exceed the legal limit (${legal} working days)`);
  }

  // --- object, forms, visits, online depth ---
  codeList(err, 'serviceObjects', it.serviceObjects, SERVICE_OBJECTS, '服务对象');
  codeList(err, 'handlingForms', it.handlingForms, HANDLING_FORMS, '办理形式');
  intIn(err, 'visits', it.visits, 0, LIMITS.visitsMax, '到现场次数');
  const depthOk = isInt(it.onlineDepth) && hasKey(ONLINE_DEPTHS, it.onlineDepth);
  if (!depthOk) err('onlineDepth', 'enum', '网上办理深度须为 1–5', 'online depth must be 1–5');
  text(err, 'visitsReason', it.visitsReason, { required: false, max: LIMITS.shortTextMax, label: '到现场原因' });
  if (isInt(it.visits) && it.visits > 0 && !(isText(it.visitsReason) && it.visitsReason.trim() !== '')) {
    err('visitsReason', 'reason_required', '需到现场的事项须说明到现场原因', 'an item requiring visits must give the reason');
  }
  if (depthOk && it.onlineDepth === 5 && isInt(it.visits) && it.visits > 0) {
    err('visits', 'full_online_with_visits', '全程网办事项到现场次数须为 0', 'a fully online item (online depth 5) must require 0 visits');
  }
  intIn(err, 'feeFen', it.feeFen, 0, LIMITS.feeMax, '收费金额（分）');
  codeList(err, 'tiers', it.tiers, TIERS, '可办理层级');
  codeList(err, 'delivery', it.delivery, DELIVERY_MODES, '送达方式');
  bool(err, 'commitmentAllowed', it.commitmentAllowed, '告知承诺');
  if (it.resultLicenseTypeCode !== null && it.resultLicenseTypeCode !== undefined) {
    if (!isText(it.resultLicenseTypeCode) || !known.licenseTypeCodes.has(it.resultLicenseTypeCode)) {
      err('resultLicenseTypeCode', 'unknown_license_type', '结果证照类型不存在', 'unknown licence type');
    }
  }

  // --- guide ---
  if (!it.guide || typeof it.guide !== 'object' || Array.isArray(it.guide)) {
    err('guide', 'type', '办事指南须为对象', 'guide must be an object');
  } else {
    const g = it.guide as Record<string, unknown>;
    for (const k of GUIDE_KEYS) text(err, `guide.${k}`, g[k], { required: false, max: LIMITS.textMax, label: GUIDE_LABELS[k] });
    for (const k of Object.keys(g)) if (!GUIDE_KEYS.includes(k as keyof Guide)) err(`guide.${k}`, 'additionalProperties', '不允许的字段', 'unknown field');
  }

  // --- materials ---
  if (!Array.isArray(it.materials)) err('materials', 'type', '申请材料须为列表', 'materials must be a list');
  else {
    if (it.materials.length > LIMITS.materialsMax) err('materials', 'too_many', `申请材料不得超过 ${LIMITS.materialsMax} 项`, `at most ${LIMITS.materialsMax} materials`);
    const codes = new Set<string>();
    (it.materials as unknown[]).forEach((raw, k) => {
      const f = `materials.${k}`;
      if (!raw || typeof raw !== 'object') return err(f, 'type', '材料须为对象', 'material must be an object');
      const m = raw as Record<string, unknown>;
      if (!isText(m.code) || !/^[A-Za-z0-9_-]{1,20}$/.test(m.code)) {
        err(`${f}.code`, 'pattern', '材料编码须为 1–20 位字母、数字、- 或 _', 'material code must be 1–20 letters, digits, - or _');
      } else if (codes.has(m.code)) {
        err(`${f}.code`, 'duplicate', `材料编码 ${m.code} 重复`, `duplicate material code ${m.code}`);
      } else codes.add(m.code);
      text(err, `${f}.name`, m.name, { required: true, max: LIMITS.nameMax, label: '材料名称' });
      bool(err, `${f}.required`, m.required, '是否必需');
      intIn(err, `${f}.originals`, m.originals, 0, LIMITS.copiesMax, '原件份数');
      intIn(err, `${f}.copies`, m.copies, 0, LIMITS.copiesMax, '复印件份数');
      text(err, `${f}.issuer`, m.issuer, { required: false, max: LIMITS.nameMax, label: '出具单位' });
      bool(err, `${f}.deferrable`, m.deferrable, '容缺');
      bool(err, `${f}.commitmentReplaceable`, m.commitmentReplaceable, '可告知承诺替代');
      if (m.licenseTypeCode !== null && m.licenseTypeCode !== undefined) {
        if (!isText(m.licenseTypeCode) || !known.licenseTypeCodes.has(m.licenseTypeCode)) {
          err(`${f}.licenseTypeCode`, 'unknown_license_type', '证照类型不存在', 'unknown licence type');
        }
      }
      if (m.commitmentReplaceable === true && it.commitmentAllowed === false) {
        err(`${f}.commitmentReplaceable`, 'commitment_not_allowed', '事项不允许告知承诺，材料不能以承诺替代', 'the item does not allow commitment, so no material may be replaced by one');
      }
      if (m.deferrable === true) {
        if (m.required === false) {
          err(`${f}.deferrable`, 'optional_not_deferrable', '非必需材料无需容缺', 'an optional material cannot be deferrable (it never blocks acceptance)');
        }
        if (it.caseKind === 1) {
          err(`${f}.deferrable`, 'instant_not_deferrable', '即办件当场办结，材料不能容缺后补', 'an instant item is decided on the spot; no material can be deferred');
        }
      }
    });
    const mats = (it.materials as unknown[]).filter((m): m is Record<string, unknown> => !!m && typeof m === 'object');
    const deferrable = mats.findIndex((m) => m.deferrable === true);
    if (deferrable >= 0 && !mats.some((m) => m.required === true && m.deferrable !== true)) {
      err(`materials.${deferrable}.deferrable`, 'no_primary_material', '容缺仅限次要材料：至少须有一项必需且不可容缺的主要材料', 'deferral is for secondary materials only: at least one required, non-deferrable material must remain');
    }
  }

  // --- steps ---
  if (!Array.isArray(it.steps)) err('steps', 'type', '审批环节须为列表', 'steps must be a list');
  else {
    if (it.steps.length > LIMITS.stepsMax) err('steps', 'too_many', `审批环节不得超过 ${LIMITS.stepsMax} 个`, `at most ${LIMITS.stepsMax} steps`);
    if (it.caseKind === 2 && it.steps.length === 0) err('steps', 'required', '承诺件至少须有一个审批环节', 'a promised item needs at least one step');
    let sum = 0;
    let sumOk = true;
    (it.steps as unknown[]).forEach((raw, k) => {
      const f = `steps.${k}`;
      if (!raw || typeof raw !== 'object') return err(f, 'type', '环节须为对象', 'step must be an object');
      const s = raw as Record<string, unknown>;
      text(err, `${f}.name`, s.name, { required: true, max: LIMITS.nameMax, label: '环节名称' });
      if (!isText(s.role) || !hasKey(STEP_ROLES, s.role)) err(`${f}.role`, 'enum', '环节角色须为 review、decide 或 inspect', 'step role must be review, decide or inspect');
      intIn(err, `${f}.limitDays`, s.limitDays, 0, LIMITS.daysMax, '环节时限');
      if (isInt(s.limitDays)) sum += s.limitDays;
      else sumOk = false;
    });
    if (sumOk && promised !== null && sum > promised) {
      err('steps', 'steps_exceed_promised_limit', `各环节时限之和（${sum}）不得超过承诺办结时限（${promised}）`, `the sum of step limits (${sum}) must not exceed the promised limit (${promised})`);
    }
  }
  return errors;
}

export const GUIDE_LABELS: Record<keyof Guide, string> = {
  conditions: '受理条件',
  process: '办理流程',
  legalBasis: '设定依据',
  location: '办理地点',
  hours: '办理时间',
  consultPhone: '咨询电话',
  supervisePhone: '监督投诉电话',
};

export function validateDepartment(d: DepartmentInput): FieldError[] {
  const errors: FieldError[] = [];
  const err: Err = (field, code, zh, en) => errors.push({ field, code, zh, en });
  if (!d || typeof d !== 'object') return [{ field: '(body)', code: 'type', zh: '部门须为对象', en: 'department must be an object' }];
  if (!isText(d.code) || !/^\d{3}$/.test(d.code)) err('code', 'pattern', '部门编码须为 3 位数字', 'department code must be 3 digits');
  text(err, 'name', d.name, { required: true, max: LIMITS.nameMax, label: '部门名称' });
  text(err, 'shortName', d.shortName, { required: true, max: 50, label: '部门简称' });
  if (!isValidUscc(d.uscc)) err('uscc', 'invalid_uscc', '统一社会信用代码无效（GB 32100 校验位）', 'invalid USCC (GB 32100 check character)');
  return errors;
}

export function validateLicenseType(t: LicenseTypeInput, departmentCodes: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  const err: Err = (field, code, zh, en) => errors.push({ field, code, zh, en });
  if (!t || typeof t !== 'object') return [{ field: '(body)', code: 'type', zh: '证照类型须为对象', en: 'licence type must be an object' }];
  if (!isText(t.code) || !/^\d{1,20}$/.test(t.code)) err('code', 'pattern', '证照类型代码须为 1–20 位数字', 'licence type code must be 1–20 digits');
  text(err, 'name', t.name, { required: true, max: LIMITS.nameMax, label: '证照类型名称' });
  if (!isText(t.departmentCode) || !departmentCodes.has(t.departmentCode)) err('departmentCode', 'unknown_department', '发证部门不存在', 'unknown department');
  if (!Array.isArray(t.fields)) err('fields', 'type', '证照字段须为列表', 'fields must be a list');
  else {
    const keys = new Set<string>();
    t.fields.forEach((f, k) => {
      if (!f || !isText(f.key) || !/^[A-Za-z][A-Za-z0-9_]{0,40}$/.test(f.key)) err(`fields.${k}.key`, 'pattern', '字段键无效', 'invalid field key');
      else if (keys.has(f.key)) err(`fields.${k}.key`, 'duplicate', '字段键重复', 'duplicate field key');
      else keys.add(f.key);
      if (!f || !isText(f.label) || f.label.trim() === '') err(`fields.${k}.label`, 'required', '字段名称必填', 'label is required');
    });
  }
  if (t.validityYears !== null && t.validityYears !== undefined) intIn(err, 'validityYears', t.validityYears, 1, 100, '有效期（年）');
  return errors;
}

/** Errors of a list, each prefixed with its index (`3.materials.0.code`), for batch refusals. */
export function prefixErrors(errors: FieldError[], prefix: string): FieldError[] {
  return errors.map((e) => ({ ...e, field: `${prefix}.${e.field}` }));
}

// ---------------------------------------------------------------------------------------------
// Versions
// ---------------------------------------------------------------------------------------------

/** Stable JSON (keys sorted) — the same content always gives the same text. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}

export interface VersionDiff {
  changed: boolean;
  /** top-level fields whose value differs */
  fields: (keyof ServiceItemInput)[];
}

/** Does writing `next` over `prev` change anything? (both normalised). An unchanged write makes no version. */
export function diffVersion(prev: ServiceItemInput | null, next: ServiceItemInput): VersionDiff {
  const keys = Object.keys(next) as (keyof ServiceItemInput)[];
  if (!prev) return { changed: true, fields: keys };
  const all = new Set<keyof ServiceItemInput>([...keys, ...(Object.keys(prev) as (keyof ServiceItemInput)[])]);
  const fields = [...all].filter((k) => stableJson(prev[k]) !== stableJson(next[k]));
  return { changed: fields.length > 0, fields };
}

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

/** Full-width → half-width (NFKC), lower case, whitespace collapsed: what both sides of a search compare. */
export function normalizeSearch(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a query (space-separated; all must match). */
export function searchTerms(q: string | undefined | null): string[] {
  if (!q) return [];
  const n = normalizeSearch(q);
  return n ? n.split(' ') : [];
}

export interface SearchEntry {
  /** normalised name */
  name: string;
  /** normalised department name + short name */
  department: string;
  /** lower-case codes */
  code: string;
  baseCode: string;
}

export function searchEntry(item: Pick<ServiceItemInput, 'name' | 'code' | 'baseCode'>, departmentName: string, departmentShortName: string): SearchEntry {
  return {
    name: normalizeSearch(item.name),
    department: normalizeSearch(`${departmentName} ${departmentShortName}`),
    code: item.code.toLowerCase(),
    baseCode: item.baseCode.toLowerCase(),
  };
}

/** The text stored in items.search_text (for SQL-side search and inspection). */
export const searchText = (e: SearchEntry) => `${e.name}\u0001${e.department}\u0001${e.code}\u0001${e.baseCode}`;

/** A term matches a substring of the name or department, or a prefix of the code or base code. */
export function matchesTerms(e: SearchEntry, terms: string[]): boolean {
  for (const t of terms) {
    if (!(e.name.includes(t) || e.code.startsWith(t) || e.baseCode.startsWith(t) || e.department.includes(t))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------

export const typeName = (t: ItemType | string): string => (ITEM_TYPES as Record<string, string>)[t] ?? t;

export type { MaterialInput, StepInput };
