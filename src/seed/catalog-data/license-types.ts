import type { LicenseTypeInput } from '../../catalog/types.js';

/** 证照类型 codes used by materials and results below. */
export const LT = {
  营业执照: '1001',
  食品经营许可证: '1002',
  药品经营许可证: '1003',
  公共场所卫生许可证: '1004',
  行业综合许可证: '1005',
  医疗机构执业许可证: '1006',
  建设工程规划许可证: '1007',
  建筑工程施工许可证: '1008',
  道路运输经营许可证: '1009',
  居民身份证: '1010',
  结婚证: '1011',
  不动产权证书: '1012',
  户口簿: '1013',
  烟草专卖零售许可证: '1014',
  残疾人证: '1015',
  建设用地规划许可证: '1016',
  出生医学证明: '1017',
  娱乐场所经营许可证: '1018',
} as const;

type F = [key: string, label: string][];
const f = (pairs: F) => pairs.map(([key, label]) => ({ key, label }));

const holder: F = [
  ['holderName', '经营者名称'],
  ['uscc', '统一社会信用代码'],
  ['legalRepresentative', '法定代表人（负责人）'],
];

export const licenseTypes: LicenseTypeInput[] = [
  {
    code: LT.营业执照, name: '营业执照', departmentCode: '001', validityYears: null,
    fields: f([['uscc', '统一社会信用代码'], ['name', '名称'], ['entityType', '类型'], ['legalRepresentative', '法定代表人（经营者）'],
      ['registeredCapital', '注册资本'], ['establishedOn', '成立日期'], ['address', '住所（经营场所）'], ['businessScope', '经营范围']]),
  },
  {
    code: LT.食品经营许可证, name: '食品经营许可证', departmentCode: '004', validityYears: 5,
    fields: f([...holder, ['address', '住所'], ['premises', '经营场所'], ['mainBusiness', '主体业态'], ['businessItems', '经营项目'], ['licenceNo', '许可证编号']]),
  },
  {
    code: LT.药品经营许可证, name: '药品经营许可证', departmentCode: '004', validityYears: 5,
    fields: f([...holder, ['qualityManager', '质量负责人'], ['premises', '注册地址'], ['businessMode', '经营方式'], ['businessScope', '经营范围'], ['licenceNo', '许可证编号']]),
  },
  {
    code: LT.公共场所卫生许可证, name: '公共场所卫生许可证', departmentCode: '005', validityYears: 4,
    fields: f([...holder, ['address', '经营地址'], ['licensedItems', '许可项目'], ['area', '经营面积（平方米）'], ['licenceNo', '许可证编号']]),
  },
  {
    code: LT.行业综合许可证, name: '行业综合许可证', departmentCode: '001', validityYears: 5,
    fields: f([...holder, ['industry', '行业类别'], ['premises', '经营场所'], ['includedLicences', '整合许可事项'], ['licenceNo', '许可证编号']]),
  },
  {
    code: LT.医疗机构执业许可证, name: '医疗机构执业许可证', departmentCode: '005', validityYears: 5,
    fields: f([['institutionName', '机构名称'], ['uscc', '统一社会信用代码'], ['legalRepresentative', '法定代表人'], ['principal', '主要负责人'],
      ['address', '地址'], ['category', '诊疗科目'], ['beds', '床位（牙椅）'], ['licenceNo', '登记号']]),
  },
  {
    code: LT.建设工程规划许可证, name: '建设工程规划许可证', departmentCode: '006', validityYears: null,
    fields: f([['builder', '建设单位（个人）'], ['projectName', '建设项目名称'], ['location', '建设位置'], ['scale', '建设规模'], ['licenceNo', '证书编号']]),
  },
  {
    code: LT.建筑工程施工许可证, name: '建筑工程施工许可证', departmentCode: '001', validityYears: null,
    fields: f([['builder', '建设单位'], ['projectName', '工程名称'], ['location', '建设地址'], ['scale', '建设规模'], ['contractPrice', '合同价格'],
      ['contractor', '施工单位'], ['supervisor', '监理单位'], ['licenceNo', '编号']]),
  },
  {
    code: LT.道路运输经营许可证, name: '道路运输经营许可证', departmentCode: '013', validityYears: 4,
    fields: f([...holder, ['address', '地址'], ['businessScope', '经营范围'], ['licenceNo', '许可证号']]),
  },
  {
    code: LT.居民身份证, name: '居民身份证', departmentCode: '002', validityYears: 20,
    fields: f([['name', '姓名'], ['sex', '性别'], ['ethnicity', '民族'], ['birthDate', '出生'], ['address', '住址'], ['idNumber', '公民身份号码'],
      ['issuingAuthority', '签发机关'], ['validPeriod', '有效期限']]),
  },
  {
    code: LT.结婚证, name: '结婚证', departmentCode: '009', validityYears: null,
    fields: f([['holder', '持证人'], ['registeredOn', '登记日期'], ['certificateNo', '结婚证字号'], ['husband', '男方'], ['wife', '女方'], ['remarks', '备注']]),
  },
  {
    code: LT.不动产权证书, name: '不动产权证书', departmentCode: '028', validityYears: null,
    fields: f([['rightHolder', '权利人'], ['coOwnership', '共有情况'], ['location', '坐落'], ['unitNo', '不动产单元号'], ['rightType', '权利类型'],
      ['rightNature', '权利性质'], ['use', '用途'], ['area', '面积'], ['term', '使用期限'], ['certificateNo', '证书号']]),
  },
  {
    code: LT.户口簿, name: '居民户口簿', departmentCode: '002', validityYears: null,
    fields: f([['householder', '户主姓名'], ['householdType', '户别'], ['householdNo', '户号'], ['address', '住址'], ['members', '户内成员']]),
  },
  {
    code: LT.烟草专卖零售许可证, name: '烟草专卖零售许可证', departmentCode: '029', validityYears: 5,
    fields: f([['holderName', '企业（字号）名称'], ['operator', '负责人（经营者）'], ['premises', '经营场所'], ['businessScope', '许可范围'], ['licenceNo', '许可证号']]),
  },
  {
    code: LT.残疾人证, name: '中华人民共和国残疾人证', departmentCode: '026', validityYears: 10,
    fields: f([['name', '姓名'], ['sex', '性别'], ['idNumber', '公民身份号码'], ['disabilityType', '残疾类别'], ['disabilityLevel', '残疾等级'], ['certificateNo', '残疾人证号']]),
  },
  {
    code: LT.建设用地规划许可证, name: '建设用地规划许可证', departmentCode: '006', validityYears: null,
    fields: f([['builder', '用地单位'], ['projectName', '用地项目名称'], ['location', '用地位置'], ['area', '用地面积'], ['landUse', '土地用途'], ['licenceNo', '证书编号']]),
  },
  {
    code: LT.出生医学证明, name: '出生医学证明', departmentCode: '005', validityYears: null,
    fields: f([['babyName', '新生儿姓名'], ['sex', '性别'], ['birthAt', '出生时间'], ['birthPlace', '出生地点'], ['mother', '母亲姓名'], ['father', '父亲姓名'], ['certificateNo', '出生证编号']]),
  },
  {
    code: LT.娱乐场所经营许可证, name: '娱乐场所经营许可证', departmentCode: '016', validityYears: 2,
    fields: f([...holder, ['premises', '经营场所地址'], ['businessScope', '经营范围'], ['area', '使用面积'], ['licenceNo', '许可证号']]),
  },
];
