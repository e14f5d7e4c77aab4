import { ToolOutlined } from '@ant-design/icons';
import { Card, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { PageTitle } from '../components/PageTitle.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import type { Screen } from '../screens/screens.js';

/** A polite placeholder for a screen that is not built yet, saying what it will do. */
export function ComingSoon({ screen, subtitle, children }: { screen: Screen; subtitle?: string; children?: ReactNode }) {
  const { t, lang } = usePrefs();
  return (
    <div className="ow-page">
      <PageTitle title={t(screen.nav)} extra={<Tag className="ow-tag ow-tag-soon">{t('soon.badge')}</Tag>}>
        {t(screen.nav)}
        {subtitle && <span className="ow-subtitle"> · {subtitle}</span>}
      </PageTitle>
      <Card>
        <Space align="start" size="large" className="ow-soon">
          <ToolOutlined className="ow-soon-icon" aria-hidden />
          <div>
            <Typography.Paragraph strong>{t('soon.title')}</Typography.Paragraph>
            <Typography.Paragraph>{t('soon.intro')}</Typography.Paragraph>
            <ul className="ow-soon-list">
              {screen.features[lang].map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
            {children}
            <Typography.Paragraph>
              {t('soon.meanwhile')} <Link to="/portal/items">{t('nav.items')}</Link>
            </Typography.Paragraph>
          </div>
        </Space>
      </Card>
    </div>
  );
}
