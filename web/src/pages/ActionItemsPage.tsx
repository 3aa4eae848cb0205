import { Checkbox, Group, SegmentedControl, Stack, TextInput, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { ActionItemList } from '../components/ActionItemList';
import { PageState } from '../components/PageState';
import { useActionItems } from '../lib/discussions';
import { useTranslation } from '../lib/i18n';
import { useSession } from '../lib/session';

/** Every action item, filtered by agency, state and lateness (kept in the URL, so a filtered list can be shared). */
export function ActionItemsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const agency = search.get('agency') ?? session.agency.code;
  const state = search.get('state') ?? 'open';
  const overdue = search.get('overdue') === 'true';
  const items = useActionItems({ agency: agency || undefined, state, overdue: overdue ? 'true' : undefined, limit: '200' });
  const set = (key: string, value: string) => setSearch((params) => ({ ...Object.fromEntries(params), [key]: value }));
  return (
    <Stack>
      <Title order={2}>{t('actionItems.title')}</Title>
      <Group align="flex-end">
        <TextInput label={t('actionItems.agencyCode')} value={agency} onChange={(event) => set('agency', event.currentTarget.value.toUpperCase())} w={140} />
        <SegmentedControl
          aria-label={t('actionItems.state')}
          value={state}
          onChange={(value) => set('state', value)}
          data={[
            { value: 'open', label: t('actionItems.open') },
            { value: 'done', label: t('actionItems.done') },
          ]}
        />
        <Checkbox label={t('actionItems.overdueOnly')} checked={overdue} onChange={(event) => set('overdue', String(event.currentTarget.checked))} />
      </Group>
      <PageState query={items}>
        {(page) => <ActionItemList items={page.items} label={t('actionItems.title')} />}
      </PageState>
    </Stack>
  );
}
