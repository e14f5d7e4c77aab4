import { Form, Input } from 'antd';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { claimText } from '../api.js';
import type { LicenseType, StaffLicenseDetail } from './api.js';
import { ReasonField } from './ReasonField.js';
import { ActionDialog } from '../../components/ActionDialog.js';

interface ChangeValues {
  reason: string;
  claims: Record<string, string>;
}

/** The fields a change may edit: the type's, in its order (or, without the type, those the licence has). */
const editable = (lic: StaffLicenseDetail, type: LicenseType | undefined) => type?.fields ?? lic.fields.map((f) => ({ key: f.key, label: f.label }));

/** 变更 (08): the type's fields prefilled with the current values; only the edited ones are sent. */
export function ChangeDialog({ lic, type, open, onClose, onSubmit }: {
  lic: StaffLicenseDetail;
  type: LicenseType | undefined;
  open: boolean;
  onClose(): void;
  onSubmit(body: { reason: string; claims: Record<string, string> }): Promise<void>;
}) {
  const { t } = usePrefs();
  const fields = editable(lic, type);
  const current = Object.fromEntries(fields.map((f) => [f.key, claimText(lic.claims[f.key])]));
  const changed = (claims: Record<string, string> | undefined) =>
    Object.fromEntries(fields.filter((f) => (claims?.[f.key] ?? '').trim() !== current[f.key].trim()).map((f) => [f.key, (claims?.[f.key] ?? '').trim()]));

  return (
    <ActionDialog<ChangeValues>
      name="la-change"
      open={open}
      title={t('licAdm.dlg.change')}
      okText={t('licAdm.ok.change')}
      intro={t('licAdm.intro.change', { n: lic.version + 1 })}
      initialValues={{ claims: current }}
      fields={['reason', ...fields.map((f) => `claims.${f.key}`)]}
      onClose={onClose}
      check={(v) => (Object.keys(changed(v.claims)).length === 0 ? t('licAdm.v.noChange') : null)}
      onSubmit={(v) => onSubmit({ reason: v.reason.trim(), claims: changed(v.claims) })}
    >
      {(form) => (
        <>
          <fieldset className="ow-la-fieldset">
            <legend>
              {t('licAdm.f.fieldsLegend')}
              <Form.Item noStyle shouldUpdate>
                {() => {
                  const n = Object.keys(changed(form.getFieldValue('claims') as Record<string, string> | undefined)).length;
                  return (
                    <span className="ow-la-changed" aria-live="polite">
                      {n > 0 ? ` · ${t('licAdm.f.changedCount', { n })}` : ''}
                    </span>
                  );
                }}
              </Form.Item>
            </legend>
            {fields.map((f) => (
              <Form.Item key={f.key} name={['claims', f.key]} label={f.label}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={4000} />
              </Form.Item>
            ))}
          </fieldset>
          <ReasonField />
        </>
      )}
    </ActionDialog>
  );
}
