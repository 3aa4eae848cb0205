import { Injectable } from '@nestjs/common';
import { ChangesRepository } from '../changes/changes.repository';
import { InvalidInputError, NotFoundError } from '../common/errors';
import type { Page } from '../common/pagination.dto';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import { changedFields, updateVersioned } from '../database/versioned-update';
import { FrameworksRepository } from '../frameworks/frameworks.repository';
import { ActivityReportsRepository } from './activity-reports.repository';
import { CyclesRepository } from './cycles.repository';
import { CreateCycleDto, CyclesQuery, UpdateCycleDto } from './reporting.dto';
import { ReportingCycle } from './reporting-cycle.entity';
import type { AccountabilityGridResponse, AccountabilityGridRowResponse } from './reporting.responses';

const today = () => new Date().toISOString().slice(0, 10);

@Injectable()
export class CyclesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly cycles: CyclesRepository,
    private readonly frameworks: FrameworksRepository,
    private readonly reports: ActivityReportsRepository,
    private readonly changes: ChangesRepository,
  ) {}

  list(query: CyclesQuery): Promise<Page<ReportingCycle>> {
    return this.cycles.list(this.transactions.db, query);
  }

  async get(id: string): Promise<ReportingCycle> {
    const cycle = await this.cycles.findById(this.transactions.db, id);
    if (!cycle) throw new NotFoundError('reporting cycle', id);
    return cycle;
  }

  async create(user: Principal, dto: CreateCycleDto): Promise<ReportingCycle> {
    authorize(user, 'cycle.manage', null);
    assertOrdered(dto.opensOn, dto.dueOn, dto.closesOn);
    return this.transactions.run(async (tx) => {
      const framework = await this.frameworks.findById(tx, dto.frameworkId);
      if (!framework) throw new InvalidInputError('frameworkId', `frameworkId names no framework (${dto.frameworkId}).`);
      const cycle = await this.cycles.insert(tx, dto);
      await this.changes.append(tx, {
        actor: user,
        entityType: 'reporting_cycle',
        entityId: cycle.id,
        frameworkId: framework.id,
        action: 'created',
        summary: `${user.agencyCode} opened reporting cycle ${cycle.label} of ${framework.code}, due ${cycle.dueOn}`,
        after: { label: cycle.label, opensOn: cycle.opensOn, dueOn: cycle.dueOn, closesOn: cycle.closesOn },
      });
      return cycle;
    });
  }

  async update(user: Principal, id: string, dto: UpdateCycleDto): Promise<ReportingCycle> {
    authorize(user, 'cycle.manage', null);
    return this.transactions.run(async (tx) => {
      const before = await this.cycles.findById(tx, id);
      if (!before) throw new NotFoundError('reporting cycle', id);
      assertOrdered(dto.opensOn ?? before.opensOn, dto.dueOn ?? before.dueOn, dto.closesOn ?? before.closesOn);
      const after = await updateVersioned(tx, ReportingCycle, 'reporting cycle', id, dto.version, {
        ...(dto.label !== undefined && { label: dto.label }),
        ...(dto.opensOn !== undefined && { opensOn: dto.opensOn }),
        ...(dto.dueOn !== undefined && { dueOn: dto.dueOn }),
        ...(dto.closesOn !== undefined && { closesOn: dto.closesOn }),
      });
      await this.changes.append(tx, {
        actor: user,
        entityType: 'reporting_cycle',
        entityId: id,
        frameworkId: after.frameworkId,
        action: 'updated',
        summary: `${user.agencyCode} changed reporting cycle ${after.label}`,
        ...changedFields(before, after, ['label', 'opensOn', 'dueOn', 'closesOn']),
      });
      return after;
    });
  }

  async accountability(frameworkId: string, cycleId: string | undefined): Promise<AccountabilityGridResponse> {
    const db = this.transactions.db;
    if (!(await this.frameworks.findById(db, frameworkId))) throw new NotFoundError('framework', frameworkId);
    const cycle = cycleId ? await this.cycles.findById(db, cycleId) : await this.cycles.findCurrent(db, frameworkId, today());
    if (!cycle || cycle.frameworkId !== frameworkId) {
      throw cycleId
        ? new InvalidInputError('cycleId', 'cycleId names no reporting cycle of this framework.')
        : new NotFoundError('reporting cycle of framework', frameworkId);
    }
    const cells = await this.reports.accountability(db, frameworkId, cycle.id, today());
    const rows = new Map<string, AccountabilityGridRowResponse>();
    const agencies = new Set<string>();
    for (const { commitmentId, reference, title, ...cell } of cells) {
      if (!rows.has(commitmentId)) rows.set(commitmentId, { commitmentId, reference, title, cells: [] });
      rows.get(commitmentId)!.cells.push(cell);
      agencies.add(cell.agency);
    }
    return { frameworkId, cycle, agencies: [...agencies].sort(), rows: [...rows.values()] };
  }
}

function assertOrdered(opensOn: string, dueOn: string, closesOn: string): void {
  if (!(opensOn <= dueOn)) throw new InvalidInputError('dueOn', 'dueOn must not be before opensOn.');
  if (!(dueOn <= closesOn)) throw new InvalidInputError('closesOn', 'closesOn must not be before dueOn.');
}
