import type { FieldError } from '../platform/problem.js';

export const HALL_TIERS = {
  district: '区政务服务中心',
  branch: '分厅',
  town: '便民服务中心',
  village: '便民服务站',
  partner: '合作网点',
} as const;
export type HallTier = keyof typeof HALL_TIERS;

/** Which tier may sit under which: the centre, its branch halls and town centres, their stations. */
const PARENT_TIER: Record<HallTier, HallTier | null> = {
  district: null,
  branch: 'district',
  town: 'district',
  village: 'town',
  partner: 'district',
};

export const WINDOW_KINDS = { intake: '综合受理', consult: '咨询查询', certificate: '综合出证', assist: '帮办代办' } as const;
export type WindowKind = keyof typeof WINDOW_KINDS;

export const HALL_AREAS = { self_service: '自助服务区', '24h': '24小时不打烊服务区' } as const;
export type HallArea = keyof typeof HALL_AREAS;

export interface HallInput {
  code: string;
  name: string;
  tier: HallTier;
  parentCode: string | null;
  divisionCode: string;
  address: string;
  phone: string | null;
  hours: string;
  areas: HallArea[];
  departments: string[];
  windows: { number: number; kind: WindowKind }[];
}

/** A hall tree must be well formed: one root, parents of the right tier, unique window numbers. */
export function checkHallTree(halls: HallInput[]): FieldError[] {
  const errors: FieldError[] = [];
  const byCode = new Map(halls.map((h) => [h.code, h]));
  if (byCode.size !== halls.length) errors.push({ field: 'code', code: 'duplicate', zh: '大厅编码重复', en: 'duplicate hall code' });
  for (const h of halls) {
    const want = PARENT_TIER[h.tier];
    const parent = h.parentCode ? byCode.get(h.parentCode) : undefined;
    if (want === null ? h.parentCode !== null : parent?.tier !== want) {
      errors.push({
        field: `${h.code}.parentCode`,
        code: 'invalid_parent',
        zh: `${HALL_TIERS[h.tier]}的上级应为${want ? HALL_TIERS[want] : '无'}`,
        en: `a ${h.tier} hall must sit under a ${want ?? 'nothing'}`,
      });
    }
    const numbers = new Set(h.windows.map((w) => w.number));
    if (numbers.size !== h.windows.length) {
      errors.push({ field: `${h.code}.windows`, code: 'duplicate', zh: '窗口号重复', en: 'duplicate window number' });
    }
  }
  return errors;
}
