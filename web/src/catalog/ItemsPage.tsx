import { Typography } from 'antd';
import { PageTitle } from '../components/PageTitle.js';
import { useT } from '../prefs/PrefsContext.js';
import { CatalogSearch } from './CatalogSearch.js';

/** /portal/items: the public service guide (办事指南) search. */
export function ItemsPage() {
  const t = useT();
  return (
    <div className="ow-page">
      <PageTitle>{t('catalog.title')}</PageTitle>
      <Typography.Paragraph>{t('catalog.intro')}</Typography.Paragraph>
      <CatalogSearch />
    </div>
  );
}
