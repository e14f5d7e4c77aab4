import { CopyOutlined, EditOutlined, QrcodeOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Result, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, errorText } from '../api/http.js';
import { useAsync } from '../api/useAsync.js';
import { PageTitle, SectionTitle } from '../components/PageTitle.js';
import { ErrorAlert, Loading } from '../components/Status.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { claimText, createPresentation, fetchMyLicense, fetchScenarios, type LicenseDetail, type Presentation, type Scenario } from './api.js';
import { formatClock, StatusTag, statusKey } from './labels.js';
import { QrCanvas } from './QrCanvas.js';
import './licenses.css';

const CUSTOM = 'custom';
const TTL = { min: 1, max: 30, default: 5 };
/** What to pick when no scenario fits: who holds it and until when. */
const FALLBACK = ['holder_name', 'valid_until'];

interface Preset {
  id: string;
  name: string;
  keys: string[];
}

function presetsFor(lic: LicenseDetail, scenarios: Scenario[]): Preset[] {
  const have = new Set(lic.disclosable.map((d) => d.key));
  return scenarios
    .filter((s) => s.licenseTypes.some((lt) => lt.code === lic.typeCode))
    .map((s) => ({ id: s.id, name: s.name, keys: s.fields.map((f) => f.key).filter((k) => have.has(k)) }))
    .filter((p) => p.keys.length > 0);
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((k) => b.includes(k));

/** The value a holder is about to show, next to each checkbox. */
function previewOf(lic: LicenseDetail, key: string, longTerm: string): string {
  switch (key) {
    case 'license_identifier':
      return lic.identifier;
    case 'holder_name':
      return lic.holder.name;
    case 'holder_id':
      return lic.holder.code;
    case 'issuer_name':
      return lic.issuer.name;
    case 'issued_on':
      return lic.issuedOn;
    case 'valid_from':
      return lic.validFrom;
    case 'valid_until':
      return lic.validUntil ?? longTerm;
    case 'status_uri':
      return '';
    default:
      return claimText(lic.claims[key]);
  }
}

/** /portal/licenses/:id/present — 亮证: pick fields and minutes, show a QR that expires. */
export function PresentPage() {
  const { t } = usePrefs();
  const { id = '' } = useParams();
  const lic = useAsync((signal) => fetchMyLicense(id, signal), [id]);
  const scen = useAsync((signal) => fetchScenarios(signal), []);

  const crumbs = (
    <Breadcrumb
      aria-label={t('common.breadcrumb')}
      className="ow-breadcrumb"
      items={[
        { title: <Link to="/portal/licenses">{t('lic.detail.back')}</Link> },
        { title: lic.data ? <Link to={`/portal/licenses/${id}`}>{lic.data.typeName}</Link> : '' },
        { title: t('lic.present.title') },
      ]}
    />
  );
  if (lic.error !== undefined) {
    const missing = lic.error instanceof ApiError && lic.error.status === 404;
    return (
      <div className="ow-page ow-lic-page">
        {crumbs}
        <PageTitle>{missing ? t('lic.detail.notFound') : t('lic.detail.loadError')}</PageTitle>
        {missing ? <Result status="404" extra={<Link to="/portal/licenses">{t('lic.detail.back')}</Link>} /> : <ErrorAlert error={lic.error} onRetry={lic.reload} />}
      </div>
    );
  }
  if (!lic.data || (scen.loading && !scen.data && scen.error === undefined)) return <Loading />;
  const l = lic.data;
  const title = `${t('lic.present.title')} · ${l.typeName}`;
  return (
    <div className="ow-page ow-lic-page">
      {crumbs}
      <PageTitle title={title} extra={<StatusTag status={l.status} />}>
        {title}
      </PageTitle>
      {l.status !== 'valid' ? (
        <Alert type="warning" showIcon title={t('lic.detail.notPresentable', { status: t(statusKey(l.status)) })} description={l.statusReason ?? undefined} />
      ) : (
        <Presenter lic={l} scenarios={scen.data?.items ?? []} />
      )}
    </div>
  );
}

interface Shown {
  p: Presentation;
  /** Date.now() when it arrived: the countdown runs on this device's clock from there */
  receivedAt: number;
}

/**
 * The QR being shown survives a reload (or a remount) of this tab until it expires: a holder at a
 * hotel desk must not lose it. Kept in sessionStorage (this tab only), removed once expired.
 */
const storeKey = (licenseId: string) => `ow.lic.presentation.${licenseId}`;
const leftMs = (s: Shown, now = Date.now()) => Date.parse(s.p.expiresAt) - Date.parse(s.p.issuedAt) - (now - s.receivedAt);

function restoreShown(licenseId: string): Shown | null {
  try {
    const raw = window.sessionStorage.getItem(storeKey(licenseId));
    if (!raw) return null;
    const s = JSON.parse(raw) as Shown;
    if (typeof s?.receivedAt === 'number' && typeof s.p?.qrText === 'string' && s.p.licenseId === licenseId && leftMs(s) > 0) return s;
    window.sessionStorage.removeItem(storeKey(licenseId));
  } catch {
    // storage unavailable or garbled: start afresh
  }
  return null;
}

function keepShown(s: Shown | null, licenseId: string) {
  try {
    if (s) window.sessionStorage.setItem(storeKey(licenseId), JSON.stringify(s));
    else window.sessionStorage.removeItem(storeKey(licenseId));
  } catch {
    // private mode: the QR just does not survive a reload
  }
}

function Presenter({ lic, scenarios }: { lic: LicenseDetail; scenarios: Scenario[] }) {
  const { t, lang } = usePrefs();
  const presets = useMemo(() => presetsFor(lic, scenarios), [lic, scenarios]);
  const fallback = FALLBACK.filter((k) => lic.disclosable.some((d) => d.key === k));
  const [keys, setKeys] = useState<string[]>(() => (presets[0] ? presets[0].keys : fallback));
  const [preset, setPreset] = useState<string>(() => (presets[0] ? presets[0].id : CUSTOM));
  const [minutes, setMinutes] = useState<number>(TTL.default);
  const [audience, setAudience] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [shown, setShown] = useState<Shown | null>(() => restoreShown(lic.id));
  const [editing, setEditing] = useState(() => shown === null);
  const [touched, setTouched] = useState(false);
  const longTerm = t('lic.f.longTerm');
  const labelOf = useMemo(() => new Map(lic.disclosable.map((d) => [d.key, d.label])), [lic.disclosable]);

  const choosePreset = (pid: string) => {
    setPreset(pid);
    const p = presets.find((x) => x.id === pid);
    if (p) setKeys(p.keys);
  };
  const changeKeys = (next: string[]) => {
    // keep the type's field order
    const ordered = lic.disclosable.map((d) => d.key).filter((k) => next.includes(k));
    setKeys(ordered);
    setTouched(true);
    setPreset(presets.find((p) => sameSet(p.keys, ordered))?.id ?? CUSTOM);
  };

  const generate = async () => {
    setTouched(true);
    if (keys.length === 0) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const ttl = Math.min(TTL.max, Math.max(TTL.min, Math.round(minutes || TTL.default)));
      const p = await createPresentation(lic.id, { disclose: keys, ttlMinutes: ttl, ...(audience.trim() ? { audience: audience.trim() } : {}) });
      const next = { p, receivedAt: Date.now() };
      setShown(next);
      keepShown(next, lic.id);
      setEditing(false);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const noneChosen = touched && keys.length === 0;

  return (
    <>
      {shown && !editing && (
        <PresentationCard
          lic={lic}
          shown={shown}
          labelOf={labelOf}
          busy={busy}
          onRegenerate={generate}
          onEdit={() => setEditing(true)}
          onExpired={() => keepShown(null, lic.id)}
        />
      )}
      {failure !== undefined && (
        <Alert className="ow-form-alert" type="error" showIcon role="alert" title={t('lic.present.failed')} description={errorText(failure, lang)} />
      )}
      {editing && (
        <Card className="ow-card">
          <Typography.Paragraph>{t('lic.present.intro')}</Typography.Paragraph>
          <Form layout="vertical" name="lic-present" onFinish={generate} requiredMark={false}>
            {presets.length > 0 && (
              <Form.Item label={<span id="lic-preset-label">{t('lic.present.scenario')}</span>}>
                <Radio.Group
                  aria-labelledby="lic-preset-label"
                  className="ow-lic-presets"
                  value={preset === CUSTOM ? undefined : preset}
                  onChange={(e) => choosePreset(String(e.target.value))}
                  optionType="button"
                  options={presets.map((p) => ({ value: p.id, label: p.name }))}
                />
              </Form.Item>
            )}
            <fieldset className="ow-lic-fieldset">
              <legend className="ow-lic-legend">{t('lic.present.fields')}</legend>
              <Space size={8} className="ow-lic-bulk">
                <Button size="small" onClick={() => changeKeys(lic.disclosable.map((d) => d.key))}>
                  {t('lic.present.selectAll')}
                </Button>
                <Button size="small" onClick={() => changeKeys([])}>
                  {t('lic.present.clear')}
                </Button>
              </Space>
              <Checkbox.Group value={keys} onChange={(v) => changeKeys(v.map(String))} className="ow-lic-checks ow-lic-checks-present">
                {lic.disclosable.map((d) => {
                  const preview = previewOf(lic, d.key, longTerm);
                  return (
                    <Checkbox key={d.key} value={d.key} className="ow-lic-check">
                      <span className="ow-lic-check-label">{d.label}</span>
                      {preview && <span className="ow-lic-check-value">{preview}</span>}
                    </Checkbox>
                  );
                })}
              </Checkbox.Group>
              <p className={noneChosen ? 'ow-lic-help ow-lic-help-error' : 'ow-lic-help'} role={noneChosen ? 'alert' : undefined} aria-live="polite">
                {noneChosen ? t('lic.present.needOne') : t('lic.present.fieldsHelp', { n: keys.length })}
              </p>
            </fieldset>
            <Form.Item label={t('lic.present.minutes')} htmlFor="lic-minutes" extra={t('lic.present.minutesHelp')}>
              <InputNumber id="lic-minutes" min={TTL.min} max={TTL.max} precision={0} value={minutes} onChange={(v) => setMinutes(v ?? TTL.default)} className="ow-lic-minutes" />
            </Form.Item>
            <Form.Item label={t('lic.present.audience')} htmlFor="lic-audience">
              <Input id="lic-audience" value={audience} maxLength={200} onChange={(e) => setAudience(e.target.value)} placeholder={t('lic.present.audiencePlaceholder')} />
            </Form.Item>
            <Button type="primary" size="large" htmlType="submit" loading={busy} icon={<QrcodeOutlined aria-hidden />} className="ow-lic-generate">
              {t('lic.present.generate')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}

/** mm:ss */
const mmss = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

function PresentationCard({
  lic,
  shown,
  labelOf,
  busy,
  onRegenerate,
  onEdit,
  onExpired,
}: {
  lic: LicenseDetail;
  shown: Shown;
  labelOf: Map<string, string>;
  busy: boolean;
  onRegenerate(): void;
  onEdit(): void;
  onExpired(): void;
}) {
  const { t } = usePrefs();
  const { message } = App.useApp();
  const { p } = shown;
  const [now, setNow] = useState(() => Date.now());
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    setNow(Date.now());
    const h = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(h);
  }, [p.id]);
  useEffect(() => {
    heading.current?.focus();
  }, [p.id]);

  const left = leftMs(shown, now);
  const expired = left <= 0;
  useEffect(() => {
    if (expired) onExpired();
  }, [expired, onExpired]);
  const soon = !expired && left <= 60_000;
  const fields = p.disclosed.map((k) => labelOf.get(k) ?? k);
  const qrPayload = `${window.location.origin}${p.verifyUrl}`;
  const until = formatClock(p.expiresAt);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(p.qrText);
      message.success(t('lic.present.copied'));
    } catch {
      const el = document.getElementById('lic-qr-text');
      if (el instanceof HTMLTextAreaElement) el.select();
      message.warning(t('lic.present.copyFailed'));
    }
  };

  return (
    <Card className="ow-card ow-lic-present-card" data-testid="presentation">
      <section aria-labelledby="lic-qr-heading">
        <SectionTitle id="lic-qr-heading">
          <span ref={heading} tabIndex={-1} className="ow-lic-focus-target">
            {t('lic.present.qrHeading')}
          </span>
        </SectionTitle>
        <div className="ow-lic-qr-box">
          <QrCanvas text={qrPayload} dimmed={expired} label={t('lic.present.qrAlt', { type: lic.typeName, fields: fields.join('、'), time: until })} />
          {expired && (
            <div className="ow-lic-qr-overlay">
              <strong>{t('lic.present.expired')}</strong>
              <span>{t('lic.present.expiredHint')}</span>
            </div>
          )}
        </div>
        <div className={`ow-lic-countdown${expired ? ' is-expired' : soon ? ' is-soon' : ''}`}>
          <span className="ow-lic-countdown-label">{t('lic.present.remaining')}</span>
          <span role="timer" aria-live="off" className="ow-lic-countdown-value" data-testid="countdown">
            {mmss(left)}
          </span>
          <span className="ow-lic-muted">{t('lic.present.expiresAt', { time: until })}</span>
        </div>
        <p className="ow-sr-only" aria-live="polite">
          {expired ? t('lic.present.expired') : soon ? t('lic.present.expiringSoon') : ''}
        </p>
        <p className="ow-lic-showing">
          <span className="ow-lic-muted">{t('lic.present.showing')}</span>
          {fields.join('、')}
          {p.audience ? ` · ${p.audience}` : ''}
        </p>
        <Space wrap size={[8, 8]} className="ow-lic-present-actions">
          <Button type={expired ? 'primary' : 'default'} size="large" icon={<ReloadOutlined aria-hidden />} onClick={onRegenerate} loading={busy}>
            {t('lic.present.regenerate')}
          </Button>
          <Button size="large" icon={<EditOutlined aria-hidden />} onClick={onEdit}>
            {t('lic.present.change')}
          </Button>
        </Space>
        {!expired && <p className="ow-lic-muted">{t('lic.present.scanHint')}</p>}
        <div className="ow-lic-qrtext">
          <label htmlFor="lic-qr-text" className="ow-lic-qrtext-label">
            {t('lic.present.text')}
          </label>
          <Input.TextArea id="lic-qr-text" readOnly value={p.qrText} autoSize={{ minRows: 2, maxRows: 4 }} className="ow-code" />
          <Space wrap className="ow-lic-qrtext-actions">
            <Button icon={<CopyOutlined aria-hidden />} onClick={copy}>
              {t('lic.present.copy')}
            </Button>
            <Link to={p.verifyUrl} target="_blank" rel="noopener">
              {t('lic.present.openVerify')}
            </Link>
          </Space>
        </div>
      </section>
    </Card>
  );
}
