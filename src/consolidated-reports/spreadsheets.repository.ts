import { Injectable } from '@nestjs/common';
import type { Db } from '../database/transactions';

/** One reported value of an indicator, with its cycle, commitment and agency. */
export interface IndicatorValueRow {
  cycle: string;
  opensOn: string;
  reference: string;
  indicator: string;
  unit: string;
  baseline: string;
  target: string;
  targetDate: string | null;
  agency: string;
  value: string;
  note: string | null;
  reportState: string;
  updatedOn: string;
}

@Injectable()
export class SpreadsheetsRepository {
  /** Every value reported on the framework's indicators, cycle by cycle, in one query. */
  indicatorValues(db: Db, frameworkId: string): Promise<IndicatorValueRow[]> {
    return db.query(
      `SELECT cy.label AS cycle, to_char(cy.opens_on, 'YYYY-MM-DD') AS "opensOn", c.reference, i.name AS indicator, i.unit,
              i.baseline, i.target, to_char(i.target_date, 'YYYY-MM-DD') AS "targetDate", a.code AS agency, v.value, v.note,
              r.state AS "reportState", to_char(v.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "updatedOn"
         FROM indicator_values v
         JOIN activity_reports r ON r.id = v.activity_report_id
         JOIN reporting_cycles cy ON cy.id = r.cycle_id
         JOIN indicators i ON i.id = v.indicator_id AND i.archived_at IS NULL
         JOIN commitments c ON c.id = i.commitment_id AND c.archived_at IS NULL
         JOIN agencies a ON a.id = r.agency_id
        WHERE c.framework_id = $1
        ORDER BY cy.opens_on, cy.label, length(c.reference), c.reference, i.name, a.code`,
      [frameworkId],
    );
  }
}
