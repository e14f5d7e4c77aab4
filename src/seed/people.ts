import type { ApplicantInput } from '../accounts/model.js';
import type { StaffAccountInput } from '../accounts/service.js';
import type { StaffRole } from '../platform/actor.js';
import { residentIdCheckDigit, usccCheckChar } from '../platform/identifiers.js';

export const DEMO_PASSWORD = 'onewindow-demo';

const idNumber = (first17: string) => first17 + residentIdCheckDigit(first17);
const uscc = (first17: string) => first17 + usccCheckChar(first17);

const GIVEN = ['丽', '强', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '桂英', '建华', '秀兰', '志强', '海燕', '春梅', '文博', '子涵', '雨萱'];
const FAMILY = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐'];
const staffName = (i: number) => `${FAMILY[i % FAMILY.length]}${GIVEN[(i * 7) % GIVEN.length]}`;
const two = (n: number) => String(n).padStart(2, '0');

interface Refs {
  departmentId(code: string): string;
  /** department codes in code order (001 owns the most items) */
  departmentCodes: string[];
  departmentCodeMatching(keyword: string): string;
  hallId(code: string): string;
}

/** The demo accounts of DESIGN §7, all with the password `onewindow-demo`. */
export function demoStaff(refs: Refs, password: { hash: string }): StaffAccountInput[] {
  const centre = refs.hallId('C00');
  const staff = (username: string, name: string, roles: StaffRole[], departmentId: string | null, hallId: string | null): StaffAccountInput => ({
    username, name, roles, departmentId, hallId, password,
  });
  return [
    staff('admin', '系统管理员', ['admin'], null, null),
    staff('leader', '区行政审批服务局局长', ['leader'], null, null),
    staff('manager01', '大厅管理员', ['manager'], null, centre),
    // 26 comprehensive intake clerks, as in the report
    ...Array.from({ length: 26 }, (_, i) => staff(`clerk${two(i + 1)}`, staffName(i), ['clerk'], null, centre)),
    staff('cert01', staffName(30), ['cert'], null, centre),
    staff('cert02', staffName(31), ['cert'], null, centre),
    // one approver per department; approver01 sits in 001, the department owning the most items
    ...refs.departmentCodes.map((code, i) =>
      staff(`approver${two(i + 1)}`, staffName(40 + i), ['approver'], refs.departmentId(code), centre),
    ),
    // 26 district-level assistants (帮办代办), as in the report
    ...Array.from({ length: 26 }, (_, i) => staff(`assist${two(i + 1)}`, staffName(80 + i), ['assistant'], null, centre)),
    staff('supervisor01', staffName(120), ['supervisor'], refs.departmentId(refs.departmentCodeMatching('市场监督')), null),
    staff('supervisor02', staffName(121), ['supervisor'], refs.departmentId(refs.departmentCodeMatching('卫生健康')), null),
    staff('catalog01', '事项管理员', ['catalog'], refs.departmentId(refs.departmentCodes[0]), null),
    // one intake clerk per town centre, for cases taken in at the grass roots
    ...['T01', 'T02', 'T03', 'T04', 'T05', 'T06', 'T07', 'T08'].map((t, i) =>
      staff(`town${two(i + 1)}`, staffName(130 + i), ['clerk', 'assistant'], null, refs.hallId(t)),
    ),
  ];
}

/** A few applicants, with the rare name characters certificates must print (堃犇喆昇燊珺). */
/** `login: true` — the applicant gets a portal login (username = ID number / USCC, the demo password). */
export const demoApplicants: (ApplicantInput & { login?: boolean })[] = [
  { kind: 'person', name: '王堃', idNumber: idNumber('37131119850312201'), phone: '13805391234', login: true },
  { kind: 'person', name: '李犇', idNumber: idNumber('37131119900708153'), phone: '13905392345', login: true },
  { kind: 'person', name: '张喆', idNumber: idNumber('37131119780221302'), phone: '15005393456', login: true },
  { kind: 'person', name: '陈昇', idNumber: idNumber('37131120000115401'), phone: '15105394567' },
  { kind: 'person', name: '刘燊', idNumber: idNumber('37131119691130502'), phone: '18605395678' },
  { kind: 'person', name: '赵珺', idNumber: idNumber('37131119951001602'), phone: '17705396789' },
  {
    kind: 'enterprise',
    name: '临沂市罗庄区鑫源餐饮管理有限公司',
    uscc: uscc('91371311MA3C8K2Q1'),
    legalRepresentative: '王堃',
    phone: '13805391234',
    login: true,
  },
  { kind: 'enterprise', name: '临沂罗庄康宁大药房有限公司', uscc: uscc('91371311MA3D2F7R5'), legalRepresentative: '张喆', phone: '15005393456' },
  { kind: 'enterprise', name: '山东沂蒙建工集团有限公司', uscc: uscc('91371300MA3B9L4T2'), legalRepresentative: '刘燊', phone: '18605395678' },
];
