import { List, Typography } from 'antd';
import { useAsync } from '../api/useAsync.js';
import { ErrorAlert, Loading } from '../components/Status.js';
import { useT } from '../prefs/PrefsContext.js';
import { fetchScenarios } from './api.js';
import { ToneTag } from './labels.js';

/**
 * 应用场景清单: where e-licences are accepted (public), labelled by the section heading `headingId`.
 * With `typeCodes` (a holder's licence types) only the scenarios accepting one of them are listed.
 */
export function ScenarioList({ headingId, typeCodes }: { headingId: string; typeCodes?: string[] }) {
  const t = useT();
  const { data, error, loading, reload } = useAsync((signal) => fetchScenarios(signal), []);
  if (error !== undefined) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading && !data) return <Loading />;
  const all = data?.items ?? [];
  const items = typeCodes ? all.filter((s) => s.licenseTypes.some((lt) => typeCodes.includes(lt.code))) : all;
  return (
    <List
      className="ow-lic-scenarios"
      aria-labelledby={headingId}
      dataSource={items}
      locale={{ emptyText: <span className="ow-empty-text">{t('lic.scen.empty')}</span> }}
      renderItem={(s) => (
        <List.Item key={s.id}>
          <div className="ow-lic-scenario">
            <Typography.Title level={3} className="ow-lic-scenario-name">
              {s.name}
            </Typography.Title>
            {s.description && <Typography.Paragraph className="ow-lic-scenario-desc">{s.description}</Typography.Paragraph>}
            <div className="ow-lic-scenario-row">
              <span className="ow-lic-muted">{t('lic.scen.types')}</span>
              {s.licenseTypes.map((lt) => (
                <ToneTag key={lt.code} tone="blue">
                  {lt.name}
                </ToneTag>
              ))}
            </div>
            {s.fields.length > 0 && (
              <div className="ow-lic-scenario-row">
                <span className="ow-lic-muted">{t('lic.scen.fields')}</span>
                <span>{s.fields.map((f) => f.label).join('、')}</span>
              </div>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}
