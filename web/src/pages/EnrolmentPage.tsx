import { Anchor, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { SecondFactorSettings } from '../components/SecondFactorSettings';
import { useTranslation } from '../lib/i18n';
import { useLogOut, useSession } from '../lib/session';

/**
 * All that a user whose role requires two-factor sign-in sees until it is on: the server refuses them everything
 * else. The callbacks keep this screen up while the recovery codes are shown (see SecondFactorSettings).
 */
export function EnrolmentPage({ onCodesShown, onCodesSaved }: { onCodesShown: () => void; onCodesSaved: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const logOut = useLogOut();
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={560} maw="100%" component="main">
        <Stack>
          <div>
            <Title order={1} size="h2">
              {t('enrolment.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {session.user.displayName}, {session.user.email}
            </Text>
          </div>
          <Text>
            {t('enrolment.why')}
          </Text>
          <SecondFactorSettings onCodesShown={onCodesShown} onCodesSaved={onCodesSaved} />
          <Anchor component="button" type="button" size="sm" ta="left" onClick={() => void logOut()}>
            {t('shell.logOut')}
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
