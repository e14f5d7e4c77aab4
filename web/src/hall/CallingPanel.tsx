import { App, Alert, Button, Card, Empty, Form, Modal, Radio, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorText, ApiError } from '../api/http.js';
import type { Role } from '../api/types.js';
import { useAuth } from '../auth/AuthContext.js';
import { Loading } from '../components/Status.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import {
  callNext,
  fetchHall,
  fetchMyWindow,
  fetchWindow,
  signIn,
  signOut,
  ticketAction,
  transferTicket,
  waitingEntries,
  type Category,
  type HallDetail,
  type Ticket,
  type TicketAction,
  type WindowKind,
  type WindowState,
} from './api.js';
import { categoryName, duration, reasonName, statusName, useMyHallCode, useNow, windowLabel } from './labels.js';
import { useHallEvents } from './useHallEvents.js';
import './hall.css';

/** Which window kinds each role works at. */
const KINDS_BY_ROLE: Partial<Record<Role, WindowKind[]>> = {
  clerk: ['intake', 'consult'],
  cert: ['certificate'],
  assistant: ['assist'],
  manager: ['intake', 'consult', 'certificate', 'assist'],
  admin: ['intake', 'consult', 'certificate', 'assist'],
};

export function kindsForRoles(roles: readonly Role[]): WindowKind[] {
  const out = new Set<WindowKind>();
  for (const r of roles) for (const k of KINDS_BY_ROLE[r] ?? []) out.add(k);
  return [...out];
}

export interface CallingPanelProps {
  /** Window kinds offered for sign-in (default: from the user's roles — clerk: intake and consult, cert: certificate, assistant: assist). */
  kinds?: WindowKind[];
  /** Told whenever the ticket at the window changes (e.g. to link it to the case being taken in). */
  onTicketChange?(ticket: Ticket | null): void;
  /** A narrower layout for a side column. */
  compact?: boolean;
  /** Register F1/F2/F3 (default true). */
  shortcuts?: boolean;
}

/** Who is at a window, for the sign-in list. */
function windowOption(t: ReturnType<typeof usePrefs>['t'], w: HallDetail['windows'][number], me: string | undefined) {
  const who = w.staff?.name ? (w.staff.name === me ? t('hall.panel.you') : t('hall.panel.staffedBy', { name: w.staff.name })) : t('hall.panel.free');
  return `${w.name} · ${w.open ? who : t('hall.panel.closedWindow')}`;
}

/**
 * 窗口叫号: sign in at a window, then call next (F1), recall (F2), start, finish (F3), no-show and
 * transfer — with the current ticket and what waits. Mounted on /desk, /issue and /hall/window.
 */
export function CallingPanel({ kinds, onTicketChange, compact = false, shortcuts = true }: CallingPanelProps) {
  const { t, lang } = usePrefs();
  const { actor } = useAuth();
  const { message, modal } = App.useApp();
  const hallCode = useMyHallCode(actor?.hallId);
  const [win, setWin] = useState<WindowState | null | undefined>(undefined);
  const [hall, setHall] = useState<HallDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [pick, setPick] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [transferOpen, setTransferOpen] = useState(false);
  const now = useNow();
  const offered = useMemo(() => kinds ?? kindsForRoles(actor?.roles ?? []), [kinds, actor?.roles]);

  // the window I am signed in at
  const loadMine = useCallback(async () => {
    try {
      const r = await fetchMyWindow();
      setWin(r.window);
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
      setWin(null);
    }
  }, []);
  useEffect(() => {
    void loadMine();
  }, [loadMine]);

  // the hall's windows, for signing in and transferring
  const loadHall = useCallback(async () => {
    if (!hallCode) return;
    try {
      setHall(await fetchHall(hallCode));
    } catch (e) {
      setLoadError(e);
    }
  }, [hallCode]);
  useEffect(() => {
    void loadHall();
  }, [loadHall]);

  // live: refresh the waiting count (and the sign-in list) when the hall changes
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const winId = win?.id;
  const refresh = useCallback(() => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => {
      if (winId) fetchWindow(winId).then(setWin, () => undefined);
      else void loadHall();
    }, 300);
  }, [winId, loadHall]);
  useEffect(() => () => clearTimeout(refreshTimer.current), []);
  useHallEvents(hallCode ?? undefined, (ev) => {
    if (ev.type !== 'snapshot') refresh();
  });

  const current = win?.current ?? null;
  const currentId = current?.id ?? null;
  const notify = useRef(onTicketChange);
  useEffect(() => {
    notify.current = onTicketChange;
  }, [onTicketChange]);
  useEffect(() => {
    notify.current?.(current);
    // tell only when the ticket or its state changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [currentId, current?.status]);

  const act = useCallback(
    async (name: string, fn: () => Promise<void>) => {
      if (busy) return;
      setBusy(name);
      setActionError(null);
      try {
        await fn();
      } catch (e) {
        setActionError(e);
      } finally {
        setBusy(null);
      }
    },
    [busy],
  );

  const doSignIn = (id: string, takeOver = false) =>
    act('signIn', async () => {
      try {
        const w = await signIn(id, takeOver);
        setWin(w);
        message.success(t('hall.panel.signedIn', { window: w.name }));
      } catch (e) {
        if (e instanceof ApiError && e.code === 'window_taken' && !takeOver) {
          modal.confirm({
            title: t('hall.panel.takeOverTitle'),
            content: errorText(e, lang),
            okText: t('hall.panel.takeOver'),
            cancelText: t('hall.panel.cancel'),
            onOk: () => doSignIn(id, true),
          });
          return;
        }
        throw e;
      }
    });

  const doSignOut = () =>
    act('signOut', async () => {
      if (!win) return;
      await signOut(win.id);
      setWin(null);
      await loadHall();
    });

  const doCall = useCallback(
    () =>
      act('call', async () => {
        if (!win) return;
        const r = await callNext(win.id);
        if (!r.ticket) message.info(t('hall.panel.queueEmpty'));
        else message.success(r.announcement ?? r.ticket.number);
        setWin(await fetchWindow(win.id));
      }),
    [act, win, message, t],
  );

  const doTicket = useCallback(
    (action: TicketAction) =>
      act(action, async () => {
        if (!win || !current) return;
        await ticketAction(current.id, action);
        setWin(await fetchWindow(win.id));
      }),
    [act, win, current],
  );

  const status = current?.status;
  const canRecall = status === 'called';
  const canStart = status === 'called';
  const canFinish = status === 'serving';
  const canNoShow = status === 'called';
  const canTransfer = status === 'called' || status === 'serving';

  // F1 call next, F2 recall, F3 finish
  useEffect(() => {
    if (!shortcuts || !win) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F1' && e.key !== 'F2' && e.key !== 'F3') return;
      e.preventDefault();
      if (transferOpen || document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal')) return;
      if (e.key === 'F1') void doCall();
      else if (e.key === 'F2' && canRecall) void doTicket('recall');
      else if (e.key === 'F3' && canFinish) void doTicket('finish');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcuts, win, transferOpen, doCall, doTicket, canRecall, canFinish]);

  if (actor === undefined || win === undefined || hallCode === undefined) return <Loading />;
  if (!actor?.hallId || hallCode === null) {
    return <Alert type="warning" showIcon title={t('hall.panel.noHall')} />;
  }

  const title = <span className="hall-p-title">{t('hall.panel.title')}</span>;

  if (!win) {
    const choices = (hall?.windows ?? []).filter((w) => offered.includes(w.kind));
    const chosen = pick ?? choices.find((w) => w.open && !w.staff)?.id;
    return (
      <Card title={title} className={`hall-panel${compact ? ' compact' : ''}`}>
        {loadError ? <Alert type="error" showIcon title={errorText(loadError, lang)} /> : null}
        <Form layout="vertical" onFinish={() => chosen && doSignIn(chosen)}>
          <Form.Item label={t('hall.panel.chooseWindow')} htmlFor="hall-p-window">
            <Select
              id="hall-p-window"
              value={chosen}
              onChange={setPick}
              options={choices.map((w) => ({ value: w.id, label: windowOption(t, w, actor.name), disabled: !w.open }))}
              notFoundContent={t('hall.panel.noWindows')}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" loading={busy === 'signIn'} disabled={!chosen}>
            {t('hall.panel.signIn')}
          </Button>
        </Form>
        {actionError ? <Alert className="hall-p-error" type="error" showIcon title={errorText(actionError, lang)} /> : null}
      </Card>
    );
  }

  const waited = current ? ((current.calledAt ? new Date(current.calledAt).getTime() : now.getTime()) - new Date(current.issuedAt).getTime()) / 1000 : null;
  const since = current ? (now.getTime() - new Date(current.servingAt ?? current.calledAt ?? current.issuedAt).getTime()) / 1000 : null;

  return (
    <Card
      title={
        <span>
          {title} <span className="hall-p-window">{win.name}</span>
        </span>
      }
      extra={
        <Button onClick={doSignOut} loading={busy === 'signOut'}>
          {t('hall.panel.signOut')}
        </Button>
      }
      className={`hall-panel${compact ? ' compact' : ''}`}
    >
      {!win.open && <Alert type="warning" showIcon title={t('hall.panel.windowClosed')} className="hall-p-error" />}
      <div className="hall-p-grid">
        <section className="hall-p-current" aria-labelledby="hall-p-current-h" aria-live="polite">
          <h2 id="hall-p-current-h" className="hall-p-h">
            {t('hall.panel.current')}
          </h2>
          {current ? (
            <>
              <p className="hall-p-number" data-ticket={current.number}>
                {current.number}
              </p>
              <Space wrap size={[6, 6]}>
                <Tag color="#0a4fb4">{categoryName(t, current.category)}</Tag>
                <Tag color={current.status === 'serving' ? '#237804' : '#ad4e00'}>{statusName(t, current.status)}</Tag>
                {current.recalls > 0 && <Tag>{t('hall.panel.recalls', { n: current.recalls })}</Tag>}
                {current.priorityReasons.map((r) => (
                  <Tag key={r} color="#a8071a">
                    {reasonName(t, r)}
                  </Tag>
                ))}
              </Space>
              <dl className="hall-p-dl">
                <dt>{t('hall.panel.waited')}</dt>
                <dd>{duration(t, waited)}</dd>
                <dt>{t(current.status === 'serving' ? 'hall.panel.servingFor' : 'hall.panel.calledFor')}</dt>
                <dd>{duration(t, since)}</dd>
                {current.idNumber && (
                  <>
                    <dt>{t('hall.panel.idNumber')}</dt>
                    <dd>{current.idNumber}</dd>
                  </>
                )}
              </dl>
            </>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="ow-empty-text">{t('hall.panel.noCurrent')}</span>} />
          )}
        </section>
        <section className="hall-p-queue" aria-labelledby="hall-p-queue-h">
          <h2 id="hall-p-queue-h" className="hall-p-h">
            {t('hall.panel.waiting')}
          </h2>
          <p className="hall-p-wait-total" data-waiting={win.waitingTotal}>
            {t('hall.panel.waitingN', { n: win.waitingTotal })}
          </p>
          <ul className="hall-p-wait-list">
            {waitingEntries(win.waiting, win.categories).map(([c, n]) => (
              <li key={c}>
                {categoryName(t, c)}：{n}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <div className="hall-p-actions" role="toolbar" aria-label={t('hall.panel.actions')}>
        <Button type="primary" size="large" onClick={doCall} loading={busy === 'call'} disabled={!win.open} aria-keyshortcuts="F1">
          {t('hall.panel.call')} <kbd>F1</kbd>
        </Button>
        <Button size="large" onClick={() => doTicket('recall')} loading={busy === 'recall'} disabled={!canRecall} aria-keyshortcuts="F2">
          {t('hall.panel.recall')} <kbd>F2</kbd>
        </Button>
        <Button size="large" onClick={() => doTicket('start')} loading={busy === 'start'} disabled={!canStart}>
          {t('hall.panel.start')}
        </Button>
        <Button size="large" onClick={() => doTicket('finish')} loading={busy === 'finish'} disabled={!canFinish} aria-keyshortcuts="F3">
          {t('hall.panel.finish')} <kbd>F3</kbd>
        </Button>
        <Tooltip title={t('hall.panel.noShowHint')}>
          <Button size="large" danger onClick={() => doTicket('no-show')} loading={busy === 'no-show'} disabled={!canNoShow}>
            {t('hall.panel.noShow')}
          </Button>
        </Tooltip>
        <Button size="large" onClick={() => setTransferOpen(true)} disabled={!canTransfer}>
          {t('hall.panel.transfer')}
        </Button>
      </div>
      <Typography.Paragraph className="hall-p-hint">
        {t('hall.panel.callHint')}{' '}
        <a href={`/display/${encodeURIComponent(hallCode)}/window/${win.number}`} target="_blank" rel="noopener noreferrer">
          {t('hall.panel.openScreen')}
        </a>
      </Typography.Paragraph>
      {actionError ? <Alert className="hall-p-error" type="error" showIcon title={errorText(actionError, lang)} role="alert" /> : null}
      {transferOpen && current && (
        <TransferDialog
          ticket={current}
          win={win}
          hall={hall}
          onClose={() => setTransferOpen(false)}
          onDone={async () => {
            setTransferOpen(false);
            message.success(t('hall.panel.transferred'));
            setWin(await fetchWindow(win.id));
          }}
        />
      )}
    </Card>
  );
}

/** 转移: to another category (queue) or to one window. */
function TransferDialog({ ticket, win, hall, onClose, onDone }: { ticket: Ticket; win: WindowState; hall: HallDetail | null; onClose(): void; onDone(): Promise<void> }) {
  const { t, lang } = usePrefs();
  const [mode, setMode] = useState<'category' | 'window'>('category');
  const [category, setCategory] = useState<Category | undefined>(undefined);
  const [windowId, setWindowId] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const served = [...new Set((hall?.windows ?? []).flatMap((w) => w.categories))].sort().filter((c) => c !== ticket.category);
  const others = (hall?.windows ?? []).filter((w) => w.id !== win.id);
  const ready = mode === 'category' ? !!category : !!windowId;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await transferTicket(ticket.id, mode === 'category' ? { category } : { windowId });
      await onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('hall.panel.transferTitle', { number: ticket.number })}
      onCancel={onClose}
      onOk={submit}
      okText={t('hall.panel.transfer')}
      cancelText={t('hall.panel.cancel')}
      okButtonProps={{ disabled: !ready, loading: busy }}
    >
      <Form layout="vertical">
        <Form.Item label={t('hall.panel.transferTo')}>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'category' | 'window')} optionType="button">
            <Radio.Button value="category">{t('hall.panel.toCategory')}</Radio.Button>
            <Radio.Button value="window">{t('hall.panel.toWindow')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {mode === 'category' ? (
          <Form.Item label={t('hall.panel.toCategory')} htmlFor="hall-p-tcat">
            <Select id="hall-p-tcat" value={category} onChange={setCategory} options={served.map((c) => ({ value: c, label: `${c} ${categoryName(t, c)}` }))} />
          </Form.Item>
        ) : (
          <Form.Item label={t('hall.panel.toWindow')} htmlFor="hall-p-twin">
            <Select
              id="hall-p-twin"
              value={windowId}
              onChange={setWindowId}
              options={others.map((w) => ({ value: w.id, label: `${windowLabel(t, w.number)} · ${w.categories.map((c) => categoryName(t, c)).join('、')}` }))}
            />
          </Form.Item>
        )}
      </Form>
      {error ? <Alert type="error" showIcon title={errorText(error, lang)} role="alert" /> : null}
    </Modal>
  );
}
