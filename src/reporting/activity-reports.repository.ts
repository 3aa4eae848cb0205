import { Injectable } from '@nestjs/common';
import type { Page } from '../common/pagination.dto';
import type { Db } from '../database/transactions';
import type { Participation } from '../frameworks/domain';
import { ActivityReport } from './activity-report.entity';
import type { ActivityReportState } from './activity-report-state';

export interface ActivityReportView {
  id: string;
  commitmentId: string;
  commitmentReference: string;
  frameworkId: string;
  agencyId: string;
  agency: string;
  cycleId: string;
  cycleLabel: string;
  dueOn: string;
  state: ActivityReportState;
  summary: string;
  documentId: string;
  /** The commitment's agencies by id, for the permission rules (not shown). */
  leadAgencyIds: string[];
  contributingAgencyIds: string[];
  returnReason: string | null;
  submittedAt: Date | null;
  submittedBy: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface IndicatorValueEntry {
  indicatorId: string;
  indicatorName: string;
  unit: string;
  value: number;
  note: string | null;
}

export interface ActivityReportFilter {
  frameworkId?: string;
  commitmentId?: string;
  cycleId?: string;
  agency?: string;
  state?: ActivityReportState;
  limit: number;
  offset: number;
}

export type AccountabilityState = 'missing' | 'draft' | 'submitted' | 'returned' | 'accepted' | 'overdue';

export interface AccountabilityRow {
  commitmentId: string;
  reference: string;
  title: string;
  agency: string;
  participation: Participation;
  reportId: string | null;
  reportState: ActivityReportState | null;
  state: AccountabilityState;
}

const VIEW = `
  SELECT r.id, r.commitment_id AS "commitmentId", c.reference AS "commitmentReference", c.framework_id AS "frameworkId",
         r.agency_id AS "agencyId", a.code AS agency, r.cycle_id AS "cycleId", cy.label AS "cycleLabel",
         to_char(cy.due_on, 'YYYY-MM-DD') AS "dueOn", r.state, r.summary, r.document_id AS "documentId",
         r.return_reason AS "returnReason", r.submitted_at AS "submittedAt", r.submitted_by AS "submittedBy",
         r.decided_at AS "decidedAt", r.decided_by AS "decidedBy", r.version, r.created_at AS "createdAt",
         r.updated_at AS "updatedAt", p."leadAgencyIds", p."contributingAgencyIds"
    FROM activity_reports r
    JOIN commitments c ON c.id = r.commitment_id
    JOIN agencies a ON a.id = r.agency_id
    JOIN reporting_cycles cy ON cy.id = r.cycle_id
    CROSS JOIN LATERAL (
      SELECT coalesce(array_agg(ca.agency_id) FILTER (WHERE ca.participation = 'lead'), '{}') AS "leadAgencyIds",
             coalesce(array_agg(ca.agency_id) FILTER (WHERE ca.participation = 'contributing'), '{}') AS "contributingAgencyIds"
        FROM commitment_agencies ca WHERE ca.commitment_id = r.commitment_id
    ) p`;

@Injectable()
export class ActivityReportsRepository {
  async list(db: Db, filter: ActivityReportFilter): Promise<Page<ActivityReportView>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.frameworkId) where.push(`c.framework_id = $${params.push(filter.frameworkId)}`);
    if (filter.commitmentId) where.push(`r.commitment_id = $${params.push(filter.commitmentId)}`);
    if (filter.cycleId) where.push(`r.cycle_id = $${params.push(filter.cycleId)}`);
    if (filter.agency) where.push(`a.code = $${params.push(filter.agency)}`);
    if (filter.state) where.push(`r.state = $${params.push(filter.state)}`);
    const rows: (ActivityReportView & { total: string })[] = await db.query(
      `SELECT v.*, count(*) OVER () AS total FROM (${VIEW} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}) v
        ORDER BY v."dueOn" DESC, v."commitmentReference", v.agency
        LIMIT $${params.push(filter.limit)} OFFSET $${params.push(filter.offset)}`,
      params,
    );
    return { items: rows.map(({ total: _total, ...view }) => view), total: rows[0] ? Number(rows[0].total) : 0 };
  }

  async findView(db: Db, id: string): Promise<ActivityReportView | null> {
    const rows: ActivityReportView[] = await db.query(`${VIEW} WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The report whose live narrative this document is, with its agency's code; null for any other document. */
  async findByDocument(db: Db, documentId: string): Promise<{ id: string; commitmentId: string; agencyId: string; agencyCode: string; state: ActivityReportState } | null> {
    const rows: { id: string; commitmentId: string; agencyId: string; agencyCode: string; state: ActivityReportState }[] = await db.query(
      `SELECT r.id, r.commitment_id AS "commitmentId", r.agency_id AS "agencyId", a.code AS "agencyCode", r.state
         FROM activity_reports r JOIN agencies a ON a.id = r.agency_id
        WHERE r.document_id = $1`,
      [documentId],
    );
    return rows[0] ?? null;
  }

  /** Locks the report's row until the transaction ends, so that two transitions cannot interleave. */
  async lock(db: Db, id: string): Promise<ActivityReport | null> {
    return db.getRepository(ActivityReport).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async exists(db: Db, commitmentId: string, agencyId: string, cycleId: string): Promise<boolean> {
    return db.getRepository(ActivityReport).existsBy({ commitmentId, agencyId, cycleId });
  }

  insert(db: Db, report: Pick<ActivityReport, 'commitmentId' | 'agencyId' | 'cycleId' | 'summary' | 'documentId' | 'createdBy'>): Promise<ActivityReport> {
    const repository = db.getRepository(ActivityReport);
    return repository.save(repository.create({ ...report, state: 'draft', version: 1 }));
  }

  /** The kept text of an accepted report, and of the same agency's accepted report on the commitment before it. */
  async acceptedTexts(db: Db, id: string): Promise<{ current: string | null; previous: { id: string; cycleLabel: string; text: string } | null }> {
    const [row]: { current: string | null; previousId: string | null; previousLabel: string | null; previousText: string | null }[] = await db.query(
      `SELECT r.accepted_text AS current, p.id AS "previousId", p.label AS "previousLabel", p.accepted_text AS "previousText"
         FROM activity_reports r
         JOIN reporting_cycles cy ON cy.id = r.cycle_id
         LEFT JOIN LATERAL (
           SELECT pr.id, pc.label, pr.accepted_text
             FROM activity_reports pr JOIN reporting_cycles pc ON pc.id = pr.cycle_id
            WHERE pr.commitment_id = r.commitment_id AND pr.agency_id = r.agency_id AND pr.state = 'accepted'
              AND pr.accepted_text IS NOT NULL AND pc.opens_on < cy.opens_on
            ORDER BY pc.opens_on DESC LIMIT 1
         ) p ON true
        WHERE r.id = $1`,
      [id],
    );
    return {
      current: row?.current ?? null,
      previous: row?.previousId ? { id: row.previousId, cycleLabel: row.previousLabel!, text: row.previousText ?? '' } : null,
    };
  }

  async listValues(db: Db, reportId: string): Promise<IndicatorValueEntry[]> {
    const rows: (IndicatorValueEntry & { value: string })[] = await db.query(
      `SELECT v.indicator_id AS "indicatorId", i.name AS "indicatorName", i.unit, v.value, v.note
         FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
        WHERE v.activity_report_id = $1 ORDER BY i.name`,
      [reportId],
    );
    return rows.map((row) => ({ ...row, value: Number(row.value) }));
  }

  /** Inserts or replaces the values in one statement. */
  async upsertValues(db: Db, reportId: string, values: { indicatorId: string; value: number; note: string | null }[]): Promise<void> {
    if (values.length === 0) return;
    await db.query(
      `INSERT INTO indicator_values (activity_report_id, indicator_id, value, note)
       SELECT $1, v.indicator_id, v.value, v.note
         FROM unnest($2::uuid[], $3::numeric[], $4::text[]) AS v (indicator_id, value, note)
       ON CONFLICT (activity_report_id, indicator_id)
       DO UPDATE SET value = excluded.value, note = excluded.note, updated_at = now()`,
      [reportId, values.map((v) => v.indicatorId), values.map((v) => v.value), values.map((v) => v.note)],
    );
  }

  /**
   * The accountability grid of a framework for a cycle, in one query: every commitment × each agency that leads or
   * contributes to it, with the state of that agency's report. A report not yet submitted when the cycle's due date
   * has passed is `overdue`.
   */
  async accountability(db: Db, frameworkId: string, cycleId: string, today: string): Promise<AccountabilityRow[]> {
    return db.query(
      `SELECT c.id AS "commitmentId", c.reference, c.title, a.code AS agency, ca.participation,
              r.id AS "reportId", r.state AS "reportState",
              CASE WHEN r.state IN ('submitted', 'accepted') THEN r.state
                   WHEN cy.due_on < $3::date THEN 'overdue'
                   ELSE coalesce(r.state, 'missing') END AS state
         FROM reporting_cycles cy
         JOIN commitments c ON c.framework_id = cy.framework_id AND c.archived_at IS NULL
         JOIN commitment_agencies ca ON ca.commitment_id = c.id
         JOIN agencies a ON a.id = ca.agency_id
         LEFT JOIN activity_reports r ON r.commitment_id = c.id AND r.agency_id = ca.agency_id AND r.cycle_id = cy.id
        WHERE cy.id = $2 AND cy.framework_id = $1
        ORDER BY length(c.reference), c.reference, ca.participation DESC, a.code`,
      [frameworkId, cycleId, today],
    );
  }
}
