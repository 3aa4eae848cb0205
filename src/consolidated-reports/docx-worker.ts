import { parentPort, workerData } from 'node:worker_threads';
import type { Locale } from '../common/locales';
import type { ReportComposition } from './report-composition';
import { renderDocx } from './report-docx';

/**
 * The thread a Word file is rendered in (see DocxRenderer): the composition in, the file's bytes out. Its heap is its
 * own and goes with it when it ends.
 */
const { composition, locale } = workerData as { composition: ReportComposition; locale: Locale };
void renderDocx(composition, locale).then((rendered) => {
  // Bytes of their own (a small Buffer may sit in a shared pool), handed over rather than copied again.
  const bytes = new Uint8Array(rendered);
  parentPort?.postMessage(bytes, [bytes.buffer]);
});
