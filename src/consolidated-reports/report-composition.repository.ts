import { Injectable } from '@nestjs/common';
import type { Db } from '../database/transactions';
import type { CommitmentStatus } from '../frameworks/domain';
import type { CellState } from './report-composition';

export interface CompositionHeader {
  frameworkCode: string;
  frameworkTitle: string;
  frameworkDescription: string;
  cycleLabel: string;
  opensOn: string;
  dueOn: string;
  closesOn: string;
}

export interface CommitmentRow {
  id: string;
  reference: string;
  title: string;
  status: CommitmentStatus;
  dueDate: string | null;
  /** Whether an agency has an activity report on it in the cycle: the commitments the report covers. */
  inCycle: boolean;
  /** The live report's materialized text (only for the commitments in the cycle). */
  text: string | null;
}

export interface CellRow {
  commitmentId: string;
  agency: string;
  participation: 'lead' | 'contributing';
  state: CellState;
  narrative: string | null;
  summary: string;
  returnReason: string | null;
}

export interface IndicatorRow {
  commitmentId: string;
  name: string;
  unit: string;
  baseline: string;
  target: string;
  targetDate: string | null;
  latest: string | null;
  values: { agency: string; value: number; note: string | null }[];
}

/** The commitments of the framework that have at least one activity report in the cycle. */
const IN_CYCLE = `EXISTS (SELECT 1 FROM activity_reports x WHERE x.cycle_id = cy.id AND x.commitment_id = c.id)`;

/**
 * What a consolidated report is made of, in four set-based queries whatever the number of commitments, agencies and
 * indicators: the framework and cycle, the commitments with their reports' materialized text, every (commitment,
 * agency) cell with its accepted narrative, every indicator with its values. Text comes from the documents'
 * materialized content and the accepted reports' kept text, never by opening the live documents one by one.
 */
@Injectable()
export class ReportCompositionRepository {
  async header(db: Db, frameworkId: string, cycleId: string): Promise<CompositionHeader | null> {
    const [row]: CompositionHeader[] = await db.query(
      `SELECT f.code AS "frameworkCode", f.title AS "frameworkTitle", f.description AS "frameworkDescription",
              cy.label AS "cycleLabel", to_char(cy.opens_on, 'YYYY-MM-DD') AS "opensOn",
              to_char(cy.due_on, 'YYYY-MM-DD') AS "dueOn", to_char(cy.closes_on, 'YYYY-MM-DD') AS "closesOn"
         FROM frameworks f JOIN reporting_cycles cy ON cy.framework_id = f.id
        WHERE f.id = $1 AND cy.id = $2`,
      [frameworkId, cycleId],
    );
    return row ?? null;
  }

  commitments(db: Db, cycleId: string): Promise<CommitmentRow[]> {
    return db.query(
      `SELECT c.id, c.reference, c.title, c.status, to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate",
              ${IN_CYCLE} AS "inCycle", CASE WHEN ${IN_CYCLE} THEN d.text END AS text
         FROM reporting_cycles cy
         JOIN commitments c ON c.framework_id = cy.framework_id AND c.archived_at IS NULL
         JOIN documents d ON d.id = c.report_document_id
        WHERE cy.id = $1
        ORDER BY length(c.reference), c.reference`,
      [cycleId],
    );
  }

  /** Lead agencies first, then by code; a report not submitted by a due date that has passed is overdue. */
  cells(db: Db, cycleId: string, today: string): Promise<CellRow[]> {
    return db.query(
      `SELECT c.id AS "commitmentId", a.code AS agency, ca.participation,
              CASE WHEN r.state IN ('submitted', 'accepted') THEN r.state
                   WHEN cy.due_on < $2::date THEN 'overdue'
                   ELSE coalesce(r.state, 'missing') END AS state,
              CASE WHEN r.state = 'accepted' THEN coalesce(r.accepted_text, nd.text) END AS narrative,
              coalesce(r.summary, '') AS summary, r.return_reason AS "returnReason"
         FROM reporting_cycles cy
         JOIN commitments c ON c.framework_id = cy.framework_id AND c.archived_at IS NULL
         JOIN commitment_agencies ca ON ca.commitment_id = c.id
         JOIN agencies a ON a.id = ca.agency_id
         LEFT JOIN activity_reports r ON r.commitment_id = c.id AND r.agency_id = ca.agency_id AND r.cycle_id = cy.id
         LEFT JOIN documents nd ON nd.id = r.document_id
        WHERE cy.id = $1 AND ${IN_CYCLE}
        ORDER BY length(c.reference), c.reference, ca.participation DESC, a.code`,
      [cycleId, today],
    );
  }

  /** The latest value is the last one reported in this cycle or an earlier one of the framework. */
  indicators(db: Db, cycleId: string): Promise<IndicatorRow[]> {
    return db.query(
      `SELECT i.commitment_id AS "commitmentId", i.name, i.unit, i.baseline, i.target,
              to_char(i.target_date, 'YYYY-MM-DD') AS "targetDate",
              (SELECT v.value FROM indicator_values v
                 JOIN activity_reports r ON r.id = v.activity_report_id
                 JOIN reporting_cycles rc ON rc.id = r.cycle_id
                WHERE v.indicator_id = i.id AND rc.opens_on <= cy.opens_on
                ORDER BY rc.opens_on DESC, v.updated_at DESC LIMIT 1) AS latest,
              coalesce((SELECT json_agg(json_build_object('agency', a.code, 'value', v.value, 'note', v.note) ORDER BY a.code)
                          FROM indicator_values v
                          JOIN activity_reports r ON r.id = v.activity_report_id
                          JOIN agencies a ON a.id = r.agency_id
                         WHERE v.indicator_id = i.id AND r.cycle_id = cy.id), '[]'::json) AS values
         FROM reporting_cycles cy
         JOIN commitments c ON c.framework_id = cy.framework_id AND c.archived_at IS NULL
         JOIN indicators i ON i.commitment_id = c.id AND i.archived_at IS NULL
        WHERE cy.id = $1 AND ${IN_CYCLE}
        ORDER BY i.name`,
      [cycleId],
    );
  }
}
