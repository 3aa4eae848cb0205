import { Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { LiveMetrics } from './live-metrics';
import { Metrics } from './metrics';
import { MetricsRepository } from './metrics.repository';

/**
 * GET /metrics in Prometheus's text format, for operators (docs/deploying.md). Not a controller: the route lies outside
 * /api, is mounted before the browser client's pages (src/app.ts), and answers only with METRICS_TOKEN.
 */
@Module({
  providers: [{ provide: Registry, useFactory: () => new Registry() }, MetricsRepository, Metrics, LiveMetrics],
  exports: [LiveMetrics],
})
export class MetricsModule {}
