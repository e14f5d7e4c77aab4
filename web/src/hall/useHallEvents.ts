import { useEffect, useReducer, useRef, useState } from 'react';
import { hallEventsUrl, type CallEvent, type DisplaySnapshot, type TicketEvent, type Waiting, type WindowEvent } from './api.js';

/** How many recent calls a display keeps. */
export const RECENT_CALLS = 10;

export type HallEvent =
  | { type: 'snapshot'; data: DisplaySnapshot }
  | { type: 'call'; data: CallEvent }
  | { type: 'ticket'; data: TicketEvent }
  | { type: 'window'; data: WindowEvent };

/** The newest call, for the flashing highlight and the voice announcement. */
export interface Flash {
  key: string;
  number: string;
  windowNumber: number;
  announcement: string;
  recall: number;
}

export interface DisplayState {
  snapshot: DisplaySnapshot | null;
  flash: Flash | null;
}

/** Keeps the categories the snapshot named (with zeroes) and takes the fresh counts. */
function mergeWaiting(before: Waiting, fresh: Waiting | undefined): Waiting {
  if (!fresh) return before;
  const out: Waiting = {};
  for (const k of Object.keys(before) as (keyof Waiting)[]) out[k] = fresh[k] ?? 0;
  for (const k of Object.keys(fresh) as (keyof Waiting)[]) out[k] = fresh[k] ?? 0;
  return out;
}

/** Applies one hall event to the display state (the snapshot replaces everything). */
export function displayReducer(state: DisplayState, ev: HallEvent): DisplayState {
  if (ev.type === 'snapshot') return { snapshot: ev.data, flash: state.flash };
  const s = state.snapshot;
  if (!s) return state;
  switch (ev.type) {
    case 'call': {
      const d = ev.data;
      const current = { ticketId: d.ticket.id, number: d.ticket.number, category: d.ticket.category, status: 'called', calledAt: d.at, recalls: d.recall };
      const call = {
        ticketId: d.ticket.id,
        number: d.ticket.number,
        category: d.ticket.category,
        status: 'called',
        windowNumber: d.windowNumber,
        at: d.at,
        announcement: d.announcement,
      };
      return {
        snapshot: {
          ...s,
          windows: s.windows.map((w) => (w.id === d.windowId ? { ...w, current } : w.current?.ticketId === d.ticket.id ? { ...w, current: null } : w)),
          recentCalls: [call, ...s.recentCalls.filter((c) => c.ticketId !== d.ticket.id)].slice(0, RECENT_CALLS),
          waiting: mergeWaiting(s.waiting, d.waiting),
          announcement: d.announcement,
        },
        flash: { key: `${d.ticket.id}:${d.recall}:${d.at}`, number: d.ticket.number, windowNumber: d.windowNumber, announcement: d.announcement, recall: d.recall },
      };
    }
    case 'ticket': {
      const d = ev.data;
      const ended = d.action === 'done' || d.action === 'no_show' || d.action === 'transferred';
      return {
        ...state,
        snapshot: {
          ...s,
          windows: s.windows.map((w) => {
            if (w.current?.ticketId !== d.ticket.id) return w;
            return ended ? { ...w, current: null } : { ...w, current: { ...w.current, status: d.ticket.status } };
          }),
          recentCalls: s.recentCalls.map((c) => (c.ticketId === d.ticket.id ? { ...c, status: d.ticket.status } : c)),
          waiting: mergeWaiting(s.waiting, d.waiting),
        },
      };
    }
    case 'window': {
      const d = ev.data;
      return {
        ...state,
        snapshot: { ...s, windows: s.windows.map((w) => (w.id === d.window.id ? { ...w, ...d.window, current: w.current } : w)) },
      };
    }
  }
}

export type Connection = 'connecting' | 'open' | 'lost';

/**
 * Subscribes to a hall's Server-Sent Events. EventSource reconnects by itself (the server asks
 * for 2 s); when the browser gives up (the stream answered with an error) we start a new one.
 * Every (re)connection begins with a fresh `snapshot` event.
 */
export function useHallEvents(hallCode: string | undefined, onEvent: (ev: HallEvent) => void): Connection {
  const [conn, setConn] = useState<Connection>('connecting');
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    if (!hallCode || typeof EventSource === 'undefined') return;
    let es: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const parse = <T,>(type: HallEvent['type']) => (m: MessageEvent<string>) => {
      try {
        handler.current({ type, data: JSON.parse(m.data) as T } as HallEvent);
      } catch {
        /* a malformed frame is skipped; the next snapshot repairs the state */
      }
    };
    const open = () => {
      if (stopped) return;
      es = new EventSource(hallEventsUrl(hallCode));
      es.addEventListener('snapshot', (m) => {
        setConn('open');
        parse<DisplaySnapshot>('snapshot')(m);
      });
      es.addEventListener('call', parse<CallEvent>('call'));
      es.addEventListener('ticket', parse<TicketEvent>('ticket'));
      es.addEventListener('window', parse<WindowEvent>('window'));
      es.onerror = () => {
        setConn('lost');
        if (es && es.readyState === EventSource.CLOSED) {
          es.close();
          retry = setTimeout(open, 3000);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      es?.close();
    };
  }, [hallCode]);

  return conn;
}

/** The display state of a hall, live. */
export function useDisplay(hallCode: string | undefined): DisplayState & { connection: Connection } {
  const [state, dispatch] = useReducer(displayReducer, { snapshot: null, flash: null });
  const connection = useHallEvents(hallCode, dispatch);
  return { ...state, connection };
}
