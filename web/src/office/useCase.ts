import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { caseAction, fetchCase, isStale, type CaseView } from '../api/cases.js';
import { errorText } from '../api/http.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import type { ActionBodies } from './api.js';

export interface CaseHandle {
  c: CaseView | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** true after an action was refused as stale (the case was reloaded); cleared by the next success */
  stale: boolean;
  busy: keyof ActionBodies | null;
  /**
   * Runs an action on the version shown. Resolves 'ok' (the case view replaced by the answer),
   * 'stale' (someone else changed it: the message shown and the case reloaded), or rejects with
   * the API error (for the dialog to show beside its fields).
   */
  run<A extends keyof ActionBodies>(action: A, body: ActionBodies[A], done?: string): Promise<'ok' | 'stale'>;
}

/** Loads one case and runs actions on it with the optimistic version. */
export function useCase(caseNo: string): CaseHandle {
  const { message } = App.useApp();
  const { t, lang } = usePrefs();
  const [c, setC] = useState<CaseView | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState<keyof ActionBodies | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    fetchCase(caseNo, ctl.signal).then(
      (d) => {
        if (ctl.signal.aborted) return;
        setC(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [caseNo, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);

  const run = useCallback(
    async <A extends keyof ActionBodies>(action: A, body: ActionBodies[A], done?: string): Promise<'ok' | 'stale'> => {
      if (!c) return 'stale';
      setBusy(action);
      try {
        const next = await caseAction(c, action, body);
        setC(next);
        setStale(false);
        if (done) void message.success(done);
        return 'ok';
      } catch (e) {
        if (isStale(e)) {
          setStale(true);
          void message.warning(t('office.stale'));
          reload();
          return 'stale';
        }
        throw e;
      } finally {
        setBusy(null);
      }
    },
    [c, message, t, reload],
  );

  // an action error that no dialog shows (buttons without a form)
  useEffect(() => {
    if (error && c) void message.error(errorText(error, lang));
  }, [error, c, message, lang]);

  return { c, error, loading, reload, stale, busy, run };
}
