import { Injectable } from '@nestjs/common';
import { ChangesRepository } from '../changes/changes.repository';
import { ConflictError, NotFoundError } from '../common/errors';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { type Db, Transactions } from '../database/transactions';
import { changedFields, updateVersioned } from '../database/versioned-update';
import { AgenciesQuery, CreateAgencyDto, UpdateAgencyDto } from './agencies.dto';
import type { AgencyPage, AgencyResponse } from './agencies.responses';
import { AgenciesRepository } from './agencies.repository';
import { Agency } from './agency.entity';

@Injectable()
export class AgenciesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly agencies: AgenciesRepository,
    private readonly changes: ChangesRepository,
  ) {}

  async list(query: AgenciesQuery): Promise<AgencyPage> {
    const db = this.transactions.db;
    const page = await this.agencies.list(db, query);
    const names = await this.agencies.namesOf(db, page.items.map((agency) => agency.id));
    return { ...page, items: page.items.map((agency) => ({ ...agency, names: names.get(agency.id) ?? {} })) };
  }

  async get(id: string): Promise<AgencyResponse> {
    return this.view(this.transactions.db, id);
  }

  private async view(db: Db, id: string): Promise<AgencyResponse> {
    const agency = await this.agencies.findById(db, id);
    if (!agency) throw new NotFoundError('agency', id);
    return { ...agency, names: (await this.agencies.namesOf(db, [id])).get(id) ?? {} };
  }

  async create(user: Principal, dto: CreateAgencyDto): Promise<AgencyResponse> {
    authorize(user, 'agency.manage', null);
    return this.transactions.run(async (tx) => {
      if ((await this.agencies.findByCodes(tx, [dto.code])).length > 0) {
        throw new ConflictError('agency_code_taken', `An agency with code ${dto.code} already exists.`);
      }
      const agency = await this.agencies.insert(tx, { code: dto.code, name: dto.name, kind: dto.kind });
      if (dto.names) await this.agencies.setNames(tx, agency.id, dto.names);
      await this.changes.append(tx, {
        actor: user,
        entityType: 'agency',
        entityId: agency.id,
        action: 'created',
        summary: `${user.agencyCode} added agency ${agency.code} (${agency.name})`,
        after: { code: agency.code, name: agency.name, kind: agency.kind, ...(dto.names && { names: (await this.agencies.namesOf(tx, [agency.id])).get(agency.id) }) },
      });
      return this.view(tx, agency.id);
    });
  }

  async update(user: Principal, id: string, dto: UpdateAgencyDto): Promise<AgencyResponse> {
    authorize(user, 'agency.manage', null);
    return this.transactions.run(async (tx) => {
      const before = await this.agencies.findById(tx, id);
      if (!before) throw new NotFoundError('agency', id);
      const after = await updateVersioned(tx, Agency, 'agency', id, dto.version, {
        ...(dto.name !== undefined && { name: dto.name }),
        ...(dto.kind !== undefined && { kind: dto.kind }),
        ...(dto.archived !== undefined && { archivedAt: dto.archived ? (before.archivedAt ?? new Date()) : null }),
      });
      const namesBefore = (await this.agencies.namesOf(tx, [id])).get(id) ?? {};
      if (dto.names) await this.agencies.setNames(tx, id, dto.names);
      const namesAfter = (await this.agencies.namesOf(tx, [id])).get(id) ?? {};
      const diff = changedFields({ ...before, names: namesBefore }, { ...after, names: namesAfter }, ['name', 'kind', 'archivedAt', 'names']);
      await this.changes.append(tx, {
        actor: user,
        entityType: 'agency',
        entityId: id,
        action: dto.archived === true && !before.archivedAt ? 'archived' : 'updated',
        summary: `${user.agencyCode} updated agency ${after.code}`,
        ...diff,
      });
      return { ...after, names: namesAfter };
    });
  }
}
