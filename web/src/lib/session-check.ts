import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './api';
import type { Session } from './types';

/**
 * The session, or null when nobody is signed in (a 401). A failure other than a refusal (offline, a 5xx) is tried
 * twice more, a second and then two seconds later, as the pages' queries are (lib/query-client.tsx).
 */
export async function fetchSession(attempt = 0): Promise<Session | null> {
  try {
    return await api.get<Session>('/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    if (attempt < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500)) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt));
      return fetchSession(attempt + 1);
    }
    throw error;
  }
}

export type SessionCheck =
  | { state: 'pending' }
  | { state: 'failed'; error: unknown }
  | { state: 'done'; session: Session | null };

/**
 * The login gate's question, asked once when it shows and again by `refresh` (after a sign-in), with plain requests:
 * the login page's first load takes no query cache. Behind the login the session lives in TanStack Query, seeded
 * from this answer (components/SignedIn.tsx).
 */
export function useSessionCheck(): SessionCheck & { refresh: () => Promise<void>; signedOut: () => void } {
  const [check, setCheck] = useState<SessionCheck>({ state: 'pending' });
  const settle = useCallback(
    (answer: Promise<Session | null>, current: () => boolean = () => true) =>
      answer.then(
        (session) => current() && setCheck({ state: 'done', session }),
        (error: unknown) => current() && setCheck({ state: 'failed', error }),
      ),
    [],
  );
  const refresh = useCallback(async () => {
    await settle(fetchSession());
  }, [settle]);
  const signedOut = useCallback(() => setCheck({ state: 'done', session: null }), []);
  useEffect(() => {
    let mounted = true;
    void settle(fetchSession(), () => mounted);
    return () => {
      mounted = false;
    };
  }, [settle]);
  return { ...check, refresh, signedOut };
}
