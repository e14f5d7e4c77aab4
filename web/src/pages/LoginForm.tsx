import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { errorText, fieldErrorText } from '../api/http.js';
import type { Actor } from '../api/types.js';
import { useAuth } from '../auth/AuthContext.js';
import { usePrefs } from '../prefs/PrefsContext.js';

interface Values {
  username: string;
  password: string;
}

/** Username and password; shows the server's refusal (wrong password, locked account) in the user's language. */
export function LoginForm({ onDone }: { onDone(actor: Actor): void }) {
  const { t, lang } = usePrefs();
  const { login } = useAuth();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      onDone(await login(v.username.trim(), v.password));
    } catch (e) {
      setError(e);
      const fields = (['username', 'password'] as const)
        .map((name) => ({ name, errors: [fieldErrorText(e, name, lang)].filter((x): x is string => !!x) }))
        .filter((f) => f.errors.length > 0);
      if (fields.length) form.setFields(fields);
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} name="login">
      {error !== undefined && (
        <Alert className="ow-form-alert" type="error" showIcon role="alert" title={errorText(error, lang)} />
      )}
      <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
        <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" />
      </Form.Item>
      <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
