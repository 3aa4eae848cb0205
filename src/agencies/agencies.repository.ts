import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Page } from '../common/pagination';
import type { Db } from '../database/transactions';
import { Agency } from './agency.entity';
import type { AgencyKind } from './agency-kind';

@Injectable()
export class AgenciesRepository {
  async list(db: Db, filter: { kind?: AgencyKind; limit: number; offset: number }): Promise<Page<Agency>> {
    const [items, total] = await db.getRepository(Agency).findAndCount({
      where: { archivedAt: IsNull(), ...(filter.kind ? { kind: filter.kind } : {}) },
      order: { code: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total };
  }

  findById(db: Db, id: string): Promise<Agency | null> {
    return db.getRepository(Agency).findOneBy({ id });
  }

  /** Agencies by code, for resolving `leadAgencies: ['FAO']`; unknown codes are simply absent. */
  findByCodes(db: Db, codes: readonly string[]): Promise<Agency[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return db.getRepository(Agency).createQueryBuilder('a').where('a.code IN (:...codes)', { codes }).getMany();
  }

  insert(db: Db, agency: { code: string; name: string; kind: AgencyKind }): Promise<Agency> {
    const repository = db.getRepository(Agency);
    return repository.save(repository.create({ ...agency, version: 1, archivedAt: null }));
  }
}
