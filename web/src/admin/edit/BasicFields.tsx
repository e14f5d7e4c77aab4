import { Checkbox, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { Department } from '../../api/types.js';
import { options } from '../../catalog/labels.js';
import { usePrefs } from '../../prefs/PrefsContext.js';

const numeric = (list: { value: string; label: string }[]) => list.map((o) => ({ value: Number(o.value), label: o.label }));

/** The item's GB/T 39046 scalar fields. */
export function BasicFields({ departments }: { departments: Department[] }) {
  const { t, lang } = usePrefs();
  const required = [{ required: true, message: t('pwd.required') }];
  const half = { xs: 24, md: 12 };
  return (
    <Row gutter={16}>
      <Col xs={24}>
        <Form.Item label={t('guide.name')} name="name" rules={required}>
          <Input />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('guide.code')} name="code">
          <Input disabled />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('guide.baseCode')} name="baseCode" rules={required}>
          <Input />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('guide.type')} name="type" rules={required}>
          <Select options={options('itemType', lang)} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('guide.department')} name="departmentCode" rules={required}>
          <Select options={departments.map((d) => ({ value: d.code, label: d.name }))} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('guide.level')} name="exerciseLevel" rules={required}>
          <Select options={numeric(options('exerciseLevel', lang))} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('guide.caseKind')} name="caseKind" rules={required}>
          <Select options={numeric(options('caseKind', lang))} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={`${t('guide.legalLimit')}（${t('edit.daysUnit')}）`} name="legalLimitDays" rules={required}>
          <InputNumber min={0} precision={0} className="ow-full" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={`${t('guide.promisedLimit')}（${t('edit.daysUnit')}）`} name="promisedLimitDays" rules={required}>
          <InputNumber min={0} precision={0} className="ow-full" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('guide.visits')} name="visits" rules={required}>
          <InputNumber min={0} precision={0} className="ow-full" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('guide.visitsReason')} name="visitsReason">
          <Input />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('guide.onlineDepth')} name="onlineDepth" rules={required}>
          <Select options={numeric(options('onlineDepth', lang))} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('edit.feeFen')} name="feeFen" rules={required}>
          <InputNumber min={0} precision={0} className="ow-full" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label={t('guide.serviceObjects')} name="serviceObjects">
          <Checkbox.Group options={numeric(options('serviceObject', lang))} />
        </Form.Item>
        <Form.Item label={t('guide.handlingForms')} name="handlingForms">
          <Checkbox.Group options={numeric(options('handlingForm', lang))} />
        </Form.Item>
        <Form.Item label={t('guide.tiers')} name="tiers">
          <Checkbox.Group options={options('tier', lang)} />
        </Form.Item>
        <Form.Item label={t('guide.delivery')} name="delivery">
          <Checkbox.Group options={options('delivery', lang)} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('guide.commitment')} name="commitmentAllowed" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('edit.resultLicenseType')} name="resultLicenseTypeCode">
          <Input />
        </Form.Item>
      </Col>
    </Row>
  );
}
