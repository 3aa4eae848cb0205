import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../lib/api';
import type { ActionItem } from '../lib/discussions';
import { formatDate } from '../lib/format';
import { useTranslation } from '../lib/i18n';

/** Action items as a table: what, on which document, who, when; marked done by whoever the server says may. */
export function ActionItemList({ items, label }: { items: ActionItem[]; label: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const done = useMutation({
    mutationFn: (threadId: string) => api.post(`/action-items/${threadId}/done`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['action-items'] }),
  });
  if (items.length === 0) return <Text c="dimmed">{t('actionItems.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('actionItems.column.action')}</Table.Th>
            <Table.Th>{t('actionItems.column.on')}</Table.Th>
            <Table.Th>{t('actionItems.column.assignedTo')}</Table.Th>
            <Table.Th>{t('actionItems.column.due')}</Table.Th>
            <Table.Th>{t('actionItems.column.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.threadId}>
              <Table.Td>{item.summary}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={item.url}>
                  {item.documentTitle}
                </Anchor>
              </Table.Td>
              <Table.Td>{item.assigneeUser ? `${item.assigneeUser.displayName} (${item.assigneeAgency})` : item.assigneeAgency}</Table.Td>
              <Table.Td>{formatDate(item.dueDate)}</Table.Td>
              <Table.Td>
                {item.done ? (
                  <Badge color="teal" variant="light">{t('actionItems.done')}</Badge>
                ) : item.can.complete ? (
                  <Button size="compact-xs" variant="light" loading={done.isPending && done.variables === item.threadId} onClick={() => done.mutate(item.threadId)}>
                    {item.overdue ? t('actionItems.overdueMarkDone') : t('actionItems.markDone')}
                  </Button>
                ) : (
                  <Badge color={item.overdue ? 'red' : 'orange'} variant="light">{item.overdue ? t('actionItems.overdue') : t('actionItems.open')}</Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
