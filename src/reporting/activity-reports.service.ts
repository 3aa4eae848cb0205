import { Injectable } from '@nestjs/common';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { ChangesRepository } from '../changes/changes.repository';
import { DiscussionsService } from '../discussions/discussions.service';
import { DocumentsService } from '../documents/documents.service';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import type { Page } from '../common/pagination.dto';
import { ActivityReportSubject, authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { type Db, readTogether, Transactions } from '../database/transactions';
import { updateVersioned } from '../database/versioned-update';
import { CommitmentsRepository, type CommitmentParticipants } from '../frameworks/commitments.repository';
import { IndicatorsRepository } from '../frameworks/indicators.repository';
import { ActivityReport } from './activity-report.entity';
import { editRefusal, Transition, transitionRefusal, TRANSITIONS } from './activity-report-workflow';
import { ActivityReportsRepository, ActivityReportView, IndicatorValueEntry } from './activity-reports.repository';
import { CyclesRepository } from './cycles.repository';
import {
  ActivityReportsQuery,
  CreateActivityReportDto,
  IndicatorValueInput,
  TransitionDto,
  TransitionWithReasonDto,
  UpdateActivityReportDto,
} from './reporting.dto';
import type { ActivityReportDiffResponse } from './reporting.responses';

export interface ActivityReportDetail extends ActivityReportView {
  indicatorValues: IndicatorValueEntry[];
}

@Injectable()
export class ActivityReportsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly reports: ActivityReportsRepository,
    private readonly commitments: CommitmentsRepository,
    private readonly indicators: IndicatorsRepository,
    private readonly cycles: CyclesRepository,
    private readonly agencies: AgenciesRepository,
    private readonly documents: DocumentsService,
    private readonly changes: ChangesRepository,
    private readonly discussions: DiscussionsService,
  ) {}

  list(query: ActivityReportsQuery): Promise<Page<ActivityReportView>> {
    return this.reports.list(this.transactions.db, query);
  }

  async get(id: string): Promise<ActivityReportDetail> {
    return this.detail(this.transactions.db, id);
  }

  async create(user: Principal, dto: CreateActivityReportDto): Promise<ActivityReportDetail> {
    return this.transactions.run(async (tx) => {
      const commitment = await this.commitments.findParticipants(tx, dto.commitmentId);
      if (!commitment) throw new InvalidInputError('commitmentId', `commitmentId names no commitment (${dto.commitmentId}).`);
      const cycle = await this.cycles.findById(tx, dto.cycleId);
      if (!cycle || cycle.frameworkId !== commitment.frameworkId) {
        throw new InvalidInputError('cycleId', `cycleId names no reporting cycle of ${commitment.reference}'s framework.`);
      }
      authorize(user, 'activityReport.create', subject(commitment, user.agencyId, user.agencyCode));
      if (await this.reports.exists(tx, commitment.id, user.agencyId, cycle.id)) {
        throw new ConflictError(
          'activity_report_exists',
          `${user.agencyCode} already has an activity report for ${commitment.reference} in ${cycle.label}.`,
        );
      }
      const report = await this.reports.insert(tx, {
        commitmentId: commitment.id,
        agencyId: user.agencyId,
        cycleId: cycle.id,
        summary: dto.summary ?? '',
        documentId: await this.documents.create(tx, 'activity_narrative'),
        createdBy: user.userId,
      });
      await this.writeValues(tx, report.id, commitment, dto.indicatorValues ?? []);
      await this.changes.append(tx, {
        actor: user,
        entityType: 'activity_report',
        entityId: report.id,
        frameworkId: commitment.frameworkId,
        commitmentId: commitment.id,
        action: 'created',
        summary: `${user.agencyCode} started its ${cycle.label} activity report on ${commitment.reference}`,
        after: { state: 'draft', summary: report.summary, indicatorValues: dto.indicatorValues ?? [] },
      });
      return this.detail(tx, report.id);
    });
  }

  async update(user: Principal, id: string, dto: UpdateActivityReportDto): Promise<ActivityReportDetail> {
    return this.transactions.run(async (tx) => {
      const { report, commitment, agencyCode } = await this.load(tx, id);
      authorize(user, 'activityReport.edit', subject(commitment, report.agencyId, agencyCode));
      const refusal = editRefusal(report.state);
      if (refusal) throw new ConflictError('activity_report_not_editable', refusal);
      const before = await this.reports.listValues(tx, id);
      await updateVersioned(tx, ActivityReport, 'activity report', id, dto.version, {
        ...(dto.summary !== undefined && { summary: dto.summary }),
      });
      await this.writeValues(tx, id, commitment, dto.indicatorValues ?? []);
      const after = await this.detail(tx, id);
      await this.changes.append(tx, {
        actor: user,
        entityType: 'activity_report',
        entityId: id,
        frameworkId: commitment.frameworkId,
        commitmentId: commitment.id,
        action: 'updated',
        summary: `${user.agencyCode} updated its ${after.cycleLabel} activity report on ${commitment.reference}`,
        before: { summary: report.summary, indicatorValues: before },
        after: { summary: after.summary, indicatorValues: after.indicatorValues },
      });
      return after;
    });
  }

  submit(user: Principal, id: string, dto: TransitionDto) {
    return this.transition(user, id, 'submit', dto.version, null);
  }

  accept(user: Principal, id: string, dto: TransitionDto) {
    return this.transition(user, id, 'accept', dto.version, null);
  }

  return(user: Principal, id: string, dto: TransitionWithReasonDto) {
    return this.transition(user, id, 'return', dto.version, dto.reason);
  }

  reopen(user: Principal, id: string, dto: TransitionWithReasonDto) {
    return this.transition(user, id, 'reopen', dto.version, dto.reason);
  }

  /** Permission first (403), then the state machine (409), then the version (409), all under the row's lock. */
  private async transition(
    user: Principal,
    id: string,
    transition: Transition,
    version: number,
    reason: string | null,
  ): Promise<ActivityReportDetail> {
    const rule = TRANSITIONS[transition];
    return this.transactions.run(async (tx) => {
      const { report, commitment, agencyCode } = await this.load(tx, id);
      authorize(user, rule.permission, subject(commitment, report.agencyId, agencyCode));
      const refusal = transitionRefusal(report.state, transition);
      if (refusal) throw new ConflictError('invalid_transition', refusal, { state: report.state, transition });
      const now = new Date();
      // An accepted report is that cycle's record: its narrative is kept as it stands now. (Submitted reports are
      // view-only, so nothing can change the narrative between submission and acceptance.)
      const accepted = transition === 'accept' ? await this.documents.render(report.documentId) : null;
      await updateVersioned(tx, ActivityReport, 'activity report', id, version, {
        state: rule.to,
        ...(accepted && { acceptedText: accepted.text, acceptedHtml: accepted.html }),
        ...(transition === 'submit'
          ? { submittedAt: now, submittedBy: user.userId }
          : { decidedAt: now, decidedBy: user.userId }),
        ...(rule.needsReason && { returnReason: reason }),
      });
      const after = await this.detail(tx, id);
      // The reason is a question the agency answers: it opens a thread on the report, in this transaction.
      if (transition === 'return' && reason !== null) await this.discussions.openForReturn(tx, user, report.documentId, reason, report.agencyId);
      await this.changes.append(tx, {
        actor: user,
        entityType: 'activity_report',
        entityId: id,
        frameworkId: commitment.frameworkId,
        commitmentId: commitment.id,
        action: rule.verb,
        summary:
          `${user.agencyCode} ${rule.verb} ${transition === 'submit' ? 'its' : `${agencyCode}'s`} ${after.cycleLabel} ` +
          `activity report on ${commitment.reference}${reason ? `: ${reason}` : ''}`,
        before: { state: report.state },
        after: { state: rule.to, ...(reason !== null && { reason }) },
      });
      return after;
    });
  }

  /**
   * Word by word, what changed in the accepted narrative since the same agency's previous accepted report on the
   * same commitment (an earlier cycle).
   */
  async diffWithPrevious(id: string): Promise<ActivityReportDiffResponse> {
    const db = this.transactions.db;
    const current = await this.reports.findView(db, id);
    if (!current) throw new NotFoundError('activity report', id);
    const texts = await this.reports.acceptedTexts(db, id);
    if (texts.current === null) {
      throw new ConflictError('activity_report_not_accepted', 'Only an accepted report has a kept text to compare.');
    }
    return {
      reportId: id,
      previousReportId: texts.previous?.id ?? null,
      previousCycleLabel: texts.previous?.cycleLabel ?? null,
      changes: this.documents.diffWords(texts.previous?.text ?? '', texts.current),
    };
  }

  /** The report, locked, with its commitment's agencies. */
  private async load(tx: Db, id: string) {
    const report = await this.reports.lock(tx, id);
    if (!report) throw new NotFoundError('activity report', id);
    const commitment = (await this.commitments.findParticipants(tx, report.commitmentId))!;
    const agency = (await this.agencies.findById(tx, report.agencyId))!;
    return { report, commitment, agencyCode: agency.code };
  }

  /** Every value must be for an indicator of the report's commitment, each named once. */
  private async writeValues(tx: Db, reportId: string, commitment: CommitmentParticipants, values: IndicatorValueInput[]) {
    if (values.length === 0) return;
    const indicators = new Set((await this.indicators.listByCommitment(tx, commitment.id)).map((i) => i.id));
    const seen = new Set<string>();
    values.forEach((value, index) => {
      if (!indicators.has(value.indicatorId)) {
        throw new InvalidInputError(
          `indicatorValues.${index}.indicatorId`,
          `indicatorValues.${index}.indicatorId is not an indicator of ${commitment.reference}.`,
        );
      }
      if (seen.has(value.indicatorId)) {
        throw new InvalidInputError(`indicatorValues.${index}.indicatorId`, `indicatorValues names indicator ${value.indicatorId} twice.`);
      }
      seen.add(value.indicatorId);
    });
    await this.reports.upsertValues(
      tx,
      reportId,
      values.map((v) => ({ indicatorId: v.indicatorId, value: v.value, note: v.note ?? null })),
    );
  }

  private async detail(db: Db, id: string): Promise<ActivityReportDetail> {
    const [view, indicatorValues] = await readTogether(db, [() => this.reports.findView(db, id), () => this.reports.listValues(db, id)]);
    if (!view) throw new NotFoundError('activity report', id);
    return { ...view, indicatorValues };
  }
}

function subject(commitment: CommitmentParticipants, agencyId: string, agencyCode: string): ActivityReportSubject {
  return { commitment, agencyId, agencyCode };
}
