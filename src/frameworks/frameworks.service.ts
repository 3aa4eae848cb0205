import { Injectable } from '@nestjs/common';
import { ChangesRepository } from '../changes/changes.repository';
import { ConflictError, NotFoundError } from '../common/errors';
import type { Page } from '../common/pagination.dto';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import { changedFields, updateVersioned } from '../database/versioned-update';
import { Framework } from './framework.entity';
import { CreateFrameworkDto, FrameworksQuery, UpdateFrameworkDto } from './frameworks.dto';
import { FrameworksRepository } from './frameworks.repository';

@Injectable()
export class FrameworksService {
  constructor(
    private readonly transactions: Transactions,
    private readonly frameworks: FrameworksRepository,
    private readonly changes: ChangesRepository,
  ) {}

  list(query: FrameworksQuery): Promise<Page<Framework>> {
    return this.frameworks.list(this.transactions.db, query);
  }

  async get(id: string): Promise<Framework> {
    const framework = await this.frameworks.findById(this.transactions.db, id);
    if (!framework) throw new NotFoundError('framework', id);
    return framework;
  }

  async create(user: Principal, dto: CreateFrameworkDto): Promise<Framework> {
    authorize(user, 'framework.manage', null);
    return this.transactions.run(async (tx) => {
      if (await this.frameworks.findByCode(tx, dto.code)) {
        throw new ConflictError('framework_code_taken', `A framework with code ${dto.code} already exists.`);
      }
      const framework = await this.frameworks.insert(tx, {
        code: dto.code,
        kind: dto.kind,
        title: dto.title,
        description: dto.description ?? '',
        country: dto.country ?? null,
      });
      await this.changes.append(tx, {
        actor: user,
        entityType: 'framework',
        entityId: framework.id,
        frameworkId: framework.id,
        action: 'created',
        summary: `${user.agencyCode} created framework ${framework.code}: ${framework.title}`,
        after: { code: framework.code, kind: framework.kind, title: framework.title },
      });
      return framework;
    });
  }

  async update(user: Principal, id: string, dto: UpdateFrameworkDto): Promise<Framework> {
    authorize(user, 'framework.manage', null);
    return this.transactions.run(async (tx) => {
      const before = await this.frameworks.findById(tx, id);
      if (!before) throw new NotFoundError('framework', id);
      const after = await updateVersioned(tx, Framework, 'framework', id, dto.version, {
        ...(dto.title !== undefined && { title: dto.title }),
        ...(dto.description !== undefined && { description: dto.description }),
        ...(dto.country !== undefined && { country: dto.country }),
        ...(dto.archived !== undefined && { archivedAt: dto.archived ? (before.archivedAt ?? new Date()) : null }),
      });
      await this.changes.append(tx, {
        actor: user,
        entityType: 'framework',
        entityId: id,
        frameworkId: id,
        action: dto.archived === true && !before.archivedAt ? 'archived' : 'updated',
        summary: `${user.agencyCode} updated framework ${after.code}`,
        ...changedFields(before, after, ['title', 'description', 'country', 'archivedAt']),
      });
      return after;
    });
  }
}
