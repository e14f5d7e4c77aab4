import { SearchOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { searchItems } from '../../api/catalog.js';
import type { ItemSummary, Page } from '../../api/types.js';
import { ToneTag } from '../../catalog/Tags.js';
import { label } from '../../catalog/labels.js';
import { ErrorAlert } from '../../components/Status.js';
import { usePrefs } from '../../prefs/PrefsContext.js';

/** Limits in words: 即办件 → 当场办结; else promised / legal working days. */
export function useLimitsText() {
  const { t } = usePrefs();
  return (i: { caseKind: number; promisedLimitDays: number; legalLimitDays: number }) =>
    i.caseKind === 1 ? t('case.limitsInstant', { l: i.legalLimitDays }) : t('case.limits', { p: i.promisedLimitDays, l: i.legalLimitDays });
}

/** (a) Find the item: the catalog search, Enter to search, a result list to pick from. */
export function ItemPicker({ onPick, autoFocus }: { onPick(item: ItemSummary): void; autoFocus?: boolean }) {
  const { t, lang } = usePrefs();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<Page<ItemSummary> | undefined>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const limits = useLimitsText();
  const ctl = useRef<AbortController | null>(null);
  const inputId = 'desk-item-q';

  useEffect(() => () => ctl.current?.abort(), []);

  const run = async () => {
    ctl.current?.abort();
    const c = new AbortController();
    ctl.current = c;
    setLoading(true);
    setError(undefined);
    try {
      const r = await searchItems({ q: q.trim() || undefined, pageSize: 8 }, c.signal);
      if (!c.signal.aborted) setResult(r);
    } catch (e) {
      if (!c.signal.aborted) setError(e);
    } finally {
      if (!c.signal.aborted) setLoading(false);
    }
  };

  return (
    <div className="ow-desk-item-picker">
      <form
        role="search"
        aria-label={t('case.desk.itemSearch')}
        className="ow-desk-search"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label htmlFor={inputId} className="ow-case-inline-label">
          {t('case.desk.itemSearch')}
        </label>
        <Space.Compact className="ow-full">
          <Input id={inputId} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('case.desk.itemPlaceholder')} autoComplete="off" autoFocus={autoFocus} size="large" />
          <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />} loading={loading} size="large">
            {t('common.search')}
          </Button>
        </Space.Compact>
      </form>
      <div className="ow-sr-only" role="status">
        {result && !loading ? t('case.desk.itemsFound', { n: result.total }) : ''}
      </div>
      {error !== undefined && <ErrorAlert error={error} onRetry={() => void run()} />}
      {result && result.items.length === 0 && <p className="ow-empty-text">{t('case.desk.noItems')}</p>}
      {result && result.items.length > 0 && (
        <ul className="ow-desk-items" aria-label={t('case.desk.itemResults')}>
          {result.items.map((i) => (
            <li key={i.code}>
              <button type="button" className="ow-desk-item" onClick={() => onPick(i)}>
                <span className="ow-desk-item-name">{i.name}</span>
                <span className="ow-desk-item-meta">
                  <ToneTag tone={i.caseKind === 1 ? 'green' : 'blue'}>{label('caseKind', i.caseKind, lang)}</ToneTag>
                  {i.commitmentAllowed && <ToneTag tone="purple">{t('case.m.commitmentOk')}</ToneTag>}
                  <span>{i.departmentName}</span>
                  <span>· {limits(i)}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {result && result.total > result.items.length && <p className="ow-case-hint">{t('case.desk.moreItems', { n: result.total })}</p>}
    </div>
  );
}
