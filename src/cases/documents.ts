/**
 * The documents of a case, as specs for the platform renderer (pdf/render.ts): each carries the
 * case number (with barcode), the applicant's name and a QR code to the public progress page
 * (the certificate's QR verifies its electronic licence when it has one). Pure.
 */
import type { Block, DocumentSpec } from '../platform/pdf/render.js';
import { maskIdNumber } from '../platform/identifiers.js';
import { PROCEDURES, shanghaiDay, STATUS_NAMES, type CaseMaterial, type CaseState, type Procedure } from './model.js';

export const DOCUMENT_KINDS = {
  'acceptance-notice': '受理通知书',
  'one-time-notice': '一次性告知书',
  refusal: '不予受理决定书',
  'deferral-notice': '容缺受理通知书',
  commitment: '告知承诺书',
  decision: '行政许可决定书',
  certificate: '证书',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

export const CENTRE_NAME = '临沂市罗庄区政务服务中心';

export const publicBase = (): string => (process.env.ONEWINDOW_PUBLIC_URL ?? 'https://zwfw.luozhuang.gov.cn').replace(/\/+$/, '');
export const progressUrl = (caseNo: string) => `${publicBase()}/portal/progress?caseNo=${caseNo}`;
export const licenseVerifyUrl = (identifier: string) => `${publicBase()}/verify?l=${encodeURIComponent(identifier)}`;

/** Which documents exist for the case now. */
export function availableDocuments(c: CaseState, ms: CaseMaterial[]): DocumentKind[] {
  const out: DocumentKind[] = [];
  if (c.acceptedOn) out.push('acceptance-notice');
  if (c.notice) out.push('one-time-notice');
  if (c.status === 'refused') out.push('refusal');
  if (ms.some((m) => m.deferredUntil)) out.push('deferral-notice');
  if (ms.some((m) => m.by === 'commitment')) out.push('commitment');
  if (c.decision) out.push('decision');
  if (c.issuedAt && c.decision?.outcome === 'grant') out.push('certificate');
  return out;
}

export interface DocumentContext {
  c: CaseState;
  materials: CaseMaterial[];
  departmentName: string;
  hallName: string | null;
  /** legal basis of the item (设定依据) */
  legalBasis: string;
  today: string;
}

const applicantCodeLabel = (c: CaseState) => (c.applicantKind === 'person' ? '身份证件号码' : '统一社会信用代码');
const applicantCode = (c: CaseState) => (c.applicantKind === 'person' ? maskIdNumber(c.applicantCode) : c.applicantCode);

function caseTable(c: CaseState, departmentName: string, extra: { label: string; value: string }[] = []): Block {
  return {
    kind: 'table',
    rows: [
      { label: '办件编号', value: c.caseNo },
      { label: '申请人', value: c.applicantName },
      { label: applicantCodeLabel(c), value: applicantCode(c) },
      { label: '申请事项', value: c.itemName },
      { label: '承办部门', value: departmentName },
      ...extra,
    ],
  };
}

const progressQr = (c: CaseState) => ({ text: progressUrl(c.caseNo), caption: '扫码查询办理进度' });

const byLabel: Record<string, string> = { provided: '已提交', license: '电子证照免提交', commitment: '告知承诺', deferred: '容缺后补' };

export function documentSpec(kind: DocumentKind, d: DocumentContext): DocumentSpec {
  const { c, materials } = d;
  const date = (instant: string | null) => (instant ? shanghaiDay(instant) : d.today);
  const base = { docNo: c.caseNo, recipient: c.applicantName, issuer: CENTRE_NAME, seal: { label: '业务专用章' }, footerNote: '政务服务咨询投诉 12345 · 凭办件编号和证件号码后4位可查询办理进度' };
  switch (kind) {
    case 'acceptance-notice':
      return {
        ...base,
        title: '受理通知书',
        date: c.acceptedOn ?? d.today,
        blocks: [
          {
            kind: 'paragraph',
            text: c.deemed
              ? `你（单位）于${shanghaiDay(c.submittedAt!)}通过网上提交的“${c.itemName}”申请，本机关未在五个工作日内作出是否受理的决定，依照《中华人民共和国行政许可法》第三十二条，自收到申请材料之日起即为受理。`
              : `你（单位）提交的“${c.itemName}”申请，经审查，申请材料齐全、符合法定形式，决定予以受理。`,
          },
          caseTable(c, d.departmentName, [
            { label: '受理日期', value: c.acceptedOn ?? '' },
            { label: '承诺办结时限', value: `${c.promisedLimit}个工作日（法定${c.legalLimit}个工作日，受理当日不计）` },
            { label: '承诺办结日期', value: c.promisedDue ?? '' },
            { label: '受理地点', value: d.hallName ?? '网上办理' },
          ]),
          { kind: 'heading', text: '已收材料' },
          { kind: 'list', items: materials.filter((m) => m.by).map((m) => `${m.name}（${byLabel[m.by!]}${m.deferredUntil && m.by === 'deferred' ? `，${m.deferredUntil}前补交` : ''}）`) },
        ],
        qr: progressQr(c),
      };
    case 'one-time-notice': {
      const n = c.notice!;
      return {
        ...base,
        title: '一次性告知书',
        date: date(n.at),
        blocks: [
          { kind: 'paragraph', text: `你（单位）申请办理的“${c.itemName}”，经审查，申请材料不齐全。现一次性告知需补齐的全部材料如下：` },
          { kind: 'list', items: n.missing.map((m) => m.name) },
          ...(n.note ? [{ kind: 'paragraph' as const, text: `说明：${n.note}` }] : []),
          { kind: 'paragraph', text: `补齐上述材料后，可凭本告知书到任一综合受理窗口继续办理（办件编号${c.caseNo}），无需重新提交已收材料。` },
          caseTable(c, d.departmentName),
        ],
        qr: progressQr(c),
      };
    }
    case 'refusal':
      return {
        ...base,
        title: '不予受理决定书',
        date: date(c.concludedAt),
        blocks: [
          { kind: 'paragraph', text: `你（单位）申请办理的“${c.itemName}”，经审查，决定不予受理。` },
          { kind: 'paragraph', text: `理由及依据：${c.refusalReason ?? ''}` },
          caseTable(c, d.departmentName),
          { kind: 'paragraph', text: '如不服本决定，可自收到本决定书之日起六十日内依法申请行政复议，或者六个月内依法向人民法院提起行政诉讼。' },
        ],
        qr: progressQr(c),
      };
    case 'deferral-notice': {
      const deferred = materials.filter((m) => m.deferredUntil);
      return {
        ...base,
        title: '容缺受理通知书',
        date: c.acceptedOn ?? d.today,
        blocks: [
          { kind: 'paragraph', text: `你（单位）申请办理的“${c.itemName}”，主要申请材料齐全，次要材料暂缺，依照容缺受理制度予以受理。请在下列期限内补交容缺材料，逾期未补交的，将依法作出处理。` },
          { kind: 'table', rows: deferred.map((m) => ({ label: m.name, value: m.suppliedAt ? `已于${shanghaiDay(m.suppliedAt)}补交` : `${m.deferredUntil}前补交` })), labelWidth: 220 },
          caseTable(c, d.departmentName),
        ],
        qr: progressQr(c),
      };
    }
    case 'commitment': {
      const committed = materials.filter((m) => m.by === 'commitment');
      return {
        ...base,
        title: '告知承诺书',
        issuer: d.departmentName,
        date: c.acceptedOn ?? date(c.createdAt),
        blocks: [
          { kind: 'heading', text: '一、行政机关告知' },
          { kind: 'paragraph', text: `申请人申请办理“${c.itemName}”，依据${d.legalBasis || '有关法律法规'}，对下列材料实行告知承诺制，申请人书面承诺符合条件的，可不再提交以下材料：` },
          { kind: 'list', items: committed.map((m) => m.name) },
          { kind: 'paragraph', text: '行政机关将在作出决定后依法对承诺内容进行核查；发现承诺不实的，将依法撤销许可并记入信用记录。' },
          { kind: 'heading', text: '二、申请人承诺' },
          { kind: 'paragraph', text: `本人/本单位（${c.applicantName}）已知晓告知事项，承诺所提供的信息真实、准确，符合上述条件和要求，愿意承担不实承诺的法律责任。` },
          caseTable(c, d.departmentName),
          { kind: 'paragraph', text: `申请人（签字/盖章）：${c.applicantName}`, indent: false },
        ],
        qr: progressQr(c),
      };
    }
    case 'decision': {
      const dec = c.decision!;
      const grant = dec.outcome === 'grant';
      return {
        ...base,
        title: grant ? '准予行政许可决定书' : '不予行政许可决定书',
        issuer: d.departmentName,
        date: date(dec.at),
        blocks: [
          {
            kind: 'paragraph',
            text: grant
              ? `你（单位）于${c.acceptedOn}提出的“${c.itemName}”申请，经审查，符合法定条件、标准，依照${d.legalBasis || '有关法律法规'}，决定准予行政许可。`
              : `你（单位）于${c.acceptedOn}提出的“${c.itemName}”申请，经审查，决定不予行政许可。`,
          },
          { kind: 'paragraph', text: `${grant ? '说明' : '理由'}：${dec.reason}` },
          caseTable(c, d.departmentName, [{ label: '决定日期', value: date(dec.at) }]),
          ...(grant
            ? [{ kind: 'paragraph' as const, text: '请到罗庄区政务服务中心综合出证窗口领取证照，或选择免费邮寄送达。' }]
            : [{ kind: 'paragraph' as const, text: '如不服本决定，可自收到本决定书之日起六十日内依法申请行政复议，或者六个月内依法向人民法院提起行政诉讼。' }]),
        ],
        qr: progressQr(c),
      };
    }
    case 'certificate':
      return {
        ...base,
        title: c.itemName.length <= 16 ? `${c.itemName}证书` : '行政许可证书',
        docNo: c.certificateNo ?? c.caseNo,
        docNoLabel: '证书编号',
        issuer: d.departmentName,
        date: date(c.issuedAt),
        recipient: undefined,
        blocks: [
          {
            kind: 'table',
            rows: [
              { label: '持证人', value: c.applicantName },
              { label: applicantCodeLabel(c), value: applicantCode(c) },
              { label: '许可事项', value: c.itemName },
              { label: '办件编号', value: c.caseNo },
              { label: '发证机关', value: d.departmentName },
              { label: '发证日期', value: date(c.issuedAt) },
              ...(c.licenseIdentifier ? [{ label: '电子证照标识', value: c.licenseIdentifier }] : []),
            ],
          },
          { kind: 'paragraph', text: `经审查，${c.applicantName}申请的“${c.itemName}”符合法定条件，准予许可，特发此证。` },
        ],
        qr: c.licenseIdentifier ? { text: licenseVerifyUrl(c.licenseIdentifier), caption: '扫码核验电子证照' } : progressQr(c),
        seal: { label: '行政许可专用章' },
      };
  }
}

export const procedureName = (p: string | null) => (p ? (PROCEDURES[p as Procedure] ?? p) : null);
export const statusName = (s: CaseState['status']) => STATUS_NAMES[s].zh;
