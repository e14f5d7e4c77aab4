import { App as AntApp, Alert, Button, Card, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { errorText, fieldErrorText, request } from '../api/http.js';
import { useAsync } from '../api/useAsync.js';
import { PageTitle, SectionTitle } from '../components/PageTitle.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { CalendarWarnings } from './CalendarWarnings.js';

interface CalendarDay {
  date: string;
  kind: 'off' | 'work';
  name: string;
}

const WEEKDAYS = { zh: ['日', '一', '二', '三', '四', '五', '六'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };

/** /admin/calendar: the working-day calendar every deadline is computed from. */
export function CalendarPage() {
  const { t, lang } = usePrefs();
  const { message } = AntApp.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const days = useAsync((signal) => request<{ year: number; days: CalendarDay[] }>(`/api/v1/calendar/days?year=${year}`, { signal }), [year]);
  const [markError, setMarkError] = useState<unknown>();
  const [importText, setImportText] = useState('');
  const [importError, setImportError] = useState<unknown>();

  const mark = async (v: { date: { format(f: string): string }; kind: 'off' | 'work'; name?: string }) => {
    setMarkError(undefined);
    try {
      await request(`/api/v1/calendar/days/${v.date.format('YYYY-MM-DD')}`, { method: 'PUT', json: { kind: v.kind, name: v.name ?? '' } });
      message.success(t('adm.cal.saved'));
      days.reload();
    } catch (e) {
      setMarkError(e);
    }
  };

  const remove = async (date: string) => {
    try {
      await request(`/api/v1/calendar/days/${date}`, { method: 'DELETE' });
      days.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  const importYear = async () => {
    setImportError(undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(importText);
      if (!Array.isArray(parsed)) throw new Error('not an array');
    } catch {
      setImportError(new Error(t('adm.cal.badJson')));
      return;
    }
    try {
      const r = await request<{ year: number; imported: number }>('/api/v1/calendar/import', { json: { year, days: parsed } });
      message.success(t('adm.cal.importDone', { year: r.year, n: r.imported }));
      setImportText('');
      days.reload();
    } catch (e) {
      setImportError(e);
    }
  };

  return (
    <>
      <PageTitle>{t('adm.cal.title')}</PageTitle>
      <p>{t('adm.cal.intro')}</p>
      <CalendarWarnings />
      <Space align="center" style={{ marginBottom: 16 }}>
        <label htmlFor="cal-year">{t('adm.cal.year')}</label>
        <InputNumber id="cal-year" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        <span>{t('adm.cal.count', { n: days.data?.days.length ?? 0 })}</span>
      </Space>
      {days.error ? <Alert type="error" showIcon message={errorText(days.error, lang)} /> : null}
      <Table<CalendarDay>
        rowKey="date"
        size="small"
        loading={days.loading}
        dataSource={days.data?.days ?? []}
        pagination={{ pageSize: 40, hideOnSinglePage: true }}
        columns={[
          { title: t('adm.cal.date'), dataIndex: 'date' },
          { title: t('adm.cal.weekday'), render: (_, d) => WEEKDAYS[lang][new Date(`${d.date}T00:00:00Z`).getUTCDay()] },
          {
            title: t('adm.cal.kind'),
            render: (_, d) => (d.kind === 'off' ? <Tag color="red">{t('adm.cal.off')}</Tag> : <Tag color="blue">{t('adm.cal.work')}</Tag>),
          },
          { title: t('adm.cal.name'), dataIndex: 'name' },
          {
            title: t('adm.cal.remove'),
            render: (_, d) => (
              <Popconfirm title={t('adm.cal.removeConfirm', { date: d.date })} onConfirm={() => remove(d.date)}>
                <Button size="small" danger aria-label={`${t('adm.cal.remove')} ${d.date}`}>
                  {t('adm.cal.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Card style={{ marginTop: 24 }}>
        <SectionTitle>{t('adm.cal.mark')}</SectionTitle>
        <Form layout="inline" onFinish={mark} initialValues={{ kind: 'off' }}>
          <Form.Item name="date" label={t('adm.cal.date')} rules={[{ required: true }]} validateStatus={fieldErrorText(markError, 'date', lang) ? 'error' : undefined} help={fieldErrorText(markError, 'date', lang)}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="kind" label={t('adm.cal.kind')}>
            <Select style={{ width: 140 }} options={[{ value: 'off', label: t('adm.cal.off') }, { value: 'work', label: t('adm.cal.work') }]} />
          </Form.Item>
          <Form.Item name="name" label={t('adm.cal.name')}>
            <Input maxLength={40} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('adm.cal.save')}
          </Button>
        </Form>
        {markError && !fieldErrorText(markError, 'date', lang) ? <Alert type="error" showIcon message={errorText(markError, lang)} /> : null}
      </Card>
      <Card style={{ marginTop: 24 }}>
        <SectionTitle>{t('adm.cal.import')}</SectionTitle>
        <p>{t('adm.cal.importHelp')}</p>
        <label htmlFor="cal-import">{t('adm.cal.importDays')}</label>
        <Input.TextArea id="cal-import" rows={6} value={importText} onChange={(e) => setImportText(e.target.value)} />
        {importError ? <ImportErrors error={importError} /> : null}
        <Button type="primary" style={{ marginTop: 12 }} onClick={importYear} disabled={!importText.trim()}>
          {t('adm.cal.import')} {year}
        </Button>
      </Card>
    </>
  );
}

function ImportErrors({ error }: { error: unknown }) {
  const { lang } = usePrefs();
  const rows = (error as { problem?: { errors?: { row?: number; field: string; zh: string; en: string }[] } }).problem?.errors ?? [];
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginTop: 12 }}
      message={errorText(error, lang)}
      description={
        rows.length ? (
          <ul>
            {rows.map((r, i) => (
              <li key={i}>
                {r.row ? `#${r.row} ` : ''}
                {r.field}: {lang === 'zh' ? r.zh : r.en}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
