import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, errorText, fieldErrorText } from '../../api/http.js';
import type { MessageKey } from '../../i18n/translate.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import type { LicenseType, Scenario, ScenarioInput } from './api.js';

/** The claims every licence carries (src/licenses/model.ts STANDARD_CLAIMS), offered for every scenario. */
const STANDARD_KEYS = ['license_identifier', 'holder_name', 'holder_id', 'issuer_name', 'issued_on', 'valid_from', 'valid_until', 'status_uri'] as const;

interface FormValues {
  name: string;
  description?: string;
  licenseTypeCodes: string[];
  fields: string[];
  sort: number;
}

const FIELDS = ['name', 'description', 'licenseTypeCodes', 'fields', 'sort'] as const;

/** The server's word on one field: its field error, or 同名场景已存在 on the name. */
function serverFieldError(e: unknown, field: (typeof FIELDS)[number], lang: 'zh' | 'en'): string | undefined {
  if (field === 'name' && e instanceof ApiError && e.code === 'scenario_exists') return errorText(e, lang);
  return fieldErrorText(e, field, lang);
}

interface Props {
  open: boolean;
  /** the scenario to edit; null adds one */
  scenario: Scenario | null;
  types: LicenseType[];
  /** the next free sort number, for a new scenario */
  nextSort: number;
  onClose(): void;
  onSave(input: ScenarioInput): Promise<void>;
}

/** Add or edit an 应用场景: name, description, licence types, the fields a verifier there needs (from those types), sort. */
export function ScenarioDialog({ open, scenario, types, nextSort, onClose, onSave }: Props) {
  const { t, lang } = usePrefs();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [placed, setPlaced] = useState(false);
  const chosen = Form.useWatch('licenseTypeCodes', form);

  // the form instance outlives the dialog: start from the scenario (or a blank one) each time it opens
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(undefined);
    setPlaced(false);
  }, [open, form]);
  const initialValues: FormValues = scenario
    ? { name: scenario.name, description: scenario.description, licenseTypeCodes: scenario.licenseTypes.map((x) => x.code), fields: scenario.fields.map((f) => f.key), sort: scenario.sort }
    : { name: '', description: '', licenseTypeCodes: [], fields: [], sort: nextSort };

  /** the chosen types' fields (each key once, first label wins), then the common ones */
  const fieldOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const tp of types.filter((x) => (chosen ?? []).includes(x.code))) for (const f of tp.fields) if (!seen.has(f.key)) seen.set(f.key, f.label);
    return [
      { label: t('licAdm.scen.group.type'), title: t('licAdm.scen.group.type'), options: [...seen].map(([value, label]) => ({ value, label })) },
      { label: t('licAdm.scen.group.standard'), title: t('licAdm.scen.group.standard'), options: STANDARD_KEYS.map((k) => ({ value: k, label: t(`licAdm.std.${k}` as MessageKey) })) },
    ];
  }, [types, chosen, t]);

  // a field no chosen type has any more is dropped from the selection
  useEffect(() => {
    if (!open) return;
    const allowed = new Set(fieldOptions.flatMap((g) => g.options.map((o) => o.value)));
    const selected = (form.getFieldValue('fields') as string[] | undefined) ?? [];
    const kept = selected.filter((k) => allowed.has(k));
    if (kept.length !== selected.length) form.setFieldValue('fields', kept);
  }, [open, fieldOptions, form]);

  const submit = async (v: FormValues) => {
    setSaving(true);
    setError(undefined);
    try {
      await onSave({ name: v.name.trim(), description: (v.description ?? '').trim(), licenseTypeCodes: v.licenseTypeCodes, fields: v.fields ?? [], sort: v.sort ?? 0 });
      onClose();
    } catch (e) {
      const at = FIELDS.map((f) => ({ name: f, errors: [serverFieldError(e, f, lang)] })).filter((x): x is { name: (typeof FIELDS)[number]; errors: string[] } => !!x.errors[0]);
      form.setFields(at);
      setPlaced(at.length > 0);
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={scenario ? t('licAdm.scen.editTitle') : t('licAdm.scen.addTitle')}
      onCancel={saving ? undefined : onClose}
      okText={t('licAdm.scen.save')}
      cancelText={t('licAdm.scen.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      maskClosable={false}
      width={640}
      destroyOnHidden
    >
      {error !== undefined && !placed && <Alert type="error" showIcon role="alert" className="ow-dialog-error" title={errorText(error, lang)} />}
      <Form<FormValues> form={form} name="la-scenario" layout="vertical" initialValues={initialValues} onFinish={submit} requiredMark>
        <Form.Item name="name" label={t('licAdm.scen.f.name')} rules={[{ required: true, whitespace: true, message: t('licAdm.scen.v.name') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('licAdm.scen.f.description')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item
          name="licenseTypeCodes"
          label={t('licAdm.scen.f.types')}
          rules={[{ required: true, type: 'array', min: 1, message: t('licAdm.scen.v.types') }]}
        >
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={types.map((x) => ({ value: x.code, label: x.name }))} />
        </Form.Item>
        <Form.Item name="fields" label={t('licAdm.scen.f.fields')} extra={t('licAdm.scen.f.fieldsHelp')}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={fieldOptions} />
        </Form.Item>
        <Form.Item name="sort" label={t('licAdm.scen.f.sort')} extra={t('licAdm.scen.f.sortHelp')}>
          <InputNumber min={0} max={10000} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
