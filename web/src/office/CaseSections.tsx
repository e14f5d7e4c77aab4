import { FilePdfOutlined, PauseCircleFilled } from '@ant-design/icons';
import { Alert, Card, Descriptions, Empty, Result, Steps, Table, Timeline, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { formatInstant, type CaseMaterial, type CaseView, type TimelineEntry } from '../api/cases.js';
import { ApiError } from '../api/http.js';
import { PageTitle, SectionTitle } from '../components/PageTitle.js';
import { ErrorAlert } from '../components/Status.js';
import type { MessageKey } from '../i18n/translate.js';
import { useT } from '../prefs/PrefsContext.js';
import { DeadlineLight, OfficeTag, RemainingDays, SatisfiedTag } from './labels.js';

/** A case page whose case did not load: not found (404), or the error with a retry. */
export function CaseLoadFailure({ error, crumbs, onRetry }: { error: unknown; crumbs: ReactNode; onRetry(): void }) {
  const t = useT();
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <div className="ow-page">
      {crumbs}
      <PageTitle>{t('office.case.title')}</PageTitle>
      {missing ? <Result status="404" title={t('office.case.notFound')} /> : <ErrorAlert error={error} onRetry={onRetry} />}
    </div>
  );
}

/** A card whose title is a real <h2> (for the heading outline). */
export function Section({ id, title, children, extra }: { id: string; title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <section aria-labelledby={id} className="ow-of-section">
      <Card
        title={<SectionTitle id={id}>{title}</SectionTitle>}
        extra={extra}
        size="small"
        className="ow-of-card"
      >
        {children}
      </Card>
    </section>
  );
}

/** Who applied for what, where and how the result goes back. */
export function CaseFacts({ c }: { c: CaseView }) {
  const t = useT();
  const a = c.applicant;
  return (
    <Section id="of-facts" title={t('office.case.facts')}>
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }} className="ow-of-desc">
        <Descriptions.Item label={t('office.col.caseNo')}>
          <span className="ow-of-caseno">{c.caseNo}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('office.col.item')}>{c.item.name}</Descriptions.Item>
        <Descriptions.Item label={t('office.case.department')}>{c.item.departmentName}</Descriptions.Item>
        <Descriptions.Item label={t('office.col.applicant')}>
          {a.name}
          <span className="ow-of-muted"> （{t(a.kind === 'person' ? 'office.case.person' : 'office.case.enterprise')}）</span>
        </Descriptions.Item>
        <Descriptions.Item label={t(a.kind === 'person' ? 'office.case.idNumber' : 'office.case.uscc')}>
          <span className="ow-of-code">{a.idNumber ?? a.uscc ?? ''}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('office.case.phone')}>{a.phone}</Descriptions.Item>
        <Descriptions.Item label={t('office.case.acceptedOn')}>{c.acceptedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('office.case.hall')}>
          {c.intakeHall?.name ?? t(c.channel === 'online' ? 'office.case.online' : 'office.case.window')}
        </Descriptions.Item>
        <Descriptions.Item label={t('office.case.deliveryPreference')}>{t(c.deliveryPreference === 'mail' ? 'office.delivery.mail' : 'office.delivery.pickup')}</Descriptions.Item>
      </Descriptions>
    </Section>
  );
}

/** The stopped clock, said plainly: 补正 or 特别程序, since when, until when, why. */
export function SuspensionNotice({ c }: { c: CaseView }) {
  const t = useT();
  const s = c.suspension;
  if (c.status !== 'suspended' || !s) return null;
  const names = s.materials.map((code) => c.materials.find((m) => m.code === code)?.name ?? code).join('、');
  const title = s.kind === 'correction' ? t('office.susp.correction') : t('office.susp.special', { name: s.procedureName ?? '' });
  return (
    <Alert
      type="warning"
      showIcon
      icon={<PauseCircleFilled aria-hidden />}
      className="ow-of-susp"
      title={title}
      description={
        <div>
          <div>{t('office.susp.since', { since: s.since })}</div>
          <div>{t('office.susp.reason', { reason: s.reason })}</div>
          {names && <div>{t('office.susp.materials', { names })}</div>}
          {s.expectedEnd && <div>{t(s.kind === 'correction' ? 'office.susp.supplyBy' : 'office.susp.expectedEnd', { date: s.expectedEnd })}</div>}
        </div>
      }
    />
  );
}

/** Promised and legal due dates, remaining days, suspended days, extensions and their cap. */
export function DeadlinesSection({ c }: { c: CaseView }) {
  const t = useT();
  const d = c.deadlines;
  return (
    <Section id="of-deadlines" title={t('office.case.deadlines')} extra={d ? <DeadlineLight colour={d.colour} paused={d.paused} /> : undefined}>
      {!d ? (
        <p className="ow-of-muted">{t('office.case.noDeadlines')}</p>
      ) : (
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 2, lg: 4 }} className="ow-of-desc">
          <Descriptions.Item label={t('office.dl.promisedDue')}>
            {d.promisedDue}
            <span className="ow-of-muted">（{t('office.dl.limit', { n: d.promisedLimitDays })}）</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('office.dl.remaining')}>
            <RemainingDays days={d.remainingDays} late={d.overdue} />
          </Descriptions.Item>
          <Descriptions.Item label={t('office.dl.legalDue')}>
            {d.legalDue}
            <span className="ow-of-muted">（{t('office.dl.limit', { n: d.legalLimitDays })}）</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('office.dl.legalRemaining')}>
            <RemainingDays days={d.legalRemainingDays} />
          </Descriptions.Item>
          <Descriptions.Item label={t('office.dl.suspended')}>{t('office.dl.days', { n: d.suspendedDays })}</Descriptions.Item>
          <Descriptions.Item label={t('office.dl.extension')}>{t('office.dl.extensionOf', { n: d.extensionDays, cap: d.extensionCap })}</Descriptions.Item>
          <Descriptions.Item label={t('office.dl.acceptedOn')}>{d.acceptedOn}</Descriptions.Item>
          {d.finishedLate !== null && (
            <Descriptions.Item label={t('office.dl.finished')}>{t(d.finishedLate ? 'office.dl.finishedLate' : 'office.dl.finishedOnTime')}</Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Section>
  );
}

/** The item's approval steps with the current one and who claimed it. */
export function StepsSection({ c }: { c: CaseView }) {
  const t = useT();
  const current = c.steps.findIndex((s) => s.state === 'current');
  const doneAll = c.steps.length > 0 && c.steps.every((s) => s.state === 'done');
  return (
    <Section id="of-steps" title={t('office.case.steps')}>
      {c.steps.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="ow-empty-text">{t('office.case.noSteps')}</span>} />
      ) : (
        <Steps
          size="small"
          current={current >= 0 ? current : doneAll ? c.steps.length : 0}
          status={c.status === 'suspended' ? 'wait' : c.status === 'denied' ? 'error' : undefined}
          items={c.steps.map((s) => ({
            title: s.name,
            status: s.state === 'done' ? 'finish' : s.state === 'current' ? (c.status === 'suspended' ? 'wait' : 'process') : 'wait',
            content: (
              <span className="ow-of-step-desc">
                {t('office.dl.limit', { n: s.limitDays })}
                {s.state === 'current' && (
                  <>
                    <br />
                    {s.claimedBy ? t('office.step.claimedBy', { name: s.claimedBy }) : t('office.step.unclaimed')}
                  </>
                )}
                {s.state === 'done' && (
                  <>
                    <br />
                    {t('office.step.done')}
                  </>
                )}
              </span>
            ),
          }))}
        />
      )}
    </Section>
  );
}

/** The materials with how each is satisfied (提交 / 电子证照 / 承诺 / 容缺) and uploaded files. */
export function MaterialsSection({ c }: { c: CaseView }) {
  const t = useT();
  const correcting = new Set(c.status === 'suspended' && c.suspension?.kind === 'correction' ? c.suspension.materials : []);
  const columns: TableColumnsType<CaseMaterial> = [
    { title: t('office.mat.code'), dataIndex: 'code', key: 'code', width: 70 },
    {
      title: t('office.mat.name'),
      key: 'name',
      render: (_v, m) => (
        <span>
          {m.name}
          {!m.required && <span className="ow-of-muted"> {t('office.mat.optional')}</span>}
        </span>
      ),
    },
    {
      title: t('office.mat.by'),
      key: 'by',
      width: 150,
      render: (_v, m) => (
        <span className="ow-of-light-wrap">
          <SatisfiedTag by={m.satisfiedBy} required={m.required} />
          {correcting.has(m.code) && <OfficeTag tone="red">{t('office.mat.toCorrect')}</OfficeTag>}
        </span>
      ),
    },
    {
      title: t('office.mat.detail'),
      key: 'detail',
      render: (_v, m) => {
        const parts: ReactNode[] = [];
        if (m.paperSeen) parts.push(<span key="paper">{t('office.mat.paperSeen')}</span>);
        if (m.files.length)
          parts.push(
            <span key="files">
              {t('office.mat.files', { n: m.files.length })}
              {m.files.map((f) => (
                <a key={f} className="ow-of-code ow-of-file" title={f} href={`/api/v1/cases/${c.caseNo}/files/${f}`} download>
                  {' '}
                  {f.slice(0, 12)}…
                </a>
              ))}
            </span>,
          );
        if (m.licenseIdentifier)
          parts.push(
            <span key="lic">
              {t('office.mat.license')}
              <span className="ow-of-code">{m.licenseIdentifier}</span>
            </span>,
          );
        if (m.satisfiedBy === 'deferred' && m.deferredUntil) parts.push(<span key="def">{t('office.mat.deferredUntil', { date: m.deferredUntil })}</span>);
        if (m.suppliedAt) parts.push(<span key="sup">{t('office.mat.suppliedAt', { at: formatInstant(m.suppliedAt) })}</span>);
        return parts.length ? <div className="ow-of-mat-detail">{parts}</div> : <span className="ow-of-muted">—</span>;
      },
    },
  ];
  const deferred = c.outstandingDeferred;
  return (
    <Section id="of-materials" title={t('office.case.materials')}>
      {deferred.length > 0 && (
        <p className="ow-of-note">{t('office.mat.outstanding', { names: deferred.map((m) => `${m.name}${m.deferredUntil ? `（${m.deferredUntil}）` : ''}`).join('、') })}</p>
      )}
      <Table<CaseMaterial> rowKey="code" size="small" pagination={false} columns={columns} dataSource={c.materials} scroll={{ x: 640 }} />
    </Section>
  );
}

function timelineText(e: TimelineEntry, t: (k: MessageKey, v?: Record<string, string | number>) => string): string[] {
  const lines: string[] = [];
  const d = e.detail ?? {};
  if (e.action === 'pass' || e.action === 'return') {
    if (typeof d.toStep === 'number') lines.push(t('office.tl.toStep', { n: d.toStep + 1 }));
  }
  if (e.action === 'extend' && typeof d.days === 'number') lines.push(t('office.tl.extend', { n: d.days }));
  if (e.action === 'request-correction' && typeof d.supplyBy === 'string') lines.push(t('office.susp.supplyBy', { date: d.supplyBy }));
  if (e.action === 'special-procedure' && typeof d.expectedEnd === 'string') lines.push(t('office.susp.expectedEnd', { date: d.expectedEnd }));
  if (e.action === 'deliver' && d.mode === 'mail' && typeof d.trackingNo === 'string') lines.push(t('office.tl.mail', { carrier: String(d.carrier ?? ''), no: d.trackingNo }));
  if (e.action === 'deliver' && d.mode === 'pickup') lines.push(t(d.asAgent ? 'office.tl.pickupAgent' : 'office.tl.pickup'));
  if (e.reason) lines.push(t(e.action === 'pass' ? 'office.tl.opinion' : 'office.tl.reason', { text: e.reason }));
  return lines;
}

/** Every transition: when, what, who, from → to, why. */
export function TimelineSection({ c }: { c: CaseView }) {
  const t = useT();
  const items = [...c.timeline].reverse();
  return (
    <Section id="of-timeline" title={t('office.case.timeline')}>
      <Timeline
        className="ow-of-timeline"
        items={items.map((e) => ({
          key: e.version,
          color: e.to === 'suspended' ? 'orange' : e.to === 'denied' || e.to === 'terminated' ? 'red' : e.to === 'concluded' ? 'green' : 'blue',
          content: (
            <div className="ow-of-tl-item">
              <div>
                <strong>{e.action === 'claim' ? t('office.act.claim') : e.actionName}</strong>
                <span className="ow-of-tl-to"> → {e.toName}</span>
              </div>
              <div className="ow-of-muted">
                {formatInstant(e.at)} · {e.actor.name}
              </div>
              {timelineText(e, t).map((l) => (
                <div key={l}>{l}</div>
              ))}
            </div>
          ),
        }))}
      />
    </Section>
  );
}

/** The case's documents (受理通知书, 决定书, 证书 …) as PDF links. */
export function DocumentsSection({ c }: { c: CaseView }) {
  const t = useT();
  return (
    <Section id="of-docs" title={t('office.case.documents')}>
      {c.documents.length === 0 ? (
        <p className="ow-of-muted">{t('office.case.noDocuments')}</p>
      ) : (
        <ul className="ow-of-docs">
          {c.documents.map((d) => (
            <li key={d.kind}>
              <a href={d.url} target="_blank" rel="noopener noreferrer">
                <FilePdfOutlined aria-hidden /> {d.name}
                <span className="ow-sr-only">{t('office.newWindow')}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The decision, when there is one. */
export function DecisionNotice({ c }: { c: CaseView }) {
  const t = useT();
  if (!c.decision) return null;
  const grant = c.decision.outcome === 'grant';
  return (
    <Alert
      type={grant ? 'success' : 'error'}
      showIcon
      className="ow-of-susp"
      title={t(grant ? 'office.decision.granted' : 'office.decision.denied')}
      description={t('office.decision.detail', { by: c.decision.by, at: formatInstant(c.decision.at), reason: c.decision.reason })}
    />
  );
}

export { OfficeTag };
