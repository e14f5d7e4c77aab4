import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { request } from '../api/http.js';
import { useAsync } from '../api/useAsync.js';
import { usePrefs } from '../prefs/PrefsContext.js';

interface Warning {
  code: string;
  years: number[];
  zh: string;
  en: string;
}

/** The visible warning when the coming year has no holiday arrangement yet. */
export function CalendarWarnings({ link = false }: { link?: boolean }) {
  const { lang, t } = usePrefs();
  const w = useAsync((signal) => request<{ warnings: Warning[] }>('/api/v1/calendar/warnings', { signal }), []);
  if (!w.data?.warnings.length) return null;
  return (
    <>
      {w.data.warnings.map((x) => (
        <Alert
          key={x.code + x.years.join()}
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          role="alert"
          message={lang === 'zh' ? x.zh : x.en}
          action={link ? <Link to="/admin/calendar">{t('adm.cal.title')}</Link> : undefined}
        />
      ))}
    </>
  );
}
