import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The two backlogs an operator watches, read on each scrape. The mail outbox is the mail module's table and the job
 * queue is pg-boss's: read here, one count each, because a scrape must not depend on those modules' services.
 */
@Injectable()
export class MetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Mails waiting for delivery (the outbox delivery loop's backlog). */
  async pendingMails(): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM mail_outbox WHERE status = 'pending'`);
    return row?.count ?? 0;
  }

  /**
   * Seconds the oldest due pg-boss job has waited for a worker (0: none waiting). pg-boss creates its schema when a
   * process with JOBS=on starts; before that there is no queue, so no lag.
   */
  async oldestDueJobAgeSeconds(): Promise<number> {
    const [queue] = await this.dataSource.query<{ exists: boolean }[]>(`SELECT to_regclass('pgboss.job') IS NOT NULL AS exists`);
    if (!queue?.exists) return 0;
    const [row] = await this.dataSource.query<{ seconds: number | null }[]>(
      `SELECT extract(epoch FROM now() - min(start_after))::float8 AS seconds
         FROM pgboss.job WHERE state IN ('created', 'retry') AND start_after <= now()`,
    );
    return Math.max(0, row?.seconds ?? 0);
  }
}
