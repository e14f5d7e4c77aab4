import { SyncOutlined } from '@ant-design/icons';
import { App, Button, Table, Typography, type TableColumnsType } from 'antd';
import { errorText } from '../../api/http.js';
import { useAsync } from '../../api/useAsync.js';
import { ErrorAlert } from '../../components/Status.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { formatInstant, ToneTag } from '../labels.js';
import { fetchSigningKeys, rotateSigningKey, type SigningKey } from './api.js';

function KeyState({ k }: { k: SigningKey }) {
  const { t } = usePrefs();
  if (k.destroyedAt) return <ToneTag tone="red">{t('licAdm.keys.destroyed')}</ToneTag>;
  if (k.active) return <ToneTag tone="green">{t('licAdm.keys.active')}</ToneTag>;
  return <ToneTag tone="grey">{t('licAdm.keys.retired')}</ToneTag>;
}

/** 签名密钥 (admin): the signing keys (public data only) and rotation after a confirm. */
export function KeysTab() {
  const { t, lang } = usePrefs();
  const { message, modal } = App.useApp();
  const keys = useAsync((signal) => fetchSigningKeys(signal), []);
  const items = [...(keys.data?.items ?? [])].sort((a, b) => (a.active === b.active ? (a.createdAt < b.createdAt ? 1 : -1) : a.active ? -1 : 1));

  const confirmRotate = () => {
    modal.confirm({
      title: t('licAdm.keys.rotateTitle'),
      content: t('licAdm.keys.rotateText'),
      okText: t('licAdm.keys.rotateOk'),
      cancelText: t('licAdm.scen.cancel'),
      onOk: async () => {
        try {
          const r = await rotateSigningKey();
          void message.success(t('licAdm.keys.rotated', { kid: r.kid }));
          keys.reload();
        } catch (e) {
          void message.error(`${t('licAdm.keys.rotateFailed')}：${errorText(e, lang)}`);
        }
      },
    });
  };

  const columns: TableColumnsType<SigningKey> = [
    { title: t('licAdm.keys.col.kid'), key: 'kid', render: (_v, k) => <span className="ow-code">{k.kid}</span> },
    { title: t('licAdm.keys.col.alg'), dataIndex: 'alg', key: 'alg', responsive: ['md'] },
    { title: t('licAdm.keys.col.status'), key: 'status', render: (_v, k) => <KeyState k={k} /> },
    { title: t('licAdm.keys.col.created'), key: 'created', render: (_v, k) => formatInstant(k.createdAt) },
    { title: t('licAdm.keys.col.retired'), key: 'retired', render: (_v, k) => (k.retiredAt ? formatInstant(k.retiredAt) : '—') },
  ];

  return (
    <>
      <div className="ow-la-tab-head">
        <Typography.Paragraph className="ow-la-muted">{t('licAdm.keys.intro')}</Typography.Paragraph>
        <Button icon={<SyncOutlined aria-hidden />} onClick={confirmRotate}>
          {t('licAdm.keys.rotate')}
        </Button>
      </div>
      {keys.error !== undefined && <ErrorAlert error={keys.error} onRetry={keys.reload} />}
      <Table<SigningKey>
        rowKey="kid"
        size="middle"
        className="ow-la-table ow-la-keys"
        columns={columns}
        dataSource={items}
        loading={keys.loading}
        pagination={false}
        title={() => <span className="ow-sr-only">{t('licAdm.keys.caption')}</span>}
        locale={{ emptyText: <span className="ow-empty-text">{t('licAdm.keys.none')}</span> }}
      />
    </>
  );
}
