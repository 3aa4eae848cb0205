// Every Mantine component's styles, once signed in (main.tsx loads only the login page's).
import '@mantine/core/styles.layer.css';
import { AppShell, Burger, Group, NavLink, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { ConnectionBadge } from './ConnectionBadge';
import { NotificationBell } from './NotificationBell';
import { PageLoader } from './PageLoader';
import { ROLE_LABEL } from '../lib/format';
import { adoptServerLocale, useTranslation } from '../lib/i18n';
import { LiveProvider } from '../lib/live';
import { useLogOut, useSession } from '../lib/session';

/**
 * Everything a signed-in user sees around the pages: header, menu and the live connection. Its own chunk, with
 * socket.io's client, so that the login page does not load it.
 */
export function SignedInShell() {
  useEffect(() => void adoptServerLocale(), []);
  return (
    <LiveProvider>
      <Shell />
    </LiveProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  // Folded away on a narrow screen, the menu is only moved off-screen: keep keyboard focus out of it.
  const mobile = useMediaQuery('(max-width: 47.99em)');
  const location = useLocation();
  const logOut = useLogOut();
  const links = [
    { to: '/', label: t('nav.dashboard') },
    { to: '/frameworks', label: t('nav.frameworks') },
    { to: '/action-items', label: t('nav.actionItems') },
    { to: '/changes', label: t('nav.changes') },
    { to: '/settings', label: t('nav.settings') },
    ...(session.can.manageUsers ? [{ to: '/users', label: t('nav.users', { agency: session.agency.code }) }] : []),
    ...(session.can.readSso ? [{ to: '/single-sign-on', label: t('nav.sso') }] : []),
    ...(session.can.readMail ? [{ to: '/mailbox', label: t('nav.mailbox') }] : []),
  ];
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.openMenu')} aria-expanded={opened} />
            <Title order={1} size="h3">
              <UnstyledButton component={Link} to="/" aria-label={t('shell.home')}>
                Concert
              </UnstyledButton>
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <ConnectionBadge />
            <NotificationBell />
            <Stack gap={0} visibleFrom="xs" align="flex-end">
              <Text size="sm" fw={600}>
                {session.user.displayName}
              </Text>
              <Text size="xs" c="dimmed">
                {session.agency.code} · {t(ROLE_LABEL[session.user.role])}
              </Text>
            </Stack>
            <UnstyledButton onClick={() => void logOut()} aria-label={t('shell.logOut')}>
              <Text size="sm" c="blue.8" td="underline">
                {t('shell.logOut')}
              </Text>
            </UnstyledButton>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.mainNav')} inert={mobile && !opened}>
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
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </main>
      </AppShell.Main>
    </AppShell>
  );
}
