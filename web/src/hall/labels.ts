import { useEffect, useState } from 'react';
import type { MessageKey, Vars } from '../i18n/translate.js';
import { fetchHalls, type Category, type PriorityReason, type TicketStatus, type WindowKind } from './api.js';

type T = (key: MessageKey, vars?: Vars) => string;

const CATEGORY_KEYS: Record<Category, MessageKey> = {
  A: 'hall.cat.A',
  B: 'hall.cat.B',
  C: 'hall.cat.C',
  D: 'hall.cat.D',
  E: 'hall.cat.E',
};
const CATEGORY_HINTS: Record<Category, MessageKey> = {
  A: 'hall.catHint.A',
  B: 'hall.catHint.B',
  C: 'hall.catHint.C',
  D: 'hall.catHint.D',
  E: 'hall.catHint.E',
};
const STATUS_KEYS: Record<TicketStatus, MessageKey> = {
  waiting: 'hall.status.waiting',
  called: 'hall.status.called',
  serving: 'hall.status.serving',
  done: 'hall.status.done',
  no_show: 'hall.status.no_show',
  transferred: 'hall.status.transferred',
};
const REASON_KEYS: Record<PriorityReason, MessageKey> = {
  appointment: 'hall.reason.appointment',
  elderly: 'hall.reason.elderly',
  disabled: 'hall.reason.disabled',
  pregnant: 'hall.reason.pregnant',
  transferred: 'hall.reason.transferred',
};
const KIND_KEYS: Record<WindowKind, MessageKey> = {
  intake: 'hall.kind.intake',
  consult: 'hall.kind.consult',
  certificate: 'hall.kind.certificate',
  assist: 'hall.kind.assist',
};

export const categoryName = (t: T, c: Category) => t(CATEGORY_KEYS[c]);
export const categoryHint = (t: T, c: Category) => t(CATEGORY_HINTS[c]);
export const statusName = (t: T, s: string) => (s in STATUS_KEYS ? t(STATUS_KEYS[s as TicketStatus]) : s);
export const reasonName = (t: T, r: PriorityReason) => t(REASON_KEYS[r]);
export const kindName = (t: T, k: WindowKind) => t(KIND_KEYS[k]);
export const windowLabel = (t: T, n: number) => t('hall.windowN', { n });

/** The category a window kind serves by default. */
export const KIND_CATEGORY: Record<WindowKind, Category> = { intake: 'A', consult: 'B', certificate: 'C', assist: 'D' };

/** 3分05秒 / 1小时02分 from seconds. */
export function duration(t: T, seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('hall.dur.s', { s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('hall.dur.ms', { m, s: String(s % 60).padStart(2, '0') });
  return t('hall.dur.hm', { h: Math.floor(m / 60), m: String(m % 60).padStart(2, '0') });
}

/** The current time, ticking every `ms`. */
export function useNow(ms = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** Sets the document title while the screen is shown. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/** The hall code of the user's hall (accounts carry the hall id). */
export function useMyHallCode(hallId: string | null | undefined) {
  const [code, setCode] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (!hallId) {
      setCode(null);
      return;
    }
    const ctl = new AbortController();
    fetchHalls(ctl.signal).then(
      (r) => setCode(r.items.find((h) => h.id === hallId)?.code ?? null),
      () => {
        if (!ctl.signal.aborted) setCode(null);
      },
    );
    return () => ctl.abort();
  }, [hallId]);
  return code;
}

