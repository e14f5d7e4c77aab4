import type {
  DeliveryMode,
  ExerciseLevel,
  HandlingForm,
  ItemType,
  MaterialInput,
  OnlineDepth,
  ServiceItemInput,
  ServiceObject,
  StepInput,
  Tier,
} from '../../catalog/types.js';
import { departmentByCode, departmentDesk } from './departments.js';
import { BASIS, MATERIALS, type MaterialDef } from './library.js';

/**
 * One catalog row: a main item, optionally with sub-items written as `{新办|延续|变更|注销}`.
 *
 * spec: space-separated tokens, the first two fixed:
 *   `01` item type, `20/5` legal/promised working days (promised 0 = 即办件), then any of
 *   C 告知承诺 · i 现场核查 step · w1..w5 online depth (default 4) · v0..v3 visits · R:理由 visit reason ·
 *   f<fen> fee · T town · V town+village · B branch hall · K partner points · o<digits> service objects ·
 *   h<digits> handling forms · x 快递申请 · m mail delivery · n no mail · r<code> result licence · e5/e6 level
 * materials: comma-separated library keys or literal names `名称/flags/issuer` (flags as in library.ts).
 * basis: a BASIS key or literal text. conditions: literal 受理条件 (optional).
 */
export type Row = [name: string, spec: string, materials: string, basis: string, conditions?: string];

export interface DeptRows {
  dept: string;
  objects: ServiceObject[];
  /** tiers every item of the department has besides 'district' */
  tiers?: Tier[];
  /** wording for the branch hall in guides */
  branch?: string;
  rows: Row[];
}

export const ADDRESS = '罗庄区政务服务中心（临沂市罗庄区罗七路与湖北路交汇处）';
export const HOURS = '工作日 上午9:00-12:00 下午13:30-17:30（法定节假日除外；24小时自助服务区全天开放）';
export const SUPERVISE_PHONE = '0539-12345';

const TIER_ORDER: Tier[] = ['district', 'branch', 'town', 'village', 'partner'];

type VariantKind = 'base' | 'renew' | 'change' | 'reduce';
function variantKind(label: string | null): VariantKind {
  if (!label) return 'base';
  if (/注销|补办|补领|补发|补证|停业|歇业|终止|挂失/.test(label)) return 'reduce';
  if (/延续|换发|换证|换领|校验|延期/.test(label)) return 'renew';
  if (/变更|迁移|增项/.test(label)) return 'change';
  return 'base';
}

interface Spec {
  type: ItemType;
  legal: number;
  promised: number;
  commitment: boolean;
  inspect: boolean;
  depth: OnlineDepth;
  visits: number | null;
  reason: string | null;
  fee: number;
  tiers: Set<Tier>;
  objects: ServiceObject[] | null;
  forms: HandlingForm[] | null;
  express: boolean;
  mail: boolean | null;
  result: string | null;
  level: ExerciseLevel;
}

function parseSpec(spec: string, where: string): Spec {
  const [type, limits, ...rest] = spec.trim().split(/\s+/);
  const m = /^(\d+)\/(\d+)$/.exec(limits ?? '');
  if (!/^\d\d$/.test(type) || !m) throw new Error(`${where}: bad spec "${spec}"`);
  const s: Spec = {
    type: type as ItemType, legal: Number(m[1]), promised: Number(m[2]), commitment: false, inspect: false, depth: 4,
    visits: null, reason: null, fee: 0, tiers: new Set(), objects: null, forms: null, express: false, mail: null, result: null, level: 4,
  };
  for (const t of rest) {
    if (t === 'C') s.commitment = true;
    else if (t === 'i') s.inspect = true;
    else if (t === 'T') s.tiers.add('town');
    else if (t === 'V') (s.tiers.add('town'), s.tiers.add('village'));
    else if (t === 'B') s.tiers.add('branch');
    else if (t === 'K') s.tiers.add('partner');
    else if (t === 'x') s.express = true;
    else if (t === 'm') s.mail = true;
    else if (t === 'n') s.mail = false;
    else if (/^w[1-5]$/.test(t)) s.depth = Number(t[1]) as OnlineDepth;
    else if (/^v\d$/.test(t)) s.visits = Number(t[1]);
    else if (t.startsWith('R:')) s.reason = t.slice(2);
    else if (/^f\d+$/.test(t)) s.fee = Number(t.slice(1));
    else if (/^o\d+$/.test(t)) s.objects = [...t.slice(1)].map(Number) as ServiceObject[];
    else if (/^h\d+$/.test(t)) s.forms = [...t.slice(1)].map(Number) as HandlingForm[];
    else if (/^r\d{4}$/.test(t)) s.result = t.slice(1);
    else if (/^e[56]$/.test(t)) s.level = Number(t[1]) as ExerciseLevel;
    else throw new Error(`${where}: unknown token "${t}"`);
  }
  return s;
}

interface MatSpec {
  key: string | null;
  def: MaterialDef;
}

function parseMaterials(list: string, where: string): MatSpec[] {
  return list.split(',').map((raw) => {
    const tok = raw.trim();
    if (/^[a-z]+$/i.test(tok)) {
      const def = MATERIALS[tok];
      if (!def) throw new Error(`${where}: unknown material key "${tok}"`);
      return { key: tok, def };
    }
    const [name, flags = '', issuer = '', lic = ''] = tok.split('/');
    if (!name || /[a-z]/i.test(name)) throw new Error(`${where}: bad material "${tok}"`);
    return { key: null, def: [name, flags, issuer || '申请人自备', lic || undefined] as MaterialDef };
  });
}

function makeSteps(p: number, inspect: boolean, type: ItemType): StepInput[] {
  const decideName = type === '01' ? '审批决定' : type === '20' ? '办理决定' : '审核决定';
  if (p === 0) return [{ name: '窗口受理并当场办结', role: 'decide', limitDays: 0 }];
  if (p === 1) return [{ name: '审查', role: 'review', limitDays: 1 }, { name: decideName, role: 'decide', limitDays: 0 }];
  if (inspect && p >= 10) {
    const r = Math.floor(p * 0.3), i = Math.floor(p * 0.3), r2 = Math.floor(p * 0.2);
    return [
      { name: '材料审查', role: 'review', limitDays: r },
      { name: '现场核查', role: 'inspect', limitDays: i },
      { name: '复核', role: 'review', limitDays: r2 },
      { name: decideName, role: 'decide', limitDays: p - r - i - r2 },
    ];
  }
  if (inspect) {
    const r = Math.max(1, Math.floor(p * 0.4)), i = Math.max(1, Math.floor(p * 0.4));
    return [
      { name: '材料审查', role: 'review', limitDays: r },
      { name: '现场核查', role: 'inspect', limitDays: i },
      { name: decideName, role: 'decide', limitDays: p - r - i },
    ];
  }
  if (p >= 10) {
    const r1 = Math.floor(p * 0.4), r2 = Math.floor(p * 0.3);
    return [
      { name: '初审', role: 'review', limitDays: r1 },
      { name: '复审', role: 'review', limitDays: r2 },
      { name: decideName, role: 'decide', limitDays: p - r1 - r2 },
    ];
  }
  return [{ name: '审查', role: 'review', limitDays: p - 1 }, { name: decideName, role: 'decide', limitDays: 1 }];
}

const FORM_WORDS: Record<HandlingForm, string> = { 1: '综合受理窗口', 2: '山东政务服务网', 3: '“爱山东”APP', 4: '邮寄（快递）申请材料' };

function conditionsText(type: ItemType, name: string, commitment: boolean, deferrable: boolean, given?: string): string {
  let c = given ?? ({
    '01': `申请人具备办理“${name}”的法定条件，申请材料齐全、符合法定形式。`,
    '05': `申请人符合“${name}”的给付条件，按规定提出申请并经审核确认。`,
    '07': `申请人属于“${name}”的确认对象，能够提供真实、有效的证明材料。`,
    '20': `有“${name}”办理需求的自然人、法人或其他组织，按要求提交申请材料。`,
  } as Partial<Record<ItemType, string>>)[type] ?? `申请人符合“${name}”的办理条件，申请材料齐全、符合法定形式。`;
  if (commitment) c += '本事项实行告知承诺制：申请人书面承诺已经符合条件并在约定期限内提交相关材料的，可依据承诺办理，办理后由监管部门组织核查。';
  if (deferrable) c += '主要申请材料齐全、次要材料暂缺的，可容缺受理，申请人须在承诺办结时限内补齐。';
  return c;
}

function processText(forms: HandlingForm[], steps: StepInput[], instant: boolean, delivery: DeliveryMode[]): string {
  const via = forms.map((f) => FORM_WORDS[f]).join('、');
  const apply = `1. 申请：申请人通过${via}提交申请`;
  if (instant) return `${apply}；2. 受理并办结：综合受理窗口核验材料，符合条件的当场办结、当场出具办理结果。`;
  const stepText = steps.map((s) => `${s.name}（${s.limitDays}个工作日）`).join('→');
  const send = delivery.includes('mail') ? '结果由统一出证窗口发放，或免费邮寄送达' : '结果由统一出证窗口发放';
  return `${apply}；2. 受理：综合受理窗口核验材料，材料齐全、符合法定形式的予以受理，不齐全的一次性告知需补正的全部内容；3. 审查决定：${stepText}；4. 送达：${send}。`;
}

function locationText(dept: DeptRows, tiers: Tier[]): string {
  let s = `${ADDRESS}${departmentDesk[dept.dept].zone}综合受理窗口`;
  if (tiers.includes('branch')) s += `；${dept.branch ?? '分厅'}`;
  if (tiers.includes('town')) s += '；各街道（镇）便民服务中心';
  if (tiers.includes('village')) s += '；各村（社区）便民服务站';
  if (tiers.includes('partner')) s += '；合作银行网点、商超等政务服务便民服务点';
  return s;
}

function expandVariants(name: string): { name: string; label: string | null }[] {
  const m = /\{([^}]*)\}/.exec(name);
  if (!m) return [{ name, label: null }];
  return m[1].split('|').map((label) => ({ name: name.replace(m[0], label), label }));
}

function buildMaterials(mats: MatSpec[], it: { name: string; type: ItemType; kind: VariantKind; label: string | null; commitment: boolean; instant: boolean; result: string | null }, where: string): MaterialInput[] {
  let list = mats;
  const keepCore = (m: MatSpec) => m.def[1].includes('a') || m.def[1].includes('i') || m.key === 'biz';
  if (it.kind === 'reduce') {
    list = mats.filter(keepCore);
    if (/补/.test(it.label ?? '')) list.push({ key: null, def: ['证照遗失或损毁情况说明', '', '申请人自备'] });
    else if (it.result) list.push({ key: null, def: ['原许可证（证照）正、副本', '', '原发证机关'] });
    if (list.length < 3 && !it.result) list.push({ key: null, def: ['注销（终止）事项相关决议或证明材料', 'k', '申请人自备'] });
  } else if (it.kind === 'change') {
    list = mats.filter(keepCore);
    list.push({ key: null, def: ['变更事项相关证明材料', 'dc', '申请人自备'] });
  }
  const out: MaterialInput[] = list.map((m, k) => {
    const [rawName, flags, issuer, lic] = m.def;
    const isApp = flags.includes('a');
    const name = isApp ? `${it.name}${it.type === '01' ? '申请书' : '申请表'}` : rawName;
    const required = !flags.includes('o');
    return {
      code: `M${String(k + 1).padStart(2, '0')}`,
      name,
      required,
      originals: flags.includes('k') ? 0 : 1,
      copies: flags.includes('k') || flags.includes('K') ? 1 : 0,
      issuer: issuer ?? null,
      deferrable: flags.includes('d') && required && !it.instant && !isApp && !flags.includes('i'),
      commitmentReplaceable: flags.includes('c') && it.commitment,
      licenseTypeCode: lic ?? null,
    };
  });
  if (it.commitment && !out.some((m) => m.commitmentReplaceable)) {
    const cand = [...out].reverse().find((m) => m.code !== 'M01' && !m.licenseTypeCode && !/身份证/.test(m.name));
    if (!cand) throw new Error(`${where}: commitment item without a replaceable material`);
    cand.commitmentReplaceable = true;
  }
  if (it.commitment) {
    out.push({
      code: `M${String(out.length + 1).padStart(2, '0')}`, name: '告知承诺书（选择告知承诺方式办理的提供）', required: false, originals: 1, copies: 0,
      issuer: '申请人自备', deferrable: false, commitmentReplaceable: false, licenseTypeCode: null,
    });
  }
  if (out.length < 2 || out.length > 8) throw new Error(`${where}: ${out.length} materials`);
  if (new Set(out.map((m) => m.name)).size !== out.length) throw new Error(`${where}: duplicate material names`);
  return out;
}

export function buildDepartmentItems(dept: DeptRows): ServiceItemInput[] {
  const d = departmentByCode[dept.dept];
  if (!d) throw new Error(`unknown department ${dept.dept}`);
  const items: ServiceItemInput[] = [];
  dept.rows.forEach(([rowName, specText, matText, basisKey, conditions], rowIdx) => {
    const where = `${d.shortName}/${rowName}`;
    const base = parseSpec(specText, where);
    const mats = parseMaterials(matText, where);
    const variants = expandVariants(rowName);
    const main = String(Number(dept.dept) * 100 + rowIdx + 1).padStart(5, '0');
    variants.forEach((v, vIdx) => {
      const kind = variantKind(v.label);
      let promised = base.promised;
      let inspect = base.inspect;
      if (kind === 'reduce') (promised = 0), (inspect = false);
      else if (kind === 'renew' && promised > 0) (promised = Math.max(1, Math.ceil(promised / 2))), (inspect = false);
      else if (kind === 'change') (promised = promised <= 2 ? 0 : Math.min(5, Math.ceil(promised / 3))), (inspect = false);
      const instant = promised === 0;
      const commitment = base.commitment && kind !== 'reduce';
      const result = kind === 'reduce' && !/补/.test(v.label ?? '') ? null : base.result;
      const depth = base.depth;
      const visits = depth === 5 ? 0 : base.visits ?? 1;
      const reason = visits > 0 ? base.reason ?? (inspect ? '需配合现场核查，并到窗口核验原件' : '需现场核验原件') : null;
      const forms: HandlingForm[] = [...(base.forms ?? (depth >= 3 ? [1, 2, 3] : depth === 2 ? [1, 2] : [1]))];
      if (base.express && !forms.includes(4)) forms.push(4);
      forms.sort((a, b) => a - b);
      const mail = base.mail ?? (!instant && (base.result !== null || base.type === '01' || base.type === '07'));
      const delivery: DeliveryMode[] = mail ? ['pickup', 'mail'] : ['pickup'];
      const tierSet = new Set<Tier>(['district', ...(dept.tiers ?? []), ...base.tiers]);
      const tiers = TIER_ORDER.filter((t) => tierSet.has(t));
      const steps = makeSteps(promised, inspect, base.type);
      const materials = buildMaterials(mats, { name: v.name, type: base.type, kind, label: v.label, commitment, instant, result }, `${where}/${v.name}`);
      const legalBasis = basisKey.startsWith('《') ? basisKey : BASIS[basisKey];
      if (!legalBasis) throw new Error(`${where}: unknown basis ${basisKey}`);
      const baseCode = `${base.type}${main}${variants.length > 1 ? String(vIdx + 1).padStart(3, '0') : '000'}`;
      items.push({
        code: d.uscc + baseCode,
        baseCode,
        name: v.name,
        type: base.type,
        exerciseLevel: base.level,
        departmentCode: d.code,
        legalLimitDays: Math.max(base.legal, promised),
        promisedLimitDays: promised,
        caseKind: instant ? 1 : 2,
        serviceObjects: [...(base.objects ?? dept.objects)].sort((a, b) => a - b),
        handlingForms: forms,
        visits,
        visitsReason: reason,
        onlineDepth: depth,
        feeFen: kind === 'reduce' ? 0 : base.fee,
        tiers,
        delivery,
        commitmentAllowed: commitment,
        resultLicenseTypeCode: result,
        guide: {
          conditions: conditionsText(base.type, v.name, commitment, materials.some((m) => m.deferrable), conditions),
          process: processText(forms, steps, instant, delivery),
          legalBasis,
          location: locationText(dept, tiers),
          hours: HOURS,
          consultPhone: departmentDesk[d.code].phone,
          supervisePhone: SUPERVISE_PHONE,
        },
        materials,
        steps,
      });
    });
  });
  return items;
}
