import { Card, Stack, Text, Title } from '@mantine/core';
import { useSession } from '../lib/session';

export function SettingsPage() {
  const session = useSession();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <Stack>
      <Title order={2}>Settings</Title>
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          Your account
        </Title>
        <Text>
          {session.user.displayName}, {session.user.email}
        </Text>
        <Text size="sm" c="dimmed">
          {session.agency.name} ({session.agency.code}), {session.user.role.replace('_', ' ')}
        </Text>
        <Text size="sm" mt="xs">
          Dates and times are shown in your browser&apos;s time zone: {zone}.
        </Text>
      </Card>
    </Stack>
  );
}
