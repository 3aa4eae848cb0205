import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SecretBox } from '../common/secret-box';
import { AppConfig } from '../config/app-config';
import type { Db } from '../database/transactions';
import { MailNotConfiguredError } from './mail.errors';
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
  /**
   * A link that carries a secret (an invitation, a password reset), written into the text and HTML as SECRET_LINK.
   * It is sealed beside the mail until delivery and never stored readable; without SMTP it is printed once on the
   * development console, and in production it is refused (MailNotConfiguredError).
   */
  secretLink?: string;
}

/** Where a mail's secret link goes: the outbox keeps this placeholder; delivery puts the link in its place. */
export const SECRET_LINK = '{{secret-link}}';
/** What the secretariat's mailbox shows in the link's place. */
export const REDACTED_LINK = '[link sent to the addressee only]';

/**
 * The one way Concert sends mail: write it to the outbox in the caller's transaction (so that it exists exactly when
 * what caused it does); the delivery loop sends it. Without SMTP_URL it is held: the outbox is the mailbox.
 */
@Injectable()
export class Outbox {
  readonly tokens: UnsubscribeTokens;
  private readonly host: string;
  private readonly secrets: SecretBox;

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
  ) {
    this.tokens = new UnsubscribeTokens(config.sessionSecret);
    this.host = new URL(config.publicUrl).hostname;
    this.secrets = mailSecretBox(config);
  }

  /** Throws MailNotConfiguredError where a secret link could not be delivered (production without SMTP_URL). */
  assertCanSendSecretLinks(): void {
    if (!this.config.smtpUrl && this.config.production) throw new MailNotConfiguredError();
  }

  /** The mail's id, or null when a mail with the same key was already written. */
  async enqueue(tx: Db, mail: OutgoingMail): Promise<string | null> {
    if (mail.secretLink !== undefined) this.assertCanSendSecretLinks();
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
    const sealedSecret = mail.secretLink !== undefined && this.config.smtpUrl ? this.secrets.seal(mail.secretLink) : null;
    const written = await this.outbox.insert(tx, {
      id,
      kind: mail.kind,
      dedupeKey: mail.dedupeKey,
      recipientUserId: mail.recipient.userId,
      to: mail.recipient.email,
      subject: mail.subject,
      text: body.text,
      html: body.html,
      headers,
      sealedSecret,
      status: this.config.smtpUrl ? 'pending' : 'held',
    });
    if (written && mail.secretLink !== undefined && !this.config.smtpUrl) {
      // Development without SMTP: the one place the link is ever shown, once, to whoever runs the server.
      // A plain line on the console, not a log record: it is meant for the person at the terminal, not for log storage.
      process.stdout.write(`[mail] No SMTP_URL: the ${mail.kind.replace('_', ' ')} link for ${mail.recipient.email} is ${mail.secretLink}\n`);
    }
    return written;
  }

  /** Withdraws the unsent mails written under these keys (an invitation revoked before its mail went out, say). */
  withdraw(tx: Db, dedupeKeys: string[], reason: string): Promise<number> {
    return this.outbox.withdraw(tx, dedupeKeys, reason);
  }

  unsubscribeUrl(token: string): string {
    return `${this.config.publicUrl}/api/digests/unsubscribe?token=${encodeURIComponent(token)}`;
  }
}

/** The box the outbox seals secret links in, and delivery opens them from. */
export function mailSecretBox(config: AppConfig): SecretBox {
  return new SecretBox(config.mailSecretKey, 'mail-secret-link-v1');
}

/** A mail's text or HTML with its secret link in place (delivery) or redacted (anyone else who reads the outbox). */
export function withSecretLink(body: string, link: string): string {
  return body.split(SECRET_LINK).join(link);
}
