import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useAuth } from './auth/AuthContext.js';
import { RequireRole } from './auth/RequireRole.js';
import { Loading } from './components/Status.js';
import { AppLayout } from './layout/AppLayout.js';
import { ComingSoon } from './pages/ComingSoon.js';
import { LoginPage } from './pages/LoginPage.js';
import { NotFound } from './pages/NotFound.js';
import { casesBareRoutes, casesRoutes } from './cases/routes.js';
import { hallBareRoutes, hallRoutes } from './hall/routes.js';
import { licensesBareRoutes, licensesRoutes } from './licenses/routes.js';
import { officeRoutes } from './office/routes.js';
import { homeOf, SCREENS, type Screen } from './screens/screens.js';

const PortalHome = lazy(() => import('./portal/PortalHome.js').then((m) => ({ default: m.PortalHome })));
const ItemsPage = lazy(() => import('./catalog/ItemsPage.js').then((m) => ({ default: m.ItemsPage })));
const ItemGuidePage = lazy(() => import('./catalog/ItemGuidePage.js').then((m) => ({ default: m.ItemGuidePage })));
const AdminHome = lazy(() => import('./admin/AdminHome.js').then((m) => ({ default: m.AdminHome })));
const CalendarPage = lazy(() => import('./admin/CalendarPage.js').then((m) => ({ default: m.CalendarPage })));
const OutboxPage = lazy(() => import('./admin/OutboxPage.js').then((m) => ({ default: m.OutboxPage })));
const CatalogAdminPage = lazy(() => import('./admin/CatalogAdminPage.js').then((m) => ({ default: m.CatalogAdminPage })));
const ItemEditPage = lazy(() => import('./admin/edit/ItemEditPage.js').then((m) => ({ default: m.ItemEditPage })));

function Home() {
  const { actor } = useAuth();
  if (actor === undefined) return <Loading />;
  return <Navigate to={actor && !actor.mustChangePassword ? homeOf(actor.roles) : '/portal'} replace />;
}

const staffScreen = (s: Screen) => (
  <RequireRole roles={s.roles}>
    <ComingSoon screen={s} />
  </RequireRole>
);

/** Every route of the app (DESIGN §1 screens). */
export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<AppLayout bare />}>
          <Route path="/login" element={<LoginPage />} />
          {hallBareRoutes}
          {casesBareRoutes}
          {licensesBareRoutes}
        </Route>
        <Route element={<AppLayout />}>
          <Route index element={<Home />} />
          <Route path="/portal" element={<PortalHome />} />
          <Route path="/portal/items" element={<ItemsPage />} />
          <Route path="/portal/items/:code" element={<ItemGuidePage />} />
          <Route path="/assist" element={staffScreen(SCREENS.assist)} />
          <Route path="/supervise" element={staffScreen(SCREENS.supervise)} />
          <Route path="/dashboard" element={staffScreen(SCREENS.dashboard)} />
          <Route
            path="/admin"
            element={
              <RequireRole roles={['admin']}>
                <AdminHome />
              </RequireRole>
            }
          />
          <Route
            path="/admin/calendar"
            element={
              <RequireRole roles={['admin']}>
                <CalendarPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/outbox"
            element={
              <RequireRole roles={['admin']}>
                <OutboxPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/catalog"
            element={
              <RequireRole roles={['admin', 'catalog']}>
                <CatalogAdminPage />
              </RequireRole>
            }
          />
          <Route
            path="/admin/catalog/:code/edit"
            element={
              <RequireRole roles={['admin', 'catalog']}>
                <ItemEditPage />
              </RequireRole>
            }
          />
          {hallRoutes}
          {casesRoutes}
          {officeRoutes}
          {licensesRoutes}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
