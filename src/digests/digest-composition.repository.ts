import { Injectable } from '@nestjs/common';
import type { Locale } from '../common/locales';
import type { Db } from '../database/transactions';
import { MENTION_FACTS_SQL, type MentionFacts } from '../discussions/discussion-mail-texts';
import { actionSummarySql } from '../discussions/threads.repository';
import type { DigestFrequency } from './digests.dto';

/** A user whose digest period has ended and is not done yet. */
export interface DuePeriod {
  userId: string;
  email: string;
  displayName: string;
  agencyId: string;
  agencyCode: string;
  timeZone: string;
  /** The language the reader chose; null until they choose (their digest is in English). */
  locale: Locale | null;
  periodStart: Date;
  periodEnd: Date;
  /** The user's local date at the end of the period, YYYY-MM-DD: deadlines are counted from it. */
  localDate: string;
}

export interface DigestEvent {
  id: string;
  action: string;
  summary: string;
  occurredAt: string;
  actor: string | null;
  actorAgency: string | null;
  entityType: string;
  entityId: string;
  /** The event's fields and the names it refers to, from which a digest tells it in the reader's language. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** An activity report's agency (the event's, or its thread's) and a report's (activity or consolidated) cycle. */
  reportAgency: string | null;
  cycleLabel: string | null;
  /** What a thread event's thread is on. */
  threadOn: 'commitment_report' | 'activity_report' | null;
  /** A thread event's comment, unless deleted since. */
  comment: string | null;
  /** An action item's assignee, when a person. */
  assigneeName: string | null;
}

export interface DigestTextEdit {
  entityType: string;
  entityId: string;
  firstEventId: string;
  lastEventId: string;
  editors: string[];
  events: number;
  /** The activity report's agency, when the text is an activity report's. */
  reportAgency: string | null;
  lastAt: string;
}

/** One commitment's changes for one reader. */
export interface DigestCommitmentRow {
  userId: string;
  frameworkId: string;
  frameworkCode: string;
  frameworkTitle: string;
  commitmentId: string;
  reference: string;
  title: string;
  /** Why the reader gets it: commitment, framework, lead, contributing. */
  reasons: string[];
  events: DigestEvent[];
  edits: DigestTextEdit[];
}

export interface DeadlineRow {
  userId: string;
  commitmentId: string;
  reference: string;
  cycleLabel: string;
  dueOn: string;
  /** Days from the reader's local date to the due date: negative when missed. */
  daysLeft: number;
}

/** An open action item of a reader's agency, due within a week or overdue, for the digest. */
export interface DigestActionItemRow {
  userId: string;
  threadId: string;
  /** The thread's first comment, the item's wording. */
  summary: string;
  dueOn: string;
  /** Days from the reader's local date to the due date: negative when missed. */
  daysLeft: number;
}

/** A framework's own news for one reader (a consolidated report issued), outside any commitment. */
export interface DigestFrameworkNewsRow {
  userId: string;
  frameworkId: string;
  frameworkCode: string;
  frameworkTitle: string;
  /** Why the reader gets it: framework (follows it), participant (their agency takes part in it). */
  reasons: string[];
  events: DigestEvent[];
}

/** The framework-level events a digest carries: an edition of a consolidated report issued. */
export const FRAMEWORK_DIGEST_ACTIONS = ['issued'] as const;

/**
 * The events a digest is made of; the rest (indicator tweaks, creations, resolved threads) stay in the feed. New
 * threads and replies (discussions, issue 12) are in it for the items the reader follows.
 */
export const DIGEST_ACTIONS = ['status_changed', 'submitted', 'returned', 'accepted', 'reopened', 'text_edited', 'thread_opened', 'comment_added', 'action_set'] as const;

const STEP: Record<DigestFrequency, string> = { daily: '1 day', weekly: '7 days' };

/**
 * Composition in set-based SQL: one query finds every due (user, period), one builds every reader's changes grouped by
 * commitment, one their agency's deadlines; no query per user or per event.
 */
@Injectable()
export class DigestCompositionRepository {
  /**
   * The last period of each user of this frequency that ended at or before `asOf` (at the user's local hour, in the
   * user's time zone: a day across a daylight-saving change lasts 23 or 25 hours), unless it is done already. A period
   * starts where the user's previous one ended (at most four periods back), so a missed run leaves no gap.
   */
  due(db: Db, frequency: DigestFrequency, asOf: Date, userIds?: readonly string[]): Promise<DuePeriod[]> {
    return db.query(
      `WITH local AS (
         SELECT p.user_id, p.time_zone, p.hour, ($2::timestamptz AT TIME ZONE p.time_zone) AS now_local
           FROM digest_preferences p
           JOIN users u ON u.id = p.user_id AND u.active
          WHERE p.frequency = $1 AND ($4::uuid[] IS NULL OR p.user_id = ANY($4))
       ), ends AS (
         SELECT l.*, CASE WHEN c.candidate > l.now_local THEN c.candidate - $3::interval ELSE c.candidate END AS end_local
           FROM local l
           CROSS JOIN LATERAL (
             SELECT date_trunc(CASE WHEN $1 = 'weekly' THEN 'week' ELSE 'day' END, l.now_local) + make_interval(hours => l.hour) AS candidate
           ) c
       ), periods AS (
         SELECT e.user_id, e.time_zone, e.end_local AT TIME ZONE e.time_zone AS period_end,
                (e.end_local - $3::interval) AT TIME ZONE e.time_zone AS default_start,
                (e.end_local - 4 * $3::interval) AT TIME ZONE e.time_zone AS oldest,
                e.end_local::date AS local_date
           FROM ends e
       )
       SELECT p.user_id AS "userId", u.email, u.display_name AS "displayName", u.agency_id AS "agencyId", a.code AS "agencyCode",
              p.time_zone AS "timeZone", u.locale, p.period_end AS "periodEnd", to_char(p.local_date, 'YYYY-MM-DD') AS "localDate",
              GREATEST(COALESCE(last.period_end, p.default_start), p.oldest) AS "periodStart"
         FROM periods p
         JOIN users u ON u.id = p.user_id
         JOIN agencies a ON a.id = u.agency_id
         LEFT JOIN LATERAL (
           SELECT max(d.period_end) AS period_end FROM digest_periods d
            WHERE d.user_id = p.user_id AND d.frequency = $1 AND d.period_end < p.period_end
         ) last ON true
        WHERE NOT EXISTS (SELECT 1 FROM digest_periods d WHERE d.user_id = p.user_id AND d.frequency = $1 AND d.period_end = p.period_end)
        ORDER BY p.user_id`,
      [frequency, asOf, STEP[frequency], userIds ?? null],
    );
  }

  /**
   * Every reader's changes in their period, one row per (reader, commitment), framework → commitment order. A reader
   * follows a commitment explicitly, through its framework, or because their agency leads or contributes to it; an
   * explicit unfollow (of the commitment, or of its framework without a follow of the commitment) wins. The
   * reader's own changes are left out. Everyone reads everything (DESIGN.md §3), so no event is withheld.
   */
  compose(db: Db, periods: readonly DuePeriod[]): Promise<DigestCommitmentRow[]> {
    if (periods.length === 0) return Promise.resolve([]);
    return db.query(
      `WITH readers AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[]) AS r(user_id, agency_id, period_start, period_end)
       ), followed AS (
         SELECT f.user_id, f.target_id AS commitment_id, 'commitment' AS reason
           FROM follows f JOIN readers r ON r.user_id = f.user_id
          WHERE f.target_type = 'commitment' AND f.following
         UNION ALL
         SELECT f.user_id, c.id, 'framework'
           FROM follows f JOIN readers r ON r.user_id = f.user_id JOIN commitments c ON c.framework_id = f.target_id
          WHERE f.target_type = 'framework' AND f.following
         UNION ALL
         SELECT r.user_id, ca.commitment_id, ca.participation
           FROM readers r JOIN commitment_agencies ca ON ca.agency_id = r.agency_id
       ), reading AS (
         SELECT fo.user_id, fo.commitment_id, array_agg(DISTINCT fo.reason) AS reasons
           FROM followed fo
           JOIN commitments c ON c.id = fo.commitment_id
          WHERE NOT EXISTS (SELECT 1 FROM follows x WHERE x.user_id = fo.user_id AND x.target_type = 'commitment'
                              AND x.target_id = fo.commitment_id AND NOT x.following)
            AND (fo.reason = 'commitment' OR NOT EXISTS (
                  SELECT 1 FROM follows x WHERE x.user_id = fo.user_id AND x.target_type = 'framework'
                     AND x.target_id = c.framework_id AND NOT x.following))
          GROUP BY fo.user_id, fo.commitment_id
       ), in_window AS MATERIALIZED (
         -- The events of the batch's time window, read once by time: a commitment's whole history is far longer than a
         -- period, and looking it up per (reader, commitment) read it all again for each reader.
         SELECT e.id, e.commitment_id, e.action, e.summary, e.occurred_at, e.entity_type, e.entity_id, e.actor_user_id, e.actor_agency_id
           FROM change_events e
          WHERE e.occurred_at >= (SELECT min(period_start) FROM readers) AND e.occurred_at < (SELECT max(period_end) FROM readers)
            AND e.commitment_id IS NOT NULL AND e.action = ANY($5)
       ), events AS (
         SELECT g.user_id, g.commitment_id, e.id, e.action, e.summary, e.occurred_at, e.entity_type, e.entity_id,
                u.display_name AS actor, a.code AS actor_agency
           FROM reading g
           JOIN readers r ON r.user_id = g.user_id
           JOIN in_window e ON e.commitment_id = g.commitment_id
                           AND e.occurred_at >= r.period_start AND e.occurred_at < r.period_end
           LEFT JOIN users u ON u.id = e.actor_user_id
           LEFT JOIN agencies a ON a.id = e.actor_agency_id
          WHERE e.actor_user_id IS DISTINCT FROM g.user_id
       ), plain AS (
         SELECT ev.user_id, ev.commitment_id,
                json_agg(json_build_object('id', ev.id::text, 'action', ev.action, 'summary', ev.summary, 'occurredAt', ev.occurred_at,
                  'actor', ev.actor, 'actorAgency', ev.actor_agency, 'entityType', ev.entity_type, 'entityId', ev.entity_id,
                  'before', ce.before, 'after', ce.after, 'reportAgency', COALESCE(ra.code, tra.code), 'cycleLabel', rc.label,
                  'threadOn', CASE WHEN tar.id IS NOT NULL THEN 'activity_report' WHEN tc.id IS NOT NULL THEN 'commitment_report' END,
                  'comment', dc.body, 'assigneeName', au.display_name) ORDER BY ev.id) AS events
           FROM events ev
           JOIN change_events ce ON ce.id = ev.id
           LEFT JOIN activity_reports ar ON ev.entity_type = 'activity_report' AND ar.id = ev.entity_id
           LEFT JOIN agencies ra ON ra.id = ar.agency_id
           LEFT JOIN reporting_cycles rc ON rc.id = ar.cycle_id
           LEFT JOIN discussion_threads dt ON ev.entity_type = 'thread' AND dt.id = ev.entity_id
           LEFT JOIN activity_reports tar ON tar.document_id = dt.document_id
           LEFT JOIN agencies tra ON tra.id = tar.agency_id
           LEFT JOIN commitments tc ON tc.report_document_id = dt.document_id
           LEFT JOIN discussion_comments dc ON ev.entity_type = 'thread' AND dc.id::text = ce.after->>'commentId' AND dc.deleted_at IS NULL
           LEFT JOIN users au ON ev.action = 'action_set' AND au.id::text = ce.after->>'assigneeUserId'
          WHERE ev.action <> 'text_edited'
          GROUP BY ev.user_id, ev.commitment_id
       ), edits AS (
         SELECT user_id, commitment_id,
                json_agg(json_build_object('entityType', entity_type, 'entityId', entity_id, 'firstEventId', first_id::text,
                  'lastEventId', last_id::text, 'editors', editors, 'events', n, 'reportAgency', report_agency, 'lastAt', last_at) ORDER BY last_id) AS edits
           FROM (
             SELECT ev.user_id, ev.commitment_id, ev.entity_type, ev.entity_id, min(ev.id) AS first_id, max(ev.id) AS last_id,
                    array_agg(DISTINCT ev.actor || ' (' || ev.actor_agency || ')') AS editors, count(*) AS n, max(ev.occurred_at) AS last_at,
                    max(ra.code) AS report_agency
               FROM events ev
               LEFT JOIN activity_reports ar ON ev.entity_type = 'activity_report' AND ar.id = ev.entity_id
               LEFT JOIN agencies ra ON ra.id = ar.agency_id
              WHERE ev.action = 'text_edited'
              GROUP BY ev.user_id, ev.commitment_id, ev.entity_type, ev.entity_id
           ) t
          GROUP BY user_id, commitment_id
       )
       SELECT g.user_id AS "userId", fw.id AS "frameworkId", fw.code AS "frameworkCode", fw.title AS "frameworkTitle",
              c.id AS "commitmentId", c.reference, c.title, g.reasons,
              COALESCE(p.events, '[]') AS events, COALESCE(x.edits, '[]') AS edits
         FROM reading g
         JOIN commitments c ON c.id = g.commitment_id
         JOIN frameworks fw ON fw.id = c.framework_id
         LEFT JOIN plain p ON p.user_id = g.user_id AND p.commitment_id = g.commitment_id
         LEFT JOIN edits x ON x.user_id = g.user_id AND x.commitment_id = g.commitment_id
        WHERE p.events IS NOT NULL OR x.edits IS NOT NULL
        ORDER BY g.user_id, fw.code, length(c.reference), c.reference`,
      [
        periods.map((p) => p.userId),
        periods.map((p) => p.agencyId),
        periods.map((p) => p.periodStart),
        periods.map((p) => p.periodEnd),
        DIGEST_ACTIONS,
      ],
    );
  }

  /**
   * Each reader's framework-level news in their period, one row per (reader, framework): the consolidated reports
   * issued, for those who follow the framework or whose agency takes part in one of its commitments, unless they
   * unfollowed the framework. The reader's own changes are left out. One query for the whole batch.
   */
  frameworkNews(db: Db, periods: readonly DuePeriod[]): Promise<DigestFrameworkNewsRow[]> {
    if (periods.length === 0) return Promise.resolve([]);
    return db.query(
      `WITH readers AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[]) AS r(user_id, agency_id, period_start, period_end)
       ), reading AS (
         SELECT f.user_id, f.target_id AS framework_id, 'framework' AS reason
           FROM follows f JOIN readers r ON r.user_id = f.user_id
          WHERE f.target_type = 'framework' AND f.following
         UNION
         SELECT r.user_id, c.framework_id, 'participant'
           FROM readers r
           JOIN commitment_agencies ca ON ca.agency_id = r.agency_id
           JOIN commitments c ON c.id = ca.commitment_id AND c.archived_at IS NULL
       ), kept AS (
         SELECT g.user_id, g.framework_id, array_agg(DISTINCT g.reason) AS reasons
           FROM reading g
          WHERE NOT EXISTS (SELECT 1 FROM follows x WHERE x.user_id = g.user_id AND x.target_type = 'framework'
                              AND x.target_id = g.framework_id AND NOT x.following)
          GROUP BY g.user_id, g.framework_id
       )
       SELECT k.user_id AS "userId", fw.id AS "frameworkId", fw.code AS "frameworkCode", fw.title AS "frameworkTitle", k.reasons,
              json_agg(json_build_object('id', e.id::text, 'action', e.action, 'summary', e.summary, 'occurredAt', e.occurred_at,
                'actor', u.display_name, 'actorAgency', a.code, 'entityType', e.entity_type, 'entityId', e.entity_id,
                'before', e.before, 'after', e.after, 'reportAgency', NULL, 'cycleLabel', rc.label, 'threadOn', NULL, 'comment', NULL, 'assigneeName', NULL) ORDER BY e.id) AS events
         FROM kept k
         JOIN readers r ON r.user_id = k.user_id
         JOIN change_events e ON e.framework_id = k.framework_id AND e.commitment_id IS NULL
                             AND e.occurred_at >= r.period_start AND e.occurred_at < r.period_end
         JOIN frameworks fw ON fw.id = k.framework_id
         LEFT JOIN users u ON u.id = e.actor_user_id
         LEFT JOIN agencies a ON a.id = e.actor_agency_id
         LEFT JOIN consolidated_reports cr ON cr.id = e.entity_id
         LEFT JOIN reporting_cycles rc ON rc.id = cr.cycle_id
        WHERE e.entity_type = 'consolidated_report' AND e.action = ANY($5) AND e.actor_user_id IS DISTINCT FROM k.user_id
        GROUP BY k.user_id, fw.id, fw.code, fw.title, k.reasons
        ORDER BY k.user_id, fw.code`,
      [
        periods.map((p) => p.userId),
        periods.map((p) => p.agencyId),
        periods.map((p) => p.periodStart),
        periods.map((p) => p.periodEnd),
        FRAMEWORK_DIGEST_ACTIONS,
      ],
    );
  }

  /** The texts before the first and after the last edit of each group, fetched once however many readers share them. */
  async texts(db: Db, firstIds: readonly string[], lastIds: readonly string[]): Promise<{ before: Map<string, string>; after: Map<string, string> }> {
    const rows: { id: string; before: string | null; after: string | null }[] = await db.query(
      `SELECT id::text AS id,
              CASE WHEN id = ANY($1::bigint[]) THEN before->>'text' END AS before,
              CASE WHEN id = ANY($2::bigint[]) THEN after->>'text' END AS after
         FROM change_events WHERE id = ANY($1::bigint[]) OR id = ANY($2::bigint[])`,
      [firstIds, lastIds],
    );
    const before = new Map<string, string>();
    const after = new Map<string, string>();
    for (const row of rows) {
      if (row.before !== null) before.set(row.id, row.before);
      if (row.after !== null) after.set(row.id, row.after);
    }
    return { before, after };
  }

  /**
   * Reports of each reader's agency due in the next 7 days, or due in the last 30 and missed: cycles of the
   * frameworks of commitments the agency leads or contributes to, without a submitted or accepted report.
   */
  deadlines(db: Db, readers: readonly { userId: string; agencyId: string; localDate: string }[]): Promise<DeadlineRow[]> {
    if (readers.length === 0) return Promise.resolve([]);
    return db.query(
      `SELECT r.user_id AS "userId", c.id AS "commitmentId", c.reference, rc.label AS "cycleLabel",
              to_char(rc.due_on, 'YYYY-MM-DD') AS "dueOn", (rc.due_on - r.local_date) AS "daysLeft"
         FROM unnest($1::uuid[], $2::uuid[], $3::date[]) AS r(user_id, agency_id, local_date)
         JOIN commitment_agencies ca ON ca.agency_id = r.agency_id
         JOIN commitments c ON c.id = ca.commitment_id AND c.archived_at IS NULL
         JOIN reporting_cycles rc ON rc.framework_id = c.framework_id AND rc.archived_at IS NULL
                                  AND rc.due_on BETWEEN r.local_date - 30 AND r.local_date + 7
        WHERE NOT EXISTS (SELECT 1 FROM activity_reports ar WHERE ar.commitment_id = c.id AND ar.agency_id = r.agency_id
                             AND ar.cycle_id = rc.id AND ar.state IN ('submitted', 'accepted'))
        ORDER BY r.user_id, rc.due_on, length(c.reference), c.reference`,
      [readers.map((r) => r.userId), readers.map((r) => r.agencyId), readers.map((r) => r.localDate)],
    );
  }

  /**
   * Open action items assigned to each reader's agency (an item assigned to a person is assigned to their agency too), due within a week of the reader's local date or
   * overdue by up to 30 days: the window of the deadlines above and of the reminders.
   */
  actionItems(db: Db, readers: readonly { userId: string; agencyId: string; localDate: string }[]): Promise<DigestActionItemRow[]> {
    if (readers.length === 0) return Promise.resolve([]);
    return db.query(
      `SELECT r.user_id AS "userId", t.id AS "threadId",
              ${actionSummarySql('t.id')} AS summary,
              to_char(t.action_due_on, 'YYYY-MM-DD') AS "dueOn", (t.action_due_on - r.local_date) AS "daysLeft"
         FROM unnest($1::uuid[], $2::uuid[], $3::date[]) AS r(user_id, agency_id, local_date)
         JOIN discussion_threads t ON t.action_agency_id = r.agency_id
                                  AND t.action_done_at IS NULL
                                  AND t.action_due_on BETWEEN r.local_date - 30 AND r.local_date + 7
        ORDER BY r.user_id, t.action_due_on, t.id`,
      [readers.map((r) => r.userId), readers.map((r) => r.agencyId), readers.map((r) => r.localDate)],
    );
  }

  /**
   * The mentions of each reader in their period, for readers whose mention mail is "digest": the digest is where
   * they read them (issue 12).
   */
  mentions(db: Db, periods: readonly DuePeriod[]): Promise<({ userId: string } & MentionFacts)[]> {
    if (periods.length === 0) return Promise.resolve([]);
    return db.query(
      `SELECT n.user_id AS "userId", n.summary, n.url, ${MENTION_FACTS_SQL.columns}
         FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS r(user_id, period_start, period_end)
         JOIN user_preferences p ON p.user_id = r.user_id AND p.mention_mail = 'digest'
         JOIN notifications n ON n.user_id = r.user_id AND n.kind = 'mention'
                             AND n.created_at >= r.period_start AND n.created_at < r.period_end
         ${MENTION_FACTS_SQL.joins}
        ORDER BY n.user_id, n.created_at, n.id`,
      [periods.map((p) => p.userId), periods.map((p) => p.periodStart), periods.map((p) => p.periodEnd)],
    );
  }

  /** Merge-or-create of the (user, period): true for the one caller that creates it. */
  async claimPeriod(tx: Db, period: DuePeriod, frequency: DigestFrequency): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO digest_periods (user_id, frequency, period_end, period_start) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [period.userId, frequency, period.periodEnd, period.periodStart],
    );
    return rows.length === 1;
  }

  async attachMail(tx: Db, period: DuePeriod, frequency: DigestFrequency, mailId: string): Promise<void> {
    await tx.query(`UPDATE digest_periods SET mail_id = $4 WHERE user_id = $1 AND frequency = $2 AND period_end = $3`, [
      period.userId,
      frequency,
      period.periodEnd,
      mailId,
    ]);
  }

  /** Periods with nothing to say, recorded in one statement so that later runs skip them. */
  async recordEmpty(db: Db, periods: readonly DuePeriod[], frequency: DigestFrequency): Promise<void> {
    if (periods.length === 0) return;
    await db.query(
      `INSERT INTO digest_periods (user_id, frequency, period_end, period_start)
       SELECT user_id, $1, period_end, period_start FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[]) AS p(user_id, period_end, period_start)
       ON CONFLICT DO NOTHING`,
      [frequency, periods.map((p) => p.userId), periods.map((p) => p.periodEnd), periods.map((p) => p.periodStart)],
    );
  }
}
