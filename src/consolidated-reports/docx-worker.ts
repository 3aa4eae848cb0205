import type { Locale } from '../common/locales';
import type { ReportComposition } from './report-composition';
import { renderDocx } from './report-docx';

/**
 * The process a Word file is rendered in (see DocxRenderer): the composition in, the file's bytes (or why not) out,
 * then it exits, and its memory goes back to the system.
 */
process.once('message', (input: { composition: ReportComposition; locale: Locale }) => {
  void renderDocx(input.composition, input.locale).then(
    (rendered) => process.send?.(new Uint8Array(rendered), () => process.exit(0)),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
  );
});
