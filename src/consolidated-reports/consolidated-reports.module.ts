import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { ChangesModule } from '../changes/changes.module';
import { DocumentsModule } from '../documents/documents.module';
import { ReportingModule } from '../reporting/reporting.module';
import { ConsolidatedReportsController, SpreadsheetsController } from './consolidated-reports.controller';
import { ConsolidatedReportsRepository } from './consolidated-reports.repository';
import { ConsolidatedReportsService } from './consolidated-reports.service';
import { ConsolidatedSummaryRules } from './consolidated-summary.rules';
import { DocxRenderer } from './docx-renderer';
import { PdfRenderer } from './pdf-renderer';
import { ReportComposer } from './report-composer';
import { ReportCompositionRepository } from './report-composition.repository';
import { SpreadsheetsRepository } from './spreadsheets.repository';
import { SpreadsheetsService } from './spreadsheets.service';

/**
 * The consolidated progress report of a framework and cycle (issue 11): its live summary (registered with the
 * documents module), one composition rendered to HTML, DOCX and PDF, issued editions kept with their files; and the
 * accountability grid and indicator values as spreadsheets.
 */
@Module({
  imports: [AccountsModule, AuditModule, ChangesModule, DocumentsModule, ReportingModule],
  controllers: [ConsolidatedReportsController, SpreadsheetsController],
  providers: [
    ConsolidatedReportsRepository,
    ConsolidatedReportsService,
    ConsolidatedSummaryRules,
    DocxRenderer,
    PdfRenderer,
    ReportComposer,
    ReportCompositionRepository,
    SpreadsheetsRepository,
    SpreadsheetsService,
  ],
})
export class ConsolidatedReportsModule {}
