import { Injectable } from '@nestjs/common';
import type { Page } from '../common/pagination.dto';
import type { CommitmentSubject } from '../common/policy';
import { preparedRead } from '../database/prepared-reads';
import type { Db } from '../database/transactions';
import { Commitment, CommitmentAgency } from './commitment.entity';
import type { CommitmentStatus, Participation } from './domain';

/** A commitment as the API shows it: its agencies by code (and by id, for the permission rules, not shown). */
export interface CommitmentView {
  id: string;
  frameworkId: string;
  reference: string;
  title: string;
  description: string;
  status: CommitmentStatus;
  dueDate: string | null;
  leadAgencies: string[];
  contributingAgencies: string[];
  leadAgencyIds: string[];
  contributingAgencyIds: string[];
  reportDocumentId: string;
  archivedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A commitment in a list: without its description, which lists do not show (it can run to pages, and it was most
 * of a list page's bytes and JSON work: issue #14). GET /api/commitments/:id has it.
 */
export type CommitmentListItem = Omit<CommitmentView, 'description'>;

export interface CommitmentFilter {
  frameworkId?: string;
  agency?: string;
  participation?: Participation;
  status?: CommitmentStatus;
  dueBefore?: string;
  includeArchived?: boolean;
  limit: number;
  offset: number;
}

/** A commitment with the ids of its agencies, for the permission rules. */
export interface CommitmentParticipants extends CommitmentSubject {
  id: string;
  frameworkId: string;
  leadAgencyCodes: string[];
  contributingAgencyCodes: string[];
}

const LIST_COLUMNS = `
  c.id, c.framework_id AS "frameworkId", c.reference, c.title, c.status,
  to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate", c.report_document_id AS "reportDocumentId",
  c.archived_at AS "archivedAt", c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

const VIEW_COLUMNS = `${LIST_COLUMNS}, c.description`;

const AGENCY_CODES = `
  LEFT JOIN LATERAL (
    SELECT coalesce(array_agg(a.code ORDER BY a.code) FILTER (WHERE ca.participation = 'lead'), '{}') AS "leadAgencies",
           coalesce(array_agg(a.code ORDER BY a.code) FILTER (WHERE ca.participation = 'contributing'), '{}') AS "contributingAgencies",
           coalesce(array_agg(a.id ORDER BY a.code) FILTER (WHERE ca.participation = 'lead'), '{}') AS "leadAgencyIds",
           coalesce(array_agg(a.id ORDER BY a.code) FILTER (WHERE ca.participation = 'contributing'), '{}') AS "contributingAgencyIds"
      FROM commitment_agencies ca JOIN agencies a ON a.id = ca.agency_id
     WHERE ca.commitment_id = c.id
  ) p ON true`;

@Injectable()
export class CommitmentsRepository {
  /**
   * The page is chosen first (within one framework, straight from the index in display order), and only its rows
   * get their agency codes aggregated; the total is counted beside it.
   */
  async list(db: Db, filter: CommitmentFilter): Promise<Page<CommitmentListItem>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (!filter.includeArchived) where.push('c.archived_at IS NULL');
    if (filter.frameworkId) where.push(`c.framework_id = ${bind(filter.frameworkId)}`);
    if (filter.status) where.push(`c.status = ${bind(filter.status)}`);
    if (filter.dueBefore) where.push(`c.due_date < ${bind(filter.dueBefore)}`);
    if (filter.agency) {
      where.push(`EXISTS (SELECT 1 FROM commitment_agencies fa JOIN agencies fag ON fag.id = fa.agency_id
                          WHERE fa.commitment_id = c.id AND fag.code = ${bind(filter.agency)}
                          ${filter.participation ? `AND fa.participation = ${bind(filter.participation)}` : ''})`);
    }
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const filterParams = [...params];
    // Within one framework the index gives the order; across frameworks, order by the framework's code first.
    const order = filter.frameworkId
      ? 'c.framework_id, length(c.reference), c.reference'
      : '(SELECT code FROM frameworks f WHERE f.id = c.framework_id), length(c.reference), c.reference';
    const [rows, counted] = await Promise.all([
      preparedRead<CommitmentListItem>(
        db,
        // The page's agency codes in one pass over commitment_agencies (its primary key, the page's ids), rather than
        // one aggregation per row: a third of the database time of a 50-row page (npm run bench:api).
        `WITH page AS (
           SELECT c.*, row_number() OVER () AS position FROM (
             SELECT c.id, c.framework_id, c.reference, c.title, c.status, c.due_date, c.report_document_id, c.archived_at,
                    c.version, c.created_at, c.updated_at
               FROM commitments c ${condition} ORDER BY ${order} LIMIT ${bind(filter.limit)} OFFSET ${bind(filter.offset)}
           ) c
         ),
         codes AS (
           SELECT ca.commitment_id,
                  array_agg(a.code ORDER BY a.code) FILTER (WHERE ca.participation = 'lead') AS lead,
                  array_agg(a.code ORDER BY a.code) FILTER (WHERE ca.participation = 'contributing') AS contributing,
                  array_agg(a.id ORDER BY a.code) FILTER (WHERE ca.participation = 'lead') AS lead_ids,
                  array_agg(a.id ORDER BY a.code) FILTER (WHERE ca.participation = 'contributing') AS contributing_ids
             FROM commitment_agencies ca JOIN agencies a ON a.id = ca.agency_id
            WHERE ca.commitment_id = ANY (ARRAY(SELECT id FROM page))
            GROUP BY ca.commitment_id
         )
         SELECT ${LIST_COLUMNS}, coalesce(p.lead, '{}') AS "leadAgencies", coalesce(p.contributing, '{}') AS "contributingAgencies",
                coalesce(p.lead_ids, '{}') AS "leadAgencyIds", coalesce(p.contributing_ids, '{}') AS "contributingAgencyIds"
           FROM page c LEFT JOIN codes p ON p.commitment_id = c.id
          ORDER BY c.position`,
        params,
      ),
      preparedRead<{ total: number }>(db, `SELECT count(*)::int AS total FROM commitments c ${condition}`, filterParams),
    ]);
    return { items: rows, total: counted[0]?.total ?? 0 };
  }

  async findView(db: Db, id: string): Promise<CommitmentView | null> {
    const rows: CommitmentView[] = await db.query(
      `SELECT ${VIEW_COLUMNS}, p."leadAgencies", p."contributingAgencies", p."leadAgencyIds", p."contributingAgencyIds"
         FROM commitments c ${AGENCY_CODES} WHERE c.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The commitment's agencies, locked against concurrent change when `forUpdate`. */
  async findParticipants(db: Db, id: string, forUpdate = false): Promise<CommitmentParticipants | null> {
    return this.participants(db, 'c.id = $1', id, forUpdate);
  }

  /** The commitment whose live report this document is, with its agencies; null for any other document. */
  findByReportDocument(db: Db, documentId: string): Promise<CommitmentParticipants | null> {
    return this.participants(db, 'c.report_document_id = $1', documentId);
  }

  private async participants(db: Db, where: string, parameter: string, forUpdate = false): Promise<CommitmentParticipants | null> {
    const rows: { id: string; frameworkId: string; reference: string; agencyId: string | null; code: string | null; participation: Participation | null }[] =
      await db.query(
        `SELECT c.id, c.framework_id AS "frameworkId", c.reference, ca.agency_id AS "agencyId", a.code, ca.participation
           FROM commitments c
           LEFT JOIN commitment_agencies ca ON ca.commitment_id = c.id
           LEFT JOIN agencies a ON a.id = ca.agency_id
          WHERE ${where}
          ORDER BY a.code ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
        [parameter],
      );
    const first = rows[0];
    if (!first) return null;
    const lead = rows.filter((row) => row.participation === 'lead');
    return {
      id: first.id,
      frameworkId: first.frameworkId,
      reference: first.reference,
      leadAgencyIds: lead.map((row) => row.agencyId!),
      leadAgencyCodes: lead.map((row) => row.code!),
      contributingAgencyIds: rows.filter((row) => row.participation === 'contributing').map((row) => row.agencyId!),
      contributingAgencyCodes: rows.filter((row) => row.participation === 'contributing').map((row) => row.code!),
    };
  }

  async insert(
    db: Db,
    commitment: Pick<Commitment, 'frameworkId' | 'reference' | 'title' | 'description' | 'status' | 'dueDate' | 'reportDocumentId'>,
  ): Promise<Commitment> {
    const repository = db.getRepository(Commitment);
    return repository.save(repository.create({ ...commitment, version: 1, archivedAt: null }));
  }

  /** Replaces the commitment's agencies with these. */
  async setAgencies(db: Db, commitmentId: string, agencies: { agencyId: string; participation: Participation }[]): Promise<void> {
    await db.getRepository(CommitmentAgency).delete({ commitmentId });
    if (agencies.length > 0) {
      await db.getRepository(CommitmentAgency).insert(agencies.map((agency) => ({ commitmentId, ...agency })));
    }
  }
}
