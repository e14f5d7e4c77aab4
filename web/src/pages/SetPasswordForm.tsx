import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { changePassword } from '../api/auth.js';
import { errorText, fieldErrorText } from '../api/http.js';
import { usePrefs } from '../prefs/PrefsContext.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** First login (or after a reset): the password must be changed before anything else. */
export function SetPasswordForm({ onDone }: { onDone(): void }) {
  const { t, lang } = usePrefs();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await changePassword(v.currentPassword, v.newPassword);
      onDone();
    } catch (e) {
      setError(e);
      const fields = (['currentPassword', 'newPassword'] as const)
        .map((name) => ({ name, errors: [fieldErrorText(e, name, lang)].filter((x): x is string => !!x) }))
        .filter((f) => f.errors.length > 0);
      if (fields.length) form.setFields(fields);
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, message: t('pwd.required') };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} name="set-password">
      <Typography.Paragraph>{t('pwd.intro')}</Typography.Paragraph>
      {error !== undefined && <Alert className="ow-form-alert" type="error" showIcon role="alert" title={errorText(error, lang)} />}
      <Form.Item label={t('pwd.current')} name="currentPassword" rules={[required]}>
        <Input.Password autoComplete="current-password" size="large" />
      </Form.Item>
      <Form.Item label={t('pwd.new')} name="newPassword" rules={[required]}>
        <Input.Password autoComplete="new-password" size="large" />
      </Form.Item>
      <Form.Item
        label={t('pwd.confirm')}
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          required,
          ({ getFieldValue }) => ({
            validator: (_r, value: string) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('pwd.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('pwd.submit')}
      </Button>
    </Form>
  );
}
