import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, lazy, type ReactNode, Suspense, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { CodeInput } from '../components/CodeInput';
import { ErrorNotice } from '../components/ErrorNotice';
import { api, ApiError, query } from '../lib/api';
import { fieldError } from '../lib/errors';
import { useTranslation } from '../lib/i18n';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import type { SecondFactorChallenge, Session, SignInOptions } from '../lib/types';
import { Loading } from '../components/Loading';

/**
 * The email first; then the password, or the agency's sign-in service (chosen from the email's domain; asked which
 * agency when several share it); then, for an account with two-factor sign-in, the code from the app or a recovery code.
 */
type Step = 'email' | 'password' | 'provider' | 'code' | 'recoveryCode';

/** Why the agency's sign-in service did not get the user in (the server's `sso_error`): catalogue keys. */
const SSO_REFUSALS: Record<string, string> = {
  no_sign_in_under_way: 'login.sso.no_sign_in_under_way',
  provider_error: 'login.sso.provider_error',
  invalid_response: 'login.sso.invalid_response',
  email_missing: 'login.sso.email_missing',
  email_unverified: 'login.sso.email_unverified',
  domain_not_agency: 'login.sso.domain_not_agency',
  no_account: 'login.sso.no_account',
  account_in_other_agency: 'login.sso.account_in_other_agency',
  deactivated: 'login.sso.deactivated',
  invitation_invalid: 'login.sso.invitation_invalid',
};

/** Asked only when several agencies share the email's domain: a chunk of its own (components/AgencyChoice.tsx). */
const AgencyChoice = lazy(async () => ({ default: (await import('../components/AgencyChoice')).AgencyChoice }));

/** On the password step a refused login means a wrong email or password; on the code step, a first step too old. */
const LOGIN_ERRORS: Record<string, string> = { unauthenticated: 'login.badCredentials' };
const SECOND_STEP_ERRORS: Record<string, string> = { unauthenticated: 'login.startAgainNeeded' };

/** `onSignedIn` asks the login gate to fetch the session again (App.tsx). */
export function LoginPage({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const params = new URLSearchParams(location.search);
  const [step, setStep] = useState<Step>(params.get('step') === 'second-factor' ? 'code' : 'email');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [options, setOptions] = useState<Extract<SignInOptions, { method: 'provider' }> | null>(null);
  const [agency, setAgency] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const refusal = params.get('sso_error');

  const goTo = (next: Step) => {
    setStep(next);
    setError(null);
    setCode('');
    setRecoveryCode('');
  };

  const signedIn = async () => {
    await onSignedIn();
    // Back from the agency's sign-in service to the code step: the dashboard, not this address.
    if (location.pathname === '/login') await navigate('/', { replace: true });
  };

  /** Off to the agency's sign-in service (a full page load: it comes back to Concert's callback). */
  const toProvider = (agencyCode?: string) => {
    // Back to the page the user opened (a shared link), not only to the dashboard.
    const returnTo = location.pathname === '/login' ? undefined : `${location.pathname}${location.search}`;
    window.location.assign(`/api/auth/sso/start${query({ email, agency: agencyCode, returnTo })}`);
  };

  const continueWithEmail = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.get<SignInOptions>(`/auth/sso/options${query({ email })}`);
      if (answer.method === 'password') return goTo('password');
      const only = answer.agencies.length === 1 ? answer.agencies[0] : undefined;
      if (only && !answer.passwordAllowed) return toProvider(only.code);
      setOptions(answer);
      setAgency(only?.code ?? null);
      goTo('provider');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
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
        await signedIn();
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
      await signedIn();
    } catch (caught) {
      // The first step was more than 5 minutes ago (or the server restarted without it): start again from the email.
      if (caught instanceof ApiError && caught.code === 'unauthenticated') goTo('email');
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  // `unauthenticated` is a wrong password on the password step; elsewhere (the code steps, and the email step they go
  // back to) a first step too old.
  const field = step === 'recoveryCode' ? 'recoveryCode' : step === 'code' ? 'code' : step === 'email' ? 'email' : 'password';
  const formError = error !== null && !fieldError(error, field) && (
    <ErrorNotice error={error} title={t('login.failed')} messages={step === 'password' ? LOGIN_ERRORS : SECOND_STEP_ERRORS} />
  );
  const backToEmail = (
    <Anchor component="button" type="button" size="sm" ta="left" onClick={() => goTo('email')}>
      {t('login.otherEmail')}
    </Anchor>
  );

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
        {step === 'email' && (
          <form onSubmit={(event) => void continueWithEmail(event)} aria-label={t('login.title')}>
            <Stack>
              <Heading subtitle={t('login.tagline')}>Concert</Heading>
              {refusal && (
                <Alert color="red" title={t('login.notSignedIn')} role="alert">
                  {t(SSO_REFUSALS[refusal] ?? 'login.sso.unknown')}
                </Alert>
              )}
              {formError}
              <TextInput
                label={t('login.email')}
                type="email"
                autoComplete="username"
                required
                autoFocus
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={fieldError(error, 'email') && <span role="alert">{fieldError(error, 'email')}</span>}
              />
              <Button type="submit" loading={busy}>
                {t('login.continue')}
              </Button>
              <LanguageSwitcher />
            </Stack>
          </form>
        )}
        {step === 'password' && (
          <form onSubmit={(event) => void logIn(event)} aria-label={t('login.withPassword')}>
            <Stack>
              <Heading subtitle={email}>{t('login.title')}</Heading>
              {formError}
              <PasswordInput label={t('login.password')} autoComplete="current-password" required autoFocus value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
              <Button type="submit" loading={busy}>
                {t('login.title')}
              </Button>
              <Anchor href="/forgot-password" size="sm">
                {t('login.forgot')}
              </Anchor>
              {backToEmail}
            </Stack>
          </form>
        )}
        {step === 'provider' && options && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (agency) toProvider(agency);
            }}
            aria-label={t('login.withAgency')}
          >
            <Stack>
              <Heading subtitle={email}>{t('login.withAgency')}</Heading>
              {formError}
              {options.agencies.length > 1 ? (
                <Suspense fallback={<Loading size="sm" />}>
                  <AgencyChoice
                    label={t('login.whichAgency')}
                    description={t('login.sharedDomain')}
                    agencies={options.agencies}
                    value={agency}
                    onChange={setAgency}
                  />
                </Suspense>
              ) : (
                <Text size="sm">{t('login.willSignInAt', { agency: options.agencies[0]?.name ?? '' })}</Text>
              )}
              <Button type="submit" disabled={!agency}>
                {t('login.continueTo', { agency: options.agencies.find((a) => a.code === agency)?.code ?? 'none' })}
              </Button>
              {options.passwordAllowed && (
                <Anchor component="button" type="button" size="sm" ta="left" onClick={() => goTo('password')}>
                  {t('login.passwordInstead')}
                </Anchor>
              )}
              {backToEmail}
            </Stack>
          </form>
        )}
        {(step === 'code' || step === 'recoveryCode') && (
          <form onSubmit={(event) => void answerSecondStep(event)} aria-label={t('login.twoFactor')}>
            <Stack>
              <Heading subtitle={email}>{t('login.twoFactor')}</Heading>
              {formError}
              {step === 'code' ? (
                <CodeInput
                  value={code}
                  onChange={setCode}
                  error={fieldError(error, 'code')}
                  autoFocus
                  description={t('login.codeHelp')}
                />
              ) : (
                <TextInput
                  label={t('login.recoveryCode')}
                  description={t('login.recoveryHelp')}
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
                {t('login.title')}
              </Button>
              {step === 'code' ? (
                <Anchor component="button" type="button" size="sm" ta="left" onClick={() => goTo('recoveryCode')}>
                  {t('login.useRecovery')}
                </Anchor>
              ) : (
                <Anchor component="button" type="button" size="sm" ta="left" onClick={() => goTo('code')}>
                  {t('login.useApp')}
                </Anchor>
              )}
              <Anchor component="button" type="button" size="sm" ta="left" onClick={() => goTo('email')}>
                {t('login.startAgain')}
              </Anchor>
            </Stack>
          </form>
        )}
      </Paper>
    </Center>
  );
}

function Heading({ children, subtitle }: { children: ReactNode; subtitle: string }) {
  return (
    <div>
      <Title order={1} size="h2">
        {children}
      </Title>
      <Text c="dimmed" size="sm">
        {subtitle}
      </Text>
    </div>
  );
}
