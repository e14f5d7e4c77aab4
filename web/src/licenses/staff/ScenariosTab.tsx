import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorText } from '../../api/http.js';
import { useAsync } from '../../api/useAsync.js';
import { ErrorAlert } from '../../components/Status.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { ToneTag } from '../labels.js';
import { createScenario, deleteScenario, fetchLicenseTypes, fetchScenarioList, updateScenario, type Scenario, type ScenarioInput } from './api.js';
import { ScenarioDialog } from './ScenarioDialog.js';

/** 应用场景 (admin): the public scenario list; add and edit in a dialog, delete after a confirm. */
export function ScenariosTab() {
  const { t, lang } = usePrefs();
  const { message, modal } = App.useApp();
  const list = useAsync((signal) => fetchScenarioList(signal), []);
  const types = useAsync((signal) => fetchLicenseTypes(signal), []);
  const [editing, setEditing] = useState<Scenario | null | undefined>(undefined);
  const items = list.data?.items ?? [];
  const nextSort = (items.reduce((m, s) => Math.max(m, s.sort), 0) || 0) + 10;

  const save = async (input: ScenarioInput) => {
    if (editing) await updateScenario(editing.id, input);
    else await createScenario(input);
    void message.success(t('licAdm.scen.saved'));
    list.reload();
  };

  const confirmDelete = (s: Scenario) => {
    modal.confirm({
      title: t('licAdm.scen.deleteConfirm', { name: s.name }),
      content: t('licAdm.scen.deleteText'),
      okText: t('licAdm.scen.delete'),
      okButtonProps: { danger: true },
      cancelText: t('licAdm.scen.cancel'),
      onOk: async () => {
        try {
          await deleteScenario(s.id);
          void message.success(t('licAdm.scen.deleted'));
          list.reload();
        } catch (e) {
          void message.error(`${t('licAdm.scen.deleteFailed')}：${errorText(e, lang)}`);
        }
      },
    });
  };

  const columns: TableColumnsType<Scenario> = [
    {
      title: t('licAdm.scen.col.name'),
      key: 'name',
      render: (_v, s) => (
        <div>
          <strong>{s.name}</strong>
          {s.description && <div className="ow-la-muted ow-la-small">{s.description}</div>}
        </div>
      ),
    },
    {
      title: t('licAdm.scen.col.types'),
      key: 'types',
      render: (_v, s) => (
        <Space size={[4, 4]} wrap>
          {s.licenseTypes.map((x) => (
            <ToneTag key={x.code} tone="blue">
              {x.name}
            </ToneTag>
          ))}
        </Space>
      ),
    },
    { title: t('licAdm.scen.col.fields'), key: 'fields', responsive: ['md'], render: (_v, s) => s.fields.map((f) => f.label).join('、') || '—' },
    { title: t('licAdm.scen.col.sort'), dataIndex: 'sort', key: 'sort', width: 80, responsive: ['lg'] },
    {
      title: t('licAdm.scen.col.actions'),
      key: 'actions',
      width: 150,
      render: (_v, s) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setEditing(s)} aria-label={t('licAdm.scen.editAria', { name: s.name })}>
            {t('licAdm.scen.edit')}
          </Button>
          <Button size="small" danger onClick={() => confirmDelete(s)} aria-label={t('licAdm.scen.deleteAria', { name: s.name })}>
            {t('licAdm.scen.delete')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="ow-la-tab-head">
        <Typography.Paragraph className="ow-la-muted">{t('licAdm.scen.intro')}</Typography.Paragraph>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>
          {t('licAdm.scen.add')}
        </Button>
      </div>
      {list.error !== undefined && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {types.error !== undefined && <ErrorAlert error={types.error} onRetry={types.reload} />}
      <Table<Scenario>
        rowKey="id"
        size="middle"
        className="ow-la-table"
        columns={columns}
        dataSource={items}
        loading={list.loading}
        pagination={false}
        scroll={{ x: 720 }}
        title={() => <span className="ow-sr-only">{t('licAdm.scen.caption')}</span>}
        locale={{ emptyText: <span className="ow-empty-text">{t('licAdm.scen.empty')}</span> }}
      />
      <ScenarioDialog
        open={editing !== undefined}
        scenario={editing ?? null}
        types={types.data?.items ?? []}
        nextSort={nextSort}
        onClose={() => setEditing(undefined)}
        onSave={save}
      />
    </>
  );
}
