import { App, Button, Card, Empty, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useId, useState } from 'react';
import { request, errorText, query } from '../api/http.js';
import { useAsync } from '../api/useAsync.js';
import { PageTitle, SectionTitle } from '../components/PageTitle.js';
import { ErrorAlert } from '../components/Status.js';
import type { MessageKey } from '../i18n/translate.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { fetchHalls, shanghaiDate, type Appointment, type Category } from './api.js';
import { categoryName } from './labels.js';

interface Slot {
  id: string;
  date: string;
  category: Category;
  start: string;
  end: string;
  capacity: number;
  booked: number;
  available: number;
}

const fetchSlots = (hall: string, date: string, category: Category, signal?: AbortSignal) =>
  request<{ total: number; items: Slot[] }>(`/api/v1/halls/${encodeURIComponent(hall)}/slots${query({ date, category })}`, { signal });
const fetchMine = (signal?: AbortSignal) => request<{ total: number; items: Appointment[] }>('/api/v1/appointments', { signal });
const book = (slotId: string) => request<Appointment>('/api/v1/appointments', { method: 'POST', json: { slotId } });
const cancel = (id: string) => request<Appointment>(`/api/v1/appointments/${encodeURIComponent(id)}/cancel`, { method: 'POST', json: {} });
const reschedule = (id: string, slotId: string) =>
  request<Appointment>(`/api/v1/appointments/${encodeURIComponent(id)}/reschedule`, { method: 'POST', json: { slotId } });

const ACTIVE = new Set(['booked']);
const APPT_STATUS: Record<string, MessageKey> = {
  booked: 'hall.appt.st.booked',
  checked_in: 'hall.appt.st.checked_in',
  cancelled: 'hall.appt.st.cancelled',
  no_show: 'hall.appt.st.no_show',
};

/** /portal/appointments — the applicant books, cancels and reschedules hall appointments. */
export function AppointmentsPage() {
  const { t, lang } = usePrefs();
  const { message } = App.useApp();
  const halls = useAsync((signal) => fetchHalls(signal), []);
  const mine = useAsync((signal) => fetchMine(signal), []);
  const [hall, setHall] = useState('C00');
  const [category, setCategory] = useState<Category>('A');
  const [date, setDate] = useState(() => shanghaiDate());
  const [moving, setMoving] = useState<Appointment | null>(null);
  const slots = useAsync((signal) => fetchSlots(hall, date, moving?.category ?? category, signal), [hall, date, category, moving]);
  const ids = { hall: useId(), cat: useId(), date: useId() };

  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      message.success(ok);
      setMoving(null);
      mine.reload();
      slots.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  const slotCols: TableColumnsType<Slot> = [
    { title: t('hall.appt.time'), key: 'time', render: (_, s) => `${s.start}–${s.end}` },
    { title: t('hall.appt.free'), key: 'free', align: 'right', render: (_, s) => `${s.available} / ${s.capacity}` },
    {
      title: t('hall.appt.action'),
      key: 'act',
      render: (_, s) => (
        <Button
          type="primary"
          disabled={s.available <= 0}
          onClick={() => (moving ? run(() => reschedule(moving.id, s.id), t('hall.appt.moved')) : run(() => book(s.id), t('hall.appt.booked')))}
        >
          {t(moving ? 'hall.appt.moveHere' : 'hall.appt.book')}
        </Button>
      ),
    },
  ];

  const mineCols: TableColumnsType<Appointment> = [
    { title: t('hall.appt.hall'), key: 'hall', render: (_, a) => a.hall?.name ?? '—' },
    { title: t('hall.admin.col.category'), key: 'cat', render: (_, a) => categoryName(t, a.category) },
    { title: t('hall.appt.when'), key: 'when', render: (_, a) => `${a.date} ${a.start}–${a.end}` },
    { title: t('hall.appt.status'), key: 'status', render: (_, a) => <Tag color={ACTIVE.has(a.status) ? '#0a4fb4' : '#595959'}>{t(APPT_STATUS[a.status] ?? 'hall.appt.st.booked')}</Tag> },
    {
      title: t('hall.appt.action'),
      key: 'act',
      render: (_, a) =>
        ACTIVE.has(a.status) ? (
          <Space wrap>
            <Button
              onClick={() => {
                setMoving(a);
                setDate(a.date);
                if (a.hall) setHall(a.hall.code);
              }}
            >
              {t('hall.appt.reschedule')}
            </Button>
            <Popconfirm title={t('hall.appt.cancelConfirm')} okText={t('hall.appt.cancel')} cancelText={t('hall.panel.cancel')} onConfirm={() => run(() => cancel(a.id), t('hall.appt.cancelled'))}>
              <Button danger>{t('hall.appt.cancel')}</Button>
            </Popconfirm>
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      <PageTitle>{t('hall.appt.title')}</PageTitle>
      <SectionTitle>{t('hall.appt.mine')}</SectionTitle>
      {mine.error ? <ErrorAlert error={mine.error} onRetry={mine.reload} /> : null}
      <Table<Appointment> rowKey="id" size="small" columns={mineCols} dataSource={mine.data?.items ?? []} loading={mine.loading} pagination={false} scroll={{ x: 720 }} />
      <SectionTitle>{moving ? t('hall.appt.moveTitle', { when: `${moving.date} ${moving.start}` }) : t('hall.appt.new')}</SectionTitle>
      <Card size="small">
        <Space wrap size="large" className="hall-a-date">
          <span>
            <label htmlFor={ids.hall}>{t('hall.appt.hall')}</label>{' '}
            <Select
              id={ids.hall}
              className="hall-a-hallsel"
              value={hall}
              disabled={!!moving}
              onChange={setHall}
              options={(halls.data?.items ?? []).map((h) => ({ value: h.code, label: h.name }))}
            />
          </span>
          <span>
            <label htmlFor={ids.cat}>{t('hall.admin.col.category')}</label>{' '}
            <Select<Category>
              id={ids.cat}
              value={moving?.category ?? category}
              disabled={!!moving}
              onChange={setCategory}
              options={(['A', 'B', 'C', 'D', 'E'] as const).map((c) => ({ value: c, label: categoryName(t, c) }))}
              style={{ minWidth: 160 }}
            />
          </span>
          <span>
            <label htmlFor={ids.date}>{t('hall.appt.date')}</label>{' '}
            <input id={ids.date} type="date" value={date} min={shanghaiDate()} onChange={(e) => e.target.value && setDate(e.target.value)} />
          </span>
          {moving && <Button onClick={() => setMoving(null)}>{t('hall.panel.cancel')}</Button>}
        </Space>
        {slots.error ? (
          <ErrorAlert error={slots.error} />
        ) : (
          <Table<Slot>
            rowKey="id"
            size="small"
            columns={slotCols}
            dataSource={slots.data?.items ?? []}
            loading={slots.loading}
            pagination={false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="ow-empty-text">{t('hall.appt.noSlots')}</span>} /> }}
          />
        )}
      </Card>
    </>
  );
}
