import type { Role } from '../api/types.js';
import type { MessageKey } from '../i18n/translate.js';

/** One screen of DESIGN §1: where it lives, who may open it, and what it will do. */
export interface Screen {
  path: string;
  nav: MessageKey;
  /** empty = public (no login) */
  roles: Role[];
  features: { zh: string[]; en: string[] };
}

export const SCREENS = {
  desk: {
    path: '/desk',
    nav: 'nav.desk',
    roles: ['clerk', 'assistant'],
    features: {
      zh: ['叫号并接待办事群众，任一窗口受理任一部门的任一事项', '逐项核对申请材料：现场提交、电子证照免提交、告知承诺、容缺受理', '材料不全时一次性告知全部缺件，出具受理通知书或不予受理通知书', '即办件当场办结'],
      en: ['Call tickets and serve applicants: any window accepts any item of any department', 'Check each material: provided, satisfied by an e-licence, replaced by a commitment, or deferred', 'Issue a one-time notice of ALL missing materials, or an acceptance / refusal notice', 'Conclude instant items on the spot'],
    },
  },
  office: {
    path: '/office',
    nav: 'nav.office',
    roles: ['approver'],
    features: {
      zh: ['本部门的审批环节待办箱，按剩余工作日亮灯预警', '审查、决定：准予许可或不予许可', '补正、特别程序与延长审批（计时暂停）', '一链办理事项并联审批'],
      en: ['The step inbox of your department, with deadline warnings in working days', 'Review and decide: grant or deny', 'Corrections, special procedures and extensions (clock stopped)', 'Parallel approval of bundled items'],
    },
  },
  issue: {
    path: '/issue',
    nav: 'nav.issue',
    roles: ['cert'],
    features: {
      zh: ['统一窗口打印纸质证照并签发电子证照', '窗口领取或免费邮寄送达', '登记送达并办结办件'],
      en: ['Print paper certificates and issue electronic licences at one window', 'Hand over at the window or mail free of charge', 'Record delivery and conclude the case'],
    },
  },
  licenseAdmin: {
    path: '/licenses',
    nav: 'licAdm.nav',
    roles: ['admin', 'cert', 'approver'],
    features: {
      zh: ['电子证照库：按持证人、证照标识、办件编号查询，按类型和状态筛选', '暂扣、发还、注销/撤销/吊销、延续和变更，每次操作记入证照操作日志', '维护电子证照应用场景清单', '轮换证照签名密钥，旧密钥继续验签'],
      en: ['The e-licence register: find by holder, identifier or case number; filter by type and status', 'Suspend, reinstate, cancel/withdraw/revoke, renew and change, each written to the licence’s operations log', 'Keep the list of scenarios where e-licences are accepted', 'Rotate the signing key; old keys keep verifying'],
    },
  },
  assist: {
    path: '/assist',
    nav: 'nav.assist',
    roles: ['assistant'],
    features: {
      zh: ['为企业和群众提供帮办代办服务', '上门服务与企业开办“一次办、零材料、即时办”', '跟踪代办办件进度'],
      en: ['Help applicants and act on their behalf', 'On-site visits and 1-step, 0-material, instant enterprise establishment', 'Track the cases you handle for others'],
    },
  },
  supervise: {
    path: '/supervise',
    nav: 'nav.supervise',
    roles: ['supervisor'],
    features: {
      zh: ['告知承诺事项的审批后核查（审管联动）', '记录核查结果，处理失信承诺', '核查任务到期提醒'],
      en: ['Post-approval verification of notification-commitments', 'Record findings and handle broken commitments', 'Reminders when inspections fall due'],
    },
  },
  hallAdmin: {
    path: '/hall-admin',
    nav: 'nav.hallAdmin',
    roles: ['manager'],
    features: {
      zh: ['窗口、排队、预约和工作人员管理', '好差评监控与差评整改（1 个工作日回访、5 个工作日整改）', '大厅运行实时情况', '各部门超期办件督办'],
      en: ['Windows, queues, appointments and staff', 'Ratings and bad-review rectification (call back in 1 working day, rectify in 5)', 'Live hall operations', 'Overdue cases of every department'],
    },
  },
  admin: {
    path: '/admin',
    nav: 'nav.admin',
    roles: ['admin'],
    features: {
      zh: ['部门、事项、材料和证照类型维护', '一链办理主题与一业一证', '工作日历（节假日与调休）', '账号与角色、审计链校验'],
      en: ['Departments, service items, materials and licence types', 'Bundled services and industry licences', 'Working-day calendar (holidays and make-up days)', 'Accounts and roles, audit chain verification'],
    },
  },
  dashboard: {
    path: '/dashboard',
    nav: 'nav.dashboard',
    roles: ['leader'],
    features: {
      zh: ['办件量、按时办结率、好差评满意度等实时指标', '一链办理和一业一证的减环节、减时限、减材料、减跑动成效', '生成阶段性改革成效评估报告'],
      en: ['Live figures: cases, on-time rate, satisfaction', 'Reductions achieved by bundles and industry licences (steps, days, materials, visits)', 'Generate the periodic effectiveness evaluation report'],
    },
  },
  verify: {
    path: '/verify',
    nav: 'nav.verify',
    roles: [],
    features: {
      zh: ['扫描电子证照二维码，无需登录即可核验真伪和有效状态', '查看持证人授权展示的证照信息'],
      en: ['Scan an e-licence QR code to check it is genuine and valid, no login needed', 'See the licence fields the holder chose to share'],
    },
  },
  display: {
    path: '/display/:hall',
    nav: 'nav.display',
    roles: [],
    features: {
      zh: ['大厅显示屏：实时显示叫号与窗口', '等候人数与预计等候时间'],
      en: ['Hall screen: live ticket calls and windows', 'People waiting and expected waiting time'],
    },
  },
  kiosk: {
    path: '/kiosk/:hall',
    nav: 'nav.kiosk',
    roles: [],
    features: {
      zh: ['自助取号、预约签到', '查询办事指南和办件进度', '打印办理结果'],
      en: ['Take a ticket or check in for an appointment', 'Read service guides and case progress', 'Print results'],
    },
  },
} as const satisfies Record<string, Screen>;

export type ScreenId = keyof typeof SCREENS;

/** Each role's main screen, in the order a multi-role account prefers them. */
const HOME_BY_ROLE: [Role, string][] = [
  ['admin', '/admin'],
  ['leader', '/dashboard'],
  ['manager', '/hall-admin'],
  ['clerk', '/desk'],
  ['approver', '/office'],
  ['cert', '/issue'],
  ['assistant', '/assist'],
  ['supervisor', '/supervise'],
  ['catalog', '/admin/catalog'],
  ['applicant', '/portal'],
];

export function homeOf(roles: readonly Role[] | undefined): string {
  if (!roles) return '/portal';
  for (const [role, path] of HOME_BY_ROLE) if (roles.includes(role)) return path;
  return '/portal/items';
}

export const mayOpen = (roles: readonly Role[] | undefined, allowed: readonly Role[]): boolean =>
  allowed.length === 0 || (!!roles && allowed.some((r) => roles.includes(r)));
