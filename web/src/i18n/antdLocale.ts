import type { ConfigProviderProps } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import type { Lang } from './translate.js';

type Locale = NonNullable<ConfigProviderProps['locale']>;

/**
 * antd ships its locales as ES modules without "type": "module", so TypeScript (NodeNext) sees a
 * CommonJS namespace while Vite hands over the default export. Accept either shape.
 */
function unwrap(m: unknown): Locale {
  const maybe = m as { default?: Locale; locale?: string };
  return (typeof maybe.locale === 'string' ? maybe : maybe.default) as Locale;
}

const LOCALES: Record<Lang, Locale> = { zh: unwrap(zhCNModule), en: unwrap(enUSModule) };

export const antdLocale = (lang: Lang): Locale => LOCALES[lang];
