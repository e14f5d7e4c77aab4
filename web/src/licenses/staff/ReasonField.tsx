import { Form, Input } from 'antd';
import { useT } from '../../prefs/PrefsContext.js';

/** The reason every licence action requires (written to the operations log; the server allows 500 characters). */
export function ReasonField() {
  const t = useT();
  return (
    <Form.Item name="reason" label={t('licAdm.f.reason')} rules={[{ required: true, whitespace: true, message: t('licAdm.v.reason') }]}>
      <Input.TextArea rows={3} maxLength={500} showCount />
    </Form.Item>
  );
}
