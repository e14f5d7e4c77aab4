import { Button, Input, Select, Table, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAsync } from '../../api/useAsync.js';
import { ErrorAlert } from '../../components/Status.js';
import { useT } from '../../prefs/PrefsContext.js';
import { StatusTag } from '../labels.js';
import { fetchLicenseTypes, fetchRegister, LICENSE_STATUSES, type LicenseStatus, type LicenseSummary } from './api.js';
import { staffLicensePath } from './paths.js';
import { useStaffScope } from './useStaffScope.js';

const asStatus = (s: string | null): LicenseStatus | undefined => (LICENSE_STATUSES as readonly string[]).includes(s ?? '') ? (s as LicenseStatus) : undefined;

/** 证照库: search by holder / identifier / case number, filter by type and status, a page of licences linking to each. */
export function RegisterTab() {
  const t = useT();
  const scope = useStaffScope();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const typeCode = params.get('type') || undefined;
  const status = asStatus(params.get('status'));
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('pageSize') ?? '20') || 20;
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const list = useAsync((signal) => fetchRegister({ q, typeCode, status, page, pageSize }, signal), [q, typeCode, status, page, pageSize]);
  const types = useAsync((signal) => fetchLicenseTypes(signal), []);
  const typeOptions = useMemo(
    () =>
      (types.data?.items ?? [])
        .filter((x) => !scope.departmentOnly || scope.departmentCode === undefined || x.departmentCode === scope.departmentCode)
        .map((x) => ({ value: x.code, label: x.name })),
    [types.data, scope.departmentOnly, scope.departmentCode],
  );

  const setQuery = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };

  const columns: TableColumnsType<LicenseSummary> = [
    {
      title: t('licAdm.col.identifier'),
      key: 'identifier',
      width: 300,
      render: (_v, r) => (
        <Link to={staffLicensePath(r.id)} className="ow-code ow-la-ident">
          {r.identifier}
        </Link>
      ),
    },
    { title: t('licAdm.col.type'), dataIndex: 'typeName', key: 'type' },
    {
      title: t('licAdm.col.holder'),
      key: 'holder',
      render: (_v, r) => (
        <div>
          <div>{r.holder.name}</div>
          <div className="ow-code ow-la-muted ow-la-small">{r.holder.code}</div>
        </div>
      ),
    },
    { title: t('licAdm.col.status'), key: 'status', className: 'ow-la-nowrap', render: (_v, r) => <StatusTag status={r.status} /> },
    { title: t('licAdm.col.validUntil'), key: 'validUntil', className: 'ow-la-nowrap', render: (_v, r) => r.validUntil ?? t('lic.f.longTerm') },
    { title: t('licAdm.col.version'), key: 'version', className: 'ow-la-nowrap', responsive: ['md'], render: (_v, r) => t('lic.f.versionN', { n: r.version }) },
    {
      title: t('licAdm.col.actions'),
      key: 'open',
      className: 'ow-la-nowrap',
      render: (_v, r) => (
        <Link to={staffLicensePath(r.id)} aria-label={t('licAdm.openLicence', { type: r.typeName, holder: r.holder.name })}>
          {t('licAdm.open')}
        </Link>
      ),
    },
  ];

  return (
    <>
      <div className="ow-la-filters" role="search" aria-label={t('licAdm.reg.filters')}>
        <div className="ow-la-filter ow-la-filter-q">
          <label htmlFor="la-q">{t('licAdm.reg.search')}</label>
          <Input.Search
            id="la-q"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => setQuery({ q: v.trim() || undefined, page: undefined })}
            placeholder={t('licAdm.reg.searchPlaceholder')}
            enterButton={t('common.search')}
            maxLength={100}
          />
        </div>
        <div className="ow-la-filter">
          <label htmlFor="la-type">{t('licAdm.reg.type')}</label>
          <Select
            id="la-type"
            className="ow-la-select"
            value={typeCode ?? ''}
            onChange={(v: string) => setQuery({ type: v || undefined, page: undefined })}
            showSearch={{ optionFilterProp: 'label' }}
            options={[{ value: '', label: t('licAdm.reg.anyType') }, ...typeOptions]}
          />
        </div>
        <div className="ow-la-filter">
          <label htmlFor="la-status">{t('licAdm.reg.status')}</label>
          <Select
            id="la-status"
            className="ow-la-select"
            value={status ?? ''}
            onChange={(v: string) => setQuery({ status: v || undefined, page: undefined })}
            options={[{ value: '', label: t('licAdm.reg.anyStatus') }, ...LICENSE_STATUSES.map((s) => ({ value: s, label: t(`lic.status.${s}`) }))]}
          />
        </div>
        {(q || typeCode || status) && (
          <Button className="ow-la-reset" onClick={() => setParams(params.get('tab') ? { tab: params.get('tab') ?? '' } : {})}>
            {t('licAdm.reg.reset')}
          </Button>
        )}
      </div>
      {list.error !== undefined && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<LicenseSummary>
        rowKey="id"
        size="middle"
        className="ow-la-table"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 960 }}
        title={() => <span className="ow-sr-only">{t('licAdm.reg.caption')}</span>}
        locale={{ emptyText: <span className="ow-empty-text">{t('licAdm.reg.empty')}</span> }}
        pagination={{
          current: list.data?.page ?? page,
          pageSize: list.data?.pageSize ?? pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n) => t('licAdm.reg.total', { n }),
          onChange: (p, size) => setQuery({ page: String(p), pageSize: String(size) }),
        }}
      />
    </>
  );
}
