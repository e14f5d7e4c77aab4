import { FilePdfOutlined } from '@ant-design/icons';
import { Result, Space } from 'antd';
import type { ReactNode } from 'react';
import { formatInstant, type CaseDocument, type CaseMaterial, type CaseStatus, type CaseView } from '../../api/cases.js';
import { ApiError } from '../../api/http.js';
import { ToneTag } from '../../catalog/Tags.js';
import { label } from '../../catalog/labels.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert } from '../../components/Status.js';
import { usePrefs, useT } from '../../prefs/PrefsContext.js';
import { BY_KEY, ColourTag, StatusTag, statusKey, useActionName, useDocName } from '../labels.js';

/** A case page whose case did not load: not found (404), or the error with a retry. */
export function CaseLoadFailure({ error, caseNo, crumbs, onRetry, className = 'ow-page' }: { error: unknown; caseNo: string; crumbs: ReactNode; onRetry(): void; className?: string }) {
  const t = useT();
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <div className={className}>
      {crumbs}
      <PageTitle>{missing ? t('case.notFound') : t('case.loadError')}</PageTitle>
      {missing ? <Result status="404" subTitle={caseNo} /> : <ErrorAlert error={error} onRetry={onRetry} />}
    </div>
  );
}

/** The case number, large and easy to read aloud (groups of 6 · 8 · 6 digits). */
export function CaseNumber({ caseNo, large = false }: { caseNo: string; large?: boolean }) {
  const t = useT();
  return (
    <div className={large ? 'ow-case-no ow-case-no-large' : 'ow-case-no'}>
      <span className="ow-case-no-label">{t('case.f.caseNo')}</span>
      <span className="ow-case-no-value" data-testid="case-no" aria-label={`${t('case.f.caseNo')} ${caseNo}`}>
        {caseNo}
      </span>
    </div>
  );
}

/** Links to the case's PDFs, each opening in a new tab. */
export function CaseDocuments({ documents, caseNo }: { documents: CaseDocument[]; caseNo: string }) {
  const t = useT();
  const docName = useDocName();
  if (documents.length === 0) return <p className="ow-empty-text">{t('case.docs.none')}</p>;
  return (
    <ul className="ow-case-docs" aria-label={t('case.docs.title')}>
      {documents.map((d) => (
        <li key={d.kind}>
          <a className="ow-case-doc" href={d.url} target="_blank" rel="noopener noreferrer" data-kind={d.kind} aria-label={`${docName(d.kind, d.name)}（${t('case.docs.newTab')}）· ${caseNo}`}>
            <FilePdfOutlined aria-hidden /> <span>{docName(d.kind, d.name)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Creation reads as what it was: 受理, 一次性告知, 不予受理 at a window; 网上提交 online. */
const CREATE_AS: Partial<Record<CaseStatus, string>> = { accepted: 'accept', pending_completion: 'notice', refused: 'refuse', submitted: 'submit', draft: 'create' };
const createAs = (action: string, to: CaseStatus) => (action === 'create' ? (CREATE_AS[to] ?? action) : action);

/** The case's history, oldest first, as an ordered list. */
export function CaseTimeline({ entries }: { entries: { at: string; action: string; actionName: string; to: CaseStatus; toName?: string; actor?: string | null; reason?: string | null }[] }) {
  const t = useT();
  const actionName = useActionName();
  return (
    <ol className="ow-case-timeline" aria-label={t('case.timeline')}>
      {entries.map((e, i) => (
        <li key={`${e.at}-${i}`} className={i === entries.length - 1 ? 'ow-case-tl-last' : undefined}>
          <span className="ow-case-tl-dot" aria-hidden />
          <div className="ow-case-tl-head">
            <strong>{actionName(createAs(e.action, e.to), e.actionName)}</strong>
            <span className="ow-case-tl-arrow" aria-hidden>
              →
            </span>
            <span className="ow-sr-only">{t('case.tl.to')}</span>
            <span>{t(statusKey(e.to))}</span>
          </div>
          <div className="ow-case-tl-meta">
            <time dateTime={e.at}>{formatInstant(e.at)}</time>
            {e.actor ? <span> · {e.actor}</span> : null}
          </div>
          {e.reason ? <div className="ow-case-tl-reason">{e.reason}</div> : null}
        </li>
      ))}
    </ol>
  );
}

/** A definition list (label → value), wrapping on phones. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="ow-case-facts">
      {rows.map(([k, v]) => (
        <div key={k} className="ow-case-fact">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The essentials of a case: item, department, applicant, dates and deadline. */
export function CaseFacts({ c }: { c: CaseView }) {
  const { t, lang } = usePrefs();
  const d = c.deadlines;
  const rows: [string, ReactNode][] = [
    [t('case.f.item'), c.item.name],
    [t('case.f.department'), c.item.departmentName],
    [t('case.f.caseKind'), label('caseKind', c.item.caseKind, lang)],
    [t('case.f.applicant'), `${c.applicant.name}${c.applicant.idNumber || c.applicant.uscc ? `（${c.applicant.idNumber ?? c.applicant.uscc}）` : ''}`],
    [t('case.f.channel'), c.channel === 'online' ? t('case.channel.online') : t('case.channel.window')],
  ];
  if (c.intakeHall) rows.push([t('case.f.hall'), c.intakeHall.name]);
  rows.push([t('case.f.created'), formatInstant(c.createdAt)]);
  if (c.acceptedOn) rows.push([t('case.f.acceptedOn'), `${c.acceptedOn}${c.deemed ? `（${t('case.deemed')}）` : ''}`]);
  if (d) {
    rows.push([
      t('case.f.promisedDue'),
      <Space key="pd" size={6} wrap>
        <span>{d.promisedDue}</span>
        {d.colour && <ColourTag colour={d.colour} />}
        {d.colour && !d.paused && <span>{d.remainingDays >= 0 ? t('case.remaining', { n: d.remainingDays }) : t('case.overdueBy', { n: -d.remainingDays })}</span>}
        {d.paused && <ToneTag tone="orange">{t('case.paused')}</ToneTag>}
      </Space>,
    ]);
    rows.push([t('case.f.legalDue'), d.legalDue]);
  } else if (c.item.caseKind === 2) {
    rows.push([t('case.f.limits'), t('case.limits', { p: c.item.promisedLimitDays, l: c.item.legalLimitDays })]);
  }
  if (c.routedTo === 'district') rows.push([t('case.f.routed'), t('case.routedDistrict')]);
  if (c.refusalReason) rows.push([t('case.f.refusalReason'), c.refusalReason]);
  if (c.decision) rows.push([t('case.f.decision'), `${c.decision.outcome === 'grant' ? t('case.status.granted') : t('case.status.denied')} · ${c.decision.reason}`]);
  if (c.certificate?.licenseIdentifier) rows.push([t('case.f.licence'), <span key="li" className="ow-code ow-case-wrap">{c.certificate.licenseIdentifier}</span>]);
  if (c.delivery) {
    rows.push([
      t('case.f.delivery'),
      c.delivery.mode === 'mail' ? t('case.delivery.mailed', { carrier: c.delivery.carrier ?? 'EMS', no: c.delivery.trackingNo ?? '' }) : t('case.delivery.pickedUp', { name: c.delivery.collectorName ?? '' }),
    ]);
  }
  return <Facts rows={rows} />;
}

/** How each material of the case was satisfied; `fileLinks`: the uploader may download the files. */
export function MaterialsView({ materials, fileLinks = false }: { materials: CaseMaterial[]; fileLinks?: boolean }) {
  const t = useT();
  return (
    <ol className="ow-case-mlist">
      {materials.map((m) => {
        const by = m.satisfiedBy ?? 'missing';
        const detail =
          m.satisfiedBy === 'provided'
            ? [m.files.length ? t('case.m.files', { n: m.files.length }) : null, m.paperSeen ? t('case.m.paperSeen') : null].filter(Boolean).join(' · ')
            : m.satisfiedBy === 'license'
              ? (m.licenseIdentifier ?? '')
              : m.satisfiedBy === 'deferred'
                ? m.suppliedAt
                  ? t('case.m.supplied', { at: formatInstant(m.suppliedAt) })
                  : t('case.m.deferredDue', { date: m.deferredUntil ?? '' })
                : '';
        return (
          <li key={m.code} className={`ow-case-mitem ${m.required && !m.satisfiedBy ? 'ow-case-mitem-missing' : ''}`}>
            <div className="ow-case-mname">
              {m.name}
              {!m.required && <span className="ow-case-optional">（{t('case.m.optional')}）</span>}
            </div>
            <Space size={6} wrap>
              <ToneTag tone={by === 'missing' ? (m.required ? 'orange' : 'grey') : by === 'provided' ? 'blue' : by === 'license' ? 'green' : 'purple'}>
                {by === 'missing' && !m.required ? t('case.by.notGiven') : t(BY_KEY[by])}
              </ToneTag>
              {detail && <span className="ow-case-mdetail ow-case-wrap">{detail}</span>}
              {fileLinks &&
                m.files.map((sha, i) => (
                  <a key={sha} href={`/api/v1/files/${sha}`} download aria-label={t('case.m.fileLink', { n: i + 1, name: m.name })}>
                    {t('case.m.fileN', { n: i + 1 })}
                  </a>
                ))}
            </Space>
          </li>
        );
      })}
    </ol>
  );
}

export { StatusTag };
