import { Anchor, Badge, Card, Center, Grid, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { StateBadge, StatusBadge } from '../components/Badges';
import { ActionItemList } from '../components/ActionItemList';
import { ChangeList } from '../components/ChangeList';
import { PageState } from '../components/PageState';
import { formatDate } from '../lib/format';
import { useActionItems } from '../lib/discussions';
import { useTranslation } from '../lib/i18n';
import { useLiveChanges } from '../lib/live';
import { useAllAccountability, useChanges, useCommitments, useFrameworks } from '../lib/queries';
import { useSession } from '../lib/session';
import type { AccountabilityGrid, CellState } from '../lib/types';

const OPEN: CellState[] = ['missing', 'draft', 'returned', 'overdue'];

export function DashboardPage() {
  const { t } = useTranslation();
  const session = useSession();
  const agency = session.agency.code;
  const frameworks = useFrameworks();
  const mine = useCommitments({ agency, limit: 200 });
  const grids = useAllAccountability(frameworks.data?.items ?? []);
  const changes = useChanges({ limit: 15 });
  const actionItems = useActionItems({ agency, state: 'open', limit: '20' });
  useLiveChanges((frameworks.data?.items ?? []).map((f) => f.id));

  const loaded = grids.map((g) => g.data).filter((g): g is AccountabilityGrid => Boolean(g));
  const gridsPending = frameworks.isPending || grids.some((g) => g.isPending);
  const waiting = (
    <Center p="md">
      <Loader size="sm" role="status" aria-label={t('dashboard.loadingCycles')} />
    </Center>
  );
  const due = loaded.flatMap((grid) =>
    grid.rows.flatMap((row) =>
      row.cells.filter((cell) => cell.agency === agency && OPEN.includes(cell.state)).map((cell) => ({ grid, row, cell })),
    ),
  );
  const toReview = loaded.flatMap((grid) =>
    grid.rows
      .filter((row) => row.cells.some((cell) => cell.agency === agency && cell.participation === 'lead'))
      .flatMap((row) => row.cells.filter((cell) => cell.state === 'submitted' && cell.reportId).map((cell) => ({ grid, row, cell }))),
  );

  return (
    <Stack>
      <Title order={2}>{session.agency.name}</Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Card withBorder>
              <Group justify="space-between" mb="xs">
                <Title order={3} size="h4">
                  {t('dashboard.actionItemsOf', { agency })}
                </Title>
                <Anchor component={Link} to="/action-items" size="sm">
                  {t('dashboard.allActionItems')}
                </Anchor>
              </Group>
              {actionItems.isPending ? (
                waiting
              ) : (
                <ActionItemList items={actionItems.data?.items ?? []} label={t('actionItems.openOf', { agency })} />
              )}
            </Card>
            <Card withBorder>
              <Title order={3} size="h4" mb="xs">
                {t('dashboard.due.title', { agency })}
              </Title>
              {gridsPending ? (
                waiting
              ) : due.length === 0 ? (
                <Text c="dimmed">{t('dashboard.due.none', { agency })}</Text>
              ) : (
                <Table.ScrollContainer minWidth={420}>
                  <Text size="sm" c="dimmed" mb="xs">
                    {t('dashboard.due.count', { count: due.length })}
                  </Text>
                  <Table aria-label={t('dashboard.due.table', { agency })}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('dashboard.column.commitment')}</Table.Th>
                        <Table.Th>{t('dashboard.column.cycle')}</Table.Th>
                        <Table.Th>{t('dashboard.column.due')}</Table.Th>
                        <Table.Th>{t('dashboard.column.state')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {due.map(({ grid, row, cell }) => (
                        <Table.Tr key={`${grid.cycle.id}-${row.commitmentId}`}>
                          <Table.Td>
                            <Anchor component={Link} to={cell.reportId ? `/activity-reports/${cell.reportId}` : `/commitments/${row.commitmentId}`}>
                              {row.reference}
                            </Anchor>{' '}
                            <Text span size="sm" c="dimmed">
                              {row.title}
                            </Text>
                          </Table.Td>
                          <Table.Td>{grid.cycle.label}</Table.Td>
                          <Table.Td>{formatDate(grid.cycle.dueOn)}</Table.Td>
                          <Table.Td>
                            <StateBadge state={cell.state} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Card>
            <Card withBorder>
              <Title order={3} size="h4" mb="xs">
                {t('dashboard.review.title', { agency })}
              </Title>
              {gridsPending ? (
                waiting
              ) : toReview.length === 0 ? (
                <Text c="dimmed">{t('dashboard.review.none', { agency })}</Text>
              ) : (
                <Stack gap="xs" aria-label={t('dashboard.review.list')}>
                  {toReview.map(({ grid, row, cell }) => (
                    <Group key={cell.reportId} justify="space-between">
                      <Anchor component={Link} to={`/activity-reports/${cell.reportId}`}>
                        {t('dashboard.review.item', { agency: cell.agency, reference: row.reference, cycle: grid.cycle.label })}
                      </Anchor>
                      <StateBadge state={cell.state} />
                    </Group>
                  ))}
                </Stack>
              )}
            </Card>
            <Card withBorder>
              <Title order={3} size="h4" mb="xs">
                {t('dashboard.mine.title', { agency })}
              </Title>
              <PageState query={mine}>
                {(page) =>
                  page.items.length === 0 ? (
                    <Text c="dimmed">{t('dashboard.mine.none', { agency })}</Text>
                  ) : (
                    <Table.ScrollContainer minWidth={420}>
                      <Table aria-label={t('dashboard.mine.table', { agency })}>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th>{t('dashboard.column.commitment')}</Table.Th>
                            <Table.Th>{t('dashboard.column.role')}</Table.Th>
                            <Table.Th>{t('dashboard.column.status')}</Table.Th>
                            <Table.Th>{t('dashboard.column.due')}</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {page.items.map((c) => (
                            <Table.Tr key={c.id}>
                              <Table.Td>
                                <Anchor component={Link} to={`/commitments/${c.id}`}>
                                  {c.reference}
                                </Anchor>{' '}
                                <Text span size="sm">
                                  {c.title}
                                </Text>
                              </Table.Td>
                              <Table.Td>
                                <Badge variant="outline" color={c.leadAgencies.includes(agency) ? 'blue' : 'gray'}>
                                  {c.leadAgencies.includes(agency) ? t('dashboard.mine.lead') : t('dashboard.mine.contributes')}
                                </Badge>
                              </Table.Td>
                              <Table.Td>
                                <StatusBadge status={c.status} />
                              </Table.Td>
                              <Table.Td>{formatDate(c.dueDate)}</Table.Td>
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
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder>
            <Group justify="space-between" mb="xs">
              <Title order={3} size="h4">
                {t('dashboard.recent')}
              </Title>
              <Anchor component={Link} to="/changes" size="sm">
                {t('dashboard.allChanges')}
              </Anchor>
            </Group>
            <PageState query={changes}>{(page) => <ChangeList changes={page.items} />}</PageState>
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
