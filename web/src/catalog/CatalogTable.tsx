import { Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { ItemSummary, Page } from '../api/types.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { label } from './labels.js';
import { ToneTag } from './Tags.js';

export const guidePath = (code: string) => `/portal/items/${encodeURIComponent(code)}`;

interface Props {
  page: Page<ItemSummary> | undefined;
  loading: boolean;
  onPage(page: number, pageSize: number): void;
  /** an extra last column (e.g. admin actions) */
  actions?: (item: ItemSummary) => ReactNode;
}

/** The paginated service-item table shared by the public guide and catalog admin. */
export function CatalogTable({ page, loading, onPage, actions }: Props) {
  const { t, lang } = usePrefs();
  const days = (n: number) => (n === 0 ? t('common.instant') : t('common.workdays', { n }));

  const columns: TableColumnsType<ItemSummary> = [
    {
      title: t('col.name'),
      dataIndex: 'name',
      key: 'name',
      render: (_v, item) => (
        <div className="ow-item-name">
          <Link to={guidePath(item.code)}>{item.name}</Link>
          <div className="ow-item-code">{item.code}</div>
        </div>
      ),
    },
    { title: t('col.department'), dataIndex: 'departmentName', key: 'department', responsive: ['md'] },
    {
      title: t('col.type'),
      dataIndex: 'typeName',
      key: 'type',
      responsive: ['lg'],
      render: (_v, item) => (lang === 'zh' ? item.typeName || label('itemType', item.type, lang) : label('itemType', item.type, lang)),
    },
    {
      title: t('col.caseKind'),
      key: 'caseKind',
      responsive: ['sm'],
      render: (_v, item) => <ToneTag tone={item.caseKind === 1 ? 'green' : 'blue'}>{label('caseKind', item.caseKind, lang)}</ToneTag>,
    },
    { title: t('col.promised'), key: 'promised', render: (_v, item) => days(item.promisedLimitDays) },
    { title: t('col.visits'), dataIndex: 'visits', key: 'visits', responsive: ['md'], align: 'center' },
    {
      title: t('col.commitment'),
      key: 'commitment',
      responsive: ['lg'],
      render: (_v, item) => (item.commitmentAllowed ? <ToneTag tone="orange">{t('guide.commitmentYes')}</ToneTag> : null),
    },
  ];
  if (actions) columns.push({ title: t('col.actions'), key: 'actions', render: (_v, item) => actions(item) });

  return (
    <Table<ItemSummary>
      rowKey="code"
      size="middle"
      columns={columns}
      dataSource={page?.items ?? []}
      loading={loading}
      pagination={{
        current: page?.page ?? 1,
        pageSize: page?.pageSize ?? 20,
        total: page?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (total) => t('catalog.total', { n: total }),
        onChange: onPage,
        responsive: true,
      }}
    />
  );
}
