import { QrcodeOutlined, RightOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAsync } from '../api/useAsync.js';
import { PageTitle, SectionTitle } from '../components/PageTitle.js';
import { ErrorAlert, Loading } from '../components/Status.js';
import { useT } from '../prefs/PrefsContext.js';
import { fetchMyLicenses, type LicenseSummary } from './api.js';
import { StatusTag, useValidity } from './labels.js';
import { ScenarioList } from './ScenarioList.js';
import './licenses.css';

/** /portal/licenses — 我的证照: the holder's wallet. */
export function WalletPage() {
  const t = useT();
  const { data, error, loading, reload } = useAsync((signal) => fetchMyLicenses(signal), []);
  return (
    <div className="ow-page ow-lic-page">
      <PageTitle title={t('lic.wallet.title')} extra={data ? <span className="ow-lic-muted">{t('lic.wallet.count', { n: data.total })}</span> : undefined}>
        {t('lic.wallet.title')}
      </PageTitle>
      <Typography.Paragraph>{t('lic.wallet.intro')}</Typography.Paragraph>
      {error !== undefined ? (
        <ErrorAlert title={t('lic.wallet.loadError')} error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading />
      ) : data && data.items.length === 0 ? (
        <Card className="ow-card">
          <Typography.Paragraph className="ow-lic-empty">{t('lic.wallet.empty')}</Typography.Paragraph>
        </Card>
      ) : (
        <Row gutter={[16, 16]} className="ow-lic-wallet" role="list">
          {data?.items.map((l) => (
            <Col key={l.id} xs={24} md={12} xl={8} role="listitem">
              <LicenseCard l={l} />
            </Col>
          ))}
        </Row>
      )}
      {data && data.items.length > 0 && (
        <section className="ow-lic-section" aria-labelledby="lic-wallet-scen">
          <SectionTitle id="lic-wallet-scen">{t('lic.wallet.scenarios')}</SectionTitle>
          <ScenarioList headingId="lic-wallet-scen" typeCodes={[...new Set(data.items.filter((l) => l.status === 'valid').map((l) => l.typeCode))]} />
          <Typography.Paragraph>
            <Link to="/verify">{t('lic.wallet.allScenarios')}</Link>
          </Typography.Paragraph>
        </section>
      )}
    </div>
  );
}

function LicenseCard({ l }: { l: LicenseSummary }) {
  const t = useT();
  const validity = useValidity();
  const headingId = `lic-card-${l.id}`;
  return (
    <Card className={`ow-lic-card ow-lic-card-${l.status}`} aria-labelledby={headingId}>
      <div className="ow-lic-card-head">
        <SafetyCertificateOutlined className="ow-lic-card-icon" aria-hidden />
        <h2 className="ow-lic-card-title" id={headingId}>
          <Link to={`/portal/licenses/${l.id}`}>{l.typeName}</Link>
        </h2>
        <StatusTag status={l.status} />
      </div>
      <dl className="ow-lic-dl">
        <dt>{t('lic.f.holder')}</dt>
        <dd>{l.holder.name}</dd>
        <dt>{t('lic.f.validity')}</dt>
        <dd>{validity(l)}</dd>
        <dt>{t('lic.f.issuer')}</dt>
        <dd>{l.issuer.name}</dd>
        <dt>{t('lic.f.identifier')}</dt>
        <dd className="ow-code ow-lic-ident">{l.identifier}</dd>
      </dl>
      <div className="ow-lic-card-actions">
        {l.status === 'valid' && (
          <Link className="ow-lic-btn ow-lic-btn-primary" to={`/portal/licenses/${l.id}/present`} aria-label={`${t('lic.wallet.present')} · ${l.typeName}`}>
            <QrcodeOutlined aria-hidden /> {t('lic.wallet.present')}
          </Link>
        )}
        <Link className="ow-lic-btn" to={`/portal/licenses/${l.id}`} aria-label={`${t('lic.wallet.open')} · ${l.typeName}`}>
          {t('lic.wallet.open')} <RightOutlined aria-hidden />
        </Link>
      </div>
    </Card>
  );
}
