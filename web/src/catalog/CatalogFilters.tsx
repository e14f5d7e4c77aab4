import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space } from 'antd';
import { useEffect } from 'react';
import { fetchDepartments, type ItemQuery } from '../api/catalog.js';
import { useAsync } from '../api/useAsync.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { options } from './labels.js';

interface Values {
  q: string;
  department: string;
  type: string;
}

/** Keyword, department and item-type filters of the catalog search. */
export function CatalogFilters({ value, onSearch }: { value: Required<ItemQuery>; onSearch(v: Partial<ItemQuery>): void }) {
  const { t, lang } = usePrefs();
  const [form] = Form.useForm<Values>();
  const departments = useAsync((signal) => fetchDepartments(signal), []);

  useEffect(() => {
    form.setFieldsValue({ q: value.q, department: value.department, type: value.type });
  }, [form, value.q, value.department, value.type]);

  const all = { value: '', label: t('common.all') };
  const deptOptions = [all, ...(departments.data?.items ?? []).map((d) => ({ value: d.code, label: d.name }))];
  const typeOptions = [all, ...options('itemType', lang)];

  return (
    <Form
      form={form}
      name="catalog-search"
      layout="inline"
      className="ow-filters"
      role="search"
      aria-label={t('catalog.filters')}
      initialValues={{ q: value.q, department: value.department, type: value.type }}
      onFinish={(v) => onSearch({ q: (v.q ?? '').trim(), department: v.department ?? '', type: v.type ?? '', page: 1 })}
    >
      <Form.Item label={t('catalog.q')} name="q" className="ow-filter-q">
        <Input type="search" placeholder={t('catalog.qPlaceholder')} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('catalog.department')} name="department" className="ow-filter-select">
        <Select
          options={deptOptions}
          showSearch={{ optionFilterProp: 'label' }}
          loading={departments.loading}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item label={t('catalog.type')} name="type" className="ow-filter-select">
        <Select options={typeOptions} popupMatchSelectWidth={false} />
      </Form.Item>
      <Form.Item className="ow-filter-actions">
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
            {t('common.search')}
          </Button>
          <Button onClick={() => onSearch({ q: '', department: '', type: '', page: 1 })}>{t('common.reset')}</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
