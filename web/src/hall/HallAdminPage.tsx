import { Alert, App, Button, Card, Checkbox, Col, Progress, Row, Select, Space, Statistic, Switch, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorText } from '../api/http.js';
import { useAsync } from '../api/useAsync.js';
import { useAuth } from '../auth/AuthContext.js';
import { OverdueBoard } from '../office/OverdueBoard.js';
import { PageTitle, SectionTitle } from '../components/PageTitle.js';
import { ErrorAlert, Loading } from '../components/Status.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import {
  fetchBoard,
  fetchHalls,
  fetchStats,
  shanghaiDate,
  shanghaiTime,
  signOut,
  updateWindow,
  waitingEntries,
  type BoardWindow,
  type Category,
  type Figures,
  type QueuedTicket,
} from './api.js';
import { categoryName, duration, reasonName, statusName, useMyHallCode, useNow, windowLabel } from './labels.js';
import { useHallEvents } from './useHallEvents.js';
import './hall.css';

const WINDOW_CATEGORIES: Category[] = ['A', 'B', 'C', 'D'];

/** The live board: windows (open/closed, categories, who is signed in, current ticket), the queue. */
function LiveBoard({ code }: { code: string }) {
  const { t, lang } = usePrefs();
  const { message } = App.useApp();
  const board = useAsync((signal) => fetchBoard(code, signal), [code]);
  const now = useNow();
  const [saving, setSaving] = useState<string | null>(null);
  const reload = board.reload;

  // live: reload on hall events (debounced), and every 30 s for the waiting times
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const connection = useHallEvents(code, (ev) => {
    if (ev.type === 'snapshot') return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(reload, 400);
  });
  useEffect(() => {
    const id = setInterval(reload, 30_000);
    return () => {
      clearInterval(id);
      clearTimeout(timer.current);
    };
  }, [reload]);

  const save = useCallback(
    async (w: BoardWindow, patch: { open?: boolean; categories?: Category[] }) => {
      setSaving(w.id);
      try {
        await updateWindow(w.id, patch);
        message.success(t('hall.admin.saved', { window: w.name }));
        reload();
      } catch (e) {
        message.error(errorText(e, lang));
      } finally {
        setSaving(null);
      }
    },
    [message, t, lang, reload],
  );

  const kick = useCallback(
    async (w: BoardWindow) => {
      setSaving(w.id);
      try {
        await signOut(w.id);
        reload();
      } catch (e) {
        message.error(errorText(e, lang));
      } finally {
        setSaving(null);
      }
    },
    [message, lang, reload],
  );

  const b = board.data;
  // time since the board was fetched, so waits keep ticking between reloads
  const drift = b ? Math.max(0, (now.getTime() - new Date(b.at).getTime()) / 1000) : 0;
  const longest = b && b.queue.length ? Math.max(...b.queue.map((q) => q.waitedSeconds)) + drift : null;

  const windowCols: TableColumnsType<BoardWindow> = [
    { title: t('hall.admin.col.window'), dataIndex: 'name', key: 'name', width: 190 },
    {
      title: t('hall.admin.col.open'),
      key: 'open',
      width: 110,
      render: (_, w) => (
        <Switch
          checked={w.open}
          loading={saving === w.id}
          aria-label={t('hall.admin.openLabel', { window: windowLabel(t, w.number) })}
          checkedChildren={t('hall.admin.open')}
          unCheckedChildren={t('hall.admin.closed')}
          onChange={(open) => save(w, { open })}
        />
      ),
    },
    {
      title: t('hall.admin.col.categories'),
      key: 'categories',
      width: 440,
      render: (_, w) => (
        <Checkbox.Group
          aria-label={t('hall.admin.catLabel', { window: windowLabel(t, w.number) })}
          value={w.categories}
          disabled={saving === w.id}
          options={WINDOW_CATEGORIES.map((c) => ({ value: c, label: `${c} ${categoryName(t, c)}` }))}
          onChange={(v) => {
            const cats = (v as Category[]).filter((c) => WINDOW_CATEGORIES.includes(c));
            if (cats.length === 0) {
              message.warning(t('hall.admin.needCategory'));
              return;
            }
            void save(w, { categories: cats });
          }}
        />
      ),
    },
    {
      title: t('hall.admin.col.staff'),
      key: 'staff',
      width: 170,
      render: (_, w) =>
        w.staff ? (
          <Space size={4} wrap>
            <span>{w.staff.name}</span>
            {w.staff.signedInAt && <span className="hall-a-muted">{t('hall.admin.since', { time: shanghaiTime(w.staff.signedInAt) })}</span>}
            <Button size="small" onClick={() => kick(w)} aria-label={t('hall.admin.signOutLabel', { window: windowLabel(t, w.number) })}>
              {t('hall.admin.signOut')}
            </Button>
          </Space>
        ) : (
          <span className="hall-a-muted">{t('hall.admin.nobody')}</span>
        ),
    },
    {
      title: t('hall.admin.col.current'),
      key: 'current',
      width: 150,
      render: (_, w) =>
        w.current ? (
          <Space size={4}>
            <strong>{w.current.number}</strong>
            <Tag color={w.current.status === 'serving' ? '#237804' : '#ad4e00'}>{statusName(t, w.current.status)}</Tag>
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t('hall.admin.col.called'), dataIndex: 'calledToday', key: 'called', width: 90, align: 'right' },
    { title: t('hall.admin.col.served'), dataIndex: 'servedToday', key: 'served', width: 90, align: 'right' },
  ];

  const queueCols: TableColumnsType<QueuedTicket> = [
    { title: t('hall.admin.col.number'), dataIndex: 'number', key: 'number', width: 100 },
    { title: t('hall.admin.col.category'), key: 'cat', render: (_, q) => categoryName(t, q.category) },
    {
      title: t('hall.admin.col.priority'),
      key: 'prio',
      render: (_, q) =>
        q.priorityReasons.length ? (
          <Space size={4} wrap>
            {q.priorityReasons.map((r) => (
              <Tag key={r} color="#a8071a">
                {reasonName(t, r)}
              </Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t('hall.admin.col.target'), key: 'target', render: (_, q) => (q.targetWindowNumber ? windowLabel(t, q.targetWindowNumber) : '—') },
    { title: t('hall.admin.col.issued'), key: 'issued', render: (_, q) => shanghaiTime(q.issuedAt) },
    { title: t('hall.admin.col.waited'), key: 'waited', align: 'right', render: (_, q) => duration(t, q.waitedSeconds + drift) },
  ];

  if (board.error && !b) return <ErrorAlert error={board.error} onRetry={reload} />;
  if (!b) return <Loading />;
  return (
    <div className="hall-a-board">
      {connection === 'lost' && <Alert type="warning" showIcon title={t('hall.display.reconnecting')} />}
      <Row gutter={[16, 16]}>
        {waitingEntries(b.waiting).map(([c, n]) => (
          <Col key={c} flex="1 1 130px">
            <Card size="small">
              <Statistic title={t('hall.admin.waitingCat', { name: categoryName(t, c) })} value={n} suffix={t('hall.display.people')} />
            </Card>
          </Col>
        ))}
        <Col flex="1 1 130px">
          <Card size="small">
            <Statistic title={t('hall.admin.longest')} value={longest === null ? '—' : duration(t, longest)} />
          </Card>
        </Col>
        <Col flex="1 1 130px">
          <Card size="small">
            <Statistic title={t('hall.admin.onDuty')} value={b.onDuty.length} suffix={`/ ${b.windows.length}`} />
          </Card>
        </Col>
        <Col flex="1 1 130px">
          <Card size="small">
            <Statistic title={t('hall.admin.doneToday')} value={b.totals.done} suffix={`/ ${b.totals.tickets}`} />
          </Card>
        </Col>
      </Row>
      <SectionTitle id="hall-a-windows">{t('hall.admin.windows')}</SectionTitle>
      <Table<BoardWindow> rowKey="id" size="small" columns={windowCols} dataSource={b.windows} pagination={false} scroll={{ x: 1260 }} />
      <SectionTitle id="hall-a-queue">{t('hall.admin.queue', { n: b.queue.length })}</SectionTitle>
      <Table<QueuedTicket> rowKey="id" size="small" columns={queueCols} dataSource={b.queue} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
      <p className="hall-a-muted">{t('hall.admin.updated', { time: shanghaiTime(b.at, true) })}</p>
    </div>
  );
}

type FigureRow = Figures & { key: string; label: string };

/** Daily statistics: per category, window and clerk; a bar chart of tickets and waits. */
function DailyStats({ code }: { code: string }) {
  const { t } = usePrefs();
  const [date, setDate] = useState(() => shanghaiDate());
  const dateId = useId();
  const stats = useAsync((signal) => fetchStats(code, date, signal), [code, date]);
  const s = stats.data;

  const cols: TableColumnsType<FigureRow> = [
    { title: '', dataIndex: 'label', key: 'label', width: 160 },
    { title: t('hall.stats.tickets'), dataIndex: 'tickets', key: 'tickets', align: 'right' },
    { title: t('hall.stats.done'), dataIndex: 'done', key: 'done', align: 'right' },
    { title: t('hall.stats.noShow'), dataIndex: 'noShow', key: 'noShow', align: 'right' },
    { title: t('hall.stats.transferred'), dataIndex: 'transferred', key: 'transferred', align: 'right' },
    { title: t('hall.stats.waitAvg'), key: 'waitAvg', align: 'right', render: (_, r) => duration(t, r.waitAvg) },
    { title: t('hall.stats.waitP90'), key: 'waitP90', align: 'right', render: (_, r) => duration(t, r.waitP90) },
    { title: t('hall.stats.serviceAvg'), key: 'serviceAvg', align: 'right', render: (_, r) => duration(t, r.serviceAvg) },
    { title: t('hall.stats.serviceP90'), key: 'serviceP90', align: 'right', render: (_, r) => duration(t, r.serviceP90) },
  ];
  const withLabel = (label: string) => cols.map((c, i) => (i === 0 ? { ...c, title: label } : c));

  const catRows: FigureRow[] = s ? s.categories.map((c) => ({ ...c, key: c.category, label: `${c.category} ${categoryName(t, c.category)}` })) : [];
  const winRows: FigureRow[] = s ? s.windows.map((w) => ({ ...w, key: w.windowId, label: w.windowNumber ? windowLabel(t, w.windowNumber) : '—' })) : [];
  const clerkRows: FigureRow[] = s ? s.clerks.map((c) => ({ ...c, key: c.clerkId, label: c.clerkName ?? '—' })) : [];
  const maxTickets = Math.max(1, ...catRows.map((r) => r.tickets));
  const maxWait = Math.max(1, ...catRows.map((r) => r.waitP90 ?? 0));

  return (
    <div className="hall-a-stats">
      <div className="hall-a-date">
        <label htmlFor={dateId}>{t('hall.stats.date')}</label>
        <input id={dateId} type="date" value={date} max={shanghaiDate()} onChange={(e) => e.target.value && setDate(e.target.value)} />
        <Button onClick={() => setDate(shanghaiDate())}>{t('hall.stats.today')}</Button>
      </div>
      {stats.error ? <ErrorAlert error={stats.error} onRetry={stats.reload} /> : null}
      {!s ? (
        <Loading />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('hall.stats.tickets')} value={s.total.tickets} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('hall.stats.done')} value={s.total.done} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('hall.stats.waitAvgP90')} value={`${duration(t, s.total.waitAvg)} / ${duration(t, s.total.waitP90)}`} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('hall.stats.noShow')} value={s.total.noShow} />
              </Card>
            </Col>
          </Row>
          <SectionTitle id="hall-a-chart">{t('hall.stats.chart')}</SectionTitle>
          <div className="hall-a-chart">
            <figure className="hall-a-fig">
              <figcaption>{t('hall.stats.ticketsPerCat')}</figcaption>
              {catRows.map((r) => (
                <div key={r.key} className="hall-a-bar">
                  <span className="hall-a-bar-label">{r.label}</span>
                  <Progress percent={(r.tickets / maxTickets) * 100} showInfo={false} strokeColor="#0a4fb4" aria-label={`${r.label} ${r.tickets}`} />
                  <span className="hall-a-bar-value">{r.tickets}</span>
                </div>
              ))}
            </figure>
            <figure className="hall-a-fig">
              <figcaption>{t('hall.stats.waitPerCat')}</figcaption>
              {catRows.map((r) => (
                <div key={r.key} className="hall-a-bar">
                  <span className="hall-a-bar-label">{r.label}</span>
                  <Progress
                    percent={((r.waitP90 ?? 0) / maxWait) * 100}
                    success={{ percent: ((r.waitAvg ?? 0) / maxWait) * 100, strokeColor: '#237804' }}
                    showInfo={false}
                    strokeColor="#ad4e00"
                    aria-label={`${r.label} ${duration(t, r.waitAvg)} / ${duration(t, r.waitP90)}`}
                  />
                  <span className="hall-a-bar-value">
                    {duration(t, r.waitAvg)} / {duration(t, r.waitP90)}
                  </span>
                </div>
              ))}
              <p className="hall-a-legend">
                <span className="hall-a-sw avg" aria-hidden="true" /> {t('hall.stats.waitAvg')} <span className="hall-a-sw p90" aria-hidden="true" />{' '}
                {t('hall.stats.waitP90')}
              </p>
            </figure>
          </div>
          <SectionTitle id="hall-a-cat">{t('hall.stats.byCategory')}</SectionTitle>
          <Table<FigureRow> rowKey="key" size="small" columns={withLabel(t('hall.admin.col.category'))} dataSource={catRows} pagination={false} scroll={{ x: 900 }} />
          <SectionTitle id="hall-a-win">{t('hall.stats.byWindow')}</SectionTitle>
          <Table<FigureRow> rowKey="key" size="small" columns={withLabel(t('hall.admin.col.window'))} dataSource={winRows} pagination={false} scroll={{ x: 900 }} />
          <SectionTitle id="hall-a-clerk">{t('hall.stats.byClerk')}</SectionTitle>
          <Table<FigureRow> rowKey="key" size="small" columns={withLabel(t('hall.stats.clerk'))} dataSource={clerkRows} pagination={false} scroll={{ x: 900 }} />
          <SectionTitle id="hall-a-appt">{t('hall.stats.appointments')}</SectionTitle>
          <Space size="large" wrap>
            <Statistic title={t('hall.stats.apptBooked')} value={s.appointments.booked} />
            <Statistic title={t('hall.stats.apptCheckedIn')} value={s.appointments.checkedIn} />
            <Statistic title={t('hall.stats.apptCancelled')} value={s.appointments.cancelled} />
            <Statistic title={t('hall.stats.apptNoShow')} value={s.appointments.noShow} />
          </Space>
        </>
      )}
    </div>
  );
}

/** /hall-admin — the hall manager: live board, windows, daily statistics, overdue cases per department. */
export function HallAdminPage() {
  const { t } = usePrefs();
  const { actor } = useAuth();
  const [params, setParams] = useSearchParams();
  const own = useMyHallCode(actor?.hallId);
  const halls = useAsync((signal) => fetchHalls(signal), []);
  const code = params.get('hall') ?? own ?? (own === null ? 'C00' : undefined);
  const tab = (['stats', 'overdue'] as const).find((k) => k === params.get('tab')) ?? 'board';
  const hallName = useMemo(() => halls.data?.items.find((h) => h.code === code)?.name, [halls.data, code]);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageTitle title={t('hall.admin.title')}>
        {t('hall.admin.title')}
        {hallName ? <span className="hall-a-hallname"> · {hallName}</span> : null}
      </PageTitle>
      {actor?.roles.includes('admin') && (
        <div className="hall-a-date">
          <label htmlFor="hall-a-hall">{t('hall.admin.hall')}</label>
          <Select
            id="hall-a-hall"
            className="hall-a-hallsel"
            showSearch={{ optionFilterProp: 'label' }}
            value={code}
            onChange={(v: string) => set('hall', v)}
            options={(halls.data?.items ?? []).map((h) => ({ value: h.code, label: `${h.code} ${h.name}` }))}
          />
        </div>
      )}
      {!code ? (
        <Loading />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => set('tab', k)}
          items={[
            { key: 'board', label: t('hall.admin.tab.board'), children: <LiveBoard code={code} /> },
            { key: 'stats', label: t('hall.admin.tab.stats'), children: <DailyStats code={code} /> },
            { key: 'overdue', label: t('hall.admin.tab.overdue'), children: <OverdueBoard /> },
          ]}
          destroyOnHidden
        />
      )}
    </>
  );
}
