import { Injectable } from '@nestjs/common';
import type { Db } from '../database/transactions';
import type { MailResponse, MailSummaryPage, MailSummaryResponse } from './mail.responses';

export type MailKind = 'digest' | 'reminder' | 'invitation' | 'password_reset' | 'mention' | 'action_item';
export type MailStatus = 'pending' | 'sent' | 'failed' | 'held';

/** A mail to write to the outbox; `dedupeKey` makes writing it twice write it once. */
export interface NewMail {
  id: string;
  kind: MailKind;
  dedupeKey: string;
  recipientUserId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** The mail's secret link, sealed until delivery (null: none, or no SMTP to deliver it). */
  sealedSecret: string | null;
  status: 'pending' | 'held';
}

/** A mail as delivery sees it: with its sealed secret link, which no other reader gets. */
export interface MailToDeliver extends MailResponse {
  sealedSecret: string | null;
}

const SUMMARY_COLUMNS = `id, kind, to_address AS "to", subject, status, attempts, last_error AS "lastError",
  created_at AS "createdAt", sent_at AS "sentAt"`;
const VIEW_COLUMNS = `${SUMMARY_COLUMNS}, recipient_user_id AS "recipientUserId", text_body AS text, html_body AS html, headers,
  message_id AS "messageId", next_attempt_at AS "nextAttemptAt"`;

@Injectable()
export class OutboxRepository {
  /** Merge-or-create by key: the id of the new mail, or null when a mail with this key was already written. */
  async insert(tx: Db, mail: NewMail): Promise<string | null> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO mail_outbox (id, kind, dedupe_key, recipient_user_id, to_address, subject, text_body, html_body, headers, sealed_secret, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [mail.id, mail.kind, mail.dedupeKey, mail.recipientUserId, mail.to, mail.subject, mail.text, mail.html, JSON.stringify(mail.headers), mail.sealedSecret, mail.status],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * The next due mail, locked for this transaction; SKIP LOCKED lets several delivery loops (and processes) share
   * the outbox without sending a mail twice.
   */
  async claimDue(tx: Db, dueBy: Date): Promise<MailToDeliver | null> {
    const rows: MailToDeliver[] = await tx.query(
      `SELECT ${VIEW_COLUMNS}, sealed_secret AS "sealedSecret" FROM mail_outbox
        WHERE status = 'pending' AND next_attempt_at <= $1
        ORDER BY next_attempt_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`,
      [dueBy],
    );
    return rows[0] ?? null;
  }

  async markSent(tx: Db, id: string, messageId: string): Promise<void> {
    await tx.query(
      // Once sent, the link is in the addressee's mailbox only.
      `UPDATE mail_outbox SET status = 'sent', attempts = attempts + 1, sent_at = now(), message_id = $2, last_error = NULL, sealed_secret = NULL
        WHERE id = $1`,
      [id, messageId],
    );
  }

  async markRetry(tx: Db, id: string, error: string, retryInMs: number): Promise<void> {
    await tx.query(
      `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3::float8 / 1000)
        WHERE id = $1`,
      [id, error, retryInMs],
    );
  }

  async markFailed(tx: Db, id: string, error: string): Promise<void> {
    // A mail that will never go keeps no secret to go with it.
    await tx.query(`UPDATE mail_outbox SET status = 'failed', attempts = attempts + 1, last_error = $2, sealed_secret = NULL WHERE id = $1`, [
      id,
      error,
    ]);
  }

  /** Mails not yet sent under these keys will not be: they fail with the reason and drop any sealed link; how many. */
  async withdraw(tx: Db, dedupeKeys: string[], reason: string): Promise<number> {
    if (dedupeKeys.length === 0) return 0;
    const [, count]: [unknown, number] = await tx.query(
      `UPDATE mail_outbox SET status = 'failed', last_error = $2, sealed_secret = NULL WHERE dedupe_key = ANY($1::text[]) AND status IN ('pending', 'held')`,
      [dedupeKeys, reason],
    );
    return count;
  }

  /** The recipient of a digest mail and whether its unsubscribe link was used; null for an unknown id. */
  async findForUnsubscribe(db: Db, id: string): Promise<{ recipientUserId: string | null; unsubscribedAt: Date | null } | null> {
    const rows: { recipientUserId: string | null; unsubscribedAt: Date | null }[] = await db.query(
      `SELECT recipient_user_id AS "recipientUserId", unsubscribed_at AS "unsubscribedAt" FROM mail_outbox WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** True the first time only: the link of one mail is used once. */
  async markUnsubscribed(tx: Db, id: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `WITH used AS (UPDATE mail_outbox SET unsubscribed_at = now() WHERE id = $1 AND unsubscribed_at IS NULL RETURNING id) SELECT id FROM used`,
      [id],
    );
    return rows.length === 1;
  }

  async list(db: Db, filter: { status?: MailStatus; kind?: MailKind; limit: number; offset: number }): Promise<MailSummaryPage> {
    const rows: (MailSummaryResponse & { total: string })[] = await db.query(
      `SELECT ${SUMMARY_COLUMNS}, count(*) OVER () AS total FROM mail_outbox
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2)
        ORDER BY created_at DESC, id
        LIMIT $3 OFFSET $4`,
      [filter.status ?? null, filter.kind ?? null, filter.limit, filter.offset],
    );
    const total = rows.length > 0 ? Number(rows[0].total) : filter.offset === 0 ? 0 : await this.count(db, filter);
    return { items: rows.map(({ total: _total, ...mail }) => mail), total };
  }

  private async count(db: Db, filter: { status?: MailStatus; kind?: MailKind }): Promise<number> {
    const rows: { n: string }[] = await db.query(
      `SELECT count(*) AS n FROM mail_outbox WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2)`,
      [filter.status ?? null, filter.kind ?? null],
    );
    return Number(rows[0].n);
  }

  async find(db: Db, id: string): Promise<MailResponse | null> {
    const rows: MailResponse[] = await db.query(`SELECT ${VIEW_COLUMNS} FROM mail_outbox WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }
}
