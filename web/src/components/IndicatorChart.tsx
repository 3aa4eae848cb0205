import { BarChart } from '@mantine/charts';
import { Card, Group, Stack, Text } from '@mantine/core';
import { PageState } from './PageState';
import { formatDate } from '../lib/format';
import { useIndicatorValues } from '../lib/queries';
import type { Indicator } from '../lib/types';

const COLORS = ['blue.6', 'teal.6', 'grape.6', 'orange.6', 'cyan.6', 'pink.6', 'lime.7', 'indigo.6'];

/** Values reported per cycle and agency, against the indicator's baseline and target. */
export function IndicatorChart({ indicator }: { indicator: Indicator }) {
  const values = useIndicatorValues(indicator.id);
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Text fw={600}>{indicator.name}</Text>
          <Text size="sm" c="dimmed">
            baseline {indicator.baseline} → target {indicator.target} {indicator.unit}
            {indicator.targetDate ? ` by ${formatDate(indicator.targetDate)}` : ''}
          </Text>
        </Group>
        <PageState query={values}>
          {(page) => {
            if (page.items.length === 0) return <Text c="dimmed">No value reported yet.</Text>;
            const agencies = [...new Set(page.items.map((v) => v.agencyCode))].sort();
            const cycles = [...new Set(page.items.map((v) => v.cycleLabel))];
            const data = cycles.map((cycle) => ({
              cycle,
              ...Object.fromEntries(page.items.filter((v) => v.cycleLabel === cycle).map((v) => [v.agencyCode, v.value])),
            }));
            return (
              <>
                <BarChart
                  h={220}
                  data={data}
                  dataKey="cycle"
                  withLegend
                  series={agencies.map((name, i) => ({ name, color: COLORS[i % COLORS.length]! }))}
                  referenceLines={[{ y: indicator.target, label: `Target ${indicator.target}`, color: 'red.6' }]}
                  yAxisProps={{ domain: [0, Math.ceil(Math.max(indicator.target, ...page.items.map((v) => v.value)) * 1.1)] }}
                  aria-label={`${indicator.name}: values by cycle and agency`}
                />
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
  return (
    <details>
      <summary>
        <Text span size="sm">
          The figures
        </Text>
      </summary>
      <ul>
        {values.map((v) => (
          <li key={v.id}>
            <Text span size="sm">
              {v.cycleLabel}, {v.agencyCode}: {v.value} ({v.reportState})
            </Text>
          </li>
        ))}
      </ul>
    </details>
  );
}
