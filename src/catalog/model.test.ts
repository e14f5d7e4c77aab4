import { usccCheckChar } from '../platform/identifiers.js';
import { describe, expect, it } from 'vitest';
import {
  diffVersion,
  isValidUscc,
  matchesTerms,
  normalizeItem,
  normalizeSearch,
  searchEntry,
  searchTerms,
  validateDepartment,
  validateItem,
  type KnownCodes,
} from './model.js';
import type { ServiceItemInput } from './types.js';

const USCC = (() => {
  const body = '11371311MB0283461';
  return body + usccCheckChar(body);
})();

const known: KnownCodes = {
  departmentCodes: new Set(['001', '002']),
  licenseTypeCodes: new Set(['10001', '10002']),
  departmentUscc: new Map([['001', USCC]]),
};

function item(over: Partial<ServiceItemInput> = {}): ServiceItemInput {
  return normalizeItem({
    code: `${USCC}0100012000`,
    baseCode: '0100012000',
    name: '食品经营许可（新办）',
    type: '01',
    exerciseLevel: 4,
    departmentCode: '001',
    legalLimitDays: 20,
    promisedLimitDays: 5,
    caseKind: 2,
    serviceObjects: [1, 2],
    handlingForms: [1, 2],
    visits: 1,
    visitsReason: '需核验原件',
    onlineDepth: 4,
    feeFen: 0,
    tiers: ['district', 'town'],
    delivery: ['pickup', 'mail'],
    commitmentAllowed: true,
    resultLicenseTypeCode: '10001',
    guide: {
      conditions: '具备经营场所',
      process: '申请—受理—审查—决定',
      legalBasis: '《中华人民共和国食品安全法》',
      location: '区政务服务中心',
      hours: '工作日 9:00–17:00',
      consultPhone: '0539-8888888',
      supervisePhone: '12345',
    },
    materials: [
      { code: 'M01', name: '食品经营许可申请书', required: true, originals: 1, copies: 0, issuer: null, deferrable: false, commitmentReplaceable: false, licenseTypeCode: null },
      { code: 'M02', name: '营业执照', required: true, originals: 0, copies: 1, issuer: '市场监管局', deferrable: false, commitmentReplaceable: false, licenseTypeCode: '10002' },
      { code: 'M03', name: '食品安全管理制度', required: true, originals: 1, copies: 0, issuer: null, deferrable: true, commitmentReplaceable: true, licenseTypeCode: null },
    ],
    steps: [
      { name: '审查', role: 'review', limitDays: 3 },
      { name: '决定', role: 'decide', limitDays: 2 },
    ],
    ...over,
  });
}

const fields = (i: ServiceItemInput) => validateItem(i, known).map((e) => e.field);
const codes = (i: ServiceItemInput) => validateItem(i, known).map((e) => `${e.field}:${e.code}`);

describe('a valid item', () => {
  it('passes every rule', () => {
    expect(validateItem(item(), known)).toEqual([]);
  });
  it('names every error in Chinese and English', () => {
    const errs = validateItem(item({ name: '', visits: -1 }), known);
    expect(errs.length).toBeGreaterThanOrEqual(2);
    for (const e of errs) {
      expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(e.en).toMatch(/[a-z]/);
    }
  });
});

describe('instant items (即办件)', () => {
  it('refuses an instant item with a promised limit', () => {
    expect(codes(item({ caseKind: 1, promisedLimitDays: 3 }))).toContain('promisedLimitDays:instant_with_limit');
  });
  it('refuses a promised item (承诺件) with a zero promised limit', () => {
    expect(codes(item({ caseKind: 2, promisedLimitDays: 0, steps: [{ name: '决定', role: 'decide', limitDays: 0 }] }))).toContain(
      'caseKind:zero_limit_not_instant',
    );
  });
  it('accepts an instant item with limit 0 and zero-day steps', () => {
    const i = item({
      caseKind: 1,
      promisedLimitDays: 0,
      steps: [{ name: '当场决定', role: 'decide', limitDays: 0 }],
      materials: item().materials.map((m) => ({ ...m, deferrable: false })),
    });
    expect(validateItem(i, known)).toEqual([]);
  });
  it('accepts an instant item with no steps at all', () => {
    const i = item({ caseKind: 1, promisedLimitDays: 0, steps: [], materials: [] });
    expect(validateItem(i, known)).toEqual([]);
  });
  it('refuses a deferrable material on an instant item (nothing can be supplied later)', () => {
    const i = item({ caseKind: 1, promisedLimitDays: 0, steps: [] });
    expect(codes(i)).toContain('materials.2.deferrable:instant_not_deferrable');
  });
});

describe('visits and online depth', () => {
  it('refuses a fully online item (全程网办) that requires a visit', () => {
    expect(codes(item({ onlineDepth: 5, visits: 1 }))).toContain('visits:full_online_with_visits');
  });
  it('accepts a fully online item with 0 visits and no reason', () => {
    expect(validateItem(item({ onlineDepth: 5, visits: 0, visitsReason: null }), known)).toEqual([]);
  });
  it('refuses visits without a reason', () => {
    expect(codes(item({ visits: 2, visitsReason: null }))).toContain('visitsReason:reason_required');
  });
  it('treats a blank reason as no reason', () => {
    expect(codes(item({ visits: 1, visitsReason: '   ' }))).toContain('visitsReason:reason_required');
  });
  it('refuses negative or absurd visit counts', () => {
    expect(codes(item({ visits: -1 }))).toContain('visits:range');
    expect(codes(item({ visits: 11 }))).toContain('visits:range');
    expect(codes(item({ visits: 1.5 }))).toContain('visits:type');
  });
});

describe('limits', () => {
  it('refuses a promised limit above the legal limit', () => {
    expect(codes(item({ legalLimitDays: 4, promisedLimitDays: 5 }))).toContain('promisedLimitDays:exceeds_legal_limit');
  });
  it('accepts a promised limit equal to the legal limit', () => {
    expect(validateItem(item({ legalLimitDays: 5, promisedLimitDays: 5 }), known)).toEqual([]);
  });
  it('refuses steps whose limits add up to more than the promised limit', () => {
    expect(codes(item({ steps: [{ name: '审查', role: 'review', limitDays: 4 }, { name: '决定', role: 'decide', limitDays: 2 }] }))).toContain(
      'steps:steps_exceed_promised_limit',
    );
  });
  it('accepts steps that add up exactly to the promised limit', () => {
    expect(validateItem(item({ steps: [{ name: '审查', role: 'review', limitDays: 5 }] }), known)).toEqual([]);
  });
  it('refuses a promised item without any step', () => {
    expect(codes(item({ steps: [] }))).toContain('steps:required');
  });
  it('refuses non-integer and negative day counts', () => {
    expect(codes(item({ legalLimitDays: 2.5 }))).toContain('legalLimitDays:type');
    expect(codes(item({ promisedLimitDays: -1 }))).toContain('promisedLimitDays:range');
    expect(codes(item({ steps: [{ name: '审查', role: 'review', limitDays: -1 }] }))).toContain('steps.0.limitDays:range');
  });
  it('refuses an unknown step role', () => {
    expect(fields(item({ steps: [{ name: 'x', role: 'approve' as never, limitDays: 1 }] }))).toContain('steps.0.role');
  });
});

describe('materials', () => {
  const mats = item().materials;
  it('refuses duplicate material codes', () => {
    expect(codes(item({ materials: [mats[0], { ...mats[1], code: 'M01' }] }))).toContain('materials.1.code:duplicate');
  });
  it('refuses a commitment-replaceable material when the item does not allow commitment', () => {
    expect(codes(item({ commitmentAllowed: false }))).toContain('materials.2.commitmentReplaceable:commitment_not_allowed');
  });
  it('refuses an unknown licence type on a material and as the result', () => {
    expect(codes(item({ materials: [mats[0], { ...mats[1], licenseTypeCode: '99999' }] }))).toContain('materials.1.licenseTypeCode:unknown_license_type');
    expect(codes(item({ resultLicenseTypeCode: '99999' }))).toContain('resultLicenseTypeCode:unknown_license_type');
  });
  it('refuses deferral when no required non-deferrable material remains (deferral is for secondary materials)', () => {
    const onlyDeferrable = [{ ...mats[2], commitmentReplaceable: false }];
    expect(codes(item({ materials: onlyDeferrable }))).toContain('materials.0.deferrable:no_primary_material');
    const allDeferrable = mats.map((m) => ({ ...m, deferrable: true }));
    expect(codes(item({ materials: allDeferrable }))).toContain('materials.0.deferrable:no_primary_material');
  });
  it('refuses a deferrable optional material (an optional material never blocks acceptance)', () => {
    expect(codes(item({ materials: [mats[0], { ...mats[2], required: false }] }))).toContain('materials.1.deferrable:optional_not_deferrable');
  });
  it('refuses absurd copy counts and empty names', () => {
    expect(codes(item({ materials: [{ ...mats[0], copies: 100 }] }))).toContain('materials.0.copies:range');
    expect(codes(item({ materials: [{ ...mats[0], name: ' ' }] }))).toContain('materials.0.name:required');
  });
  it('refuses a bad material code', () => {
    expect(codes(item({ materials: [{ ...mats[0], code: 'M 01' }] }))).toContain('materials.0.code:pattern');
  });
});

describe('codes', () => {
  it('refuses a base code that does not start with the item type', () => {
    expect(codes(item({ type: '07' }))).toContain('baseCode:type_mismatch');
  });
  it('refuses a base code that is not 10 digits', () => {
    expect(codes(item({ baseCode: '01000120', code: `${USCC}01000120` }))).toContain('baseCode:pattern');
  });
  it('refuses an item code that does not end with the base code', () => {
    expect(codes(item({ code: `${USCC}0100012001` }))).toContain('code:base_code_mismatch');
  });
  it("refuses an item code that does not start with the department's USCC", () => {
    const other = '11371311MB000001' + 'X';
    expect(codes(item({ code: `${other.slice(0, 17)}${usccCheckChar(other.slice(0, 17))}0100012000` }))).toContain('code:department_mismatch');
  });
  it('refuses an item code of the wrong length', () => {
    expect(codes(item({ code: `${USCC}010001200` }))).toContain('code:pattern');
  });
  it('refuses an unknown department', () => {
    expect(codes(item({ departmentCode: '099' }))).toContain('departmentCode:unknown_department');
  });
  it('refuses unknown and duplicate list codes, and empty lists', () => {
    expect(codes(item({ serviceObjects: [1, 7 as never] }))).toContain('serviceObjects.1:enum');
    expect(codes(item({ tiers: ['district', 'district'] }))).toContain('tiers.1:duplicate');
    expect(codes(item({ delivery: [] }))).toContain('delivery:required');
    expect(codes(item({ handlingForms: 'window' as never }))).toContain('handlingForms:type');
  });
  it('refuses unknown enum values', () => {
    expect(codes(item({ type: '11' as never, baseCode: '1100012000', code: `${USCC}1100012000` }))).toContain('type:enum');
    expect(codes(item({ exerciseLevel: 7 as never }))).toContain('exerciseLevel:enum');
    expect(codes(item({ onlineDepth: 0 as never }))).toContain('onlineDepth:enum');
    expect(codes(item({ caseKind: 3 as never }))).toContain('caseKind:enum');
  });
  it('refuses control characters in text', () => {
    expect(codes(item({ name: '食品\u0007许可' }))).toContain('name:control_character');
  });
  it('reports garbage without throwing', () => {
    expect(validateItem(null as never, known)[0].field).toBe('(body)');
    expect(validateItem({} as never, known).length).toBeGreaterThan(10);
    expect(() => validateItem(normalizeItem({ materials: [null, 3], steps: 'x', guide: 5 } as never), known)).not.toThrow();
  });
});

describe('USCC (GB 32100)', () => {
  it('accepts a code whose check character holds', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc(USCC)).toBe(true);
  });
  it('refuses letters outside the 31-character set', () => {
    expect(isValidUscc('91350100M000100I43')).toBe(false);
  });
  it('validates departments', () => {
    expect(validateDepartment({ code: '001', name: '区市场监督管理局', shortName: '市场监管局', uscc: USCC })).toEqual([]);
    expect(validateDepartment({ code: '1', name: '', shortName: 'x', uscc: 'bad' }).map((e) => e.field)).toEqual(['code', 'name', 'uscc']);
  });
});

describe('versions', () => {
  it('sees no change in an identical write', () => {
    expect(diffVersion(item(), item()).changed).toBe(false);
  });
  it('sees no change when only list order, whitespace or blank-vs-null differ', () => {
    const next = item({ serviceObjects: [2, 1], tiers: ['town', 'district'], name: ' 食品经营许可（新办） ', visitsReason: '需核验原件 ' });
    expect(diffVersion(item(), next)).toEqual({ changed: false, fields: [] });
    const a = item({ materials: item().materials.map((m) => ({ ...m, issuer: '' })) });
    const b = item({ materials: item().materials.map((m) => ({ ...m, issuer: null })) });
    expect(diffVersion(a, b).changed).toBe(false);
  });
  it('names the changed fields', () => {
    expect(diffVersion(item(), item({ promisedLimitDays: 4 })).fields).toEqual(['promisedLimitDays']);
    const mats = item().materials;
    expect(diffVersion(item(), item({ materials: [mats[1], mats[0], mats[2]] })).fields).toEqual(['materials']);
  });
  it('treats a first write as a change', () => {
    expect(diffVersion(null, item()).changed).toBe(true);
  });
  it('normalises CRLF so an Excel round trip does not look like a change', () => {
    const g = { ...item().guide, process: '一、申请\r\n二、受理' };
    expect(normalizeItem(item({ guide: g })).guide.process).toBe('一、申请\n二、受理');
  });
});

describe('search text', () => {
  const e = searchEntry(item(), '罗庄区市场监督管理局', '市场监管局');
  it('matches a Chinese substring of the name', () => {
    expect(matchesTerms(e, searchTerms('经营许可'))).toBe(true);
    expect(matchesTerms(e, searchTerms('营业'))).toBe(false);
  });
  it('matches a prefix of the code or base code, not the middle', () => {
    expect(matchesTerms(e, searchTerms('0100012'))).toBe(true);
    expect(matchesTerms(e, searchTerms(USCC.slice(0, 10).toLowerCase()))).toBe(true);
    expect(matchesTerms(e, searchTerms('0012000'))).toBe(false);
  });
  it('matches the department name and requires every word', () => {
    expect(matchesTerms(e, searchTerms('市场监管 食品'))).toBe(true);
    expect(matchesTerms(e, searchTerms('市场监管 户口'))).toBe(false);
  });
  it('folds full-width characters and case', () => {
    expect(normalizeSearch('  ＡＢＣ　１２３ ')).toBe('abc 123');
    expect(matchesTerms(e, searchTerms('０１０００１'))).toBe(true);
  });
  it('treats an empty or blank query as no condition', () => {
    expect(searchTerms('   ')).toEqual([]);
    expect(searchTerms(undefined)).toEqual([]);
  });
});
