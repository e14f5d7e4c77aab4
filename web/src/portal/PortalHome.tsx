import { ClockCircleOutlined, FileSearchOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { PageTitle, SectionTitle } from '../components/PageTitle.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { SCREENS } from '../screens/screens.js';

/** /portal: the applicant's front door; public. */
export function PortalHome() {
  const { t, lang } = usePrefs();
  const navigate = useNavigate();
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
        <Col xs={24} md={12}>
          <Card className="ow-card ow-portal-tile">
            <FileSearchOutlined className="ow-tile-icon" aria-hidden />
            <SectionTitle>
              <Link to="/portal/items">{t('nav.items')}</Link>
            </SectionTitle>
            <Typography.Paragraph>{t('catalog.intro')}</Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card className="ow-card ow-portal-tile">
            <SafetyCertificateOutlined className="ow-tile-icon" aria-hidden />
            <SectionTitle>
              <Link to="/verify">{t('nav.verify')}</Link>
            </SectionTitle>
            <Typography.Paragraph>{SCREENS.verify.features[lang][0]}</Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24}>
          <Card className="ow-card ow-portal-tile">
            <ClockCircleOutlined className="ow-tile-icon" aria-hidden />
            <SectionTitle>{t('portal.soonTitle')}</SectionTitle>
            <Typography.Paragraph>{t('portal.soonApply')}</Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
