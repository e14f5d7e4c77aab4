import { Alert, Button, Card, Statistic, Table, Tabs, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { dayStart, fetchCase, formatInstant, listCases, shanghaiDay, shanghaiToday, type CaseSummary, type CaseView } from '../api/cases.js';
import { useAsync } from '../api/useAsync.js';
import { PageTitle } from '../components/PageTitle.js';
import { CallingPanel } from '../hall/CallingPanel.js';
import { ErrorAlert } from '../components/Status.js';
import type { MessageKey } from '../i18n/translate.js';
import { useT } from '../prefs/PrefsContext.js';
import { fetchDeliveryFigures, fetchQueue, type QueueStatus } from './api.js';
import { CaseStatusTag, OfficeTag } from './labels.js';
import './office.css';

const TABS: { key: QueueStatus; label: MessageKey; action: MessageKey }[] = [
  { key: 'granted', label: 'office.issue.tab.granted', action: 'office.issue.act.issue' },
  { key: 'issued', label: 'office.issue.tab.issued', action: 'office.issue.act.deliver' },
  { key: 'delivered', label: 'office.issue.tab.delivered', action: 'office.issue.act.conclude' },
];

export const issueCasePath = (caseNo: string) => `/issue/cases/${caseNo}`;

/** Today's figures of the window: certificates issued, handed over at the window, mailed free of charge. */
function useTodayFigures() {
  return useAsync(async (signal) => {
    const today = shanghaiToday();
    const [fig, recent] = await Promise.all([
      fetchDeliveryFigures({ from: dayStart(today) }, signal),
      listCases({ status: 'issued,delivered,concluded' }, signal),
    ]);
    // a case issued today was last changed today: look at those only
    const touched = recent.items.filter((r) => shanghaiDay(r.updatedAt) === today);
    const details = await Promise.all(touched.map((r) => fetchCase(r.caseNo, signal)));
    const issued = details.filter((d) => d.certificate && shanghaiDay(d.certificate.issuedAt) === today).length;
    return { issued, pickup: fig.pickup, mail: fig.mail };
  }, []);
}

/** /issue — the unified certificate window: 待出证, 待送达, 待办结, with the applicant's delivery choice. */
export function IssuePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: QueueStatus = tabParam === 'issued' || tabParam === 'delivered' ? tabParam : 'granted';
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('pageSize') ?? '20') || 20;

  const list = useAsync(
    async (signal) => {
      const p = await fetchQueue({ status: tab, page, pageSize }, signal);
      // the applicant's delivery choice and the certificate are on the case itself
      const details = await Promise.all(p.items.map((r) => fetchCase(r.caseNo, signal)));
      const byNo = new Map(details.map((d) => [d.caseNo, d]));
      return { ...p, rows: p.items.map((r) => ({ ...r, detail: byNo.get(r.caseNo) })) };
    },
    [tab, page, pageSize],
  );
  const counts = useAsync(
    async (signal) => {
      const [g, i, d] = await Promise.all((['granted', 'issued', 'delivered'] as const).map((s) => fetchQueue({ status: s }, signal)));
      return { granted: g.total, issued: i.total, delivered: d.total } satisfies Record<QueueStatus, number>;
    },
    [list.data],
  );
  const figures = useTodayFigures();
  const current = TABS.find((x) => x.key === tab)!;

  type Row = CaseSummary & { detail?: CaseView };
  const columns: TableColumnsType<Row> = [
    {
      title: t('office.col.caseNo'),
      key: 'caseNo',
      render: (_v, r) => (
        <Link to={issueCasePath(r.caseNo)} className="ow-of-caseno">
          {r.caseNo}
        </Link>
      ),
    },
    { title: t('office.col.item'), dataIndex: 'itemName', key: 'item' },
    { title: t('office.col.applicant'), dataIndex: 'applicantName', key: 'applicant' },
    {
      title: t('office.issue.col.choice'),
      key: 'choice',
      render: (_v, r) =>
        r.detail ? (
          <OfficeTag tone={r.detail.deliveryPreference === 'mail' ? 'purple' : 'blue'}>{t(r.detail.deliveryPreference === 'mail' ? 'office.delivery.mail' : 'office.delivery.pickup')}</OfficeTag>
        ) : (
          '—'
        ),
    },
    {
      title: tab === 'granted' ? t('office.issue.col.decidedAt') : tab === 'issued' ? t('office.issue.col.issuedAt') : t('office.issue.col.deliveredAt'),
      key: 'at',
      responsive: ['md'],
      render: (_v, r) => {
        const d = r.detail;
        if (!d) return formatInstant(r.updatedAt);
        if (tab === 'granted') return formatInstant(d.decision?.at ?? r.updatedAt);
        if (tab === 'issued') return formatInstant(d.certificate?.issuedAt ?? r.updatedAt);
        return formatInstant(d.deliveredAt ?? r.updatedAt);
      },
    },
    {
      title: tab === 'delivered' ? t('office.issue.col.delivery') : t('office.issue.col.certificate'),
      key: 'cert',
      responsive: ['lg'],
      render: (_v, r) => {
        const d = r.detail;
        if (tab === 'delivered' && d?.delivery) {
          return d.delivery.mode === 'mail' ? t('office.issue.delivery.mailed', { carrier: d.delivery.carrier, no: d.delivery.trackingNo }) : t('office.issue.delivery.pickedUp', { name: d.delivery.collectorName });
        }
        if (d?.certificate?.certificateNo) return <span className="ow-of-code">{d.certificate.certificateNo}</span>;
        return d?.item.resultLicenseTypeCode ? <OfficeTag tone="purple">{t('office.issue.col.withLicence')}</OfficeTag> : <span className="ow-of-muted">—</span>;
      },
    },
    { title: t('office.col.status'), key: 'status', responsive: ['xl'], render: (_v, r) => <CaseStatusTag status={r.status} name={r.statusName} /> },
    {
      title: t('office.col.actions'),
      key: 'open',
      render: (_v, r) => (
        <Link to={issueCasePath(r.caseNo)} aria-label={`${t(current.action)} ${r.caseNo}`}>
          {t(current.action)}
        </Link>
      ),
    },
  ];

  const setQuery = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };

  const tabItems = useMemo(
    () =>
      TABS.map((x) => ({
        key: x.key,
        label: (
          <span>
            {t(x.label)}
            {counts.data && <span className="ow-of-count">{counts.data[x.key]}</span>}
          </span>
        ),
      })),
    [t, counts.data],
  );

  return (
    <div className="ow-page ow-of-page">
      <PageTitle
        title={t('office.issue.title')}
        extra={
          <Button
            onClick={() => {
              list.reload();
              figures.reload();
            }}
            loading={list.loading}
          >
            {t('office.refresh')}
          </Button>
        }
      >
        {t('office.issue.title')}
      </PageTitle>
      <p className="ow-of-subtitle">{t('office.issue.intro')}</p>
      <section className="ow-of-section">
        <CallingPanel compact />
      </section>

      <section aria-labelledby="is-today" className="ow-of-section">
        <h2 id="is-today" className="ow-sr-only">
          {t('office.issue.today.title')}
        </h2>
        <div className="ow-of-stats">
          <Card size="small">
            <Statistic title={t('office.issue.today.issued')} value={figures.data?.issued ?? '—'} suffix={t('office.issue.today.unit')} />
          </Card>
          <Card size="small">
            <Statistic title={t('office.issue.today.pickup')} value={figures.data?.pickup ?? '—'} suffix={t('office.issue.today.unit')} />
          </Card>
          <Card size="small">
            <Statistic title={t('office.issue.today.mail')} value={figures.data?.mail ?? '—'} suffix={t('office.issue.today.unit')} />
          </Card>
        </div>
        {figures.error !== undefined && <Alert type="warning" showIcon title={t('office.issue.today.error')} />}
      </section>

      <Tabs activeKey={tab} onChange={(k) => setQuery({ tab: k === 'granted' ? undefined : k, page: undefined })} items={tabItems} className="ow-of-tabs" />
      {list.error !== undefined && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Row>
        rowKey="caseNo"
        size="middle"
        className="ow-of-table"
        columns={columns}
        dataSource={list.data?.rows ?? []}
        loading={list.loading}
        scroll={{ x: 900 }}
        title={() => <span className="ow-sr-only">{t(current.label)}</span>}
        pagination={{
          current: list.data?.page ?? 1,
          pageSize: list.data?.pageSize ?? 20,
          total: list.data?.total ?? 0,
          showTotal: (n) => t('office.total', { n }),
          onChange: (p, size) => setQuery({ page: String(p), pageSize: String(size) }),
        }}
      />
    </div>
  );
}
