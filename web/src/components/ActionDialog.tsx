import { Alert, Button, Form, Modal, Space, type FormInstance } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError, errorText } from '../api/http.js';
import { usePrefs } from '../prefs/PrefsContext.js';

export interface ActionDialogProps<V extends object> {
  /** form id; also prefixes the fields' ids */
  name: string;
  open: boolean;
  title: string;
  okText: string;
  /** danger styling for an irreversible or negative action (不予许可, 终止, 注销/吊销) */
  danger?: boolean;
  intro?: ReactNode;
  initialValues?: Partial<V>;
  /**
   * The form's fields as the server names them (dotted: `claims.address`); by default the form's
   * own top-level fields. A refusal naming one is shown beside it; any other as an alert above.
   */
  fields?: string[];
  onClose(): void;
  /** resolves when done (the dialog closes); a thrown ApiError is shown in place */
  onSubmit(values: V): Promise<unknown>;
  /** a check of the whole form before sending: the message to show, or null */
  check?: (values: V) => string | null;
  /** a second, confirming look at the values before they are sent */
  confirm?: (values: V) => ReactNode;
  children: (form: FormInstance<V>) => ReactNode;
}

type FieldData = Parameters<FormInstance['setFields']>[0][number];

/** The problem's field errors that this form has, as antd field data (name paths); `materials[2]` is `materials`. */
function fieldErrors(e: unknown, known: string[], lang: 'zh' | 'en'): FieldData[] {
  if (!(e instanceof ApiError)) return [];
  const p = e.problem;
  const list = p.errors?.length ? p.errors.map((fe) => ({ field: fe.field, text: lang === 'zh' ? fe.zh : fe.en })) : p.field ? [{ field: p.field, text: errorText(e, lang) }] : [];
  return list
    .map((x) => ({ ...x, field: x.field.replace(/\[\d+\]$/, '') }))
    .filter((x) => known.includes(x.field))
    .map((x) => ({ name: x.field.split('.'), errors: [x.text] }));
}

/**
 * One action's dialog (back office, certificate window, licence register): a form, the server's
 * refusal shown beside the field it names (or as an alert), and optionally a confirming second step.
 */
export function ActionDialog<V extends object>(props: ActionDialogProps<V>) {
  const { name, open, title, okText, danger, intro, initialValues, fields, onClose, onSubmit, check, confirm, children } = props;
  const { t, lang } = usePrefs();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<unknown>(undefined);
  const [placed, setPlaced] = useState(false);
  /** what `check` said; cleared as soon as the form changes */
  const [checked, setChecked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<V | null>(null);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(undefined);
      setChecked(null);
      setPending(null);
    }
  }, [open, form]);

  const send = async (values: V) => {
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      setPending(null);
      const at = fieldErrors(e, fields ?? Object.keys(form.getFieldsValue(true) as object), lang);
      if (at.length) form.setFields(at);
      setPlaced(at.length > 0);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const finish = (values: V) => {
    const problem = check?.(values) ?? null;
    setChecked(problem);
    if (problem) return;
    if (confirm && !pending) setPending(values);
    else void send(values);
  };

  const footer = pending ? (
    <Space wrap>
      <Button onClick={() => setPending(null)} disabled={busy}>
        {t('dialog.back')}
      </Button>
      <Button type="primary" danger={danger} loading={busy} onClick={() => void send(pending)}>
        {t('dialog.confirm')}
      </Button>
    </Space>
  ) : (
    <Space wrap>
      <Button onClick={onClose} disabled={busy}>
        {t('dialog.cancel')}
      </Button>
      <Button type="primary" danger={danger} loading={busy} htmlType="submit" form={name}>
        {okText}
      </Button>
    </Space>
  );

  return (
    <Modal open={open} title={title} onCancel={busy ? undefined : onClose} footer={footer} destroyOnHidden maskClosable={false} width={640}>
      {intro && !pending && <div className="ow-dialog-intro">{intro}</div>}
      {checked && <Alert type="error" showIcon role="alert" className="ow-dialog-error" title={checked} />}
      {error !== undefined && !placed && !checked && <Alert type="error" showIcon role="alert" className="ow-dialog-error" title={errorText(error, lang)} />}
      {pending && confirm && (
        <div role="alert" className="ow-dialog-confirm">
          {confirm(pending)}
        </div>
      )}
      <div hidden={!!pending}>
        <Form<V>
          form={form}
          name={name}
          layout="vertical"
          initialValues={initialValues}
          onFinish={finish}
          onValuesChange={() => checked && setChecked(null)}
          requiredMark
        >
          {children(form)}
        </Form>
      </div>
    </Modal>
  );
}
