import { Fragment, lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequireRole } from '../auth/RequireRole.js';

const OfficeInboxPage = lazy(() => import('./OfficeInboxPage.js').then((m) => ({ default: m.OfficeInboxPage })));
const OfficeCasePage = lazy(() => import('./OfficeCasePage.js').then((m) => ({ default: m.OfficeCasePage })));
const IssuePage = lazy(() => import('./IssuePage.js').then((m) => ({ default: m.IssuePage })));
const IssueCasePage = lazy(() => import('./IssueCasePage.js').then((m) => ({ default: m.IssueCasePage })));

/**
 * Routes of the back office (/office: approvers) and the unified certificate window (/issue:
 * certificate clerks) — inside the app layout.
 */
export const officeRoutes = (
  <Fragment>
    <Route
      path="/office"
      element={
        <RequireRole roles={['approver']}>
          <OfficeInboxPage />
        </RequireRole>
      }
    />
    <Route
      path="/office/overdue"
      element={
        <RequireRole roles={['approver']}>
          <OfficeInboxPage overdue />
        </RequireRole>
      }
    />
    <Route
      path="/office/cases/:caseNo"
      element={
        <RequireRole roles={['approver']}>
          <OfficeCasePage />
        </RequireRole>
      }
    />
    <Route
      path="/issue"
      element={
        <RequireRole roles={['cert']}>
          <IssuePage />
        </RequireRole>
      }
    />
    <Route
      path="/issue/cases/:caseNo"
      element={
        <RequireRole roles={['cert']}>
          <IssueCasePage />
        </RequireRole>
      }
    />
  </Fragment>
);
