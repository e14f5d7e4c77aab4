import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as authApi from '../api/auth.js';
import type { Actor } from '../api/types.js';

export interface Auth {
  /** undefined while the session is being checked; null when nobody is logged in */
  actor: Actor | null | undefined;
  /** the error of the session check, if the server could not be reached */
  error: unknown;
  /** true after an explicit logout in this tab (so guarded pages do not ask to come back) */
  loggedOut: boolean;
  login(username: string, password: string): Promise<Actor>;
  logout(): Promise<void>;
  refresh(): Promise<Actor | null>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [actor, setActor] = useState<Actor | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loggedOut, setLoggedOut] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const me = await authApi.fetchMe();
      setActor(me);
      setError(undefined);
      return me;
    } catch (e) {
      setActor(null);
      setError(e);
      return null;
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(async (username: string, password: string) => {
    const { actor: a } = await authApi.login(username, password);
    setActor(a);
    setLoggedOut(false);
    return a;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setLoggedOut(true);
      setActor(null);
    }
  }, []);

  const value = useMemo(() => ({ actor, error, loggedOut, login, logout, refresh }), [actor, error, loggedOut, login, logout, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}
