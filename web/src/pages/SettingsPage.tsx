import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from '@mantine/form';
import { Link } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { FormFooter } from '../components/FormFooter';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { PageState } from '../components/PageState';
import { SecondFactorSettings } from '../components/SecondFactorSettings';
import { api } from '../lib/api';
import { type DigestPreferences, useDigestPreferences, useFollows, useSetFollow } from '../lib/follows';
import { showRefusal } from '../lib/forms';
import { ROLE_LABEL } from '../lib/format';
import { useTranslation } from '../lib/i18n';
import { useSession } from '../lib/session';
import type { Preferences } from '../lib/types';

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
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        {t('settings.digest.title')}
      </Title>
      <PageState query={preferences}>{(stored) => <DigestForm stored={stored} />}</PageState>
    </Card>
  );
}

type DigestValues = Omit<DigestPreferences, 'hour'> & { hour: string };

/** The digest's schedule; Save is open once something differs from what the server holds. */
function DigestForm({ stored }: { stored: DigestPreferences }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // A Select holds strings: the hour is one here and a number on the wire.
  const form = useForm<DigestValues>({ initialValues: { frequency: stored.frequency, hour: String(stored.hour), timeZone: stored.timeZone } });
  const save = useMutation({
    mutationFn: (values: DigestValues) => api.put<DigestPreferences>('/me/digest-preferences', { ...values, hour: Number(values.hour) }),
    onSuccess: (value, values) => {
      form.setInitialValues(values);
      form.reset();
      queryClient.setQueryData(['digest-preferences'], value);
    },
    onError: (error) => showRefusal(form, error),
  });
  const timeZone = form.getValues().timeZone;
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} aria-label={t('settings.digest.title')}>
      <Stack>
        <Text size="sm">{t('settings.digest.help')}</Text>
        <Group align="flex-end">
          <Select
            label={t('settings.digest.frequency')}
            allowDeselect={false}
            {...form.getInputProps('frequency')}
            data={[
              { value: 'off', label: t('settings.digest.off') },
              { value: 'daily', label: t('settings.digest.daily') },
              { value: 'weekly', label: t('settings.digest.weekly') },
            ]}
          />
          <Select
            label={t('settings.digest.at')}
            allowDeselect={false}
            {...form.getInputProps('hour')}
            data={Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: `${String(hour).padStart(2, '0')}:00` }))}
          />
          <Select
            label={t('settings.digest.timeZone')}
            searchable
            allowDeselect={false}
            {...form.getInputProps('timeZone')}
            data={ZONES.includes(timeZone) ? ZONES : [timeZone, ...ZONES]}
          />
        </Group>
        <FormFooter form={form} save={save} />
      </Stack>
    </form>
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

type MentionMailChoice = Preferences['mentionMail'];

/** Mail for mentions and action items assigned: part of the user's preferences resource (PATCH, saved on change). */
function MentionMail() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const preferences = useQuery({ queryKey: ['preferences'], queryFn: () => api.get<Preferences>('/me/preferences') });
  const save = useMutation({
    mutationFn: (mentionMail: MentionMailChoice) => api.patch<Preferences>('/me/preferences', { mentionMail }),
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
