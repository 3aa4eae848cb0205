import { Alert, Anchor, Button, Card, Group, NumberInput, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { StateBadge } from '../components/Badges';
import { ErrorNotice } from '../components/ErrorNotice';
import { LiveEditor } from '../components/LiveEditor';
import { PageState } from '../components/PageState';
import { api } from '../lib/api';
import { formatDate, formatMoment } from '../lib/format';
import { useLiveChanges } from '../lib/live';
import { useActivityReport, useCommitment } from '../lib/queries';
import { useSession } from '../lib/session';
import type { ActivityReport, Commitment } from '../lib/types';

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
  const session = useSession();
  const mine = session.agency.id === report.agencyId;
  const editable = mine && (report.state === 'draft' || report.state === 'returned');
  const focal = session.user.role === 'focal_point';
  const leads = commitment.leadAgencies.includes(session.agency.code);
  return (
    <Stack>
      <div>
        <Anchor component={Link} to={`/commitments/${commitment.id}?tab=activity`} size="sm">
          {commitment.reference}: {commitment.title}
        </Anchor>
        <Group gap="sm" mt={4}>
          <Title order={2}>
            {report.agency}&apos;s activity report, {report.cycleLabel}
          </Title>
          <StateBadge state={report.state} />
        </Group>
        <Text size="sm" c="dimmed">
          Due {formatDate(report.dueOn)}
          {report.submittedAt ? ` · submitted ${formatMoment(report.submittedAt)}` : ''}
          {report.decidedAt ? ` · decided ${formatMoment(report.decidedAt)}` : ''}
        </Text>
      </div>
      {report.state === 'returned' && report.returnReason && (
        <Alert color="orange" title="Returned by the lead agency">
          {report.returnReason}
        </Alert>
      )}
      {report.state === 'accepted' && (
        <Alert color="teal" title="Accepted">
          This report is frozen as the record of {report.cycleLabel}.
        </Alert>
      )}
      <ReportForm report={report} commitment={commitment} editable={editable} />
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          Narrative
        </Title>
        <LiveEditor documentId={report.documentId} label={`Narrative of ${report.agency}'s ${report.cycleLabel} report on ${commitment.reference}`} />
      </Card>
      <Actions report={report} canSubmit={mine && focal} canReview={focal && leads} canReopen={session.user.role === 'secretariat' || (focal && leads)} />
      {report.state === 'accepted' && <Diff reportId={report.id} />}
    </Stack>
  );
}

function ReportForm({ report, commitment, editable }: { report: ActivityReport; commitment: Commitment; editable: boolean }) {
  const queryClient = useQueryClient();
  const [summary, setSummary] = useState(report.summary);
  const [values, setValues] = useState<Record<string, number | ''>>({});
  useEffect(() => {
    setSummary(report.summary);
    setValues(Object.fromEntries((report.indicatorValues ?? []).map((v) => [v.indicatorId, v.value])));
  }, [report]);
  const save = useMutation({
    mutationFn: () =>
      api.patch(`/activity-reports/${report.id}`, {
        version: report.version,
        summary,
        indicatorValues: Object.entries(values)
          .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
          .map(([indicatorId, value]) => ({ indicatorId, value })),
      }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <Card withBorder>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
        aria-label="Activity report"
      >
        <Stack>
          <Textarea label="What the agency did" autosize minRows={3} value={summary} readOnly={!editable} onChange={(e) => setSummary(e.currentTarget.value)} />
          {(commitment.indicators ?? []).map((indicator) => (
            <NumberInput
              key={indicator.id}
              label={`${indicator.name} (${indicator.unit})`}
              description={`Target ${indicator.target}`}
              value={values[indicator.id] ?? ''}
              readOnly={!editable}
              onChange={(value) => setValues((current) => ({ ...current, [indicator.id]: typeof value === 'number' ? value : '' }))}
            />
          ))}
          {save.error && <ErrorNotice error={save.error} />}
          {editable && (
            <Group>
              <Button type="submit" loading={save.isPending}>
                Save
              </Button>
              {save.isSuccess && (
                <Text size="sm" c="teal" role="status">
                  Saved
                </Text>
              )}
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}

function Actions({ report, canSubmit, canReview, canReopen }: { report: ActivityReport; canSubmit: boolean; canReview: boolean; canReopen: boolean }) {
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
  const submittable = canSubmit && (report.state === 'draft' || report.state === 'returned');
  const reviewable = canReview && report.state === 'submitted';
  const reopenable = canReopen && report.state === 'accepted';
  if (!submittable && !reviewable && !reopenable) return null;
  return (
    <Card withBorder>
      <Stack>
        {act.error && <ErrorNotice error={act.error} />}
        {submittable && (
          <Group>
            <Button onClick={() => act.mutate('submit')} loading={act.isPending}>
              Submit to the lead agency
            </Button>
          </Group>
        )}
        {(reviewable || reopenable) && (
          <Textarea label={reviewable ? 'Reason, when returning the report' : 'Reason for reopening'} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        )}
        {reviewable && (
          <Group>
            <Button color="teal" onClick={() => act.mutate('accept')} loading={act.isPending}>
              Accept
            </Button>
            <Button color="orange" variant="light" disabled={reason.trim().length < 3} onClick={() => act.mutate('return')} loading={act.isPending}>
              Return with this reason
            </Button>
          </Group>
        )}
        {reopenable && (
          <Group>
            <Button color="orange" variant="light" disabled={reason.trim().length < 3} onClick={() => act.mutate('reopen')} loading={act.isPending}>
              Reopen
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function Diff({ reportId }: { reportId: string }) {
  const diff = useQuery({
    queryKey: ['diff', reportId],
    queryFn: () =>
      api.get<{ previousCycleLabel: string | null; changes: { value: string; added?: true; removed?: true }[] }>(`/activity-reports/${reportId}/diff`),
  });
  return (
    <Card withBorder>
      <PageState query={diff}>
        {(d) => (
          <Stack gap="xs">
            <Title order={3} size="h4">
              {d.previousCycleLabel ? `Changes since ${d.previousCycleLabel}` : 'First accepted report of this agency on this commitment'}
            </Title>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {d.changes.map((part, i) =>
                part.added ? (
                  <ins key={i} style={{ background: 'var(--mantine-color-teal-1)' }}>
                    {part.value}
                  </ins>
                ) : part.removed ? (
                  <del key={i} style={{ background: 'var(--mantine-color-red-1)' }}>
                    {part.value}
                  </del>
                ) : (
                  <span key={i}>{part.value}</span>
                ),
              )}
            </Text>
          </Stack>
        )}
      </PageState>
    </Card>
  );
}
