import { Alert, App, Breadcrumb, Button, Card, Form, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ServiceItemInput } from '../../../../src/catalog/types.js';
import { fetchDepartments, fetchItem, saveItem } from '../../api/catalog.js';
import { errorText } from '../../api/http.js';
import { useAsync } from '../../api/useAsync.js';
import { guidePath } from '../../catalog/CatalogTable.js';
import { PageTitle, SectionTitle } from '../../components/PageTitle.js';
import { ErrorAlert, Loading } from '../../components/Status.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { BasicFields } from './BasicFields.js';
import { problemFields } from './formErrors.js';
import { GuideFields } from './GuideFields.js';
import { MaterialsField } from './MaterialsField.js';
import { StepsField } from './StepsField.js';
import { toInput } from './toInput.js';

/** /admin/catalog/:code/edit — edit one item; the server checks the catalog rules and versions it. */
export function ItemEditPage() {
  const { t, lang } = usePrefs();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const [form] = Form.useForm<ServiceItemInput>();
  const item = useAsync((signal) => fetchItem(code, signal), [code]);
  const departments = useAsync((signal) => fetchDepartments(signal), []);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (item.data) form.setFieldsValue(toInput(item.data));
  }, [form, item.data]);

  if (item.error !== undefined) return <ErrorAlert error={item.error} title={t('guide.loadError')} onRetry={item.reload} />;
  if (!item.data) return <Loading />;

  const onFinish = async (v: ServiceItemInput) => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await saveItem(toInput({ ...v, code }));
      message.success(t('edit.saved', { version: saved.version }));
      navigate(guidePath(code));
    } catch (e) {
      setError(e);
      form.setFields(problemFields(e, lang) as Parameters<typeof form.setFields>[0]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ow-page">
      <Breadcrumb
        aria-label={t('common.breadcrumb')}
        className="ow-breadcrumb"
        items={[{ title: <Link to="/admin/catalog">{t('nav.adminCatalog')}</Link> }, { title: item.data.name }]}
      />
      <PageTitle title={t('edit.title', { name: item.data.name })}>{t('edit.title', { name: item.data.name })}</PageTitle>
      <Alert className="ow-card" type="info" showIcon title={t('edit.intro')} />
      <Form form={form} name="item-edit" layout="vertical" onFinish={onFinish} scrollToFirstError>
        <Card className="ow-card">
          <SectionTitle>{t('edit.basic')}</SectionTitle>
          <BasicFields departments={departments.data?.items ?? []} />
        </Card>
        <Card className="ow-card">
          <SectionTitle>{t('edit.guide')}</SectionTitle>
          <GuideFields />
        </Card>
        <Card className="ow-card">
          <SectionTitle>{t('guide.materials')}</SectionTitle>
          <MaterialsField />
        </Card>
        <Card className="ow-card">
          <SectionTitle>{t('guide.steps')}</SectionTitle>
          <StepsField />
        </Card>
        {error !== undefined && <Alert className="ow-card" type="error" showIcon role="alert" title={t('edit.failed')} description={errorText(error, lang)} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('edit.save')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('edit.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
