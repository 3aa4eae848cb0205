import { Injectable } from '@nestjs/common';
import type { Locale } from '../common/locales';
import type { Db } from '../database/transactions';
import { actionSummarySql } from '../discussions/threads.repository';

export interface ReminderRow {
  userId: string;
  email: string;
  displayName: string;
  /** The language the reader chose; null until they choose. */
  locale: Locale | null;
  agencyCode: string;
  localDate: string;
  commitmentId: string;
  reference: string;
  cycleLabel: string;
  dueOn: string;
  daysLeft: number;
}

/** An action item falling due, for one reader: its assignee, or a focal point of the agency it is assigned to. */
export interface ActionItemReminderRow {
  userId: string;
  email: string;
  displayName: string;
  locale: Locale | null;
  agencyCode: string;
  localDate: string;
  threadId: string;
  summary: string;
  dueOn: string;
  daysLeft: number;
}

/** Days before the due date a reminder goes out (negative: after it, as overdue). */
export const REMINDER_DAYS = [7, 1, -1] as const;

/**
 * A reader's reminder hour (their digest hour, 07:00 without preferences) and the time in their time zone, from their
 * digest_preferences row `p` (joined LEFT) and the run's instant $1.
 */
const READER_CLOCK = `COALESCE(p.hour, 7) AS hour, ($1::timestamptz AT TIME ZONE COALESCE(p.time_zone, 'UTC')) AS now_local`;

/** The reader of row `r` (its user_id, hour and now_local) is past their hour today, and today's reminder has not gone. */
const reminderHourCame = (r: string) => `extract(hour FROM ${r}.now_local) >= ${r}.hour
          AND NOT EXISTS (SELECT 1 FROM mail_outbox m WHERE m.dedupe_key = 'reminder:' || ${r}.user_id || ':' || to_char(${r}.now_local, 'YYYY-MM-DD'))`;

@Injectable()
export class RemindersRepository {
  /**
   * Focal points whose local hour has come on a day a report of their agency is due in 7 days, due tomorrow or was
   * due yesterday, without a submitted or accepted report; one reminder mail per (focal point, local day), so each
   * reminder goes once. Their digest hour and time zone are used (07:00 UTC without preferences).
   */
  due(db: Db, asOf: Date): Promise<ReminderRow[]> {
    return db.query(
      `WITH fp AS (
         SELECT u.id AS user_id, u.email, u.display_name, u.locale, u.agency_id, a.code AS agency_code, ${READER_CLOCK}
           FROM users u
           JOIN agencies a ON a.id = u.agency_id
           LEFT JOIN digest_preferences p ON p.user_id = u.id
          WHERE u.active AND u.role = 'focal_point'
       )
       SELECT fp.user_id AS "userId", fp.email, fp.display_name AS "displayName", fp.locale, fp.agency_code AS "agencyCode",
              to_char(fp.now_local, 'YYYY-MM-DD') AS "localDate", c.id AS "commitmentId", c.reference,
              rc.label AS "cycleLabel", to_char(rc.due_on, 'YYYY-MM-DD') AS "dueOn", (rc.due_on - fp.now_local::date) AS "daysLeft"
         FROM fp
         JOIN commitment_agencies ca ON ca.agency_id = fp.agency_id
         JOIN commitments c ON c.id = ca.commitment_id AND c.archived_at IS NULL
         JOIN reporting_cycles rc ON rc.framework_id = c.framework_id AND rc.archived_at IS NULL
                                  AND (rc.due_on - fp.now_local::date) = ANY($2::int[])
        WHERE ${reminderHourCame('fp')}
          AND NOT EXISTS (SELECT 1 FROM activity_reports ar WHERE ar.commitment_id = c.id AND ar.agency_id = fp.agency_id
                             AND ar.cycle_id = rc.id AND ar.state IN ('submitted', 'accepted'))
        ORDER BY fp.user_id, rc.due_on, length(c.reference), c.reference`,
      [asOf, REMINDER_DAYS],
    );
  }

  /**
   * Action items not done, due in 7 days, due tomorrow, or overdue (up to 30 days), for their assignee and the focal
   * points of the agency they are assigned to, at the reader's local hour; not where today's reminder went already.
   */
  actionItemsDue(db: Db, asOf: Date): Promise<ActionItemReminderRow[]> {
    return db.query(
      `WITH readers AS (
         SELECT t.id AS thread_id, t.action_due_on, u.id AS user_id
           FROM discussion_threads t
           JOIN users u ON u.active AND (u.id = t.action_user_id OR (u.agency_id = t.action_agency_id AND u.role = 'focal_point'))
          WHERE t.action_agency_id IS NOT NULL AND t.action_done_at IS NULL
       ), local AS (
         SELECT r.*, u.email, u.display_name, u.locale, a.code AS agency_code, ${READER_CLOCK}
           FROM readers r
           JOIN users u ON u.id = r.user_id
           JOIN agencies a ON a.id = u.agency_id
           LEFT JOIN digest_preferences p ON p.user_id = u.id
       )
       SELECT l.user_id AS "userId", l.email, l.display_name AS "displayName", l.locale, l.agency_code AS "agencyCode",
              to_char(l.now_local, 'YYYY-MM-DD') AS "localDate", l.thread_id AS "threadId",
              ${actionSummarySql('l.thread_id')} AS summary,
              to_char(l.action_due_on, 'YYYY-MM-DD') AS "dueOn", (l.action_due_on - l.now_local::date) AS "daysLeft"
         FROM local l
        WHERE ${reminderHourCame('l')}
          AND ((l.action_due_on - l.now_local::date) IN (7, 1) OR (l.action_due_on - l.now_local::date) BETWEEN -30 AND -1)
        ORDER BY l.user_id, l.action_due_on, l.thread_id`,
      [asOf],
    );
  }
}
