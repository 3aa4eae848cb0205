import { Button, Card, Group, Select, Stack, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ChangeList } from '../components/ChangeList';
import { ErrorNotice } from '../components/ErrorNotice';
import { api, query } from '../lib/api';
import { useLiveChanges } from '../lib/live';
import { useTranslation } from '../lib/i18n';
import { useFrameworks } from '../lib/queries';
import type { ChangePage } from '../lib/types';

const ENTITY_TYPES = [
  { value: 'commitment', label: 'changes.entity.commitment' },
  { value: 'activity_report', label: 'changes.entity.activity_report' },
  { value: 'indicator', label: 'changes.entity.indicator' },
  { value: 'reporting_cycle', label: 'changes.entity.reporting_cycle' },
  { value: 'framework', label: 'changes.entity.framework' },
  { value: 'agency', label: 'changes.entity.agency' },
];

export function ChangesPage() {
  const { t } = useTranslation();
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
      <Title order={2}>{t('nav.changes')}</Title>
      <Group>
        <Select
          label={t('changes.framework')}
          placeholder={t('changes.allFrameworks')}
          clearable
          value={frameworkId}
          onChange={setFrameworkId}
          data={(frameworks.data?.items ?? []).map((f) => ({ value: f.id, label: f.code }))}
        />
        <Select label={t('changes.what')} placeholder={t('changes.everything')} clearable value={entityType} onChange={setEntityType} data={ENTITY_TYPES.map((type) => ({ value: type.value, label: t(type.label) }))} />
      </Group>
      <Card withBorder>
        {changes.error ? <ErrorNotice error={changes.error} /> : <ChangeList changes={changes.data?.pages.flatMap((p) => p.items) ?? []} empty={changes.isPending ? t('common.loadingEllipsis') : t('changes.noMatch')} />}
        {changes.hasNextPage && (
          <Button variant="subtle" mt="md" onClick={() => void changes.fetchNextPage()} loading={changes.isFetchingNextPage}>
            {t('changes.older')}
          </Button>
        )}
      </Card>
    </Stack>
  );
}
