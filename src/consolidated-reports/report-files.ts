import type { ReportFormat } from './consolidated-reports.dto';

/** A file a download answers with. */
export interface DownloadFile {
  bytes: Buffer;
  contentType: string;
  filename: string;
  /** Shown in the browser (the HTML preview) rather than saved. */
  inline?: boolean;
}

export const CONTENT_TYPES: Record<ReportFormat | 'xlsx' | 'csv', string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** "BPoA 2007-H1 consolidated report, edition 2.docx": framework, cycle and edition (or draft). */
export function reportFilename(frameworkCode: string, cycleLabel: string, edition: number | null, format: ReportFormat): string {
  return `${frameworkCode} ${cycleLabel} consolidated report, ${edition === null ? 'draft' : `edition ${edition}`}.${format}`;
}

/** Content-Disposition with an ASCII name for old clients and the exact name (RFC 5987) for the others. */
export function contentDisposition(file: DownloadFile): string {
  const ascii = file.filename.replace(/[^A-Za-z0-9 .,()_-]/g, '_');
  return `${file.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`;
}
