import type { Locale } from '../common/locales';
import { CELL_STATES, type ReportComposition } from './report-composition';
import { indicatorSvg, STATE_COLORS } from './report-charts';
import {
  commitmentFacts,
  commitmentHeading,
  coverLine,
  editionLine,
  formatDate,
  formatValue,
  notStartedSentence,
  pendingSentence,
  reportTitle,
} from './report-words';
import { REPORT_TEXTS, type ReportTexts } from './report-texts';
import { escapeHtml } from '../common/escape-html';


const STYLE = `
@page { size: A4; margin: 22mm 18mm 20mm 18mm; }
body { font-family: "Liberation Serif", "Times New Roman", serif; font-size: 11pt; line-height: 1.4; color: #212529; max-width: 50rem; margin: 0 auto; padding: 1rem; counter-reset: para; }
h1 { font-size: 22pt; margin: 0 0 0.5rem; }
h2 { font-size: 15pt; margin: 1.6rem 0 0.6rem; break-after: avoid; }
h3 { font-size: 12pt; margin: 1rem 0 0.4rem; break-after: avoid; }
h4 { font-size: 11pt; margin: 0.8rem 0 0.3rem; break-after: avoid; }
.cover { min-height: 60vh; break-after: page; padding-top: 20vh; }
.cover .kicker { text-transform: uppercase; letter-spacing: 0.08em; color: #495057; }
p.numbered { position: relative; padding-inline-start: 2.2rem; }
p.numbered::before { counter-increment: para; content: counter(para) "."; position: absolute; inset-inline-start: 0; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; break-inside: avoid; }
th, td { border: 1px solid #adb5bd; padding: 0.2rem 0.45rem; text-align: start; vertical-align: top; font-size: 10pt; }
th { background: #f1f3f5; }
td.number { text-align: end; }
.commitment { break-before: page; }
.toc ol { padding-inline-start: 1.2rem; }
.toc a { color: inherit; text-decoration: none; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.state-overdue, .state-missing, .state-returned { font-weight: bold; }
figure { margin: 0.5rem 0 1rem; }
figcaption { font-size: 9pt; color: #495057; }
@media print { body { max-width: none; padding: 0; } }
`;

/**
 * The report as a full HTML page: the browser's preview, its print, and what Chromium turns into the PDF. Its own words
 * are in `locale`, and an Arabic page is laid out right to left.
 */
export function renderHtml(composition: ReportComposition, locale: Locale): string {
  const texts = REPORT_TEXTS[locale];
  const out: string[] = [];
  const title = reportTitle(composition, texts);
  out.push(
    `<!doctype html><html lang="${locale}" dir="${texts.rtl ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><title>${escapeHtml(`${title} (${composition.cycle.label}, ${composition.editionLabel})`)}</title>`,
    `<style>${STYLE}</style></head><body>`,
  );
  out.push(
    `<section class="cover"><p class="kicker">${escapeHtml(texts.kicker)}</p><h1>${escapeHtml(composition.framework.title)}</h1>`,
    `<p>${escapeHtml(coverLine(composition, texts))}</p><p><strong>${escapeHtml(editionLine(composition, texts))}</strong></p>`,
    composition.framework.description ? `<p>${escapeHtml(composition.framework.description)}</p>` : '',
    `</section>`,
  );

  const contents = escapeHtml(texts.contents);
  out.push(`<nav class="toc" aria-label="${contents}"><h2>${contents}</h2><ol>`);
  out.push(`<li><a href="#summary">${escapeHtml(texts.executiveSummary)}</a></li><li><a href="#cycle">${escapeHtml(texts.cycleAtAGlance)}</a></li>`);
  composition.commitments.forEach((c, i) => out.push(`<li><a href="#commitment-${i + 1}">${escapeHtml(commitmentHeading(c))}</a></li>`));
  out.push(`<li><a href="#annex">${escapeHtml(texts.annex)}</a></li></ol></nav>`);

  out.push(`<h2 id="summary">${escapeHtml(texts.executiveSummary)}</h2>`);
  if (composition.summary.length === 0) out.push(`<p><em>${escapeHtml(texts.summaryNotWritten)}</em></p>`);
  for (const paragraph of composition.summary) out.push(`<p class="numbered">${escapeHtml(paragraph)}</p>`);

  out.push(`<h2 id="cycle">${escapeHtml(texts.cycleAtAGlance)}</h2>`, cyclePicture(composition, texts));
  const notStarted = notStartedSentence(composition, texts);
  if (notStarted) out.push(`<p class="numbered">${escapeHtml(notStarted)}</p>`);

  composition.commitments.forEach((commitment, index) => {
    out.push(`<section class="commitment"><h2 id="commitment-${index + 1}">${escapeHtml(commitmentHeading(commitment))}</h2><dl class="facts">`);
    for (const [term, value] of commitmentFacts(commitment, texts)) out.push(`<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`);
    out.push(`</dl><h3>${escapeHtml(texts.report)}</h3>`);
    if (commitment.report.length === 0) out.push(`<p><em>${escapeHtml(texts.noReportText)}</em></p>`);
    for (const paragraph of commitment.report) out.push(`<p class="numbered">${escapeHtml(paragraph)}</p>`);

    if (commitment.indicators.length > 0) out.push(`<h3>${escapeHtml(texts.indicators)}</h3>`);
    for (const indicator of commitment.indicators) {
      out.push(
        `<h4>${escapeHtml(`${indicator.name} (${indicator.unit})`)}</h4><table><thead><tr><th scope="col">${escapeHtml(texts.baseline)}</th>`,
        `<th scope="col">${escapeHtml(texts.target)}</th><th scope="col">${escapeHtml(texts.targetDate)}</th><th scope="col">${escapeHtml(texts.latestValue)}</th>`,
        ...indicator.values.map((v) => `<th scope="col">${escapeHtml(v.agency)}</th>`),
        `</tr></thead><tbody><tr><td class="number">${formatValue(indicator.baseline, texts)}</td><td class="number">${formatValue(indicator.target, texts)}</td>`,
        `<td>${escapeHtml(indicator.targetDate ? formatDate(indicator.targetDate, texts) : '–')}</td><td class="number">${formatValue(indicator.latest, texts)}</td>`,
        ...indicator.values.map((v) => `<td class="number">${formatValue(v.value, texts)}</td>`),
        `</tr></tbody></table><figure>${indicatorSvg(indicator, texts)}<figcaption>${escapeHtml(texts.chartCaption(indicator.name, composition.cycle.label))}</figcaption></figure>`,
      );
    }

    out.push(`<h3>${escapeHtml(texts.activityReports)}</h3>`);
    for (const agency of commitment.agencies.filter((a) => a.state === 'accepted')) {
      out.push(`<h4>${escapeHtml(agency.agency)}</h4>`);
      if (agency.summary) out.push(`<p class="numbered">${escapeHtml(agency.summary)}</p>`);
      for (const paragraph of agency.narrative) out.push(`<p class="numbered">${escapeHtml(paragraph)}</p>`);
    }
    const pending = commitment.agencies.filter((a) => a.state !== 'accepted');
    if (pending.length > 0) {
      out.push(`<ul class="pending">`);
      for (const agency of pending) out.push(`<li class="state-${agency.state}">${escapeHtml(pendingSentence(agency, texts))}</li>`);
      out.push(`</ul>`);
    }
    out.push(`</section>`);
  });

  out.push(`<section class="commitment"><h2 id="annex">${escapeHtml(texts.annex)}</h2>`, gridTable(composition, texts), `</section>`);
  out.push(`</body></html>`);
  return out.join('');
}

/** Reports per agency and state, as a table and as stacked bars. */
function cyclePicture(composition: ReportComposition, texts: ReportTexts): string {
  const states = texts.states;
  const count = (n: number) => new Intl.NumberFormat(texts.intl).format(n);
  const out = [
    `<table><thead><tr><th scope="col">${escapeHtml(texts.agency)}</th>`,
    ...CELL_STATES.map((s) => `<th scope="col">${escapeHtml(states[s])}</th>`),
    `</tr></thead><tbody>`,
  ];
  for (const { agency, counts } of composition.tallies) {
    out.push(`<tr><th scope="row">${escapeHtml(agency)}</th>`, ...CELL_STATES.map((s) => `<td class="number">${count(counts[s])}</td>`), `</tr>`);
  }
  out.push(`</tbody></table>`);
  const max = Math.max(1, ...composition.tallies.map((t) => CELL_STATES.reduce((sum, s) => sum + t.counts[s], 0)));
  const rowHeight = 18;
  const width = 480;
  const bars = composition.tallies.map(({ agency, counts }, index) => {
    let x = 110;
    const parts = CELL_STATES.filter((s) => counts[s] > 0).map((s) => {
      const w = Math.max(1, Math.round((counts[s] / max) * (width - 120)));
      const rect = `<rect x="${x}" y="${index * rowHeight}" width="${w}" height="${rowHeight - 4}" fill="${STATE_COLORS[s]}"><title>${escapeHtml(`${agency}: ${count(counts[s])} ${states[s].toLocaleLowerCase(texts.intl)}`)}</title></rect>`;
      x += w;
      return rect;
    });
    return `<text x="104" y="${index * rowHeight + 11}" text-anchor="end" font-size="10" font-family="sans-serif">${escapeHtml(agency)}</text>${parts.join('')}`;
  });
  const height = Math.max(rowHeight, composition.tallies.length * rowHeight);
  const legend = CELL_STATES.map((s) => `<span style="color:${STATE_COLORS[s]}">■</span> ${escapeHtml(states[s])}`).join(' · ');
  out.push(
    `<figure><svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" direction="ltr" role="img" aria-label="${escapeHtml(texts.reportsPerAgency)}">${bars.join('')}</svg>`,
    `<figcaption>${legend}</figcaption></figure>`,
  );
  return out.join('');
}

function gridTable(composition: ReportComposition, texts: ReportTexts): string {
  const { agencies, rows } = composition.grid;
  const out = [`<table><thead><tr><th scope="col">${escapeHtml(texts.commitment)}</th>`, ...agencies.map((a) => `<th scope="col">${escapeHtml(a)}</th>`), `</tr></thead><tbody>`];
  for (const row of rows) {
    out.push(
      `<tr><th scope="row">${escapeHtml(row.reference)}</th>`,
      ...agencies.map((a) => {
        const state = row.cells[a];
        return `<td${state ? ` class="state-${state}"` : ''}>${state ? escapeHtml(texts.states[state]) : ''}</td>`;
      }),
      `</tr>`,
    );
  }
  out.push(`</tbody></table>`);
  return out.join('');
}
