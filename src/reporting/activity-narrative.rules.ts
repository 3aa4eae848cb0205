import { Injectable, type OnModuleInit } from '@nestjs/common';
import { decide, refusalFor } from '../common/policy';
import { type Refusal, refusal, refusalSentence } from '../common/refusals';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import { type AccessDecision, DocumentAccess, type DocumentOwner, type DocumentRules } from '../documents/document-access';
import { CommitmentsRepository } from '../frameworks/commitments.repository';
import type { ActivityReportState } from './activity-report-state';
import { ActivityReportsRepository } from './activity-reports.repository';

/** An activity report's live narrative: the report (agency, state) and its commitment's agencies. */
export interface ActivityNarrativeOwner extends DocumentOwner {
  kind: 'activity_narrative';
  frameworkId: string;
  commitmentId: string;
  reference: string;
  leadAgencyIds: string[];
  leadAgencyCodes: string[];
  contributingAgencyIds: string[];
  contributingAgencyCodes: string[];
  reportId: string;
  agencyId: string;
  agencyCode: string;
  state: ActivityReportState;
}

/** Who edits and reviews an activity report's narrative (DESIGN.md §3), registered with the documents module. */
@Injectable()
export class ActivityNarrativeRules implements DocumentRules<ActivityNarrativeOwner>, OnModuleInit {
  constructor(
    private readonly transactions: Transactions,
    private readonly reports: ActivityReportsRepository,
    private readonly commitments: CommitmentsRepository,
    private readonly documents: DocumentAccess,
  ) {}

  onModuleInit(): void {
    this.documents.register('activity_narrative', this);
  }

  async owner(documentId: string): Promise<ActivityNarrativeOwner | null> {
    const db = this.transactions.db;
    const report = await this.reports.findByDocument(db, documentId);
    const commitment = report && (await this.commitments.findParticipants(db, report.commitmentId));
    if (!report || !commitment) return null;
    return {
      kind: 'activity_narrative',
      documentId,
      frameworkId: commitment.frameworkId,
      commitmentId: commitment.id,
      entityType: 'activity_report',
      entityId: report.id,
      title: `${report.agencyCode}'s activity report on ${commitment.reference}`,
      name: { type: 'activity_report', agency: report.agencyCode, reference: commitment.reference },
      reference: commitment.reference,
      leadAgencyIds: [...commitment.leadAgencyIds],
      leadAgencyCodes: commitment.leadAgencyCodes,
      contributingAgencyIds: [...commitment.contributingAgencyIds],
      contributingAgencyCodes: commitment.contributingAgencyCodes,
      reportId: report.id,
      agencyId: report.agencyId,
      agencyCode: report.agencyCode,
      state: report.state,
    };
  }

  /** The agency's own users edit, until it is submitted or accepted; everyone else views. */
  access(user: Principal, owner: ActivityNarrativeOwner): AccessDecision {
    const refused = refusalFor(user, 'activityNarrative.edit', { commitment: owner, agencyId: owner.agencyId, agencyCode: owner.agencyCode, state: owner.state });
    return refused ? { access: 'view', reason: refusalSentence(refused), refusal: refused } : { access: 'edit' };
  }

  reviews(user: Principal, owner: ActivityNarrativeOwner): boolean {
    return decide(user, 'document.review', owner) === true;
  }

  /** An accepted report is that cycle's record: its discussions are kept, and closed. */
  discussionClosed(owner: ActivityNarrativeOwner): Refusal | null {
    return owner.state === 'accepted' ? refusal('report_accepted_discussion_closed', { agency: owner.agencyCode, commitment: owner.reference }) : null;
  }
}
