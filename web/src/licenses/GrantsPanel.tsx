import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Input, List, Modal, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { errorText, fieldErrorText } from '../api/http.js';
import { useAsync } from '../api/useAsync.js';
import { ErrorAlert, Loading } from '../components/Status.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { createGrant, fetchGrants, revokeGrant, type Grant, type LicenseDetail, type NewGrant } from './api.js';
import { formatInstant, GrantStateTag } from './labels.js';

interface GrantForm {
  orgName: string;
  orgUscc: string;
  purpose: string;
  validUntil: string;
  fields: string[];
}

/** Today in Beijing, YYYY-MM-DD. */
const todayShanghai = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const plusDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** 用证授权: create (secret shown once), list with uses, revoke after confirming. */
export function GrantsPanel({ lic }: { lic: LicenseDetail }) {
  const { t, lang } = usePrefs();
  const { message, modal } = App.useApp();
  const { data, error, loading, reload } = useAsync((signal) => fetchGrants(lic.id, signal), [lic.id]);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(undefined);
  const [created, setCreated] = useState<NewGrant | null>(null);
  const [form] = Form.useForm<GrantForm>();
  const labels = useMemo(() => new Map(lic.disclosable.map((d) => [d.key, d.label])), [lic.disclosable]);
  const today = todayShanghai();
  const canGrant = lic.status === 'valid';

  const submit = async (v: GrantForm) => {
    setSaving(true);
    setSaveError(undefined);
    try {
      const g = await createGrant(lic.id, {
        orgName: v.orgName.trim(),
        orgUscc: v.orgUscc.trim().toUpperCase(),
        purpose: v.purpose.trim(),
        validUntil: v.validUntil,
        fields: v.fields,
      });
      setCreated(g);
      setOpen(false);
      form.resetFields();
      reload();
    } catch (e) {
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  const confirmRevoke = (g: Grant) => {
    modal.confirm({
      title: t('lic.grant.revokeConfirm', { org: g.orgName }),
      content: t('lic.grant.revokeConfirmText'),
      okText: t('lic.grant.revokeOk'),
      okButtonProps: { danger: true },
      cancelText: t('lic.grant.cancel'),
      onOk: async () => {
        try {
          await revokeGrant(lic.id, g.id);
          message.success(t('lic.grant.revoked'));
          reload();
        } catch (e) {
          message.error(`${t('lic.grant.revokeFailed')}：${errorText(e, lang)}`);
        }
      },
    });
  };

  const fieldErr = (f: string) => fieldErrorText(saveError, f, lang);
  const status = (f: string) => (fieldErr(f) ? ('error' as const) : undefined);

  return (
    <div className="ow-lic-grants">
      <Typography.Paragraph className="ow-lic-muted">{t('lic.grant.intro')}</Typography.Paragraph>

      {created && (
        <Alert
          className="ow-lic-secret"
          type="warning"
          showIcon
          role="alert"
          title={t('lic.grant.secretTitle')}
          description={
            <div>
              <p>{t('lic.grant.secretWarn')}</p>
              <p className="ow-lic-secret-label">{t('lic.grant.secret')}</p>
              <Typography.Paragraph copyable={{ text: created.secret }} className="ow-code ow-lic-secret-value" data-testid="grant-secret">
                {created.secret}
              </Typography.Paragraph>
              <p className="ow-lic-secret-label">{t('lic.grant.fetchUrl')}</p>
              <Typography.Paragraph copyable className="ow-code">
                {`${window.location.origin}${created.fetchUrl}`}
              </Typography.Paragraph>
              <Button onClick={() => setCreated(null)}>{t('lic.grant.secretDone')}</Button>
            </div>
          }
        />
      )}

      {error !== undefined ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading />
      ) : (data?.items.length ?? 0) === 0 ? (
        <Typography.Paragraph className="ow-lic-empty">{t('lic.grant.none')}</Typography.Paragraph>
      ) : (
        <List
          className="ow-lic-grant-list"
          dataSource={data?.items ?? []}
          renderItem={(g) => (
            <List.Item
              key={g.id}
              actions={
                g.state === 'active'
                  ? [
                      <Button key="revoke" danger onClick={() => confirmRevoke(g)} aria-label={`${t('lic.grant.revoke')} · ${g.orgName}`}>
                        {t('lic.grant.revoke')}
                      </Button>,
                    ]
                  : undefined
              }
            >
              <div className="ow-lic-grant">
                <Space size={[8, 4]} wrap>
                  <strong>{g.orgName}</strong>
                  <GrantStateTag state={g.state} />
                </Space>
                <div className="ow-code ow-lic-muted">{g.orgUscc}</div>
                <div>{g.purpose}</div>
                <div className="ow-lic-log-meta">
                  <span>{t('lic.grant.until', { date: g.validUntil })}</span>
                  <span>{t('lic.grant.uses', { n: g.useCount })}</span>
                  {g.lastUsedAt && <span>{t('lic.grant.lastUsed', { time: formatInstant(g.lastUsedAt) })}</span>}
                </div>
                <div className="ow-lic-muted">{t('lic.grant.fieldsList', { fields: g.fields.map((k) => labels.get(k) ?? k).join('、') })}</div>
              </div>
            </List.Item>
          )}
        />
      )}

      {canGrant && (
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)} className="ow-lic-grant-new">
          {t('lic.grant.new')}
        </Button>
      )}

      <Modal
        open={open}
        title={t('lic.grant.new')}
        onCancel={() => setOpen(false)}
        okText={t('lic.grant.submit')}
        cancelText={t('lic.grant.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {saveError !== undefined && !['orgUscc', 'orgName', 'purpose', 'validUntil', 'fields'].some((f) => fieldErr(f)) && (
          <Alert className="ow-form-alert" type="error" showIcon title={t('lic.grant.failed')} description={errorText(saveError, lang)} />
        )}
        <Form<GrantForm>
          form={form}
          name="lic-grant"
          layout="vertical"
          onFinish={submit}
          initialValues={{ validUntil: plusDays(today, 30), fields: lic.disclosable.filter((d) => d.key !== 'status_uri').map((d) => d.key) }}
        >
          <Form.Item
            name="orgName"
            label={t('lic.grant.orgName')}
            rules={[{ required: true, whitespace: true, message: t('lic.grant.required', { field: t('lic.grant.orgName') }) }]}
            validateStatus={status('orgName')}
            help={fieldErr('orgName')}
          >
            <Input maxLength={200} autoComplete="organization" />
          </Form.Item>
          <Form.Item
            name="orgUscc"
            label={t('lic.grant.orgUscc')}
            extra={t('lic.grant.orgUsccHelp')}
            rules={[
              { required: true, message: t('lic.grant.required', { field: t('lic.grant.orgUscc') }) },
              { pattern: /^\s*[0-9A-Za-z]{18}\s*$/, message: t('lic.grant.usccFormat') },
            ]}
            validateStatus={status('orgUscc')}
            help={fieldErr('orgUscc')}
          >
            <Input maxLength={20} className="ow-code" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="purpose"
            label={t('lic.grant.purpose')}
            rules={[{ required: true, whitespace: true, message: t('lic.grant.required', { field: t('lic.grant.purpose') }) }]}
            validateStatus={status('purpose')}
            help={fieldErr('purpose')}
          >
            <Input maxLength={500} placeholder={t('lic.grant.purposePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="validUntil"
            label={t('lic.grant.validUntil')}
            rules={[{ required: true, message: t('lic.grant.required', { field: t('lic.grant.validUntil') }) }]}
            validateStatus={status('validUntil')}
            help={fieldErr('validUntil')}
          >
            <Input type="date" min={today} />
          </Form.Item>
          <Form.Item
            name="fields"
            label={t('lic.grant.fields')}
            rules={[{ required: true, type: 'array', min: 1, message: t('lic.present.needOne') }]}
            validateStatus={status('fields')}
            help={fieldErr('fields')}
          >
            <Checkbox.Group className="ow-lic-checks" options={lic.disclosable.map((d) => ({ value: d.key, label: d.label }))} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
