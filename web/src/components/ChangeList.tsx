import { Stack, Text, Timeline } from '@mantine/core';
import { formatMoment } from '../lib/format';
import { useChanges } from '../lib/queries';
import type { Change } from '../lib/types';
import { PageState } from './PageState';

/** Changes, newest first: who (user and agency), what, when. */
export function ChangeList({ changes, empty = 'No changes yet.' }: { changes: Change[]; empty?: string }) {
  if (changes.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <Timeline bulletSize={12} lineWidth={2} aria-label="Changes">
      {changes.map((change) => (
        <Timeline.Item key={change.id}>
          <Stack gap={0}>
            <Text size="sm">{change.summary}</Text>
            <Text size="xs" c="dimmed">
              {change.actor ? `${change.actor.displayName} (${change.actor.agencyCode})` : 'Concert'} · {formatMoment(change.occurredAt)}
            </Text>
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** The latest 50 changes of one framework or one commitment (a page's History tab). */
export function ChangeHistory({ of }: { of: { frameworkId: string } | { commitmentId: string } }) {
  const changes = useChanges({ ...of, limit: 50 });
  return <PageState query={changes}>{(page) => <ChangeList changes={page.items} />}</PageState>;
}
