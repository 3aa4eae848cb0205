import { Center } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice';
import { Loading } from './Loading';

/** Loading and error states of a query, then its content. */
export function PageState<T>({ query, children }: { query: { isPending: boolean; error: unknown; data: T | undefined }; children: (data: T) => ReactNode }) {
  if (query.isPending) {
    return (
      <Center p="xl">
        <Loading />
      </Center>
    );
  }
  if (query.error || query.data === undefined) return <ErrorNotice error={query.error} />;
  return <>{children(query.data)}</>;
}
