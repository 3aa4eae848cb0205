import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { AppConfig } from '../config/app-config';
import { DataSource } from 'typeorm';
import { DigestRuns } from './digest-runs';

const TICK = 'digests-tick';

/**
 * The schedule, on pg-boss: a cron every 15 minutes (time zones with half and quarter hours) enqueues one tick; pg-boss
 * keeps one scheduler whatever the number of processes, and a tick is worked by one of them. A tick builds the
 * daily and weekly digests whose period has ended and the reminders whose hour has come; what is done already is
 * skipped by the digest periods and the outbox keys, so a retried or duplicated tick sends nothing twice.
 *
 * Runs only with JOBS=on (the default outside NODE_ENV=test); tests call DigestRuns directly or start it themselves.
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DigestScheduler.name);
  private boss: PgBoss | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly runs: DigestRuns,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.jobs) await this.start();
  }

  async start(cron = '*/15 * * * *'): Promise<void> {
    const boss = new PgBoss({ connectionString: (this.dataSource.options as { url?: string }).url, max: 2, application_name: 'concert-jobs' });
    boss.on('error', (error: Error) => this.logger.error(error.message));
    await boss.start();
    await boss.createQueue(TICK, { name: TICK, policy: 'singleton', retryLimit: 5, retryDelay: 60, retryBackoff: true });
    await boss.schedule(TICK, cron, {}, { tz: 'UTC' });
    await boss.work(TICK, async () => {
      await this.tick(new Date());
    });
    this.boss = boss;
  }

  async tick(asOf: Date): Promise<void> {
    await this.runs.run('daily', asOf);
    await this.runs.run('weekly', asOf);
    await this.runs.runReminders(asOf);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: true, timeout: 10_000 });
  }
}
