import { Button, Group, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { UseMutationResult } from '@tanstack/react-query';
import { refusesFieldsOf } from '../lib/forms';
import { useTranslation } from '../lib/i18n';
import { ErrorNotice } from './ErrorNotice';

/**
 * The end of a form that saves a resource: what the server refused as a whole (a refused field shows under the
 * field), and Save, open once something differs from what is stored, with "Saved" after it.
 */
export function FormFooter<Values extends object>({ form, save }: { form: UseFormReturnType<Values>; save: UseMutationResult<unknown, Error, Values> }) {
  const { t } = useTranslation();
  return (
    <Stack>
      {save.error && !refusesFieldsOf(form, save.error) && <ErrorNotice error={save.error} />}
      <Group>
        <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
          {t('common.save')}
        </Button>
        {save.isSuccess && (
          <Text size="sm" c="teal" role="status">
            {t('common.saved')}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
