import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from '../lib/i18n';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('notFound.title')}</Title>
      <Text>
        {t('notFound.text')}{' '}
        <Anchor component={Link} to="/">
          {t('notFound.toDashboard')}
        </Anchor>
      </Text>
    </Stack>
  );
}
