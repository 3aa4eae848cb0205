import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageState } from '../components/PageState';
import { SecondFactorSettings } from '../components/SecondFactorSettings';
import { api } from '../lib/api';
import { type DigestPreferences, useDigestPreferences, useFollows, useSetFollow } from '../lib/follows';
import { useSession } from '../lib/session';

const ZONES: string[] = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? ['UTC'];
const REASON = { follows: 'You follow it', agency_leads: 'Your agency leads it', agency_contributes: 'Your agency contributes' } as const;

export function SettingsPage() {
  const session = useSession();
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
      </Card>
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          Two-factor sign-in
        </Title>
        <SecondFactorSettings />
      </Card>
      <Digest />
      <Follows />
    </Stack>
  );
}

function Digest() {
  const preferences = useDigestPreferences();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<DigestPreferences | null>(null);
  useEffect(() => {
    if (preferences.data) setDraft(preferences.data);
  }, [preferences.data]);
  const save = useMutation({
    mutationFn: (value: DigestPreferences) => api.put<DigestPreferences>('/me/digest-preferences', value),
    onSuccess: (value) => queryClient.setQueryData(['digest-preferences'], value),
  });
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        Email digest
      </Title>
      <PageState query={preferences}>
        {() =>
          draft && (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                save.mutate(draft);
              }}
              aria-label="Email digest"
            >
              <Stack>
                <Text size="sm">One mail with what changed in what you follow, and your agency&apos;s deadlines. Your own changes are left out.</Text>
                <Group align="flex-end">
                  <Select
                    label="How often"
                    allowDeselect={false}
                    value={draft.frequency}
                    onChange={(value) => value && setDraft({ ...draft, frequency: value as DigestPreferences['frequency'] })}
                    data={[
                      { value: 'off', label: 'Never' },
                      { value: 'daily', label: 'Every day' },
                      { value: 'weekly', label: 'Every Monday' },
                    ]}
                  />
                  <Select
                    label="At"
                    allowDeselect={false}
                    value={String(draft.hour)}
                    onChange={(value) => value && setDraft({ ...draft, hour: Number(value) })}
                    data={Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: `${String(hour).padStart(2, '0')}:00` }))}
                  />
                  <Select
                    label="Time zone"
                    searchable
                    allowDeselect={false}
                    value={draft.timeZone}
                    onChange={(value) => value && setDraft({ ...draft, timeZone: value })}
                    data={ZONES.includes(draft.timeZone) ? ZONES : [draft.timeZone, ...ZONES]}
                  />
                </Group>
                {save.error && <ErrorNotice error={save.error} />}
                <Group>
                  <Button type="submit" loading={save.isPending}>
                    Save
                  </Button>
                  {save.isSuccess && (
                    <Text size="sm" c="teal" role="status">
                      Saved
                    </Text>
                  )}
                </Group>
              </Stack>
            </form>
          )
        }
      </PageState>
    </Card>
  );
}

function Follows() {
  const follows = useFollows();
  const setFollow = useSetFollow();
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        What you follow
      </Title>
      {setFollow.error && <ErrorNotice error={setFollow.error} />}
      <PageState query={follows}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">You follow nothing yet: use “Follow in my digest” on a framework or commitment.</Text>
          ) : (
            <Table.ScrollContainer minWidth={420}>
              <Table aria-label="What you follow">
                <Table.Tbody>
                  {page.items.map((follow) => (
                    <Table.Tr key={`${follow.targetType}-${follow.targetId}`}>
                      <Table.Td>
                        <Anchor component={Link} to={`/${follow.targetType}s/${follow.targetId}`}>
                          {follow.label}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={follow.reason === 'follows' ? 'blue' : 'gray'}>
                          {REASON[follow.reason]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="subtle" onClick={() => setFollow.mutate({ targetType: follow.targetType, targetId: follow.targetId, follow: false })}>
                          Unfollow
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </PageState>
    </Card>
  );
}
