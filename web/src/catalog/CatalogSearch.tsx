import { Card } from 'antd';
import type { ReactNode } from 'react';
import { searchItems } from '../api/catalog.js';
import type { ItemSummary } from '../api/types.js';
import { useAsync } from '../api/useAsync.js';
import { ErrorAlert } from '../components/Status.js';
import { useT } from '../prefs/PrefsContext.js';
import { CatalogFilters } from './CatalogFilters.js';
import { CatalogTable } from './CatalogTable.js';
import { useCatalogQuery } from './useCatalogQuery.js';

/** Filters + results, driven by the URL query. */
export function CatalogSearch({ actions }: { actions?: (item: ItemSummary) => ReactNode }) {
  const t = useT();
  const [query, setQuery] = useCatalogQuery();
  const result = useAsync((signal) => searchItems(query, signal), [query.q, query.department, query.type, query.page, query.pageSize]);

  return (
    <>
      <Card className="ow-card">
        <CatalogFilters value={query} onSearch={setQuery} />
      </Card>
      <Card className="ow-card">
        <div className="ow-sr-only" role="status">
          {result.data && !result.loading ? t('catalog.total', { n: result.data.total }) : ''}
        </div>
        {result.error !== undefined ? (
          <ErrorAlert error={result.error} title={t('catalog.loadError')} onRetry={result.reload} />
        ) : (
          <CatalogTable
            page={result.data}
            loading={result.loading}
            onPage={(page, pageSize) => setQuery({ page: pageSize === query.pageSize ? page : 1, pageSize })}
            actions={actions}
          />
        )}
      </Card>
    </>
  );
}
