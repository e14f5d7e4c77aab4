import { App as AntApp, Alert, Button, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { errorText, request } from '../api/http.js';
import { useAsync } from '../api/useAsync.js';
import { PageTitle } from '../components/PageTitle.js';
import type { MessageKey } from '../i18n/translate.js';
import { usePrefs } from '../prefs/PrefsContext.js';

type Status = 'pending' | 'sending' | 'sent' | 'parked';

interface Message {
  id: string;
  createdAt: string;
  recipient: string;
  kind: string;
  body: string;
  status: Status;
  attempts: number;
  lastError: string | null;
}

const STATUS: Record<Status, { key: MessageKey; color: string }> = {
  pending: { key: 'adm.out.pending', color: 'blue' },
  sending: { key: 'adm.out.sending', color: 'geekblue' },
  sent: { key: 'adm.out.sent', color: 'green' },
  parked: { key: 'adm.out.parked', color: 'red' },
};

/** /admin/outbox: SMS notifications that failed repeatedly, and sending them again. */
export function OutboxPage() {
  const { t, lang } = usePrefs();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<Status>('parked');
  const list = useAsync(
    (signal) => request<{ items: Message[]; counts: Record<Status, number> }>(`/api/v1/admin/outbox?status=${status}&limit=200`, { signal }),
    [status],
  );

  const replay = async (id: string) => {
    try {
      await request(`/api/v1/admin/outbox/${id}/replay`, { method: 'POST', json: {} });
      message.success(t('adm.out.replayed'));
      list.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  return (
    <>
      <PageTitle>{t('adm.out.title')}</PageTitle>
      <p>{t('adm.out.intro')}</p>
      <Space style={{ marginBottom: 16 }}>
        <span id="outbox-status">{t('adm.out.status')}</span>
        <Segmented<Status>
          aria-labelledby="outbox-status"
          value={status}
          onChange={setStatus}
          options={(Object.keys(STATUS) as Status[]).map((s) => ({ value: s, label: `${t(STATUS[s].key)} (${list.data?.counts[s] ?? 0})` }))}
        />
      </Space>
      {list.error ? <Alert type="error" showIcon message={errorText(list.error, lang)} /> : null}
      <Table<Message>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('adm.out.created'), dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') },
          { title: t('adm.out.recipient'), dataIndex: 'recipient' },
          { title: t('adm.out.kind'), dataIndex: 'kind' },
          { title: t('adm.out.body'), dataIndex: 'body' },
          { title: t('adm.out.status'), dataIndex: 'status', render: (s: Status) => <Tag color={STATUS[s].color}>{t(STATUS[s].key)}</Tag> },
          { title: t('adm.out.attempts'), dataIndex: 'attempts' },
          { title: t('adm.out.error'), dataIndex: 'lastError' },
          {
            title: t('adm.out.replay'),
            render: (_, m) =>
              m.status === 'parked' ? (
                <Button size="small" onClick={() => replay(m.id)}>
                  {t('adm.out.replay')}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}
