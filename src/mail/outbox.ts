import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import type { Db } from '../database/transactions';
import { type MailKind, OutboxRepository } from './outbox.repository';
import { UnsubscribeTokens } from './unsubscribe-tokens';

export interface OutgoingMail {
  kind: MailKind;
  /** Writing a mail with a key already in the outbox writes nothing: a digest's key is its (recipient, period). */
  dedupeKey: string;
  recipient: { userId: string | null; email: string };
  subject: string;
  /** The plain-text and HTML parts (HTML built with `html`, escaped templates), given the unsubscribe link if any. */
  render(unsubscribeUrl: string | null): { text: string; html: string };
  /** A digest carries List-Id and a one-click unsubscribe link; a reminder a List-Id. */
  list?: { name: string; unsubscribe: boolean };
}

/**
 * The one way Concert sends mail: write it to the outbox in the caller's transaction (so that it exists exactly when
 * what caused it does); the delivery loop sends it. Without SMTP_URL it is held: the outbox is the mailbox.
 */
@Injectable()
export class Outbox {
  readonly tokens: UnsubscribeTokens;
  private readonly host: string;

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
  ) {
    this.tokens = new UnsubscribeTokens(config.sessionSecret);
    this.host = new URL(config.publicUrl).hostname;
  }

  /** The mail's id, or null when a mail with the same key was already written. */
  async enqueue(tx: Db, mail: OutgoingMail): Promise<string | null> {
    const id = randomUUID();
    const headers: Record<string, string> = { 'Message-ID': `<${id}@${this.host}>` };
    let unsubscribeUrl: string | null = null;
    if (mail.list) {
      headers['List-Id'] = `${mail.list.name} <${mail.kind}s.${this.host}>`;
      if (mail.list.unsubscribe && mail.recipient.userId) {
        unsubscribeUrl = this.unsubscribeUrl(this.tokens.sign(id, mail.recipient.userId));
        headers['List-Unsubscribe'] = `<${unsubscribeUrl}>`;
        headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      }
    }
    const body = mail.render(unsubscribeUrl);
    return this.outbox.insert(tx, {
      id,
      kind: mail.kind,
      dedupeKey: mail.dedupeKey,
      recipientUserId: mail.recipient.userId,
      to: mail.recipient.email,
      subject: mail.subject,
      text: body.text,
      html: body.html,
      headers,
      status: this.config.smtpUrl ? 'pending' : 'held',
    });
  }

  unsubscribeUrl(token: string): string {
    return `${this.config.publicUrl}/api/digests/unsubscribe?token=${encodeURIComponent(token)}`;
  }
}
