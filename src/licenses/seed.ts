/**
 * Demo data of the licence module, loaded through its own services: the scenario list
 * (应用场景清单) and a few licences of the demo applicants. Both are idempotent.
 * Licence type codes are looked up by name in the catalog (listLicenseTypes).
 */
import { listApplicants } from '../accounts/service.js';
import { listLicenseTypes, type LicenseType } from '../catalog/service.js';
import { shanghaiDate } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import * as service from './service.js';

interface ScenarioSeed {
  name: string;
  description: string;
  /** licence type names, as in the catalog */
  types: string[];
  fields: string[];
}

export const DEMO_SCENARIOS: ScenarioSeed[] = [
  {
    name: '宾馆入住',
    description: '旅馆业治安管理登记：出示电子身份证亮证码，前台扫码核验姓名与证件号码，无需出示实体证件。',
    types: ['居民身份证'],
    fields: ['name', 'idNumber', 'valid_until'],
  },
  {
    name: '快递实名寄递',
    description: '寄递实名制：快递员扫码核验寄件人姓名与证件号码，仅披露必要字段。',
    types: ['居民身份证'],
    fields: ['name', 'idNumber'],
  },
  {
    name: '招投标',
    description: '投标人资格审查：以电子营业执照及行业许可证代替复印件，评标委员会在线核验。',
    types: ['营业执照', '建筑工程施工许可证', '行业综合许可证'],
    fields: ['name', 'uscc', 'legalRepresentative', 'registeredCapital', 'businessScope', 'license_identifier', 'valid_until'],
  },
  {
    name: '住房公积金',
    description: '公积金开户、提取、贷款：核验身份证、结婚证、不动产权证书，免交纸质材料。',
    types: ['居民身份证', '结婚证', '不动产权证书'],
    fields: ['name', 'idNumber', 'certificateNo', 'husband', 'wife', 'location', 'area'],
  },
  {
    name: '医保结算',
    description: '定点医药机构就医购药：以电子身份证核验参保人身份。',
    types: ['居民身份证'],
    fields: ['name', 'idNumber'],
  },
  {
    name: '不动产登记',
    description: '不动产转移、抵押登记：核验身份证、营业执照、结婚证、户口簿、不动产权证书。',
    types: ['居民身份证', '营业执照', '结婚证', '居民户口簿', '不动产权证书'],
    fields: ['name', 'idNumber', 'uscc', 'certificateNo', 'rightHolder', 'location', 'unitNo', 'householdNo'],
  },
  {
    name: '餐饮店开业检查',
    description: '市场监管现场检查：扫码核验营业执照与食品经营许可证状态及经营项目。',
    types: ['营业执照', '食品经营许可证'],
    fields: ['name', 'uscc', 'businessItems', 'licenceNo', 'valid_until'],
  },
];

export async function seedLicenseScenarios(ctx: Ctx): Promise<number> {
  const types = await listLicenseTypes(ctx);
  const existing = new Set((await service.listScenarios(ctx)).items.map((s) => s.name));
  let n = 0;
  for (const [i, s] of DEMO_SCENARIOS.entries()) {
    if (existing.has(s.name)) continue;
    const chosen = s.types.map((name) => types.find((t) => t.name === name)).filter((t): t is LicenseType => !!t);
    if (chosen.length === 0) continue;
    const keys = new Set(chosen.flatMap((t) => t.fields.map((f) => f.key)));
    const fields = s.fields.filter((k) => keys.has(k) || /_/.test(k));
    await service.createScenario(ctx, { name: s.name, description: s.description, licenseTypeCodes: chosen.map((t) => t.code), fields, sort: (i + 1) * 10 });
    n += 1;
  }
  return n;
}

interface LicenseSeed {
  holderName: string;
  type: string;
  claims: Record<string, string>;
  validFrom?: string;
  validUntil?: string | null;
}

const DEMO_LICENSES: LicenseSeed[] = [
  {
    holderName: '临沂市罗庄区鑫源餐饮管理有限公司',
    type: '营业执照',
    validFrom: '2021-03-15',
    validUntil: null,
    claims: {
      entityType: '有限责任公司（自然人投资或控股）',
      registeredCapital: '壹佰万元整',
      establishedOn: '2021-03-15',
      address: '山东省临沂市罗庄区罗庄街道沂河路 188 号',
      businessScope: '许可项目：餐饮服务；食品销售。一般项目：餐饮管理；外卖递送服务。（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
    },
  },
  {
    holderName: '临沂市罗庄区鑫源餐饮管理有限公司',
    type: '食品经营许可证',
    claims: {
      address: '山东省临沂市罗庄区罗庄街道沂河路 188 号',
      premises: '山东省临沂市罗庄区罗庄街道沂河路 188 号 1-2 层',
      mainBusiness: '餐饮服务经营者（中型餐馆）',
      businessItems: '热食类食品制售；冷食类食品制售；自制饮品制售',
      licenceNo: 'JY23713110028816',
    },
  },
  {
    holderName: '王堃',
    type: '居民身份证',
    validFrom: '2016-05-20',
    validUntil: '2036-05-19',
    claims: {
      sex: '男',
      ethnicity: '汉',
      birthDate: '1985-03-12',
      address: '山东省临沂市罗庄区傅庄街道傅庄村 126 号',
      issuingAuthority: '临沂市公安局罗庄分局',
      validPeriod: '2016.05.20-2036.05.20',
    },
  },
  {
    holderName: '临沂罗庄康宁大药房有限公司',
    type: '药品经营许可证',
    claims: {
      qualityManager: '张喆',
      premises: '山东省临沂市罗庄区盛庄街道罗程路 56 号',
      businessMode: '零售',
      businessScope: '处方药、甲类非处方药、乙类非处方药：中成药、化学药制剂、抗生素制剂、生化药品、生物制品（除疫苗）',
      licenceNo: '鲁CB5390123',
    },
  },
];

/** Issues a few licences to the demo applicants (skips any already holding one of the type). */
export async function seedDemoLicenses(ctx: Ctx): Promise<number> {
  const types = await listLicenseTypes(ctx);
  const day = shanghaiDate(ctx.clock.now());
  let n = 0;
  for (const l of DEMO_LICENSES) {
    const type = types.find((t) => t.name === l.type);
    const applicant = (await listApplicants(ctx, { name: l.holderName })).items.find((a) => a.name === l.holderName);
    if (!type || !applicant) continue;
    const held = await service.licensesSatisfying(ctx, applicant.id, [type.code], day);
    if (held.size > 0) continue;
    await service.issueLicense(ctx, {
      typeCode: type.code,
      holderApplicantId: applicant.id,
      claims: l.claims,
      ...(l.validFrom ? { validFrom: l.validFrom } : {}),
      ...(l.validUntil !== undefined ? { validUntil: l.validUntil } : {}),
    });
    n += 1;
  }
  return n;
}
