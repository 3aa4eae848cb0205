import { Anchor, Group, Select, Stack, Table, Tabs, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { StateBadge, StatusBadge } from '../components/Badges';
import { ChangeHistory } from '../components/ChangeList';
import { DownloadButton } from '../components/DownloadButton';
import { FollowButton } from '../components/FollowButton';
import { PageLoader } from '../components/PageLoader';
import { PageState } from '../components/PageState';
import { formatDate, formatList, STATE_LABEL, STATUS_LABEL } from '../lib/format';
import { useTranslation } from '../lib/i18n';
import { useLiveChanges } from '../lib/live';
import { useAccountability, useCommitments, useCycles, useFramework } from '../lib/queries';

// The consolidated reports tab brings the charting library and the live editor: loaded when the tab is opened.
const ConsolidatedReports = lazy(async () => ({ default: (await import('../components/ConsolidatedReports')).ConsolidatedReports }));

export function FrameworkPage() {
  const { t } = useTranslation();
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
              <Tabs.Tab value="commitments">{t('framework.tab.commitments')}</Tabs.Tab>
              <Tabs.Tab value="accountability">{t('framework.tab.accountability')}</Tabs.Tab>
              <Tabs.Tab value="reports">{t('framework.tab.reports')}</Tabs.Tab>
              <Tabs.Tab value="history">{t('framework.tab.history')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="commitments" pt="md">
              <CommitmentsTable frameworkId={f.id} />
            </Tabs.Panel>
            <Tabs.Panel value="accountability" pt="md">
              <Accountability frameworkId={f.id} />
            </Tabs.Panel>
            <Tabs.Panel value="reports" pt="md">
              {tab === 'reports' && (
                <Suspense fallback={<PageLoader />}>
                  <ConsolidatedReports frameworkId={f.id} manages={f.can.manageConsolidatedReports} />
                </Suspense>
              )}
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
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [agency, setAgency] = useState('');
  const commitments = useCommitments({ frameworkId, status: status ?? undefined, agency: /^[A-Z][A-Z0-9-]{1,19}$/.test(agency) ? agency : undefined, limit: 200 });
  return (
    <Stack>
      <Group>
        <Select
          label={t('dashboard.column.status')}
          placeholder={t('framework.anyStatus')}
          clearable
          value={status}
          onChange={setStatus}
          data={Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label: t(label) }))}
        />
        <TextInput label={t('framework.agency')} placeholder={t('framework.agencyExample')} value={agency} onChange={(e) => setAgency(e.currentTarget.value.toUpperCase())} />
      </Group>
      <PageState query={commitments}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">{t('framework.noMatch')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped aria-label={t('framework.tab.commitments')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboard.column.commitment')}</Table.Th>
                    <Table.Th>{t('dashboard.column.status')}</Table.Th>
                    <Table.Th>{t('framework.column.lead')}</Table.Th>
                    <Table.Th>{t('framework.column.contributing')}</Table.Th>
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
                        {c.title}
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={c.status} />
                      </Table.Td>
                      <Table.Td>{formatList(c.leadAgencies)}</Table.Td>
                      <Table.Td>{formatList(c.contributingAgencies) || '—'}</Table.Td>
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
  const { t } = useTranslation();
  const [cycleId, setCycleId] = useState<string | null>(null);
  const cycles = useCycles(frameworkId);
  const grid = useAccountability(frameworkId, cycleId ?? undefined);
  const shownCycle = cycleId ?? grid.data?.cycle.id ?? null;
  return (
    <Stack>
      <Group align="flex-end" justify="space-between">
        <Select
          label={t('framework.cycle')}
          w={260}
          value={shownCycle}
          onChange={setCycleId}
          data={(cycles.data?.items ?? []).map((c) => ({ value: c.id, label: t('framework.cycleOption', { cycle: c.label, due: formatDate(c.dueOn) }) }))}
        />
        <Group align="flex-start" gap="xs">
          {shownCycle && (
            <>
              <DownloadButton path={`/frameworks/${frameworkId}/accountability/export?cycleId=${shownCycle}&format=xlsx`} label={t('framework.download.gridXlsx')} fallbackName="grid.xlsx" />
              <DownloadButton path={`/frameworks/${frameworkId}/accountability/export?cycleId=${shownCycle}&format=csv`} label={t('framework.download.gridCsv')} fallbackName="grid.csv" />
            </>
          )}
          <DownloadButton path={`/frameworks/${frameworkId}/indicator-values/export?format=xlsx`} label={t('framework.download.indicatorsXlsx')} fallbackName="indicators.xlsx" />
          <DownloadButton path={`/frameworks/${frameworkId}/indicator-values/export?format=csv`} label={t('framework.download.indicatorsCsv')} fallbackName="indicators.csv" />
        </Group>
      </Group>
      <PageState query={grid}>
        {(g) =>
          g.rows.length === 0 ? (
            <Text c="dimmed">{t('framework.noCommitment')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table className="grid-table" withColumnBorders aria-label={t('framework.grid', { cycle: g.cycle.label })}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboard.column.commitment')}</Table.Th>
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
                        if (!cell) return <Table.Td key={agency} aria-label={t('framework.noPart', { agency })} />;
                        const badge = <StateBadge state={cell.state} />;
                        return (
                          <Table.Td key={agency} data-state={cell.state}>
                            {cell.reportId ? (
                              <Anchor component={Link} to={`/activity-reports/${cell.reportId}`} aria-label={t('framework.cell', { agency, reference: row.reference, state: t(STATE_LABEL[cell.state]) })}>
                                {badge}
                              </Anchor>
                            ) : (
                              badge
                            )}
                            {cell.participation === 'lead' && (
                              <Text span size="xs" c="dimmed" ml={4}>
                                {t('framework.lead')}
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
