import { Injectable, type OnModuleInit } from '@nestjs/common';
import { decide, refusalFor } from '../common/policy';
import { type Refusal, refusal, refusalSentence } from '../common/refusals';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import { type AccessDecision, DocumentAccess, type DocumentOwner, type DocumentRules } from '../documents/document-access';
import type { DocumentName } from '../documents/document-name';
import type { ConsolidatedReportState } from './consolidated-report.entity';
import { ConsolidatedReportsRepository } from './consolidated-reports.repository';

/** A consolidated report's live summary: its framework, the agencies leading the framework's commitments, its state. */
export interface ConsolidatedSummaryOwner extends DocumentOwner {
  kind: 'consolidated_summary';
  name: Extract<DocumentName, { type: 'consolidated_summary' }>;
  frameworkId: string;
  commitmentId: null;
  reportId: string;
  frameworkCode: string;
  leadAgencyIds: string[];
  leadAgencyCodes: string[];
  state: ConsolidatedReportState;
}

/**
 * Who edits the summary of a consolidated report: the secretariat and the focal points of the agencies that lead at
 * least one of the framework's commitments, while it is a draft; nobody between an issue and the next reopen. The
 * secretariat reviews it (it issues the report).
 */
@Injectable()
export class ConsolidatedSummaryRules implements DocumentRules<ConsolidatedSummaryOwner>, OnModuleInit {
  constructor(
    private readonly transactions: Transactions,
    private readonly reports: ConsolidatedReportsRepository,
    private readonly documents: DocumentAccess,
  ) {}

  onModuleInit(): void {
    this.documents.register('consolidated_summary', this);
  }

  async owner(documentId: string): Promise<ConsolidatedSummaryOwner | null> {
    const db = this.transactions.db;
    const report = await this.reports.findBySummaryDocument(db, documentId);
    if (!report) return null;
    const context = await this.reports.context(db, report);
    return {
      kind: 'consolidated_summary',
      documentId,
      frameworkId: report.frameworkId,
      commitmentId: null,
      entityType: 'consolidated_report',
      entityId: report.id,
      title: `the summary of ${context.frameworkCode}'s ${context.cycleLabel} consolidated report`,
      name: { type: 'consolidated_summary', framework: context.frameworkCode, cycle: context.cycleLabel },
      reportId: report.id,
      frameworkCode: context.frameworkCode,
      leadAgencyIds: context.leadAgencyIds,
      leadAgencyCodes: context.leadAgencyCodes,
      state: report.state,
    };
  }

  access(user: Principal, owner: ConsolidatedSummaryOwner): AccessDecision {
    const refused = refusalFor(user, 'consolidatedSummary.edit', owner);
    return refused ? { access: 'view', reason: refusalSentence(refused), refusal: refused } : { access: 'edit' };
  }

  reviews(user: Principal): boolean {
    return decide(user, 'consolidatedReport.manage', null) === true;
  }

  /** An issued edition is the record the Board reads: its threads stay readable, and take no new comment until reopened. */
  discussionClosed(owner: ConsolidatedSummaryOwner): Refusal | null {
    return owner.state === 'issued' ? refusal('summary_issued_discussion_closed', { framework: owner.name.framework, cycle: owner.name.cycle }) : null;
  }
}
