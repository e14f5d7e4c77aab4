import { Space, Table, Typography, type TableColumnsType } from 'antd';
import type { MaterialInput } from '../../../../src/catalog/types.js';
import type { ItemDetail } from '../../api/types.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { ToneTag } from '../Tags.js';

/** 申请材料: every material with its copies, issuer and how it may be satisfied. */
export function GuideMaterials({ item }: { item: ItemDetail }) {
  const { t } = usePrefs();
  if (item.materials.length === 0) return <Typography.Paragraph>{t('guide.noMaterials')}</Typography.Paragraph>;

  const columns: TableColumnsType<MaterialInput> = [
    { title: t('mat.no'), key: 'no', width: 64, align: 'center', render: (_v, _m, i) => i + 1 },
    {
      title: t('mat.name'),
      key: 'name',
      render: (_v, m) => {
        const tags = [
          m.deferrable && <ToneTag key="d" tone="orange">{t('mat.deferrable')}</ToneTag>,
          m.commitmentReplaceable && item.commitmentAllowed && <ToneTag key="c" tone="purple">{t('mat.commitment')}</ToneTag>,
          m.licenseTypeCode && <ToneTag key="l" tone="green">{t('mat.license')}</ToneTag>,
        ].filter(Boolean);
        return (
          <div className="ow-material">
            <div>{m.name}</div>
            {tags.length > 0 && (
              <Space size={[4, 4]} wrap className="ow-material-tags">
                {tags}
              </Space>
            )}
          </div>
        );
      },
    },
    {
      title: t('mat.required'),
      key: 'required',
      width: 110,
      render: (_v, m) => (m.required ? <ToneTag tone="blue">{t('mat.requiredYes')}</ToneTag> : <ToneTag tone="grey">{t('mat.requiredNo')}</ToneTag>),
    },
    { title: t('mat.count'), key: 'count', responsive: ['sm'], render: (_v, m) => t('mat.countText', { o: m.originals, c: m.copies }) },
    { title: t('mat.issuer'), key: 'issuer', responsive: ['md'], render: (_v, m) => m.issuer ?? t('mat.issuerApplicant') },
  ];
  return (
    <>
      <Table<MaterialInput> rowKey="code" size="small" columns={columns} dataSource={item.materials} pagination={false} />
      <Typography.Paragraph className="ow-note">{t('guide.materialsNote')}</Typography.Paragraph>
    </>
  );
}
