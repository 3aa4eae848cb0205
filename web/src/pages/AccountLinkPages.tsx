// Every Mantine component's styles, once signed in (main.tsx loads only the login page's).
import '@mantine/core/styles.layer.css';
import { Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { api, query } from '../lib/api';
import { refusesFieldsOf, showRefusal } from '../lib/forms';
import { aroundElement, useTranslation } from '../lib/i18n';
import type { SignInOptions } from '../lib/types';
import { Loading } from '../components/Loading';

function Frame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
        <Stack>
          <Title order={1} size="h2">
            {title}
          </Title>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}

/**
 * From the invitation mail: choose a password, and you are in; or, for an agency that signs in through its own
 * provider, accept it there (the server says which, from the invitation).
 */
export function AcceptInvitationPage() {
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const token = search.get('token') ?? '';
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const options = useQuery({ queryKey: ['invitation-options', token], queryFn: () => api.get<SignInOptions>(`/auth/sso/options${query({ invitation: token })}`), retry: false });
  const form = useForm({ initialValues: { password: '' } });
  const accept = useMutation({
    mutationFn: ({ password }: { password: string }) => api.post('/auth/invitations/accept', { token, password }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['session'] });
      await navigate('/');
    },
    onError: (error) => showRefusal(form, error),
  });
  const provider = options.data?.method === 'provider' ? options.data : null;
  const agency = provider?.agencies[0];
  return (
    <Frame title={t('accountLinks.welcome')}>
      {options.isPending ? (
        <Loading />
      ) : (
        <Stack>
          {options.error !== null && <ErrorNotice error={options.error} title={t('accountLinks.acceptFailed')} />}
          {agency && (
            <>
              <Text size="sm">{t('accountLinks.joinWithAgency', { agency: agency.name })}</Text>
              <Button onClick={() => window.location.assign(`/api/auth/sso/start${query({ invitation: token })}`)}>{t('accountLinks.joinAt', { agency: agency.code })}</Button>
            </>
          )}
          {options.error === null && (!provider || provider.passwordAllowed) && (
            <form onSubmit={form.onSubmit((values) => accept.mutate(values))} aria-label={t('accountLinks.accept')}>
              <Stack>
                <Text size="sm">{agency ? t('accountLinks.orPassword') : t('accountLinks.choosePassword')}</Text>
                {accept.error && !refusesFieldsOf(form, accept.error) && <ErrorNotice error={accept.error} title={t('accountLinks.acceptFailed')} />}
                <PasswordInput label={t('login.password')} description={t('accountLinks.rules')} autoComplete="new-password" required {...form.getInputProps('password')} />
                <Button type="submit" loading={accept.isPending} variant={agency ? 'default' : 'filled'}>
                  {t('accountLinks.join')}
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      )}
    </Frame>
  );
}

/** Asks for a reset link; the answer is the same whether the address has an account or not. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { email: '' } });
  const ask = useMutation({
    mutationFn: ({ email }: { email: string }) => api.post('/auth/password-reset', { email }),
    onError: (error) => showRefusal(form, error),
  });
  return (
    <Frame title={t('login.forgot')}>
      {ask.isSuccess ? (
        <Text role="status">{t('accountLinks.resetSent', { email: ask.variables.email })}</Text>
      ) : (
        <form onSubmit={form.onSubmit((values) => ask.mutate(values))} aria-label={t('accountLinks.askReset')}>
          <Stack>
            {ask.error && !refusesFieldsOf(form, ask.error) && <ErrorNotice error={ask.error} />}
            <TextInput label={t('login.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
            <Button type="submit" loading={ask.isPending}>
              {t('accountLinks.sendLink')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor href="/" size="sm">
        {t('accountLinks.backToLogIn')}
      </Anchor>
    </Frame>
  );
}

/** From the reset mail: a new password; every other session of the account ends. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const form = useForm({ initialValues: { password: '' } });
  const change = useMutation({
    mutationFn: ({ password }: { password: string }) => api.post('/auth/password-reset/confirm', { token: search.get('token') ?? '', password }),
    onError: (error) => showRefusal(form, error),
  });
  const [beforeLink, afterLink] = aroundElement((slot) => t('accountLinks.passwordChanged', { link: slot }));
  return (
    <Frame title={t('accountLinks.newPassword')}>
      {change.isSuccess ? (
        <Text role="status">
          {beforeLink}
          <Anchor href="/">{t('login.title')}</Anchor>
          {afterLink}
        </Text>
      ) : (
        <form onSubmit={form.onSubmit((values) => change.mutate(values))} aria-label={t('accountLinks.newPassword')}>
          <Stack>
            {change.error && !refusesFieldsOf(form, change.error) && <ErrorNotice error={change.error} title={t('accountLinks.changeFailed')} />}
            <PasswordInput label={t('accountLinks.newPasswordLabel')} description={t('accountLinks.rules')} autoComplete="new-password" required {...form.getInputProps('password')} />
            <Button type="submit" loading={change.isPending}>
              {t('accountLinks.change')}
            </Button>
          </Stack>
        </form>
      )}
    </Frame>
  );
}
