import { Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { PageState } from './PageState';
import { formatDate, formatNumber, STATE_LABEL } from '../lib/format';
import { useTranslation } from '../lib/i18n';
import { useIndicatorValues } from '../lib/queries';
import type { CellState, Indicator } from '../lib/types';

// The charting library is the largest part of the commitment page: it loads after the page (and its editor) shows.
const IndicatorBars = lazy(async () => ({ default: (await import('./IndicatorBars')).IndicatorBars }));

/** Values reported per cycle and agency, against the indicator's baseline and target. */
export function IndicatorChart({ indicator }: { indicator: Indicator }) {
  const { t } = useTranslation();
  const values = useIndicatorValues(indicator.id);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Text fw={600}>{indicator.name}</Text>
          <Text size="sm" c="dimmed">
            {t('indicator.range', {
              baseline: formatNumber(indicator.baseline),
              target: formatNumber(indicator.target),
              unit: indicator.unit,
              by: indicator.targetDate ? formatDate(indicator.targetDate) : 'none',
            })}
          </Text>
        </Group>
        <PageState query={values}>
          {(page) => {
            if (page.items.length === 0) return <Text c="dimmed">{t('indicator.none')}</Text>;
            return (
              <>
                <Suspense fallback={<Skeleton h={220} aria-hidden />}>
                  <IndicatorBars indicator={indicator} values={page.items} />
                </Suspense>
                <Table values={page.items} />
              </>
            );
          }}
        </PageState>
      </Stack>
    </Card>
  );
}

/** The same figures as text, for screen readers and for copying. */
function Table({ values }: { values: { id: string; cycleLabel: string; agencyCode: string; value: number; reportState: string }[] }) {
  const { t } = useTranslation();
  return (
    <details>
      <summary>
        <Text span size="sm">
          {t('indicator.figures')}
        </Text>
      </summary>
      <ul>
        {values.map((v) => (
          <li key={v.id}>
            <Text span size="sm">
              {v.cycleLabel}, {v.agencyCode}: {formatNumber(v.value)} ({STATE_LABEL[v.reportState as CellState] ? t(STATE_LABEL[v.reportState as CellState]) : v.reportState})
            </Text>
          </li>
        ))}
      </ul>
    </details>
  );
}
