import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Page } from '../common/pagination.dto';
import type { Db } from '../database/transactions';
import { ReportingCycle } from './reporting-cycle.entity';

@Injectable()
export class CyclesRepository {
  async list(db: Db, filter: { frameworkId?: string; limit: number; offset: number }): Promise<Page<ReportingCycle>> {
    const [items, total] = await db.getRepository(ReportingCycle).findAndCount({
      where: { archivedAt: IsNull(), ...(filter.frameworkId ? { frameworkId: filter.frameworkId } : {}) },
      order: { opensOn: 'DESC', label: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total };
  }

  findById(db: Db, id: string): Promise<ReportingCycle | null> {
    return db.getRepository(ReportingCycle).findOneBy({ id });
  }

  /** The framework's latest cycle that has opened by `today`, else its earliest. */
  async findCurrent(db: Db, frameworkId: string, today: string): Promise<ReportingCycle | null> {
    return db
      .getRepository(ReportingCycle)
      .createQueryBuilder('c')
      .where('c.framework_id = :frameworkId AND c.archived_at IS NULL', { frameworkId })
      .orderBy('(c.opens_on <= :today)', 'DESC')
      .addOrderBy('CASE WHEN c.opens_on <= :today THEN c.opens_on END', 'DESC', 'NULLS LAST')
      .addOrderBy('c.opens_on', 'ASC')
      .setParameter('today', today)
      .getOne();
  }

  insert(db: Db, cycle: Pick<ReportingCycle, 'frameworkId' | 'label' | 'opensOn' | 'dueOn' | 'closesOn'>): Promise<ReportingCycle> {
    const repository = db.getRepository(ReportingCycle);
    return repository.save(repository.create({ ...cycle, version: 1, archivedAt: null }));
  }
}
