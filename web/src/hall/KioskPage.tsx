import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { errorText } from '../api/http.js';
import { useAsync } from '../api/useAsync.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { fetchHall, fetchProgress, kioskCheckIn, shanghaiDate, shanghaiTime, takeTicket, type Category, type CheckedIn, type Issued, type Progress } from './api.js';
import { categoryHint, categoryName, reasonName, useDocumentTitle, useNow } from './labels.js';
import './hall.css';

/** Seconds without a touch before the kiosk returns to its start screen. */
export const KIOSK_IDLE_SECONDS = 30;

type Screen = 'home' | 'take' | 'options' | 'ticket' | 'checkin' | 'progress';

const ID_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'] as const;

/** An on-screen keypad for ID and case numbers (the kiosk has no keyboard). */
function Keypad({ onKey, onBack, onClear, withX = true, label }: { onKey(k: string): void; onBack(): void; onClear(): void; withX?: boolean; label: string }) {
  const { t } = usePrefs();
  return (
    <div className="hall-keypad" role="group" aria-label={label}>
      {ID_KEYS.map((k) =>
        k === 'X' && !withX ? (
          <button key={k} type="button" className="hall-key hall-key-fn" onClick={onClear}>
            {t('hall.kiosk.clear')}
          </button>
        ) : (
          <button key={k} type="button" className="hall-key" onClick={() => onKey(k)}>
            {k}
          </button>
        ),
      )}
      <button type="button" className="hall-key hall-key-fn" onClick={onBack} aria-label={t('hall.kiosk.backspace')}>
        ⌫
      </button>
      {withX && (
        <button type="button" className="hall-key hall-key-fn hall-key-wide" onClick={onClear}>
          {t('hall.kiosk.clear')}
        </button>
      )}
    </div>
  );
}

/** A large text field fed by the keypad or a keyboard. */
function KioskField({
  label,
  value,
  onChange,
  maxLength,
  active,
  onFocus,
  hint,
  upper = true,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
  maxLength: number;
  active?: boolean;
  onFocus?: () => void;
  hint?: string;
  upper?: boolean;
}) {
  const id = useId();
  return (
    <div className={`hall-k-field${active ? ' active' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        maxLength={maxLength}
        autoComplete="off"
        spellCheck={false}
        onFocus={onFocus}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(upper ? e.target.value.toUpperCase().replace(/[^0-9A-Z]/g, '') : e.target.value)}
      />
      {hint && (
        <p id={`${id}-hint`} className="hall-k-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

function KioskError({ error }: { error: unknown }) {
  const { lang } = usePrefs();
  if (!error) return null;
  return (
    <p className="hall-k-error" role="alert">
      {errorText(error, lang)}
    </p>
  );
}

/** The ticket just taken (or checked in): the number, people ahead, the printable receipt. */
function TicketView({ issued, onDone, remaining }: { issued: Issued | CheckedIn; onDone(): void; remaining: number }) {
  const { t } = usePrefs();
  const tk = issued.ticket;
  const appt = 'appointment' in issued ? issued.appointment : null;
  return (
    <section className="hall-k-ticket" aria-labelledby="hall-k-ticket-h">
      <div className="hall-k-ticket-main">
        <h2 id="hall-k-ticket-h" className="hall-k-h2">
          {t(appt ? 'hall.kiosk.checkedIn' : 'hall.kiosk.yourNumber')}
        </h2>
        <p className="hall-k-number" data-ticket={tk.number}>
          {tk.number}
        </p>
        <p className="hall-k-cat">{categoryName(t, tk.category)}</p>
        <p className="hall-k-ahead">
          {t('hall.kiosk.ahead', { n: issued.ahead })}
        </p>
        {tk.priorityReasons.length > 0 && (
          <p className="hall-k-priority">
            {t('hall.kiosk.priority')}：{tk.priorityReasons.map((r) => reasonName(t, r)).join('、')}
          </p>
        )}
        {appt && (
          <p className="hall-k-appt">
            {t('hall.kiosk.apptSlot', { date: appt.date, start: appt.start, end: appt.end })}
          </p>
        )}
      </div>
      <div className="hall-k-ticket-side">
        <figure className="hall-receipt" aria-label={t('hall.kiosk.receipt')}>
          <p className="hall-receipt-number">{tk.number}</p>
          <pre className="hall-receipt-text">{issued.receipt}</pre>
          <p className="hall-receipt-id">
            {t('hall.kiosk.receiptId')}：{tk.id.slice(-12).toUpperCase()}
          </p>
        </figure>
        <div className="hall-k-actions">
          <button type="button" className="hall-k-btn hall-k-btn-primary" onClick={() => window.print()}>
            {t('hall.kiosk.print')}
          </button>
          <button type="button" className="hall-k-btn" onClick={onDone}>
            {t('hall.kiosk.done')}
          </button>
        </div>
        <p className="hall-k-idle">{t('hall.kiosk.returnIn', { s: remaining })}</p>
      </div>
    </section>
  );
}

/** /kiosk/:hall — the self-service terminal: take a ticket, check in an appointment, look up a case. */
export function KioskPage() {
  const { hall = '' } = useParams();
  const { t, lang, setLang } = usePrefs();
  const info = useAsync((signal) => fetchHall(hall, signal), [hall]);
  const now = useNow();
  const [screen, setScreen] = useState<Screen>('home');
  const [category, setCategory] = useState<Category | null>(null);
  const [idNumber, setIdNumber] = useState('');
  const [disabled, setDisabled] = useState(false);
  const [pregnant, setPregnant] = useState(false);
  const [issued, setIssued] = useState<Issued | CheckedIn | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [holderKind, setHolderKind] = useState<'person' | 'enterprise'>('person');
  const [holder, setHolder] = useState('');
  const [caseNo, setCaseNo] = useState('');
  const [idTail, setIdTail] = useState('');
  const [progressField, setProgressField] = useState<'caseNo' | 'idTail'>('caseNo');
  const [progress, setProgress] = useState<Progress | null>(null);
  const lastTouch = useRef(Date.now());

  const name = info.data?.name ?? hall;
  useDocumentTitle(`${t('hall.kiosk.title')} · ${name}`);

  const reset = useCallback(() => {
    setScreen('home');
    setCategory(null);
    setIdNumber('');
    setDisabled(false);
    setPregnant(false);
    setIssued(null);
    setError(null);
    setHolder('');
    setHolderKind('person');
    setCaseNo('');
    setIdTail('');
    setProgress(null);
    setProgressField('caseNo');
  }, []);

  // back to the start screen after 30 s without a touch
  useEffect(() => {
    const touch = () => {
      lastTouch.current = Date.now();
    };
    const evs = ['pointerdown', 'keydown', 'input', 'wheel'] as const;
    for (const e of evs) document.addEventListener(e, touch, { passive: true, capture: true });
    return () => {
      for (const e of evs) document.removeEventListener(e, touch, { capture: true });
    };
  }, []);
  const idleFor = Math.floor((now.getTime() - lastTouch.current) / 1000);
  const remaining = Math.min(KIOSK_IDLE_SECONDS, Math.max(0, KIOSK_IDLE_SECONDS - idleFor));
  useEffect(() => {
    if (screen !== 'home' && remaining === 0 && !busy) reset();
  }, [screen, remaining, busy, reset]);

  const go = (s: Screen) => {
    setError(null);
    lastTouch.current = Date.now();
    setScreen(s);
  };

  const served = [...new Set(info.data?.windows.filter((w) => w.open).flatMap((w) => w.categories) ?? [])].filter((c) => c !== 'E').sort();

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      lastTouch.current = Date.now();
    }
  };

  const take = (withId: boolean) =>
    run(async () => {
      if (!category) return;
      const body = withId
        ? { category, ...(idNumber ? { idNumber } : {}), ...(disabled ? { disabled: true } : {}), ...(pregnant ? { pregnant: true } : {}) }
        : { category };
      const r = await takeTicket(hall, body);
      setIssued(r);
      setScreen('ticket');
    });

  const checkIn = () =>
    run(async () => {
      const r = await kioskCheckIn(hall, holderKind === 'person' ? { idNumber: holder } : { uscc: holder });
      setIssued(r);
      setScreen('ticket');
    });

  const lookUp = () =>
    run(async () => {
      setProgress(await fetchProgress(caseNo, idTail));
    });

  const idKeys = (set: (f: (v: string) => string) => void, max: number) => ({
    onKey: (k: string) => set((v) => (v.length < max ? v + k : v)),
    onBack: () => set((v) => v.slice(0, -1)),
    onClear: () => set(() => ''),
  });

  let body: ReactNode;
  if (screen === 'home') {
    body = (
      <div className="hall-k-home">
        <h2 className="hall-k-welcome">{t('hall.kiosk.welcome')}</h2>
        <div className="hall-k-menu">
          <button type="button" className="hall-k-tile hall-k-tile-take" onClick={() => go('take')}>
            <span className="hall-k-tile-title">{t('hall.kiosk.take')}</span>
            <span className="hall-k-tile-sub">{t('hall.kiosk.takeSub')}</span>
          </button>
          <button type="button" className="hall-k-tile" onClick={() => go('checkin')}>
            <span className="hall-k-tile-title">{t('hall.kiosk.checkin')}</span>
            <span className="hall-k-tile-sub">{t('hall.kiosk.checkinSub')}</span>
          </button>
          <button type="button" className="hall-k-tile" onClick={() => go('progress')}>
            <span className="hall-k-tile-title">{t('hall.kiosk.progress')}</span>
            <span className="hall-k-tile-sub">{t('hall.kiosk.progressSub')}</span>
          </button>
        </div>
        {info.data && (
          <p className="hall-k-hours">
            {t('hall.kiosk.hours')}：{info.data.hours}
            {info.data.areas.includes('24h') ? ` · ${t('hall.kiosk.area24h')}` : ''}
          </p>
        )}
        {info.error ? <KioskError error={info.error} /> : null}
      </div>
    );
  } else if (screen === 'take') {
    body = (
      <section aria-labelledby="hall-k-take-h">
        <h2 id="hall-k-take-h" className="hall-k-h2">
          {t('hall.kiosk.chooseBusiness')}
        </h2>
        <div className="hall-k-cats">
          {served.map((c) => (
            <button
              key={c}
              type="button"
              className="hall-k-tile hall-k-cat-btn"
              data-category={c}
              onClick={() => {
                setCategory(c);
                go('options');
              }}
            >
              <span className="hall-k-tile-title">
                <span className="hall-k-letter" aria-hidden="true">
                  {c}
                </span>
                {categoryName(t, c)}
              </span>
              <span className="hall-k-tile-sub">{categoryHint(t, c)}</span>
            </button>
          ))}
        </div>
      </section>
    );
  } else if (screen === 'options' && category) {
    body = (
      <section aria-labelledby="hall-k-opt-h" className="hall-k-options">
        <h2 id="hall-k-opt-h" className="hall-k-h2">
          {t('hall.kiosk.chosen', { name: categoryName(t, category) })}
        </h2>
        <div className="hall-k-opt-grid">
          <div className="hall-k-opt-guest">
            <button type="button" className="hall-k-btn hall-k-btn-primary hall-k-btn-xl" disabled={busy} onClick={() => take(false)}>
              {t('hall.kiosk.guest')}
            </button>
            <p className="hall-k-hint">{t('hall.kiosk.guestHint')}</p>
            <fieldset className="hall-k-green">
              <legend>{t('hall.kiosk.green')}</legend>
              <label className={`hall-k-check${disabled ? ' on' : ''}`}>
                <input type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} />
                {t('hall.kiosk.disabled')}
              </label>
              <label className={`hall-k-check${pregnant ? ' on' : ''}`}>
                <input type="checkbox" checked={pregnant} onChange={(e) => setPregnant(e.target.checked)} />
                {t('hall.kiosk.pregnant')}
              </label>
            </fieldset>
          </div>
          <div className="hall-k-opt-id">
            <KioskField label={t('hall.kiosk.idNumber')} value={idNumber} onChange={setIdNumber} maxLength={18} active hint={t('hall.kiosk.idHint')} />
            <Keypad label={t('hall.kiosk.keypad')} {...idKeys(setIdNumber, 18)} />
            <button
              type="button"
              className="hall-k-btn hall-k-btn-primary"
              disabled={busy || (!idNumber && !disabled && !pregnant) || (idNumber.length > 0 && idNumber.length < 18)}
              onClick={() => take(true)}
            >
              {t('hall.kiosk.takeWithId')}
            </button>
          </div>
        </div>
        <KioskError error={error} />
      </section>
    );
  } else if (screen === 'ticket' && issued) {
    body = <TicketView issued={issued} onDone={reset} remaining={remaining} />;
  } else if (screen === 'checkin') {
    body = (
      <section aria-labelledby="hall-k-ci-h" className="hall-k-form">
        <h2 id="hall-k-ci-h" className="hall-k-h2">
          {t('hall.kiosk.checkin')}
        </h2>
        <div className="hall-k-seg" role="radiogroup" aria-label={t('hall.kiosk.holderKind')}>
          {(['person', 'enterprise'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="radio"
              aria-checked={holderKind === k}
              className={`hall-k-seg-btn${holderKind === k ? ' on' : ''}`}
              onClick={() => {
                setHolderKind(k);
                setHolder('');
              }}
            >
              {t(k === 'person' ? 'hall.kiosk.person' : 'hall.kiosk.enterprise')}
            </button>
          ))}
        </div>
        <KioskField
          label={t(holderKind === 'person' ? 'hall.kiosk.idNumber' : 'hall.kiosk.uscc')}
          value={holder}
          onChange={setHolder}
          maxLength={18}
          active
          hint={t('hall.kiosk.checkinHint')}
        />
        {holderKind === 'person' && <Keypad label={t('hall.kiosk.keypad')} {...idKeys(setHolder, 18)} />}
        <button type="button" className="hall-k-btn hall-k-btn-primary" disabled={busy || holder.length !== 18} onClick={checkIn}>
          {t('hall.kiosk.checkinGo')}
        </button>
        <KioskError error={error} />
      </section>
    );
  } else if (screen === 'progress') {
    body = (
      <section aria-labelledby="hall-k-pg-h" className="hall-k-form">
        <h2 id="hall-k-pg-h" className="hall-k-h2">
          {t('hall.kiosk.progress')}
        </h2>
        {progress ? (
          <div className="hall-k-progress">
            <dl className="hall-k-dl">
              <dt>{t('hall.kiosk.caseNo')}</dt>
              <dd>{progress.caseNo}</dd>
              <dt>{t('hall.kiosk.item')}</dt>
              <dd>{progress.itemName}</dd>
              <dt>{t('hall.kiosk.department')}</dt>
              <dd>{progress.departmentName}</dd>
              <dt>{t('hall.kiosk.applicant')}</dt>
              <dd>{progress.applicantName}</dd>
              <dt>{t('hall.kiosk.caseStatus')}</dt>
              <dd className="hall-k-status">
                {progress.statusName}
                {progress.paused ? ` · ${t('hall.kiosk.paused')}` : ''}
              </dd>
              {progress.promisedDue && (
                <>
                  <dt>{t('hall.kiosk.due')}</dt>
                  <dd>{progress.promisedDue}</dd>
                </>
              )}
            </dl>
            <h3 className="hall-k-h3">{t('hall.kiosk.timeline')}</h3>
            <ol className="hall-k-timeline">
              {progress.timeline.map((e, i) => (
                <li key={i}>
                  <span className="hall-k-tl-time">
                    {shanghaiDate(new Date(e.at))} {shanghaiTime(e.at)}
                  </span>
                  <span>
                    {e.actionName} → {e.statusName}
                  </span>
                </li>
              ))}
            </ol>
            <button type="button" className="hall-k-btn" onClick={() => setProgress(null)}>
              {t('hall.kiosk.lookAgain')}
            </button>
          </div>
        ) : (
          <>
            <KioskField
              label={t('hall.kiosk.caseNo')}
              value={caseNo}
              onChange={setCaseNo}
              maxLength={20}
              active={progressField === 'caseNo'}
              onFocus={() => setProgressField('caseNo')}
              hint={t('hall.kiosk.caseNoHint')}
            />
            <KioskField
              label={t('hall.kiosk.idTail')}
              value={idTail}
              onChange={setIdTail}
              maxLength={4}
              active={progressField === 'idTail'}
              onFocus={() => setProgressField('idTail')}
            />
            <Keypad
              label={t('hall.kiosk.keypad')}
              {...(progressField === 'caseNo' ? idKeys(setCaseNo, 20) : idKeys(setIdTail, 4))}
              withX={progressField === 'idTail'}
            />
            <button type="button" className="hall-k-btn hall-k-btn-primary" disabled={busy || caseNo.length < 10 || idTail.length !== 4} onClick={lookUp}>
              {t('hall.kiosk.lookUp')}
            </button>
          </>
        )}
        <KioskError error={error} />
      </section>
    );
  }

  return (
    <div className="hall-screen hall-kiosk">
      <header className="hall-k-top">
        <div>
          <h1 className="hall-k-title">{name}</h1>
          <p className="hall-k-subtitle">{t('hall.kiosk.title')}</p>
        </div>
        <div className="hall-k-tools">
          <time className="hall-k-clock" dateTime={now.toISOString()}>
            {shanghaiTime(now)}
          </time>
          <button type="button" className="hall-k-lang" lang={lang === 'zh' ? 'en' : 'zh-CN'} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'English' : '中文'}
          </button>
        </div>
      </header>
      <div className="hall-k-body">{body}</div>
      {screen !== 'home' && screen !== 'ticket' && (
        <nav className="hall-k-nav" aria-label={t('hall.kiosk.navLabel')}>
          <button type="button" className="hall-k-btn" onClick={() => go(screen === 'options' ? 'take' : 'home')}>
            {t('hall.kiosk.back')}
          </button>
          <button type="button" className="hall-k-btn" onClick={reset}>
            {t('hall.kiosk.home')}
          </button>
          <span className="hall-k-idle">{t('hall.kiosk.returnIn', { s: remaining })}</span>
        </nav>
      )}
    </div>
  );
}
