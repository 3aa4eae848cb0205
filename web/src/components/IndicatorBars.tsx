import '@mantine/charts/styles.layer.css';
import { BarChart } from '@mantine/charts';
import { useDirection } from '@mantine/core';
import { formatNumber } from '../lib/format';
import { useTranslation } from '../lib/i18n';
import type { Indicator } from '../lib/types';

const COLORS = ['blue.6', 'teal.6', 'grape.6', 'orange.6', 'cyan.6', 'pink.6', 'lime.7', 'indigo.6'];

/** An indicator's values as bars per cycle and agency, with its target as a line; mirrored right to left in Arabic. */
export function IndicatorBars({ indicator, values }: { indicator: Indicator; values: { cycleLabel: string; agencyCode: string; value: number }[] }) {
  const { t } = useTranslation();
  const rtl = useDirection().dir === 'rtl';
  const agencies = [...new Set(values.map((v) => v.agencyCode))].sort();
  const cycles = [...new Set(values.map((v) => v.cycleLabel))];
  const data = cycles.map((cycle) => ({
    cycle,
    ...Object.fromEntries(values.filter((v) => v.cycleLabel === cycle).map((v) => [v.agencyCode, v.value])),
  }));
  return (
    <BarChart
      h={220}
      data={data}
      dataKey="cycle"
      withLegend
      series={agencies.map((name, i) => ({ name, color: COLORS[i % COLORS.length] }))}
      referenceLines={[{ y: indicator.target, label: t('indicator.targetLine', { target: formatNumber(indicator.target) }), color: 'red.6' }]}
      valueFormatter={(value) => formatNumber(value)}
      xAxisProps={{ reversed: rtl }}
      yAxisProps={{ orientation: rtl ? 'right' : 'left', domain: [0, Math.ceil(Math.max(indicator.target, ...values.map((v) => v.value)) * 1.1)] }}
      aria-label={t('indicator.chart', { name: indicator.name })}
    />
  );
}
