import { CameraOutlined, PictureOutlined, ScanOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Input, Row, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState, type ChangeEvent, type RefObject } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError, errorText } from '../api/http.js';
import { PageTitle, SectionTitle } from '../components/PageTitle.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { claimText, verifyLicense, type VerifyInput, type VerifyOutcome } from './api.js';
import { CameraScanner, cameraAvailable } from './CameraScanner.js';
import { formatInstant, verdictOf } from './labels.js';
import { tokenOf } from './offline.js';
import { cachedKit, keepPageForOffline, refreshKit, verifyWithKit } from './offlineCache.js';
import { decodeQrFile, ImageUnreadable } from './qrDecode.js';
import { ScenarioList } from './ScenarioList.js';
import './licenses.css';

type Source = 'input' | 'image' | 'camera' | 'link';

const IDENTIFIER = /^1\.2\.156\.3005\.2\./i;

/** What to send for a scanned or typed text. */
function inputFor(text: string): { body: VerifyInput; byIdentifier: boolean } {
  const s = text.trim();
  if (IDENTIFIER.test(s)) return { body: { identifier: s }, byIdentifier: true };
  return { body: { qrText: s }, byIdentifier: !s.includes('OW1:') && /[?&]l=/.test(s) };
}

interface Checked {
  outcome: VerifyOutcome;
  source: Source;
  byIdentifier: boolean;
  /** checked in the page with the cached keys (no network): when those keys were fetched */
  offlineKeysOf?: string;
}

/** Without a network: the token checked here with the keys cached while online, or why not. */
async function checkOffline(text: string): Promise<{ outcome: VerifyOutcome; keysOf: string } | { cannot: 'identifier' | 'no_keys' }> {
  const token = tokenOf(text);
  if (!token) return { cannot: 'identifier' };
  const kit = cachedKit();
  if (!kit) return { cannot: 'no_keys' };
  return { outcome: await verifyWithKit(token, kit), keysOf: kit.fetchedAt };
}

/** /verify — anyone checks a licence QR (presentation or licence code), no login. */
export function VerifyPage() {
  const { t, lang } = usePrefs();
  const location = useLocation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [offlineWhy, setOfflineWhy] = useState<'identifier' | 'no_keys' | null>(null);
  const [imageNote, setImageNote] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const lastAuto = useRef<string | null>(null);
  const seq = useRef(0);

  const run = useCallback(async (raw: string, source: Source) => {
    const s = raw.trim();
    if (!s) {
      setHint('needInput');
      return;
    }
    setHint(null);
    const { body, byIdentifier } = inputFor(s);
    const mine = ++seq.current;
    setBusy(true);
    setFailure(undefined);
    setOfflineWhy(null);
    try {
      const outcome = await verifyLicense(body);
      if (mine !== seq.current) return;
      setChecked({ outcome, source, byIdentifier });
    } catch (e) {
      if (mine !== seq.current) return;
      // no network (status 0): check here with the cached keys rather than give up
      const offline = e instanceof ApiError && e.status === 0 ? await checkOffline(s).catch(() => null) : null;
      if (mine !== seq.current) return;
      if (offline && 'outcome' in offline) {
        setChecked({ outcome: offline.outcome, source, byIdentifier: false, offlineKeysOf: offline.keysOf });
        return;
      }
      setChecked(null);
      setFailure(e);
      if (offline) setOfflineWhy(offline.cannot);
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  }, []);

  // (c) the verify URL a presentation QR carries: /verify#OW1:…; a licence's own QR: /verify?l=<identifier>
  useEffect(() => {
    const hash = decodeURIComponent(location.hash.replace(/^#/, ''));
    const l = new URLSearchParams(location.search).get('l');
    const auto = hash.startsWith('OW1:') ? hash : l ? l : null;
    if (!auto || lastAuto.current === auto) return;
    lastAuto.current = auto;
    setText('');
    setImageNote(null);
    void run(auto, 'link');
  }, [location.hash, location.search, run]);

  // move focus to the verdict so it is read out, and into view on phones
  useEffect(() => {
    if (!checked) return;
    resultRef.current?.focus({ preventScroll: true });
    resultRef.current?.closest('section')?.scrollIntoView({ block: 'start', behavior: 'auto' });
  }, [checked]);

  // keep the issuer's keys, and this page, for checking without a network
  useEffect(() => {
    const ctl = new AbortController();
    void refreshKit(ctl.signal).then(() => (ctl.signal.aborted ? undefined : keepPageForOffline()));
    return () => ctl.abort();
  }, []);

  // a scanner gun types into the focused field: focus it on devices with a keyboard
  useEffect(() => {
    if (window.matchMedia?.('(pointer: fine)').matches && !location.hash) inputRef.current?.focus();
  }, []);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setImageNote(t('lic.verify.decoding'));
    try {
      const decoded = await decodeQrFile(file);
      if (!decoded) {
        setImageNote(t('lic.verify.noQr'));
        return;
      }
      setImageNote(null);
      await run(decoded, 'image');
    } catch (err) {
      setImageNote(err instanceof ImageUnreadable ? t('lic.verify.badImage') : String(err));
    }
  };

  const onCameraCode = useCallback(
    (code: string) => {
      setCamera(false);
      void run(code, 'camera');
    },
    [run],
  );

  const again = () => {
    setChecked(null);
    setFailure(undefined);
    setOfflineWhy(null);
    setText('');
    setImageNote(null);
    lastAuto.current = null;
    if (location.hash || location.search) navigate('/verify', { replace: true });
    inputRef.current?.focus();
  };

  return (
    <div className="ow-page ow-lic-page ow-lic-verify">
      <PageTitle>{t('lic.verify.title')}</PageTitle>
      <Typography.Paragraph>{t('lic.verify.intro')}</Typography.Paragraph>

      <Row gutter={[16, 16]} className="ow-lic-verify-inputs">
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 14, order: 1 }}>
          <Card className="ow-card ow-lic-fill">
            <section aria-labelledby="lic-v-scan">
              <SectionTitle id="lic-v-scan">
                <ScanOutlined aria-hidden /> {t('lic.verify.input')}
              </SectionTitle>
              <label htmlFor="lic-verify-text" className="ow-lic-field-label">
                {t('lic.verify.inputLabel')}
              </label>
              <div className="ow-lic-verify-row">
                <Input
                  id="lic-verify-text"
                  ref={(el) => {
                    inputRef.current = el?.input ?? null;
                  }}
                  size="large"
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  onPressEnter={() => void run(text, 'input')}
                  autoComplete="off"
                  spellCheck={false}
                  aria-describedby="lic-verify-help"
                  className="ow-code"
                  status={hint ? 'error' : undefined}
                />
                <Button type="primary" size="large" onClick={() => void run(text, 'input')} loading={busy && !checked}>
                  {t('lic.verify.submit')}
                </Button>
              </div>
              <p id="lic-verify-help" className={hint ? 'ow-lic-help ow-lic-help-error' : 'ow-lic-help'}>
                {hint ? t('lic.verify.needInput') : t('lic.verify.inputHelp')}
              </p>
            </section>
          </Card>
        </Col>
        {/* on phones the camera comes first: that is how a phone verifies */}
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 10, order: 2 }}>
          <Card className="ow-card ow-lic-fill">
            <section aria-labelledby="lic-v-cam">
              <SectionTitle id="lic-v-cam">
                <CameraOutlined aria-hidden /> {t('lic.verify.camera')}
              </SectionTitle>
              <Space wrap size={[8, 8]}>
                <label className="ow-lic-file">
                  <input type="file" accept="image/*" onChange={onFile} data-testid="qr-image" aria-describedby="lic-verify-upload-help" />
                  <span className="ow-lic-btn ow-lic-btn-primary" aria-hidden>
                    <PictureOutlined /> {t('lic.verify.upload')}
                  </span>
                  <span className="ow-sr-only">{t('lic.verify.upload')}</span>
                </label>
                {cameraAvailable() && !camera && (
                  <Button size="large" icon={<CameraOutlined aria-hidden />} onClick={() => setCamera(true)}>
                    {t('lic.verify.liveStart')}
                  </Button>
                )}
              </Space>
              <p id="lic-verify-upload-help" className="ow-lic-help">
                {t('lic.verify.uploadHelp')}
              </p>
              {imageNote && (
                <p className="ow-lic-help" role="status">
                  {imageNote}
                </p>
              )}
              {camera && <CameraScanner onCode={onCameraCode} onClose={() => setCamera(false)} />}
            </section>
          </Card>
        </Col>
      </Row>

      <div aria-live="polite" className="ow-lic-verify-status">
        {busy && <p className="ow-lic-help">{t('lic.verify.checking')}</p>}
      </div>
      {failure !== undefined && (
        <Alert
          className="ow-form-alert"
          type="error"
          showIcon
          role="alert"
          title={t('lic.verify.failed')}
          description={offlineWhy ? `${errorText(failure, lang)} ${t(offlineWhy === 'identifier' ? 'lic.verify.offline.needToken' : 'lic.verify.offline.noKeys')}` : errorText(failure, lang)}
        />
      )}
      {checked && <VerdictView checked={checked} headingRef={resultRef} onAgain={again} />}

      <Card className="ow-card ow-lic-scen-card">
        <section aria-labelledby="lic-v-scen">
          <SectionTitle id="lic-v-scen">{t('lic.scen.title')}</SectionTitle>
          <Typography.Paragraph className="ow-lic-muted">{t('lic.scen.intro')}</Typography.Paragraph>
          <ScenarioList headingId="lic-v-scen" />
        </section>
      </Card>
    </div>
  );
}

function VerdictView({ checked, headingRef, onAgain }: { checked: Checked; headingRef: RefObject<HTMLHeadingElement | null>; onAgain(): void }) {
  const { t } = usePrefs();
  const { outcome: o, byIdentifier, source, offlineKeysOf } = checked;
  const v = verdictOf(o.result);
  const offline = offlineKeysOf !== undefined;
  const meta = [
    ...(o.licenseType ? [{ key: 'type', label: t('lic.verify.type'), children: o.licenseType.name }] : []),
    ...(o.issuer ? [{ key: 'issuer', label: t('lic.verify.issuer'), children: o.issuer.name ?? o.issuer.iss }] : []),
    ...(o.identifier ? [{ key: 'identifier', label: t('lic.verify.identifier'), children: <span className="ow-code">{o.identifier}</span> }] : []),
    ...(o.holder ? [{ key: 'holder', label: t('lic.verify.holder'), children: o.holder }] : []),
    ...(o.presentation?.audience ? [{ key: 'aud', label: t('lic.verify.audience'), children: o.presentation.audience }] : []),
    ...(o.presentation ? [{ key: 'until', label: t('lic.verify.presentedUntil'), children: formatInstant(o.presentation.expiresAt) }] : []),
    { key: 'checked', label: t('lic.verify.checkedAt'), children: formatInstant(o.checkedAt) },
  ];
  const showFields = !byIdentifier && (o.fields.length > 0 || o.licenseType !== null);
  return (
    <section className="ow-lic-result" aria-labelledby="lic-verdict-heading" data-testid="verdict" data-result={v.result}>
      <div className={`ow-lic-verdict ow-lic-verdict-${v.tone}`}>
        <span className="ow-lic-verdict-icon">{v.icon}</span>
        <div>
          <h2 id="lic-verdict-heading" ref={headingRef} tabIndex={-1} className="ow-lic-verdict-title">
            <span className="ow-sr-only">{t('lic.verify.resultHeading')}</span>
            {t(v.title)}
          </h2>
          <p className="ow-lic-verdict-detail">{t(offline && v.result === 'valid' ? 'lic.verify.offline.validDetail' : v.detail)}</p>
          {source === 'link' && <p className="ow-lic-verdict-note">{t('lic.verify.fromLink')}</p>}
        </div>
      </div>
      <Card className="ow-card">
        <Typography.Title level={3} className="ow-lic-h3">
          {t('lic.verify.details')}
        </Typography.Title>
        {offline && (
          <Alert
            className="ow-lic-offline"
            type="warning"
            showIcon
            data-testid="offline-note"
            title={t('lic.verify.offline.title')}
            description={t('lic.verify.offline.note', { at: formatInstant(offlineKeysOf) })}
          />
        )}
        <Descriptions bordered size="small" column={1} items={meta} className="ow-lic-desc" />
        {showFields && (
          <>
            <Typography.Title level={3} className="ow-lic-h3 ow-lic-h3-gap">
              {t('lic.verify.disclosed')}
            </Typography.Title>
            {o.fields.length > 0 ? (
              <Descriptions
                bordered
                size="small"
                column={1}
                className="ow-lic-desc ow-lic-disclosed"
                data-testid="disclosed"
                items={o.fields.map((f) => ({ key: f.key, label: f.label, children: <span className="ow-pre">{claimText(f.value)}</span> }))}
              />
            ) : (
              <Typography.Paragraph className="ow-lic-empty">{t('lic.verify.noneDisclosed')}</Typography.Paragraph>
            )}
          </>
        )}
        {!offline && <p className="ow-lic-muted ow-lic-logged">{t('lic.verify.logged')}</p>}
        <Button size="large" onClick={onAgain}>
          {t('lic.verify.again')}
        </Button>
      </Card>
    </section>
  );
}
