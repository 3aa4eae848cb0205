import { AppShell, Burger, Center, Group, Loader, NavLink, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { createBrowserRouter, Link, Outlet, RouterProvider, useLocation } from 'react-router';
import { ErrorNotice } from './components/ErrorNotice';
import { ConnectionBadge } from './components/ConnectionBadge';
import { LiveProvider } from './lib/live';
import { SessionProvider, useLogOut, useSession, useSessionQuery } from './lib/session';
import { AcceptInvitationPage, ForgotPasswordPage, ResetPasswordPage } from './pages/AccountLinkPages';
import { ActivityReportPage } from './pages/ActivityReportPage';
import { ChangesPage } from './pages/ChangesPage';
import { CommitmentPage } from './pages/CommitmentPage';
import { DashboardPage } from './pages/DashboardPage';
import { EnrolmentPage } from './pages/EnrolmentPage';
import { FrameworkPage } from './pages/FrameworkPage';
import { FrameworksPage } from './pages/FrameworksPage';
import { LoginPage } from './pages/LoginPage';
import { MailboxPage } from './pages/MailboxPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SettingsPage } from './pages/SettingsPage';
import { UsersPage } from './pages/UsersPage';

const router = createBrowserRouter([
  // Pages reached from a mail, before any session.
  { path: '/accept-invitation', element: <AcceptInvitationPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  {
    element: <Gate />,
    children: [
      { path: '/', element: <DashboardPage /> },
      { path: '/frameworks', element: <FrameworksPage /> },
      { path: '/frameworks/:id', element: <FrameworkPage /> },
      { path: '/commitments/:id', element: <CommitmentPage /> },
      { path: '/activity-reports/:id', element: <ActivityReportPage /> },
      { path: '/changes', element: <ChangesPage /> },
      { path: '/settings', element: <SettingsPage /> },
      { path: '/users', element: <UsersPage /> },
      { path: '/mailbox', element: <MailboxPage /> },
      { path: '/mailbox/:id', element: <MailboxPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}

/** Everything behind login: a shared URL opens its page once the user has logged in. */
function Gate() {
  const session = useSessionQuery();
  // Set while the enrolment screen shows the new recovery codes: the session may already say two-factor sign-in is
  // on (a refetch on focus), but the screen must stay until the user has saved them.
  const [savingRecoveryCodes, setSavingRecoveryCodes] = useState(false);
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading Concert" />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center h="100vh" p="md">
        <ErrorNotice error={session.error} />
      </Center>
    );
  }
  if (!session.data) return <LoginPage />;
  if (session.data.user.secondFactor === 'enrolment_required' || savingRecoveryCodes) {
    return (
      <SessionProvider session={session.data}>
        <EnrolmentPage onCodesShown={() => setSavingRecoveryCodes(true)} onCodesSaved={() => setSavingRecoveryCodes(false)} />
      </SessionProvider>
    );
  }
  return (
    <SessionProvider session={session.data}>
      <LiveProvider>
        <Shell />
      </LiveProvider>
    </SessionProvider>
  );
}

function Shell() {
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  // Folded away on a narrow screen, the menu is only moved off-screen: keep keyboard focus out of it.
  const mobile = useMediaQuery('(max-width: 47.99em)');
  const location = useLocation();
  const logOut = useLogOut();
  const links = [
    { to: '/', label: 'Dashboard' },
    { to: '/frameworks', label: 'Frameworks' },
    { to: '/changes', label: 'History of changes' },
    { to: '/settings', label: 'Settings' },
    ...(session.user.role !== 'staff' ? [{ to: '/users', label: `${session.agency.code} users` }] : []),
    ...(session.user.role === 'secretariat' ? [{ to: '/mailbox', label: 'Outgoing mail' }] : []),
  ];
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Open the menu" aria-expanded={opened} />
            <Title order={1} size="h3">
              <UnstyledButton component={Link} to="/" aria-label="Concert, dashboard">
                Concert
              </UnstyledButton>
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <ConnectionBadge />
            <Stack gap={0} visibleFrom="xs" align="flex-end">
              <Text size="sm" fw={600}>
                {session.user.displayName}
              </Text>
              <Text size="xs" c="dimmed">
                {session.agency.code} · {session.user.role.replace('_', ' ')}
              </Text>
            </Stack>
            <UnstyledButton onClick={() => void logOut()} aria-label="Log out">
              <Text size="sm" c="blue.8" td="underline">
                Log out
              </Text>
            </UnstyledButton>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main" inert={mobile && !opened}>
        {links.map((link) => (
          <NavLink
            key={link.to}
            component={Link}
            to={link.to}
            label={link.label}
            onClick={close}
            active={link.to === '/' ? location.pathname === '/' : location.pathname.startsWith(link.to)}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <main>
          <Outlet />
        </main>
      </AppShell.Main>
    </AppShell>
  );
}
