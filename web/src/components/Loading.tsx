import { Loader, type MantineSize } from '@mantine/core';
import { useTranslation } from '../lib/i18n';

/** The spinner of whatever is on its way (a query, a chunk loaded when first shown), announced as loading. */
export function Loading({ size }: { size?: MantineSize }) {
  const { t } = useTranslation();
  return <Loader size={size} role="status" aria-label={t('common.loading')} />;
}
