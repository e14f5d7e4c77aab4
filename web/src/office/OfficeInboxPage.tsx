import { Alert, Button, Segmented, Table, Tabs, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { CasePage, CaseSummary, Colour } from '../api/cases.js';
import { useAsync } from '../api/useAsync.js';
import { PageTitle } from '../components/PageTitle.js';
import { ErrorAlert } from '../components/Status.js';
import type { MessageKey } from '../i18n/translate.js';
import { useT } from '../prefs/PrefsContext.js';
import { fetchOverdue, fetchTasks, type OverduePage, type TaskTab } from './api.js';
import { CaseStatusTag, DeadlineLight, RemainingDays } from './labels.js';
import './office.css';

type Tab = 'all' | 'mine' | 'unclaimed' | 'suspended' | 'overdue';
const TABS: { key: Tab; label: MessageKey }[] = [
  { key: 'all', label: 'office.tab.todo' },
  { key: 'mine', label: 'office.tab.mine' },
  { key: 'unclaimed', label: 'office.tab.unclaimed' },
  { key: 'suspended', label: 'office.tab.suspended' },
  { key: 'overdue', label: 'office.tab.overdue' },
];
const COLOURS: (Colour | 'any')[] = ['any', 'green', 'yellow', 'red'];

/** Urgency: overdue first, then fewest working days left; a stopped clock after the running ones of the same day. */
const urgency = (r: CaseSummary) => (r.remainingDays ?? 9999) * 2 + (r.paused ? 1 : 0);

export const officeCasePath = (caseNo: string) => `/office/cases/${caseNo}`;

interface TaskTableProps {
  page: CasePage | undefined;
  loading: boolean;
  onPage(p: number, size: number): void;
  caption: string;
  /** false: who reads the table (the hall manager) does not work the cases: no links into the back office */
  linked?: boolean;
  /** a list across departments: a column with each case's department, named by this */
  departmentName?: (code: string) => string;
}

/** The inbox table: case number, item, applicant (masked), step, remaining working days, the light. */
export function TaskTable({ page, loading, onPage, caption, linked = true, departmentName }: TaskTableProps) {
  const t = useT();
  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('office.col.caseNo'),
      key: 'caseNo',
      render: (_v, r) =>
        linked ? (
          <Link to={officeCasePath(r.caseNo)} className="ow-of-caseno">
            {r.caseNo}
          </Link>
        ) : (
          <span className="ow-of-caseno">{r.caseNo}</span>
        ),
    },
    { title: t('office.col.item'), dataIndex: 'itemName', key: 'item' },
    ...(departmentName ? [{ title: t('office.col.department'), key: 'department', render: (_v: unknown, r: CaseSummary) => departmentName(r.departmentCode) }] : []),
    { title: t('office.col.applicant'), dataIndex: 'applicantName', key: 'applicant', responsive: ['md'] },
    {
      title: t('office.col.step'),
      key: 'step',
      render: (_v, r) => (
        <div>
          <div>{r.stepName ?? (r.status === 'accepted' ? t('office.step.notStarted') : '—')}</div>
          <div className="ow-of-muted ow-of-small">{r.claimedBy ? t('office.step.claimedBy', { name: r.claimedBy }) : t('office.step.unclaimed')}</div>
        </div>
      ),
    },
    { title: t('office.col.status'), key: 'status', responsive: ['lg'], render: (_v, r) => <CaseStatusTag status={r.status} name={r.statusName} /> },
    {
      title: t('office.col.remaining'),
      key: 'remaining',
      sorter: (a, b) => urgency(a) - urgency(b),
      defaultSortOrder: 'ascend',
      sortDirections: ['ascend', 'descend', 'ascend'],
      showSorterTooltip: { title: t('office.col.sortUrgency') },
      render: (_v, r) => <RemainingDays days={r.remainingDays} late={r.colour === 'red' && !r.paused} />,
    },
    { title: t('office.col.light'), key: 'light', render: (_v, r) => <DeadlineLight colour={r.colour} paused={r.paused} /> },
    { title: t('office.col.promisedDue'), dataIndex: 'promisedDue', key: 'due', responsive: ['xl'] },
  ];
  if (linked) {
    columns.push({
      title: t('office.col.actions'),
      key: 'open',
      render: (_v, r) => (
        <Link to={officeCasePath(r.caseNo)} aria-label={t('office.openCase', { caseNo: r.caseNo })}>
          {t('office.open')}
        </Link>
      ),
    });
  }
  return (
    <Table<CaseSummary>
      rowKey="caseNo"
      size="middle"
      className="ow-of-table"
      columns={columns}
      dataSource={page?.items ?? []}
      loading={loading}
      rowClassName={(r) => (r.colour ? `ow-of-row-${r.colour}` : '')}
      scroll={{ x: 900 }}
      title={() => <span className="ow-sr-only">{caption}</span>}
      pagination={{
        current: page?.page ?? 1,
        pageSize: page?.pageSize ?? 20,
        total: page?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (n) => t('office.total', { n }),
        onChange: onPage,
        hideOnSinglePage: false,
      }}
    />
  );
}

/** /office and /office/overdue — the department's step inbox. */
export function OfficeInboxPage({ overdue = false }: { overdue?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab') as TaskTab | null;
  const tab: Tab = overdue ? 'overdue' : tabParam && ['mine', 'unclaimed', 'suspended'].includes(tabParam) ? (tabParam as Tab) : 'all';
  const colourParam = params.get('colour');
  const colour = colourParam === 'green' || colourParam === 'yellow' || colourParam === 'red' ? colourParam : undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('pageSize') ?? '20') || 20;

  const list = useAsync<CasePage | OverduePage>(
    (signal) => (tab === 'overdue' ? fetchOverdue({ page, pageSize }, signal) : fetchTasks({ status: tab as TaskTab, colour, page, pageSize }, signal)),
    [tab, colour, page, pageSize],
  );
  const counts = useAsync(
    async (signal) => {
      const [all, mine, unclaimed, suspended, od] = await Promise.all([
        fetchTasks({ status: 'all' }, signal),
        fetchTasks({ status: 'mine' }, signal),
        fetchTasks({ status: 'unclaimed' }, signal),
        fetchTasks({ status: 'suspended' }, signal),
        fetchOverdue({}, signal),
      ]);
      return { all: all.total, mine: mine.total, unclaimed: unclaimed.total, suspended: suspended.total, overdue: od.total } satisfies Record<Tab, number>;
    },
    [list.data],
  );

  const items = useMemo(
    () =>
      TABS.map((x) => ({
        key: x.key,
        label: (
          <span>
            {t(x.label)}
            {counts.data && <span className={`ow-of-count${x.key === 'overdue' && counts.data.overdue > 0 ? ' ow-of-count-red' : ''}`}>{counts.data[x.key]}</span>}
          </span>
        ),
      })),
    [t, counts.data],
  );

  const setQuery = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };

  const onTab = (key: string) => {
    if (key === 'overdue') navigate('/office/overdue');
    else navigate(key === 'all' ? '/office' : `/office?tab=${key}`);
  };

  const od = tab === 'overdue' && list.data && 'byDepartment' in list.data ? list.data : undefined;
  const current = TABS.find((x) => x.key === tab)!;

  return (
    <div className="ow-page ow-of-page">
      <PageTitle
        title={tab === 'overdue' ? t('office.overdue.title') : t('office.title')}
        extra={
          <Button onClick={list.reload} loading={list.loading}>
            {t('office.refresh')}
          </Button>
        }
      >
        {tab === 'overdue' ? t('office.overdue.title') : t('office.title')}
      </PageTitle>
      <p className="ow-of-subtitle">{t('office.intro')}</p>
      <Tabs activeKey={tab} onChange={onTab} items={items} className="ow-of-tabs" />
      {tab !== 'overdue' && (
        <div className="ow-of-filters" role="group" aria-label={t('office.filter.light')}>
          <span className="ow-of-filter-label" aria-hidden>
            {t('office.filter.light')}
          </span>
          <Segmented
            value={colour ?? 'any'}
            onChange={(v) => setQuery({ colour: v === 'any' ? undefined : String(v), page: undefined })}
            options={COLOURS.map((k) => ({ value: k, label: t(k === 'any' ? 'office.filter.any' : `office.light.${k}`) }))}
          />
        </div>
      )}
      {od && (
        <Alert
          className="ow-of-od-summary"
          type={od.total > 0 ? 'error' : 'success'}
          showIcon
          title={od.total > 0 ? t('office.overdue.count', { today: od.today, n: od.total }) : t('office.overdue.none', { today: od.today })}
          description={od.byDepartment.length > 0 ? od.byDepartment.map((d) => t('office.overdue.byDept', { name: d.departmentName, n: d.overdue })).join('；') : undefined}
        />
      )}
      {list.error !== undefined && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <TaskTable
        page={list.data}
        loading={list.loading}
        caption={t(current.label)}
        onPage={(p, size) => setQuery({ page: String(p), pageSize: String(size) })}
      />
    </div>
  );
}
