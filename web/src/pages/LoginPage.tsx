import { Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { CodeInput } from '../components/CodeInput';
import { ErrorNotice } from '../components/ErrorNotice';
import { api, ApiError, fieldError } from '../lib/api';
import type { SecondFactorChallenge, Session } from '../lib/types';

/** The password, then (for an account with two-factor sign-in) the code from the app or one recovery code. */
type Step = 'password' | 'code' | 'recoveryCode';

export function LoginPage() {
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const goTo = (next: Step) => {
    setStep(next);
    setError(null);
    setCode('');
    setRecoveryCode('');
  };

  const logIn = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<Session | SecondFactorChallenge>('/auth/login', { email, password });
      if ('secondFactorRequired' in answer) {
        setPassword('');
        goTo('code');
      } else {
        await queryClient.invalidateQueries({ queryKey: ['session'] });
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const answerSecondStep = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post<Session>('/auth/login/second-factor', step === 'code' ? { code } : { recoveryCode });
      await queryClient.invalidateQueries({ queryKey: ['session'] });
    } catch (caught) {
      // The password step was more than 5 minutes ago (or the server restarted without it): start again from there.
      if (caught instanceof ApiError && caught.code === 'unauthenticated') goTo('password');
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const field = step === 'recoveryCode' ? 'recoveryCode' : 'code';
  const formError = error !== null && !fieldError(error, field) && <ErrorNotice error={error} title="Could not log in" />;

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={400} maw="100%">
        {step === 'password' ? (
          <form onSubmit={(event) => void logIn(event)} aria-label="Log in">
            <Stack>
              <div>
                <Title order={1} size="h2">
                  Concert
                </Title>
                <Text c="dimmed" size="sm">
                  Follow up what the UN system commits to together.
                </Text>
              </div>
              {formError}
              <TextInput label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
              <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
              <Button type="submit" loading={busy}>
                Log in
              </Button>
              <Anchor href="/forgot-password" size="sm">
                Forgot your password?
              </Anchor>
            </Stack>
          </form>
        ) : (
          <form onSubmit={(event) => void answerSecondStep(event)} aria-label="Two-factor sign-in">
            <Stack>
              <div>
                <Title order={1} size="h2">
                  Two-factor sign-in
                </Title>
                <Text c="dimmed" size="sm">
                  {email}
                </Text>
              </div>
              {formError}
              {step === 'code' ? (
                <CodeInput
                  value={code}
                  onChange={setCode}
                  error={error}
                  autoFocus
                  description="Open your authenticator app and enter the 6-digit code it shows for Concert."
                />
              ) : (
                <TextInput
                  label="Recovery code"
                  description="One of the recovery codes you saved when you turned on two-factor sign-in, like abcde-fghij. Each works once."
                  required
                  autoFocus
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  value={recoveryCode}
                  onChange={(e) => setRecoveryCode(e.currentTarget.value)}
                  error={fieldError(error, 'recoveryCode') && <span role="alert">{fieldError(error, 'recoveryCode')}</span>}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                />
              )}
              <Button type="submit" loading={busy}>
                Log in
              </Button>
              {step === 'code' ? (
                <Anchor component="button" type="button" size="sm" ta="left" onClick={() => goTo('recoveryCode')}>
                  Lost your app? Use a recovery code instead
                </Anchor>
              ) : (
                <Anchor component="button" type="button" size="sm" ta="left" onClick={() => goTo('code')}>
                  Use the code from your authenticator app instead
                </Anchor>
              )}
              <Anchor component="button" type="button" size="sm" ta="left" onClick={() => goTo('password')}>
                Back to email and password
              </Anchor>
            </Stack>
          </form>
        )}
      </Paper>
    </Center>
  );
}
