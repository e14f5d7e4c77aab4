import { Menu } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext.js';
import { useT } from '../prefs/PrefsContext.js';
import { navFor, selectedEntry } from './nav.js';

/** The role-based navigation menu, inside a labelled <nav> landmark. */
export function SideNav({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const { actor } = useAuth();
  const { pathname } = useLocation();
  const entries = navFor(actor);
  const selected = selectedEntry(entries, pathname);
  return (
    <nav aria-label={t('nav.label')} className="ow-nav">
      <Menu
        mode="inline"
        selectedKeys={selected ? [selected] : []}
        onClick={onNavigate}
        items={entries.map((e) => ({
          key: e.path,
          label: (
            <Link to={e.path} aria-current={e.path === selected ? 'page' : undefined}>
              {t(e.label)}
            </Link>
          ),
        }))}
      />
    </nav>
  );
}
