import { Alert, Button, Table } from 'antd';
import { useState } from 'react';
import { useAsync } from '../api/useAsync.js';
import { ErrorAlert } from '../components/Status.js';
import { useT } from '../prefs/PrefsContext.js';
import { fetchOverdue } from './api.js';
import { TaskTable } from './OfficeInboxPage.js';
import './office.css';

/**
 * The hall manager's overdue cases (/hall-admin?tab=overdue): how many each department has, then
 * the cases themselves, most overdue first, for one department or all. The manager chases
 * departments; the cases are worked in each department's inbox, so nothing here links there.
 */
export function OverdueBoard() {
  const t = useT();
  const [department, setDepartment] = useState<string | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useAsync((signal) => fetchOverdue({ departmentCode: department, ...paging }, signal), [department, paging.page, paging.pageSize]);
  const od = list.data;
  const nameOf = (code: string) => od?.byDepartment.find((d) => d.departmentCode === code)?.departmentName ?? code;
  const show = (code: string | undefined) => {
    setDepartment(code);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <div className="ow-of-page">
      {list.error !== undefined && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {od && (
        <Alert
          className="ow-of-od-summary"
          type={od.byDepartment.length > 0 ? 'error' : 'success'}
          showIcon
          title={
            od.byDepartment.length > 0
              ? t('office.overdue.hallCount', { today: od.today, n: od.byDepartment.reduce((n, d) => n + d.overdue, 0), depts: od.byDepartment.length })
              : t('office.overdue.hallNone', { today: od.today })
          }
        />
      )}
      {od && od.byDepartment.length > 0 && (
        <Table
          rowKey="departmentCode"
          size="small"
          className="ow-of-od-depts"
          pagination={false}
          dataSource={od.byDepartment}
          title={() => <span className="ow-sr-only">{t('office.overdue.byDeptCaption')}</span>}
          rowClassName={(d) => (d.departmentCode === department ? 'ow-of-od-dept-current' : '')}
          columns={[
            { title: t('office.col.department'), dataIndex: 'departmentName', key: 'name' },
            { title: t('office.overdue.col.count'), dataIndex: 'overdue', key: 'n', align: 'right' },
            {
              title: t('office.col.actions'),
              key: 'show',
              render: (_v, d) =>
                d.departmentCode === department ? (
                  <Button size="small" onClick={() => show(undefined)}>
                    {t('office.overdue.showAll')}
                  </Button>
                ) : (
                  <Button size="small" onClick={() => show(d.departmentCode)} aria-label={t('office.overdue.showDeptOf', { name: d.departmentName })}>
                    {t('office.overdue.showDept')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <TaskTable
        page={od}
        loading={list.loading}
        caption={department ? t('office.overdue.listOf', { name: nameOf(department) }) : t('office.overdue.title')}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
        linked={false}
        departmentName={nameOf}
      />
    </div>
  );
}
