import { Card, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ComingSoon } from '../pages/ComingSoon.js';
import { useT } from '../prefs/PrefsContext.js';
import { SCREENS } from '../screens/screens.js';
import { CalendarWarnings } from './CalendarWarnings.js';

const CARDS = [
  { to: '/admin/catalog', text: 'admin.catalogCard', nav: 'nav.adminCatalog' },
  { to: '/admin/calendar', text: 'adm.calendarCard', nav: 'adm.cal.title' },
  { to: '/admin/outbox', text: 'adm.outboxCard', nav: 'adm.out.title' },
] as const;

/** /admin: the administration screens, and the calendar warning when a year is missing. */
export function AdminHome() {
  const t = useT();
  return (
    <ComingSoon screen={SCREENS.admin}>
      <CalendarWarnings link />
      {CARDS.map((c) => (
        <Card key={c.to} size="small" className="ow-admin-link">
          <Typography.Paragraph>{t(c.text)}</Typography.Paragraph>
          <Link to={c.to}>
            {t('admin.open')}: {t(c.nav)}
          </Link>
        </Card>
      ))}
    </ComingSoon>
  );
}
