import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { InvalidInputError } from '../common/errors';
import { UuidParam } from '../common/params';
import { CurrentUser, type Principal } from '../common/principal';
import {
  AccountabilityExportQuery,
  ConsolidatedReportsQuery,
  CreateConsolidatedReportDto,
  ExportQuery,
  IndicatorValuesExportQuery,
  IssueDto,
  ReopenDto,
} from './consolidated-reports.dto';
import {
  ConsolidatedReportEditionDiffResponse,
  ConsolidatedReportEditionPage,
  ConsolidatedReportPage,
  ConsolidatedReportResponse,
} from './consolidated-reports.responses';
import { ConsolidatedReportsService } from './consolidated-reports.service';
import { CONTENT_TYPES, contentDisposition, type DownloadFile } from './report-files';
import { SpreadsheetsService } from './spreadsheets.service';

/** The HTML preview runs nothing and loads nothing: its styles and charts are inline. */
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Sends a file with its type and name. */
function download(response: Response, file: DownloadFile): StreamableFile {
  response.setHeader('Content-Disposition', contentDisposition(file));
  response.setHeader('Cache-Control', 'private, no-store');
  if (file.contentType.startsWith('text/html')) response.setHeader('Content-Security-Policy', HTML_POLICY);
  return new StreamableFile(file.bytes, { type: file.contentType, length: file.bytes.length });
}

const EditionParam = () =>
  Param('n', new ParseIntPipe({ exceptionFactory: () => new InvalidInputError('n', 'n must be an edition number (1, 2, ...)') }));

@ApiTags('consolidated-reports')
@Controller()
export class ConsolidatedReportsController {
  constructor(private readonly reports: ConsolidatedReportsService) {}

  /** Starts the consolidated report of the framework for one of its cycles (the secretariat). */
  @Post('frameworks/:id/consolidated-reports')
  create(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: CreateConsolidatedReportDto): Promise<ConsolidatedReportResponse> {
    return this.reports.create(user, id, dto);
  }

  @Get('consolidated-reports')
  list(@Query() query: ConsolidatedReportsQuery): Promise<ConsolidatedReportPage> {
    return this.reports.list(query);
  }

  @Get('consolidated-reports/:id')
  get(@UuidParam() id: string): Promise<ConsolidatedReportResponse> {
    return this.reports.get(id);
  }

  /** The report as Word, PDF or HTML: an issued edition as it was issued, or the draft as it stands. */
  @Get('consolidated-reports/:id/export')
  @ApiProduces(CONTENT_TYPES.docx, CONTENT_TYPES.pdf, CONTENT_TYPES.html)
  async export(
    @CurrentUser() user: Principal,
    @UuidParam() id: string,
    @Query() query: ExportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return download(response, await this.reports.export(user, id, query));
  }

  /** Freezes the report as its next edition (the secretariat). */
  @Post('consolidated-reports/:id/issue')
  @HttpCode(200)
  issue(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: IssueDto): Promise<ConsolidatedReportResponse> {
    return this.reports.issue(user, id, dto);
  }

  /** Opens the next edit round after an issue (the secretariat). */
  @Post('consolidated-reports/:id/reopen')
  @HttpCode(200)
  reopen(@CurrentUser() user: Principal, @UuidParam() id: string, @Body() dto: ReopenDto): Promise<ConsolidatedReportResponse> {
    return this.reports.reopen(user, id, dto);
  }

  @Get('consolidated-reports/:id/editions')
  editions(@UuidParam() id: string): Promise<ConsolidatedReportEditionPage> {
    return this.reports.editions(id);
  }

  /** Word by word, what changed since the edition before. */
  @Get('consolidated-reports/:id/editions/:n/diff')
  diff(@UuidParam() id: string, @EditionParam() n: number): Promise<ConsolidatedReportEditionDiffResponse> {
    return this.reports.diff(id, n);
  }
}

@ApiTags('frameworks')
@Controller('frameworks')
export class SpreadsheetsController {
  constructor(private readonly spreadsheets: SpreadsheetsService) {}

  /** The accountability grid of one cycle as XLSX or CSV. */
  @Get(':id/accountability/export')
  @ApiProduces(CONTENT_TYPES.xlsx, CONTENT_TYPES.csv)
  async accountability(
    @CurrentUser() user: Principal,
    @UuidParam() id: string,
    @Query() query: AccountabilityExportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return download(response, await this.spreadsheets.accountability(user, id, query));
  }

  /** Every value reported on the framework's indicators, one sheet per cycle (XLSX) or one table (CSV). */
  @Get(':id/indicator-values/export')
  @ApiProduces(CONTENT_TYPES.xlsx, CONTENT_TYPES.csv)
  async indicatorValues(
    @CurrentUser() user: Principal,
    @UuidParam() id: string,
    @Query() query: IndicatorValuesExportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return download(response, await this.spreadsheets.indicatorValues(user, id, query));
  }
}
