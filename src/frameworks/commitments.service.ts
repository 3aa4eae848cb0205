import { Injectable } from '@nestjs/common';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { ChangesRepository } from '../changes/changes.repository';
import { DocumentsService } from '../documents/documents.service';
import { ConflictError, InvalidInputError, NotFoundError, StaleVersionError } from '../common/errors';
import type { Page } from '../common/pagination.dto';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import type { Db } from '../database/transactions';
import { Transactions } from '../database/transactions';
import { changedFields, updateVersioned } from '../database/versioned-update';
import { Commitment } from './commitment.entity';
import { type CommitmentListItem, CommitmentsRepository, CommitmentView } from './commitments.repository';
import type { Participation } from './domain';
import { CommitmentsQuery, CreateCommitmentDto, UpdateCommitmentDto } from './frameworks.dto';
import { FrameworksRepository } from './frameworks.repository';
import { Indicator } from './indicator.entity';
import { IndicatorsRepository } from './indicators.repository';

export interface CommitmentDetail extends CommitmentView {
  indicators: Indicator[];
}

const DEFINITION_FIELDS = ['title', 'description', 'dueDate', 'leadAgencies', 'contributingAgencies', 'archived'] as const;

@Injectable()
export class CommitmentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly commitments: CommitmentsRepository,
    private readonly frameworks: FrameworksRepository,
    private readonly agencies: AgenciesRepository,
    private readonly indicators: IndicatorsRepository,
    private readonly documents: DocumentsService,
    private readonly changes: ChangesRepository,
  ) {}

  list(query: CommitmentsQuery): Promise<Page<CommitmentListItem>> {
    return this.commitments.list(this.transactions.db, query);
  }

  async get(id: string): Promise<CommitmentDetail> {
    const db = this.transactions.db;
    const [commitment, indicators] = await Promise.all([this.commitments.findView(db, id), this.indicators.listByCommitment(db, id)]);
    if (!commitment) throw new NotFoundError('commitment', id);
    return { ...commitment, indicators };
  }

  async create(user: Principal, dto: CreateCommitmentDto): Promise<CommitmentView> {
    authorize(user, 'commitment.manage', null);
    return this.transactions.run(async (tx) => {
      const framework = await this.frameworks.findById(tx, dto.frameworkId);
      if (!framework) throw new InvalidInputError('frameworkId', `frameworkId names no framework (${dto.frameworkId}).`);
      const participants = await this.resolveAgencies(tx, dto.leadAgencies, dto.contributingAgencies ?? []);
      const commitment = await this.commitments.insert(tx, {
        frameworkId: framework.id,
        reference: dto.reference,
        title: dto.title,
        description: dto.description ?? '',
        status: dto.status ?? 'not_started',
        dueDate: dto.dueDate ?? null,
        reportDocumentId: await this.documents.create(tx, 'commitment_report'),
      });
      await this.commitments.setAgencies(tx, commitment.id, participants);
      const view = (await this.commitments.findView(tx, commitment.id))!;
      await this.changes.append(tx, {
        actor: user,
        entityType: 'commitment',
        entityId: view.id,
        frameworkId: view.frameworkId,
        commitmentId: view.id,
        action: 'created',
        summary: `${user.agencyCode} created ${view.reference}: ${view.title}`,
        after: pickDefinition(view),
      });
      return view;
    });
  }

  async update(user: Principal, id: string, dto: UpdateCommitmentDto): Promise<CommitmentView> {
    return this.transactions.run(async (tx) => {
      const participants = await this.commitments.findParticipants(tx, id, true);
      if (!participants) throw new NotFoundError('commitment', id);
      const changesDefinition = DEFINITION_FIELDS.some((field) => dto[field] !== undefined);
      // A body with nothing to change still needs the least right to change the commitment, and writes nothing:
      // otherwise anyone could bump its version (making its editors' next save stale) and sign a change event.
      if (dto.status !== undefined || !changesDefinition) authorize(user, 'commitment.setStatus', participants);
      if (changesDefinition) authorize(user, 'commitment.manage', null);

      const before = (await this.commitments.findView(tx, id))!;
      if (dto.status === undefined && !changesDefinition) {
        if (before.version !== dto.version) throw new StaleVersionError('commitment', id, dto.version, before.version);
        return before;
      }
      await updateVersioned(tx, Commitment, 'commitment', id, dto.version, {
        ...(dto.status !== undefined && { status: dto.status }),
        ...(dto.title !== undefined && { title: dto.title }),
        ...(dto.description !== undefined && { description: dto.description }),
        ...(dto.dueDate !== undefined && { dueDate: dto.dueDate }),
        ...(dto.archived !== undefined && { archivedAt: dto.archived ? (before.archivedAt ?? new Date()) : null }),
      });
      if (dto.leadAgencies !== undefined || dto.contributingAgencies !== undefined) {
        const agencies = await this.resolveAgencies(
          tx,
          dto.leadAgencies ?? before.leadAgencies,
          dto.contributingAgencies ?? before.contributingAgencies,
        );
        await this.commitments.setAgencies(tx, id, agencies);
      }
      const after = (await this.commitments.findView(tx, id))!;
      const diff = changedFields(pickDefinition(before), pickDefinition(after), [
        'status',
        'title',
        'description',
        'dueDate',
        'leadAgencies',
        'contributingAgencies',
        'archived',
      ]);
      const onlyStatus = Object.keys(diff.after).length === 1 && 'status' in diff.after;
      await this.changes.append(tx, {
        actor: user,
        entityType: 'commitment',
        entityId: id,
        frameworkId: after.frameworkId,
        commitmentId: id,
        action: onlyStatus ? 'status_changed' : 'updated',
        summary: onlyStatus
          ? `${user.agencyCode} set ${after.reference} from ${before.status} to ${after.status}`
          : `${user.agencyCode} updated ${after.reference} (${Object.keys(diff.after).join(', ') || 'no change'})`,
        ...diff,
      });
      return after;
    });
  }

  /** Agency codes to ids; every code must name an agency, and none may both lead and contribute. */
  private async resolveAgencies(
    tx: Db,
    lead: readonly string[],
    contributing: readonly string[],
  ): Promise<{ agencyId: string; participation: Participation }[]> {
    if (lead.length === 0) throw new InvalidInputError('leadAgencies', 'leadAgencies must name at least one agency.');
    const both = lead.filter((code) => contributing.includes(code));
    if (both.length > 0) {
      throw new InvalidInputError('contributingAgencies', `${both.join(', ')} cannot both lead and contribute.`);
    }
    const found = new Map((await this.agencies.findByCodes(tx, [...lead, ...contributing])).map((a) => [a.code, a]));
    const resolve = (codes: readonly string[], field: string, participation: Participation) =>
      codes.map((code) => {
        const agency = found.get(code);
        if (!agency) throw new InvalidInputError(field, `${field}: no agency has the code ${code}.`);
        if (agency.archivedAt) throw new ConflictError('agency_archived', `${code} is archived.`);
        return { agencyId: agency.id, participation };
      });
    return [...resolve(lead, 'leadAgencies', 'lead'), ...resolve(contributing, 'contributingAgencies', 'contributing')];
  }
}

function pickDefinition(view: CommitmentView) {
  return {
    status: view.status,
    title: view.title,
    description: view.description,
    dueDate: view.dueDate,
    leadAgencies: view.leadAgencies,
    contributingAgencies: view.contributingAgencies,
    archived: view.archivedAt !== null,
  };
}
