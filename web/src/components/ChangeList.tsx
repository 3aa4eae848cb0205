import { Stack, Text, Timeline } from '@mantine/core';
import { describeChange } from '../lib/events';
import { formatMoment } from '../lib/format';
import { useTranslation } from '../lib/i18n';
import { useChanges } from '../lib/queries';
import type { Change } from '../lib/types';
import { PageState } from './PageState';

/** Changes, newest first: who (user and agency), what (in the reader's language when the server told it in facts), when. */
export function ChangeList({ changes, empty }: { changes: Change[]; empty?: string }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <Text c="dimmed">{empty ?? t('changes.none')}</Text>;
  return (
    <Timeline bulletSize={12} lineWidth={2} aria-label={t('changes.label')}>
      {changes.map((change) => (
        <Timeline.Item key={change.id}>
          <Stack gap={0}>
            <Text size="sm">{describeChange(change)}</Text>
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
