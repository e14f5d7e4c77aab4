import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { EXPORT_URL, importCatalog } from '../api/catalog.js';
import { ApiError, errorText } from '../api/http.js';
import type { ImportResult } from '../api/types.js';
import { SectionTitle } from '../components/PageTitle.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { ImportReport } from './ImportReport.js';

type Outcome = { kind: 'done'; result: ImportResult } | { kind: 'error'; error: unknown };

/** 导出 Excel / 导入 Excel with the per-row error report of a refused file. */
export function ImportPanel({ onImported }: { onImported(): void }) {
  const { t, lang } = usePrefs();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setBusy(file.name);
    setOutcome(null);
    try {
      const result = await importCatalog(file);
      setOutcome({ kind: 'done', result });
      onImported();
    } catch (err) {
      setOutcome({ kind: 'error', error: err });
    } finally {
      setBusy(null);
    }
  };

  const rowErrors = outcome?.kind === 'error' && outcome.error instanceof ApiError ? (outcome.error.problem.errors ?? []) : [];
  return (
    <div className="ow-import">
      <Space wrap>
        <Button icon={<DownloadOutlined aria-hidden />} href={EXPORT_URL} download>
          {t('catalogAdmin.export')}
        </Button>
        <Button type="primary" icon={<UploadOutlined aria-hidden />} loading={busy !== null} onClick={() => input.current?.click()}>
          {t('catalogAdmin.import')}
        </Button>
        <input
          ref={input}
          type="file"
          hidden
          aria-label={t('catalogAdmin.fileLabel')}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={onFile}
          data-testid="catalog-import-file"
        />
      </Space>
      <div role="status" aria-live="polite" className="ow-import-status">
        {busy && <Alert type="info" showIcon title={t('catalogAdmin.importing', { name: busy })} />}
        {outcome?.kind === 'done' && <Alert type="success" showIcon title={t('catalogAdmin.importDone', { ...outcome.result })} />}
      </div>
      {outcome?.kind === 'error' && (
        <div className="ow-import-errors">
          <Alert
            type="error"
            showIcon
            role="alert"
            title={rowErrors.length > 0 ? t('catalogAdmin.importFailed', { n: rowErrors.length }) : errorText(outcome.error, lang)}
          />
          {rowErrors.length > 0 && (
            <>
              <SectionTitle>{t('catalogAdmin.report')}</SectionTitle>
              <ImportReport errors={rowErrors} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
