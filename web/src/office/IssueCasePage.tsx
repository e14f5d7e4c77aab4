import { CheckCircleFilled, CloseCircleFilled, PrinterOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Form, Input, Radio, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { documentUrl, formatInstant, type CaseAction, type CaseView } from '../api/cases.js';
import { PageTitle } from '../components/PageTitle.js';
import { Loading } from '../components/Status.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { ActionDialog } from '../components/ActionDialog.js';
import type { DeliverInput } from './api.js';
import { CaseFacts, CaseLoadFailure, DocumentsSection, Section, TimelineSection } from './CaseSections.js';
import { CaseStatusTag, OfficeTag } from './labels.js';
import { useCase } from './useCase.js';
import './office.css';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECKS = '10X98765432';

/** GB 11643: 18 characters, a real date of birth and the check character. */
export function validResidentId(raw: string): boolean {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || y < 1900) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return ID_CHECKS[sum % 11] === id[17];
}

const CARRIERS = ['EMS', '中国邮政', '顺丰速运', '京东物流'];

interface DeliverValues {
  mode: 'pickup' | 'mail';
  collectorName?: string;
  collectorIdNumber?: string;
  asAgent?: boolean;
  address?: string;
  carrier?: string;
  trackingNo?: string;
}

function CertificateSection({ c }: { c: CaseView }) {
  const { t } = usePrefs();
  const cert = c.certificate;
  return (
    <Section id="is-cert" title={t('office.issue.cert.title')}>
      {!cert ? (
        <p className="ow-of-muted">{t(c.status === 'granted' ? 'office.issue.cert.notYet' : 'office.issue.cert.none')}</p>
      ) : (
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} className="ow-of-desc">
          <Descriptions.Item label={t('office.issue.cert.no')}>
            <span className="ow-of-code">{cert.certificateNo}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('office.issue.cert.issuedAt')}>{formatInstant(cert.issuedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('office.issue.cert.licence')}>
            {cert.licenseIdentifier ? (
              <span className="ow-of-code" data-testid="licence-identifier">
                {cert.licenseIdentifier}
              </span>
            ) : (
              t(c.item.resultLicenseTypeCode ? 'office.issue.cert.licencePending' : 'office.issue.cert.noLicence')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('office.issue.cert.print')}>
            <a href={documentUrl(c.caseNo, 'certificate')} target="_blank" rel="noopener noreferrer">
              <PrinterOutlined aria-hidden /> {t('office.issue.cert.printLink')}
              <span className="ow-sr-only">{t('office.newWindow')}</span>
            </a>
          </Descriptions.Item>
        </Descriptions>
      )}
      {c.delivery && (
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} className="ow-of-desc ow-of-desc-gap" title={t('office.issue.delivery.title')}>
          <Descriptions.Item label={t('office.issue.f.mode')}>{t(c.delivery.mode === 'mail' ? 'office.delivery.mail' : 'office.delivery.pickup')}</Descriptions.Item>
          <Descriptions.Item label={t('office.issue.delivery.at')}>{formatInstant(c.delivery.at)}</Descriptions.Item>
          {c.delivery.mode === 'mail' ? (
            <>
              <Descriptions.Item label={t('office.issue.f.carrier')}>{c.delivery.carrier}</Descriptions.Item>
              <Descriptions.Item label={t('office.issue.f.trackingNo')}>
                <span className="ow-of-code">{c.delivery.trackingNo}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('office.issue.f.address')}>{c.delivery.address}</Descriptions.Item>
            </>
          ) : (
            <>
              <Descriptions.Item label={t('office.issue.f.collectorName')}>{c.delivery.collectorName}</Descriptions.Item>
              <Descriptions.Item label={t('office.issue.f.collectorId')}>
                <span className="ow-of-code">{c.delivery.collectorIdMasked}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('office.issue.delivery.identity')}>
                {t(c.delivery.identityMatched ? 'office.issue.delivery.matched' : c.delivery.asAgent ? 'office.issue.delivery.agent' : 'office.issue.delivery.notMatched')}
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
      )}
    </Section>
  );
}

/** /issue/cases/:caseNo — issue the certificate, deliver it (pickup with an ID check, or free mail), conclude. */
export function IssueCasePage() {
  const { caseNo = '' } = useParams();
  const { t } = usePrefs();
  const h = useCase(caseNo);
  const [dialog, setDialog] = useState<'issue' | 'deliver' | 'conclude' | null>(null);
  const close = () => setDialog(null);

  const crumbs = (
    <Breadcrumb aria-label={t('common.breadcrumb')} className="ow-breadcrumb" items={[{ title: <Link to="/issue">{t('office.issue.title')}</Link> }, { title: caseNo }]} />
  );
  if (h.error !== undefined && !h.c) return <CaseLoadFailure error={h.error} crumbs={crumbs} onRetry={h.reload} />;
  const c = h.c;
  if (!c) return <Loading />;
  const has = (a: CaseAction) => c.allowedActions.includes(a);
  const applicantId = c.applicant.idNumber?.toUpperCase() ?? null;

  return (
    <div className="ow-page ow-of-page">
      {crumbs}
      <PageTitle title={`${c.item.name} ${c.caseNo}`} extra={<CaseStatusTag status={c.status} name={c.statusName} />}>
        {c.item.name}
      </PageTitle>
      <p className="ow-of-subtitle">
        {t('office.col.caseNo')} <span className="ow-of-caseno">{c.caseNo}</span>
        <span className="ow-of-subtitle-light">
          {t('office.case.deliveryPreference')}：
          <OfficeTag tone={c.deliveryPreference === 'mail' ? 'purple' : 'blue'}>{t(c.deliveryPreference === 'mail' ? 'office.delivery.mail' : 'office.delivery.pickup')}</OfficeTag>
        </span>
      </p>
      {h.stale && <Alert type="warning" showIcon role="alert" className="ow-of-stale" title={t('office.stale')} />}
      {c.status === 'concluded' && <Alert type="success" showIcon className="ow-of-susp" title={t('office.issue.concluded', { at: formatInstant(c.concludedAt) })} />}

      <section aria-labelledby="is-actions" className="ow-of-section">
        <Card size="small" className="ow-of-card ow-of-actions-card">
          <h2 id="is-actions" className="ow-of-h2-inline">
            {t('office.actions.title')}
          </h2>
          <p className="ow-of-note">{t(`office.issue.next.${c.status === 'granted' || c.status === 'issued' || c.status === 'delivered' ? c.status : 'other'}`)}</p>
          {(has('issue') || has('deliver') || has('conclude')) && (
            <Space wrap className="ow-of-action-bar">
              {has('issue') && (
                <Button type="primary" icon={<PrinterOutlined aria-hidden />} onClick={() => setDialog('issue')}>
                  {t('office.issue.act.issue')}
                </Button>
              )}
              {has('deliver') && (
                <Button type="primary" onClick={() => setDialog('deliver')}>
                  {t('office.issue.act.deliver')}
                </Button>
              )}
              {has('conclude') && (
                <Button type="primary" onClick={() => setDialog('conclude')}>
                  {t('office.issue.act.conclude')}
                </Button>
              )}
            </Space>
          )}
        </Card>
      </section>

      <CertificateSection c={c} />
      <CaseFacts c={c} />
      <DocumentsSection c={c} />
      <TimelineSection c={c} />

      <ActionDialog<Record<string, never>>
        name="is-issue"
        open={dialog === 'issue'}
        title={t('office.issue.act.issue')}
        okText={t('office.issue.act.issueOk')}
        intro={t(c.item.resultLicenseTypeCode ? 'office.issue.issue.introLicence' : 'office.issue.issue.intro', { item: c.item.name, name: c.applicant.name })}
        onClose={close}
        onSubmit={() => h.run('issue', {}, t('office.issue.done.issue'))}
      >
        {() => null}
      </ActionDialog>

      <ActionDialog<DeliverValues>
        name="is-deliver"
        open={dialog === 'deliver'}
        title={t('office.issue.act.deliver')}
        okText={t('office.issue.act.deliverOk')}
        initialValues={{ mode: c.deliveryPreference, carrier: 'EMS', asAgent: false }}
        onClose={close}
        onSubmit={(v) => {
          const delivery: DeliverInput =
            v.mode === 'pickup'
              ? { mode: 'pickup', collectorName: (v.collectorName ?? '').trim(), collectorIdNumber: (v.collectorIdNumber ?? '').trim().toUpperCase(), asAgent: v.asAgent === true }
              : { mode: 'mail', address: (v.address ?? '').trim(), carrier: v.carrier || undefined, trackingNo: (v.trackingNo ?? '').trim() };
          return h.run('deliver', { delivery }, t(v.mode === 'pickup' ? 'office.issue.done.pickup' : 'office.issue.done.mail'));
        }}
      >
        {(form) => (
          <>
            <Form.Item name="mode" label={t('office.issue.f.mode')} rules={[{ required: true }]} extra={t('office.issue.f.modeHint', { choice: t(c.deliveryPreference === 'mail' ? 'office.delivery.mail' : 'office.delivery.pickup') })}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: 'pickup', label: t('office.delivery.pickup') },
                  { value: 'mail', label: t('office.delivery.mail') },
                ]}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {() => {
                const mode = form.getFieldValue('mode') as DeliverValues['mode'];
                const agent = form.getFieldValue('asAgent') === true;
                const idValue = String(form.getFieldValue('collectorIdNumber') ?? '').trim().toUpperCase();
                if (mode === 'mail')
                  return (
                    <>
                      <Form.Item name="address" label={t('office.issue.f.address')} rules={[{ required: true, whitespace: true, min: 2, message: t('office.issue.v.address') }]}>
                        <Input.TextArea rows={2} maxLength={200} autoComplete="street-address" />
                      </Form.Item>
                      <Form.Item name="carrier" label={t('office.issue.f.carrier')}>
                        <Select options={CARRIERS.map((x) => ({ value: x, label: x }))} />
                      </Form.Item>
                      <Form.Item
                        name="trackingNo"
                        label={t('office.issue.f.trackingNo')}
                        rules={[
                          { required: true, message: t('office.issue.v.trackingNo') },
                          { pattern: /^[A-Za-z0-9-]{6,40}$/, message: t('office.issue.v.trackingNoFormat') },
                        ]}
                      >
                        <Input maxLength={40} autoComplete="off" />
                      </Form.Item>
                    </>
                  );
                const match = applicantId !== null && idValue === applicantId;
                return (
                  <>
                    <Form.Item name="asAgent" label={t('office.issue.f.asAgent')} valuePropName="checked" extra={t('office.issue.f.asAgentHint')}>
                      <Switch />
                    </Form.Item>
                    <Form.Item name="collectorName" label={t(agent ? 'office.issue.f.agentName' : 'office.issue.f.collectorName')} rules={[{ required: true, whitespace: true, message: t('office.issue.v.name') }]}>
                      <Input maxLength={60} autoComplete="off" />
                    </Form.Item>
                    <Form.Item
                      name="collectorIdNumber"
                      label={t(agent ? 'office.issue.f.agentId' : 'office.issue.f.collectorId')}
                      rules={[
                        { required: true, message: t('office.issue.v.id') },
                        { validator: (_r, v?: string) => (!v || validResidentId(v) ? Promise.resolve() : Promise.reject(new Error(t('office.issue.v.idFormat')))) },
                        {
                          validator: (_r, v?: string) =>
                            agent || !v || applicantId === null || v.trim().toUpperCase() === applicantId ? Promise.resolve() : Promise.reject(new Error(t('office.issue.v.idMismatch'))),
                        },
                      ]}
                    >
                      <Input maxLength={18} autoComplete="off" />
                    </Form.Item>
                    {!agent && applicantId !== null && idValue.length === 18 && (
                      <p className={match ? 'ow-of-id-ok' : 'ow-of-id-bad'} role="status">
                        {match ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />} {t(match ? 'office.issue.id.match' : 'office.issue.id.noMatch')}
                      </p>
                    )}
                    {c.applicant.kind === 'enterprise' && <p className="ow-of-note">{t('office.issue.id.enterprise')}</p>}
                  </>
                );
              }}
            </Form.Item>
          </>
        )}
      </ActionDialog>

      <ActionDialog<Record<string, never>>
        name="is-conclude"
        open={dialog === 'conclude'}
        title={t('office.issue.act.conclude')}
        okText={t('office.issue.act.concludeOk')}
        intro={t('office.issue.conclude.intro', { caseNo: c.caseNo })}
        onClose={close}
        onSubmit={() => h.run('conclude', {}, t('office.issue.done.conclude'))}
      >
        {() => null}
      </ActionDialog>
    </div>
  );
}
