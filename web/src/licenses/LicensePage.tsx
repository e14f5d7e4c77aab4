import { DownloadOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, List, Result, Space, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/http.js';
import { useAsync } from '../api/useAsync.js';
import { PageTitle, SectionTitle } from '../components/PageTitle.js';
import { ErrorAlert, Loading } from '../components/Status.js';
import { useT } from '../prefs/PrefsContext.js';
import { claimText, credentialUrl, fetchMyLicense, fetchVerifications, type LicenseDetail, type VerificationRecord } from './api.js';
import { GrantsPanel } from './GrantsPanel.js';
import { formatInstant, StatusTag, statusKey, ToneTag, useValidity, verdictOf } from './labels.js';
import './licenses.css';

/** /portal/licenses/:id — one licence: fields, 亮证, download, verification log, grants, history. */
export function LicensePage() {
  const t = useT();
  const { id = '' } = useParams();
  const { data: lic, error, loading, reload } = useAsync((signal) => fetchMyLicense(id, signal), [id]);

  const crumbs = (
    <Breadcrumb
      aria-label={t('common.breadcrumb')}
      className="ow-breadcrumb"
      items={[{ title: <Link to="/portal/licenses">{t('lic.detail.back')}</Link> }, { title: lic?.typeName ?? '' }]}
    />
  );
  if (error !== undefined) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <div className="ow-page ow-lic-page">
        {crumbs}
        <PageTitle>{missing ? t('lic.detail.notFound') : t('lic.detail.loadError')}</PageTitle>
        {missing ? <Result status="404" extra={<Link to="/portal/licenses">{t('lic.detail.back')}</Link>} /> : <ErrorAlert error={error} onRetry={reload} />}
      </div>
    );
  }
  if (loading && !lic) return <Loading />;
  if (!lic) return null;

  return (
    <div className="ow-page ow-lic-page">
      {crumbs}
      <PageTitle title={lic.typeName} extra={<StatusTag status={lic.status} />}>
        {lic.typeName}
      </PageTitle>
      <p className="ow-code ow-lic-ident ow-lic-subline">{lic.identifier}</p>

      <Card className="ow-card ow-lic-actions-card">
        {lic.status === 'valid' ? (
          <div className="ow-lic-actions">
            <Link className="ow-lic-btn ow-lic-btn-primary ow-lic-btn-big" to={`/portal/licenses/${lic.id}/present`}>
              <QrcodeOutlined aria-hidden /> {t('lic.detail.present')}
            </Link>
            <span className="ow-lic-muted">{t('lic.detail.presentHint')}</span>
          </div>
        ) : (
          <Alert type="warning" showIcon title={t('lic.detail.notPresentable', { status: t(statusKey(lic.status)) })} description={lic.statusReason ?? undefined} />
        )}
        <div className="ow-lic-actions ow-lic-actions-second">
          <a className="ow-lic-btn" href={credentialUrl(lic.id)} download={`${lic.identifier}.sd-jwt`}>
            <DownloadOutlined aria-hidden /> {t('lic.detail.download')}
          </a>
          <span className="ow-lic-muted">{t('lic.detail.downloadHint')}</span>
        </div>
      </Card>

      <Card className="ow-card">
        <section aria-labelledby="lic-fields">
          <SectionTitle id="lic-fields">{t('lic.detail.fields')}</SectionTitle>
          <LicenseFields lic={lic} />
        </section>
      </Card>

      <Card className="ow-card">
        <section aria-labelledby="lic-log">
          <SectionTitle id="lic-log">{t('lic.detail.verifications')}</SectionTitle>
          <Typography.Paragraph className="ow-lic-muted">{t('lic.detail.verificationsIntro')}</Typography.Paragraph>
          <VerificationLog lic={lic} />
        </section>
      </Card>

      <Card className="ow-card">
        <section aria-labelledby="lic-grants">
          <SectionTitle id="lic-grants">{t('lic.grant.title')}</SectionTitle>
          <GrantsPanel lic={lic} />
        </section>
      </Card>

      <Card className="ow-card">
        <section aria-labelledby="lic-history">
          <SectionTitle id="lic-history">{t('lic.detail.history')}</SectionTitle>
          <History lic={lic} />
        </section>
      </Card>
    </div>
  );
}

function LicenseFields({ lic }: { lic: LicenseDetail }) {
  const t = useT();
  const validity = useValidity();
  const items = [
    ...lic.fields.map((f) => ({ key: `c-${f.key}`, label: f.label, children: <span className="ow-pre">{claimText(f.value)}</span> })),
    { key: 's-holder', label: t('lic.f.holder'), children: lic.holder.name },
    { key: 's-holderCode', label: t('lic.f.holderCode'), children: <span className="ow-code">{lic.holder.code}</span> },
    { key: 's-validity', label: t('lic.f.validity'), children: validity(lic) },
    { key: 's-issuer', label: t('lic.f.issuer'), children: lic.issuer.name },
    { key: 's-issuedOn', label: t('lic.f.issuedOn'), children: lic.issuedOn },
    { key: 's-version', label: t('lic.f.version'), children: t('lic.f.versionN', { n: lic.version }) },
    { key: 's-source', label: t('lic.f.source'), children: lic.source === 'imported' ? t('lic.f.sourceImported') : t('lic.f.sourceIssued') },
    ...(lic.caseNo ? [{ key: 's-case', label: t('lic.f.caseNo'), children: <span className="ow-code">{lic.caseNo}</span> }] : []),
    ...(lic.statusReason ? [{ key: 's-reason', label: t('lic.f.statusReason'), children: lic.statusReason }] : []),
  ];
  return <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} items={items} className="ow-lic-desc" />;
}

const LOG_PAGE = 10;

function VerificationLog({ lic }: { lic: LicenseDetail }) {
  const t = useT();
  const { data, error, loading, reload } = useAsync((signal) => fetchVerifications(lic.id, signal), [lic.id]);
  const [all, setAll] = useState(false);
  const labels = useMemo(() => new Map(lic.disclosable.map((d) => [d.key, d.label])), [lic.disclosable]);
  if (error !== undefined) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading && !data) return <Loading />;
  const items = data?.items ?? [];
  if (items.length === 0) return <Typography.Paragraph className="ow-lic-empty">{t('lic.detail.noVerifications')}</Typography.Paragraph>;
  const shown = all ? items : items.slice(0, LOG_PAGE);
  return (
    <>
      <List className="ow-lic-log" dataSource={shown} renderItem={(v) => <LogItem key={v.id} v={v} labels={labels} />} />
      {!all && items.length > LOG_PAGE && (
        <Button type="link" onClick={() => setAll(true)}>
          {t('lic.detail.moreVerifications', { n: items.length })}
        </Button>
      )}
    </>
  );
}

function LogItem({ v, labels }: { v: VerificationRecord; labels: Map<string, string> }) {
  const t = useT();
  const verdict = verdictOf(v.result);
  const fields = v.disclosed.map((k) => labels.get(k) ?? k);
  return (
    <List.Item>
      <div className="ow-lic-log-item">
        <Space size={[8, 4]} wrap>
          <ToneTag tone={verdict.tone} icon={verdict.icon}>
            {t(verdict.title)}
          </ToneTag>
          <time dateTime={v.at}>{formatInstant(v.at)}</time>
          <span>{t(`lic.log.channel.${v.channel}`)}</span>
        </Space>
        <div className="ow-lic-log-meta">
          {v.verifierIp && <span>{t('lic.log.ip', { ip: v.verifierIp })}</span>}
          {v.audience && <span>{t('lic.log.audience', { audience: v.audience })}</span>}
          {v.orgUscc && <span>{t('lic.log.org', { uscc: v.orgUscc })}</span>}
          <span>{fields.length ? t('lic.log.disclosed', { fields: fields.join('、') }) : t('lic.log.nothingDisclosed')}</span>
        </div>
      </div>
    </List.Item>
  );
}

function History({ lic }: { lic: LicenseDetail }) {
  const t = useT();
  const ops = [...lic.operations].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <>
      <Timeline
        className="ow-lic-timeline"
        items={ops.map((o, i) => ({
          key: `${o.at}-${i}`,
          content: (
            <div>
              <strong>
                {o.code} {o.name}
              </strong>{' '}
              <time dateTime={o.at}>{formatInstant(o.at)}</time>
              {o.actor && <div className="ow-lic-muted">{t('lic.detail.opBy', { actor: o.actor })}</div>}
              {o.reason && <div>{t('lic.detail.opReason', { reason: o.reason })}</div>}
              <div className="ow-code ow-lic-ident ow-lic-muted">{o.identifier}</div>
            </div>
          ),
        }))}
      />
      {lic.versions.length > 1 && (
        <>
          <Typography.Title level={3} className="ow-lic-h3">
            {t('lic.detail.versions')}
          </Typography.Title>
          <ul className="ow-lic-versions">
            {lic.versions.map((v) => (
              <li key={v.id}>
                {v.id === lic.id ? (
                  <span>
                    {t('lic.f.versionN', { n: v.version })} · {t('lic.detail.current')}
                  </span>
                ) : (
                  <Link to={`/portal/licenses/${v.id}`}>{t('lic.f.versionN', { n: v.version })}</Link>
                )}{' '}
                <StatusTag status={v.status} /> <span className="ow-lic-muted">{v.issuedOn}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
