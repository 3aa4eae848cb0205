import { Alert } from '@mantine/core';
import { ApiError } from '../lib/api';

/** An error from the API, in words. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : 'Something went wrong.';
  const heading =
    title ??
    (error instanceof ApiError && error.status === 403
      ? 'Not allowed'
      : error instanceof ApiError && error.status === 404
        ? 'Not found'
        : error instanceof ApiError && error.status === 409
          ? 'Could not save'
          : 'Something went wrong');
  return (
    <Alert color="red" title={heading} role="alert" variant="light">
      {message}
    </Alert>
  );
}
