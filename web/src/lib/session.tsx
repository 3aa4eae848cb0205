import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useState } from 'react';
import { api, ApiError } from './api';
import type { Session } from './types';

const SessionContext = createContext<Session | null>(null);

/**
 * The session behind the login gate, starting from the one the gate fetched (lib/session-check.ts): the freshest
 * there is, so it is put in the cache when the signed-in part mounts rather than asked for again; null once it ends.
 */
export function useSessionQuery(fetched: Session) {
  const queryClient = useQueryClient();
  useState(() => queryClient.setQueryData<Session | null>(['session'], fetched));
  return useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return await api.get<Session>('/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The logged-in user; only used below the login gate. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the login gate');
  return session;
}

/** Ends the session and starts the page afresh, with nothing of this user's data left in the cache. */
export function useLogOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await api.post('/auth/logout');
    queryClient.clear();
    window.location.assign('/');
  };
}
