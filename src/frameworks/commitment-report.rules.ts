import { Injectable, type OnModuleInit } from '@nestjs/common';
import { decide, refusalFor } from '../common/policy';
import { refusalSentence } from '../common/refusals';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import { type AccessDecision, DocumentAccess, type DocumentOwner, type DocumentRules } from '../documents/document-access';
import { type CommitmentParticipants, CommitmentsRepository } from './commitments.repository';

/** A commitment's live report, with the agencies that take part in the commitment. */
export interface CommitmentReportOwner extends DocumentOwner {
  kind: 'commitment_report';
  frameworkId: string;
  commitmentId: string;
  reference: string;
  leadAgencyIds: string[];
  leadAgencyCodes: string[];
  contributingAgencyIds: string[];
  contributingAgencyCodes: string[];
}

/** Who edits and reviews a commitment's report (DESIGN.md §3), registered with the documents module. */
@Injectable()
export class CommitmentReportRules implements DocumentRules<CommitmentReportOwner>, OnModuleInit {
  constructor(
    private readonly transactions: Transactions,
    private readonly commitments: CommitmentsRepository,
    private readonly documents: DocumentAccess,
  ) {}

  onModuleInit(): void {
    this.documents.register('commitment_report', this);
  }

  async owner(documentId: string): Promise<CommitmentReportOwner | null> {
    const commitment = await this.commitments.findByReportDocument(this.transactions.db, documentId);
    return commitment && commitmentReportOwner(documentId, commitment);
  }

  /** Users of its lead and contributing agencies edit; everyone else views. */
  access(user: Principal, owner: CommitmentReportOwner): AccessDecision {
    const refused = refusalFor(user, 'commitmentReport.edit', owner);
    return refused ? { access: 'view', reason: refusalSentence(refused), refusal: refused } : { access: 'edit' };
  }

  reviews(user: Principal, owner: CommitmentReportOwner): boolean {
    return decide(user, 'document.review', owner) === true;
  }
}

function commitmentReportOwner(documentId: string, commitment: CommitmentParticipants): CommitmentReportOwner {
  const { id, frameworkId, reference, leadAgencyIds, leadAgencyCodes, contributingAgencyIds, contributingAgencyCodes } = commitment;
  return {
    kind: 'commitment_report',
    documentId,
    frameworkId,
    commitmentId: id,
    entityType: 'commitment',
    entityId: id,
    title: `the report of ${reference}`,
    name: { type: 'commitment_report', reference },
    reference,
    leadAgencyIds: [...leadAgencyIds],
    leadAgencyCodes,
    contributingAgencyIds: [...contributingAgencyIds],
    contributingAgencyCodes,
  };
}
