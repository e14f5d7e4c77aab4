import { SendOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Radio, Result } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { shanghaiToday, type CaseView, type DeliveryMode } from '../../api/cases.js';
import { fetchItem } from '../../api/catalog.js';
import { ApiError } from '../../api/http.js';
import type { ItemDetail } from '../../api/types.js';
import { useAsync } from '../../api/useAsync.js';
import { ToneTag } from '../../catalog/Tags.js';
import { label } from '../../catalog/labels.js';
import { PageTitle, SectionTitle } from '../../components/PageTitle.js';
import { ErrorAlert, Loading } from '../../components/Status.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { createCase, fetchMyLicences, type HeldLicence } from '../api.js';
import { StatusTag } from '../labels.js';
import { CaseNumber } from '../parts/CaseParts.js';
import { initialRow, materialErrors, onlyMaterialErrors, rowSatisfied, toInputs, type ChecklistContext, type RowState } from '../parts/checklist.js';
import { MaterialRow } from '../parts/MaterialRow.js';
import { useLimitsText } from '../desk/ItemPicker.js';
import '../cases.css';

/** The applicant's valid licences by type, from the wallet. */
export async function myHeldLicences(signal?: AbortSignal): Promise<Map<string, HeldLicence>> {
  const today = shanghaiToday();
  const r = await fetchMyLicences(signal);
  const out = new Map<string, HeldLicence>();
  for (const l of r.items) {
    if (l.status === 'valid' && (l.validUntil === null || l.validUntil >= today) && !out.has(l.typeCode)) {
      out.set(l.typeCode, { typeCode: l.typeCode, typeName: l.typeName, licenseId: l.id, identifier: l.identifier });
    }
  }
  return out;
}

/** /portal/apply/:itemCode — 网上申请: upload each material (or use an e-licence), submit. Phone first. */
export function ApplyPage() {
  const { t } = usePrefs();
  const { itemCode = '' } = useParams();
  const loaded = useAsync(async (signal) => {
    const [item, held] = await Promise.all([fetchItem(itemCode, signal), myHeldLicences(signal).catch(() => new Map<string, HeldLicence>())]);
    return { item, held };
  }, [itemCode]);
  const crumbs = (
    <Breadcrumb
      aria-label={t('common.breadcrumb')}
      className="ow-breadcrumb"
      items={[
        { title: <Link to="/portal/items">{t('nav.items')}</Link> },
        { title: <Link to={`/portal/items/${encodeURIComponent(itemCode)}`}>{loaded.data?.item.name ?? itemCode}</Link> },
        { title: t('case.apply.crumb') },
      ]}
    />
  );
  if (loaded.error !== undefined) {
    const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <div className="ow-page ow-case-phone">
        {crumbs}
        <PageTitle>{missing ? t('case.apply.noItem') : t('case.loadError')}</PageTitle>
        {missing ? <Result status="404" subTitle={itemCode} /> : <ErrorAlert error={loaded.error} onRetry={loaded.reload} />}
      </div>
    );
  }
  if (!loaded.data) return <Loading />;
  return <ApplyForm item={loaded.data.item} held={loaded.data.held} crumbs={crumbs} />;
}

function ApplyForm({ item, held, crumbs }: { item: ItemDetail; held: Map<string, HeldLicence>; crumbs: ReactNode }) {
  const { t, lang } = usePrefs();
  const limits = useLimitsText();
  const ctx: ChecklistContext = { commitmentAllowed: item.commitmentAllowed, staff: false, held };
  const [rows, setRows] = useState<Record<string, RowState>>(() =>
    Object.fromEntries(item.materials.map((m) => [m.code, initialRow(m, ctx)])),
  );
  const [delivery, setDelivery] = useState<DeliveryMode>(item.delivery.includes('mail') ? 'mail' : (item.delivery[0] ?? 'pickup'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<CaseView | null>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => doneRef.current?.focus(), [done]);

  const submit = async () => {
    const local: Record<string, string> = {};
    for (const m of item.materials) if (m.required && !rowSatisfied(rows[m.code])) local[m.code] = t('case.apply.needMaterial');
    setRowErrors(local);
    const first = Object.keys(local)[0];
    if (first) {
      document.querySelector<HTMLElement>(`[data-code="${first}"] input[type="radio"], [data-code="${first}"] button`)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    const { inputs, codes } = toInputs(item.materials, rows, held);
    try {
      setDone(await createCase({ itemCode: item.code, materials: inputs, delivery }));
    } catch (e) {
      setRowErrors(materialErrors(e, codes, lang));
      if (!onlyMaterialErrors(e)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div className="ow-page ow-case-phone">
        {crumbs}
        <PageTitle title={t('case.apply.doneTitle')}>{t('case.apply.doneTitle')}</PageTitle>
        <Card className="ow-card" data-testid="apply-done">
          <h2 className="ow-desk-result-title" tabIndex={-1} ref={doneRef}>
            {t('case.apply.done')}
          </h2>
          <CaseNumber caseNo={done.caseNo} large />
          <p>
            <StatusTag status={done.status} /> {done.item.name}
          </p>
          <p className="ow-case-hint">{t('case.apply.doneHint', { date: done.deemOn ?? '' })}</p>
          <div className="ow-desk-actions">
            <Link className="ow-case-link-btn ow-case-link-primary" to={`/portal/cases/${done.caseNo}`}>
              {t('case.apply.openCase')}
            </Link>
            <Link className="ow-case-link-btn" to="/portal/cases">
              {t('case.my.title')}
            </Link>
          </div>
        </Card>
      </div>
    );
  }

  return (
    <div className="ow-page ow-case-phone">
      {crumbs}
      <PageTitle title={`${t('case.apply.title')} · ${item.name}`}>{t('case.apply.title')}</PageTitle>
      <Card className="ow-card">
        <div className="ow-desk-chosen-name">{item.name}</div>
        <div className="ow-desk-chosen-meta">
          <ToneTag tone={item.caseKind === 1 ? 'green' : 'blue'}>{label('caseKind', item.caseKind, lang)}</ToneTag> {item.departmentName} · {limits(item)}
        </div>
        <p className="ow-case-hint">
          <Link to={`/portal/items/${encodeURIComponent(item.code)}`}>{t('case.apply.guide')}</Link>
        </p>
      </Card>
      <Card className="ow-card">
        <SectionTitle id="apply-materials">{t('case.apply.materials')}</SectionTitle>
        <p className="ow-case-hint">{t('case.apply.materialsHint')}</p>
        {item.materials.length === 0 ? (
          <p className="ow-empty-text">{t('case.apply.noMaterials')}</p>
        ) : (
          <div className="ow-desk-rows">
            {item.materials.map((m, i) => (
              <MaterialRow
                key={m.code}
                index={i}
                m={m}
                value={rows[m.code]}
                onChange={(r) => {
                  setRows((p) => ({ ...p, [m.code]: r }));
                  if (rowErrors[m.code]) setRowErrors((p) => ({ ...p, [m.code]: '' }));
                }}
                ctx={ctx}
                error={rowErrors[m.code] || undefined}
                disabled={busy}
              />
            ))}
          </div>
        )}
      </Card>
      <Card className="ow-card">
        <SectionTitle id="apply-delivery">{t('case.f.deliveryPref')}</SectionTitle>
        <Radio.Group
          aria-labelledby="apply-delivery"
          className="ow-case-vertical-radios"
          value={delivery}
          onChange={(e) => setDelivery(e.target.value as DeliveryMode)}
          options={item.delivery.map((d) => ({ value: d, label: label('delivery', d, lang) }))}
        />
        {Object.values(rowErrors).some(Boolean) && (
          <p className="ow-case-err" role="alert">
            {t('case.desk.rowErrors', { n: Object.values(rowErrors).filter(Boolean).length })}
          </p>
        )}
        {error !== undefined && <ErrorAlert error={error} title={t('case.apply.failed')} />}
        <Alert className="ow-desk-alert" type="info" showIcon title={t('case.apply.preReview')} />
        <Button type="primary" size="large" block icon={<SendOutlined aria-hidden />} loading={busy} onClick={() => void submit()}>
          {t('case.apply.submit')}
        </Button>
      </Card>
    </div>
  );
}
