import type { ReactNode } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router-dom';
import { useSession } from '../session/SessionContext';
import { AppLayout } from './AppLayout';
import { defaultHome } from './homes';
import { PublicLayout } from './PublicLayout';

/** Only in-app paths are followed after sign-in, never another site (`//evil.example`). */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}

/** Signed-out visitors go to sign-in, remembering where they were headed. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, signedOut } = useSession();
  const location = useLocation();
  if (!me) {
    const here = location.pathname + location.search;
    const to = here === '/' || signedOut ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
    return <Navigate to={to} replace />;
  }
  return children;
}

/** Sign-in and sign-up are for signed-out visitors; others go on to where they were headed. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const [params] = useSearchParams();
  if (me) return <Navigate to={safeNext(params.get('next')) ?? defaultHome(me) ?? '/no-home'} replace />;
  return children;
}

/** The signed-in frame for signed-in users, the public one otherwise (e.g. for "page not found"). */
export function AutoLayout() {
  const { me } = useSession();
  return me ? <AppLayout /> : <PublicLayout />;
}

/** `/`: the user's first home. */
export function RootRedirect() {
  const { me } = useSession();
  if (!me) return <Navigate to="/sign-in" replace />;
  return <Navigate to={defaultHome(me) ?? '/no-home'} replace />;
}
