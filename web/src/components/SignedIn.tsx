import { Center } from '@mantine/core';
import { Suspense, useEffect, useState } from 'react';
import { lazyPart } from '../lib/lazy-part';
import { SessionProvider, useSessionQuery } from '../lib/session';
import type { Session } from '../lib/types';
import { ErrorNotice } from './ErrorNotice';
import { PageLoader } from './PageLoader';

const SignedInShell = lazyPart(() => import('./Shell'), 'SignedInShell');
const EnrolmentPage = lazyPart(() => import('../pages/EnrolmentPage'), 'EnrolmentPage');

/**
 * Behind the login gate (App.tsx): the session the gate fetched, kept in the query cache from here (refetched, and
 * refreshed by what changes it, such as turning two-factor sign-in on). When it ends (a refetch answers 401), the
 * gate shows the login page again.
 */
export function SignedIn({ session: fetched, onSignedOut }: { session: Session; onSignedOut: () => void }) {
  const session = useSessionQuery(fetched);
  // Set while the enrolment screen shows the new recovery codes: the session may already say two-factor sign-in is
  // on (a refetch on focus), but the screen must stay until the user has saved them.
  const [savingRecoveryCodes, setSavingRecoveryCodes] = useState(false);
  const ended = session.data === null;
  useEffect(() => {
    if (ended) onSignedOut();
  }, [ended, onSignedOut]);
  if (session.isError) {
    return (
      <Center h="100vh" p="md">
        <ErrorNotice error={session.error} />
      </Center>
    );
  }
  if (!session.data) return <PageLoader />;
  if (session.data.mustTurnOnSecondFactor || savingRecoveryCodes) {
    return (
      <SessionProvider session={session.data}>
        <Suspense fallback={<PageLoader />}>
          <EnrolmentPage onCodesShown={() => setSavingRecoveryCodes(true)} onCodesSaved={() => setSavingRecoveryCodes(false)} />
        </Suspense>
      </SessionProvider>
    );
  }
  return (
    <SessionProvider session={session.data}>
      <Suspense fallback={<PageLoader />}>
        <SignedInShell />
      </Suspense>
    </SessionProvider>
  );
}
