import type { AgencyReportSection, CommitmentSection, ReportComposition } from './report-composition';
import { REPORT_TEXTS, type ReportTexts } from './report-texts';

/** The words both renderings use, so that the Word document and the HTML (and PDF) say the same thing, in one language. */

const ENGLISH = REPORT_TEXTS.en;

/** A YYYY-MM-DD day as the language writes it ("1 July 2099", "1 juillet 2099", "2099年7月1日"). */
export function formatDate(day: string, texts: ReportTexts): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  return new Intl.DateTimeFormat(texts.intl, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, date)));
}

export const formatValue = (value: number | null, texts: ReportTexts) =>
  value === null ? '–' : new Intl.NumberFormat(texts.intl, { maximumFractionDigits: 4 }).format(value);

export const reportTitle = (composition: ReportComposition, texts: ReportTexts) => texts.title(composition.framework.title);

export const coverLine = (composition: ReportComposition, texts: ReportTexts) => {
  const { code } = composition.framework;
  const { label, opensOn, closesOn, dueOn } = composition.cycle;
  return texts.coverLine(code, label, formatDate(opensOn, texts), formatDate(closesOn, texts), formatDate(dueOn, texts));
};

export const editionLine = (composition: ReportComposition, texts: ReportTexts) =>
  `${composition.editionLabel} · ${formatDate(composition.date, texts)}`;

export const commitmentHeading = (commitment: CommitmentSection) => `${commitment.reference}. ${commitment.title}`;

export function commitmentFacts(commitment: CommitmentSection, texts: ReportTexts): [string, string][] {
  return [
    [texts.status, texts.statuses[commitment.status]],
    [texts.leadAgencies, commitment.leadAgencies.join(texts.listSeparator) || texts.none],
    [texts.contributingAgencies, commitment.contributingAgencies.join(texts.listSeparator) || texts.none],
    [texts.dueDate, commitment.dueDate ? formatDate(commitment.dueDate, texts) : texts.none],
  ];
}

/** One sentence per agency whose report is not accepted: missing, overdue, returned (with the reason), and so on. */
export const pendingSentence = (agency: AgencyReportSection, texts: ReportTexts) => texts.pending[agency.state](agency.agency, agency.returnReason);

export const notStartedSentence = (composition: ReportComposition, texts: ReportTexts) =>
  composition.notStarted.length === 0
    ? null
    : texts.notStarted(new Intl.NumberFormat(texts.intl).format(composition.notStarted.length), composition.notStarted.join(texts.listSeparator));

/** The report as plain lines, what an edition's word-level diff compares: in English, whatever its files' language. */
export function compositionText(composition: ReportComposition): string {
  const lines: string[] = [reportTitle(composition, ENGLISH), coverLine(composition, ENGLISH), 'Executive summary', ...composition.summary];
  const notStarted = notStartedSentence(composition, ENGLISH);
  if (notStarted) lines.push(notStarted);
  for (const commitment of composition.commitments) {
    lines.push(commitmentHeading(commitment), ...commitmentFacts(commitment, ENGLISH).map(([term, value]) => `${term}: ${value}`), ...commitment.report);
    for (const indicator of commitment.indicators) {
      lines.push(
        `${indicator.name} (${indicator.unit}): baseline ${formatValue(indicator.baseline, ENGLISH)}, target ${formatValue(indicator.target, ENGLISH)}, latest ${formatValue(indicator.latest, ENGLISH)}` +
          indicator.values.map((v) => `; ${v.agency} ${formatValue(v.value, ENGLISH)}`).join(''),
      );
    }
    for (const agency of commitment.agencies) {
      if (agency.state === 'accepted') lines.push(agency.agency, ...(agency.summary ? [agency.summary] : []), ...agency.narrative);
      else lines.push(pendingSentence(agency, ENGLISH));
    }
  }
  return lines.join('\n');
}
