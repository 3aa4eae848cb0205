import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors';
import { decide } from '../common/policy';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import type { ActivityReportState } from '../reporting/activity-report-state';
import type { Access } from './protocol';

/** What a live document belongs to, with what the permission rules need to know about it. */
export type DocumentOwner =
  | {
      kind: 'commitment_report';
      documentId: string;
      frameworkId: string;
      commitmentId: string;
      reference: string;
      leadAgencyIds: string[];
      leadAgencyCodes: string[];
      contributingAgencyIds: string[];
      contributingAgencyCodes: string[];
    }
  | {
      kind: 'activity_narrative';
      documentId: string;
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
    };

export interface AccessDecision {
  access: Access;
  /** Why the user only views, in words ("WFP and IFAD edit this report; you are viewing"). */
  reason?: string;
}

@Injectable()
export class DocumentAccess {
  constructor(private readonly transactions: Transactions) {}

  async owner(documentId: string): Promise<DocumentOwner> {
    const rows: (Omit<DocumentOwner, 'kind'> & {
      kind: DocumentOwner['kind'];
      reportId: string | null;
      agencyId: string | null;
      agencyCode: string | null;
      state: ActivityReportState | null;
    })[] = await this.transactions.db.query(
      `SELECT d.id AS "documentId", d.kind, c.framework_id AS "frameworkId", c.id AS "commitmentId", c.reference,
              coalesce(array_agg(ca.agency_id ORDER BY a.code) FILTER (WHERE ca.participation = 'lead'), '{}') AS "leadAgencyIds",
              coalesce(array_agg(a.code ORDER BY a.code) FILTER (WHERE ca.participation = 'lead'), '{}') AS "leadAgencyCodes",
              coalesce(array_agg(ca.agency_id ORDER BY a.code) FILTER (WHERE ca.participation = 'contributing'), '{}') AS "contributingAgencyIds",
              coalesce(array_agg(a.code ORDER BY a.code) FILTER (WHERE ca.participation = 'contributing'), '{}') AS "contributingAgencyCodes",
              r.id AS "reportId", r.agency_id AS "agencyId", ra.code AS "agencyCode", r.state
         FROM documents d
         LEFT JOIN activity_reports r ON r.document_id = d.id
         LEFT JOIN agencies ra ON ra.id = r.agency_id
         JOIN commitments c ON c.report_document_id = d.id OR c.id = r.commitment_id
         LEFT JOIN commitment_agencies ca ON ca.commitment_id = c.id
         LEFT JOIN agencies a ON a.id = ca.agency_id
        WHERE d.id = $1
        GROUP BY d.id, c.id, r.id, ra.code`,
      [documentId],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('document', documentId);
    if (row.kind === 'activity_narrative') {
      return { ...row, kind: 'activity_narrative', reportId: row.reportId!, agencyId: row.agencyId!, agencyCode: row.agencyCode!, state: row.state! };
    }
    const { reportId: _r, agencyId: _a, agencyCode: _c, state: _s, ...commitmentReport } = row;
    return { ...commitmentReport, kind: 'commitment_report' };
  }

  /** Edit or view, by the rules of DESIGN.md §3, with the reason when it is view. */
  decide(user: Principal, owner: DocumentOwner): AccessDecision {
    const decision =
      owner.kind === 'commitment_report'
        ? decide(user, 'commitmentReport.edit', owner)
        : decide(user, 'activityNarrative.edit', {
            commitment: owner,
            agencyId: owner.agencyId,
            agencyCode: owner.agencyCode,
            state: owner.state,
          });
    return decision === true ? { access: 'edit' } : { access: 'view', reason: decision };
  }
}
