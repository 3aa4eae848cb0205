import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import type { SecretBox } from '../common/secret-box';
import { escapeHtml } from './html';
import { mailSecretBox, REDACTED_LINK, withSecretLink } from './outbox';
import { type MailToDeliver, OutboxRepository } from './outbox.repository';

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
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  /** The first retry's delay; tests shorten it. */
  retryBaseMs = 30_000;
  pollEveryMs = 5_000;
  private readonly secrets: SecretBox;

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxRepository,
  ) {
    this.secrets = mailSecretBox(config);
  }

  /** With JOBS on and SMTP_URL set, a loop delivers what is due every few seconds. */
  onApplicationBootstrap(): void {
    if (!this.config.jobs || !this.config.smtpUrl) return;
    this.timer = setInterval(() => void this.deliverDue().catch((e: unknown) => this.logger.error(String(e))), this.pollEveryMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Sends every mail due now; how many were sent. One pass at a time per process. */
  deliverDue(): Promise<number> {
    this.running ??= this.deliverAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async deliverAll(): Promise<number> {
    if (!this.config.smtpUrl) return 0;
    // Only what was due when the pass began: a mail put off by a failure waits for a later pass.
    const dueBy = new Date();
    // A few lanes, each claiming the next mail (SKIP LOCKED) over its own connection of the pooled transport: one
    // connection at a time spent most of its time waiting for the SMTP server's answers (bench:digests).
    // The connections last for the pass: none is left open between passes (the SMTP server would time it out).
    const transport = nodemailer.createTransport(withPool(this.config.smtpUrl), { from: this.config.mailFrom });
    try {
      const lanes = await Promise.all(Array.from({ length: SMTP_CONNECTIONS }, () => this.deliverLane(transport, dueBy)));
      return lanes.reduce((sum, sent) => sum + sent, 0);
    } finally {
      transport.close();
    }
  }

  private async deliverLane(transport: Transporter, dueBy: Date): Promise<number> {
    let sent = 0;
    for (;;) {
      const outcome = await this.transactions.run(async (tx) => {
        const mail = await this.outbox.claimDue(tx, dueBy);
        if (!mail) return 'none' as const;
        try {
          const messageId = await this.send(transport, mail);
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

  /** The secret link goes into the message here, at the last moment, and nowhere else. */
  private async send(transport: Transporter, mail: MailToDeliver): Promise<string> {
    const { 'Message-ID': messageId, ...headers } = mail.headers;
    const link = mail.sealedSecret === null ? REDACTED_LINK : this.openSecret(mail.sealedSecret);
    const info = (await transport.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: withSecretLink(mail.text, link),
      html: withSecretLink(mail.html, escapeHtml(link)),
      messageId,
      headers,
    })) as { messageId?: string };
    return info.messageId ?? messageId;
  }

  private openSecret(sealed: string): string {
    try {
      return this.secrets.open(sealed);
    } catch {
      // Sealed under another MAIL_SECRET_KEY (or altered): sending it without its link would only confuse the addressee.
      throw new UnreadableSecretError();
    }
  }
}

/** Mails sent at once, each over its own SMTP connection (kept open between mails by nodemailer's pool). */
const SMTP_CONNECTIONS = 4;

/** SMTP_URL with nodemailer's pool turned on, unless the URL says otherwise. */
function withPool(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', String(SMTP_CONNECTIONS));
  return url.toString();
}

/** Permanent: the mail is recorded as failed, and the person asks for a new link. */
class UnreadableSecretError extends Error {
  readonly responseCode = 554;
  constructor() {
    super('The sealed link of this mail cannot be opened (MAIL_SECRET_KEY changed?); ask for a new link.');
  }
}
