import { Breadcrumb, Card } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { fetchCase, type CaseView } from '../../api/cases.js';
import { useAsync } from '../../api/useAsync.js';
import { PageTitle, SectionTitle } from '../../components/PageTitle.js';
import { Loading } from '../../components/Status.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { fetchItemVersion, type HeldLicence } from '../api.js';
import { StatusTag } from '../labels.js';
import { CaseDocuments, CaseFacts, CaseLoadFailure, CaseNumber, CaseTimeline, MaterialsView } from '../parts/CaseParts.js';
import { MaterialUpdate } from '../parts/MaterialUpdate.js';
import { myHeldLicences } from './ApplyPage.js';
import '../cases.css';

/** /portal/cases/:caseNo — the applicant's case: status, timeline, documents; bring missing materials. */
export function MyCasePage() {
  const { t } = usePrefs();
  const { caseNo = '' } = useParams();
  const [override, setOverride] = useState<CaseView | null>(null);
  const loaded = useAsync(
    async (signal) => {
      const c = await fetchCase(caseNo, signal);
      const needsForm = c.allowedActions.includes('complete') || (c.allowedActions.includes('supplement') && c.outstandingDeferred.length > 0);
      const [item, held] = needsForm
        ? await Promise.all([fetchItemVersion(c.item.code, c.item.version, signal), myHeldLicences(signal).catch(() => new Map<string, HeldLicence>())])
        : [null, new Map<string, HeldLicence>()];
      return { c, item, held };
    },
    [caseNo],
  );
  const crumbs = (
    <Breadcrumb aria-label={t('common.breadcrumb')} className="ow-breadcrumb" items={[{ title: <Link to="/portal/cases">{t('case.my.title')}</Link> }, { title: caseNo }]} />
  );
  if (loaded.error !== undefined) return <CaseLoadFailure error={loaded.error} caseNo={caseNo} crumbs={crumbs} onRetry={loaded.reload} className="ow-page ow-case-phone" />;
  if (!loaded.data) return <Loading />;
  const { item, held } = loaded.data;
  const c = override && override.version >= loaded.data.c.version ? override : loaded.data.c;
  const done = (next: CaseView) => {
    setOverride(next);
    loaded.reload();
  };

  return (
    <div className="ow-page ow-case-phone">
      {crumbs}
      <PageTitle title={`${c.item.name} ${c.caseNo}`}>{c.item.name}</PageTitle>
      <Card className="ow-card">
        <CaseNumber caseNo={c.caseNo} />
        <div className="ow-case-status-line" aria-live="polite">
          <StatusTag status={c.status} />
          {c.status === 'concluded' && <strong>{t('case.progress.concluded')}</strong>}
        </div>
        {c.status === 'pending_completion' && c.notice && (
          <p className="ow-case-hint">{t('case.detail.noticeGiven', { list: c.notice.missing.map((m) => m.name).join('、') })}</p>
        )}
        {c.status === 'submitted' && c.deemOn && <p className="ow-case-hint">{t('case.apply.doneHint', { date: c.deemOn })}</p>}
      </Card>
      {item && c.allowedActions.includes('complete') && (
        <Card className="ow-card">
          <MaterialUpdate key={`c-${c.version}`} c={c} item={item} mode="complete" staff={false} held={held} onDone={done} />
        </Card>
      )}
      {item && c.allowedActions.includes('supplement') && c.outstandingDeferred.length > 0 && (
        <Card className="ow-card">
          <MaterialUpdate key={`s-${c.version}`} c={c} item={item} mode="supplement" staff={false} held={held} onDone={done} />
        </Card>
      )}
      <Card className="ow-card">
        <SectionTitle id="my-case-tl">{t('case.timeline')}</SectionTitle>
        <CaseTimeline entries={c.timeline.map((e) => ({ at: e.at, action: e.action, actionName: e.actionName, to: e.to, reason: e.reason }))} />
      </Card>
      <Card className="ow-card">
        <SectionTitle id="my-case-docs">{t('case.docs.title')}</SectionTitle>
        <CaseDocuments documents={c.documents} caseNo={c.caseNo} />
      </Card>
      <Card className="ow-card">
        <SectionTitle id="my-case-facts">{t('case.detail.facts')}</SectionTitle>
        <CaseFacts c={c} />
      </Card>
      <Card className="ow-card">
        <SectionTitle id="my-case-materials">{t('case.detail.materials')}</SectionTitle>
        <MaterialsView materials={c.materials} fileLinks />
      </Card>
    </div>
  );
}
