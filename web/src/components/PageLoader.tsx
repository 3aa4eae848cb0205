import { Center, Loader } from '@mantine/core';
import { useTranslation } from '../lib/i18n';

/** Shown while a page's chunk (or the session) loads. */
export function PageLoader({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center h="50vh">
      <Loader role="status" aria-label={label ?? t('common.loadingConcert')} />
    </Center>
  );
}
