import { Anchor, Badge, Box, Button, Code, CopyButton, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { api } from '../lib/api';
import { refusesFieldsOf, showRefusal } from '../lib/forms';
import { formatMoment } from '../lib/format';
import { aroundElement, useTranslation } from '../lib/i18n';
import { useSession } from '../lib/session';
import type { RecoveryCodes, SecondFactorEnrolment, SecondFactorState, SecondFactorStatus } from '../lib/types';
import { CodeInput } from './CodeInput';
import { ErrorNotice } from './ErrorNotice';
import { PageState } from './PageState';

/** A panel that replaces the button the user just pressed takes the keyboard focus, which would otherwise fall to the page. */
const focusOnMount = (node: HTMLElement | null) => node?.focus();

const STATE_BADGE: Record<SecondFactorState, { label: string; color: string }> = {
  on: { label: 'secondFactor.state.on', color: 'teal' },
  off: { label: 'secondFactor.state.off', color: 'gray' },
  enrolment_required: { label: 'secondFactor.state.enrolment_required', color: 'orange' },
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
  const { t } = useTranslation();
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
            <Text>{t('secondFactor.status')}</Text>
            <Badge variant="light" color={STATE_BADGE[current.state].color}>
              {t(STATE_BADGE[current.state].label)}
            </Badge>
          </Group>
          {turnedOff && current.state !== 'on' && (
            <Text size="sm" role="status">
              {t('secondFactor.turnedOff')}
            </Text>
          )}
          {current.state === 'on' ? (
            <>
              <Text size="sm">
                {t('secondFactor.onSince', { moment: formatMoment(current.enabledAt) })}{' '}
                <Text span size="sm" fw={current.recoveryCodesLeft <= 3 ? 700 : undefined}>
                  {current.recoveryCodesLeft <= 3
                    ? t('secondFactor.codesLeftFew', { count: current.recoveryCodesLeft })
                    : t('secondFactor.codesLeft', { count: current.recoveryCodesLeft })}
                </Text>
              </Text>
              <Text size="sm" c="dimmed">
                {current.required ? t('secondFactor.requiredHelp') : t('secondFactor.lostHelp')}
              </Text>
              {task === null ? (
                <Group>
                  <Button variant="light" onClick={() => setTask({ kind: 'newRecoveryCodes' })}>
                    {t('secondFactor.newCodes')}
                  </Button>
                  {!current.required && (
                    <Button variant="subtle" color="red" onClick={() => setTask({ kind: 'turnOff' })}>
                      {t('secondFactor.turnOff')}
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
              <Text size="sm">{t('secondFactor.intro')}</Text>
              {begin.error && <ErrorNotice error={begin.error} title={t('secondFactor.startFailed')} />}
              <Group>
                <Button onClick={() => begin.mutate()} loading={begin.isPending}>
                  {current.state === 'enrolment_required' ? t('enrolment.title') : t('secondFactor.turnOnTitle')}
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
  const { t } = useTranslation();
  const form = useForm({ initialValues: { code: '' } });
  const [beforeLink, afterLink] = aroundElement((slot) => t('secondFactor.cannotScan', { link: slot }));
  const confirm = useMutation({
    mutationFn: (values: { code: string }) => api.post<RecoveryCodes>('/me/second-factor/confirm', values),
    onSuccess: onConfirmed,
    onError: (error) => showRefusal(form, error),
  });
  return (
    <Stack ref={focusOnMount} tabIndex={-1} role="region" aria-label={t('enrolment.title')}>
      <Text fw={700}>{t('secondFactor.step1')}</Text>
      <Text size="sm">{t('secondFactor.scan')}</Text>
      <Image src={enrolment.qrCode} alt={t('secondFactor.qrCode')} w={220} h={220} fit="contain" />
      <Text size="sm">
        {beforeLink}
        <Anchor href={enrolment.uri}>{t('secondFactor.openInApp')}</Anchor>
        {afterLink}
      </Text>
      <Group gap="xs">
        <Code fz="md" style={{ letterSpacing: '0.05em', overflowWrap: 'anywhere' }}>
          {enrolment.secret.match(/.{1,4}/g)?.join(' ')}
        </Code>
        <CopyButton value={enrolment.secret}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy}>
              {copied ? t('secondFactor.keyCopied') : t('secondFactor.copyKey')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <form onSubmit={form.onSubmit((values) => confirm.mutate(values))} aria-label={t('secondFactor.confirm')}>
        <Stack>
          <Text fw={700}>{t('secondFactor.step2')}</Text>
          {confirm.error && !refusesFieldsOf(form, confirm.error) && <ErrorNotice error={confirm.error} title={t('secondFactor.turnOnFailed')} />}
          <CodeInput value={form.values.code} onChange={(code) => form.setFieldValue('code', code)} error={form.errors.code} />
          <Text size="sm" c="dimmed">
            {t('secondFactor.signsOutOthers')}
          </Text>
          <Group>
            <Button type="submit" loading={confirm.isPending}>
              {t('secondFactor.turnOn')}
            </Button>
            <Button variant="subtle" onClick={onCancel}>
              {t('common.cancel')}
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
  const { t } = useTranslation();
  const form = useForm({ initialValues: { code: '' } });
  const change = useMutation({
    mutationFn: (values: { code: string }): Promise<RecoveryCodes | null> =>
      kind === 'newRecoveryCodes'
        ? api.post<RecoveryCodes>('/me/second-factor/recovery-codes', values)
        : api.post<void>('/me/second-factor/disable', values).then(() => null),
    onSuccess: (codes) => (codes ? onNewCodes(codes) : onTurnedOff()),
    onError: (error) => showRefusal(form, error),
  });
  const title = kind === 'newRecoveryCodes' ? t('secondFactor.newCodes') : t('secondFactor.turnOffTitle');
  return (
    <form onSubmit={form.onSubmit((values) => change.mutate(values))} aria-label={title}>
      <Stack>
        <Text size="sm">
          {kind === 'newRecoveryCodes' ? t('secondFactor.newCodesHelp') : t('secondFactor.turnOffHelp')}
        </Text>
        {change.error && !refusesFieldsOf(form, change.error) && <ErrorNotice error={change.error} />}
        <CodeInput value={form.values.code} onChange={(code) => form.setFieldValue('code', code)} error={form.errors.code} autoFocus />
        <Group>
          <Button type="submit" color={kind === 'turnOff' ? 'red' : undefined} loading={change.isPending}>
            {kind === 'newRecoveryCodes' ? t('secondFactor.makeNewCodes') : t('secondFactor.turnOffTitle')}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The recovery codes, shown this once (the server keeps only their hashes): copy, download, then say they are saved. */
function RecoveryCodesPanel({ codes, saving, onSaved }: { codes: string[]; saving: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const asText = [
    t('secondFactor.file.title', { email: session.user.email }),
    t('secondFactor.file.help'),
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
          {t('secondFactor.saveCodes')}
        </Text>
        <Text size="sm">{t('secondFactor.saveCodesHelp')}</Text>
        <Box component="ul" aria-label={t('secondFactor.codes')} m={0} p={0} style={{ listStyle: 'none', columns: 2, maxWidth: 320 }}>
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
                {copied ? t('secondFactor.codesCopied') : t('secondFactor.copyCodes')}
              </Button>
            )}
          </CopyButton>
          <Button variant="light" onClick={download}>
            {t('secondFactor.downloadText')}
          </Button>
        </Group>
        <Group>
          <Button onClick={onSaved} loading={saving}>
            {t('secondFactor.codesSaved')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
