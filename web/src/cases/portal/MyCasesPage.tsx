import { Card, Pagination } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatInstant, listCases } from '../../api/cases.js';
import { useAsync } from '../../api/useAsync.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert, Loading } from '../../components/Status.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { ColourTag, StatusTag } from '../labels.js';
import '../cases.css';

/** /portal/cases — 我的办件: the applicant's cases, newest first. Phone first. */
export function MyCasesPage() {
  const { t } = usePrefs();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useAsync((signal) => listCases(page > 1 ? { page } : {}, signal), [page]);
  return (
    <div className="ow-page ow-case-phone">
      <PageTitle title={t('case.my.title')}>{t('case.my.title')}</PageTitle>
      <p>
        <Link to="/portal/items">{t('case.my.applyMore')}</Link> · <Link to="/portal/progress">{t('case.progress.title')}</Link>
      </p>
      <div className="ow-sr-only" role="status">
        {data && !loading ? t('case.today.count', { n: data.total }) : ''}
      </div>
      {error !== undefined ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <Card className="ow-card">
          <p className="ow-empty-text">{t('case.my.empty')}</p>
          <Link className="ow-case-link-btn ow-case-link-primary" to="/portal/items">
            {t('case.my.applyMore')}
          </Link>
        </Card>
      ) : (
        <ul className="ow-case-cards" data-testid="my-cases">
          {data.items.map((c) => (
            <li key={c.caseNo} className="ow-case-card">
              <h2 className="ow-case-card-title">
                <Link to={`/portal/cases/${c.caseNo}`}>{c.itemName}</Link>
              </h2>
              <div className="ow-case-card-no">
                {t('case.f.caseNo')} <span className="ow-code">{c.caseNo}</span>
              </div>
              <div className="ow-desk-today-meta">
                <StatusTag status={c.status} />
                {c.colour && <ColourTag colour={c.colour} />}
                <span>{formatInstant(c.createdAt)}</span>
                {c.promisedDue && <span>{t('case.my.due', { date: c.promisedDue })}</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
      {data && data.total > data.pageSize && <Pagination current={page} pageSize={data.pageSize} total={data.total} onChange={setPage} showSizeChanger={false} />}
    </div>
  );
}
