import type { HallInput } from '../hall/model.js';

/**
 * The demo district's service network, after the real 罗庄区: one centre (10 intake, 2 consult,
 * 2 certificate windows, self-service and 24-hour areas), 5 branch halls, 8 town/street centres,
 * 211 village/community stations and 18 partner points (banks, supermarkets, communities).
 */
const DIVISION = '371311';
const HOURS = '工作日 上午9:00-12:00 下午13:30-17:30（夏季下午14:00-18:00）';

const TOWNS: { code: string; name: string; division: string; stations: number; kind: '街道' | '镇' }[] = [
  { code: 'T01', name: '罗庄街道', division: '371311001', stations: 30, kind: '街道' },
  { code: 'T02', name: '傅庄街道', division: '371311002', stations: 28, kind: '街道' },
  { code: 'T03', name: '盛庄街道', division: '371311003', stations: 26, kind: '街道' },
  { code: 'T04', name: '册山街道', division: '371311004', stations: 27, kind: '街道' },
  { code: 'T05', name: '高都街道', division: '371311005', stations: 25, kind: '街道' },
  { code: 'T06', name: '沂堂镇', division: '371311101', stations: 29, kind: '镇' },
  { code: 'T07', name: '褚墩镇', division: '371311102', stations: 24, kind: '镇' },
  { code: 'T08', name: '黄山镇', division: '371311103', stations: 22, kind: '镇' },
];

/** Branch halls and the departments (matched by name) that sit in each. */
export const BRANCHES: { code: string; name: string; departmentKeywords: string[] }[] = [
  { code: 'B01', name: '公安分厅（户籍 出入境 车驾管）', departmentKeywords: ['公安'] },
  { code: 'B02', name: '不动产登记分厅', departmentKeywords: ['不动产', '自然资源'] },
  { code: 'B03', name: '税务分厅', departmentKeywords: ['税务'] },
  { code: 'B04', name: '社保医保分厅', departmentKeywords: ['人力资源', '医疗保障'] },
  { code: 'B05', name: '住房公积金分厅', departmentKeywords: ['公积金'] },
];

const PARTNERS = [
  ...['罗庄支行', '傅庄分理处', '盛庄分理处', '册山分理处', '沂堂分理处'].map((n) => `中国农业银行临沂${n}便民服务点`),
  ...['罗庄支行', '湖北路支行', '高都分理处', '褚墩分理处', '黄山分理处'].map((n) => `中国建设银行临沂${n}便民服务点`),
  ...['罗庄支行', '傅庄支行', '盛庄支行', '册山支行', '沂堂支行'].map((n) => `罗庄农商银行${n}便民服务点`),
  '银座超市罗庄店便民服务点',
  '九州超市盛庄店便民服务点',
  '罗庄街道商业街社区便民服务点',
];

const FRONT = ['东', '西', '南', '北', '前', '后', '大', '小', '新', '老', '上', '下'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '孙', '周', '吴', '徐', '朱', '马', '胡', '高', '林', '郭', '韩'];
const ENDS = ['庄', '家庄', '官庄', '屯', '岭', '湖', '沟', '疃'];

function stationNames(total: number): string[] {
  const names: string[] = [];
  for (let i = 0; names.length < total; i++) {
    const f = FRONT[i % FRONT.length];
    const s = SURNAMES[Math.floor(i / FRONT.length) % SURNAMES.length];
    const e = ENDS[Math.floor(i / (FRONT.length * SURNAMES.length)) % ENDS.length];
    names.push(`${f}${s}${e}`);
  }
  return names;
}

export function demoHalls(departments: { code: string; name: string }[]): HallInput[] {
  const codesMatching = (keywords: string[]) =>
    departments.filter((d) => keywords.some((k) => d.name.includes(k))).map((d) => d.code);
  const centre: HallInput = {
    code: 'C00',
    name: '罗庄区政务服务中心',
    tier: 'district',
    parentCode: null,
    divisionCode: DIVISION,
    address: '山东省临沂市罗庄区湖北路与罗七路交汇处',
    phone: '0539-8181234',
    hours: HOURS,
    areas: ['self_service', '24h'],
    departments: departments.map((d) => d.code),
    windows: [
      ...Array.from({ length: 10 }, (_, i) => ({ number: i + 1, kind: 'intake' as const })),
      { number: 11, kind: 'consult' },
      { number: 12, kind: 'consult' },
      { number: 13, kind: 'certificate' },
      { number: 14, kind: 'certificate' },
      { number: 15, kind: 'assist' },
    ],
  };
  const branches: HallInput[] = BRANCHES.map((b, i) => ({
    code: b.code,
    name: `罗庄区政务服务中心${b.name}`,
    tier: 'branch',
    parentCode: 'C00',
    divisionCode: DIVISION,
    address: `山东省临沂市罗庄区湖北路${20 + i * 6}号`,
    phone: `0539-818${1300 + i}`,
    hours: HOURS,
    areas: [],
    departments: codesMatching(b.departmentKeywords),
    windows: [
      { number: 1, kind: 'intake' },
      { number: 2, kind: 'intake' },
      { number: 3, kind: 'certificate' },
    ],
  }));
  const names = stationNames(TOWNS.reduce((n, t) => n + t.stations, 0));
  let next = 0;
  const towns: HallInput[] = [];
  const stations: HallInput[] = [];
  TOWNS.forEach((t, ti) => {
    towns.push({
      code: t.code,
      name: `${t.name}便民服务中心`,
      tier: 'town',
      parentCode: 'C00',
      divisionCode: t.division,
      address: `山东省临沂市罗庄区${t.name}政府驻地`,
      phone: `0539-82${String(10 + ti).padStart(2, '0')}001`,
      hours: HOURS,
      areas: ['self_service'],
      departments: [],
      windows: [
        { number: 1, kind: 'intake' },
        { number: 2, kind: 'intake' },
        { number: 3, kind: 'assist' },
      ],
    });
    for (let s = 0; s < t.stations; s++) {
      const place = names[next++];
      stations.push({
        code: `${t.code}V${String(s + 1).padStart(3, '0')}`,
        name: `${t.name}${place}${t.kind === '街道' ? '社区' : '村'}便民服务站`,
        tier: 'village',
        parentCode: t.code,
        divisionCode: `${t.division}${String(200 + s + 1).padStart(3, '0')}`,
        address: `山东省临沂市罗庄区${t.name}${place}${t.kind === '街道' ? '社区' : '村'}`,
        phone: null,
        hours: '工作日 上午8:30-11:30 下午14:00-17:00',
        areas: [],
        departments: [],
        windows: [{ number: 1, kind: 'intake' }],
      });
    }
  });
  const partners: HallInput[] = PARTNERS.map((name, i) => ({
    code: `P${String(i + 1).padStart(2, '0')}`,
    name,
    tier: 'partner',
    parentCode: 'C00',
    divisionCode: DIVISION,
    address: `山东省临沂市罗庄区（${name.replace('便民服务点', '')}营业网点）`,
    phone: null,
    hours: '营业时间内',
    areas: ['self_service'],
    departments: [],
    windows: [{ number: 1, kind: 'intake' }],
  }));
  return [centre, ...branches, ...towns, ...stations, ...partners];
}
