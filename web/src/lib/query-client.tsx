import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from './api';

/**
 * The server refuses everything but enrolling to a user whose role now requires two-factor sign-in (say, just made
 * secretariat): a fresh session then says so, and the login gate shows the enrolment screen.
 */
const onError = (error: unknown) => {
  if (error instanceof ApiError && error.code === 'second_factor_required') void queryClient.invalidateQueries({ queryKey: ['session'] });
};

/**
 * The cache of the pages behind the login (and of the pages reached from a mail). Not in the first load: the login
 * page asks the server with plain requests (lib/session-check.ts), and each lazily loaded part mounts this one client
 * (lib/lazy-part.tsx).
 */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

export function QueryRoot({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
