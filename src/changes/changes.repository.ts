import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/principal';
import type { Db } from '../database/transactions';
import { type ChangeFacts, changeFacts, type ChangeFactsSource } from './change-facts';

/** An arbitrary constant naming "appending to the change feed" among advisory locks. */
const CHANGE_FEED_LOCK = 7_311_203_003;

/** What a change can be a change of: every kind the feed records can be asked for (`?entityType=`). */
export const ENTITY_TYPES = ['agency', 'framework', 'commitment', 'indicator', 'reporting_cycle', 'activity_report', 'consolidated_report', 'user', 'thread'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** What a write tells the feed about itself; recorded through the same transaction as the write. */
export interface ChangeRecord {
  actor: Principal | null;
  entityType: EntityType;
  entityId: string;
  action: string;
  frameworkId?: string | null;
  commitmentId?: string | null;
  summary: string;
  before?: object | null;
  after?: object | null;
  /** When it happened: now (the transaction's time) unless given; the demo data gives its past dates. */
  occurredAt?: Date;
}

export interface ChangeView {
  id: string;
  occurredAt: Date;
  actor: { userId: string; displayName: string; agencyCode: string } | null;
  entityType: EntityType;
  entityId: string;
  action: string;
  frameworkId: string | null;
  commitmentId: string | null;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** The event told in facts the client words in the reader's language (change-facts.ts); null: show `summary`. */
  facts: ChangeFacts | null;
}

/** The names change-facts.ts needs, joined by `list`. */
type Names = Pick<ChangeFactsSource, 'reference' | 'frameworkCode' | 'cycleLabel' | 'reportAgency' | 'threadOn' | 'comment' | 'indicatorName' | 'agencyCode'>;

export interface ChangeFilter {
  afterId?: string;
  since?: Date;
  frameworkId?: string;
  commitmentId?: string;
  entityType?: EntityType;
  entityId?: string;
  id?: string;
  order?: 'asc' | 'desc';
  limit: number;
}

@Injectable()
export class ChangesRepository {
  /**
   * Call it last in the transaction. Ids are taken at INSERT, not at commit, so two writers could commit out of id
   * order and a reader paging by id would skip the lower one; a transaction-scoped lock makes appenders take turns
   * from here to their commit, so ids commit in order.
   */
  async append(tx: Db, change: ChangeRecord): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_FEED_LOCK]);
    await tx.query(
      `INSERT INTO change_events
         (actor_user_id, actor_agency_id, entity_type, entity_id, action, framework_id, commitment_id, summary, before, after, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11, now()))`,
      [
        change.actor?.userId ?? null,
        change.actor?.agencyId ?? null,
        change.entityType,
        change.entityId,
        change.action,
        change.frameworkId ?? null,
        change.commitmentId ?? null,
        change.summary,
        change.before ? JSON.stringify(change.before) : null,
        change.after ? JSON.stringify(change.after) : null,
        change.occurredAt ?? null,
      ],
    );
  }

  /** Oldest first (or newest first), from the cursor on: a reader that keeps the last id never misses or repeats an event. */
  async list(db: Db, filter: ChangeFilter): Promise<ChangeView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: string, value: unknown) => {
      params.push(value);
      where.push(condition.replace('?', `$${params.length}`));
    };
    const descending = filter.order === 'desc';
    if (filter.afterId !== undefined) add(descending ? 'e.id < ?' : 'e.id > ?', filter.afterId);
    if (filter.since !== undefined) add('e.occurred_at >= ?', filter.since);
    if (filter.frameworkId !== undefined) add('e.framework_id = ?', filter.frameworkId);
    if (filter.commitmentId !== undefined) add('e.commitment_id = ?', filter.commitmentId);
    if (filter.entityType !== undefined) add('e.entity_type = ?', filter.entityType);
    if (filter.entityId !== undefined) add('e.entity_id = ?', filter.entityId);
    if (filter.id !== undefined) add('e.id = ?', filter.id);
    params.push(filter.limit);
    // The names the facts need, each a lookup by primary key or unique key: the commitment and the framework the
    // event is filed under, the event's own entity (activity report, consolidated report, cycle, indicator, agency,
    // thread) and, for a thread, the report or commitment its document belongs to, and its comment.
    const rows: (Omit<ChangeView, 'actor' | 'facts'> & Names & { actorUserId: string | null; actorName: string | null; actorAgency: string | null })[] =
      await db.query(
        `SELECT e.id::text AS id, e.occurred_at AS "occurredAt", e.entity_type AS "entityType", e.entity_id AS "entityId",
                e.action, e.framework_id AS "frameworkId", e.commitment_id AS "commitmentId", e.summary, e.before, e.after,
                e.actor_user_id AS "actorUserId", u.display_name AS "actorName", a.code AS "actorAgency",
                c.reference, f.code AS "frameworkCode", rc.label AS "cycleLabel", ra.code AS "reportAgency",
                CASE WHEN tar.id IS NOT NULL THEN 'activity_report' WHEN tc.id IS NOT NULL THEN 'commitment_report' END AS "threadOn",
                dc.body AS comment, ind.name AS "indicatorName", ea.code AS "agencyCode"
           FROM change_events e
           LEFT JOIN users u ON u.id = e.actor_user_id
           LEFT JOIN agencies a ON a.id = e.actor_agency_id
           LEFT JOIN commitments c ON c.id = e.commitment_id
           LEFT JOIN frameworks f ON f.id = e.framework_id
           LEFT JOIN activity_reports ar ON e.entity_type = 'activity_report' AND ar.id = e.entity_id
           LEFT JOIN consolidated_reports cr ON e.entity_type = 'consolidated_report' AND cr.id = e.entity_id
           LEFT JOIN discussion_threads dt ON e.entity_type = 'thread' AND dt.id = e.entity_id
           LEFT JOIN activity_reports tar ON tar.document_id = dt.document_id
           LEFT JOIN commitments tc ON tc.report_document_id = dt.document_id
           LEFT JOIN reporting_cycles rc
                  ON rc.id = COALESCE(ar.cycle_id, cr.cycle_id, CASE WHEN e.entity_type = 'reporting_cycle' THEN e.entity_id END)
           LEFT JOIN agencies ra ON ra.id = COALESCE(ar.agency_id, tar.agency_id)
           LEFT JOIN discussion_comments dc
                  -- A commentId that is not a UUID finds no comment, rather than failing the whole feed.
                  ON e.entity_type = 'thread' AND dc.deleted_at IS NULL
                 AND dc.id = CASE WHEN e.after->>'commentId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                                  THEN (e.after->>'commentId')::uuid END
           LEFT JOIN indicators ind ON e.entity_type = 'indicator' AND ind.id = e.entity_id
           LEFT JOIN agencies ea ON e.entity_type = 'agency' AND ea.id = e.entity_id
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY e.id ${descending ? 'DESC' : 'ASC'}
          LIMIT $${params.length}`,
        params,
      );
    return rows.map(({ actorUserId, actorName, actorAgency, reference, frameworkCode, cycleLabel, reportAgency, threadOn, comment, indicatorName, agencyCode, ...event }) => ({
      ...event,
      actor: actorUserId ? { userId: actorUserId, displayName: actorName ?? '', agencyCode: actorAgency ?? '' } : null,
      facts: changeFacts({ ...event, actorAgency, reference, frameworkCode, cycleLabel, reportAgency, threadOn, comment, indicatorName, agencyCode }),
    }));
  }
}
