import { Table, type TableColumnsType } from 'antd';
import type { FieldError } from '../api/http.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { cellLabels } from './importLabels.js';

interface Row {
  key: number;
  sheet: string;
  row: number | undefined;
  column: string;
  reason: string;
}

/** 错误报告: one line per bad cell of a refused import, in file order. */
export function ImportReport({ errors }: { errors: FieldError[] }) {
  const { t, lang } = usePrefs();
  const rows: Row[] = errors.map((e, i) => {
    const c = cellLabels(e.field);
    return {
      key: i,
      sheet: c.sheetKey ? t(c.sheetKey) : c.sheet,
      column: c.columnKey ? t(c.columnKey) : c.column,
      row: e.row,
      reason: lang === 'zh' ? e.zh : e.en,
    };
  });
  const columns: TableColumnsType<Row> = [
    { title: t('catalogAdmin.sheet'), dataIndex: 'sheet', key: 'sheet' },
    { title: t('catalogAdmin.row'), dataIndex: 'row', key: 'row', align: 'right', render: (v: number | undefined) => v ?? '—' },
    { title: t('catalogAdmin.column'), dataIndex: 'column', key: 'column' },
    { title: t('catalogAdmin.reason'), dataIndex: 'reason', key: 'reason' },
  ];
  return <Table<Row> className="ow-import-report" size="small" columns={columns} dataSource={rows} pagination={rows.length > 50 ? { pageSize: 50 } : false} />;
}
