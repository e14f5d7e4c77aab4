import { Descriptions, Typography } from 'antd';
import type { ItemDetail } from '../../api/types.js';
import { useT } from '../../prefs/PrefsContext.js';

/** A block of guide prose, keeping the line breaks the catalog admin typed. */
export function GuideText({ text }: { text: string }) {
  return <Typography.Paragraph className="ow-pre">{text || '—'}</Typography.Paragraph>;
}

/** 办理地点和时间 / 咨询与监督 */
export function GuideContacts({ item }: { item: ItemDetail }) {
  const t = useT();
  const g = item.guide;
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={[
        { key: 'location', label: t('guide.location'), children: g.location || '—' },
        { key: 'hours', label: t('guide.hours'), children: g.hours || '—' },
        { key: 'consult', label: t('guide.consultPhone'), children: g.consultPhone ? <a href={`tel:${g.consultPhone}`}>{g.consultPhone}</a> : '—' },
        { key: 'supervise', label: t('guide.supervisePhone'), children: g.supervisePhone ? <a href={`tel:${g.supervisePhone}`}>{g.supervisePhone}</a> : '—' },
      ]}
    />
  );
}
