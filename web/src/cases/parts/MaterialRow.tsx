import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Radio, Space } from 'antd';
import { useRef, useState } from 'react';
import { errorText } from '../../api/http.js';
import { ToneTag } from '../../catalog/Tags.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { uploadFile, type HeldLicence } from '../api.js';
import { BY_KEY } from '../labels.js';
import { waysFor, type ChecklistContext, type Choice, type MaterialMeta, type RowState } from './checklist.js';

export interface MaterialRowProps {
  index: number;
  m: MaterialMeta;
  value: RowState;
  onChange(next: RowState): void;
  ctx: ChecklistContext;
  /** 容缺 date limits */
  today?: string;
  maxDeferral?: string;
  error?: string;
  disabled?: boolean;
}

const ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

/** One material of the checklist: the ways it can be satisfied, and what each needs. */
export function MaterialRow({ index, m, value, onChange, ctx, today, maxDeferral, error, disabled }: MaterialRowProps) {
  const { t, lang } = usePrefs();
  const fileRef = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | undefined>();
  const ways = waysFor(m, ctx);
  const held: HeldLicence | undefined = m.licenseTypeCode ? ctx.held?.get(m.licenseTypeCode) : undefined;
  const id = `mat-${m.code}`;
  const missingRequired = m.required && value.by === 'missing';
  const wayLabel = (w: Choice) => (w === 'missing' ? (m.required ? t('case.by.missing') : t('case.by.notGiven')) : w === 'provided' && !ctx.staff ? t('case.by.upload') : t(BY_KEY[w]));

  const onFiles = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setUploading(true);
    setUploadError(undefined);
    try {
      const added = [];
      for (const f of Array.from(files)) {
        const r = await uploadFile(f);
        added.push({ sha256: r.sha256, name: f.name });
      }
      onChange({ ...value, by: 'provided', files: [...value.files, ...added.filter((a) => !value.files.some((x) => x.sha256 === a.sha256))] });
    } catch (e) {
      setUploadError(errorText(e, lang));
    } finally {
      setUploading(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  return (
    <fieldset className={`ow-case-row${missingRequired ? ' ow-case-row-missing' : ''}${error ? ' ow-case-row-error' : ''}`} data-code={m.code} aria-describedby={error ? `${id}-err` : undefined}>
      <legend className="ow-case-row-legend">
        <span className="ow-case-row-no">{index + 1}.</span> <span className="ow-case-row-name">{m.name}</span>
      </legend>
      <Space size={[4, 4]} wrap className="ow-case-row-tags">
        {m.required ? <ToneTag tone="blue">{t('case.m.required')}</ToneTag> : <ToneTag tone="grey">{t('case.m.optional')}</ToneTag>}
        {ctx.staff && <span className="ow-case-row-count">{t('case.m.count', { o: m.originals, c: m.copies })}</span>}
        {ctx.staff && m.deferrable && <ToneTag tone="orange">{t('case.m.deferrable')}</ToneTag>}
        {ctx.commitmentAllowed && m.commitmentReplaceable && <ToneTag tone="purple">{t('case.m.commitmentOk')}</ToneTag>}
        {m.licenseTypeCode && <ToneTag tone="green">{t('case.m.licenceOk')}</ToneTag>}
      </Space>
      {ways.length > 1 && (
      <Radio.Group
        className="ow-case-ways"
        optionType="button"
        buttonStyle="solid"
        disabled={disabled}
        value={value.by}
        onChange={(e) => onChange({ ...value, by: e.target.value as Choice })}
        options={ways.map((w) => ({ value: w, label: wayLabel(w), className: w === 'missing' && !m.required ? 'ow-case-way-notgiven' : `ow-case-way-${w}` }))}
        aria-label={t('case.m.waysOf', { name: m.name })}
      />
      )}
      {value.by === 'provided' && (
        <div className="ow-case-row-detail">
          <input
            ref={fileRef}
            id={`${id}-file`}
            type="file"
            accept={ACCEPT}
            multiple
            className="ow-sr-only"
            tabIndex={-1}
            aria-label={t('case.m.uploadFor', { name: m.name })}
            data-testid={`file-${m.code}`}
            onChange={(e) => void onFiles(e.target.files)}
          />
          <Space size={[12, 8]} wrap align="center">
            <Button icon={<UploadOutlined aria-hidden />} loading={uploading} disabled={disabled} onClick={() => fileRef.current?.click()} aria-label={`${ctx.staff ? t('case.m.scan') : t('case.m.upload')} · ${m.name}`}>
              {ctx.staff ? t('case.m.scan') : t('case.m.upload')}
            </Button>
            {ctx.staff && (
              <Checkbox checked={value.paperSeen} disabled={disabled} onChange={(e) => onChange({ ...value, paperSeen: e.target.checked })} aria-label={`${t('case.m.paperSeen')} · ${m.name}`}>
                {t('case.m.paperSeen')}
              </Checkbox>
            )}
          </Space>
          {value.files.length > 0 && (
            <ul className="ow-case-files" aria-label={t('case.m.uploaded')}>
              {value.files.map((f) => (
                <li key={f.sha256}>
                  <span className="ow-case-wrap">{f.name}</span>
                  <Button
                    size="small"
                    type="text"
                    icon={<DeleteOutlined aria-hidden />}
                    disabled={disabled}
                    aria-label={t('case.m.removeFile', { name: f.name })}
                    onClick={() => onChange({ ...value, files: value.files.filter((x) => x.sha256 !== f.sha256) })}
                  />
                </li>
              ))}
            </ul>
          )}
          {!value.files.length && !value.paperSeen && <p className="ow-case-hint">{ctx.staff ? t('case.m.providedHint') : t('case.m.uploadHint')}</p>}
          {uploadError && (
            <p className="ow-case-err" role="alert">
              {uploadError}
            </p>
          )}
        </div>
      )}
      {value.by === 'license' && (
        <div className="ow-case-row-detail">
          {held ? (
            <p className="ow-case-hint">
              {t('case.m.licenceHeld', { name: held.typeName })} <span className="ow-code ow-case-wrap">{held.identifier}</span>
            </p>
          ) : (
            <p className="ow-case-hint">{t('case.m.licenceAuto')}</p>
          )}
        </div>
      )}
      {value.by === 'commitment' && (
        <div className="ow-case-row-detail">
          <p className="ow-case-hint">{t('case.m.commitmentHint')}</p>
        </div>
      )}
      {value.by === 'deferred' && (
        <div className="ow-case-row-detail">
          <label htmlFor={`${id}-until`} className="ow-case-inline-label">
            {t('case.m.deferredUntil')}
          </label>
          <Input
            id={`${id}-until`}
            type="date"
            className="ow-case-date"
            min={today}
            max={maxDeferral}
            disabled={disabled}
            value={value.deferredUntil || maxDeferral || ''}
            onChange={(e) => onChange({ ...value, deferredUntil: e.target.value })}
            aria-describedby={`${id}-until-hint`}
          />
          <p className="ow-case-hint" id={`${id}-until-hint`}>
            {maxDeferral ? t('case.m.deferredMax', { date: maxDeferral }) : t('case.m.deferredDefault')}
          </p>
        </div>
      )}
      {error && (
        <p className="ow-case-err" id={`${id}-err`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
