import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeItem, validateItem } from '../catalog/model.js';
import { ITEM_TYPES, STEP_ROLES, TIERS } from '../catalog/types.js';
import { buildItems, departments, items, licenseTypes } from './catalog-data.js';

// Independent re-implementations of the check characters (not imported from the data files).
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function usccCheckIndependent(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const w = Number(3n ** BigInt(i) % 31n);
    sum += CHARSET.indexOf(first17[i]) * w;
  }
  const c = 31 - (sum % 31);
  return c === 31 ? '0' : CHARSET[c];
}
function orgCodeCheckIndependent(body: string): string {
  const W = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + parseInt(ch, 36) * W[i], 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

const deptByCode = new Map(departments.map((d) => [d.code, d]));
const licenceCodes = new Set(licenseTypes.map((t) => t.code));
const isIdentity = (m: { name: string; licenseTypeCode: string | null }) => m.licenseTypeCode === '1010' || /身份证/.test(m.name);
const isApplicationForm = (m: { code: string; name: string }) => m.code === 'M01' || /申请(书|表)$/.test(m.name);

describe('departments', () => {
  it('are 34 with codes 001..034 and distinct names', () => {
    expect(departments).toHaveLength(34);
    expect(departments.map((d) => d.code)).toEqual(Array.from({ length: 34 }, (_, i) => String(i + 1).padStart(3, '0')));
    expect(new Set(departments.map((d) => d.name)).size).toBe(34);
    expect(new Set(departments.map((d) => d.shortName)).size).toBe(34);
    expect(new Set(departments.map((d) => d.uscc)).size).toBe(34);
  });

  it('carry valid USCCs of the 罗庄区 division (GB 32100 check, GB 11714 organisation code)', () => {
    for (const d of departments) {
      expect(d.uscc, d.name).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
      expect(d.uscc.slice(2, 8), d.name).toBe('371311');
      expect(d.uscc[17], d.name).toBe(usccCheckIndependent(d.uscc.slice(0, 17)));
      expect(d.uscc[16], d.name).toBe(orgCodeCheckIndependent(d.uscc.slice(8, 16)));
      expect(['11', '12', '13', '91']).toContain(d.uscc.slice(0, 2));
    }
    // government organs (区…局) register as 机关: "11"
    for (const d of departments.filter((x) => /局$|分局$|大队$/.test(x.name))) expect(d.uscc.slice(0, 2), d.name).toBe('11');
  });

  it('the independent check agrees with a published-format example and rejects a changed character', () => {
    const u = departments[0].uscc;
    const changed = u.slice(0, 10) + (u[10] === '9' ? '8' : '9') + u.slice(11, 17);
    expect(usccCheckIndependent(changed)).not.toBe(u[17]);
  });
});

describe('licence types', () => {
  it('have unique digit codes, known issuing departments, fields and validity', () => {
    expect(licenseTypes.length).toBeGreaterThanOrEqual(12);
    expect(licenceCodes.size).toBe(licenseTypes.length);
    for (const t of licenseTypes) {
      expect(t.code).toMatch(/^\d{4}$/);
      expect(deptByCode.has(t.departmentCode), t.name).toBe(true);
      expect(t.fields.length, t.name).toBeGreaterThanOrEqual(3);
      expect(new Set(t.fields.map((f) => f.key)).size, t.name).toBe(t.fields.length);
      if (t.validityYears !== null) expect(Number.isInteger(t.validityYears) && t.validityYears > 0, t.name).toBe(true);
    }
    for (const name of ['营业执照', '食品经营许可证', '药品经营许可证', '公共场所卫生许可证', '行业综合许可证', '医疗机构执业许可证', '建设工程规划许可证',
      '建筑工程施工许可证', '道路运输经营许可证', '居民身份证', '结婚证', '不动产权证书', '居民户口簿']) {
      expect(licenseTypes.some((t) => t.name === name), name).toBe(true);
    }
  });
});

describe('service items', () => {
  it('are exactly 515 with unique codes built from the department USCC and the base code', () => {
    expect(items).toHaveLength(515);
    expect(new Set(items.map((i) => i.code)).size).toBe(515);
    for (const i of items) {
      const d = deptByCode.get(i.departmentCode);
      expect(d, i.name).toBeDefined();
      expect(i.code, i.name).toBe(d!.uscc + i.baseCode);
      expect(i.baseCode, i.name).toMatch(/^\d{10}$/);
      expect(i.baseCode.startsWith(i.type), i.name).toBe(true);
      expect(Object.keys(ITEM_TYPES)).toContain(i.type);
    }
  });

  it('are deterministic', () => {
    expect(JSON.stringify(buildItems())).toBe(JSON.stringify(items));
  });

  it('have names unique within each department, free of template syntax', () => {
    for (const d of departments) {
      const names = items.filter((i) => i.departmentCode === d.code).map((i) => i.name);
      expect(new Set(names).size, d.name).toBe(names.length);
    }
    for (const i of items) expect(i.name).not.toMatch(/[{}|]/);
  });

  it('allow 告知承诺 on exactly 133 items (the report’s list)', () => {
    expect(items.filter((i) => i.commitmentAllowed)).toHaveLength(133);
  });

  it('every department has at least 3 items, and the bigger departments more', () => {
    const count = (code: string) => items.filter((i) => i.departmentCode === code).length;
    for (const d of departments) expect(count(d.code), d.name).toBeGreaterThanOrEqual(3);
    const max = Math.max(...departments.map((d) => count(d.code)));
    expect(count('001')).toBe(max); // 行政审批服务局 holds the most
  });

  it('reach the towns and villages', () => {
    expect(items.filter((i) => i.tiers.includes('town')).length).toBeGreaterThanOrEqual(60);
    expect(items.filter((i) => i.tiers.includes('village')).length).toBeGreaterThanOrEqual(40);
    expect(items.filter((i) => i.tiers.includes('partner')).length).toBeGreaterThan(0);
    expect(items.filter((i) => i.tiers.includes('branch')).length).toBeGreaterThan(0);
  });

  it('are about 30 % instant items', () => {
    const share = items.filter((i) => i.caseKind === 1).length / items.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.4);
  });

  it('satisfy the catalog consistency rules, item by item', () => {
    for (const i of items) {
      const at = `${i.departmentCode} ${i.name}`;
      // limits and case kind
      expect(i.caseKind === 1, at).toBe(i.promisedLimitDays === 0);
      expect(i.promisedLimitDays, at).toBeLessThanOrEqual(i.legalLimitDays);
      const sum = i.steps.reduce((s, x) => s + x.limitDays, 0);
      expect(sum, at).toBeLessThanOrEqual(i.promisedLimitDays);
      expect(i.steps.length, at).toBeGreaterThanOrEqual(1);
      expect(i.steps.length, at).toBeLessThanOrEqual(4);
      for (const s of i.steps) {
        expect(Object.keys(STEP_ROLES), at).toContain(s.role);
        expect(Number.isInteger(s.limitDays) && s.limitDays >= 0, at).toBe(true);
        if (i.caseKind === 1) expect(s.limitDays, at).toBe(0);
      }
      if (i.caseKind === 2) expect(i.promisedLimitDays, at).toBeGreaterThanOrEqual(1);
      // visits and online depth
      if (i.onlineDepth === 5) expect(i.visits, at).toBe(0);
      if (i.visits > 0) expect(i.visitsReason?.trim(), at).toBeTruthy();
      expect(i.visits, at).toBeLessThanOrEqual(2);
      expect([4, 5, 6], at).toContain(i.exerciseLevel);
      expect(i.handlingForms.length, at).toBeGreaterThan(0);
      expect(i.serviceObjects.length, at).toBeGreaterThan(0);
      expect(Number.isInteger(i.feeFen) && i.feeFen >= 0, at).toBe(true);
      // tiers and delivery
      expect(i.tiers, at).toContain('district');
      for (const t of i.tiers) expect(Object.keys(TIERS), at).toContain(t);
      expect(new Set(i.tiers).size, at).toBe(i.tiers.length);
      expect([['pickup'], ['pickup', 'mail']], at).toContainEqual(i.delivery);
      // licences
      if (i.resultLicenseTypeCode !== null) expect(licenceCodes.has(i.resultLicenseTypeCode), at).toBe(true);
      // materials
      expect(i.materials.length, at).toBeGreaterThanOrEqual(2);
      expect(i.materials.length, at).toBeLessThanOrEqual(8);
      expect(i.materials.map((m) => m.code), at).toEqual(i.materials.map((_, k) => `M${String(k + 1).padStart(2, '0')}`));
      for (const m of i.materials) {
        const mat = `${at} / ${m.name}`;
        if (m.licenseTypeCode !== null) expect(licenceCodes.has(m.licenseTypeCode), mat).toBe(true);
        if (m.commitmentReplaceable) expect(i.commitmentAllowed, mat).toBe(true);
        if (m.deferrable) {
          expect(isIdentity(m) || isApplicationForm(m), mat).toBe(false);
          expect(m.required, mat).toBe(true);
          expect(i.caseKind, mat).toBe(2);
        }
        expect(m.originals + m.copies, mat).toBeGreaterThan(0);
      }
      expect(i.materials[0].name, at).toMatch(/申请(书|表)$/);
      if (i.commitmentAllowed) expect(i.materials.some((m) => m.commitmentReplaceable), at).toBe(true);
      // guide
      for (const [k, v] of Object.entries(i.guide)) expect(v.trim().length, `${at} guide.${k}`).toBeGreaterThan(0);
      expect(i.guide.legalBasis, at).toMatch(/《.+》/);
      expect(i.guide.consultPhone, at).toMatch(/^0539-8\d{6}$/);
      expect(['0539-12345', '12345'], at).toContain(i.guide.supervisePhone);
      expect(i.guide.location, at).toContain('罗庄区');
    }
  });

  it('pass the catalog module’s own validation unchanged by normalisation', () => {
    const known = {
      departmentCodes: new Set(departments.map((d) => d.code)),
      licenseTypeCodes: licenceCodes,
      departmentUscc: new Map(departments.map((d) => [d.code, d.uscc])),
    };
    for (const i of items) {
      expect(validateItem(normalizeItem(i), known), i.name).toEqual([]);
      expect(normalizeItem(i), i.name).toEqual(i);
    }
  });

  it('commitment items are mainly licences of the market-access departments', () => {
    const c = items.filter((i) => i.commitmentAllowed);
    expect(c.filter((i) => i.type === '01').length / c.length).toBeGreaterThan(0.8);
  });

  it('use electronic licences to satisfy common materials', () => {
    const all = items.flatMap((i) => i.materials);
    expect(all.filter((m) => m.name === '营业执照').every((m) => m.licenseTypeCode === '1001')).toBe(true);
    expect(all.filter((m) => /居民身份证$/.test(m.name)).every((m) => m.licenseTypeCode === '1010')).toBe(true);
    expect(all.filter((m) => m.name === '居民户口簿').every((m) => m.licenseTypeCode === '1013')).toBe(true);
  });

  it('include the items the 一链办理 bundles and 工程建设 build on', () => {
    const has = (name: string) => items.some((i) => i.name === name);
    for (const name of [
      // 我要开饭店
      '个体工商户设立登记', '有限责任公司设立登记', '食品经营许可（新办）', '公共场所卫生许可（新办）', '户外招牌设置审核',
      '设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批', '公众聚集场所投入使用、营业前消防安全检查',
      // 我要开药店
      '药品零售企业许可（新办）', '第二类医疗器械经营备案',
      // 我要开便利店
      '食品经营许可（仅销售预包装食品）备案', '烟草专卖零售许可证（新办）',
      // 企业开办
      '印章刻制备案', '新办纳税人“套餐式”服务', '企业职工基本养老保险单位参保登记', '职工基本医疗保险参保登记', '新开办企业首套印章免费刻制',
      // 工程建设项目
      '建设项目用地预审与选址意见书核发', '建设用地规划许可证核发', '建设工程规划许可证（核发）', '建筑工程施工许可证核发', '建设工程竣工联合验收',
      '建设工程消防设计审查', '建设工程消防验收',
      // 一业一证
      '行业综合许可证（核发）',
    ]) expect(has(name), name).toBe(true);
    const result = (name: string) => items.find((i) => i.name === name)?.resultLicenseTypeCode;
    expect(result('个体工商户设立登记')).toBe('1001');
    expect(result('食品经营许可（新办）')).toBe('1002');
    expect(result('药品零售企业许可（新办）')).toBe('1003');
    expect(result('公共场所卫生许可（新办）')).toBe('1004');
    expect(result('建筑工程施工许可证核发')).toBe('1008');
  });
});

describe('source size', () => {
  it('stays well under 1 MB', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const dir = join(here, 'catalog-data');
    const total = readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0) + statSync(join(here, 'catalog-data.ts')).size;
    expect(total).toBeLessThan(300_000);
  });
});
