import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { type Db, Transactions } from '../database/transactions';
import { Outbox } from '../mail/outbox';
import { mentionHtml, mentionSubject, mentionText } from './discussion-mail';
import { describeMention } from './discussion-mail-texts';
import { NotificationsRepository } from './notifications.repository';

const QUEUE = 'mention-mail';

/**
 * One mail per burst of mentions: the first mention of a user queues a pg-boss job that runs `burstSeconds` later
 * (the queue's `short` policy keeps at most one queued job per user, so the mentions that follow join it); the job
 * mails every mention of that user not mailed yet, and marks them mailed in the same transaction as the mail.
 * The job is queued in the transaction of the comment that mentions, so it exists exactly when the mention does.
 *
 * Runs only with JOBS=on (the default outside NODE_ENV=test); tests start it themselves.
 */
@Injectable()
export class MentionMail implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MentionMail.name);
  private boss: PgBoss | undefined;
  /** How long a burst of mentions is gathered before its one mail goes. */
  burstSeconds = 60;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly notifications: NotificationsRepository,
    private readonly outbox: Outbox,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.jobs) await this.start();
  }

  async start(): Promise<void> {
    const boss = new PgBoss({ connectionString: (this.dataSource.options as { url?: string }).url, max: 2, application_name: 'concert-mention-mail' });
    boss.on('error', (error: Error) => this.logger.error(error.message));
    await boss.start();
    await boss.createQueue(QUEUE, { name: QUEUE, policy: 'short', retryLimit: 5, retryDelay: 30, retryBackoff: true });
    await boss.work<{ userId: string }>(QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
      await this.send(job.data.userId);
    });
    this.boss = boss;
  }

  /** Queues the mail of each user's burst in the caller's transaction (nothing when the job queue is not running). */
  async schedule(tx: Db, userIds: readonly string[]): Promise<void> {
    if (!this.boss) return;
    const db = { executeSql: async (text: string, values: unknown[]) => ({ rows: await tx.query<unknown[]>(text, values) }) };
    for (const userId of userIds) {
      await this.boss.send(QUEUE, { userId }, { singletonKey: userId, startAfter: this.burstSeconds, db });
    }
  }

  /** Mails the user's mentions not mailed yet, in one mail, if their preference still says so. */
  async send(userId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const mentions = await this.notifications.lockUnmailedMentions(tx, userId);
      if (mentions.length === 0) return;
      const preference = (await this.notifications.mentionMail(tx, [userId])).get(userId) ?? 'immediately';
      if (preference === 'immediately') {
        const locale = mentions[0].locale ?? 'en';
        const lines = mentions.map((m) => ({ summary: describeMention(locale, m), url: `${this.config.publicUrl}${m.url}` }));
        const settings = `${this.config.publicUrl}/settings`;
        const reader = mentions[0].displayName;
        await this.outbox.enqueue(tx, {
          kind: 'mention',
          dedupeKey: `mention:${userId}:${mentions[0].id}`,
          recipient: { userId, email: mentions[0].email },
          subject: mentionSubject(locale, lines),
          render: () => ({ text: mentionText(locale, reader, lines, settings), html: mentionHtml(locale, reader, lines, settings) }),
        });
      }
      // Handled either way: a preference of digest or off means no mail for these.
      await this.notifications.markMailed(tx, mentions.map((m) => m.id));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: true, timeout: 10_000 });
  }
}
