import { ClockCircleOutlined, FileSearchOutlined, IdcardOutlined, ProfileOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext.js';
import { PageTitle, SectionTitle } from '../components/PageTitle.js';
import type { MessageKey } from '../i18n/translate.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { SCREENS } from '../screens/screens.js';

/** /portal: the applicant's front door; public. */
export function PortalHome() {
  const { t, lang } = usePrefs();
  const navigate = useNavigate();
  const { actor } = useAuth();
  const isApplicant = !!actor?.roles.includes('applicant');
  const tiles: { to: string; title: MessageKey; text: string; icon: typeof FileSearchOutlined }[] = [
    { to: '/portal/items', title: 'nav.items', text: t('catalog.intro'), icon: FileSearchOutlined },
    { to: '/portal/progress', title: 'nav.progress', text: t('portal.progressText'), icon: ClockCircleOutlined },
    ...(isApplicant
      ? [
          { to: '/portal/cases', title: 'nav.myCases' as const, text: t('portal.myCasesText'), icon: ProfileOutlined },
          { to: '/portal/licenses', title: 'lic.wallet.title' as const, text: t('portal.walletText'), icon: IdcardOutlined },
        ]
      : []),
    { to: '/verify', title: 'nav.verify', text: SCREENS.verify.features[lang][0], icon: SafetyCertificateOutlined },
  ];
  return (
    <div className="ow-page">
      <PageTitle>{t('portal.title')}</PageTitle>
      <Typography.Paragraph>{t('portal.intro')}</Typography.Paragraph>
      <Card className="ow-card">
        <Form
          name="portal-search"
          layout="vertical"
          role="search"
          aria-label={t('portal.searchLabel')}
          onFinish={(v: { q?: string }) => navigate(`/portal/items${v.q?.trim() ? `?q=${encodeURIComponent(v.q.trim())}` : ''}`)}
        >
          <Form.Item label={t('portal.searchLabel')} name="q">
            <Input type="search" size="large" placeholder={t('portal.searchPlaceholder')} autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large">
            {t('common.search')}
          </Button>
        </Form>
      </Card>
      <Row gutter={[16, 16]}>
        {tiles.map((tile) => (
          <Col xs={24} md={12} key={tile.to}>
            <Card className="ow-card ow-portal-tile">
              <tile.icon className="ow-tile-icon" aria-hidden />
              <SectionTitle>
                <Link to={tile.to}>{t(tile.title)}</Link>
              </SectionTitle>
              <Typography.Paragraph>{tile.text}</Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
      {!isApplicant && <Typography.Paragraph>{t('portal.loginToApply')}</Typography.Paragraph>}
    </div>
  );
}
