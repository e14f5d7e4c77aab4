import { Card, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ComingSoon } from '../pages/ComingSoon.js';
import { useT } from '../prefs/PrefsContext.js';
import { SCREENS } from '../screens/screens.js';

/** /admin: what exists (catalog) and what is coming. */
export function AdminHome() {
  const t = useT();
  return (
    <ComingSoon screen={SCREENS.admin}>
      <Card size="small" className="ow-admin-link">
        <Typography.Paragraph>{t('admin.catalogCard')}</Typography.Paragraph>
        <Link to="/admin/catalog">
          {t('admin.open')}: {t('nav.adminCatalog')}
        </Link>
      </Card>
    </ComingSoon>
  );
}
