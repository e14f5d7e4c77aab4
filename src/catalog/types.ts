/**
 * The service-item catalog's vocabulary: the GB/T 39046-2020 field set as OneWindow holds it.
 * Codes are the standard's exchange codes; the Chinese labels are what screens show.
 */
export const ITEM_TYPES = {
  '01': '行政许可',
  '02': '行政处罚',
  '03': '行政强制',
  '04': '行政征收',
  '05': '行政给付',
  '06': '行政检查',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '10': '其他行政权力',
  '20': '公共服务',
} as const;
export type ItemType = keyof typeof ITEM_TYPES;

/** 行使层级 */
export const EXERCISE_LEVELS = { 1: '国家级', 2: '省级', 3: '市级', 4: '县级', 5: '乡镇（街道）级', 6: '村（社区）级' } as const;
export type ExerciseLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** 办件类型: 1 即办件 (decided on the spot, promised limit 0), 2 承诺件 */
export const CASE_KINDS = { 1: '即办件', 2: '承诺件' } as const;
export type CaseKind = 1 | 2;

/** 服务对象 */
export const SERVICE_OBJECTS = { 1: '自然人', 2: '企业法人', 3: '事业法人', 4: '社会组织法人', 5: '非法人企业', 6: '行政机关', 9: '其他组织' } as const;
export type ServiceObject = 1 | 2 | 3 | 4 | 5 | 6 | 9;

/** 办理形式 */
export const HANDLING_FORMS = { 1: '窗口办理', 2: '网上办理', 3: '移动端办理', 4: '快递申请' } as const;
export type HandlingForm = 1 | 2 | 3 | 4;

/** 网上办理深度: 5 = 全程网办 (then no visit may be required) */
export const ONLINE_DEPTHS = { 1: '互联网咨询', 2: '互联网收件', 3: '互联网预审', 4: '互联网受理', 5: '全程网办' } as const;
export type OnlineDepth = 1 | 2 | 3 | 4 | 5;

/** 可办理的服务层级: district centre, branch halls, town centres, village stations, partner points */
export const TIERS = { district: '区政务服务中心', branch: '分厅', town: '便民服务中心', village: '便民服务站', partner: '合作网点' } as const;
export type Tier = keyof typeof TIERS;

export const DELIVERY_MODES = { pickup: '窗口领取', mail: '免费邮寄' } as const;
export type DeliveryMode = keyof typeof DELIVERY_MODES;

/** Back-office step roles */
export const STEP_ROLES = { review: '审查', decide: '决定', inspect: '现场核查' } as const;
export type StepRole = keyof typeof STEP_ROLES;

export interface Guide {
  /** 受理条件 */
  conditions: string;
  /** 办理流程 */
  process: string;
  /** 设定依据 */
  legalBasis: string;
  /** 办理地点 */
  location: string;
  /** 办理时间 */
  hours: string;
  /** 咨询电话 */
  consultPhone: string;
  /** 监督投诉电话 */
  supervisePhone: string;
}

export interface MaterialInput {
  /** stable within the item, e.g. "M01" */
  code: string;
  name: string;
  required: boolean;
  /** 原件份数 */
  originals: number;
  /** 复印件份数 */
  copies: number;
  /** 来源/出具单位 */
  issuer: string | null;
  /** 容缺: a secondary material that may be supplied after acceptance */
  deferrable: boolean;
  /** may be replaced by the applicant's 告知承诺 (only where the item allows commitment) */
  commitmentReplaceable: boolean;
  /** 证照类型 code whose valid licence satisfies this material (0 materials) */
  licenseTypeCode: string | null;
}

export interface StepInput {
  name: string;
  role: StepRole;
  /** working days */
  limitDays: number;
}

/** What an admin (or an Excel row set, or the seed) writes; every write makes a new version. */
export interface ServiceItemInput {
  /** 实施编码: department USCC (18) + 基本编码 (10) — the item's key across versions */
  code: string;
  /** 基本编码: type (2) + main item (5) + sub-item (3) */
  baseCode: string;
  name: string;
  type: ItemType;
  exerciseLevel: ExerciseLevel;
  departmentCode: string;
  legalLimitDays: number;
  promisedLimitDays: number;
  caseKind: CaseKind;
  serviceObjects: ServiceObject[];
  handlingForms: HandlingForm[];
  /** 到办事现场次数 */
  visits: number;
  /** required when visits > 0 (e.g. 需核验原件) */
  visitsReason: string | null;
  onlineDepth: OnlineDepth;
  /** fee in fen; 0 = 不收费 */
  feeFen: number;
  tiers: Tier[];
  delivery: DeliveryMode[];
  /** 告知承诺 allowed for this item */
  commitmentAllowed: boolean;
  /** 证照类型 code of the licence the item results in, if any */
  resultLicenseTypeCode: string | null;
  guide: Guide;
  materials: MaterialInput[];
  steps: StepInput[];
}

export interface DepartmentInput {
  /** three digits, "001"… */
  code: string;
  name: string;
  shortName: string;
  /** the department's own USCC (government organs start with 11) */
  uscc: string;
}

export interface LicenseTypeInput {
  /** GB/T 36904 type code part (digits) */
  code: string;
  name: string;
  departmentCode: string;
  /** the fields a licence of this type carries */
  fields: { key: string; label: string }[];
  validityYears: number | null;
}
