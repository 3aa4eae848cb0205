import { Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageState } from '../components/PageState';
import { api } from '../lib/api';
import { useSession } from '../lib/session';
import type { Page, Role, SecondFactorState } from '../lib/types';

interface UserRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
  version: number;
  secondFactor: SecondFactorState;
}

const ROLE_LABEL: Record<Role, string> = { staff: 'Staff', focal_point: 'Focal point', secretariat: 'Secretariat' };
const SECOND_FACTOR_BADGE: Record<SecondFactorState, { label: string; color: string }> = {
  on: { label: '2FA on', color: 'teal' },
  off: { label: '2FA off', color: 'gray' },
  enrolment_required: { label: '2FA not set up', color: 'orange' },
};

/** A focal point's page of its agency's users: invite, change roles, deactivate and reactivate, reset a lost second factor. */
export function UsersPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const agency = session.agency.code;
  const users = useQuery({ queryKey: ['users', agency], queryFn: () => api.get<Page<UserRow>>(`/users?agency=${agency}&limit=200`) });
  const update = useMutation({
    mutationFn: ({ user, change }: { user: UserRow; change: { role?: Role; active?: boolean } }) =>
      api.patch(`/users/${user.id}`, { version: user.version, ...change }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users', agency] }),
  });
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const roles: Role[] = session.user.role === 'secretariat' ? ['staff', 'focal_point', 'secretariat'] : ['staff', 'focal_point'];
  return (
    <Stack>
      <Title order={2}>{agency} users</Title>
      <Invite agency={agency} roles={roles} />
      <Card withBorder>
        {update.error && <ErrorNotice error={update.error} />}
        <PageState query={users}>
          {(page) =>
            page.items.length === 0 ? (
              <Text c="dimmed">No users.</Text>
            ) : (
              <Table.ScrollContainer minWidth={720}>
                <Table aria-label={`${agency} users`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Email</Table.Th>
                      <Table.Th>Role</Table.Th>
                      <Table.Th>Account</Table.Th>
                      <Table.Th>Two-factor sign-in</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {page.items.map((user) => {
                      const self = user.id === session.user.id;
                      return (
                        <Table.Tr key={user.id}>
                          <Table.Td>{user.displayName}</Table.Td>
                          <Table.Td>{user.email}</Table.Td>
                          <Table.Td>
                            {self || !roles.includes(user.role) ? (
                              ROLE_LABEL[user.role]
                            ) : (
                              <Select
                                aria-label={`Role of ${user.displayName}`}
                                size="xs"
                                allowDeselect={false}
                                value={user.role}
                                onChange={(role) => role && role !== user.role && update.mutate({ user, change: { role: role as Role } })}
                                data={roles.map((role) => ({ value: role, label: ROLE_LABEL[role] }))}
                              />
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Group gap="xs" wrap="nowrap">
                              <Badge color={user.active ? 'teal' : 'gray'} variant="light">
                                {user.active ? 'Active' : 'Deactivated'}
                              </Badge>
                              {!self && (
                                <Button size="xs" variant="subtle" color={user.active ? 'red' : 'teal'} onClick={() => update.mutate({ user, change: { active: !user.active } })}>
                                  {user.active ? 'Deactivate' : 'Reactivate'}
                                </Button>
                              )}
                            </Group>
                          </Table.Td>
                          <Table.Td>
                            <Group gap="xs" wrap="nowrap">
                              <Badge color={SECOND_FACTOR_BADGE[user.secondFactor].color} variant="light">
                                {SECOND_FACTOR_BADGE[user.secondFactor].label}
                              </Badge>
                              {!self && user.secondFactor === 'on' && (
                                <Button size="xs" variant="subtle" color="red" onClick={() => setResetting(user)} aria-label={`Reset two-factor sign-in of ${user.displayName}`}>
                                  Reset two-factor
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
function ResetSecondFactor({ user, agency, onClose }: { user: UserRow; agency: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const reset = useMutation({
    mutationFn: () => api.post<void>(`/users/${user.id}/second-factor/reset`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['users', agency] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Reset two-factor sign-in of ${user.displayName}?`}>
      <Stack>
        <Text size="sm">
          Do this when {user.displayName} has lost their authenticator app and their recovery codes, and you are sure it is them asking. Their sessions end
          at once. They then sign in with their password alone and set up two-factor sign-in again (secretariat members must, before anything else).
        </Text>
        {reset.error && <ErrorNotice error={reset.error} title="Could not reset two-factor sign-in" />}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={reset.isPending} onClick={() => reset.mutate()}>
            Reset two-factor sign-in
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Invite({ agency, roles }: { agency: string; roles: Role[] }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const invite = useMutation({
    mutationFn: () => api.post('/users/invitations', { email, displayName, role, agency }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users', agency] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  return (
    <Card withBorder>
      <form onSubmit={submit} aria-label={`Invite a colleague to ${agency}`}>
        <Stack>
          <Title order={3} size="h4">
            Invite a colleague
          </Title>
          <Group align="flex-end">
            <TextInput label="Email" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <TextInput label="Name" required value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
            <Select label="Role" allowDeselect={false} value={role} onChange={(value) => value && setRole(value as Role)} data={roles.map((r) => ({ value: r, label: ROLE_LABEL[r] }))} />
            <Button type="submit" loading={invite.isPending}>
              Send the invitation
            </Button>
          </Group>
          {invite.error && <ErrorNotice error={invite.error} />}
          {invite.isSuccess && (
            <Text size="sm" c="teal" role="status">
              The invitation to {email} is on its way; the link works once, for 7 days.
            </Text>
          )}
        </Stack>
      </form>
    </Card>
  );
}
