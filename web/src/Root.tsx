import { App as AntApp, ConfigProvider, Empty } from 'antd';
import { useMemo } from 'react';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App.js';
import { AuthProvider } from './auth/AuthContext.js';
import { antdLocale } from './i18n/antdLocale.js';
import { PrefsProvider, usePrefs } from './prefs/PrefsContext.js';
import { buildTheme } from './theme/theme.js';

/** antd's Empty with a description dark enough for WCAG AA. */
function AccessibleEmpty() {
  const { t } = usePrefs();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="ow-empty-text">{t('common.empty')}</span>} />;
}

function Themed() {
  const { lang, largeText } = usePrefs();
  const theme = useMemo(() => buildTheme(largeText), [largeText]);
  return (
    <ConfigProvider locale={antdLocale(lang)} theme={theme} renderEmpty={() => <AccessibleEmpty />} componentSize={largeText ? 'large' : 'middle'}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function Root() {
  return (
    <PrefsProvider>
      <Themed />
    </PrefsProvider>
  );
}
