import { Anchor, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { SecondFactorSettings } from '../components/SecondFactorSettings';
import { useLogOut, useSession } from '../lib/session';

/**
 * All that a user whose role requires two-factor sign-in sees until it is on: the server refuses them everything
 * else. The callbacks keep this screen up while the recovery codes are shown (see SecondFactorSettings).
 */
export function EnrolmentPage({ onCodesShown, onCodesSaved }: { onCodesShown: () => void; onCodesSaved: () => void }) {
  const session = useSession();
  const logOut = useLogOut();
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={560} maw="100%" component="main">
        <Stack>
          <div>
            <Title order={1} size="h2">
              Set up two-factor sign-in
            </Title>
            <Text c="dimmed" size="sm">
              {session.user.displayName}, {session.user.email}
            </Text>
          </div>
          <Text>
            Secretariat accounts must use two-factor sign-in: they act on every agency&apos;s work, so a password alone is not enough. Nothing else in
            Concert opens until it is on; it takes a minute with an authenticator app on your phone.
          </Text>
          <SecondFactorSettings onCodesShown={onCodesShown} onCodesSaved={onCodesSaved} />
          <Anchor component="button" type="button" size="sm" ta="left" onClick={() => void logOut()}>
            Log out
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
