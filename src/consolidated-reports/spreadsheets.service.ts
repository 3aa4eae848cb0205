import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { AuditTrail } from '../audit/audit.service';
import { NotFoundError } from '../common/errors';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import { CyclesService } from '../reporting/cycles.service';
import type { AccountabilityExportQuery, IndicatorValuesExportQuery, SpreadsheetFormat } from './consolidated-reports.dto';
import { ConsolidatedReportsRepository } from './consolidated-reports.repository';
import { CONTENT_TYPES, type DownloadFile } from './report-files';
import { SpreadsheetsRepository } from './spreadsheets.repository';

type Cell = string | number | Date | null;

interface Sheet {
  name: string;
  header: string[];
  rows: Cell[][];
  /** Columns frozen at the left beside the header row. */
  frozenColumns: number;
}

/** A YYYY-MM-DD day as a date at midnight UTC, which Excel shows as that day. */
const day = (text: string | null) => (text ? new Date(`${text}T00:00:00Z`) : null);

/**
 * The accountability grid and a framework's indicator values as spreadsheets: XLSX (exceljs: a header row, frozen
 * panes, dates as dates and numbers as numbers, one sheet per cycle) or CSV (UTF-8 with a byte-order mark, so that
 * Excel reads accented names right). Downloads are reads, recorded in the audit trail.
 */
@Injectable()
export class SpreadsheetsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly cycles: CyclesService,
    private readonly reports: ConsolidatedReportsRepository,
    private readonly spreadsheets: SpreadsheetsRepository,
    private readonly audit: AuditTrail,
  ) {}

  async accountability(user: Principal, frameworkId: string, query: AccountabilityExportQuery): Promise<DownloadFile> {
    const grid = await this.cycles.accountability(frameworkId, query.cycleId);
    const frameworkCode = (await this.reports.frameworkCode(this.transactions.db, frameworkId))!;
    const cells = grid.rows.flatMap((row) => row.cells.map((cell) => ({ row, cell })));
    const sheets: Sheet[] = [
      {
        name: grid.cycle.label,
        header: ['Reference', 'Commitment', ...grid.agencies],
        rows: grid.rows.map((row) => [row.reference, row.title, ...grid.agencies.map((agency) => row.cells.find((c) => c.agency === agency)?.state ?? null)]),
        frozenColumns: 2,
      },
      {
        name: `${grid.cycle.label} cells`,
        header: ['Cycle', 'Due on', 'Reference', 'Commitment', 'Agency', 'Participation', 'State'],
        rows: cells.map(({ row, cell }) => [grid.cycle.label, day(grid.cycle.dueOn), row.reference, row.title, cell.agency, cell.participation, cell.state]),
        frozenColumns: 3,
      },
    ];
    const file = await this.file(query.format, `${frameworkCode} ${grid.cycle.label} accountability grid`, sheets, 1);
    await this.record(user, { frameworkId, cycleId: grid.cycle.id, what: 'accountability', format: query.format });
    return file;
  }

  async indicatorValues(user: Principal, frameworkId: string, query: IndicatorValuesExportQuery): Promise<DownloadFile> {
    const db = this.transactions.db;
    const frameworkCode = await this.reports.frameworkCode(db, frameworkId);
    if (frameworkCode === null) throw new NotFoundError('framework', frameworkId);
    const rows = await this.spreadsheets.indicatorValues(db, frameworkId);
    const header = ['Cycle', 'Reference', 'Indicator', 'Unit', 'Baseline', 'Target', 'Target date', 'Agency', 'Value', 'Note', 'Report state', 'Updated on'];
    const byCycle = new Map<string, Cell[][]>();
    for (const row of rows) {
      const cells: Cell[] = [
        row.cycle,
        row.reference,
        row.indicator,
        row.unit,
        Number(row.baseline),
        Number(row.target),
        day(row.targetDate),
        row.agency,
        Number(row.value),
        row.note,
        row.reportState,
        day(row.updatedOn),
      ];
      byCycle.set(row.cycle, [...(byCycle.get(row.cycle) ?? []), cells]);
    }
    const sheets: Sheet[] =
      byCycle.size === 0
        ? [{ name: 'Indicator values', header, rows: [], frozenColumns: 3 }]
        : [...byCycle.entries()].map(([cycle, cycleRows]) => ({ name: cycle, header, rows: cycleRows, frozenColumns: 3 }));
    const file = await this.file(query.format, `${frameworkCode} indicator values`, sheets, sheets.length);
    await this.record(user, { frameworkId, what: 'indicator_values', format: query.format });
    return file;
  }

  /** XLSX with every sheet, or CSV of the sheets' rows one after the other under one header (`csvSheets` of them). */
  private async file(format: SpreadsheetFormat, name: string, sheets: Sheet[], csvSheets: number): Promise<DownloadFile> {
    if (format === 'csv') {
      const [first] = sheets;
      const lines = [first.header, ...sheets.slice(0, csvSheets).flatMap((sheet) => sheet.rows)].map((row) => row.map(csvField).join(','));
      return { bytes: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'), contentType: CONTENT_TYPES.csv, filename: `${name}.csv` };
    }
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Concert';
    const used = new Set<string>();
    for (const sheet of sheets) {
      const worksheet = workbook.addWorksheet(sheetName(sheet.name, used), { views: [{ state: 'frozen', xSplit: sheet.frozenColumns, ySplit: 1 }] });
      worksheet.addRow(sheet.header).font = { bold: true };
      for (const row of sheet.rows) worksheet.addRow(row);
      sheet.header.forEach((title, index) => {
        const column = worksheet.getColumn(index + 1);
        column.width = Math.max(10, Math.min(50, title.length + 4));
        if (sheet.rows.some((row) => row[index] instanceof Date)) column.numFmt = 'yyyy-mm-dd';
      });
    }
    return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), contentType: CONTENT_TYPES.xlsx, filename: `${name}.xlsx` };
  }

  private record(user: Principal, details: Record<string, unknown>): Promise<void> {
    return this.audit.record({ action: 'spreadsheet.downloaded', actorUserId: user.userId, agencyId: user.agencyId, details });
  }
}

/** Excel's rules for a sheet's name: 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 27)} (${n})`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * One CSV field: dates as YYYY-MM-DD, numbers as they are, text quoted when it must be, and text a spreadsheet would
 * take for a formula (=, +, -, @ first) led by an apostrophe so that it stays text.
 */
function csvField(value: Cell): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
