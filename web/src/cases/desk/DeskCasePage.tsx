import { CheckOutlined, CloseCircleOutlined, PrinterOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Checkbox, Col, Input, Row, Space } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { caseAction, fetchCase, shanghaiToday, type CaseAction, type CaseView } from '../../api/cases.js';
import { useAsync } from '../../api/useAsync.js';
import { PageTitle, SectionTitle } from '../../components/PageTitle.js';
import { ErrorAlert, Loading } from '../../components/Status.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { addWorkingDays, fetchHeldLicences, fetchItemVersion } from '../api.js';
import { StatusTag } from '../labels.js';
import { CaseDocuments, CaseFacts, CaseLoadFailure, CaseNumber, CaseTimeline, MaterialsView } from '../parts/CaseParts.js';
import { MaterialUpdate } from '../parts/MaterialUpdate.js';
import '../cases.css';

/** /desk/cases/:caseNo — one case at the window: timeline, documents, and what the clerk can do now. */
export function DeskCasePage() {
  const { t } = usePrefs();
  const { caseNo = '' } = useParams();
  const [override, setOverride] = useState<CaseView | null>(null);
  const loaded = useAsync(
    async (signal) => {
      const c = await fetchCase(caseNo, signal);
      const today = shanghaiToday();
      const [item, held, max] = await Promise.all([
        fetchItemVersion(c.item.code, c.item.version, signal),
        c.allowedActions.some((a) => ['complete', 'accept', 'supplement'].includes(a)) ? fetchHeldLicences(c.applicant.id, c.item.code, signal) : Promise.resolve(null),
        c.item.promisedLimitDays > 0 ? addWorkingDays(today, c.item.promisedLimitDays, signal).then((r) => r.date, () => undefined) : Promise.resolve(undefined),
      ]);
      return { c, item, held: held ? new Map(held.map((h) => [h.typeCode, h])) : null, today, maxDeferral: max };
    },
    [caseNo],
  );
  const crumbs = (
    <Breadcrumb aria-label={t('common.breadcrumb')} className="ow-breadcrumb" items={[{ title: <Link to="/desk">{t('case.desk.title')}</Link> }, { title: caseNo }]} />
  );
  if (loaded.error !== undefined) return <CaseLoadFailure error={loaded.error} caseNo={caseNo} crumbs={crumbs} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const { item, held, today, maxDeferral } = loaded.data;
  const c = override && override.caseNo === loaded.data.c.caseNo && override.version >= loaded.data.c.version ? override : loaded.data.c;
  const can = (a: CaseAction) => c.allowedActions.includes(a);
  const updated = (next: CaseView) => {
    setOverride(next);
    loaded.reload();
    document.getElementById('case-status-line')?.focus();
  };

  return (
    <div className="ow-page ow-desk-case">
      {crumbs}
      <PageTitle title={`${t('case.detail.title')} ${c.caseNo}`}>{t('case.detail.title')}</PageTitle>
      <Card className="ow-card">
        <CaseNumber caseNo={c.caseNo} large />
        <div id="case-status-line" tabIndex={-1} className="ow-case-status-line" aria-live="polite">
          <StatusTag status={c.status} />
          <span className="ow-case-status-item">{c.item.name}</span>
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          {(can('complete') || can('accept') || can('refuse') || can('supplement') || can('deliver') || can('conclude')) && (
            <Card className="ow-card" data-testid="case-actions">
              <SectionTitle id="case-todo">{t('case.detail.todo')}</SectionTitle>
              {c.status === 'pending_completion' && c.notice && (
                <p className="ow-case-hint">{t('case.detail.noticeGiven', { list: c.notice.missing.map((m) => m.name).join('、') })}</p>
              )}
              {can('complete') && <MaterialUpdate key={`complete-${c.version}`} c={c} item={item} mode="complete" staff held={held} today={today} maxDeferral={maxDeferral} onDone={updated} />}
              {can('accept') && <MaterialUpdate key={`pre-${c.version}`} c={c} item={item} mode="preaccept" staff held={held} today={today} maxDeferral={maxDeferral} onDone={updated} />}
              {can('supplement') && c.outstandingDeferred.length > 0 && <MaterialUpdate key={`sup-${c.version}`} c={c} item={item} mode="supplement" staff held={held} onDone={updated} />}
              {can('deliver') && <HandOver key={`deliver-${c.version}`} c={c} onDone={updated} />}
              {can('conclude') && c.status === 'delivered' && <Conclude c={c} onDone={updated} />}
              {can('refuse') && <Refuse key={`refuse-${c.version}`} c={c} onDone={updated} />}
            </Card>
          )}
          <Card className="ow-card">
            <SectionTitle id="case-materials">{t('case.detail.materials')}</SectionTitle>
            <MaterialsView materials={c.materials} />
          </Card>
          <Card className="ow-card">
            <div className="ow-desk-today-head">
              <SectionTitle id="case-docs">{t('case.docs.title')}</SectionTitle>
              <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()} className="ow-no-print">
                {t('case.result.print')}
              </Button>
            </div>
            <CaseDocuments documents={c.documents} caseNo={c.caseNo} />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card className="ow-card">
            <SectionTitle id="case-facts">{t('case.detail.facts')}</SectionTitle>
            <CaseFacts c={c} />
          </Card>
          <Card className="ow-card">
            <SectionTitle id="case-tl">{t('case.timeline')}</SectionTitle>
            <CaseTimeline entries={c.timeline.map((e) => ({ at: e.at, action: e.action, actionName: e.actionName, to: e.to, actor: e.actor.name, reason: e.reason }))} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

/** 不予受理 with the reason and legal basis. */
function Refuse({ c, onDone }: { c: CaseView; onDone(c: CaseView): void }) {
  const { t } = usePrefs();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    if (!reason.trim()) {
      setErr(t('case.desk.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onDone(await caseAction(c, 'refuse', { reason: reason.trim() }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="ow-case-update" aria-labelledby="case-refuse-h">
      <h3 className="ow-case-h3" id="case-refuse-h">
        {t('case.desk.refuse')}
      </h3>
      {!open ? (
        <Button danger icon={<CloseCircleOutlined aria-hidden />} onClick={() => setOpen(true)} aria-expanded={false}>
          {t('case.desk.refuse')}
        </Button>
      ) : (
        <div className="ow-desk-refuse">
          <label htmlFor="case-refuse-reason" className="ow-case-inline-label">
            {t('case.desk.refuseReason')}
          </label>
          <Input.TextArea
            id="case-refuse-reason"
            rows={3}
            maxLength={1000}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setErr(undefined);
            }}
            status={err ? 'error' : undefined}
            aria-invalid={err ? true : undefined}
            aria-describedby={err ? 'case-refuse-err' : undefined}
            placeholder={t('case.desk.refusePlaceholder')}
          />
          {err && (
            <p className="ow-case-err" id="case-refuse-err" role="alert">
              {err}
            </p>
          )}
          {error !== undefined && <ErrorAlert error={error} />}
          <Button danger type="primary" loading={busy} onClick={() => void go()}>
            {t('case.desk.refuseConfirm')}
          </Button>
        </div>
      )}
    </section>
  );
}

/** 即办件 handed over at the window: collector's identity checked, then concluded. */
function HandOver({ c, onDone }: { c: CaseView; onDone(c: CaseView): void }) {
  const { t } = usePrefs();
  const person = c.applicant.kind === 'person';
  const [name, setName] = useState(person ? c.applicant.name : '');
  const [idNumber, setIdNumber] = useState(person && c.applicant.idNumber && !c.applicant.idNumber.includes('*') ? c.applicant.idNumber : '');
  const [asAgent, setAsAgent] = useState(!person);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const go = async () => {
    setBusy(true);
    setError(undefined);
    try {
      let next = await caseAction(c, 'deliver', { delivery: { mode: 'pickup', collectorName: name.trim(), collectorIdNumber: idNumber.trim().toUpperCase(), ...(asAgent ? { asAgent: true } : {}) } });
      if (next.allowedActions.includes('conclude')) next = await caseAction(next, 'conclude');
      onDone(next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="ow-case-update" aria-labelledby="case-handover-h">
      <h3 className="ow-case-h3" id="case-handover-h">
        {t('case.hand.title')}
      </h3>
      <p className="ow-case-hint">{t('case.hand.hint')}</p>
      <Space orientation="vertical" className="ow-full">
        <label htmlFor="hand-name" className="ow-case-inline-label">
          {t('case.hand.name')}
        </label>
        <Input id="hand-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        <label htmlFor="hand-id" className="ow-case-inline-label">
          {t('case.hand.id')}
        </label>
        <Input id="hand-id" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} maxLength={18} autoComplete="off" className="ow-code-input" />
        <Checkbox checked={asAgent} onChange={(e) => setAsAgent(e.target.checked)}>
          {t('case.hand.agent')}
        </Checkbox>
        {error !== undefined && <ErrorAlert error={error} />}
        <Button type="primary" icon={<CheckOutlined aria-hidden />} loading={busy} disabled={!name.trim() || idNumber.trim().length < 15} onClick={() => void go()}>
          {t('case.hand.go')}
        </Button>
      </Space>
    </section>
  );
}

function Conclude({ c, onDone }: { c: CaseView; onDone(c: CaseView): void }) {
  const { t } = usePrefs();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <section className="ow-case-update" aria-labelledby="case-conclude-h">
      <h3 className="ow-case-h3" id="case-conclude-h">
        {t('case.action.conclude')}
      </h3>
      {error !== undefined && <ErrorAlert error={error} />}
      <Button
        type="primary"
        loading={busy}
        onClick={() => {
          setBusy(true);
          caseAction(c, 'conclude').then(onDone, setError).finally(() => setBusy(false));
        }}
      >
        {t('case.action.conclude')}
      </Button>
    </section>
  );
}
