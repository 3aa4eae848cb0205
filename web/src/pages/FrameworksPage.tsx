import { Anchor, Badge, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { PageState } from '../components/PageState';
import { useTranslation } from '../lib/i18n';
import { useFrameworks } from '../lib/queries';

const KIND: Record<string, string> = {
  programme: 'frameworks.kind.programme',
  theme_group: 'frameworks.kind.theme_group',
  strategy: 'frameworks.kind.strategy',
  decisions: 'frameworks.kind.decisions',
};

export function FrameworksPage() {
  const { t } = useTranslation();
  const frameworks = useFrameworks();
  return (
    <Stack>
      <Title order={2}>{t('nav.frameworks')}</Title>
      <PageState query={frameworks}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">{t('frameworks.none')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {page.items.map((framework) => (
                <Card key={framework.id} withBorder>
                  <Stack gap={4}>
                    <Badge variant="light" w="fit-content">
                      {KIND[framework.kind] ? t(KIND[framework.kind]) : framework.kind}
                      {framework.country ? ` · ${framework.country}` : ''}
                    </Badge>
                    <Anchor component={Link} to={`/frameworks/${framework.id}`} fw={600}>
                      {framework.title}
                    </Anchor>
                    <Text size="sm" c="dimmed" lineClamp={3}>
                      {framework.description}
                    </Text>
                  </Stack>
                </Card>
              ))}
            </SimpleGrid>
          )
        }
      </PageState>
    </Stack>
  );
}
