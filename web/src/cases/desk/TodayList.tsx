import { ReloadOutlined } from '@ant-design/icons';
import { Button, Segmented } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatInstant, listCases, shanghaiToday, type CaseListQuery } from '../../api/cases.js';
import { useAsync } from '../../api/useAsync.js';
import { SectionTitle } from '../../components/PageTitle.js';
import { ErrorAlert, Loading } from '../../components/Status.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { StatusTag } from '../labels.js';

type Filter = 'today' | 'submitted' | 'pending';

/** 今日本厅办件: cases taken in at my hall today, online submissions waiting for pre-review, notices pending. */
export function TodayList({ refreshKey }: { refreshKey: number }) {
  const { t } = usePrefs();
  const [filter, setFilter] = useState<Filter>('today');
  const today = shanghaiToday();
  const q: CaseListQuery =
    filter === 'today' ? { from: today, to: today } : filter === 'submitted' ? { status: 'submitted' } : { status: 'pending_completion' };
  const { data, error, loading, reload } = useAsync((signal) => listCases(q, signal), [filter, today, refreshKey]);

  return (
    <section className="ow-desk-today" aria-labelledby="desk-today-title">
      <div className="ow-desk-today-head">
        <SectionTitle id="desk-today-title">{t('case.today.title')}</SectionTitle>
        <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={reload} aria-label={t('case.today.reload')} />
      </div>
      <Segmented<Filter>
        block
        value={filter}
        onChange={setFilter}
        aria-label={t('case.today.filter')}
        options={[
          { value: 'today', label: t('case.today.f.today') },
          { value: 'submitted', label: t('case.today.f.submitted') },
          { value: 'pending', label: t('case.today.f.pending') },
        ]}
      />
      <div className="ow-sr-only" role="status">
        {data && !loading ? t('case.today.count', { n: data.total }) : ''}
      </div>
      {error !== undefined ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <p className="ow-empty-text">{t('case.today.empty')}</p>
      ) : (
        <ul className="ow-desk-today-list" data-testid="desk-today">
          {data.items.map((c) => (
            <li key={c.caseNo}>
              <Link to={`/desk/cases/${c.caseNo}`} className="ow-desk-today-link">
                <span className="ow-desk-today-no">{c.caseNo}</span>
                <span className="ow-desk-today-item">{c.itemName}</span>
              </Link>
              <div className="ow-desk-today-meta">
                <StatusTag status={c.status} />
                <span>{c.applicantName}</span>
                <span>· {formatInstant(c.createdAt).slice(11)}</span>
                {c.channel === 'online' && <span>· {t('case.channel.online')}</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
      {data && data.total > data.items.length && <p className="ow-case-hint">{t('case.today.more', { n: data.total, m: data.items.length })}</p>}
    </section>
  );
}
