// Every Mantine component's styles, once signed in (main.tsx loads only the login page's).
import '@mantine/core/styles.layer.css';
import { Anchor, Button, Center, Loader, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { api, query } from '../lib/api';
import { aroundElement, useTranslation } from '../lib/i18n';
import type { SignInOptions } from '../lib/types';

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
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/invitations/accept', { token, password });
      await queryClient.invalidateQueries({ queryKey: ['session'] });
      await navigate('/');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const provider = options.data?.method === 'provider' ? options.data : null;
  const agency = provider?.agencies[0];
  return (
    <Frame title={t('accountLinks.welcome')}>
      {options.isPending ? (
        <Loader role="status" aria-label={t('common.loading')} />
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
            <form onSubmit={(event) => void submit(event)} aria-label={t('accountLinks.accept')}>
              <Stack>
                <Text size="sm">{agency ? t('accountLinks.orPassword') : t('accountLinks.choosePassword')}</Text>
                {error !== null && <ErrorNotice error={error} title={t('accountLinks.acceptFailed')} />}
                <PasswordInput label={t('login.password')} description={t('accountLinks.rules')} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
                <Button type="submit" loading={busy} variant={agency ? 'default' : 'filled'}>
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
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api.post('/auth/password-reset', { email });
      setSent(true);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Frame title={t('login.forgot')}>
      {sent ? (
        <Text role="status">{t('accountLinks.resetSent', { email })}</Text>
      ) : (
        <form onSubmit={(event) => void submit(event)} aria-label={t('accountLinks.askReset')}>
          <Stack>
            {error !== null && <ErrorNotice error={error} />}
            <TextInput label={t('login.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <Button type="submit">{t('accountLinks.sendLink')}</Button>
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
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api.post('/auth/password-reset/confirm', { token: search.get('token') ?? '', password });
      setDone(true);
    } catch (caught) {
      setError(caught);
    }
  };
  const [beforeLink, afterLink] = aroundElement((slot) => t('accountLinks.passwordChanged', { link: slot }));
  return (
    <Frame title={t('accountLinks.newPassword')}>
      {done ? (
        <Text role="status">
          {beforeLink}
          <Anchor href="/">{t('login.title')}</Anchor>
          {afterLink}
        </Text>
      ) : (
        <form onSubmit={(event) => void submit(event)} aria-label={t('accountLinks.newPassword')}>
          <Stack>
            {error !== null && <ErrorNotice error={error} title={t('accountLinks.changeFailed')} />}
            <PasswordInput label={t('accountLinks.newPasswordLabel')} description={t('accountLinks.rules')} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit">{t('accountLinks.change')}</Button>
          </Stack>
        </form>
      )}
    </Frame>
  );
}
