import { useParams } from 'react-router-dom';
import { usePrefs } from '../prefs/PrefsContext.js';
import { ConnectionBanner } from './DisplayPage.js';
import { categoryName, statusName, useDocumentTitle, windowLabel } from './labels.js';
import { useDisplay } from './useHallEvents.js';
import './hall.css';

/** /display/:hall/window/:number — the small screen above one window: its name, the number served, the clerk. */
export function WindowScreenPage() {
  const { hall = '', number = '' } = useParams();
  const { t } = usePrefs();
  const { snapshot, flash, connection } = useDisplay(hall);
  const n = Number(number);
  const w = snapshot?.windows.find((x) => x.number === n);
  const flashKey = flash && flash.windowNumber === n ? flash.key : null;

  useDocumentTitle(`${windowLabel(t, n)} · ${snapshot?.hall.name ?? hall}`);

  return (
    <div className="hall-screen hall-wscreen">
      <ConnectionBanner lost={connection === 'lost'} />
      {!snapshot ? (
        <p className="hall-d-loading">{t('hall.display.connecting')}</p>
      ) : !w ? (
        <p className="hall-d-loading" role="alert">
          {t('hall.wscreen.unknown', { n: number })}
        </p>
      ) : (
        <>
          <header className="hall-ws-head">
            <h1 className="hall-ws-title">{windowLabel(t, w.number)}</h1>
            <p className="hall-ws-kind">
              {w.categories.map((c) => `${c} ${categoryName(t, c)}`).join(' · ')}
            </p>
          </header>
          <div className={`hall-ws-number${flashKey ? ' hall-flash' : ''}${w.open && w.current ? '' : ' idle'}`} key={flashKey ?? 'still'} data-window={w.number} aria-live="polite">
            {!w.open ? t('hall.display.closed') : w.current ? w.current.number : t('hall.display.idle')}
          </div>
          <p className="hall-ws-status">
            {w.open && w.current ? (w.current.status === 'called' ? t('hall.wscreen.please', { number: w.current.number }) : statusName(t, w.current.status)) : '\u00a0'}
          </p>
          <footer className="hall-ws-foot">
            {w.staff?.name ? t('hall.wscreen.clerk', { name: w.staff.name }) : t('hall.wscreen.noClerk')}
            <span className="hall-ws-hall">{snapshot.hall.name}</span>
          </footer>
        </>
      )}
    </div>
  );
}
