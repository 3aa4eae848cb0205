import { Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { api } from '../lib/api';

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

const RULES = 'At least 12 characters; not a common password, and not your email address.';

/** From the invitation mail: choose a password, and you are in. */
export function AcceptInvitationPage() {
  const [search] = useSearchParams();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/invitations/accept', { token: search.get('token') ?? '', password });
      await queryClient.invalidateQueries({ queryKey: ['session'] });
      await navigate('/');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Frame title="Welcome to Concert">
      <form onSubmit={(event) => void submit(event)} aria-label="Accept the invitation">
        <Stack>
          <Text size="sm">Choose your password to join your agency&apos;s workspace.</Text>
          {error !== null && <ErrorNotice error={error} title="Could not accept the invitation" />}
          <PasswordInput label="Password" description={RULES} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit" loading={busy}>
            Join
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}

/** Asks for a reset link; the answer is the same whether the address has an account or not. */
export function ForgotPasswordPage() {
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
    <Frame title="Forgot your password?">
      {sent ? (
        <Text role="status">If {email} has an account, a link to choose a new password is on its way. It works once, within an hour.</Text>
      ) : (
        <form onSubmit={(event) => void submit(event)} aria-label="Ask for a reset link">
          <Stack>
            {error !== null && <ErrorNotice error={error} />}
            <TextInput label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <Button type="submit">Send me a link</Button>
          </Stack>
        </form>
      )}
      <Anchor href="/" size="sm">
        Back to log in
      </Anchor>
    </Frame>
  );
}

/** From the reset mail: a new password; every other session of the account ends. */
export function ResetPasswordPage() {
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
  return (
    <Frame title="Choose a new password">
      {done ? (
        <Text role="status">
          Your password is changed, and every session with the old one has ended. <Anchor href="/">Log in</Anchor>.
        </Text>
      ) : (
        <form onSubmit={(event) => void submit(event)} aria-label="Choose a new password">
          <Stack>
            {error !== null && <ErrorNotice error={error} title="Could not change the password" />}
            <PasswordInput label="New password" description={RULES} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit">Change my password</Button>
          </Stack>
        </form>
      )}
    </Frame>
  );
}
