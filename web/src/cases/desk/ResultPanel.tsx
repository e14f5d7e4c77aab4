import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space } from 'antd';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import type { CaseView } from '../../api/cases.js';
import { SectionTitle } from '../../components/PageTitle.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { CaseDocuments, CaseNumber } from '../parts/CaseParts.js';
import { StatusTag } from '../labels.js';

/** (e) The outcome of an intake: the case number (big), its documents (new tab), print, next. */
export function ResultPanel({ c, onNext }: { c: CaseView; onNext(): void }) {
  const { t } = usePrefs();
  const headRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headRef.current?.focus(), []);

  const outcome =
    c.status === 'accepted' || c.status === 'in_review'
      ? { type: 'success' as const, title: t('case.result.accepted'), text: c.deadlines ? t('case.result.due', { date: c.deadlines.promisedDue }) : '' }
      : c.status === 'pending_completion'
        ? { type: 'warning' as const, title: t('case.result.notice'), text: t('case.result.noticeText') }
        : c.status === 'refused'
          ? { type: 'error' as const, title: t('case.result.refused'), text: c.refusalReason ?? '' }
          : ['granted', 'issued', 'delivered', 'concluded'].includes(c.status)
            ? { type: 'success' as const, title: t('case.result.instant'), text: t('case.result.instantText') }
            : { type: 'info' as const, title: c.statusName, text: '' };

  return (
    <Card className="ow-card ow-desk-result" data-testid="desk-result">
      <h2 className="ow-desk-result-title" tabIndex={-1} ref={headRef}>
        {outcome.title}
      </h2>
      <CaseNumber caseNo={c.caseNo} large />
      <Space size={8} wrap className="ow-desk-result-meta">
        <StatusTag status={c.status} />
        <span>{c.item.name}</span>
        <span>· {c.applicant.name}</span>
      </Space>
      <Alert className="ow-desk-alert" type={outcome.type} showIcon title={outcome.text || outcome.title} />
      {c.status === 'pending_completion' && c.notice && (
        <div className="ow-desk-result-missing">
          <p>{t('case.result.missingList')}</p>
          <ol className="ow-desk-missing" data-testid="result-missing">
            {c.notice.missing.map((m) => (
              <li key={m.code}>{m.name}</li>
            ))}
          </ol>
        </div>
      )}
      {c.outstandingDeferred.length > 0 && (
        <p className="ow-case-hint">
          {t('case.result.deferred', { list: c.outstandingDeferred.map((m) => `${m.name}（${m.deferredUntil ?? ''}）`).join('；') })}
        </p>
      )}
      <SectionTitle id="desk-docs">{t('case.docs.title')}</SectionTitle>
      <CaseDocuments documents={c.documents} caseNo={c.caseNo} />
      <div className="ow-desk-actions ow-no-print">
        <Button type="primary" size="large" icon={<PlusOutlined aria-hidden />} onClick={onNext}>
          {t('case.result.next')}
        </Button>
        <Button size="large" icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
          {t('case.result.print')}
        </Button>
        <Link className="ow-case-link-btn" to={`/desk/cases/${c.caseNo}`}>
          {t('case.result.open')}
        </Link>
      </div>
    </Card>
  );
}
