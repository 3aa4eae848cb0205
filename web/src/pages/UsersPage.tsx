import { Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageState } from '../components/PageState';
import { api } from '../lib/api';
import { refusesFieldsOf, showRefusal } from '../lib/forms';
import { useTranslation } from '../lib/i18n';
import { isLocale, type Locale, LOCALE_NAMES, LOCALES } from '../lib/locale';
import { useSession } from '../lib/session';
import type { Role, SecondFactorState, User, UserPage } from '../lib/types';

const ROLE_LABEL: Record<Role, string> = { staff: 'users.role.staff', focal_point: 'users.role.focal_point', secretariat: 'users.role.secretariat' };
const SECOND_FACTOR_BADGE: Record<SecondFactorState, { label: string; color: string }> = {
  on: { label: 'users.twoFactor.on', color: 'teal' },
  off: { label: 'users.twoFactor.off', color: 'gray' },
  enrolment_required: { label: 'users.twoFactor.enrolment_required', color: 'orange' },
};

/** A focal point's page of its agency's users: invite, change roles, deactivate and reactivate, reset a lost second factor. */
export function UsersPage() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const agency = session.agency.code;
  const users = useQuery({ queryKey: ['users', agency], queryFn: () => api.get<UserPage>(`/users?agency=${agency}&limit=200`) });
  const update = useMutation({
    mutationFn: ({ user, change }: { user: User; change: { role?: Role; active?: boolean } }) =>
      api.patch(`/users/${user.id}`, { version: user.version, ...change }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users', agency] }),
  });
  const [resetting, setResetting] = useState<User | null>(null);
  const roles = session.can.grantRoles;
  return (
    <Stack>
      <Title order={2}>{t('nav.users', { agency })}</Title>
      <Invite agency={agency} roles={roles} />
      <Card withBorder>
        {update.error && <ErrorNotice error={update.error} />}
        <PageState query={users}>
          {(page) =>
            page.items.length === 0 ? (
              <Text c="dimmed">{t('users.none')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={720}>
                <Table aria-label={t('nav.users', { agency })}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('users.name')}</Table.Th>
                      <Table.Th>{t('login.email')}</Table.Th>
                      <Table.Th>{t('dashboard.column.role')}</Table.Th>
                      <Table.Th>{t('users.account')}</Table.Th>
                      <Table.Th>{t('login.twoFactor')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {page.items.map((user) => {
                      const manage = user.can.manage;
                      return (
                        <Table.Tr key={user.id}>
                          <Table.Td>{user.displayName}</Table.Td>
                          <Table.Td>{user.email}</Table.Td>
                          <Table.Td>
                            {!manage ? (
                              t(ROLE_LABEL[user.role])
                            ) : (
                              <Select
                                aria-label={t('users.roleOf', { name: user.displayName })}
                                size="xs"
                                allowDeselect={false}
                                value={user.role}
                                onChange={(role) => role && role !== user.role && update.mutate({ user, change: { role } })}
                                data={roles.map((role) => ({ value: role, label: t(ROLE_LABEL[role]) }))}
                              />
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Group gap="xs" wrap="nowrap">
                              <Badge color={user.active ? 'teal' : 'gray'} variant="light">
                                {user.active ? t('users.active') : t('users.deactivated')}
                              </Badge>
                              {manage && (
                                <Button size="xs" variant="subtle" color={user.active ? 'red' : 'teal'} onClick={() => update.mutate({ user, change: { active: !user.active } })}>
                                  {user.active ? t('users.deactivate') : t('users.reactivate')}
                                </Button>
                              )}
                            </Group>
                          </Table.Td>
                          <Table.Td>
                            <Group gap="xs" wrap="nowrap">
                              <Badge color={SECOND_FACTOR_BADGE[user.secondFactor].color} variant="light">
                                {t(SECOND_FACTOR_BADGE[user.secondFactor].label)}
                              </Badge>
                              {manage && user.secondFactor === 'on' && (
                                <Button size="xs" variant="subtle" color="red" onClick={() => setResetting(user)} aria-label={t('users.resetOf', { name: user.displayName })}>
                                  {t('users.resetShort')}
                                </Button>
                              )}
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </PageState>
      </Card>
      {resetting && <ResetSecondFactor user={resetting} agency={agency} onClose={() => setResetting(null)} />}
    </Stack>
  );
}

/** A user who lost their authenticator app and recovery codes gets back in with their password, and sets up a new one. */
function ResetSecondFactor({ user, agency, onClose }: { user: User; agency: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const reset = useMutation({
    mutationFn: () => api.post<void>(`/users/${user.id}/second-factor/reset`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['users', agency] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('users.resetQuestion', { name: user.displayName })}>
      <Stack>
        <Text size="sm">
          {t('users.resetHelp', { name: user.displayName })}
        </Text>
        {reset.error && <ErrorNotice error={reset.error} title={t('users.resetFailed')} />}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={reset.isPending} onClick={() => reset.mutate()}>
            {t('users.reset')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface Invitation {
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
}

function Invite({ agency, roles }: { agency: string; roles: Role[] }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  // The invitation is written in the language chosen here: by default, the inviter's own.
  const form = useForm<Invitation>({
    initialValues: { email: '', displayName: '', role: 'staff', locale: isLocale(i18n.language) ? i18n.language : 'en' },
  });
  const invite = useMutation({
    mutationFn: (values: Invitation) => api.post('/users/invitations', { ...values, agency }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users', agency] }),
    onError: (error) => showRefusal(form, error),
  });
  return (
    <Card withBorder>
      <form onSubmit={form.onSubmit((values) => invite.mutate(values))} aria-label={t('users.inviteTo', { agency })}>
        <Stack>
          <Title order={3} size="h4">
            {t('users.invite')}
          </Title>
          <Group align="flex-end">
            <TextInput label={t('login.email')} type="email" required {...form.getInputProps('email')} />
            <TextInput label={t('users.name')} required {...form.getInputProps('displayName')} />
            <Select
              label={t('dashboard.column.role')}
              allowDeselect={false}
              {...form.getInputProps('role')}
              data={roles.map((r) => ({ value: r, label: t(ROLE_LABEL[r]) }))}
            />
            <Select
              label={t('users.inviteLanguage')}
              allowDeselect={false}
              {...form.getInputProps('locale')}
              data={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
            />
            <Button type="submit" loading={invite.isPending}>
              {t('users.send')}
            </Button>
          </Group>
          {invite.error && !refusesFieldsOf(form, invite.error) && <ErrorNotice error={invite.error} />}
          {invite.isSuccess && (
            <Text size="sm" c="teal" role="status">
              {t('users.sent', { email: invite.variables?.email })}
            </Text>
          )}
        </Stack>
      </form>
    </Card>
  );
}
