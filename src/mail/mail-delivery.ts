import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { type MailView, OutboxRepository } from './outbox.repository';

/** After this many attempts a mail that still fails for a passing reason is recorded as failed. */
export const MAX_ATTEMPTS = 8;

/** Exponential: 30 s, 1 min, 2 min, … capped at one hour. */
export function backoffMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), 60 * 60_000);
}

/** A 5xx answer is the server's final word (unknown mailbox, refused content); anything else may pass. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Delivers the outbox to SMTP_URL. Each mail is sent while its row is locked (SELECT … FOR UPDATE SKIP LOCKED), and
 * marked sent in the same transaction, so that several loops and processes never send one mail twice; a process
 * that dies between the SMTP answer and its commit sends that one mail again (with the same Message-ID), which is
 * the most any SMTP client can promise.
 */
@Injectable()
export class MailDelivery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailDelivery.name);
  private transport: Transporter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  /** The first retry's delay; tests shorten it. */
  retryBaseMs = 30_000;
  pollEveryMs = 5_000;

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxRepository,
  ) {}

  /** With JOBS on and SMTP_URL set, a loop delivers what is due every few seconds. */
  onApplicationBootstrap(): void {
    if (!this.config.jobs || !this.config.smtpUrl) return;
    this.timer = setInterval(() => void this.deliverDue().catch((e: unknown) => this.logger.error(String(e))), this.pollEveryMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    this.transport?.close();
  }

  /** Sends every mail due now; how many were sent. One pass at a time per process. */
  deliverDue(): Promise<number> {
    this.running ??= this.deliverAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async deliverAll(): Promise<number> {
    if (!this.config.smtpUrl) return 0;
    let sent = 0;
    // Only what was due when the pass began: a mail put off by a failure waits for a later pass.
    const dueBy = new Date();
    for (;;) {
      const outcome = await this.transactions.run(async (tx) => {
        const mail = await this.outbox.claimDue(tx, dueBy);
        if (!mail) return 'none' as const;
        try {
          const messageId = await this.send(mail);
          await this.outbox.markSent(tx, mail.id, messageId);
          return 'sent' as const;
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          const attempt = mail.attempts + 1;
          if (isPermanent(error) || attempt >= MAX_ATTEMPTS) {
            await this.outbox.markFailed(tx, mail.id, reason);
            this.logger.error(`Mail ${mail.id} to ${mail.to} failed for good after ${attempt} attempt(s): ${reason}`);
          } else {
            await this.outbox.markRetry(tx, mail.id, reason, backoffMs(attempt, this.retryBaseMs));
          }
          return 'retry' as const;
        }
      });
      if (outcome === 'none') return sent;
      if (outcome === 'sent') sent += 1;
    }
  }

  private async send(mail: MailView): Promise<string> {
    this.transport ??= nodemailer.createTransport(this.config.smtpUrl, { from: this.config.mailFrom });
    const { 'Message-ID': messageId, ...headers } = mail.headers;
    const info = (await this.transport.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId,
      headers,
    })) as { messageId?: string };
    return info.messageId ?? messageId;
  }
}
