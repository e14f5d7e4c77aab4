import { Alert, Button, Form, Modal, Space, type FormInstance } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError, errorText } from '../api/http.js';
import { usePrefs } from '../prefs/PrefsContext.js';

export interface ActionDialogProps<V extends object> {
  open: boolean;
  title: string;
  okText: string;
  /** danger styling for irreversible negative actions (不予许可, 终止) */
  danger?: boolean;
  /** an intro sentence under the title */
  intro?: ReactNode;
  initialValues?: Partial<V>;
  onClose(): void;
  /** 'ok' or 'stale' closes the dialog; a thrown ApiError is shown beside the fields */
  onSubmit(values: V): Promise<'ok' | 'stale'>;
  /** a second, confirming look at the values before they are sent (决定) */
  confirm?: (values: V) => ReactNode;
  children: (form: FormInstance<V>) => ReactNode;
  /** form id (also names the fields' ids) */
  name: string;
}

/**
 * One action's dialog: a form, the server's refusal shown in place (field errors beside their
 * fields), and optionally a confirming second step.
 */
export function ActionDialog<V extends object>({ open, title, okText, danger, intro, initialValues, onClose, onSubmit, confirm, children, name }: ActionDialogProps<V>) {
  const { t, lang } = usePrefs();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<V | null>(null);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(undefined);
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
      setError(e);
      if (e instanceof ApiError && e.problem.errors?.length) {
        const fields = e.problem.errors
          .map((fe) => ({ name: fe.field.replace(/\[\d+\]$/, ''), errors: [lang === 'zh' ? fe.zh : fe.en] }))
          .filter((f) => form.getFieldsValue(true) && Object.prototype.hasOwnProperty.call(form.getFieldsValue(true), f.name));
        if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      } else if (e instanceof ApiError && e.problem.field && Object.prototype.hasOwnProperty.call(form.getFieldsValue(true), e.problem.field)) {
        form.setFields([{ name: e.problem.field, errors: [errorText(e, lang)] }] as Parameters<typeof form.setFields>[0]);
      }
    } finally {
      setBusy(false);
    }
  };

  const finish = (values: V) => {
    if (confirm && !pending) {
      setPending(values);
      return;
    }
    void send(values);
  };

  const footer = pending ? (
    <Space>
      <Button onClick={() => setPending(null)} disabled={busy}>
        {t('office.dialog.back')}
      </Button>
      <Button type="primary" danger={danger} loading={busy} onClick={() => void send(pending)}>
        {t('office.dialog.confirm')}
      </Button>
    </Space>
  ) : (
    <Space>
      <Button onClick={onClose} disabled={busy}>
        {t('office.dialog.cancel')}
      </Button>
      <Button type="primary" danger={danger} loading={busy} htmlType="submit" form={name}>
        {okText}
      </Button>
    </Space>
  );

  return (
    <Modal open={open} title={title} onCancel={busy ? undefined : onClose} footer={footer} destroyOnHidden maskClosable={false} width={600}>
      {intro && !pending && <div className="ow-of-dialog-intro">{intro}</div>}
      {error !== undefined && <Alert type="error" showIcon role="alert" className="ow-of-dialog-error" title={errorText(error, lang)} />}
      {pending && confirm && (
        <div role="alert" className="ow-of-confirm">
          {confirm(pending)}
        </div>
      )}
      <div hidden={!!pending}>
        <Form<V> form={form} name={name} layout="vertical" initialValues={initialValues} onFinish={finish} requiredMark>
          {children(form)}
        </Form>
      </div>
    </Modal>
  );
}
