import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Row } from 'antd';
import { useT } from '../../prefs/PrefsContext.js';

/** 申请材料: one small card per material. */
export function MaterialsField() {
  const t = useT();
  const required = [{ required: true, message: t('pwd.required') }];
  return (
    <Form.List name="materials">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              className="ow-edit-row"
              title={t('edit.material', { n: i + 1 })}
              extra={
                <Button type="text" danger icon={<DeleteOutlined aria-hidden />} onClick={() => remove(f.name)} aria-label={t('edit.removeMaterial', { n: i + 1 })} />
              }
            >
              <Row gutter={12}>
                <Col xs={24} md={6}>
                  <Form.Item label={t('mat.code')} name={[f.name, 'code']} rules={required}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={18}>
                  <Form.Item label={t('mat.name')} name={[f.name, 'name']} rules={required}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item label={t('mat.originals')} name={[f.name, 'originals']}>
                    <InputNumber min={0} precision={0} className="ow-full" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item label={t('mat.copies')} name={[f.name, 'copies']}>
                    <InputNumber min={0} precision={0} className="ow-full" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label={t('mat.issuer')} name={[f.name, 'issuer']}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label={t('mat.licenseType')} name={[f.name, 'licenseTypeCode']}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name={[f.name, 'required']} valuePropName="checked" noStyle>
                    <Checkbox>{t('mat.requiredYes')}</Checkbox>
                  </Form.Item>
                  <Form.Item name={[f.name, 'deferrable']} valuePropName="checked" noStyle>
                    <Checkbox>{t('mat.deferrable')}</Checkbox>
                  </Form.Item>
                  <Form.Item name={[f.name, 'commitmentReplaceable']} valuePropName="checked" noStyle>
                    <Checkbox>{t('mat.commitment')}</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() =>
              add({
                code: `M${String(fields.length + 1).padStart(2, '0')}`,
                name: '',
                required: true,
                originals: 1,
                copies: 0,
                issuer: null,
                deferrable: false,
                commitmentReplaceable: false,
                licenseTypeCode: null,
              })
            }
          >
            {t('edit.addMaterial')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
