import { Injectable } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';

/**
 * What only the live-document code can measure, handed over as it happens: the collaboration module calls it where
 * the event happens, and the scrape reads it. Until DurableWrites calls acknowledged(), the histogram stays empty.
 */
@Injectable()
export class LiveMetrics {
  private readonly ackLatency: Histogram;

  constructor(registry: Registry) {
    this.ackLatency = new Histogram({
      name: 'concert_durable_write_ack_seconds',
      help: "Time from an update handed to the durable writer to its INSERT's commit, when its sender is acknowledged",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  /** An update handed over at `handedAtMs` (a performance.now() reading) has been stored and acknowledged. */
  acknowledged(handedAtMs: number): void {
    this.ackLatency.observe((performance.now() - handedAtMs) / 1000);
  }
}
