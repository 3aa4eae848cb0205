import { Injectable } from '@nestjs/common';
import type { Locale } from '../common/locales';
import type { Db } from '../database/transactions';
import { MENTION_FACTS_SQL, type MentionFacts } from './discussion-mail-texts';
import type { MentionMail } from './discussions.dto';
import type { NotificationContent, NotificationKind, NotificationParams } from './notification-params';

export type { NotificationKind } from './notification-params';
export const NOTIFICATION_KINDS = ['mention', 'reply', 'action_assigned', 'action_due'] as const satisfies readonly NotificationKind[];

/** A notification as its reader gets it: its kind and parameters (`params`), and the same in English (`summary`). */
export type NotificationView = NotificationContent & {
  id: string;
  threadId: string | null;
  commentId: string | null;
  summary: string;
  /** Where in the app it leads (a path). */
  url: string;
  read: boolean;
  createdAt: Date;
};

/** A notification to write: its kind with its parameters, and its English sentence. */
export type NewNotification = { [K in NotificationKind]: { kind: K; params: NotificationParams[K] } }[NotificationKind] & {
  userId: string;
  threadId: string | null;
  commentId: string | null;
  summary: string;
  url: string;
  /** Given where the same notification must be written once only (an action item falling due, per day). */
  dedupeKey?: string;
};

/** A mention not mailed yet, with its reader's address and language, and what it is told from. */
export interface UnmailedMention extends MentionFacts {
  id: string;
  email: string;
  displayName: string;
  locale: Locale | null;
  createdAt: string;
}

const VIEW = `id, kind, params, thread_id AS "threadId", comment_id AS "commentId", summary, url, read_at IS NOT NULL AS read, created_at AS "createdAt"`;

/** Each user's notifications, and their preferences (mention mail). */
@Injectable()
export class NotificationsRepository {
  /** Written in the caller's transaction; the insert trigger announces each one (concert_notifications) once committed. */
  async insert(tx: Db, notifications: readonly NewNotification[]): Promise<void> {
    if (notifications.length === 0) return;
    await tx.query(
      `INSERT INTO notifications (user_id, kind, thread_id, comment_id, summary, url, dedupe_key, params)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`,
      [
        notifications.map((n) => n.userId),
        notifications.map((n) => n.kind),
        notifications.map((n) => n.threadId),
        notifications.map((n) => n.commentId),
        notifications.map((n) => n.summary),
        notifications.map((n) => n.url),
        notifications.map((n) => n.dedupeKey ?? null),
        notifications.map((n) => JSON.stringify(n.params)),
      ],
    );
  }

  list(db: Db, userId: string, unreadOnly: boolean): Promise<NotificationView[]> {
    return db.query(
      `SELECT ${VIEW} FROM notifications WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL) ORDER BY created_at DESC, id DESC LIMIT 100`,
      [userId, unreadOnly],
    );
  }

  async find(db: Db, id: string): Promise<(NotificationView & { userId: string }) | null> {
    const rows: (NotificationView & { userId: string })[] = await db.query(`SELECT ${VIEW}, user_id AS "userId" FROM notifications WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async unreadCount(db: Db, userId: string): Promise<number> {
    const [row]: { count: number }[] = await db.query(`SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return row.count;
  }

  /** Marks the user's own notifications read (some, or all); another user's ids change nothing. */
  async markRead(tx: Db, userId: string, ids: readonly string[] | 'all'): Promise<void> {
    await tx.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2))`,
      [userId, ids === 'all' ? null : ids],
    );
  }

  /**
   * The mentions of a user not mailed yet, locked so that two runs of the mail job cannot both take them. Only the
   * last day's: mentions made while the user's preference said digest or off are not mailed later.
   */
  lockUnmailedMentions(tx: Db, userId: string): Promise<UnmailedMention[]> {
    return tx.query(
      `SELECT n.id, u.email, u.display_name AS "displayName", u.locale, n.summary, n.url, n.created_at AS "createdAt", ${MENTION_FACTS_SQL.columns}
         FROM notifications n JOIN users u ON u.id = n.user_id AND u.active
         ${MENTION_FACTS_SQL.joins}
        WHERE n.user_id = $1 AND n.kind = 'mention' AND n.mailed_at IS NULL AND n.created_at > now() - interval '1 day'
        ORDER BY n.created_at, n.id
        FOR UPDATE OF n SKIP LOCKED`,
      [userId],
    );
  }

  async markMailed(tx: Db, ids: readonly string[]): Promise<void> {
    await tx.query(`UPDATE notifications SET mailed_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async mentionMail(db: Db, userIds: readonly string[]): Promise<Map<string, MentionMail>> {
    const rows: { userId: string; mentionMail: MentionMail }[] = await db.query(
      `SELECT id AS "userId", COALESCE(p.mention_mail, 'immediately') AS "mentionMail"
         FROM users u LEFT JOIN user_preferences p ON p.user_id = u.id WHERE u.id = ANY($1::uuid[])`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.userId, r.mentionMail]));
  }

  async preferences(db: Db, userId: string): Promise<{ mentionMail: MentionMail; version: number }> {
    const rows: { mentionMail: MentionMail; version: number }[] = await db.query(
      `SELECT mention_mail AS "mentionMail", version FROM user_preferences WHERE user_id = $1`,
      [userId],
    );
    return rows[0] ?? { mentionMail: 'immediately', version: 0 };
  }

  /** Merge-or-create of the user's preferences: only the fields given change. */
  async savePreferences(tx: Db, userId: string, change: { mentionMail?: MentionMail }): Promise<void> {
    await tx.query(
      `INSERT INTO user_preferences (user_id, mention_mail) VALUES ($1, COALESCE($2, 'immediately'))
       ON CONFLICT (user_id) DO UPDATE SET mention_mail = COALESCE($2, user_preferences.mention_mail),
                                           version = user_preferences.version + 1, updated_at = now()`,
      [userId, change.mentionMail ?? null],
    );
  }
}
