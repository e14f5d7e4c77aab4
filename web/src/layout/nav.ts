import type { Actor } from '../api/types.js';
import type { MessageKey } from '../i18n/translate.js';
import { SCREENS, mayOpen } from '../screens/screens.js';

export interface NavEntry {
  path: string;
  label: MessageKey;
}

const ROLE_SCREENS = [SCREENS.desk, SCREENS.office, SCREENS.issue, SCREENS.licenseAdmin, SCREENS.assist, SCREENS.supervise, SCREENS.hallAdmin, SCREENS.dashboard];

/** The side menu for this actor (or for the public when nobody is logged in). */
export function navFor(actor: Actor | null | undefined): NavEntry[] {
  const roles = actor?.roles;
  const entries: NavEntry[] = [];
  if (!actor || roles?.includes('applicant')) entries.push({ path: '/portal', label: 'nav.portal' });
  if (roles?.includes('applicant')) {
    entries.push(
      { path: '/portal/cases', label: 'nav.myCases' },
      { path: '/portal/licenses', label: 'lic.wallet.title' },
      { path: '/portal/appointments', label: 'hall.appt.title' },
    );
  }
  for (const s of ROLE_SCREENS) if (roles && mayOpen(roles, s.roles)) entries.push({ path: s.path, label: s.nav });
  if (roles && mayOpen(roles, ['clerk', 'cert', 'assistant'])) entries.push({ path: '/hall/window', label: 'hall.window.title' });
  if (roles?.includes('admin')) entries.push({ path: '/admin', label: 'nav.admin' });
  if (roles && mayOpen(roles, ['admin', 'catalog'])) entries.push({ path: '/admin/catalog', label: 'nav.adminCatalog' });
  if (roles?.includes('admin')) {
    entries.push({ path: '/admin/calendar', label: 'adm.cal.title' }, { path: '/admin/outbox', label: 'adm.out.title' });
  }
  entries.push({ path: '/portal/items', label: 'nav.items' });
  if (!actor || roles?.includes('applicant')) {
    entries.push({ path: '/portal/progress', label: 'nav.progress' }, { path: '/verify', label: 'nav.verify' });
  }
  return entries;
}

/** The entry to highlight: the longest path that prefixes the current location. */
export function selectedEntry(entries: NavEntry[], pathname: string): string | undefined {
  let best: string | undefined;
  for (const e of entries) {
    const hit = pathname === e.path || pathname.startsWith(e.path + '/');
    if (hit && (!best || e.path.length > best.length)) best = e.path;
  }
  return best;
}
