import { BarChart } from '@mantine/charts';
import { Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, query } from '../lib/api';
import { fetchText } from '../lib/download';
import { formatDate, formatMoment, formatNumber, STATE_LABEL } from '../lib/format';
import { useTranslation } from '../lib/i18n';
import { useAccountability, useCycles } from '../lib/queries';
import type { CellState, ConsolidatedEditionPage, ConsolidatedReport, ConsolidatedReportPage, Cycle, EditionDiff } from '../lib/types';
import { DownloadButton } from './DownloadButton';
import { ErrorNotice } from './ErrorNotice';
import { LiveEditor } from './LiveEditor';
import { PageState } from './PageState';
import { WordDiff } from './WordDiff';

/** The chart's series, each with its catalogue key ("Missing" here: the grid's "Not started" reads oddly in a count). */
const STATES: { state: CellState; label: string; color: string }[] = [
  { state: 'accepted', label: STATE_LABEL.accepted, color: 'teal.6' },
  { state: 'submitted', label: STATE_LABEL.submitted, color: 'blue.6' },
  { state: 'returned', label: STATE_LABEL.returned, color: 'orange.6' },
  { state: 'draft', label: STATE_LABEL.draft, color: 'gray.5' },
  { state: 'missing', label: 'consolidated.missing', color: 'gray.7' },
  { state: 'overdue', label: STATE_LABEL.overdue, color: 'red.6' },
];

/** The framework's consolidated reports: one per cycle, created by the secretariat, issued in editions. */
export function ConsolidatedReports({ frameworkId, manages }: { frameworkId: string; manages: boolean }) {
  const { t } = useTranslation();
  const cycles = useCycles(frameworkId);
  const reports = useQuery({
    queryKey: ['consolidated-reports', frameworkId],
    queryFn: () => api.get<ConsolidatedReportPage>(`/consolidated-reports${query({ frameworkId, limit: 200 })}`),
  });
  const [selected, setSelected] = useState<string | null>(null);
  const cycleLabel = (cycleId: string) => cycles.data?.items.find((c) => c.id === cycleId)?.label ?? t('consolidated.aCycle');
  return (
    <Stack>
      {manages && <CreateReport frameworkId={frameworkId} cycles={cycles.data?.items ?? []} existing={reports.data?.items ?? []} onCreated={setSelected} />}
      <PageState query={reports}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">{manages ? t('consolidated.noneYetCreate') : t('consolidated.noneYet')}</Text>
          ) : (
            <Stack>
              <Table aria-label={t('framework.tab.reports')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboard.column.cycle')}</Table.Th>
                    <Table.Th>{t('dashboard.column.state')}</Table.Th>
                    <Table.Th>{t('consolidated.editions')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((report) => (
                    <Table.Tr key={report.id}>
                      <Table.Td>{cycleLabel(report.cycleId)}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={report.state === 'issued' ? 'teal' : 'blue'}>
                          {report.state === 'issued' ? t('consolidated.editionIssued', { edition: report.edition }) : t('consolidated.draftOf', { edition: report.edition + 1 })}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{formatNumber(report.edition)}</Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="light" onClick={() => setSelected(report.id)} aria-pressed={selected === report.id}>
                          {t('consolidated.open', { cycle: cycleLabel(report.cycleId) })}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {selected && page.items.some((r) => r.id === selected) && (
                <ReportView key={selected} report={page.items.find((r) => r.id === selected)!} cycleLabel={cycleLabel} manages={manages} />
              )}
            </Stack>
          )
        }
      </PageState>
    </Stack>
  );
}

function CreateReport({ frameworkId, cycles, existing, onCreated }: { frameworkId: string; cycles: Cycle[]; existing: ConsolidatedReport[]; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [cycleId, setCycleId] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api.post<ConsolidatedReport>(`/frameworks/${frameworkId}/consolidated-reports`, { cycleId }),
    onSuccess: async (report) => {
      setCycleId(null);
      await queryClient.invalidateQueries({ queryKey: ['consolidated-reports', frameworkId] });
      onCreated(report.id);
    },
  });
  const taken = new Set(existing.map((r) => r.cycleId));
  return (
    <Card withBorder>
      <Group align="flex-end">
        <Select
          label={t('consolidated.cycle')}
          placeholder={t('consolidated.chooseCycle')}
          w={300}
          value={cycleId}
          onChange={setCycleId}
          data={cycles.map((c) => ({ value: c.id, label: t('framework.cycleOption', { cycle: c.label, due: formatDate(c.dueOn) }), disabled: taken.has(c.id) }))}
        />
        <Button disabled={!cycleId} loading={create.isPending} onClick={() => create.mutate()}>
          {t('consolidated.create')}
        </Button>
      </Group>
      {create.error && <ErrorNotice error={create.error} />}
    </Card>
  );
}

function ReportView({ report, cycleLabel, manages }: { report: ConsolidatedReport; cycleLabel: (id: string) => string; manages: boolean }) {
  // The draft's headings and labels in the interface's language (an issued edition keeps the files it was issued with).
  const { t, i18n } = useTranslation();
  const label = cycleLabel(report.cycleId);
  const base = `/consolidated-reports/${report.id}/export`;
  return (
    <Stack>
      <Title order={3}>{t('consolidated.title', { cycle: label })}</Title>
      <CyclePicture frameworkId={report.frameworkId} cycleId={report.cycleId} label={label} />
      <Card withBorder>
        <Stack gap="xs">
          <Title order={4}>{t('consolidated.summary')}</Title>
          <Text size="sm" c="dimmed">
            {t('consolidated.summaryHelp')}
          </Text>
          <LiveEditor documentId={report.summaryDocumentId} label={t('consolidated.summaryOf', { cycle: label })} />
        </Stack>
      </Card>
      <Group align="flex-start">
        <DownloadButton path={`${base}?format=docx&locale=${i18n.language}`} label={t('consolidated.downloadWord')} fallbackName="consolidated-report.docx" />
        <DownloadButton path={`${base}?format=pdf&locale=${i18n.language}`} label={t('consolidated.downloadPdf')} fallbackName="consolidated-report.pdf" />
        {manages && <IssueControls report={report} />}
      </Group>
      <Preview reportId={report.id} version={report.version} />
      <Editions report={report} />
    </Stack>
  );
}

/** Reports accepted, submitted, returned, missing and overdue per agency in the cycle: the accountability grid counted. */
function CyclePicture({ frameworkId, cycleId, label }: { frameworkId: string; cycleId: string; label: string }) {
  const { t } = useTranslation();
  const grid = useAccountability(frameworkId, cycleId);
  return (
    <Card withBorder>
      <PageState query={grid}>
        {(g) => {
          const data = g.agencies.map((agency) => {
            const counts = Object.fromEntries(STATES.map(({ state }) => [state, 0]));
            for (const row of g.rows) {
              const cell = row.cells.find((c) => c.agency === agency);
              const state = cell && STATES.find((s) => s.state === cell.state);
              if (state) counts[state.state] += 1;
            }
            return { agency, ...counts };
          });
          return (
            <Stack gap="xs">
              <Title order={4}>{t('consolidated.glance')}</Title>
              <BarChart
                h={Math.max(160, data.length * 28)}
                data={data}
                dataKey="agency"
                type="stacked"
                orientation="vertical"
                withLegend
                series={STATES.map(({ state, label: name, color }) => ({ name: state, label: t(name), color }))}
                aria-label={t('consolidated.chart', { cycle: label })}
              />
            </Stack>
          );
        }}
      </PageState>
    </Card>
  );
}

/** The report as it will print: its HTML in a sandboxed frame (no script runs in it). */
function Preview({ reportId, version }: { reportId: string; version: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const html = useQuery({
    queryKey: ['consolidated-preview', reportId, version, locale],
    queryFn: () => fetchText(`/consolidated-reports/${reportId}/export?format=html&locale=${locale}`),
  });
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('consolidated.preview')}</Title>
          <Button size="xs" variant="light" onClick={() => void html.refetch()} loading={html.isFetching}>
            {t('consolidated.refresh')}
          </Button>
        </Group>
        <PageState query={html}>
          {(page) => <iframe title={t('consolidated.previewOf')} sandbox="" srcDoc={page} style={{ width: '100%', height: 600, border: '1px solid #dee2e6' }} />}
        </PageState>
      </Stack>
    </Card>
  );
}

function IssueControls({ report }: { report: ConsolidatedReport }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const act = useMutation({
    mutationFn: (action: 'issue' | 'reopen') => api.post<ConsolidatedReport>(`/consolidated-reports/${report.id}/${action}`, { version: report.version }),
    onSuccess: () => {
      setConfirming(false);
      return queryClient.invalidateQueries();
    },
  });
  return (
    <Stack gap={4}>
      {report.state === 'draft' ? (
        <Button size="xs" color="teal" onClick={() => setConfirming(true)}>
          {t('consolidated.issue', { edition: report.edition + 1 })}
        </Button>
      ) : (
        <Button size="xs" variant="light" color="orange" onClick={() => act.mutate('reopen')} loading={act.isPending}>
          {t('consolidated.reopen', { edition: report.edition + 1 })}
        </Button>
      )}
      <Text size="xs" c="dimmed" aria-live="polite">
        {act.isPending && act.variables === 'issue' ? t('consolidated.issuing') : ''}
      </Text>
      {act.error && <ErrorNotice error={act.error} />}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('consolidated.issueQuestion', { edition: report.edition + 1 })}>
        <Stack>
          <Text size="sm">{t('consolidated.issueHelp')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="teal" onClick={() => act.mutate('issue')} loading={act.isPending}>
              {t('consolidated.issue', { edition: report.edition + 1 })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Editions({ report }: { report: ConsolidatedReport }) {
  const editions = useQuery({
    queryKey: ['consolidated-editions', report.id, report.edition],
    queryFn: () => api.get<ConsolidatedEditionPage>(`/consolidated-reports/${report.id}/editions`),
  });
  const { t } = useTranslation();
  const [diffOf, setDiffOf] = useState<number | null>(null);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>{t('consolidated.editions')}</Title>
        <PageState query={editions}>
          {(page) =>
            page.items.length === 0 ? (
              <Text c="dimmed">{t('consolidated.notIssued')}</Text>
            ) : (
              <Table aria-label={t('consolidated.issuedEditions')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('consolidated.edition')}</Table.Th>
                    <Table.Th>{t('consolidated.issued')}</Table.Th>
                    <Table.Th>{t('consolidated.files')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((e) => (
                    <Table.Tr key={e.edition}>
                      <Table.Td>{formatNumber(e.edition)}</Table.Td>
                      <Table.Td>
                        {t('consolidated.issuedBy', { moment: formatMoment(e.issuedAt), name: e.issuedBy.displayName, agency: e.issuedBy.agencyCode })}
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" align="flex-start">
                          <DownloadButton path={`/consolidated-reports/${report.id}/export?format=docx&edition=${e.edition}`} label={t('consolidated.wordEdition', { edition: e.edition })} fallbackName="report.docx" />
                          <DownloadButton path={`/consolidated-reports/${report.id}/export?format=pdf&edition=${e.edition}`} label={t('consolidated.pdfEdition', { edition: e.edition })} fallbackName="report.pdf" />
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="subtle" onClick={() => setDiffOf(e.edition)} aria-pressed={diffOf === e.edition}>
                          {t('consolidated.changesIn', { edition: e.edition })}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </PageState>
        {diffOf !== null && <EditionChanges reportId={report.id} edition={diffOf} />}
      </Stack>
    </Card>
  );
}

function EditionChanges({ reportId, edition }: { reportId: string; edition: number }) {
  const { t } = useTranslation();
  const diff = useQuery({ queryKey: ['consolidated-diff', reportId, edition], queryFn: () => api.get<EditionDiff>(`/consolidated-reports/${reportId}/editions/${edition}/diff`) });
  return (
    <PageState query={diff}>
      {(d) => (
        <Stack gap="xs">
          <Title order={5}>{d.previousEdition ? t('consolidated.changesFrom', { from: d.previousEdition, to: d.edition }) : t('consolidated.first', { edition: d.edition })}</Title>
          <WordDiff changes={d.changes} />
        </Stack>
      )}
    </PageState>
  );
}
