import { Drawer, Grid, Layout } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { useT } from '../prefs/PrefsContext.js';
import { HeaderBar } from './HeaderBar.js';
import { SideNav } from './SideNav.js';
import { MAIN_ID, SkipLink } from './SkipLink.js';

/**
 * The page frame: skip link, header, role menu (a side menu on wide screens, a drawer on phones)
 * and the <main> landmark. `bare` leaves out the menu (login, hall screens, kiosk).
 */
export function AppLayout({ bare = false, children }: { bare?: boolean; children?: ReactNode }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const wide = screens.md !== false && !!screens.md;
  const [drawer, setDrawer] = useState(false);
  const { pathname } = useLocation();

  useEffect(() => setDrawer(false), [pathname]);

  return (
    <Layout className="ow-root">
      <SkipLink />
      <HeaderBar onOpenMenu={!bare && !wide ? () => setDrawer(true) : undefined} />
      <Layout>
        {!bare && wide && (
          <Layout.Sider width={216} className="ow-sider" theme="light">
            <SideNav />
          </Layout.Sider>
        )}
        {!bare && !wide && (
          <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={260} title={t('nav.label')}>
            <SideNav onNavigate={() => setDrawer(false)} />
          </Drawer>
        )}
        <Layout.Content id={MAIN_ID} tabIndex={-1} className="ow-main">
          {children ?? <Outlet />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
