import { Center } from '@mantine/core';
import { type ComponentType, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ErrorNotice } from './components/ErrorNotice';
import { PageLoader } from './components/PageLoader';
import { lazyPart } from './lib/lazy-part';
import { useSessionCheck } from './lib/session-check';
import { LoginPage } from './pages/LoginPage';

/**
 * Each page is a chunk of its own, loaded when it is first shown (the login page, the only one in the first load,
 * stays small: issue #14).
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Page = lazyPart(load, name);
  return <Page />;
}

const SignedIn = lazyPart(() => import('./components/SignedIn'), 'SignedIn');

const mailbox = page(() => import('./pages/MailboxPage'), 'MailboxPage');

// Made once, here: these pages suspend up to App's own Suspense, whose retry renders Pages again, and a lazy page made
// during that render would be a new one each time, never leaving the loader.
const acceptInvitation = page(() => import('./pages/AccountLinkPages'), 'AcceptInvitationPage');
const forgotPassword = page(() => import('./pages/AccountLinkPages'), 'ForgotPasswordPage');
const resetPassword = page(() => import('./pages/AccountLinkPages'), 'ResetPasswordPage');

/** The page addresses; a shared URL opens its page (behind the login where it needs a session). */
function Pages() {
  return (
    <Routes>
      {/* Pages reached from a mail, before any session. */}
      <Route path="/accept-invitation" element={acceptInvitation} />
      <Route path="/forgot-password" element={forgotPassword} />
      <Route path="/reset-password" element={resetPassword} />
      <Route element={<Gate />}>
        <Route path="/" element={page(() => import('./pages/DashboardPage'), 'DashboardPage')} />
        <Route path="/frameworks" element={page(() => import('./pages/FrameworksPage'), 'FrameworksPage')} />
        <Route path="/frameworks/:id" element={page(() => import('./pages/FrameworkPage'), 'FrameworkPage')} />
        <Route path="/action-items" element={page(() => import('./pages/ActionItemsPage'), 'ActionItemsPage')} />
        <Route path="/commitments/:id" element={page(() => import('./pages/CommitmentPage'), 'CommitmentPage')} />
        <Route path="/activity-reports/:id" element={page(() => import('./pages/ActivityReportPage'), 'ActivityReportPage')} />
        <Route path="/changes" element={page(() => import('./pages/ChangesPage'), 'ChangesPage')} />
        <Route path="/settings" element={page(() => import('./pages/SettingsPage'), 'SettingsPage')} />
        <Route path="/users" element={page(() => import('./pages/UsersPage'), 'UsersPage')} />
        <Route path="/single-sign-on" element={page(() => import('./pages/AgencySsoPage'), 'AgencySsoPage')} />
        <Route path="/mailbox" element={mailbox} />
        <Route path="/mailbox/:id" element={mailbox} />
        <Route path="*" element={page(() => import('./pages/NotFoundPage'), 'NotFoundPage')} />
      </Route>
    </Routes>
  );
}

export function App() {
  // The pages reached from a mail render outside the signed-in shell and its Suspense.
  return (
    <Suspense fallback={<PageLoader />}>
      <BrowserRouter>
        <Pages />
      </BrowserRouter>
    </Suspense>
  );
}

/**
 * Everything behind login: a shared URL opens its page once the user has logged in. The login page asks the server
 * with plain requests; what is behind it (components/SignedIn.tsx) keeps the session in the query cache from there.
 */
function Gate() {
  const check = useSessionCheck();
  if (check.state === 'pending') {
    return <PageLoader />;
  }
  if (check.state === 'failed') {
    return (
      <Center h="100vh" p="md">
        <ErrorNotice error={check.error} />
      </Center>
    );
  }
  if (!check.session) return <LoginPage onSignedIn={check.refresh} />;
  return (
    <Suspense fallback={<PageLoader />}>
      <SignedIn session={check.session} onSignedOut={check.signedOut} />
    </Suspense>
  );
}
