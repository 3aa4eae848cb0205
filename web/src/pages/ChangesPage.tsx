import { Button, Card, Group, Select, Stack, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ChangeList } from '../components/ChangeList';
import { ErrorNotice } from '../components/ErrorNotice';
import { api, query } from '../lib/api';
import { useLiveChanges } from '../lib/live';
import { useFrameworks } from '../lib/queries';
import type { ChangePage } from '../lib/types';

const ENTITY_TYPES = [
  { value: 'commitment', label: 'Commitments' },
  { value: 'activity_report', label: 'Activity reports' },
  { value: 'indicator', label: 'Indicators' },
  { value: 'reporting_cycle', label: 'Reporting cycles' },
  { value: 'framework', label: 'Frameworks' },
  { value: 'agency', label: 'Agencies' },
];

export function ChangesPage() {
  const frameworks = useFrameworks();
  const [frameworkId, setFrameworkId] = useState<string | null>(null);
  const [entityType, setEntityType] = useState<string | null>(null);
  useLiveChanges((frameworks.data?.items ?? []).map((f) => f.id));
  const changes = useInfiniteQuery({
    queryKey: ['changes', 'history', frameworkId, entityType],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<ChangePage>(`/changes${query({ order: 'desc', limit: 50, frameworkId, entityType, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return (
    <Stack>
      <Title order={2}>History of changes</Title>
      <Group>
        <Select
          label="Framework"
          placeholder="All frameworks"
          clearable
          value={frameworkId}
          onChange={setFrameworkId}
          data={(frameworks.data?.items ?? []).map((f) => ({ value: f.id, label: f.code }))}
        />
        <Select label="What changed" placeholder="Everything" clearable value={entityType} onChange={setEntityType} data={ENTITY_TYPES} />
      </Group>
      <Card withBorder>
        {changes.error ? <ErrorNotice error={changes.error} /> : <ChangeList changes={changes.data?.pages.flatMap((p) => p.items) ?? []} empty={changes.isPending ? 'Loading…' : 'No change matches.'} />}
        {changes.hasNextPage && (
          <Button variant="subtle" mt="md" onClick={() => void changes.fetchNextPage()} loading={changes.isFetchingNextPage}>
            Older changes
          </Button>
        )}
      </Card>
    </Stack>
  );
}
