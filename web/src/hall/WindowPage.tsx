import { Typography } from 'antd';
import { PageTitle } from '../components/PageTitle.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { CallingPanel } from './CallingPanel.js';

/** /hall/window — the calling panel on its own page (window staff: clerk, cert, assistant). */
export function WindowPage() {
  const { t } = usePrefs();
  return (
    <>
      <PageTitle>{t('hall.window.title')}</PageTitle>
      <Typography.Paragraph>{t('hall.window.intro')}</Typography.Paragraph>
      <CallingPanel />
    </>
  );
}
