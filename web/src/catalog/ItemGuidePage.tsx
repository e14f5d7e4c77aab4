import { Breadcrumb, Card, Result, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { fetchItem } from '../api/catalog.js';
import { ApiError } from '../api/http.js';
import { useAsync } from '../api/useAsync.js';
import { PageTitle, SectionTitle } from '../components/PageTitle.js';
import { ErrorAlert, Loading } from '../components/Status.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { GuideBasics } from './guide/GuideBasics.js';
import { GuideMaterials } from './guide/GuideMaterials.js';
import { GuideProcess } from './guide/GuideProcess.js';
import { GuideContacts, GuideText } from './guide/GuideText.js';
import { label } from './labels.js';
import { ToneTag } from './Tags.js';

/** /portal/items/:code — the 办事指南 of one service item. */
export function ItemGuidePage() {
  const { t, lang } = usePrefs();
  const { code = '' } = useParams();
  const { data: item, error, loading, reload } = useAsync((signal) => fetchItem(code, signal), [code]);

  const crumbs = (
    <Breadcrumb
      aria-label={t('common.breadcrumb')}
      className="ow-breadcrumb"
      items={[{ title: <Link to="/portal/items">{t('catalog.title')}</Link> }, { title: item?.name ?? code }]}
    />
  );

  if (error !== undefined) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <div className="ow-page">
        {crumbs}
        <PageTitle>{missing ? t('guide.notFound') : t('guide.loadError')}</PageTitle>
        {missing ? <Result status="404" subTitle={code} extra={<Link to="/portal/items">{t('catalog.title')}</Link>} /> : <ErrorAlert error={error} onRetry={reload} />}
      </div>
    );
  }
  if (loading || !item) return <Loading />;

  return (
    <div className="ow-page ow-guide">
      {crumbs}
      <PageTitle title={item.name}>{item.name}</PageTitle>
      <Space size={[8, 8]} wrap className="ow-guide-tags">
        <ToneTag tone="blue">{lang === 'zh' && item.typeName ? item.typeName : label('itemType', item.type, lang)}</ToneTag>
        <ToneTag tone={item.caseKind === 1 ? 'green' : 'blue'}>{label('caseKind', item.caseKind, lang)}</ToneTag>
        {item.commitmentAllowed && <ToneTag tone="orange">{t('guide.commitmentYes')}</ToneTag>}
        <ToneTag tone="grey">{item.departmentName}</ToneTag>
      </Space>
      {item.handlingForms.includes(2) && (
        <Link to={`/portal/apply/${item.code}`} className="ant-btn ant-btn-primary ow-apply-online">
          {t('guide.applyOnline')}
        </Link>
      )}

      <Card className="ow-card">
        <SectionTitle>{t('guide.basic')}</SectionTitle>
        <GuideBasics item={item} />
      </Card>
      <Card className="ow-card">
        <SectionTitle>{t('guide.conditions')}</SectionTitle>
        <GuideText text={item.guide.conditions} />
      </Card>
      <Card className="ow-card">
        <SectionTitle>{t('guide.materials')}</SectionTitle>
        <GuideMaterials item={item} />
      </Card>
      <Card className="ow-card">
        <SectionTitle>{t('guide.process')}</SectionTitle>
        <GuideProcess item={item} />
      </Card>
      <Card className="ow-card">
        <SectionTitle>{t('guide.legalBasis')}</SectionTitle>
        <GuideText text={item.guide.legalBasis} />
      </Card>
      <Card className="ow-card">
        <SectionTitle>{t('guide.contacts')}</SectionTitle>
        <GuideContacts item={item} />
      </Card>
    </div>
  );
}
