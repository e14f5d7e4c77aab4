import { admin } from './areas/admin.js';
import { cases } from './areas/cases.js';
import { hall } from './areas/hall.js';
import { licenseAdmin } from './areas/licenseAdmin.js';
import { licenses } from './areas/licenses.js';
import { office } from './areas/office.js';
import { baseEn } from './en.js';
import { base } from './zh.js';

export type Lang = 'zh' | 'en';
export type Vars = Record<string, string | number>;

// Each screen area keeps its own dictionary (web/src/i18n/areas); they merge here.
const zh = { ...base, ...admin.zh, ...hall.zh, ...cases.zh, ...office.zh, ...licenses.zh, ...licenseAdmin.zh };
export type MessageKey = keyof typeof zh;
const en: Record<MessageKey, string> = { ...baseEn, ...admin.en, ...hall.en, ...cases.en, ...office.en, ...licenses.en, ...licenseAdmin.en };

const DICTS: Record<Lang, Record<MessageKey, string>> = { zh, en };

/** The text of `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = DICTS[lang][key] ?? zh[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** BCP 47 tag for <html lang>. */
export const htmlLang = (lang: Lang): string => (lang === 'zh' ? 'zh-CN' : 'en');
