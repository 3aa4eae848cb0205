import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Page } from '../common/pagination.dto';
import type { Db } from '../database/transactions';
import type { FrameworkKind } from './domain';
import { Framework } from './framework.entity';

@Injectable()
export class FrameworksRepository {
  async list(db: Db, filter: { kind?: FrameworkKind; limit: number; offset: number }): Promise<Page<Framework>> {
    const [items, total] = await db.getRepository(Framework).findAndCount({
      where: { archivedAt: IsNull(), ...(filter.kind ? { kind: filter.kind } : {}) },
      order: { code: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total };
  }

  findById(db: Db, id: string): Promise<Framework | null> {
    return db.getRepository(Framework).findOneBy({ id });
  }

  findByCode(db: Db, code: string): Promise<Framework | null> {
    return db.getRepository(Framework).findOneBy({ code });
  }

  insert(db: Db, framework: Pick<Framework, 'code' | 'kind' | 'title' | 'description' | 'country'>): Promise<Framework> {
    const repository = db.getRepository(Framework);
    return repository.save(repository.create({ ...framework, version: 1, archivedAt: null }));
  }
}
