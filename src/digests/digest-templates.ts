import { DateTime } from 'luxon';
import { html, type SafeHtml } from '../mail/html';
import type { WordExcerpt } from './word-excerpt';
import type { DigestFrequency } from './digests.dto';

export interface DigestItem {
  summary: string;
  actor: string | null;
  occurredAt: string;
  url: string;
  excerpt?: WordExcerpt;
}

export interface DigestCommitment {
  reference: string;
  title: string;
  url: string;
  /** "you follow BPoA-5", "WFP contributes to BPoA-5". */
  why: string[];
  items: DigestItem[];
}

export interface DigestFramework {
  code: string;
  title: string;
  commitments: DigestCommitment[];
}

export interface DigestDeadline {
  reference: string;
  cycleLabel: string;
  dueOn: string;
  daysLeft: number;
  url: string;
}

export interface DigestModel {
  readerName: string;
  agencyCode: string;
  frequency: DigestFrequency;
  periodStart: Date;
  periodEnd: Date;
  timeZone: string;
  frameworks: DigestFramework[];
  deadlines: DigestDeadline[];
  preferencesUrl: string;
}

const localTime = (at: Date | string, zone: string) =>
  DateTime.fromJSDate(typeof at === 'string' ? new Date(at) : at, { zone }).toFormat('ccc d LLL, HH:mm');

export function deadlineLine(d: DigestDeadline): string {
  if (d.daysLeft < 0) return `Overdue since ${d.dueOn} (${-d.daysLeft} day${d.daysLeft === -1 ? '' : 's'}): ${d.reference}, ${d.cycleLabel}`;
  if (d.daysLeft === 0) return `Due today: ${d.reference}, ${d.cycleLabel}`;
  return `Due ${d.dueOn} (in ${d.daysLeft} day${d.daysLeft === 1 ? '' : 's'}): ${d.reference}, ${d.cycleLabel}`;
}

export function digestSubject(model: DigestModel): string {
  const changes = model.frameworks.flatMap((f) => f.commitments).reduce((n, c) => n + c.items.length, 0);
  const commitments = model.frameworks.reduce((n, f) => n + f.commitments.length, 0);
  const day = DateTime.fromJSDate(model.periodEnd, { zone: model.timeZone }).toFormat('ccc d LLL');
  return `Concert ${model.frequency} digest, ${day}: ${changes} change${changes === 1 ? '' : 's'} in ${commitments} commitment${commitments === 1 ? '' : 's'}`;
}

function excerptText(excerpt: WordExcerpt): string {
  const body = excerpt.parts
    .map((p) => (p.kind === 'added' ? `[+${p.text}+]` : p.kind === 'removed' ? `[-${p.text}-]` : p.text))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return `+${excerpt.wordsAdded} / −${excerpt.wordsRemoved} words: ${body}${excerpt.truncated ? ' …' : ''}`;
}

export function digestText(model: DigestModel, unsubscribeUrl: string | null): string {
  const lines: string[] = [
    `Hello ${model.readerName},`,
    '',
    `What changed from ${localTime(model.periodStart, model.timeZone)} to ${localTime(model.periodEnd, model.timeZone)} (${model.timeZone}).`,
  ];
  for (const framework of model.frameworks) {
    lines.push('', `== ${framework.code}: ${framework.title} ==`);
    for (const commitment of framework.commitments) {
      lines.push('', `-- ${commitment.reference}: ${commitment.title}`, `   ${commitment.url}`, `   Why you get this: ${commitment.why.join('; ')}`);
      for (const item of commitment.items) {
        lines.push(`   * ${item.summary} (${localTime(item.occurredAt, model.timeZone)})`);
        if (item.excerpt) lines.push(`     ${excerptText(item.excerpt)}`);
        lines.push(`     ${item.url}`);
      }
    }
  }
  if (model.deadlines.length > 0) {
    lines.push('', `== ${model.agencyCode}'s reports due or overdue ==`);
    for (const deadline of model.deadlines) lines.push(`   * ${deadlineLine(deadline)}`, `     ${deadline.url}`);
  }
  lines.push('', `Change how often you get this: ${model.preferencesUrl}`);
  if (unsubscribeUrl) lines.push(`Unsubscribe from digests: ${unsubscribeUrl}`);
  return `${lines.join('\n')}\n`;
}

function excerptHtml(excerpt: WordExcerpt): SafeHtml {
  const parts = excerpt.parts.map((p) =>
    p.kind === 'added'
      ? html`<ins style="background:#e6ffec;text-decoration:none">${p.text}</ins>`
      : p.kind === 'removed'
        ? html`<del style="background:#ffebe9">${p.text}</del>`
        : html`<span>${p.text}</span>`,
  );
  return html`<div style="margin:4px 0 0 0;padding:6px 8px;border-left:3px solid #ccd;color:#333;font-size:13px">
<strong>+${excerpt.wordsAdded} / −${excerpt.wordsRemoved} words</strong> ${parts}${excerpt.truncated ? ' …' : ''}</div>`;
}

export function digestHtml(model: DigestModel, unsubscribeUrl: string | null): string {
  const frameworks = model.frameworks.map(
    (framework) => html`<h2 style="font-size:17px;margin:20px 0 6px">${framework.code}: ${framework.title}</h2>
${framework.commitments.map(
  (commitment) => html`<h3 style="font-size:15px;margin:14px 0 2px"><a href="${commitment.url}">${commitment.reference}</a>: ${commitment.title}</h3>
<p style="margin:0 0 4px;color:#666;font-size:12px">Why you get this: ${commitment.why.join('; ')}</p>
<ul style="margin:0;padding-left:20px">${commitment.items.map(
    (item) => html`<li style="margin:4px 0"><a href="${item.url}">${item.summary}</a> <span style="color:#666">(${localTime(item.occurredAt, model.timeZone)})</span>${item.excerpt ? excerptHtml(item.excerpt) : ''}</li>`,
  )}</ul>`,
)}`,
  );
  const deadlines =
    model.deadlines.length === 0
      ? ''
      : html`<h2 style="font-size:17px;margin:20px 0 6px">${model.agencyCode}'s reports due or overdue</h2>
<ul>${model.deadlines.map((d) => html`<li><a href="${d.url}">${deadlineLine(d)}</a></li>`)}</ul>`;
  return html`<!doctype html>
<html><body style="font-family:system-ui,sans-serif;max-width:680px;margin:0 auto;padding:12px">
<p>Hello ${model.readerName},</p>
<p>What changed from ${localTime(model.periodStart, model.timeZone)} to ${localTime(model.periodEnd, model.timeZone)} (${model.timeZone}).</p>
${frameworks}
${deadlines}
<p style="margin-top:24px;color:#666;font-size:12px"><a href="${model.preferencesUrl}">Change how often you get this</a>${
    unsubscribeUrl ? html` · <a href="${unsubscribeUrl}">Unsubscribe from digests</a>` : ''
  }</p>
</body></html>`.value;
}

export interface ReminderModel {
  readerName: string;
  agencyCode: string;
  deadlines: DigestDeadline[];
}

export function reminderSubject(model: ReminderModel): string {
  const overdue = model.deadlines.some((d) => d.daysLeft < 0);
  return `Concert reminder: ${model.deadlines.length} ${model.agencyCode} report${model.deadlines.length === 1 ? '' : 's'} ${overdue ? 'overdue or due soon' : 'due soon'}`;
}

export function reminderText(model: ReminderModel): string {
  return [
    `Hello ${model.readerName},`,
    '',
    `As a focal point of ${model.agencyCode}, please see to these activity reports:`,
    ...model.deadlines.flatMap((d) => [`   * ${deadlineLine(d)}`, `     ${d.url}`]),
    '',
  ].join('\n');
}

export function reminderHtml(model: ReminderModel): string {
  return html`<!doctype html>
<html><body style="font-family:system-ui,sans-serif;max-width:680px;margin:0 auto;padding:12px">
<p>Hello ${model.readerName},</p>
<p>As a focal point of ${model.agencyCode}, please see to these activity reports:</p>
<ul>${model.deadlines.map((d) => html`<li><a href="${d.url}">${deadlineLine(d)}</a></li>`)}</ul>
</body></html>`.value;
}
