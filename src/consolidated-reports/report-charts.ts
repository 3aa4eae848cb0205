import { crc32, deflateSync } from 'node:zlib';
import type { CellState, IndicatorSection } from './report-composition';
import { REPORT_TEXTS, type ReportTexts } from './report-texts';

/**
 * The charts of a consolidated report, drawn on the server so that the preview, the PDF and the Word document show the
 * same picture: an indicator's baseline, target, latest value and the agencies' values as horizontal bars. SVG for
 * HTML (and so the PDF) and for Word, with a PNG of the same bars that Word versions without SVG support show.
 */

interface Bar {
  label: string;
  value: number;
  color: string;
}

export const CHART_WIDTH = 480;
const LABEL_WIDTH = 150;
const BAR_HEIGHT = 16;
const GAP = 6;
const BAR_AREA = CHART_WIDTH - LABEL_WIDTH - 60;

const COLORS = { baseline: '#8a94a6', target: '#1c7ed6', latest: '#2f9e44', agency: '#f08c00' };

export const STATE_COLORS: Record<CellState, string> = {
  accepted: '#2f9e44',
  submitted: '#1c7ed6',
  returned: '#f08c00',
  draft: '#adb5bd',
  missing: '#868e96',
  overdue: '#e03131',
};

function barsOf(indicator: IndicatorSection, texts: ReportTexts = REPORT_TEXTS.en): Bar[] {
  return [
    { label: texts.baseline, value: indicator.baseline, color: COLORS.baseline },
    { label: texts.target, value: indicator.target, color: COLORS.target },
    ...(indicator.latest === null ? [] : [{ label: texts.latestValue, value: indicator.latest, color: COLORS.latest }]),
    ...indicator.values.map((v) => ({ label: v.agency, value: v.value, color: COLORS.agency })),
  ];
}

/** Bar lengths in pixels, scaled to the largest value (negative values are drawn as empty bars). */
function layout(bars: Bar[]): { bar: Bar; y: number; length: number }[] {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return bars.map((bar, index) => ({ bar, y: index * (BAR_HEIGHT + GAP), length: Math.max(0, Math.round((bar.value / max) * BAR_AREA)) }));
}

export function chartHeight(indicator: IndicatorSection): number {
  return barsOf(indicator).length * (BAR_HEIGHT + GAP);
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The chart in the language of `texts`; drawn left to right whatever the language, as its labels' anchors assume. */
export function indicatorSvg(indicator: IndicatorSection, texts: ReportTexts): string {
  const formatNumber = (value: number) => new Intl.NumberFormat(texts.intl, { maximumFractionDigits: 2 }).format(value);
  const height = chartHeight(indicator);
  const rows = layout(barsOf(indicator, texts)).map(
    ({ bar, y, length }) =>
      `<text x="${LABEL_WIDTH - 6}" y="${y + BAR_HEIGHT - 4}" text-anchor="end" font-size="11" font-family="sans-serif" fill="#212529">${escapeXml(bar.label)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${length}" height="${BAR_HEIGHT}" fill="${bar.color}"/>` +
      `<text x="${LABEL_WIDTH + length + 4}" y="${y + BAR_HEIGHT - 4}" font-size="11" font-family="sans-serif" fill="#212529">${escapeXml(formatNumber(bar.value))}</text>`,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" direction="ltr" role="img" ` +
    `aria-label="${escapeXml(texts.chartLabel(indicator.name))}">${rows.join('')}</svg>`
  );
}

/**
 * The same bars as a PNG (no text: Word shows the SVG, and the table beside it gives every figure). An indexed-colour
 * image, one byte a pixel written straight into the rows PNG compresses: a report draws a few hundred of these, and
 * RGB buffers made twice over were most of the memory a Word download took (npm run bench:reports).
 */
export function indicatorPng(indicator: IndicatorSection): Buffer {
  const height = chartHeight(indicator);
  const bars = layout(barsOf(indicator));
  const palette = ['#ffffff', ...new Set(bars.map(({ bar }) => bar.color))];
  // Each row: its filter byte (0, none), then a palette index per pixel; index 0, white, everywhere to begin with.
  const stride = CHART_WIDTH + 1;
  const rows = Buffer.alloc(stride * height);
  for (const { bar, y, length } of bars) {
    const index = palette.indexOf(bar.color);
    for (let row = y; row < y + BAR_HEIGHT; row++) rows.fill(index, row * stride + 1 + LABEL_WIDTH, row * stride + 1 + LABEL_WIDTH + length);
  }
  return png(CHART_WIDTH, height, palette, rows);
}

/** An 8-bit indexed-colour PNG: `palette` as #rrggbb, `rows` already laid out with their filter bytes. */
function png(width: number, height: number, palette: string[], rows: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8);
  const colours = Buffer.from(palette.flatMap((colour) => [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16))));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', colours),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
