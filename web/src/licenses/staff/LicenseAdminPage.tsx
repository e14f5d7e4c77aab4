import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle.js';
import { useT } from '../../prefs/PrefsContext.js';
import { KeysTab } from './KeysTab.js';
import { RegisterTab } from './RegisterTab.js';
import { ScenariosTab } from './ScenariosTab.js';
import { useStaffScope } from './useStaffScope.js';
import '../licenses.css';
import './staff.css';

type Tab = 'register' | 'scenarios' | 'keys';

/** /licenses — 电子证照管理: the register for admins, certificate windows and approvers; scenarios and signing keys for admins. */
export function LicenseAdminPage() {
  const t = useT();
  const scope = useStaffScope();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab: Tab = scope.isAdmin && (asked === 'scenarios' || asked === 'keys') ? asked : 'register';

  const onTab = (key: string) => setParams(key === 'register' ? {} : { tab: key });

  const items = [
    { key: 'register', label: t('licAdm.tab.register'), children: <RegisterTab /> },
    ...(scope.isAdmin
      ? [
          { key: 'scenarios', label: t('licAdm.tab.scenarios'), children: <ScenariosTab /> },
          { key: 'keys', label: t('licAdm.tab.keys'), children: <KeysTab /> },
        ]
      : []),
  ];

  return (
    <div className="ow-page ow-la-page">
      <PageTitle>{t('licAdm.title')}</PageTitle>
      <p className="ow-la-subtitle">{scope.departmentOnly ? t('licAdm.introApprover') : t('licAdm.intro')}</p>
      {items.length > 1 ? <Tabs activeKey={tab} onChange={onTab} items={items} className="ow-la-tabs" destroyOnHidden /> : <RegisterTab />}
    </div>
  );
}
