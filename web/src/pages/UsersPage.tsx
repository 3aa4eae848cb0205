import { Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageState } from '../components/PageState';
import { api } from '../lib/api';
import { useSession } from '../lib/session';
import type { Page, Role } from '../lib/types';

interface UserRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
}

/** A focal point's view of its agency's users. */
export function UsersPage() {
  const session = useSession();
  const users = useQuery({
    queryKey: ['users', session.agency.code],
    queryFn: () => api.get<Page<UserRow>>(`/users?agency=${session.agency.code}`),
  });
  return (
    <Stack>
      <Title order={2}>{session.agency.code} users</Title>
      <Card withBorder>
        <PageState query={users}>
          {(page) =>
            page.items.length === 0 ? (
              <Text c="dimmed">No users.</Text>
            ) : (
              <Table.ScrollContainer minWidth={480}>
                <Table aria-label={`${session.agency.code} users`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Email</Table.Th>
                      <Table.Th>Role</Table.Th>
                      <Table.Th>Account</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {page.items.map((user) => (
                      <Table.Tr key={user.id}>
                        <Table.Td>{user.displayName}</Table.Td>
                        <Table.Td>{user.email}</Table.Td>
                        <Table.Td>{user.role.replace('_', ' ')}</Table.Td>
                        <Table.Td>
                          <Badge color={user.active ? 'teal' : 'gray'} variant="light">
                            {user.active ? 'Active' : 'Deactivated'}
                          </Badge>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </PageState>
      </Card>
    </Stack>
  );
}
