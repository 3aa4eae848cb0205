import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { LOCALES, type Locale } from '../common/locales';
import { PageQuery, VersionedUpdate } from '../common/pagination.dto';

export const REPORT_FORMATS = ['docx', 'pdf', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const SPREADSHEET_FORMATS = ['xlsx', 'csv'] as const;
export type SpreadsheetFormat = (typeof SPREADSHEET_FORMATS)[number];

export class CreateConsolidatedReportDto {
  /** The framework's reporting cycle the report is of. */
  @IsUUID()
  cycleId!: string;
}

export class ConsolidatedReportsQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  frameworkId?: string;

  @IsOptional()
  @IsUUID()
  cycleId?: string;
}

export class ExportQuery {
  @IsIn(REPORT_FORMATS, { message: `format must be one of ${REPORT_FORMATS.join(', ')}` })
  format!: ReportFormat;

  /** An issued edition, as it was issued; without it, the current draft. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'edition must be a positive integer' })
  @Min(1, { message: 'edition must be a positive integer' })
  @Max(1_000_000, { message: 'edition must be a positive integer' })
  edition?: number;

  /**
   * The language of the report's own headings and labels (a draft's; an edition keeps the files it was issued with).
   * Without it, the language the user chose in Concert, else English.
   */
  @IsOptional()
  @IsIn(LOCALES, { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale?: Locale;
}

export class IssueDto extends VersionedUpdate {}

export class ReopenDto extends VersionedUpdate {}

export class AccountabilityExportQuery {
  @IsUUID()
  cycleId!: string;

  @IsIn(SPREADSHEET_FORMATS, { message: `format must be one of ${SPREADSHEET_FORMATS.join(', ')}` })
  format!: SpreadsheetFormat;
}

export class IndicatorValuesExportQuery {
  @IsIn(SPREADSHEET_FORMATS, { message: `format must be one of ${SPREADSHEET_FORMATS.join(', ')}` })
  format!: SpreadsheetFormat;
}
