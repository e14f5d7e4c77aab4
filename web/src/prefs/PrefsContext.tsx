import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { htmlLang, translate, type Lang, type MessageKey, type Vars } from '../i18n/translate.js';
import { readPref, writePref } from './storage.js';

const LANG_KEY = 'ow.lang';
const LARGE_KEY = 'ow.largeText';

export interface Prefs {
  lang: Lang;
  setLang(lang: Lang): void;
  /** 适老化: large text and controls */
  largeText: boolean;
  setLargeText(on: boolean): void;
  t(key: MessageKey, vars?: Vars): string;
}

const PrefsContext = createContext<Prefs | null>(null);

function initialLang(): Lang {
  const saved = readPref(LANG_KEY);
  return saved === 'en' || saved === 'zh' ? saved : 'zh';
}

/** Language and large-text mode, persisted in localStorage and reflected on <html>. */
export function PrefsProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [largeText, setLargeState] = useState<boolean>(() => readPref(LARGE_KEY) === '1');

  useEffect(() => {
    document.documentElement.lang = htmlLang(lang);
  }, [lang]);
  useEffect(() => {
    document.documentElement.classList.toggle('ow-large', largeText);
  }, [largeText]);

  const setLang = useCallback((l: Lang) => {
    writePref(LANG_KEY, l);
    setLangState(l);
  }, []);
  const setLargeText = useCallback((on: boolean) => {
    writePref(LARGE_KEY, on ? '1' : '0');
    setLargeState(on);
  }, []);
  const t = useCallback((key: MessageKey, vars?: Vars) => translate(lang, key, vars), [lang]);

  const value = useMemo(() => ({ lang, setLang, largeText, setLargeText, t }), [lang, setLang, largeText, setLargeText, t]);
  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): Prefs {
  const p = useContext(PrefsContext);
  if (!p) throw new Error('usePrefs outside PrefsProvider');
  return p;
}

/** Shorthand for components that only translate. */
export const useT = () => usePrefs().t;
