import { Alert, App, Breadcrumb, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { shanghaiToday, type CaseAction, type CaseView } from '../api/cases.js';
import { errorText } from '../api/http.js';
import { useAuth } from '../auth/AuthContext.js';
import { PageTitle } from '../components/PageTitle.js';
import { Loading } from '../components/Status.js';
import type { MessageKey } from '../i18n/translate.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { ActionDialog } from '../components/ActionDialog.js';
import { PROCEDURES, type Procedure } from './api.js';
import { CaseFacts, CaseLoadFailure, DeadlinesSection, DecisionNotice, DocumentsSection, MaterialsSection, StepsSection, SuspensionNotice, TimelineSection } from './CaseSections.js';
import { CaseStatusTag, DeadlineLight } from './labels.js';
import { useCase } from './useCase.js';
import './office.css';

type Dialog = 'pass' | 'return' | 'request-correction' | 'special-procedure' | 'end-special' | 'extend' | 'decide' | 'supplement' | 'terminate' | null;

/** What this approver can do now, beyond `allowedActions` (step ownership, first/last step, the cap). */
export function officeAbilities(c: CaseView, me: string | undefined) {
  const has = (a: CaseAction) => c.allowedActions.includes(a);
  const step = c.currentStep === null ? undefined : c.steps[c.currentStep];
  const claimedBy = step?.claimedBy ?? null;
  const mine = c.status === 'in_review' && !!me && claimedBy === me;
  const last = c.currentStep !== null && c.currentStep >= c.steps.length - 1;
  const d = c.deadlines;
  return {
    claimedBy,
    mine,
    claim: has('claim') && (c.status === 'accepted' || (c.status === 'in_review' && !claimedBy)),
    pass: has('pass') && mine && !last,
    return: has('return') && mine && (c.currentStep ?? 0) > 0,
    correction: has('request-correction') && mine,
    special: has('special-procedure') && mine,
    extend: has('extend') && mine && !!d && d.extensionDays < d.extensionCap,
    decide: has('decide') && mine && last,
    endSpecial: has('end-special') && c.status === 'suspended' && c.suspension?.kind === 'special',
    supplement: has('supplement') && c.status === 'suspended' && c.suspension?.kind === 'correction',
    conclude: has('conclude') && c.status === 'denied',
    terminate: has('terminate'),
  };
}

/** /office/cases/:caseNo — one case in the back office: facts, deadlines, steps, materials, timeline, and the actions. */
export function OfficeCasePage() {
  const { caseNo = '' } = useParams();
  const { t, lang } = usePrefs();
  const { actor } = useAuth();
  const { message } = App.useApp();
  const h = useCase(caseNo);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  const crumbs = (
    <Breadcrumb
      aria-label={t('common.breadcrumb')}
      className="ow-breadcrumb"
      items={[{ title: <Link to="/office">{t('office.title')}</Link> }, { title: caseNo }]}
    />
  );

  if (h.error !== undefined && !h.c) return <CaseLoadFailure error={h.error} crumbs={crumbs} onRetry={h.reload} />;
  const c = h.c;
  if (!c) return <Loading />;
  const can = officeAbilities(c, actor?.name);
  const today = shanghaiToday();
  const capLeft = c.deadlines ? c.deadlines.extensionCap - c.deadlines.extensionDays : 0;

  const quick = async (action: 'claim' | 'conclude', done: MessageKey) => {
    try {
      await h.run(action, {}, t(done));
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  };

  const stepName = c.currentStep !== null ? c.steps[c.currentStep]?.name : undefined;
  const nextName = c.currentStep !== null ? c.steps[c.currentStep + 1]?.name : undefined;
  const anything = Object.entries(can).some(([k, v]) => k !== 'claimedBy' && k !== 'mine' && v === true);

  return (
    <div className="ow-page ow-of-page">
      {crumbs}
      <PageTitle title={`${c.item.name} ${c.caseNo}`} extra={<CaseStatusTag status={c.status} name={c.statusName} extra={c.status === 'in_review' ? stepName : null} />}>
        {c.item.name}
      </PageTitle>
      <p className="ow-of-subtitle">
        {t('office.col.caseNo')} <span className="ow-of-caseno">{c.caseNo}</span>
        {c.deadlines && (
          <span className="ow-of-subtitle-light">
            <DeadlineLight colour={c.deadlines.colour} paused={c.deadlines.paused} />
          </span>
        )}
      </p>

      {h.stale && <Alert type="warning" showIcon role="alert" className="ow-of-stale" title={t('office.stale')} />}
      <SuspensionNotice c={c} />
      <DecisionNotice c={c} />

      <section aria-labelledby="of-actions" className="ow-of-section">
        <Card size="small" className="ow-of-card ow-of-actions-card">
          <h2 id="of-actions" className="ow-of-h2-inline">
            {t('office.actions.title')}
          </h2>
          {c.status === 'in_review' && can.claimedBy && !can.mine && <p className="ow-of-note">{t('office.actions.claimedByOther', { name: can.claimedBy })}</p>}
          {(c.status === 'accepted' || (c.status === 'in_review' && !can.claimedBy)) && can.claim && (
            <p className="ow-of-note">{t('office.actions.claimFirst', { step: stepName ?? c.steps[0]?.name ?? '' })}</p>
          )}
          {anything && (
            <Space wrap className="ow-of-action-bar">
              {can.claim && (
                <Button type="primary" loading={h.busy === 'claim'} onClick={() => void quick('claim', 'office.done.claim')}>
                  {t('office.act.claim')}
                </Button>
              )}
              {can.pass && (
                <Button type="primary" onClick={() => setDialog('pass')}>
                  {t('office.act.pass')}
                </Button>
              )}
              {can.decide && (
                <Button type="primary" onClick={() => setDialog('decide')}>
                  {t('office.act.decide')}
                </Button>
              )}
              {can.return && <Button onClick={() => setDialog('return')}>{t('office.act.return')}</Button>}
              {can.correction && <Button onClick={() => setDialog('request-correction')}>{t('office.act.correction')}</Button>}
              {can.special && <Button onClick={() => setDialog('special-procedure')}>{t('office.act.special')}</Button>}
              {can.extend && <Button onClick={() => setDialog('extend')}>{t('office.act.extend')}</Button>}
              {can.endSpecial && (
                <Button type="primary" onClick={() => setDialog('end-special')}>
                  {t('office.act.endSpecial')}
                </Button>
              )}
              {can.supplement && (
                <Button type="primary" onClick={() => setDialog('supplement')}>
                  {t('office.act.supplement')}
                </Button>
              )}
              {can.conclude && (
                <Button type="primary" loading={h.busy === 'conclude'} onClick={() => void quick('conclude', 'office.done.conclude')}>
                  {t('office.act.conclude')}
                </Button>
              )}
              {can.terminate && (
                <Button danger onClick={() => setDialog('terminate')}>
                  {t('office.act.terminate')}
                </Button>
              )}
            </Space>
          )}
          {!anything && <p className="ow-of-note">{t('office.actions.none')}</p>}
        </Card>
      </section>

      <CaseFacts c={c} />
      <DeadlinesSection c={c} />
      <StepsSection c={c} />
      <MaterialsSection c={c} />
      <DocumentsSection c={c} />
      <TimelineSection c={c} />

      <ActionDialog<{ opinion?: string }>
        name="of-pass"
        open={dialog === 'pass'}
        title={t('office.act.pass')}
        okText={t('office.act.passOk')}
        intro={t('office.pass.intro', { from: stepName ?? '', to: nextName ?? '' })}
        initialValues={{ opinion: t('office.pass.default') }}
        onClose={close}
        onSubmit={(v) => h.run('pass', { opinion: v.opinion?.trim() || undefined }, t('office.done.pass'))}
      >
        {() => (
          <Form.Item name="opinion" label={t('office.f.opinion')}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        )}
      </ActionDialog>

      <ActionDialog<{ toStep: number; reason: string }>
        name="of-return"
        open={dialog === 'return'}
        title={t('office.act.return')}
        okText={t('office.act.returnOk')}
        initialValues={{ toStep: Math.max(0, (c.currentStep ?? 1) - 1) }}
        onClose={close}
        onSubmit={(v) => h.run('return', { toStep: v.toStep, reason: v.reason.trim() }, t('office.done.return'))}
      >
        {() => (
          <>
            <Form.Item name="toStep" label={t('office.f.toStep')} rules={[{ required: true, message: t('office.v.toStep') }]}>
              <Select options={c.steps.filter((s) => s.index < (c.currentStep ?? 0)).map((s) => ({ value: s.index, label: `${s.index + 1}. ${s.name}` }))} />
            </Form.Item>
            <Form.Item name="reason" label={t('office.f.returnReason')} rules={[{ required: true, whitespace: true, message: t('office.v.reason') }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </>
        )}
      </ActionDialog>

      <ActionDialog<{ materials?: string[]; reason: string; supplyBy?: string }>
        name="of-correction"
        open={dialog === 'request-correction'}
        title={t('office.act.correction')}
        okText={t('office.act.correctionOk')}
        intro={t('office.correction.intro')}
        onClose={close}
        onSubmit={(v) =>
          h.run('request-correction', { reason: v.reason.trim(), materials: v.materials?.length ? v.materials : undefined, supplyBy: v.supplyBy || undefined }, t('office.done.correction'))
        }
      >
        {() => (
          <>
            <Form.Item name="materials" label={t('office.f.materials')}>
              <Checkbox.Group className="ow-of-checks" options={c.materials.map((m) => ({ value: m.code, label: `${m.code} ${m.name}` }))} />
            </Form.Item>
            <Form.Item name="reason" label={t('office.f.correctionReason')} rules={[{ required: true, whitespace: true, message: t('office.v.reason') }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
            <Form.Item name="supplyBy" label={t('office.f.supplyBy')} rules={[{ validator: (_r, v?: string) => (!v || v >= today ? Promise.resolve() : Promise.reject(new Error(t('office.v.future')))) }]}>
              <Input type="date" min={today} />
            </Form.Item>
          </>
        )}
      </ActionDialog>

      <ActionDialog<{ procedure: Procedure; reason: string; expectedEnd: string }>
        name="of-special"
        open={dialog === 'special-procedure'}
        title={t('office.act.special')}
        okText={t('office.act.specialOk')}
        intro={t('office.special.intro')}
        onClose={close}
        onSubmit={(v) => h.run('special-procedure', { procedure: v.procedure, reason: v.reason.trim(), expectedEnd: v.expectedEnd }, t('office.done.special'))}
      >
        {() => (
          <>
            <Form.Item name="procedure" label={t('office.f.procedure')} rules={[{ required: true, message: t('office.v.procedure') }]}>
              <Select options={PROCEDURES.map((p) => ({ value: p, label: t(`office.proc.${p}`) }))} />
            </Form.Item>
            <Form.Item name="reason" label={t('office.f.specialReason')} rules={[{ required: true, whitespace: true, message: t('office.v.reason') }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
            <Form.Item
              name="expectedEnd"
              label={t('office.f.expectedEnd')}
              rules={[
                { required: true, message: t('office.v.date') },
                { validator: (_r, v?: string) => (!v || v >= today ? Promise.resolve() : Promise.reject(new Error(t('office.v.future')))) },
              ]}
            >
              <Input type="date" min={today} />
            </Form.Item>
          </>
        )}
      </ActionDialog>

      <ActionDialog<{ outcome?: string }>
        name="of-endspecial"
        open={dialog === 'end-special'}
        title={t('office.act.endSpecial')}
        okText={t('office.act.endSpecialOk')}
        intro={t('office.endSpecial.intro')}
        onClose={close}
        onSubmit={(v) => h.run('end-special', { outcome: v.outcome?.trim() || undefined }, t('office.done.endSpecial'))}
      >
        {() => (
          <Form.Item name="outcome" label={t('office.f.specialOutcome')}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        )}
      </ActionDialog>

      <ActionDialog<{ materials: string[] }>
        name="of-supplement"
        open={dialog === 'supplement'}
        title={t('office.act.supplement')}
        okText={t('office.act.supplementOk')}
        intro={t('office.supplement.intro')}
        initialValues={{ materials: c.suspension?.materials ?? [] }}
        onClose={close}
        onSubmit={(v) => h.run('supplement', { materials: v.materials.map((code) => ({ code, by: 'provided' as const, paperSeen: true })) }, t('office.done.supplement'))}
      >
        {() => (
          <Form.Item name="materials" label={t('office.f.supplied')} rules={[{ required: true, type: 'array', min: 1, message: t('office.v.materials') }]}>
            <Checkbox.Group className="ow-of-checks" options={c.materials.map((m) => ({ value: m.code, label: `${m.code} ${m.name}` }))} />
          </Form.Item>
        )}
      </ActionDialog>

      <ActionDialog<{ days: number; reason: string }>
        name="of-extend"
        open={dialog === 'extend'}
        title={t('office.act.extend')}
        okText={t('office.act.extendOk')}
        intro={t('office.extend.intro', { used: c.deadlines?.extensionDays ?? 0, cap: c.deadlines?.extensionCap ?? 0, left: capLeft })}
        initialValues={{ days: Math.min(5, capLeft) }}
        onClose={close}
        onSubmit={(v) => h.run('extend', { days: v.days, reason: v.reason.trim() }, t('office.done.extend'))}
      >
        {() => (
          <>
            <Form.Item name="days" label={t('office.f.days', { left: capLeft })} rules={[{ required: true, type: 'integer', min: 1, max: capLeft, message: t('office.v.days', { left: capLeft }) }]}>
              <InputNumber min={1} max={capLeft} precision={0} />
            </Form.Item>
            <Form.Item name="reason" label={t('office.f.extendReason')} rules={[{ required: true, whitespace: true, message: t('office.v.reason') }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </>
        )}
      </ActionDialog>

      <ActionDialog<{ outcome: 'grant' | 'deny'; reason?: string }>
        name="of-decide"
        open={dialog === 'decide'}
        title={t('office.act.decide')}
        okText={t('office.act.decideNext')}
        intro={t('office.decide.intro')}
        initialValues={{ outcome: 'grant' }}
        onClose={close}
        confirm={(v) => (
          <>
            <p className="ow-dialog-confirm-title">{t(v.outcome === 'grant' ? 'office.decide.confirmGrant' : 'office.decide.confirmDeny', { caseNo: c.caseNo })}</p>
            <p>{t('office.decide.reasonIs', { reason: v.reason?.trim() || t('office.decide.defaultReason') })}</p>
            <p>{t(v.outcome === 'grant' ? 'office.decide.afterGrant' : 'office.decide.afterDeny')}</p>
          </>
        )}
        onSubmit={(v) => h.run('decide', { outcome: v.outcome, reason: v.reason?.trim() || undefined }, t(v.outcome === 'grant' ? 'office.done.grant' : 'office.done.deny'))}
      >
        {(form) => (
          <>
            <Form.Item name="outcome" label={t('office.f.outcome')} rules={[{ required: true }]}>
              <Radio.Group
                onChange={() => void form.validateFields(['reason']).catch(() => undefined)}
                options={[
                  { value: 'grant', label: t('office.decide.grant') },
                  { value: 'deny', label: t('office.decide.deny') },
                ]}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.outcome !== b.outcome}>
              {() => {
                const deny = form.getFieldValue('outcome') === 'deny';
                return (
                  <Form.Item
                    name="reason"
                    label={t(deny ? 'office.f.denyReason' : 'office.f.grantReason')}
                    rules={[{ required: deny, whitespace: true, message: t('office.v.denyReason') }]}
                    extra={deny ? t('office.decide.denyHint') : t('office.decide.grantHint')}
                  >
                    <Input.TextArea rows={3} maxLength={1000} showCount />
                  </Form.Item>
                );
              }}
            </Form.Item>
          </>
        )}
      </ActionDialog>

      <ActionDialog<{ reason: string }>
        name="of-terminate"
        open={dialog === 'terminate'}
        title={t('office.act.terminate')}
        okText={t('office.act.terminateOk')}
        danger
        intro={t('office.terminate.intro')}
        onClose={close}
        confirm={() => <p className="ow-dialog-confirm-title">{t('office.terminate.confirm', { caseNo: c.caseNo })}</p>}
        onSubmit={(v) => h.run('terminate', { reason: v.reason.trim() }, t('office.done.terminate'))}
      >
        {() => (
          <Form.Item name="reason" label={t('office.f.terminateReason')} rules={[{ required: true, whitespace: true, message: t('office.v.reason') }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        )}
      </ActionDialog>
    </div>
  );
}
