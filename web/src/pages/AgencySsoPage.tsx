import { Alert, Button, Card, Checkbox, Code, Group, PasswordInput, Select, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageState } from '../components/PageState';
import { api, ApiError } from '../lib/api';
import { refusesFieldsOf, showRefusal } from '../lib/forms';
import { aroundElement, currentLocale, useTranslation } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useAgencies } from '../lib/queries';
import type { AgencySso, SsoConnectionCheck } from '../lib/types';

/** The agency's settings, or null when it signs in with passwords only (the server answers 404). */
function useAgencySso(agencyId: string | null) {
  return useQuery({
    queryKey: ['agency-sso', agencyId],
    enabled: agencyId !== null,
    queryFn: async () => {
      try {
        return await api.get<AgencySso>(`/agencies/${agencyId}/sso`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/**
 * Single sign-on: the secretariat sets each agency's OpenID Connect provider (and tests the connection); a focal
 * point sees their own agency's.
 */
export function AgencySsoPage() {
  const { t } = useTranslation();
  const session = useSession();
  // Choosing any agency and changing its settings is the secretariat's (agency.manage); a focal point sees their own.
  const secretariat = session.can.manageAgencies;
  const agencies = useAgencies(secretariat);
  const [chosen, setChosen] = useState<string | null>(null);
  const agencyId = secretariat ? chosen : session.agency.id;
  return (
    <Stack>
      <Title order={2}>{t('nav.sso')}</Title>
      <Text size="sm" c="dimmed">
        {t('sso.intro')}
      </Text>
      {secretariat && (
        <PageState query={agencies}>
          {(page) => (
            <Select
              label={t('framework.agency')}
              placeholder={t('sso.chooseAgency')}
              searchable
              value={chosen}
              onChange={setChosen}
              data={page.items.map((agency) => ({ value: agency.id, label: `${agency.code} · ${agency.name}` }))}
              maw={480}
            />
          )}
        </PageState>
      )}
      {agencyId && <AgencySsoSettings key={agencyId} agencyId={agencyId} editable={secretariat} />}
    </Stack>
  );
}

function AgencySsoSettings({ agencyId, editable }: { agencyId: string; editable: boolean }) {
  const { t } = useTranslation();
  const settings = useAgencySso(agencyId);
  return (
    <Card withBorder>
      <PageState query={settings}>
        {(stored) =>
          editable ? (
            <SsoForm agencyId={agencyId} stored={stored} />
          ) : stored ? (
            <Stack gap="xs">
              <Text>
                {t('sso.provider')} <Code>{stored.issuer}</Code>
              </Text>
              <Text>
                {t('sso.clientIdIs')} <Code>{stored.clientId}</Code>
              </Text>
              <Text>{t('sso.emailDomainsAre', { domains: new Intl.ListFormat(currentLocale(), { type: 'unit', style: 'short' }).format(stored.emailDomains) })}</Text>
              <Text>{stored.passwordLogin === 'disabled' ? t('sso.passwordsOff') : t('sso.passwordsOn')}</Text>
            </Stack>
          ) : (
            <Text c="dimmed">{t('sso.notSetUp')}</Text>
          )
        }
      </PageState>
    </Card>
  );
}

interface SsoValues {
  issuer: string;
  clientId: string;
  /** Empty: keep the stored one. */
  clientSecret: string;
  emailDomains: string[];
  passwordsOff: boolean;
}

function SsoForm({ agencyId, stored }: { agencyId: string; stored: AgencySso | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<SsoValues>({
    initialValues: {
      issuer: stored?.issuer ?? '',
      clientId: stored?.clientId ?? '',
      clientSecret: '',
      emailDomains: stored?.emailDomains ?? [],
      passwordsOff: stored?.passwordLogin === 'disabled',
    },
  });
  const refresh = (value: AgencySso | null) => queryClient.setQueryData(['agency-sso', agencyId], value);
  const save = useMutation({
    mutationFn: (values: SsoValues) =>
      api.put<AgencySso>(`/agencies/${agencyId}/sso`, {
        issuer: values.issuer.trim(),
        clientId: values.clientId.trim(),
        ...(values.clientSecret && { clientSecret: values.clientSecret }),
        emailDomains: values.emailDomains.map((domain) => domain.trim().toLowerCase()),
        passwordLogin: values.passwordsOff ? 'disabled' : 'allowed',
        defaultRole: 'staff',
        ...(stored && { version: stored.version }),
      }),
    onSuccess: (value, values) => {
      // What is stored is the form's new starting point: nothing left to save, and the secret is never shown back.
      form.setInitialValues({ ...values, clientSecret: '' });
      form.reset();
      refresh(value);
    },
    onError: (error) => showRefusal(form, error),
  });
  const check = useMutation({ mutationFn: () => api.post<SsoConnectionCheck>(`/agencies/${agencyId}/sso/check`) });
  const remove = useMutation({ mutationFn: () => api.delete(`/agencies/${agencyId}/sso`), onSuccess: () => refresh(null) });

  const [beforeUri, afterUri] = aroundElement((slot) => t('sso.register', { uri: slot }));

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} aria-label={t('sso.settings')}>
      <Stack>
        <Text size="sm">
          {beforeUri}
          <Code>{stored?.redirectUri ?? `${window.location.origin}/api/auth/sso/callback`}</Code>
          {afterUri}
        </Text>
        {save.error && !refusesFieldsOf(form, save.error) && <ErrorNotice error={save.error} title={t('sso.notSaved')} />}
        {save.isSuccess && (
          <Alert color="teal" role="status">
            {t('sso.saved')}
          </Alert>
        )}
        <TextInput
          label={t('sso.issuer')}
          description={t('sso.issuerHelp', { example: 'https://login.microsoftonline.com/<tenant>/v2.0', path: '/.well-known/openid-configuration' })}
          required
          {...form.getInputProps('issuer')}
        />
        <TextInput label={t('sso.clientId')} required {...form.getInputProps('clientId')} />
        <PasswordInput
          label={t('sso.clientSecret')}
          description={stored?.clientSecretSet ? t('sso.secretStored') : t('sso.secretPublic')}
          autoComplete="new-password"
          {...form.getInputProps('clientSecret')}
        />
        <TagsInput
          label={t('sso.emailDomains')}
          description={t('sso.emailDomainsHelp', { example: 'wfp.org' })}
          required
          {...form.getInputProps('emailDomains')}
        />
        <Checkbox
          label={t('sso.turnOffPasswords')}
          description={t('sso.turnOffPasswordsHelp')}
          {...form.getInputProps('passwordsOff', { type: 'checkbox' })}
        />
        <Text size="sm" c="dimmed">
          {t('sso.firstSignIn')}
        </Text>
        <Group>
          <Button type="submit" loading={save.isPending} disabled={stored !== null && !form.isDirty()}>
            {t('common.save')}
          </Button>
          {stored && (
            <Button variant="default" loading={check.isPending} onClick={() => check.mutate()}>
              {t('sso.test')}
            </Button>
          )}
          {stored && (
            <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              {t('sso.remove')}
            </Button>
          )}
        </Group>
        {check.data && (
          <Alert color="teal" title={t('sso.answers')} role="status">
            {t('sso.signsInAt', { issuer: check.data.issuer, endpoint: check.data.authorizationEndpoint })}
          </Alert>
        )}
        {check.error && <ErrorNotice error={check.error} title={t('sso.noAnswer')} />}
        {remove.error && <ErrorNotice error={remove.error} title={t('sso.notRemoved')} />}
      </Stack>
    </form>
  );
}
