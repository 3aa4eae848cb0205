import { Anchor, Group, Select, Stack, Table, Tabs, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { StateBadge, StatusBadge } from '../components/Badges';
import { ChangeHistory } from '../components/ChangeList';
import { FollowButton } from '../components/FollowButton';
import { PageState } from '../components/PageState';
import { formatDate, STATUS_LABEL } from '../lib/format';
import { useLiveChanges } from '../lib/live';
import { useAccountability, useCommitments, useCycles, useFramework } from '../lib/queries';
import type { CommitmentStatus } from '../lib/types';

export function FrameworkPage() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const framework = useFramework(id);
  useLiveChanges([id]);
  const tab = search.get('tab') ?? 'commitments';
  return (
    <PageState query={framework}>
      {(f) => (
        <Stack>
          <div>
            <Group justify="space-between" align="flex-start">
              <Title order={2}>{f.title}</Title>
              <FollowButton targetType="framework" targetId={f.id} />
            </Group>
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }} lineClamp={4}>
              {f.description}
            </Text>
          </div>
          <Tabs value={tab} onChange={(value) => setSearch({ tab: value ?? 'commitments' })}>
            <Tabs.List>
              <Tabs.Tab value="commitments">Commitments</Tabs.Tab>
              <Tabs.Tab value="accountability">Who reported what</Tabs.Tab>
              <Tabs.Tab value="history">History</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="commitments" pt="md">
              <CommitmentsTable frameworkId={f.id} />
            </Tabs.Panel>
            <Tabs.Panel value="accountability" pt="md">
              <Accountability frameworkId={f.id} />
            </Tabs.Panel>
            <Tabs.Panel value="history" pt="md">
              <ChangeHistory of={{ frameworkId: f.id }} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </PageState>
  );
}

function CommitmentsTable({ frameworkId }: { frameworkId: string }) {
  const [status, setStatus] = useState<string | null>(null);
  const [agency, setAgency] = useState('');
  const commitments = useCommitments({ frameworkId, status: status ?? undefined, agency: /^[A-Z][A-Z0-9-]{1,19}$/.test(agency) ? agency : undefined, limit: 200 });
  return (
    <Stack>
      <Group>
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          value={status}
          onChange={setStatus}
          data={Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label }))}
        />
        <TextInput label="Agency" placeholder="e.g. FAO" value={agency} onChange={(e) => setAgency(e.currentTarget.value.toUpperCase())} />
      </Group>
      <PageState query={commitments}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">No commitment matches.</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped aria-label="Commitments">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Commitment</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Lead</Table.Th>
                    <Table.Th>Contributing</Table.Th>
                    <Table.Th>Due</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/commitments/${c.id}`}>
                          {c.reference}
                        </Anchor>{' '}
                        {c.title}
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={c.status as CommitmentStatus} />
                      </Table.Td>
                      <Table.Td>{c.leadAgencies.join(', ')}</Table.Td>
                      <Table.Td>{c.contributingAgencies.join(', ') || '—'}</Table.Td>
                      <Table.Td>{formatDate(c.dueDate)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </PageState>
    </Stack>
  );
}

/** Commitment × agency for one cycle: each cell's report state in colour, overdue marked, a click opens the report. */
function Accountability({ frameworkId }: { frameworkId: string }) {
  const [cycleId, setCycleId] = useState<string | null>(null);
  const cycles = useCycles(frameworkId);
  const grid = useAccountability(frameworkId, cycleId ?? undefined);
  return (
    <Stack>
      <Select
        label="Reporting cycle"
        w={260}
        value={cycleId ?? grid.data?.cycle.id ?? null}
        onChange={setCycleId}
        data={(cycles.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.label} (due ${formatDate(c.dueOn)})` }))}
      />
      <PageState query={grid}>
        {(g) =>
          g.rows.length === 0 ? (
            <Text c="dimmed">This framework has no commitment yet.</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table className="grid-table" withColumnBorders aria-label={`Reports of ${g.cycle.label}, commitment by agency`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Commitment</Table.Th>
                    {g.agencies.map((agency) => (
                      <Table.Th key={agency}>{agency}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {g.rows.map((row) => (
                    <Table.Tr key={row.commitmentId}>
                      <Table.Th scope="row">
                        <Tooltip label={row.title}>
                          <Anchor component={Link} to={`/commitments/${row.commitmentId}`}>
                            {row.reference}
                          </Anchor>
                        </Tooltip>
                      </Table.Th>
                      {g.agencies.map((agency) => {
                        const cell = row.cells.find((c) => c.agency === agency);
                        if (!cell) return <Table.Td key={agency} aria-label={`${agency} takes no part`} />;
                        const badge = <StateBadge state={cell.state} />;
                        return (
                          <Table.Td key={agency} data-state={cell.state}>
                            {cell.reportId ? (
                              <Anchor component={Link} to={`/activity-reports/${cell.reportId}`} aria-label={`${agency} on ${row.reference}: ${cell.state}`}>
                                {badge}
                              </Anchor>
                            ) : (
                              badge
                            )}
                            {cell.participation === 'lead' && (
                              <Text span size="xs" c="dimmed" ml={4}>
                                lead
                              </Text>
                            )}
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </PageState>
    </Stack>
  );
}
