import { CheckCircleFilled, ClockCircleFilled, ExclamationCircleFilled, PauseCircleFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import type { CaseStatus, Colour, SatisfiedBy } from '../api/cases.js';
import type { MessageKey } from '../i18n/translate.js';
import { useT } from '../prefs/PrefsContext.js';

export type Tone = 'green' | 'yellow' | 'red' | 'blue' | 'grey' | 'purple';

/** A tag whose colours keep WCAG AA contrast. */
export function OfficeTag({ tone, children, icon }: { tone: Tone; children: ReactNode; icon?: ReactNode }) {
  return (
    <Tag className={`ow-of-tag ow-of-tag-${tone}`} icon={icon}>
      {children}
    </Tag>
  );
}

const LIGHT: Record<Colour, { key: MessageKey; icon: ReactNode }> = {
  green: { key: 'office.light.green', icon: <CheckCircleFilled aria-hidden /> },
  yellow: { key: 'office.light.yellow', icon: <ClockCircleFilled aria-hidden /> },
  red: { key: 'office.light.red', icon: <ExclamationCircleFilled aria-hidden /> },
};

/** The deadline light: colour AND shape AND text (正常 / 即将到期 / 已超期), plus 已暂停 while the clock stands. */
export function DeadlineLight({ colour, paused }: { colour: Colour | null; paused?: boolean }) {
  const t = useT();
  if (!colour) return <span className="ow-of-muted">{t('office.light.none')}</span>;
  const l = LIGHT[colour];
  return (
    <span className="ow-of-light-wrap">
      <span className={`ow-of-light ow-of-light-${colour}`} data-colour={colour}>
        {l.icon}
        <span>{t(l.key)}</span>
      </span>
      {paused && (
        <OfficeTag tone="grey" icon={<PauseCircleFilled aria-hidden />}>
          {t('office.light.paused')}
        </OfficeTag>
      )}
    </span>
  );
}

/** "剩 3 个工作日" / "超期 2 个工作日" / "今日到期" / "已过承诺办结日" (late on a day off: 0 working days, but late). */
export function RemainingDays({ days, late }: { days: number | null; late?: boolean }) {
  const t = useT();
  if (days === null) return <span className="ow-of-muted">—</span>;
  if (days < 0) return <span className="ow-of-overdue-text">{t('office.remaining.overdue', { n: -days })}</span>;
  if (late) return <span className="ow-of-overdue-text">{t('office.remaining.pastDue')}</span>;
  if (days === 0) return <span className="ow-of-overdue-text">{t('office.remaining.today')}</span>;
  return <span>{t('office.remaining.left', { n: days })}</span>;
}

const STATUS_TONE: Partial<Record<CaseStatus, Tone>> = {
  accepted: 'blue',
  in_review: 'blue',
  suspended: 'yellow',
  granted: 'green',
  issued: 'green',
  delivered: 'green',
  concluded: 'grey',
  denied: 'red',
  refused: 'red',
  terminated: 'red',
  withdrawn: 'grey',
};

/** The case status as the server names it. */
export function CaseStatusTag({ status, name, extra }: { status: CaseStatus; name: string; extra?: string | null }) {
  return (
    <OfficeTag tone={STATUS_TONE[status] ?? 'grey'}>
      {name}
      {extra ? `·${extra}` : ''}
    </OfficeTag>
  );
}

const BY: Record<SatisfiedBy, { key: MessageKey; tone: Tone }> = {
  provided: { key: 'office.by.provided', tone: 'blue' },
  license: { key: 'office.by.license', tone: 'purple' },
  commitment: { key: 'office.by.commitment', tone: 'yellow' },
  deferred: { key: 'office.by.deferred', tone: 'red' },
};

/** How a material is satisfied: 已提交 / 电子证照 / 承诺 / 容缺 — or 未提交. */
export function SatisfiedTag({ by, required }: { by: SatisfiedBy | null; required: boolean }) {
  const t = useT();
  if (!by) return <OfficeTag tone="grey">{t(required ? 'office.by.missing' : 'office.by.none')}</OfficeTag>;
  return <OfficeTag tone={BY[by].tone}>{t(BY[by].key)}</OfficeTag>;
}
