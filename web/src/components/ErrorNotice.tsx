import { Alert } from '@mantine/core';
import { errorHeading, errorMessage } from '../lib/errors';
import { useTranslation } from '../lib/i18n';

/** An error from the API, in words (the user's language: each error code has its catalogue message). */
export function ErrorNotice({ error, title, messages }: { error: unknown; title?: string; messages?: Record<string, string> }) {
  useTranslation(); // shown again in the new language when it changes
  return (
    <Alert color="red" title={title ?? errorHeading(error)} role="alert" variant="light">
      {errorMessage(error, messages)}
    </Alert>
  );
}
