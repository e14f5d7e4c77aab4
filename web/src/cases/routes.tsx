import { Fragment, lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequireRole } from '../auth/RequireRole.js';

const DeskPage = lazy(() => import('./desk/DeskPage.js').then((m) => ({ default: m.DeskPage })));
const DeskCasePage = lazy(() => import('./desk/DeskCasePage.js').then((m) => ({ default: m.DeskCasePage })));
const ApplyPage = lazy(() => import('./portal/ApplyPage.js').then((m) => ({ default: m.ApplyPage })));
const MyCasesPage = lazy(() => import('./portal/MyCasesPage.js').then((m) => ({ default: m.MyCasesPage })));
const MyCasePage = lazy(() => import('./portal/MyCasePage.js').then((m) => ({ default: m.MyCasePage })));
const ProgressPage = lazy(() => import('./portal/ProgressPage.js').then((m) => ({ default: m.ProgressPage })));

/** Routes of the case screens shown without the menu (full-screen): none. */
export const casesBareRoutes = <Fragment />;

/**
 * Routes of the case screens inside the app layout:
 * - /desk, /desk/cases/:caseNo — 综合受理 (intake clerks; assistants read);
 * - /portal/apply/:itemCode, /portal/cases, /portal/cases/:caseNo — the applicant's online application and cases;
 * - /portal/progress — public progress lookup (no login).
 */
export const casesRoutes = (
  <Fragment>
    <Route
      path="/desk"
      element={
        <RequireRole roles={['clerk', 'assistant']}>
          <DeskPage />
        </RequireRole>
      }
    />
    <Route
      path="/desk/cases/:caseNo"
      element={
        <RequireRole roles={['clerk', 'assistant']}>
          <DeskCasePage />
        </RequireRole>
      }
    />
    <Route
      path="/portal/apply/:itemCode"
      element={
        <RequireRole roles={['applicant']}>
          <ApplyPage />
        </RequireRole>
      }
    />
    <Route
      path="/portal/cases"
      element={
        <RequireRole roles={['applicant']}>
          <MyCasesPage />
        </RequireRole>
      }
    />
    <Route
      path="/portal/cases/:caseNo"
      element={
        <RequireRole roles={['applicant']}>
          <MyCasePage />
        </RequireRole>
      }
    />
    <Route path="/portal/progress" element={<ProgressPage />} />
  </Fragment>
);
