import { CheckCircleFilled, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, errorText } from '../../api/http.js';
import { PageTitle, SectionTitle } from '../../components/PageTitle.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { fetchProgress, type ProgressView } from '../api.js';
import { StatusTag, statusKey } from '../labels.js';
import { CaseTimeline, Facts } from '../parts/CaseParts.js';
import '../cases.css';

interface Query {
  caseNo: string;
  idTail: string;
}

/** /portal/progress — 办件进度查询, no login: case number + last 4 characters of the ID number / USCC. */
export function ProgressPage() {
  const { t, lang } = usePrefs();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Query>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ProgressView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const search = async (q: Query) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await fetchProgress(q.caseNo.trim(), q.idTail.trim().toUpperCase()));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setError(t('case.progress.notFound'));
      else if (e instanceof ApiError && e.status === 429) setError(t('case.progress.tooMany'));
      else setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const concluded = result?.status === 'concluded';
  return (
    <div className="ow-page ow-case-phone">
      <PageTitle title={t('case.progress.title')}>{t('case.progress.title')}</PageTitle>
      <p>{t('case.progress.intro')}</p>
      <Card className="ow-card">
        <Form<Query>
          form={form}
          name="progress"
          layout="vertical"
          role="search"
          aria-label={t('case.progress.title')}
          initialValues={{ caseNo: params.get('caseNo') ?? '', idTail: '' }}
          onFinish={(v) => void search(v)}
          requiredMark
        >
          <Form.Item
            name="caseNo"
            label={t('case.f.caseNo')}
            extra={t('case.progress.caseNoHint')}
            rules={[
              { required: true, message: t('case.progress.caseNoRequired') },
              { pattern: /^\s*\d{20}\s*$/, message: t('case.progress.caseNoFormat') },
            ]}
          >
            <Input inputMode="numeric" maxLength={22} autoComplete="off" size="large" className="ow-code-input" />
          </Form.Item>
          <Form.Item
            name="idTail"
            label={t('case.progress.idTail')}
            extra={t('case.progress.idTailHint')}
            rules={[
              { required: true, message: t('case.progress.idTailRequired') },
              { pattern: /^\s*[0-9A-Za-z]{4}\s*$/, message: t('case.progress.idTailFormat') },
            ]}
          >
            <Input maxLength={4} autoComplete="off" size="large" className="ow-code-input ow-case-tail" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block icon={<SearchOutlined aria-hidden />} loading={busy}>
            {t('case.progress.search')}
          </Button>
        </Form>
      </Card>
      <div aria-live="polite">
        {error && <Alert type="error" showIcon role="alert" title={error} className="ow-desk-alert" data-testid="progress-error" />}
      </div>
      {result && (
        <Card className="ow-card ow-case-progress" data-testid="progress-result">
          <h2 className="ow-case-progress-status" tabIndex={-1} ref={resultRef}>
            {concluded && <CheckCircleFilled className="ow-case-ok" aria-hidden />} {concluded ? t('case.progress.concluded') : t('case.progress.statusIs', { s: t(statusKey(result.status)) })}
          </h2>
          <StatusTag status={result.status} />
          <Facts
            rows={[
              [t('case.f.caseNo'), <span key="n" className="ow-code ow-case-wrap">{result.caseNo}</span>],
              [t('case.f.item'), result.itemName],
              [t('case.f.department'), result.departmentName],
              [t('case.f.applicant'), result.applicantName],
              ...(result.acceptedOn ? [[t('case.f.acceptedOn'), result.acceptedOn] as [string, string]] : []),
              ...(result.promisedDue && !concluded ? [[t('case.f.promisedDue'), result.promisedDue] as [string, string]] : []),
              ...(result.paused ? [[t('case.f.clock'), t('case.paused')] as [string, string]] : []),
              ...(result.deliveryMode ? [[t('case.f.delivery'), result.deliveryMode === 'mail' ? t('case.delivery.mail') : t('case.delivery.pickup')] as [string, string]] : []),
            ]}
          />
          <SectionTitle id="progress-tl">{t('case.timeline')}</SectionTitle>
          <CaseTimeline entries={result.timeline.map((e) => ({ at: e.at, action: e.action, actionName: e.actionName, to: e.status }))} />
        </Card>
      )}
    </div>
  );
}
