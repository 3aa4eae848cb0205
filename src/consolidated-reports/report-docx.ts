import type { Locale } from '../common/locales';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { CELL_STATES, type ReportComposition } from './report-composition';
import { CHART_WIDTH, chartHeight, indicatorPng, indicatorSvg } from './report-charts';
import {
  commitmentFacts,
  commitmentHeading,
  coverLine,
  editionLine,
  formatValue,
  notStartedSentence,
  pendingSentence,
  formatDate,
  reportTitle,
} from './report-words';
import { REPORT_TEXTS, type ReportTexts } from './report-texts';

/** A4 in twentieths of a point, with 2 cm margins. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134;
const NUMBERED = 'numbered-paragraphs';

type Block = Paragraph | Table | TableOfContents;

/**
 * Paragraphs, runs and tables in one direction: right to left ones are bidirectional paragraphs (w:bidi) of
 * right-to-left runs (w:rtl) in tables laid out from the right (w:bidiVisual); the text's language is set on its runs.
 */
function writer(texts: ReportTexts, locale: Locale) {
  const rtl = texts.rtl;
  const language = rtl ? { bidirectional: locale } : locale === 'zh' ? { eastAsia: 'zh-CN' } : { value: texts.intl };
  const run = (text: string, options: { bold?: boolean; italics?: boolean } = {}) => new TextRun({ text, ...options, rightToLeft: rtl, language });
  const numbered = (text: string) => new Paragraph({ bidirectional: rtl, children: [run(text)], numbering: { reference: NUMBERED, level: 0 } });
  const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false) =>
    new Paragraph({ bidirectional: rtl, children: [run(text)], heading: level, pageBreakBefore });
  const plain = (text: string, options: { bold?: boolean; italics?: boolean } = {}) => new Paragraph({ bidirectional: rtl, children: [run(text, options)] });
  function table(header: string[], rows: string[][], numericFrom = Infinity): Table {
    const cell = (text: string, bold: boolean, end: boolean) =>
      new TableCell({ children: [new Paragraph({ bidirectional: rtl, alignment: end ? AlignmentType.END : AlignmentType.START, children: [run(text, { bold })] })] });
    return new Table({
      visuallyRightToLeft: rtl,
      width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
        new TableRow({ tableHeader: true, children: header.map((text) => cell(text, true, false)) }),
        ...rows.map((row) => new TableRow({ children: row.map((text, i) => cell(text, i === 0 && numericFrom !== Infinity, i >= numericFrom)) })),
      ],
    });
  }
  return { rtl, run, numbered, heading, plain, table };
}

/**
 * The report as a Word document: real headings (Word's navigation pane), paragraphs numbered through the document as
 * in a Board paper, tables, a table of contents field, a header and a footer with page numbers, A4; its own words in
 * `locale`, right to left in Arabic. Text people wrote is handed to docx as text runs, which it escapes: it never
 * becomes markup.
 */
export async function renderDocx(composition: ReportComposition, locale: Locale): Promise<Buffer> {
  const texts = REPORT_TEXTS[locale];
  const { rtl, run, numbered, heading, plain, table } = writer(texts, locale);
  const count = (n: number) => new Intl.NumberFormat(texts.intl).format(n);
  const blocks: Block[] = [];
  blocks.push(
    plain(texts.kicker, { bold: true }),
    new Paragraph({ bidirectional: rtl, children: [run(composition.framework.title)], heading: HeadingLevel.TITLE }),
    plain(coverLine(composition, texts)),
    plain(editionLine(composition, texts), { bold: true }),
  );
  if (composition.framework.description) blocks.push(plain(composition.framework.description));
  blocks.push(new TableOfContents(texts.contents, { hyperlink: true, headingStyleRange: '1-2' }));

  blocks.push(heading(texts.executiveSummary, HeadingLevel.HEADING_1, true));
  if (composition.summary.length === 0) blocks.push(plain(texts.summaryNotWritten, { italics: true }));
  blocks.push(...composition.summary.map((paragraph) => numbered(paragraph)));

  blocks.push(heading(texts.cycleAtAGlance, HeadingLevel.HEADING_1));
  blocks.push(
    table(
      [texts.agency, ...CELL_STATES.map((s) => texts.states[s])],
      composition.tallies.map(({ agency, counts }) => [agency, ...CELL_STATES.map((s) => count(counts[s]))]),
      1,
    ),
  );
  const notStarted = notStartedSentence(composition, texts);
  if (notStarted) blocks.push(numbered(notStarted));

  for (const commitment of composition.commitments) {
    blocks.push(heading(commitmentHeading(commitment), HeadingLevel.HEADING_1, true));
    blocks.push(table(['', ''], commitmentFacts(commitment, texts)));
    blocks.push(heading(texts.report, HeadingLevel.HEADING_2));
    if (commitment.report.length === 0) blocks.push(plain(texts.noReportText, { italics: true }));
    blocks.push(...commitment.report.map((paragraph) => numbered(paragraph)));

    if (commitment.indicators.length > 0) blocks.push(heading(texts.indicators, HeadingLevel.HEADING_2));
    for (const indicator of commitment.indicators) {
      blocks.push(heading(`${indicator.name} (${indicator.unit})`, HeadingLevel.HEADING_3));
      blocks.push(
        table(
          [texts.baseline, texts.target, texts.targetDate, texts.latestValue, ...indicator.values.map((v) => v.agency)],
          [
            [
              formatValue(indicator.baseline, texts),
              formatValue(indicator.target, texts),
              indicator.targetDate ? formatDate(indicator.targetDate, texts) : '–',
              formatValue(indicator.latest, texts),
              ...indicator.values.map((v) => formatValue(v.value, texts)),
            ],
          ],
          0,
        ),
      );
      const height = chartHeight(indicator);
      blocks.push(
        new Paragraph({
          bidirectional: rtl,
          children: [
            new ImageRun({
              type: 'svg',
              data: Buffer.from(indicatorSvg(indicator, texts)),
              fallback: { type: 'png', data: indicatorPng(indicator) },
              transformation: { width: CHART_WIDTH, height },
              altText: { name: indicator.name, title: indicator.name, description: texts.chartLabel(indicator.name) },
            }),
          ],
        }),
      );
    }

    blocks.push(heading(texts.activityReports, HeadingLevel.HEADING_2));
    for (const agency of commitment.agencies.filter((a) => a.state === 'accepted')) {
      blocks.push(heading(agency.agency, HeadingLevel.HEADING_3));
      if (agency.summary) blocks.push(numbered(agency.summary));
      blocks.push(...agency.narrative.map((paragraph) => numbered(paragraph)));
    }
    for (const agency of commitment.agencies.filter((a) => a.state !== 'accepted')) {
      blocks.push(new Paragraph({ bidirectional: rtl, children: [run(pendingSentence(agency, texts))], bullet: { level: 0 } }));
    }
  }

  blocks.push(heading(texts.annex, HeadingLevel.HEADING_1, true));
  const { agencies, rows } = composition.grid;
  blocks.push(table([texts.commitment, ...agencies], rows.map((row) => [row.reference, ...agencies.map((a) => (row.cells[a] ? texts.states[row.cells[a]] : ''))])));

  const [pageBefore, pageBetween, pageAfter] = texts.page;
  const document = new Document({
    title: reportTitle(composition, texts),
    creator: 'Concert',
    description: `${composition.framework.code} ${composition.cycle.label}, ${composition.editionLabel}`,
    features: { updateFields: true },
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 567, hanging: 567 } } } }],
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        headers: {
          default: new Header({ children: [plain(`${composition.framework.code} · ${composition.cycle.label} · ${composition.editionLabel}`)] }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                bidirectional: rtl,
                children: [new TextRun({ children: [pageBefore, PageNumber.CURRENT, pageBetween, PageNumber.TOTAL_PAGES, pageAfter], rightToLeft: rtl })],
              }),
            ],
          }),
        },
        children: blocks,
      },
    ],
  });
  return Packer.toBuffer(document);
}
