import { Injectable } from '@nestjs/common';
import { ChangesRepository } from '../changes/changes.repository';
import { NotFoundError } from '../common/errors';
import type { Page } from '../common/pagination.dto';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import { changedFields, updateVersioned } from '../database/versioned-update';
import { CommitmentsRepository } from './commitments.repository';
import { CreateIndicatorDto, IndicatorValuesQuery, UpdateIndicatorDto } from './frameworks.dto';
import { Indicator } from './indicator.entity';
import { IndicatorsRepository, IndicatorValueView } from './indicators.repository';

@Injectable()
export class IndicatorsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly indicators: IndicatorsRepository,
    private readonly commitments: CommitmentsRepository,
    private readonly changes: ChangesRepository,
  ) {}

  async listByCommitment(commitmentId: string): Promise<Page<Indicator>> {
    const db = this.transactions.db;
    if (!(await this.commitments.findParticipants(db, commitmentId))) throw new NotFoundError('commitment', commitmentId);
    const items = await this.indicators.listByCommitment(db, commitmentId);
    return { items, total: items.length };
  }

  async get(id: string): Promise<Indicator> {
    const indicator = await this.indicators.findById(this.transactions.db, id);
    if (!indicator) throw new NotFoundError('indicator', id);
    return indicator;
  }

  async listValues(id: string, query: IndicatorValuesQuery): Promise<Page<IndicatorValueView>> {
    await this.get(id);
    return this.indicators.listValues(this.transactions.db, id, query);
  }

  async create(user: Principal, commitmentId: string, dto: CreateIndicatorDto): Promise<Indicator> {
    return this.transactions.run(async (tx) => {
      const commitment = await this.commitments.findParticipants(tx, commitmentId);
      if (!commitment) throw new NotFoundError('commitment', commitmentId);
      authorize(user, 'indicator.manage', commitment);
      const indicator = await this.indicators.insert(tx, {
        commitmentId,
        name: dto.name,
        unit: dto.unit,
        baseline: dto.baseline ?? 0,
        target: dto.target,
        targetDate: dto.targetDate ?? null,
      });
      await this.changes.append(tx, {
        actor: user,
        entityType: 'indicator',
        entityId: indicator.id,
        frameworkId: commitment.frameworkId,
        commitmentId,
        action: 'created',
        summary: `${user.agencyCode} added indicator "${indicator.name}" to ${commitment.reference}`,
        after: { name: indicator.name, unit: indicator.unit, baseline: indicator.baseline, target: indicator.target, targetDate: indicator.targetDate },
      });
      return indicator;
    });
  }

  async update(user: Principal, id: string, dto: UpdateIndicatorDto): Promise<Indicator> {
    return this.transactions.run(async (tx) => {
      const before = await this.indicators.findById(tx, id);
      if (!before) throw new NotFoundError('indicator', id);
      const commitment = (await this.commitments.findParticipants(tx, before.commitmentId))!;
      authorize(user, 'indicator.manage', commitment);
      const after = await updateVersioned(tx, Indicator, 'indicator', id, dto.version, {
        ...(dto.name !== undefined && { name: dto.name }),
        ...(dto.unit !== undefined && { unit: dto.unit }),
        ...(dto.baseline !== undefined && { baseline: dto.baseline }),
        ...(dto.target !== undefined && { target: dto.target }),
        ...(dto.targetDate !== undefined && { targetDate: dto.targetDate }),
        ...(dto.archived !== undefined && { archivedAt: dto.archived ? (before.archivedAt ?? new Date()) : null }),
      });
      await this.changes.append(tx, {
        actor: user,
        entityType: 'indicator',
        entityId: id,
        frameworkId: commitment.frameworkId,
        commitmentId: commitment.id,
        action: dto.archived === true && !before.archivedAt ? 'archived' : 'updated',
        summary: `${user.agencyCode} updated indicator "${after.name}" of ${commitment.reference}`,
        ...changedFields(before, after, ['name', 'unit', 'baseline', 'target', 'targetDate', 'archivedAt']),
      });
      return after;
    });
  }
}
