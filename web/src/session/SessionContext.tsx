import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import { auth } from '../api/endpoints';
import type { Me, User } from '../api/types';

type Status = 'loading' | 'ready' | 'error';

interface Session {
  status: Status;
  /** The signed-in user, or null when signed out. */
  me: Me | null;
  error: unknown;
  /** True after the user signed out here: guards then go to sign-in without a "next" page. */
  signedOut: boolean;
  /** Adopt a fresh `Me` (after sign-in/up), or null after sign-out. */
  setMe(me: Me | null): void;
  updateUser(user: User): void;
  signOut(): Promise<void>;
  reload(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMeState] = useState<Me | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [signedOut, setSignedOut] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const setMe = useCallback((next: Me | null) => {
    // The CSRF token must always be the one from the latest Me.
    setCsrfToken(next?.csrfToken ?? null);
    setMeState(next);
    if (next) setSignedOut(false);
  }, []);

  useEffect(() => {
    let live = true;
    auth
      .me()
      .then((m) => {
        if (!live) return;
        setMe(m);
        setStatus('ready');
      })
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) {
          setMe(null);
          setStatus('ready');
        } else {
          setError(e);
          setStatus('error');
        }
      });
    return () => {
      live = false;
    };
  }, [attempt, setMe]);

  // A session that expires mid-use sends the user back to sign-in (route guards react to me = null).
  useEffect(() => {
    setUnauthenticatedHandler(() => setMe(null));
    return () => setUnauthenticatedHandler(null);
  }, [setMe]);

  const value = useMemo<Session>(
    () => ({
      status,
      me,
      error,
      signedOut,
      setMe,
      updateUser: (user) => setMeState((m) => (m ? { ...m, user } : m)),
      async signOut() {
        try {
          await auth.signOut();
        } finally {
          setSignedOut(true);
          setMe(null);
        }
      },
      reload: () => {
        setStatus('loading');
        setAttempt((a) => a + 1);
      },
    }),
    [status, me, error, signedOut, setMe],
  );

  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): Session {
  const s = use(SessionContext);
  if (!s) throw new Error('useSession needs <SessionProvider>');
  return s;
}

/** For pages inside <RequireAuth>: the signed-in user, never null there. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe outside <RequireAuth>');
  return me;
}
