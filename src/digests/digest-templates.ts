import type { Locale } from '../common/locales';
import { html, type SafeHtml } from '../mail/html';
import { formatCalendarDate, formatDateTime, formatDay, formatNumber } from '../mail/mail-intl';
import { DIGEST_MAIL_TEXTS, type DigestMailTexts } from './digest-mail-texts';
import type { WordExcerpt } from './word-excerpt';
import type { DigestFrequency } from './digests.dto';
import { shorten } from '../common/shorten';

/** Everything here is in the reader's language already, but for names (agencies, people, references) and quotes. */
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
  /** The framework's own news (a consolidated report issued), before its commitments. */
  news: DigestItem[];
  /** Why the reader gets the news: "you follow BPoA", "FAO takes part in BPoA". */
  newsWhy: string[];
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
  locale: Locale;
  readerName: string;
  agencyCode: string;
  frequency: DigestFrequency;
  periodStart: Date;
  periodEnd: Date;
  timeZone: string;
  frameworks: DigestFramework[];
  deadlines: DigestDeadline[];
  /** Open action items of the reader or their agency due within a week or overdue (up to 30 days), as in reminders. */
  actionItems: ReminderActionItem[];
  /** Mentions of the reader in the period, for a reader whose mention mail is "digest" (issue 12). */
  mentions: { summary: string; url: string }[];
  preferencesUrl: string;
}

const localTime = (model: { locale: Locale; timeZone: string }, at: Date | string) => formatDateTime(model.locale, at, model.timeZone);

/** The `<html>` element's language and direction: right to left for Arabic. */
const htmlLanguage = (locale: Locale) => html`lang="${locale}" dir="${DIGEST_MAIL_TEXTS[locale].rtl ? 'rtl' : 'ltr'}"`;

export function deadlineLine(locale: Locale, d: DigestDeadline): string {
  const words = DIGEST_MAIL_TEXTS[locale];
  const head =
    d.daysLeft < 0
      ? words.deadline.overdue(formatCalendarDate(locale, d.dueOn), -d.daysLeft)
      : d.daysLeft === 0
        ? words.deadline.today
        : words.deadline.due(formatCalendarDate(locale, d.dueOn), d.daysLeft);
  return `${head}${words.colon}${d.reference}${words.comma}${d.cycleLabel}`;
}

export function digestSubject(model: DigestModel): string {
  const changes =
    model.frameworks.flatMap((f) => f.commitments).reduce((n, c) => n + c.items.length, 0) + model.frameworks.reduce((n, f) => n + f.news.length, 0);
  const commitments = model.frameworks.reduce((n, f) => n + f.commitments.length, 0);
  return DIGEST_MAIL_TEXTS[model.locale].digest.subject(model.frequency, formatDay(model.locale, model.periodEnd, model.timeZone), changes, commitments);
}

function wordCounts(locale: Locale, excerpt: WordExcerpt): string {
  return DIGEST_MAIL_TEXTS[locale].digest.words(formatNumber(locale, excerpt.wordsAdded), formatNumber(locale, excerpt.wordsRemoved));
}

function excerptText(locale: Locale, excerpt: WordExcerpt): string {
  const body = excerpt.parts
    .map((p) => (p.kind === 'added' ? `[+${p.text}+]` : p.kind === 'removed' ? `[-${p.text}-]` : p.text))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return `${wordCounts(locale, excerpt)}${DIGEST_MAIL_TEXTS[locale].colon}${body}${excerpt.truncated ? ' …' : ''}`;
}

export function digestText(model: DigestModel, unsubscribeUrl: string | null): string {
  const words = DIGEST_MAIL_TEXTS[model.locale];
  const why = (reasons: string[]) => `   ${words.digest.why} ${reasons.join(words.listSeparator)}`;
  const lines: string[] = [
    words.hello(model.readerName),
    '',
    words.digest.period(localTime(model, model.periodStart), localTime(model, model.periodEnd), model.timeZone),
  ];
  for (const framework of model.frameworks) {
    lines.push('', `== ${framework.code}${words.colon}${framework.title} ==`);
    if (framework.news.length > 0) lines.push(why(framework.newsWhy));
    for (const item of framework.news) lines.push(`   * ${item.summary} (${localTime(model, item.occurredAt)})`, `     ${item.url}`);
    for (const commitment of framework.commitments) {
      lines.push('', `-- ${commitment.reference}${words.colon}${commitment.title}`, `   ${commitment.url}`, why(commitment.why));
      for (const item of commitment.items) {
        lines.push(`   * ${item.summary} (${localTime(model, item.occurredAt)})`);
        if (item.excerpt) lines.push(`     ${excerptText(model.locale, item.excerpt)}`);
        lines.push(`     ${item.url}`);
      }
    }
  }
  if (model.mentions.length > 0) {
    lines.push('', `== ${words.digest.mentioned} ==`);
    for (const mention of model.mentions) lines.push(`   * ${mention.summary}`, `     ${mention.url}`);
  }
  if (model.deadlines.length > 0) {
    lines.push('', `== ${words.digest.deadlines(model.agencyCode)} ==`);
    for (const deadline of model.deadlines) lines.push(`   * ${deadlineLine(model.locale, deadline)}`, `     ${deadline.url}`);
  }
  if (model.actionItems.length > 0) {
    lines.push('', `== ${words.digest.actionItems(model.agencyCode)} ==`);
    for (const item of model.actionItems) lines.push(`   * ${actionItemLine(model.locale, item)}`, `     ${item.url}`);
  }
  lines.push('', `${words.digest.preferences}${words.colon}${model.preferencesUrl}`);
  if (unsubscribeUrl) lines.push(`${words.digest.unsubscribe}${words.colon}${unsubscribeUrl}`);
  return `${lines.join('\n')}\n`;
}

function excerptHtml(locale: Locale, excerpt: WordExcerpt): SafeHtml {
  const parts = excerpt.parts.map((p) =>
    p.kind === 'added'
      ? html`<ins style="background:#e6ffec;text-decoration:none">${p.text}</ins>`
      : p.kind === 'removed'
        ? html`<del style="background:#ffebe9">${p.text}</del>`
        : html`<span>${p.text}</span>`,
  );
  // The words quoted keep their own direction inside a right-to-left mail.
  return html`<div style="margin:4px 0 0 0;padding:6px 8px;border-inline-start:3px solid #ccd;color:#333;font-size:13px">
<strong>${wordCounts(locale, excerpt)}</strong> <bdi>${parts}${excerpt.truncated ? ' …' : ''}</bdi></div>`;
}

export function digestHtml(model: DigestModel, unsubscribeUrl: string | null): string {
  const words = DIGEST_MAIL_TEXTS[model.locale];
  const why = (reasons: string[]) => html`<p style="margin:0 0 4px;color:#666;font-size:12px">${words.digest.why} ${reasons.join(words.listSeparator)}</p>`;
  const frameworks = model.frameworks.map(
    (framework) => html`<h2 style="font-size:17px;margin:20px 0 6px">${framework.code}${words.colon}${framework.title}</h2>
${
  framework.news.length === 0
    ? ''
    : html`${why(framework.newsWhy)}
<ul style="margin:0;padding-inline-start:20px">${framework.news.map(
        (item) => html`<li style="margin:4px 0"><a href="${item.url}">${item.summary}</a> <span style="color:#666">(${localTime(model, item.occurredAt)})</span></li>`,
      )}</ul>`
}
${framework.commitments.map(
  (commitment) => html`<h3 style="font-size:15px;margin:14px 0 2px"><a href="${commitment.url}">${commitment.reference}</a>${words.colon}${commitment.title}</h3>
${why(commitment.why)}
<ul style="margin:0;padding-inline-start:20px">${commitment.items.map(
    (item) =>
      html`<li style="margin:4px 0"><a href="${item.url}">${item.summary}</a> <span style="color:#666">(${localTime(model, item.occurredAt)})</span>${item.excerpt ? excerptHtml(model.locale, item.excerpt) : ''}</li>`,
  )}</ul>`,
)}`,
  );
  const deadlines =
    model.deadlines.length === 0
      ? ''
      : html`<h2 style="font-size:17px;margin:20px 0 6px">${words.digest.deadlines(model.agencyCode)}</h2>
<ul>${model.deadlines.map((d) => html`<li><a href="${d.url}">${deadlineLine(model.locale, d)}</a></li>`)}</ul>`;
  const actionItems =
    model.actionItems.length === 0
      ? ''
      : html`<h2 style="font-size:17px;margin:20px 0 6px">${words.digest.actionItems(model.agencyCode)}</h2>
<ul>${model.actionItems.map((a) => html`<li><a href="${a.url}">${actionItemLine(model.locale, a)}</a></li>`)}</ul>`;
  return html`<!doctype html>
<html ${htmlLanguage(model.locale)}><body style="font-family:system-ui,sans-serif;max-width:680px;margin:0 auto;padding:12px">
<p>${words.hello(model.readerName)}</p>
<p>${words.digest.period(localTime(model, model.periodStart), localTime(model, model.periodEnd), model.timeZone)}</p>
${frameworks}
${model.mentions.length > 0 && html`<h2 style="font-size:17px;margin:20px 0 6px">${words.digest.mentioned}</h2>
<ul>${model.mentions.map((m) => html`<li><a href="${m.url}">${m.summary}</a></li>`)}</ul>`}
${deadlines}
${actionItems}
<p style="margin-top:24px;color:#666;font-size:12px"><a href="${model.preferencesUrl}">${words.digest.preferences}</a>${
    unsubscribeUrl ? html` · <a href="${unsubscribeUrl}">${words.digest.unsubscribe}</a>` : ''
  }</p>
</body></html>`.value;
}

export interface ReminderActionItem {
  summary: string;
  dueOn: string;
  daysLeft: number;
  url: string;
}

export interface ReminderModel {
  locale: Locale;
  readerName: string;
  agencyCode: string;
  deadlines: DigestDeadline[];
  /** Action items of the reader or their agency due in 7 days, tomorrow, or overdue. */
  actionItems: ReminderActionItem[];
}

/** An action item falling due, in a language: the reminder's line, and (in English) its notification in Concert. */
export function actionItemLine(locale: Locale, item: ReminderActionItem): string {
  const words = DIGEST_MAIL_TEXTS[locale];
  const what = shorten(item.summary, 160);
  const on = formatCalendarDate(locale, item.dueOn);
  const head = item.daysLeft < 0 ? words.deadline.overdue(on, -item.daysLeft) : words.deadline.due(on, item.daysLeft);
  return `${head}${words.colon}${what}`;
}

export function reminderSubject(model: ReminderModel): string {
  const overdue = model.deadlines.some((d) => d.daysLeft < 0) || model.actionItems.some((a) => a.daysLeft < 0);
  return DIGEST_MAIL_TEXTS[model.locale].reminder.subject(model.deadlines.length, model.agencyCode, model.actionItems.length, overdue);
}

export function reminderText(model: ReminderModel): string {
  const words: DigestMailTexts = DIGEST_MAIL_TEXTS[model.locale];
  return [
    words.hello(model.readerName),
    '',
    ...(model.deadlines.length > 0
      ? [words.reminder.reports(model.agencyCode), ...model.deadlines.flatMap((d) => [`   * ${deadlineLine(model.locale, d)}`, `     ${d.url}`]), '']
      : []),
    ...(model.actionItems.length > 0
      ? [words.reminder.actionItems(model.agencyCode), ...model.actionItems.flatMap((a) => [`   * ${actionItemLine(model.locale, a)}`, `     ${a.url}`]), '']
      : []),
  ].join('\n');
}

export function reminderHtml(model: ReminderModel): string {
  const words = DIGEST_MAIL_TEXTS[model.locale];
  return html`<!doctype html>
<html ${htmlLanguage(model.locale)}><body style="font-family:system-ui,sans-serif;max-width:680px;margin:0 auto;padding:12px">
<p>${words.hello(model.readerName)}</p>
${model.deadlines.length > 0 && html`<p>${words.reminder.reports(model.agencyCode)}</p>
<ul>${model.deadlines.map((d) => html`<li><a href="${d.url}">${deadlineLine(model.locale, d)}</a></li>`)}</ul>`}
${model.actionItems.length > 0 && html`<p>${words.reminder.actionItems(model.agencyCode)}</p>
<ul>${model.actionItems.map((a) => html`<li><a href="${a.url}">${actionItemLine(model.locale, a)}</a></li>`)}</ul>`}
</body></html>`.value;
}

/** The page the unsubscribe link opens, in the recipient's language: a button, since a GET changes nothing. */
export function unsubscribePage(locale: Locale, token: string): string {
  const words = DIGEST_MAIL_TEXTS[locale].unsubscribePage;
  return page(locale, html`<form method="post" action="?token=${encodeURIComponent(token)}"><p>${words.question}</p><button type="submit">${words.button}</button></form>`);
}

/** What the button leads to: digests off, the link used already, or a link that names no mail of ours. */
export function unsubscribedPage(locale: Locale, outcome: 'done' | 'used' | 'invalid'): string {
  return page(locale, html`<p>${DIGEST_MAIL_TEXTS[locale].unsubscribePage[outcome]}</p>`);
}

function page(locale: Locale, body: SafeHtml): string {
  return html`<!doctype html><html ${htmlLanguage(locale)}><head><meta charset="utf-8"><title>${DIGEST_MAIL_TEXTS[locale].unsubscribePage.title}</title></head><body style="font-family:system-ui,sans-serif">${body}</body></html>`.value;
}
