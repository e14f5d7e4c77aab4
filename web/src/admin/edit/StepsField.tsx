import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { options } from '../../catalog/labels.js';
import { usePrefs } from '../../prefs/PrefsContext.js';

/** 审批环节: name, kind and working-day limit of each back-office step. */
export function StepsField() {
  const { t, lang } = usePrefs();
  const required = [{ required: true, message: t('pwd.required') }];
  return (
    <Form.List name="steps">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Row key={f.key} gutter={12} align="bottom" className="ow-edit-step">
              <Col xs={24} md={10}>
                <Form.Item label={`${t('edit.step', { n: i + 1 })} · ${t('step.name')}`} name={[f.name, 'name']} rules={required}>
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label={t('step.role')} name={[f.name, 'role']} rules={required}>
                  <Select options={options('stepRole', lang)} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label={t('step.limitDays')} name={[f.name, 'limitDays']} rules={required}>
                  <InputNumber min={0} precision={0} className="ow-full" />
                </Form.Item>
              </Col>
              <Col xs={24} md={2}>
                <Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined aria-hidden />} onClick={() => remove(f.name)} aria-label={t('edit.removeStep', { n: i + 1 })} />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '', role: 'review', limitDays: 1 })}>
            {t('edit.addStep')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
