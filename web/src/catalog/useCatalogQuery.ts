import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ItemQuery } from '../api/catalog.js';

export const DEFAULT_PAGE_SIZE = 20;

/** The catalog search lives in the URL, so results can be bookmarked, shared and navigated back to. */
export function useCatalogQuery(): [Required<ItemQuery>, (next: Partial<ItemQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const q = useMemo<Required<ItemQuery>>(
    () => ({
      q: params.get('q') ?? '',
      department: params.get('department') ?? '',
      type: params.get('type') ?? '',
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: Math.min(100, Math.max(1, Number(params.get('pageSize')) || DEFAULT_PAGE_SIZE)),
    }),
    [params],
  );
  const update = useCallback(
    (next: Partial<ItemQuery>) => {
      const merged = { ...q, ...next };
      const out = new URLSearchParams();
      if (merged.q) out.set('q', merged.q);
      if (merged.department) out.set('department', merged.department);
      if (merged.type) out.set('type', merged.type);
      if (merged.page && merged.page > 1) out.set('page', String(merged.page));
      if (merged.pageSize && merged.pageSize !== DEFAULT_PAGE_SIZE) out.set('pageSize', String(merged.pageSize));
      setParams(out);
    },
    [q, setParams],
  );
  return [q, update];
}
