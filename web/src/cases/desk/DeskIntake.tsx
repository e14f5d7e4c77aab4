import { CheckCircleOutlined, CloseCircleOutlined, FileTextOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Radio, Space } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { shanghaiToday, type CaseView, type DeliveryMode } from '../../api/cases.js';
import { fetchItem } from '../../api/catalog.js';
import type { ItemDetail, ItemSummary } from '../../api/types.js';
import { useAsync } from '../../api/useAsync.js';
import { ToneTag } from '../../catalog/Tags.js';
import { label } from '../../catalog/labels.js';
import { SectionTitle } from '../../components/PageTitle.js';
import { ErrorAlert, Loading } from '../../components/Status.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { addWorkingDays, createCase, fetchHeldLicences, type ApplicantListed, type HeldLicence } from '../api.js';
import { materialErrors, onlyMaterialErrors, initialRow, rowSatisfied, toInputs, type ChecklistContext, type RowState } from '../parts/checklist.js';
import { MaterialRow } from '../parts/MaterialRow.js';
import { ApplicantCard, ApplicantPicker } from './ApplicantPicker.js';
import { ItemPicker, useLimitsText } from './ItemPicker.js';
import { ResultPanel } from './ResultPanel.js';

/** The whole intake at the window: item → applicant → checklist → outcome → result. */
export function DeskIntake({ canIntake, onDone }: { canIntake: boolean; onDone(c: CaseView): void }) {
  const { t } = usePrefs();
  const [item, setItem] = useState<ItemSummary | null>(null);
  const [applicant, setApplicant] = useState<ApplicantListed | null>(null);
  const [result, setResult] = useState<CaseView | null>(null);
  const [round, setRound] = useState(0);
  const applicantInputId = 'desk-applicant-code';
  const checklistRef = useRef<HTMLDivElement>(null);

  const reset = () => {
    setItem(null);
    setApplicant(null);
    setResult(null);
    setRound((n) => n + 1);
  };

  // keyboard flow: after each choice, focus moves to the next step
  useEffect(() => {
    if (item && !applicant) document.getElementById(applicantInputId)?.focus();
  }, [item, applicant]);
  useEffect(() => {
    if (item && applicant) checklistRef.current?.querySelector<HTMLElement>('input[type="radio"]:checked, input[type="radio"]')?.focus();
  }, [item, applicant]);

  if (result) {
    return <ResultPanel c={result} onNext={reset} />;
  }

  return (
    <div key={round}>
      <Card className="ow-card ow-desk-step">
        <SectionTitle id="desk-s1">
          <span className="ow-desk-step-no">1</span> {t('case.desk.s1')}
        </SectionTitle>
        {item ? <ChosenItem item={item} onChange={() => { setItem(null); setApplicant(null); }} /> : <ItemPicker onPick={setItem} autoFocus />}
      </Card>
      <Card className="ow-card ow-desk-step">
        <SectionTitle id="desk-s2">
          <span className="ow-desk-step-no">2</span> {t('case.desk.s2')}
        </SectionTitle>
        {!item ? (
          <p className="ow-empty-text">{t('case.desk.s2wait')}</p>
        ) : applicant ? (
          <ApplicantCard a={applicant} onChange={() => setApplicant(null)} />
        ) : (
          <ApplicantPicker onPick={setApplicant} inputId={applicantInputId} />
        )}
      </Card>
      <div ref={checklistRef}>
        {item && applicant ? (
          <Checklist key={`${item.code}:${applicant.id}`} summary={item} applicant={applicant} canIntake={canIntake} onResult={(c) => { setResult(c); onDone(c); }} />
        ) : (
          <Card className="ow-card ow-desk-step">
            <SectionTitle id="desk-s3">
              <span className="ow-desk-step-no">3</span> {t('case.desk.s3')}
            </SectionTitle>
            <p className="ow-empty-text">{t('case.desk.s3wait')}</p>
          </Card>
        )}
      </div>
    </div>
  );
}

function ChosenItem({ item, onChange }: { item: ItemSummary; onChange(): void }) {
  const { t, lang } = usePrefs();
  const limits = useLimitsText();
  return (
    <div className="ow-desk-chosen" data-testid="desk-item">
      <div>
        <div className="ow-desk-chosen-name">{item.name}</div>
        <Space size={[6, 4]} wrap className="ow-desk-chosen-meta">
          <ToneTag tone={item.caseKind === 1 ? 'green' : 'blue'}>{label('caseKind', item.caseKind, lang)}</ToneTag>
          {item.commitmentAllowed && <ToneTag tone="purple">{t('case.m.commitmentOk')}</ToneTag>}
          <span>{item.departmentName}</span>
          <span>· {limits(item)}</span>
        </Space>
      </div>
      <Button onClick={onChange}>{t('case.desk.change')}</Button>
    </div>
  );
}

interface Loaded {
  item: ItemDetail;
  held: Map<string, HeldLicence> | null;
  today: string;
  maxDeferral: string | undefined;
}

/** (c) + (d): the material checklist and the outcome buttons. */
function Checklist({ summary, applicant, canIntake, onResult }: { summary: ItemSummary; applicant: ApplicantListed; canIntake: boolean; onResult(c: CaseView): void }) {
  const loaded = useAsync<Loaded>(
    async (signal) => {
      const today = shanghaiToday();
      const [item, held] = await Promise.all([fetchItem(summary.code, signal), fetchHeldLicences(applicant.id, summary.code, signal)]);
      let maxDeferral: string | undefined;
      if (item.materials.some((m) => m.deferrable) && item.promisedLimitDays > 0) {
        try {
          maxDeferral = (await addWorkingDays(today, item.promisedLimitDays, signal)).date;
        } catch {
          maxDeferral = undefined;
        }
      }
      return { item, held: held ? new Map(held.map((h) => [h.typeCode, h])) : null, today, maxDeferral };
    },
    [summary.code, applicant.id],
  );
  if (loaded.error !== undefined) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  return <ChecklistForm data={loaded.data} applicant={applicant} canIntake={canIntake} onResult={onResult} />;
}

function ChecklistForm({ data, applicant, canIntake, onResult }: { data: Loaded; applicant: ApplicantListed; canIntake: boolean; onResult(c: CaseView): void }) {
  const { t, lang } = usePrefs();
  const { item, held, today, maxDeferral } = data;
  const ctx: ChecklistContext = { commitmentAllowed: item.commitmentAllowed, staff: true, held };
  const [rows, setRows] = useState<Record<string, RowState>>(() => Object.fromEntries(item.materials.map((m) => [m.code, initialRow(m, ctx)])));
  const [busy, setBusy] = useState<'accept' | 'notice' | 'refuse' | null>(null);
  const [error, setError] = useState<unknown>();
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [delivery, setDelivery] = useState<DeliveryMode>(item.delivery.includes('pickup') ? 'pickup' : (item.delivery[0] ?? 'pickup'));
  const instant = item.caseKind === 1;

  const missing = useMemo(() => item.materials.filter((m) => m.required && !rowSatisfied(rows[m.code])), [item, rows]);
  const counts = useMemo(() => {
    const c = { provided: 0, license: 0, commitment: 0, deferred: 0 };
    for (const m of item.materials) {
      const r = rows[m.code];
      if (r && rowSatisfied(r) && r.by !== 'missing') c[r.by] += 1;
    }
    return c;
  }, [item, rows]);

  const setRow = (code: string, r: RowState) => {
    setRows((prev) => ({ ...prev, [code]: r }));
    if (rowErrors[code]) setRowErrors((prev) => ({ ...prev, [code]: '' }));
  };

  const markAllPaper = () =>
    setRows((prev) => {
      const next = { ...prev };
      for (const m of item.materials) {
        const r = next[m.code];
        if (m.required && r && r.by === 'missing') next[m.code] = { ...r, by: 'provided', paperSeen: true };
      }
      return next;
    });

  const submit = async (outcome: 'accept' | 'notice' | 'refuse') => {
    if (outcome === 'refuse' && !reason.trim()) {
      setReasonError(t('case.desk.reasonRequired'));
      document.getElementById('desk-refuse-reason')?.focus();
      return;
    }
    setBusy(outcome);
    setError(undefined);
    setRowErrors({});
    const { inputs, codes } = toInputs(item.materials, rows, held);
    try {
      const c = await createCase({
        itemCode: item.code,
        applicantId: applicant.id,
        materials: inputs,
        delivery,
        ...(outcome === 'refuse' ? { outcome: 'refuse', refusalReason: reason.trim() } : { outcome: 'accept' }),
      });
      onResult(c);
    } catch (e) {
      const errs = materialErrors(e, codes, lang);
      setRowErrors(errs);
      if (!onlyMaterialErrors(e)) setError(e);
      const first = Object.keys(errs)[0];
      if (first) document.querySelector<HTMLElement>(`[data-code="${first}"] input`)?.focus();
    } finally {
      setBusy(null);
    }
  };

  const rowErrorCount = Object.values(rowErrors).filter(Boolean).length;

  return (
    <>
      <Card className="ow-card ow-desk-step">
        <SectionTitle id="desk-s3">
          <span className="ow-desk-step-no">3</span> {t('case.desk.s3')}
        </SectionTitle>
        <div className="ow-desk-checklist-head">
          <p className="ow-case-hint">{t('case.desk.checklistHint')}</p>
          {missing.length > 0 && <Button onClick={markAllPaper}>{t('case.desk.allPaper')}</Button>}
        </div>
        {held === null && item.materials.some((m) => m.licenseTypeCode) && <p className="ow-case-hint">{t('case.desk.licenceAuto')}</p>}
        <div className="ow-desk-rows">
          {item.materials.map((m, i) => (
            <MaterialRow key={m.code} index={i} m={m} value={rows[m.code]} onChange={(r) => setRow(m.code, r)} ctx={ctx} today={today} maxDeferral={maxDeferral} error={rowErrors[m.code] || undefined} disabled={busy !== null} />
          ))}
        </div>
      </Card>

      <Card className="ow-card ow-desk-step ow-desk-outcome">
        <SectionTitle id="desk-s4">
          <span className="ow-desk-step-no">4</span> {t('case.desk.s4')}
        </SectionTitle>
        <p className="ow-desk-counts" aria-live="polite">
          {t('case.desk.counts', { p: counts.provided, l: counts.license, c: counts.commitment, d: counts.deferred, m: missing.length })}
        </p>
        {item.delivery.length > 1 && (
          <div className="ow-desk-delivery">
            <span id="desk-delivery-label" className="ow-case-inline-label">
              {t('case.f.deliveryPref')}
            </span>
            <Radio.Group
              aria-labelledby="desk-delivery-label"
              value={delivery}
              onChange={(e) => setDelivery(e.target.value as DeliveryMode)}
              options={item.delivery.map((d) => ({ value: d, label: label('delivery', d, lang) }))}
            />
          </div>
        )}
        {instant && (
          <Alert className="ow-desk-alert" type="success" showIcon icon={<ThunderboltOutlined aria-hidden />} title={t('case.desk.instant')} />
        )}
        {missing.length > 0 && (
          <Alert
            className="ow-desk-alert"
            type="warning"
            showIcon
            title={t('case.desk.missingTitle', { n: missing.length })}
            description={
              <ol className="ow-desk-missing" data-testid="desk-missing">
                {missing.map((m) => (
                  <li key={m.code}>{m.name}</li>
                ))}
              </ol>
            }
          />
        )}
        {!canIntake && <Alert className="ow-desk-alert" type="info" showIcon title={t('case.desk.assistantOnly')} />}
        {error !== undefined && <ErrorAlert error={error} title={t('case.desk.failed')} />}
        {rowErrorCount > 0 && (
          <p className="ow-case-err" role="alert">
            {t('case.desk.rowErrors', { n: rowErrorCount })}
          </p>
        )}
        <div className="ow-desk-actions">
          <Button
            type="primary"
            size="large"
            icon={<CheckCircleOutlined aria-hidden />}
            disabled={!canIntake || missing.length > 0 || busy !== null}
            loading={busy === 'accept'}
            onClick={() => void submit('accept')}
            aria-describedby={missing.length > 0 ? 'desk-accept-why' : undefined}
          >
            {instant ? t('case.desk.acceptInstant') : t('case.desk.accept')}
          </Button>
          {missing.length > 0 && (
            <Button size="large" icon={<FileTextOutlined aria-hidden />} disabled={!canIntake || busy !== null} loading={busy === 'notice'} onClick={() => void submit('notice')} className="ow-desk-notice-btn">
              {t('case.desk.notice')}
            </Button>
          )}
          <Button size="large" danger icon={<CloseCircleOutlined aria-hidden />} disabled={!canIntake || busy !== null} onClick={() => setRefusing((v) => !v)} aria-expanded={refusing} aria-controls="desk-refuse">
            {t('case.desk.refuse')}
          </Button>
        </div>
        {missing.length > 0 && (
          <p className="ow-case-hint" id="desk-accept-why">
            {t('case.desk.acceptDisabled')}
          </p>
        )}
        {refusing && (
          <div id="desk-refuse" className="ow-desk-refuse">
            <label htmlFor="desk-refuse-reason" className="ow-case-inline-label">
              {t('case.desk.refuseReason')}
            </label>
            <Input.TextArea
              id="desk-refuse-reason"
              rows={3}
              maxLength={1000}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonError(undefined);
              }}
              placeholder={t('case.desk.refusePlaceholder')}
              status={reasonError ? 'error' : undefined}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? 'desk-refuse-err' : 'desk-refuse-hint'}
            />
            <p className="ow-case-hint" id="desk-refuse-hint">
              {t('case.desk.refuseHint')}
            </p>
            {reasonError && (
              <p className="ow-case-err" id="desk-refuse-err" role="alert">
                {reasonError}
              </p>
            )}
            <Button danger type="primary" loading={busy === 'refuse'} disabled={busy !== null} onClick={() => void submit('refuse')}>
              {t('case.desk.refuseConfirm')}
            </Button>
          </div>
        )}
      </Card>
    </>
  );
}
