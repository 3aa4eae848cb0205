import { Injectable } from '@nestjs/common';
import { ChangesRepository } from '../changes/changes.repository';
import { ConflictError, NotFoundError } from '../common/errors';
import type { Page } from '../common/pagination';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import { changedFields, updateVersioned } from '../database/versioned-update';
import { AgenciesQuery, CreateAgencyDto, UpdateAgencyDto } from './agencies.dto';
import { AgenciesRepository } from './agencies.repository';
import { Agency } from './agency.entity';

@Injectable()
export class AgenciesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly agencies: AgenciesRepository,
    private readonly changes: ChangesRepository,
  ) {}

  list(query: AgenciesQuery): Promise<Page<Agency>> {
    return this.agencies.list(this.transactions.db, query);
  }

  async get(id: string): Promise<Agency> {
    const agency = await this.agencies.findById(this.transactions.db, id);
    if (!agency) throw new NotFoundError('agency', id);
    return agency;
  }

  async create(user: Principal, dto: CreateAgencyDto): Promise<Agency> {
    authorize(user, 'agency.manage', null);
    return this.transactions.run(async (tx) => {
      if ((await this.agencies.findByCodes(tx, [dto.code])).length > 0) {
        throw new ConflictError('agency_code_taken', `An agency with code ${dto.code} already exists.`);
      }
      const agency = await this.agencies.insert(tx, dto);
      await this.changes.append(tx, {
        actor: user,
        entityType: 'agency',
        entityId: agency.id,
        action: 'created',
        summary: `${user.agencyCode} added agency ${agency.code} (${agency.name})`,
        after: { code: agency.code, name: agency.name, kind: agency.kind },
      });
      return agency;
    });
  }

  async update(user: Principal, id: string, dto: UpdateAgencyDto): Promise<Agency> {
    authorize(user, 'agency.manage', null);
    return this.transactions.run(async (tx) => {
      const before = await this.agencies.findById(tx, id);
      if (!before) throw new NotFoundError('agency', id);
      const after = await updateVersioned(tx, Agency, 'agency', id, dto.version, {
        ...(dto.name !== undefined && { name: dto.name }),
        ...(dto.kind !== undefined && { kind: dto.kind }),
        ...(dto.archived !== undefined && { archivedAt: dto.archived ? (before.archivedAt ?? new Date()) : null }),
      });
      const diff = changedFields(before, after, ['name', 'kind', 'archivedAt']);
      await this.changes.append(tx, {
        actor: user,
        entityType: 'agency',
        entityId: id,
        action: dto.archived === true && !before.archivedAt ? 'archived' : 'updated',
        summary: `${user.agencyCode} updated agency ${after.code}`,
        ...diff,
      });
      return after;
    });
  }
}
