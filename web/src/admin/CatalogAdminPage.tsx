import { Card, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageTitle } from '../components/PageTitle.js';
import { CatalogSearch } from '../catalog/CatalogSearch.js';
import { useT } from '../prefs/PrefsContext.js';
import { ImportPanel } from './ImportPanel.js';

/** /admin/catalog: the catalog table with Excel export and import. */
export function CatalogAdminPage() {
  const t = useT();
  const [generation, setGeneration] = useState(0);
  return (
    <div className="ow-page">
      <PageTitle>{t('catalogAdmin.title')}</PageTitle>
      <Card className="ow-card">
        <Typography.Paragraph>{t('catalogAdmin.intro')}</Typography.Paragraph>
        <ImportPanel onImported={() => setGeneration((n) => n + 1)} />
      </Card>
      <CatalogSearch
        key={generation}
        actions={(item) => (
          <Link to={`/admin/catalog/${encodeURIComponent(item.code)}/edit`} aria-label={`${t('catalogAdmin.edit')} ${item.name}`}>
            {t('catalogAdmin.edit')}
          </Link>
        )}
      />
    </div>
  );
}
