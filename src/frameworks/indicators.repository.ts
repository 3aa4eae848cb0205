import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Db } from '../database/transactions';
import { Indicator } from './indicator.entity';

export interface IndicatorValueView {
  id: string;
  indicatorId: string;
  activityReportId: string;
  agencyCode: string;
  cycleId: string;
  cycleLabel: string;
  reportState: string;
  value: number;
  note: string | null;
  updatedAt: Date;
}

@Injectable()
export class IndicatorsRepository {
  listByCommitment(db: Db, commitmentId: string): Promise<Indicator[]> {
    return db.getRepository(Indicator).find({ where: { commitmentId, archivedAt: IsNull() }, order: { name: 'ASC' } });
  }

  findById(db: Db, id: string): Promise<Indicator | null> {
    return db.getRepository(Indicator).findOneBy({ id });
  }

  insert(db: Db, indicator: Pick<Indicator, 'commitmentId' | 'name' | 'unit' | 'baseline' | 'target' | 'targetDate'>): Promise<Indicator> {
    const repository = db.getRepository(Indicator);
    return repository.save(repository.create({ ...indicator, version: 1, archivedAt: null }));
  }

  /** Values reported for an indicator, by cycle and agency (from the activity reports that carry them). */
  async listValues(db: Db, indicatorId: string, filter: { cycleId?: string; agency?: string; limit: number; offset: number }) {
    const params: unknown[] = [indicatorId];
    const where = ['v.indicator_id = $1'];
    if (filter.cycleId) where.push(`r.cycle_id = $${params.push(filter.cycleId)}`);
    if (filter.agency) where.push(`a.code = $${params.push(filter.agency)}`);
    const rows: (IndicatorValueView & { total: string; value: string })[] = await db.query(
      `SELECT v.id, v.indicator_id AS "indicatorId", v.activity_report_id AS "activityReportId", a.code AS "agencyCode",
              r.cycle_id AS "cycleId", cy.label AS "cycleLabel", r.state AS "reportState", v.value, v.note,
              v.updated_at AS "updatedAt", count(*) OVER () AS total
         FROM indicator_values v
         JOIN activity_reports r ON r.id = v.activity_report_id
         JOIN agencies a ON a.id = r.agency_id
         JOIN reporting_cycles cy ON cy.id = r.cycle_id
        WHERE ${where.join(' AND ')}
        ORDER BY cy.opens_on, a.code
        LIMIT $${params.push(filter.limit)} OFFSET $${params.push(filter.offset)}`,
      params,
    );
    return {
      items: rows.map(({ total: _total, value, ...row }) => ({ ...row, value: Number(value) })),
      total: rows[0] ? Number(rows[0].total) : 0,
    };
  }
}
