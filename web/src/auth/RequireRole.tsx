import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Role } from '../api/types.js';
import { Loading } from '../components/Status.js';
import { Forbidden } from '../pages/NotFound.js';
import { mayOpen } from '../screens/screens.js';
import { useAuth } from './AuthContext.js';

/** Shows `children` to a logged-in actor holding one of `roles`; sends others to login or 403. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { actor, loggedOut } = useAuth();
  const { pathname, search } = useLocation();
  if (actor === undefined) return <Loading />;
  if (actor === null && loggedOut) return <Navigate to="/login" replace />;
  if (actor === null) return <Navigate to={`/login?next=${encodeURIComponent(pathname + search)}`} replace />;
  if (actor.mustChangePassword) return <Navigate to={`/login?next=${encodeURIComponent(pathname + search)}`} replace />;
  if (!mayOpen(actor.roles, roles)) return <Forbidden />;
  return <>{children}</>;
}
