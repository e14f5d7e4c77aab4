import { Fragment, lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequireRole } from '../auth/RequireRole.js';

const DisplayPage = lazy(() => import('./DisplayPage.js').then((m) => ({ default: m.DisplayPage })));
const WindowScreenPage = lazy(() => import('./WindowScreenPage.js').then((m) => ({ default: m.WindowScreenPage })));
const KioskPage = lazy(() => import('./KioskPage.js').then((m) => ({ default: m.KioskPage })));
const WindowPage = lazy(() => import('./WindowPage.js').then((m) => ({ default: m.WindowPage })));
const AppointmentsPage = lazy(() => import('./AppointmentsPage.js').then((m) => ({ default: m.AppointmentsPage })));
const HallAdminPage = lazy(() => import('./HallAdminPage.js').then((m) => ({ default: m.HallAdminPage })));

/**
 * Hall screens shown full-screen, without the menu (no login):
 * - /display/:hall — the hall's TV board (calls, windows, waiting counts, voice);
 * - /display/:hall/window/:number — the small screen above one window;
 * - /kiosk/:hall — the self-service terminal (tickets, appointment check-in, case progress).
 */
export const hallBareRoutes = (
  <Fragment>
    <Route path="/display/:hall" element={<DisplayPage />} />
    <Route path="/display/:hall/window/:number" element={<WindowScreenPage />} />
    <Route path="/kiosk/:hall" element={<KioskPage />} />
  </Fragment>
);

/**
 * Hall screens inside the app layout:
 * - /hall/window — the window calling panel (clerk, cert, assistant);
 * - /hall-admin — the hall manager's live board, windows, daily statistics and every department's overdue cases;
 * - /portal/appointments — the applicant books, cancels and reschedules appointments.
 */
export const hallRoutes = (
  <Fragment>
    <Route
      path="/hall/window"
      element={
        <RequireRole roles={['clerk', 'cert', 'assistant']}>
          <WindowPage />
        </RequireRole>
      }
    />
    <Route
      path="/hall-admin"
      element={
        <RequireRole roles={['manager', 'admin']}>
          <HallAdminPage />
        </RequireRole>
      }
    />
    <Route
      path="/portal/appointments"
      element={
        <RequireRole roles={['applicant']}>
          <AppointmentsPage />
        </RequireRole>
      }
    />
  </Fragment>
);
