import { Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { downloadFile } from '../lib/download';
import { useTranslation } from '../lib/i18n';
import { ErrorNotice } from './ErrorNotice';

/** Downloads a file the server renders (Word, PDF, a spreadsheet), saying so while it renders. */
export function DownloadButton({ path, label, fallbackName, variant = 'default' }: { path: string; label: string; fallbackName: string; variant?: string }) {
  const { t } = useTranslation();
  const download = useMutation({ mutationFn: () => downloadFile(path, fallbackName) });
  return (
    <Stack gap={4}>
      <Button variant={variant} size="xs" onClick={() => download.mutate()} loading={download.isPending} aria-label={label}>
        {label}
      </Button>
      <Text size="xs" c="dimmed" aria-live="polite">
        {download.isPending ? t('download.rendering') : ''}
      </Text>
      {download.error && <ErrorNotice error={download.error} />}
    </Stack>
  );
}
