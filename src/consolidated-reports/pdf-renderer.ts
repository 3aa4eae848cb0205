import { existsSync } from 'node:fs';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { chromium } from 'playwright-core';
import { DomainError } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { escapeHtml } from '../common/escape-html';
import { REPORT_TEXTS, type ReportTexts } from './report-texts';

/** No browser to print with: PDF downloads wait for an operator; Word and HTML still work. */
export class PdfRendererUnavailableError extends DomainError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  constructor(chromiumPath: string, cause: string) {
    super(
      'pdf_unavailable',
      `PDF rendering needs headless Chromium: set CHROMIUM_PATH to its executable (now ${chromiumPath}: ${cause}). Word and HTML downloads still work.`,
    );
  }
}

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * The report's HTML printed to PDF by headless Chromium (CHROMIUM_PATH), A4 with page numbers. A browser is started
 * for each rendering and closed after it: renderings are rare, and nothing stays in memory between them. One rendering
 * at a time per process: several Chromiums at once would only share the same cores and multiply the memory. The page
 * runs no script and loads nothing from the network: everything it shows is inline.
 */
@Injectable()
export class PdfRenderer {
  private readonly logger = new Logger(PdfRenderer.name);
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly config: AppConfig) {}

  /** `texts`: the language of the footer's page numbers (the page's own language is in its HTML). */
  render(html: string, headerTitle: string, texts: ReportTexts = REPORT_TEXTS.en): Promise<Buffer> {
    const rendering = this.turn.then(() => this.print(html, headerTitle, texts));
    this.turn = rendering.catch(() => undefined);
    return rendering;
  }

  private async print(html: string, headerTitle: string, texts: ReportTexts): Promise<Buffer> {
    const executablePath = this.config.chromiumPath;
    if (!existsSync(executablePath)) throw new PdfRendererUnavailableError(executablePath, 'no such file');
    let browser;
    try {
      browser = await chromium.launch({ executablePath, headless: true, args: FLAGS });
    } catch (error) {
      this.logger.error(`Chromium did not start: ${String(error)}`);
      throw new PdfRendererUnavailableError(executablePath, 'it did not start');
    }
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#555">${escapeHtml(headerTitle)}</div>`,
        footerTemplate:
          `<div dir="${texts.rtl ? 'rtl' : 'ltr'}" style="font-size:8px;width:100%;text-align:center;color:#555">${escapeHtml(texts.page[0])}<span class="pageNumber"></span>` +
          `${escapeHtml(texts.page[1])}<span class="totalPages"></span>${escapeHtml(texts.page[2])}</div>`,
        margin: { top: '22mm', bottom: '20mm', left: '18mm', right: '18mm' },
      });
    } finally {
      await browser.close();
    }
  }
}
