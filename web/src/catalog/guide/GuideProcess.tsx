import { Steps, Typography } from 'antd';
import type { ItemDetail } from '../../api/types.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { label } from '../labels.js';

/** 办理流程: the written process and the back-office steps with their limits. */
export function GuideProcess({ item }: { item: ItemDetail }) {
  const { t, lang } = usePrefs();
  return (
    <>
      {item.guide.process && <Typography.Paragraph className="ow-pre">{item.guide.process}</Typography.Paragraph>}
      {item.steps.length > 0 && (
        <Steps
          className="ow-steps"
          orientation="vertical"
          size="small"
          current={-1}
          items={item.steps.map((s, i) => ({
            key: `${i}-${s.name}`,
            title: s.name,
            content: `${label('stepRole', s.role, lang)} · ${s.limitDays === 0 ? t('common.instant') : t('step.limit', { n: s.limitDays })}`,
          }))}
        />
      )}
    </>
  );
}
