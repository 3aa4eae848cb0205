import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../accounts/users.repository';
import { AuditTrail } from '../audit/audit.service';
import { ChangesRepository } from '../changes/changes.repository';
import { ConflictError, InvalidInputError, NotFoundError, StaleVersionError } from '../common/errors';
import type { Locale } from '../common/locales';
import type { Page } from '../common/pagination.dto';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { type Db, Transactions } from '../database/transactions';
import { updateVersioned } from '../database/versioned-update';
import { DocumentsService } from '../documents/documents.service';
import { ConsolidatedReport } from './consolidated-report.entity';
import { type ConsolidatedReportsQuery, type CreateConsolidatedReportDto, type ExportQuery, type IssueDto, type ReopenDto } from './consolidated-reports.dto';
import { ConsolidatedReportsRepository } from './consolidated-reports.repository';
import type { ConsolidatedReportEditionDiffResponse, ConsolidatedReportEditionPage } from './consolidated-reports.responses';
import { DocxRenderer } from './docx-renderer';
import { PdfRenderer, PdfRendererUnavailableError } from './pdf-renderer';
import { ReportComposer } from './report-composer';
import type { ReportComposition } from './report-composition';
import { CONTENT_TYPES, type DownloadFile, reportFilename } from './report-files';
import { renderHtml } from './report-html';
import { REPORT_TEXTS } from './report-texts';
import { compositionText } from './report-words';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The consolidated report of a framework and cycle (issue 11): created by the secretariat with a live summary,
 * composed from the cycle's reporting whenever it is downloaded, issued in frozen editions whose files are kept.
 */
@Injectable()
export class ConsolidatedReportsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly reports: ConsolidatedReportsRepository,
    private readonly composer: ReportComposer,
    private readonly pdf: PdfRenderer,
    private readonly docx: DocxRenderer,
    private readonly documents: DocumentsService,
    private readonly changes: ChangesRepository,
    private readonly audit: AuditTrail,
    private readonly users: UsersRepository,
  ) {}

  list(query: ConsolidatedReportsQuery): Promise<Page<ConsolidatedReport>> {
    return this.reports.list(this.transactions.db, query);
  }

  async get(id: string): Promise<ConsolidatedReport> {
    const report = await this.reports.findById(this.transactions.db, id);
    if (!report) throw new NotFoundError('consolidated report', id);
    return report;
  }

  async create(user: Principal, frameworkId: string, dto: CreateConsolidatedReportDto): Promise<ConsolidatedReport> {
    authorize(user, 'consolidatedReport.manage', null);
    return this.transactions.run(async (tx) => {
      if ((await this.reports.frameworkCode(tx, frameworkId)) === null) throw new NotFoundError('framework', frameworkId);
      if ((await this.reports.frameworkOfCycle(tx, dto.cycleId)) !== frameworkId) {
        throw new InvalidInputError('cycleId', 'cycleId names no reporting cycle of this framework.');
      }
      const context = await this.reports.context(tx, { frameworkId, cycleId: dto.cycleId });
      if (await this.reports.exists(tx, frameworkId, dto.cycleId)) {
        throw new ConflictError(
          'consolidated_report_exists',
          `${context.frameworkCode} already has a consolidated report for ${context.cycleLabel}: open it rather than starting another.`,
        );
      }
      const report = await this.reports.insert(tx, {
        frameworkId,
        cycleId: dto.cycleId,
        summaryDocumentId: await this.documents.create(tx, 'consolidated_summary'),
        createdBy: user.userId,
      });
      await this.changes.append(tx, {
        actor: user,
        entityType: 'consolidated_report',
        entityId: report.id,
        frameworkId,
        action: 'created',
        summary: `${user.agencyCode} started the ${context.cycleLabel} consolidated report of ${context.frameworkCode}`,
        after: { cycleId: dto.cycleId, state: 'draft' },
      });
      return report;
    });
  }

  /**
   * The report as a file: an issued edition as it was issued (the same bytes every time), or the draft composed now in
   * the language asked for (else the user's own, else English). A read, recorded in the audit trail.
   */
  async export(user: Principal, id: string, query: ExportQuery): Promise<DownloadFile> {
    const db = this.transactions.db;
    const report = await this.get(id);
    const context = await this.reports.context(db, report);
    // Without an edition: the draft, or, between an issue and the next reopen, the edition just issued.
    const edition = query.edition ?? (report.state === 'issued' ? report.edition : null);
    // A draft in the language asked for, else the user's own, else English; an edition as it was issued.
    const locale = edition === null ? (query.locale ?? (await this.users.localesOf(db, [user.userId])).get(user.userId) ?? 'en') : null;
    const file: DownloadFile = {
      bytes: await (edition === null ? this.renderDraft(db, report, query.format, locale!) : this.editionBytes(report, edition, query.format)),
      contentType: CONTENT_TYPES[query.format],
      filename: reportFilename(context.frameworkCode, context.cycleLabel, edition, query.format),
      inline: query.format === 'html',
    };
    await this.audit.record({
      action: 'consolidated_report.downloaded',
      actorUserId: user.userId,
      agencyId: user.agencyId,
      details: { reportId: id, format: query.format, edition, ...(locale ? { locale } : {}) },
    });
    return file;
  }

  /** Freezes the report as its next edition: composed, rendered (in English), and its files kept. */
  async issue(user: Principal, id: string, dto: IssueDto): Promise<ConsolidatedReport> {
    authorize(user, 'consolidatedReport.manage', null);
    return this.transactions.run(async (tx) => {
      const report = await this.lock(tx, id, dto.version);
      if (report.state === 'issued') {
        throw new ConflictError('consolidated_report_issued', `Edition ${report.edition} is issued; reopen the report for the next edit round first.`);
      }
      const edition = report.edition + 1;
      const context = await this.reports.context(tx, report);
      const summary = await this.documents.render(report.summaryDocumentId);
      const composition = await this.composer.compose(tx, {
        frameworkId: report.frameworkId,
        cycleId: report.cycleId,
        summaryText: summary.text,
        editionLabel: REPORT_TEXTS.en.edition(edition),
        date: today(),
      });
      const html = renderHtml(composition, 'en');
      const docx = await this.docx.render(composition, 'en');
      // Without a browser the edition is issued all the same; its PDF is printed from the kept HTML when first asked for.
      const pdf = await this.pdf.render(html, headerLine(composition)).catch((error: unknown) => {
        if (error instanceof PdfRendererUnavailableError) return null;
        throw error;
      });
      await this.reports.insertEdition(tx, id, { edition, issuedBy: user.userId, text: compositionText(composition), html, docx, pdf });
      const after = await updateVersioned(tx, ConsolidatedReport, 'consolidated report', id, dto.version, { state: 'issued', edition });
      await this.changes.append(tx, {
        actor: user,
        entityType: 'consolidated_report',
        entityId: id,
        frameworkId: report.frameworkId,
        action: 'issued',
        summary: `${user.agencyCode} issued edition ${edition} of the ${context.cycleLabel} consolidated report of ${context.frameworkCode}`,
        before: { state: report.state, edition: report.edition },
        after: { state: 'issued', edition },
      });
      return after;
    });
  }

  /** Opens the next edit round: the summary can be edited again, and the next issue is the next edition. */
  async reopen(user: Principal, id: string, dto: ReopenDto): Promise<ConsolidatedReport> {
    authorize(user, 'consolidatedReport.manage', null);
    return this.transactions.run(async (tx) => {
      const report = await this.lock(tx, id, dto.version);
      if (report.state !== 'issued') throw new ConflictError('consolidated_report_not_issued', 'This report is a draft already: it is open for editing.');
      const context = await this.reports.context(tx, report);
      const after = await updateVersioned(tx, ConsolidatedReport, 'consolidated report', id, dto.version, { state: 'draft' });
      await this.changes.append(tx, {
        actor: user,
        entityType: 'consolidated_report',
        entityId: id,
        frameworkId: report.frameworkId,
        action: 'reopened',
        summary: `${user.agencyCode} reopened the ${context.cycleLabel} consolidated report of ${context.frameworkCode} for edition ${report.edition + 1}`,
        before: { state: 'issued' },
        after: { state: 'draft' },
      });
      return after;
    });
  }

  async editions(id: string): Promise<ConsolidatedReportEditionPage> {
    await this.get(id);
    const items = await this.reports.listEditions(this.transactions.db, id);
    return { items, total: items.length };
  }

  /** Word by word, what changed from the edition before to this one. */
  async diff(id: string, edition: number): Promise<ConsolidatedReportEditionDiffResponse> {
    await this.get(id);
    const texts = await this.reports.editionTexts(this.transactions.db, id, edition);
    if (texts.current === null) throw new NotFoundError('edition of consolidated report', `${id}, edition ${edition}`);
    return { edition, previousEdition: edition > 1 ? edition - 1 : null, changes: this.documents.diffWords(texts.previous ?? '', texts.current) };
  }

  /** Composes the draft as it stands now (its edition label in `locale`). */
  async compose(db: Db, report: ConsolidatedReport, locale: Locale = 'en'): Promise<ReportComposition> {
    const summary = await this.documents.render(report.summaryDocumentId);
    return this.composer.compose(db, {
      frameworkId: report.frameworkId,
      cycleId: report.cycleId,
      summaryText: summary.text,
      editionLabel: REPORT_TEXTS[locale].draftFor(report.edition + 1),
      date: today(),
    });
  }

  private async renderDraft(db: Db, report: ConsolidatedReport, format: ExportQuery['format'], locale: Locale): Promise<Buffer> {
    const composition = await this.compose(db, report, locale);
    switch (format) {
      case 'html':
        return Buffer.from(renderHtml(composition, locale));
      case 'docx':
        return this.docx.render(composition, locale);
      case 'pdf':
        return this.pdf.render(renderHtml(composition, locale), headerLine(composition), REPORT_TEXTS[locale]);
    }
  }

  private async editionBytes(report: ConsolidatedReport, edition: number, format: ExportQuery['format']): Promise<Buffer> {
    const db = this.transactions.db;
    const stored = await this.reports.findEdition(db, report.id, edition);
    if (!stored) throw new NotFoundError('edition of consolidated report', `${report.id}, edition ${edition}`);
    switch (format) {
      case 'html':
        return Buffer.from(stored.html);
      case 'docx':
        return stored.docx;
      case 'pdf': {
        if (stored.pdf) return stored.pdf;
        const context = await this.reports.context(db, report);
        const pdf = await this.pdf.render(stored.html, `${context.frameworkCode} · ${context.cycleLabel} · Edition ${edition}`);
        return this.reports.keepEditionPdf(db, report.id, edition, pdf);
      }
    }
  }

  /** The report locked, at the version the client read: 404, then 409 for a stale version. */
  private async lock(tx: Db, id: string, version: number): Promise<ConsolidatedReport> {
    const report = await this.reports.lock(tx, id);
    if (!report) throw new NotFoundError('consolidated report', id);
    if (report.version !== version) throw new StaleVersionError('consolidated report', id, version, report.version);
    return report;
  }
}

const headerLine = (composition: ReportComposition) => `${composition.framework.code} · ${composition.cycle.label} · ${composition.editionLabel}`;
