import { Alert, Anchor, Button, Card, Group, NumberInput, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { StateBadge } from '../components/Badges';
import { ErrorNotice } from '../components/ErrorNotice';
import { FormFooter } from '../components/FormFooter';
import { LiveEditor } from '../components/LiveEditor';
import { PageState } from '../components/PageState';
import { api } from '../lib/api';
import { showRefusal } from '../lib/forms';
import { formatDate, formatMoment, formatNumber } from '../lib/format';
import { useTranslation } from '../lib/i18n';
import { useLiveChanges } from '../lib/live';
import { useActivityReport, useCommitment } from '../lib/queries';
import type { ActivityReport, ActivityReportDiff, Commitment } from '../lib/types';
import { WordDiff } from '../components/WordDiff';

export function ActivityReportPage() {
  const { id = '' } = useParams();
  const report = useActivityReport(id);
  const commitment = useCommitment(report.data?.commitmentId ?? '');
  useLiveChanges(report.data ? [report.data.frameworkId] : []);
  return (
    <PageState query={report}>
      {(r) => <PageState query={commitment}>{(c) => <ReportView report={r} commitment={c} />}</PageState>}
    </PageState>
  );
}

function ReportView({ report, commitment }: { report: ActivityReport; commitment: Commitment }) {
  const { t } = useTranslation();
  const editable = report.can.edit;
  return (
    <Stack>
      <div>
        <Anchor component={Link} to={`/commitments/${commitment.id}?tab=activity`} size="sm">
          {commitment.reference}: {commitment.title}
        </Anchor>
        <Group gap="sm" mt={4}>
          <Title order={2}>
            {t('report.title', { agency: report.agency, cycle: report.cycleLabel })}
          </Title>
          <StateBadge state={report.state} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('report.due', { date: formatDate(report.dueOn) })}
          {report.submittedAt ? ` · ${t('report.submitted', { moment: formatMoment(report.submittedAt) })}` : ''}
          {report.decidedAt ? ` · ${t('report.decided', { moment: formatMoment(report.decidedAt) })}` : ''}
        </Text>
      </div>
      {report.state === 'returned' && report.returnReason && (
        <Alert color="orange" title={t('report.returned')}>
          {report.returnReason}
        </Alert>
      )}
      {report.state === 'accepted' && (
        <Alert color="teal" title={t('state.accepted')}>
          {t('report.frozen', { cycle: report.cycleLabel })}
        </Alert>
      )}
      {/* Keyed by version: a saved or reloaded report starts the form afresh from what the server holds. */}
      <ReportForm key={`${report.id}@${report.version}`} report={report} commitment={commitment} editable={editable} />
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          {t('report.narrative')}
        </Title>
        <LiveEditor documentId={report.documentId} label={t('report.editor', { agency: report.agency, cycle: report.cycleLabel, reference: commitment.reference })} />
      </Card>
      <Actions report={report} />
      {report.state === 'accepted' && <Diff reportId={report.id} />}
    </Stack>
  );
}

interface ReportValues {
  summary: string;
  /** By indicator id; '' is a value not given. */
  values: Record<string, number | ''>;
}

function ReportForm({ report, commitment, editable }: { report: ActivityReport; commitment: Commitment; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<ReportValues>({
    initialValues: {
      summary: report.summary,
      values: Object.fromEntries((report.indicatorValues ?? []).map((v) => [v.indicatorId, v.value])),
    },
  });
  const save = useMutation({
    mutationFn: ({ summary, values }: ReportValues) =>
      api.patch(`/activity-reports/${report.id}`, {
        version: report.version,
        summary,
        indicatorValues: Object.entries(values)
          .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
          .map(([indicatorId, value]) => ({ indicatorId, value })),
      }),
    onSuccess: () => queryClient.invalidateQueries(),
    onError: (error) => showRefusal(form, error),
  });
  return (
    <Card withBorder>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} aria-label={t('report.form')}>
        <Stack>
          <Textarea label={t('report.summary')} autosize minRows={3} readOnly={!editable} {...form.getInputProps('summary')} />
          {(commitment.indicators ?? []).map((indicator) => (
            <NumberInput
              key={indicator.id}
              label={`${indicator.name} (${indicator.unit})`}
              description={t('indicator.targetLine', { target: formatNumber(indicator.target) })}
              readOnly={!editable}
              {...form.getInputProps(`values.${indicator.id}`)}
              value={form.getValues().values[indicator.id] ?? ''}
            />
          ))}
          {editable && <FormFooter form={form} save={save} />}
        </Stack>
      </form>
    </Card>
  );
}

/** The steps the server says this user may take now (`can`, from the same rules that enforce them). */
function Actions({ report }: { report: ActivityReport }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: (action: 'submit' | 'accept' | 'return' | 'reopen') =>
      api.post(`/activity-reports/${report.id}/${action}`, { version: report.version, ...(action === 'return' || action === 'reopen' ? { reason } : {}) }),
    onSuccess: () => {
      setReason('');
      return queryClient.invalidateQueries();
    },
  });
  const submittable = report.can.submit;
  const reviewable = report.can.accept || report.can.return;
  const reopenable = report.can.reopen;
  if (!submittable && !reviewable && !reopenable) return null;
  return (
    <Card withBorder>
      <Stack>
        {act.error && <ErrorNotice error={act.error} />}
        {submittable && (
          <Group>
            <Button onClick={() => act.mutate('submit')} loading={act.isPending}>
              {t('report.submit')}
            </Button>
          </Group>
        )}
        {(reviewable || reopenable) && (
          <Textarea label={reviewable ? t('report.returnReason') : t('report.reopenReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        )}
        {reviewable && (
          <Group>
            {report.can.accept && (
              <Button color="teal" onClick={() => act.mutate('accept')} loading={act.isPending}>
                {t('report.accept')}
              </Button>
            )}
            {report.can.return && (
              <Button color="orange" variant="light" disabled={reason.trim().length < 3} onClick={() => act.mutate('return')} loading={act.isPending}>
                {t('report.return')}
              </Button>
            )}
          </Group>
        )}
        {reopenable && (
          <Group>
            <Button color="orange" variant="light" disabled={reason.trim().length < 3} onClick={() => act.mutate('reopen')} loading={act.isPending}>
              {t('report.reopen')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function Diff({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  const diff = useQuery({
    queryKey: ['diff', reportId],
    queryFn: () =>
      api.get<ActivityReportDiff>(`/activity-reports/${reportId}/diff`),
  });
  return (
    <Card withBorder>
      <PageState query={diff}>
        {(d) => (
          <Stack gap="xs">
            <Title order={3} size="h4">
              {d.previousCycleLabel ? t('report.changesSince', { cycle: d.previousCycleLabel }) : t('report.first')}
            </Title>
            <WordDiff changes={d.changes} />
          </Stack>
        )}
      </PageState>
    </Card>
  );
}
