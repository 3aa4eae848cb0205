import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { api } from '../lib/api';
import { errorMessage } from '../lib/errors';
import { refusesFieldsOf, showRefusal } from '../lib/forms';
import { useTranslation } from '../lib/i18n';
import { useAgencies } from '../lib/queries';

/**
 * Turns a thread into an action item: an agency (and, through the API, a person of it) to act by a date. Offered to
 * those the server says may (`thread.can.setAction`: the secretariat and the document's lead focal points). Its own
 * chunk, loaded when asked for: the form library is not part of every live document's first load.
 */
interface ActionItemValues {
  /** An agency's code. */
  assigneeAgency: string | null;
  dueDate: string;
}

export function ActionItemForm({ threadId, onDone, onCancel }: { threadId: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const form = useForm<ActionItemValues>({ initialValues: { assigneeAgency: null, dueDate: '' } });
  const assign = useMutation({
    mutationFn: (values: ActionItemValues) => api.put(`/threads/${threadId}/action`, values),
    onSuccess: onDone,
    onError: (error) => showRefusal(form, error),
  });
  const { assigneeAgency, dueDate } = form.getValues();
  return (
    <form onSubmit={form.onSubmit((values) => assign.mutate(values))}>
      <Stack gap={6}>
        <Select
          size="xs"
          label={t('discussion.actionAgency')}
          data={(agencies.data?.items ?? []).map((a) => ({ value: a.code, label: `${a.code}, ${a.name}` }))}
          searchable
          required
          {...form.getInputProps('assigneeAgency')}
        />
        <TextInput
          size="xs"
          type="date"
          label={t('discussion.actionDue')}
          required
          {...form.getInputProps('dueDate')}
        />
        {assign.error && !refusesFieldsOf(form, assign.error) && (
          <Text size="xs" c="red" role="alert">
            {errorMessage(assign.error)}
          </Text>
        )}
        <Group gap="xs" justify="flex-end">
          <Button size="compact-xs" variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button size="compact-xs" type="submit" loading={assign.isPending} disabled={!assigneeAgency || !dueDate}>
            {t('discussion.assign')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
