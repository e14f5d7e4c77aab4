import { Fragment, lazy, type ReactElement } from 'react';
import { Route } from 'react-router-dom';
import { RequireRole } from '../auth/RequireRole.js';
import { SCREENS } from '../screens/screens.js';

const WalletPage = lazy(() => import('./WalletPage.js').then((m) => ({ default: m.WalletPage })));
const LicensePage = lazy(() => import('./LicensePage.js').then((m) => ({ default: m.LicensePage })));
const PresentPage = lazy(() => import('./PresentPage.js').then((m) => ({ default: m.PresentPage })));
const VerifyPage = lazy(() => import('./VerifyPage.js').then((m) => ({ default: m.VerifyPage })));
const LicenseAdminPage = lazy(() => import('./staff/LicenseAdminPage.js').then((m) => ({ default: m.LicenseAdminPage })));
const StaffLicensePage = lazy(() => import('./staff/StaffLicensePage.js').then((m) => ({ default: m.StaffLicensePage })));

const holder = (el: ReactElement) => <RequireRole roles={['applicant']}>{el}</RequireRole>;
const staff = (el: ReactElement) => <RequireRole roles={SCREENS.licenseAdmin.roles}>{el}</RequireRole>;

/** Routes of the licence screens shown without the menu (full-screen): none. */
export const licensesBareRoutes = <Fragment />;

/** Routes of the licence screens inside the app layout: the holder wallet (applicants) and the public /verify. */
export const licensesRoutes = (
  <Fragment>
    <Route path="/portal/licenses" element={holder(<WalletPage />)} />
    <Route path="/portal/licenses/:id" element={holder(<LicensePage />)} />
    <Route path="/portal/licenses/:id/present" element={holder(<PresentPage />)} />
    <Route path="/verify" element={<VerifyPage />} />
    {/* 电子证照管理 (staff) */}
    <Route path="/licenses" element={staff(<LicenseAdminPage />)} />
    <Route path="/licenses/:id" element={staff(<StaffLicensePage />)} />
  </Fragment>
);
