import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { PageState } from '../components/PageState';
import { SecondFactorSettings } from '../components/SecondFactorSettings';
import { api } from '../lib/api';
import { type DigestPreferences, useDigestPreferences, useFollows, useSetFollow } from '../lib/follows';
import { ROLE_LABEL } from '../lib/format';
import { useTranslation } from '../lib/i18n';
import { useSession } from '../lib/session';

const ZONES: string[] = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? ['UTC'];
const REASON = { follows: 'settings.follows.reason.follows', agency_leads: 'settings.follows.reason.agency_leads', agency_contributes: 'settings.follows.reason.agency_contributes' } as const;

export function SettingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <Stack>
      <Title order={2}>{t('nav.settings')}</Title>
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          {t('settings.account')}
        </Title>
        <Text>
          {session.user.displayName}, {session.user.email}
        </Text>
        <Text size="sm" c="dimmed">
          {session.agency.name} ({session.agency.code}), {t(ROLE_LABEL[session.user.role])}
        </Text>
      </Card>
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          {t('login.twoFactor')}
        </Title>
        <SecondFactorSettings />
      </Card>
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          {t('language.title')}
        </Title>
        <LanguageSwitcher signedIn />
      </Card>
      <MentionMail />
      <Digest />
      <Follows />
    </Stack>
  );
}

function Digest() {
  const { t } = useTranslation();
  const preferences = useDigestPreferences();
  const queryClient = useQueryClient();
  // What the user has changed, else what the server holds: no effect copying the query into state.
  const [edited, setDraft] = useState<DigestPreferences | null>(null);
  const draft = edited ?? preferences.data ?? null;
  const save = useMutation({
    mutationFn: (value: DigestPreferences) => api.put<DigestPreferences>('/me/digest-preferences', value),
    onSuccess: (value) => queryClient.setQueryData(['digest-preferences'], value),
  });
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        {t('settings.digest.title')}
      </Title>
      <PageState query={preferences}>
        {() =>
          draft && (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                save.mutate(draft);
              }}
              aria-label={t('settings.digest.title')}
            >
              <Stack>
                <Text size="sm">{t('settings.digest.help')}</Text>
                <Group align="flex-end">
                  <Select
                    label={t('settings.digest.frequency')}
                    allowDeselect={false}
                    value={draft.frequency}
                    onChange={(value) => value && setDraft({ ...draft, frequency: value })}
                    data={[
                      { value: 'off', label: t('settings.digest.off') },
                      { value: 'daily', label: t('settings.digest.daily') },
                      { value: 'weekly', label: t('settings.digest.weekly') },
                    ]}
                  />
                  <Select
                    label={t('settings.digest.at')}
                    allowDeselect={false}
                    value={String(draft.hour)}
                    onChange={(value) => value && setDraft({ ...draft, hour: Number(value) })}
                    data={Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: `${String(hour).padStart(2, '0')}:00` }))}
                  />
                  <Select
                    label={t('settings.digest.timeZone')}
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
                    {t('common.save')}
                  </Button>
                  {save.isSuccess && (
                    <Text size="sm" c="teal" role="status">
                      {t('common.saved')}
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
  const { t } = useTranslation();
  const follows = useFollows();
  const setFollow = useSetFollow();
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        {t('settings.follows.title')}
      </Title>
      {setFollow.error && <ErrorNotice error={setFollow.error} />}
      <PageState query={follows}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">{t('settings.follows.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={420}>
              <Table aria-label={t('settings.follows.title')}>
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
                          {t(REASON[follow.reason])}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="subtle" onClick={() => setFollow.mutate({ targetType: follow.targetType, targetId: follow.targetId, follow: false })}>
                          {t('settings.follows.unfollow')}
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

type MentionMailChoice = 'immediately' | 'digest' | 'off';

/** Mail for mentions and action items assigned: part of the user's preferences resource (PATCH, saved on change). */
function MentionMail() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const preferences = useQuery({ queryKey: ['preferences'], queryFn: () => api.get<{ mentionMail: MentionMailChoice }>('/me/preferences') });
  const save = useMutation({
    mutationFn: (mentionMail: MentionMailChoice) => api.patch<{ mentionMail: MentionMailChoice }>('/me/preferences', { mentionMail }),
    onSuccess: (value) => queryClient.setQueryData(['preferences'], value),
  });
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        {t('settings.mentionMail.title')}
      </Title>
      <PageState query={preferences}>
        {(value) => (
          <Stack gap="xs">
            <Select
              label={t('settings.mentionMail.label')}
              allowDeselect={false}
              value={value.mentionMail}
              onChange={(choice) => choice && save.mutate(choice)}
              data={[
                { value: 'immediately', label: t('settings.mentionMail.immediately') },
                { value: 'digest', label: t('settings.mentionMail.digest') },
                { value: 'off', label: t('settings.mentionMail.off') },
              ]}
              maw={420}
            />
            {save.error ? <ErrorNotice error={save.error} /> : null}
          </Stack>
        )}
      </PageState>
    </Card>
  );
}
