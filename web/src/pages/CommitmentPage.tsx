import { Anchor, Badge, Button, Group, Select, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { StateBadge, StatusBadge } from '../components/Badges';
import { ChangeHistory } from '../components/ChangeList';
import { FollowButton } from '../components/FollowButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { IndicatorChart } from '../components/IndicatorChart';
import { LiveEditor } from '../components/LiveEditor';
import { PageState } from '../components/PageState';
import { api } from '../lib/api';
import { formatDate, formatList, STATE_LABEL, STATUS_LABEL } from '../lib/format';
import { useTranslation } from '../lib/i18n';
import { useLiveChanges } from '../lib/live';
import { useActivityReports, useCommitment, useCycles } from '../lib/queries';
import { useSession } from '../lib/session';
import type { ActivityReport, Commitment, CommitmentStatus } from '../lib/types';

export function CommitmentPage() {
  const { id = '' } = useParams();
  const commitment = useCommitment(id);
  useLiveChanges(commitment.data ? [commitment.data.frameworkId] : []);
  return <PageState query={commitment}>{(c) => <CommitmentView commitment={c} />}</PageState>;
}

function CommitmentView({ commitment }: { commitment: Commitment }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') ?? 'report';
  const canSetStatus = commitment.can.setStatus;
  return (
    <Stack>
      <div>
        <Anchor component={Link} to={`/frameworks/${commitment.frameworkId}`} size="sm">
          {t('commitment.back')}
        </Anchor>
        <Group gap="sm" mt={4}>
          <Title order={2}>
            {commitment.reference}: {commitment.title}
          </Title>
          <StatusBadge status={commitment.status} />
          <FollowButton targetType="commitment" targetId={commitment.id} />
        </Group>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Text size="sm">
          <b>{t('commitment.lead')}</b> {formatList(commitment.leadAgencies)}
        </Text>
        <Text size="sm">
          <b>{t('commitment.contributing')}</b> {formatList(commitment.contributingAgencies) || '—'}
        </Text>
        <Text size="sm">
          <b>{t('commitment.due')}</b> {formatDate(commitment.dueDate)}
        </Text>
      </SimpleGrid>
      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
        {commitment.description}
      </Text>
      {canSetStatus && <StatusControl commitment={commitment} />}
      <Tabs value={tab} onChange={(value) => setSearch({ tab: value ?? 'report' })}>
        <Tabs.List>
          <Tabs.Tab value="report">{t('commitment.tab.report')}</Tabs.Tab>
          <Tabs.Tab value="indicators">{t('changes.entity.indicator')}</Tabs.Tab>
          <Tabs.Tab value="activity">{t('changes.entity.activity_report')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('framework.tab.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="report" pt="md">
          <LiveEditor documentId={commitment.reportDocumentId} label={t('commitment.editor', { reference: commitment.reference })} />
        </Tabs.Panel>
        <Tabs.Panel value="indicators" pt="md">
          <Stack>
            {(commitment.indicators ?? []).length === 0 && <Text c="dimmed">{t('commitment.noIndicator')}</Text>}
            {(commitment.indicators ?? []).map((indicator) => (
              <IndicatorChart key={indicator.id} indicator={indicator} />
            ))}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="activity" pt="md">
          <ActivityReports commitment={commitment} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <ChangeHistory of={{ commitmentId: commitment.id }} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function StatusControl({ commitment }: { commitment: Commitment }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (status: CommitmentStatus) => api.patch<Commitment>(`/commitments/${commitment.id}`, { version: commitment.version, status }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <Stack gap={4} maw={320}>
      <Select
        label={t('commitment.status')}
        value={commitment.status}
        allowDeselect={false}
        disabled={update.isPending}
        onChange={(value) => value && value !== commitment.status && update.mutate(value as CommitmentStatus)}
        data={Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label: t(label) }))}
      />
      {update.error && <ErrorNotice error={update.error} />}
    </Stack>
  );
}

function ActivityReports({ commitment }: { commitment: Commitment }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const reports = useActivityReports({ commitmentId: commitment.id, limit: 200 });
  const cycles = useCycles(commitment.frameworkId);
  const [cycleId, setCycleId] = useState<string | null>(null);
  const agency = session.agency.code;
  const takesPart = commitment.can.writeActivityReport;
  const create = useMutation({
    mutationFn: (cycle: string) => api.post<ActivityReport>('/activity-reports', { commitmentId: commitment.id, cycleId: cycle }),
    onSuccess: (report) => void navigate(`/activity-reports/${report.id}`),
  });
  const missing = (cycles.data?.items ?? []).filter((cycle) => !(reports.data?.items ?? []).some((r) => r.cycleId === cycle.id && r.agency === agency));
  return (
    <Stack>
      {takesPart && missing.length > 0 && (
        <Group align="flex-end">
          <Select
            label={t('commitment.startFor', { agency })}
            value={cycleId ?? missing[0]?.id ?? null}
            onChange={setCycleId}
            data={missing.map((c) => ({ value: c.id, label: c.label }))}
          />
          <Button loading={create.isPending} onClick={() => create.mutate(cycleId ?? missing[0].id)}>
            {t('commitment.start')}
          </Button>
        </Group>
      )}
      {create.error && <ErrorNotice error={create.error} />}
      <PageState query={reports}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">{t('commitment.noReport')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={480}>
              <Table aria-label={t('changes.entity.activity_report')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboard.column.cycle')}</Table.Th>
                    <Table.Th>{t('framework.agency')}</Table.Th>
                    <Table.Th>{t('dashboard.column.state')}</Table.Th>
                    <Table.Th>{t('commitment.summary')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.cycleLabel}</Table.Td>
                      <Table.Td>
                        <Badge variant="outline">{r.agency}</Badge>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/activity-reports/${r.id}`} aria-label={t('commitment.reportLink', { agency: r.agency, cycle: r.cycleLabel, state: t(STATE_LABEL[r.state]) })}>
                          <StateBadge state={r.state} />
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {r.summary || '—'}
                        </Text>
                      </Table.Td>
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
