import { useEffect, useRef } from 'react';
import { useParams } from 'react-router-dom';
import { usePrefs } from '../prefs/PrefsContext.js';
import { shanghaiDate, shanghaiTime, waitingEntries, type DisplayWindow } from './api.js';
import { categoryName, kindName, statusName, useDocumentTitle, useNow, windowLabel } from './labels.js';
import { useVoice } from './speech.js';
import { useDisplay } from './useHallEvents.js';
import './hall.css';

/** The banner shown while the live connection is down (EventSource is reconnecting). */
export function ConnectionBanner({ lost }: { lost: boolean }) {
  const { t } = usePrefs();
  return (
    <div className="hall-conn" role="status" aria-live="polite">
      {lost ? <span className="hall-conn-lost">{t('hall.display.reconnecting')}</span> : null}
    </div>
  );
}

function WindowTile({ w, flashKey }: { w: DisplayWindow; flashKey: string | null }) {
  const { t } = usePrefs();
  const state = !w.open ? 'closed' : w.current ? w.current.status : 'idle';
  return (
    <li className={`hall-tile hall-tile-${state}`} data-window={w.number}>
      <div className="hall-tile-head">
        <span className="hall-tile-window">{windowLabel(t, w.number)}</span>
        <span className="hall-tile-kind" title={kindName(t, w.kind)}>
          <span className="ow-sr-only">{kindName(t, w.kind)}</span>
          {w.categories.map((c) => (
            <span key={c} className="hall-tile-cat" aria-hidden="true">
              {c}
            </span>
          ))}
        </span>
      </div>
      <div className={`hall-tile-number${flashKey ? ' hall-flash' : ''}`} key={flashKey ?? 'still'}>
        {w.current ? w.current.number : <span className="hall-tile-idle">{t(w.open ? 'hall.display.idle' : 'hall.display.closed')}</span>}
      </div>
      <div className="hall-tile-foot">{w.current ? statusName(t, w.current.status) : w.staff?.name ? t('hall.display.staffed') : '\u00a0'}</div>
    </li>
  );
}

/** /display/:hall — the hall's TV board: current calls per window, last calls, waiting counts, voice. */
export function DisplayPage() {
  const { hall = '' } = useParams();
  const { t } = usePrefs();
  const { snapshot, flash, connection } = useDisplay(hall);
  const now = useNow();
  const voice = useVoice(t('hall.display.voiceOnSpoken'));
  const spoken = useRef<string | null>(null);

  useDocumentTitle(`${snapshot?.hall.name ?? hall} · ${t('hall.display.title')}`);

  useEffect(() => {
    if (!flash || spoken.current === flash.key) return;
    spoken.current = flash.key;
    voice.say(flash.announcement);
  }, [flash, voice]);

  const hero = snapshot?.recentCalls[0];
  const heroFlash = hero && flash && flash.number === hero.number && flash.windowNumber === hero.windowNumber ? flash.key : null;
  const served = new Set(snapshot?.windows.flatMap((w) => w.categories) ?? []);

  return (
    <div className="hall-screen hall-display">
      <header className="hall-d-top">
        <h1 className="hall-d-title">
          {snapshot?.hall.name ?? hall}
          <span className="hall-d-subtitle">{t('hall.display.title')}</span>
        </h1>
        <div className="hall-d-tools">
          <time className="hall-d-clock" dateTime={now.toISOString()}>
            <span className="hall-d-date">{shanghaiDate(now)}</span> {shanghaiTime(now, true)}
          </time>
          {voice.supported ? (
            <button
              type="button"
              className={`hall-d-voice${voice.enabled ? ' on' : ''}`}
              aria-pressed={voice.enabled}
              onClick={voice.enabled ? voice.disable : voice.enable}
            >
              {t(voice.enabled ? 'hall.display.voiceOff' : 'hall.display.voiceOn')}
            </button>
          ) : (
            <span className="hall-d-novoice">{t('hall.display.noVoice')}</span>
          )}
        </div>
      </header>
      <ConnectionBanner lost={connection === 'lost'} />
      {!snapshot ? (
        <p className="hall-d-loading">{t(connection === 'lost' ? 'hall.display.reconnecting' : 'hall.display.connecting')}</p>
      ) : (
        <div className="hall-d-body">
          <div className="hall-d-main">
            <section className="hall-d-hero-wrap" aria-labelledby="hall-d-hero-h">
              <h2 id="hall-d-hero-h" className="hall-d-h2">
                {t('hall.display.current')}
              </h2>
              <div className={`hall-d-hero${heroFlash ? ' hall-flash' : ''}`} key={heroFlash ?? 'still'} aria-live="assertive" aria-atomic="true">
                {hero ? (
                  <>
                    <span className="hall-d-hero-number">{hero.number}</span>
                    <span className="hall-d-hero-arrow" aria-hidden="true">
                      →
                    </span>
                    <span className="hall-d-hero-window">{windowLabel(t, hero.windowNumber)}</span>
                    <span className="ow-sr-only">{hero.announcement}</span>
                  </>
                ) : (
                  <span className="hall-d-hero-empty">{t('hall.display.noCalls')}</span>
                )}
              </div>
            </section>
            <section aria-labelledby="hall-d-windows-h" className="hall-d-windows-wrap">
              <h2 id="hall-d-windows-h" className="hall-d-h2">
                {t('hall.display.windows')}
              </h2>
              <ul className="hall-tiles">
                {snapshot.windows.map((w) => (
                  <WindowTile key={w.id} w={w} flashKey={flash && flash.windowNumber === w.number ? flash.key : null} />
                ))}
              </ul>
            </section>
          </div>
          <div className="hall-d-side">
            <section aria-labelledby="hall-d-wait-h">
              <h2 id="hall-d-wait-h" className="hall-d-h2">
                {t('hall.display.waiting')}
              </h2>
              <ul className="hall-waits">
                {waitingEntries(snapshot.waiting, served).map(([c, n]) => (
                  <li key={c} className="hall-wait" data-category={c}>
                    <span className="hall-wait-cat">
                      <span className="hall-wait-letter">{c}</span> {categoryName(t, c)}
                    </span>
                    <span className="hall-wait-n">
                      <span className="hall-wait-count">{n}</span> {t('hall.display.people')}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="hall-d-recent-h" className="hall-d-recent-wrap">
              <h2 id="hall-d-recent-h" className="hall-d-h2">
                {t('hall.display.recent')}
              </h2>
              {snapshot.recentCalls.length === 0 ? (
                <p className="hall-d-none">{t('hall.display.noCalls')}</p>
              ) : (
                <ol className="hall-recent">
                  {snapshot.recentCalls.map((c, i) => (
                    <li key={c.ticketId} className={i === 0 ? 'first' : undefined}>
                      <span className="hall-recent-number">{c.number}</span>
                      <span className="hall-recent-window">{windowLabel(t, c.windowNumber)}</span>
                      <span className="hall-recent-time">{shanghaiTime(c.at)}</span>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </div>
        </div>
      )}
      <footer className="hall-d-foot">
        <p className="hall-d-announce">{snapshot?.announcement ?? t('hall.display.hint')}</p>
      </footer>
    </div>
  );
}
