import { Descriptions, type DescriptionsProps } from 'antd';
import type { ItemDetail } from '../../api/types.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { label, labels } from '../labels.js';

/** 基本信息: the item's GB/T 39046 fields as a description list. */
export function GuideBasics({ item }: { item: ItemDetail }) {
  const { t, lang } = usePrefs();
  const days = (n: number) => (n === 0 ? t('common.instant') : t('common.workdays', { n }));
  const fee = item.feeFen === 0 ? t('guide.free') : t('guide.feeYuan', { n: (item.feeFen / 100).toFixed(2) });
  const typeName = lang === 'zh' && item.typeName ? item.typeName : label('itemType', item.type, lang);

  const rows: DescriptionsProps['items'] = [
    { key: 'name', label: t('guide.name'), children: item.name, span: 'filled' },
    { key: 'code', label: t('guide.code'), children: <span className="ow-code">{item.code}</span> },
    { key: 'baseCode', label: t('guide.baseCode'), children: <span className="ow-code">{item.baseCode}</span> },
    { key: 'type', label: t('guide.type'), children: typeName },
    { key: 'dept', label: t('guide.department'), children: item.departmentName },
    { key: 'level', label: t('guide.level'), children: label('exerciseLevel', item.exerciseLevel, lang) },
    { key: 'caseKind', label: t('guide.caseKind'), children: label('caseKind', item.caseKind, lang) },
    { key: 'legal', label: t('guide.legalLimit'), children: days(item.legalLimitDays) },
    { key: 'promised', label: t('guide.promisedLimit'), children: days(item.promisedLimitDays) },
    { key: 'objects', label: t('guide.serviceObjects'), children: labels('serviceObject', item.serviceObjects, lang) },
    { key: 'forms', label: t('guide.handlingForms'), children: labels('handlingForm', item.handlingForms, lang) },
    { key: 'visits', label: t('guide.visits'), children: t('common.times', { n: item.visits }) },
    ...(item.visits > 0 && item.visitsReason ? [{ key: 'reason', label: t('guide.visitsReason'), children: item.visitsReason }] : []),
    { key: 'depth', label: t('guide.onlineDepth'), children: label('onlineDepth', item.onlineDepth, lang) },
    { key: 'fee', label: t('guide.fee'), children: fee },
    { key: 'tiers', label: t('guide.tiers'), children: labels('tier', item.tiers, lang) },
    { key: 'delivery', label: t('guide.delivery'), children: labels('delivery', item.delivery, lang) },
    { key: 'commitment', label: t('guide.commitment'), children: item.commitmentAllowed ? t('common.yes') : t('common.no') },
    { key: 'result', label: t('guide.result'), children: item.resultLicenseTypeName ?? t('guide.resultNone') },
    { key: 'version', label: t('guide.version'), children: `v${item.version}` },
    { key: 'updated', label: t('guide.updatedAt'), children: formatInstant(item.updatedAt, lang) },
  ];
  return <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 3 }} items={rows} />;
}

function formatInstant(iso: string, lang: 'zh' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
}
