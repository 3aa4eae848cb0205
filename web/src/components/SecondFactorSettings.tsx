import { Anchor, Badge, Box, Button, Code, CopyButton, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, fieldError } from '../lib/api';
import { formatMoment } from '../lib/format';
import { useSession } from '../lib/session';
import type { RecoveryCodes, SecondFactorEnrolment, SecondFactorState, SecondFactorStatus } from '../lib/types';
import { CodeInput } from './CodeInput';
import { ErrorNotice } from './ErrorNotice';
import { PageState } from './PageState';

/** A panel that replaces the button the user just pressed takes the keyboard focus, which would otherwise fall to the page. */
const focusOnMount = (node: HTMLElement | null) => node?.focus();

const STATE_BADGE: Record<SecondFactorState, { label: string; color: string }> = {
  on: { label: 'On', color: 'teal' },
  off: { label: 'Off', color: 'gray' },
  enrolment_required: { label: 'Required, not set up', color: 'orange' },
};

/** What the user is in the middle of: nothing, setting up a new app, or a change proved by a current code. */
type Task = { kind: 'enrol'; enrolment: SecondFactorEnrolment } | { kind: 'newRecoveryCodes' } | { kind: 'turnOff' } | null;

/**
 * The user's own two-factor sign-in: its state, turning it on (QR code or key, a first code, then the recovery codes,
 * shown once), new recovery codes, and turning it off where the role allows. In Settings, and alone on the screen for a
 * role that requires it and has not turned it on: `onCodesShown` and `onCodesSaved` let that screen stay until the
 * user has saved the codes, however soon the session says that two-factor sign-in is on.
 */
export function SecondFactorSettings({ onCodesShown, onCodesSaved }: { onCodesShown?: () => void; onCodesSaved?: () => void }) {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['second-factor'], queryFn: () => api.get<SecondFactorStatus>('/me/second-factor') });
  const [task, setTask] = useState<Task>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [turnedOff, setTurnedOff] = useState(false);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['second-factor'] });
  const showCodes = ({ recoveryCodes: codes }: RecoveryCodes) => {
    setTask(null);
    setRecoveryCodes(codes);
    onCodesShown?.();
    void refresh();
  };
  const begin = useMutation({
    mutationFn: () => api.post<SecondFactorEnrolment>('/me/second-factor/setup'),
    onSuccess: (enrolment) => setTask({ kind: 'enrol', enrolment }),
    // Already on (from another tab): show it so.
    onError: () => void refresh(),
  });
  const saved = useMutation({
    // The session learns that two-factor sign-in is on only now, so that nothing replaces the codes before they are saved.
    mutationFn: () => Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ['session'] })]),
    onSuccess: () => {
      setRecoveryCodes(null);
      onCodesSaved?.();
    },
  });

  if (recoveryCodes) return <RecoveryCodesPanel codes={recoveryCodes} saving={saved.isPending} onSaved={() => saved.mutate()} />;
  if (task?.kind === 'enrol') return <Enrol enrolment={task.enrolment} onConfirmed={showCodes} onCancel={() => setTask(null)} />;

  return (
    <PageState query={status}>
      {(current) => (
        <Stack>
          <Group gap="xs">
            <Text>Status:</Text>
            <Badge variant="light" color={STATE_BADGE[current.state].color}>
              {STATE_BADGE[current.state].label}
            </Badge>
          </Group>
          {turnedOff && current.state !== 'on' && (
            <Text size="sm" role="status">
              Two-factor sign-in is off: your password alone now signs you in.
            </Text>
          )}
          {current.state === 'on' ? (
            <>
              <Text size="sm">
                On since {formatMoment(current.enabledAt)}. Each sign-in asks for the code from your authenticator app.{' '}
                <Text span size="sm" fw={current.recoveryCodesLeft <= 3 ? 700 : undefined}>
                  {current.recoveryCodesLeft === 1 ? '1 recovery code is left' : `${current.recoveryCodesLeft} recovery codes are left`}
                  {current.recoveryCodesLeft <= 3 && ': make new ones before they run out'}.
                </Text>
              </Text>
              <Text size="sm" c="dimmed">
                {current.required
                  ? 'Your role requires two-factor sign-in, so it cannot be turned off. If you lose your app, sign in with a recovery code, and ask another secretariat member to reset it.'
                  : "If you lose your app, sign in with a recovery code, or ask a focal point of your agency or the secretariat to reset it."}
              </Text>
              {task === null ? (
                <Group>
                  <Button variant="light" onClick={() => setTask({ kind: 'newRecoveryCodes' })}>
                    New recovery codes
                  </Button>
                  {!current.required && (
                    <Button variant="subtle" color="red" onClick={() => setTask({ kind: 'turnOff' })}>
                      Turn off
                    </Button>
                  )}
                </Group>
              ) : (
                <CurrentCodeForm
                  kind={task.kind}
                  onCancel={() => setTask(null)}
                  onNewCodes={showCodes}
                  onTurnedOff={() => {
                    setTask(null);
                    setTurnedOff(true);
                    void refresh();
                    void queryClient.invalidateQueries({ queryKey: ['session'] });
                  }}
                />
              )}
            </>
          ) : (
            <>
              <Text size="sm">
                Besides your password, each sign-in asks for a 6-digit code from an authenticator app on your phone (such as Google Authenticator, Microsoft
                Authenticator or 1Password), so that a stolen password alone opens nothing.
              </Text>
              {begin.error && <ErrorNotice error={begin.error} title="Could not start the setup" />}
              <Group>
                <Button onClick={() => begin.mutate()} loading={begin.isPending}>
                  {current.state === 'enrolment_required' ? 'Set up two-factor sign-in' : 'Turn on two-factor sign-in'}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      )}
    </PageState>
  );
}

/** Adding Concert to the app, then its first code; the secret protects nothing until that code is confirmed. */
function Enrol({ enrolment, onConfirmed, onCancel }: { enrolment: SecondFactorEnrolment; onConfirmed: (codes: RecoveryCodes) => void; onCancel: () => void }) {
  const [code, setCode] = useState('');
  const confirm = useMutation({
    mutationFn: () => api.post<RecoveryCodes>('/me/second-factor/confirm', { code }),
    onSuccess: onConfirmed,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };
  return (
    <Stack ref={focusOnMount} tabIndex={-1} role="region" aria-label="Set up two-factor sign-in">
      <Text fw={700}>1. Add Concert to your authenticator app</Text>
      <Text size="sm">Scan this QR code with the app.</Text>
      <Image src={enrolment.qrCode} alt="QR code that adds your Concert account to an authenticator app" w={220} h={220} fit="contain" />
      <Text size="sm">
        Cannot scan it? Type this key into the app instead (a time-based key, 6 digits), or{' '}
        <Anchor href={enrolment.uri}>open it in an authenticator app on this device</Anchor>.
      </Text>
      <Group gap="xs">
        <Code fz="md" style={{ letterSpacing: '0.05em', overflowWrap: 'anywhere' }}>
          {enrolment.secret.match(/.{1,4}/g)?.join(' ')}
        </Code>
        <CopyButton value={enrolment.secret}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy}>
              {copied ? 'Key copied' : 'Copy the key'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <form onSubmit={submit} aria-label="Confirm two-factor sign-in">
        <Stack>
          <Text fw={700}>2. Enter the code the app shows</Text>
          {confirm.error && !fieldError(confirm.error, 'code') && <ErrorNotice error={confirm.error} title="Could not turn on two-factor sign-in" />}
          <CodeInput value={code} onChange={setCode} error={confirm.error} />
          <Text size="sm" c="dimmed">
            Turning it on signs you out of Concert on your other devices and browsers.
          </Text>
          <Group>
            <Button type="submit" loading={confirm.isPending}>
              Turn on
            </Button>
            <Button variant="subtle" onClick={onCancel}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** A change to one's own two-factor sign-in, proved by a current code from the app. */
function CurrentCodeForm({
  kind,
  onCancel,
  onNewCodes,
  onTurnedOff,
}: {
  kind: 'newRecoveryCodes' | 'turnOff';
  onCancel: () => void;
  onNewCodes: (codes: RecoveryCodes) => void;
  onTurnedOff: () => void;
}) {
  const [code, setCode] = useState('');
  const change = useMutation({
    mutationFn: (): Promise<RecoveryCodes | null> =>
      kind === 'newRecoveryCodes'
        ? api.post<RecoveryCodes>('/me/second-factor/recovery-codes', { code })
        : api.post<void>('/me/second-factor/disable', { code }).then(() => null),
    onSuccess: (codes) => (codes ? onNewCodes(codes) : onTurnedOff()),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate();
  };
  const title = kind === 'newRecoveryCodes' ? 'New recovery codes' : 'Turn off two-factor sign-in';
  return (
    <form onSubmit={submit} aria-label={title}>
      <Stack>
        <Text size="sm">
          {kind === 'newRecoveryCodes'
            ? 'Your current recovery codes stop working as soon as the new ones are made.'
            : 'Your password alone will then sign you in.'}
        </Text>
        {change.error && !fieldError(change.error, 'code') && <ErrorNotice error={change.error} />}
        <CodeInput value={code} onChange={setCode} error={change.error} autoFocus />
        <Group>
          <Button type="submit" color={kind === 'turnOff' ? 'red' : undefined} loading={change.isPending}>
            {kind === 'newRecoveryCodes' ? 'Make new recovery codes' : 'Turn off two-factor sign-in'}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The recovery codes, shown this once (the server keeps only their hashes): copy, download, then say they are saved. */
function RecoveryCodesPanel({ codes, saving, onSaved }: { codes: string[]; saving: boolean; onSaved: () => void }) {
  const session = useSession();
  const asText = [
    `Concert recovery codes for ${session.user.email}`,
    'Each code signs you in once, in place of a code from your authenticator app.',
    '',
    ...codes,
    '',
  ].join('\n');
  const download = () => {
    const url = URL.createObjectURL(new Blob([asText], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'concert-recovery-codes.txt';
    link.click();
    // Revoked once the click's download has taken the file.
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  return (
    <Paper withBorder p="md" ref={focusOnMount} tabIndex={-1} role="region" aria-labelledby="recovery-codes-title">
      <Stack>
        <Text fw={700} id="recovery-codes-title">
          Save your recovery codes
        </Text>
        <Text size="sm">
          If you lose your authenticator app, each of these codes signs you in once in place of a code from the app. This is the only time they are
          shown: keep them in your password manager, or print them.
        </Text>
        <Box component="ul" aria-label="Recovery codes" m={0} p={0} style={{ listStyle: 'none', columns: 2, maxWidth: 320 }}>
          {codes.map((code) => (
            <li key={code}>
              <Code fz="md">{code}</Code>
            </li>
          ))}
        </Box>
        <Group>
          <CopyButton value={codes.join('\n')}>
            {({ copied, copy }) => (
              <Button variant="light" onClick={copy}>
                {copied ? 'Codes copied' : 'Copy the codes'}
              </Button>
            )}
          </CopyButton>
          <Button variant="light" onClick={download}>
            Download as text
          </Button>
        </Group>
        <Group>
          <Button onClick={onSaved} loading={saving}>
            I have saved these codes
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
