import { Injectable } from '@nestjs/common';
import type { Page } from '../common/pagination.dto';
import type { Db } from '../database/transactions';
import { ConsolidatedReport } from './consolidated-report.entity';
import type { ConsolidatedReportEditionResponse } from './consolidated-reports.responses';

/** What an edition keeps: the text for diffs, the HTML for the preview, the files as they were downloaded. */
export interface StoredEdition {
  edition: number;
  issuedAt: Date;
  text: string;
  html: string;
  docx: Buffer;
  pdf: Buffer | null;
}

/** The report's framework and cycle in words, for file names and change events, and who leads the framework. */
export interface ReportContext {
  frameworkCode: string;
  frameworkTitle: string;
  cycleLabel: string;
  leadAgencyIds: string[];
  leadAgencyCodes: string[];
}

@Injectable()
export class ConsolidatedReportsRepository {
  async list(db: Db, filter: { frameworkId?: string; cycleId?: string; limit: number; offset: number }): Promise<Page<ConsolidatedReport>> {
    const [items, total] = await db.getRepository(ConsolidatedReport).findAndCount({
      where: { ...(filter.frameworkId && { frameworkId: filter.frameworkId }), ...(filter.cycleId && { cycleId: filter.cycleId }) },
      order: { createdAt: 'DESC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total };
  }

  findById(db: Db, id: string): Promise<ConsolidatedReport | null> {
    return db.getRepository(ConsolidatedReport).findOneBy({ id });
  }

  /** The report, locked against a concurrent issue or reopen until the transaction ends. */
  lock(tx: Db, id: string): Promise<ConsolidatedReport | null> {
    return tx.getRepository(ConsolidatedReport).createQueryBuilder('r').setLock('pessimistic_write').where('r.id = :id', { id }).getOne();
  }

  findBySummaryDocument(db: Db, documentId: string): Promise<ConsolidatedReport | null> {
    return db.getRepository(ConsolidatedReport).findOneBy({ summaryDocumentId: documentId });
  }

  /** The framework's code, null when there is no such framework. */
  async frameworkCode(db: Db, frameworkId: string): Promise<string | null> {
    const [row]: { code: string }[] = await db.query('SELECT code FROM frameworks WHERE id = $1', [frameworkId]);
    return row?.code ?? null;
  }

  /** The framework a reporting cycle belongs to, null when there is no such cycle. */
  async frameworkOfCycle(db: Db, cycleId: string): Promise<string | null> {
    const [row]: { frameworkId: string }[] = await db.query('SELECT framework_id AS "frameworkId" FROM reporting_cycles WHERE id = $1', [cycleId]);
    return row?.frameworkId ?? null;
  }

  async exists(db: Db, frameworkId: string, cycleId: string): Promise<boolean> {
    return db.getRepository(ConsolidatedReport).existsBy({ frameworkId, cycleId });
  }

  insert(tx: Db, report: Pick<ConsolidatedReport, 'frameworkId' | 'cycleId' | 'summaryDocumentId' | 'createdBy'>): Promise<ConsolidatedReport> {
    const repository = tx.getRepository(ConsolidatedReport);
    return repository.save(repository.create({ ...report, state: 'draft', edition: 0, version: 1 }));
  }

  /** The framework and cycle in words, and the agencies leading at least one of the framework's commitments. */
  async context(db: Db, report: Pick<ConsolidatedReport, 'frameworkId' | 'cycleId'>): Promise<ReportContext> {
    const [row]: ReportContext[] = await db.query(
      `SELECT f.code AS "frameworkCode", f.title AS "frameworkTitle", cy.label AS "cycleLabel",
              coalesce(lead.ids, '{}') AS "leadAgencyIds", coalesce(lead.codes, '{}') AS "leadAgencyCodes"
         FROM frameworks f
         JOIN reporting_cycles cy ON cy.id = $2
         LEFT JOIN LATERAL (
           SELECT array_agg(a.id ORDER BY a.code) AS ids, array_agg(a.code ORDER BY a.code) AS codes
             FROM agencies a
            WHERE EXISTS (SELECT 1 FROM commitment_agencies ca JOIN commitments c ON c.id = ca.commitment_id
                           WHERE ca.agency_id = a.id AND ca.participation = 'lead' AND c.framework_id = f.id AND c.archived_at IS NULL)
         ) lead ON true
        WHERE f.id = $1`,
      [report.frameworkId, report.cycleId],
    );
    return row;
  }

  async insertEdition(tx: Db, reportId: string, edition: Omit<StoredEdition, 'issuedAt'> & { issuedBy: string }): Promise<void> {
    await tx.query(
      `INSERT INTO consolidated_report_editions (report_id, edition, issued_by, text, html, docx, pdf) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [reportId, edition.edition, edition.issuedBy, edition.text, edition.html, edition.docx, edition.pdf],
    );
  }

  /** Keeps the PDF of an edition issued while no browser was available, the first time it is rendered. */
  async keepEditionPdf(db: Db, reportId: string, edition: number, pdf: Buffer): Promise<Buffer> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [[row]]: [{ pdf: Buffer }[], number] = await db.query(
      `UPDATE consolidated_report_editions SET pdf = coalesce(pdf, $3) WHERE report_id = $1 AND edition = $2 RETURNING pdf`,
      [reportId, edition, pdf],
    );
    return row.pdf;
  }

  async listEditions(db: Db, reportId: string): Promise<ConsolidatedReportEditionResponse[]> {
    const rows: (Omit<ConsolidatedReportEditionResponse, 'issuedBy'> & { userId: string; displayName: string; agencyCode: string })[] = await db.query(
      `SELECT e.edition, e.issued_at AS "issuedAt", u.id AS "userId", u.display_name AS "displayName", a.code AS "agencyCode",
              octet_length(e.docx) AS "docxBytes", octet_length(e.pdf) AS "pdfBytes"
         FROM consolidated_report_editions e
         JOIN users u ON u.id = e.issued_by
         JOIN agencies a ON a.id = u.agency_id
        WHERE e.report_id = $1
        ORDER BY e.edition`,
      [reportId],
    );
    return rows.map(({ userId, displayName, agencyCode, ...edition }) => ({ ...edition, issuedBy: { userId, displayName, agencyCode } }));
  }

  async findEdition(db: Db, reportId: string, edition: number): Promise<StoredEdition | null> {
    const [row]: StoredEdition[] = await db.query(
      `SELECT edition, issued_at AS "issuedAt", text, html, docx, pdf FROM consolidated_report_editions WHERE report_id = $1 AND edition = $2`,
      [reportId, edition],
    );
    return row ?? null;
  }

  /** The texts of an edition and of the one before it (null for the first). */
  async editionTexts(db: Db, reportId: string, edition: number): Promise<{ current: string | null; previous: string | null }> {
    const rows: { edition: number; text: string }[] = await db.query(
      `SELECT edition, text FROM consolidated_report_editions WHERE report_id = $1 AND edition IN ($2, $2 - 1)`,
      [reportId, edition],
    );
    return {
      current: rows.find((r) => r.edition === edition)?.text ?? null,
      previous: rows.find((r) => r.edition === edition - 1)?.text ?? null,
    };
  }
}
