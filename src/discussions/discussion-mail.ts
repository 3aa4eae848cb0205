import type { Locale } from '../common/locales';
import { html } from '../mail/html';
import { DISCUSSION_MAIL_TEXTS } from './discussion-mail-texts';

/** One mention, as a mail lists it: told in the reader's language already (describeMention). */
export interface MentionLine {
  summary: string;
  url: string;
}

export function mentionSubject(locale: Locale, mentions: readonly MentionLine[]): string {
  return mentions.length === 1 ? `Concert: ${mentions[0].summary}`.slice(0, 300) : DISCUSSION_MAIL_TEXTS[locale].mention.subjectMany(mentions.length);
}

export function mentionText(locale: Locale, readerName: string, mentions: readonly MentionLine[], preferencesUrl: string): string {
  const words = DISCUSSION_MAIL_TEXTS[locale];
  return [words.hello(readerName), '', ...mentions.flatMap((m) => [`- ${m.summary}`, `  ${m.url}`]), '', `${words.mention.settings} ${preferencesUrl}`].join('\n');
}

export function mentionHtml(locale: Locale, readerName: string, mentions: readonly MentionLine[], preferencesUrl: string): string {
  const words = DISCUSSION_MAIL_TEXTS[locale];
  return html`<!doctype html><html lang="${locale}" dir="${words.rtl ? 'rtl' : 'ltr'}"><body style="font-family:system-ui,sans-serif">
<p>${words.hello(readerName)}</p>
<ul>${mentions.map((m) => html`<li><a href="${m.url}">${m.summary}</a></li>`)}</ul>
<p style="color:#555">${words.mention.settings} <a href="${preferencesUrl}">${words.mention.settingsLink}</a>.</p>
</body></html>`.value;
}

/** An action item as its mail tells it, in the reader's language (the line and the date written already). */
export interface AssignmentModel {
  locale: Locale;
  readerName: string;
  line: string;
  dueDate: string;
  url: string;
  preferencesUrl: string;
}

export function assignmentSubject(model: AssignmentModel): string {
  return DISCUSSION_MAIL_TEXTS[model.locale].assignment.subject(model.dueDate);
}

export function assignmentText(model: AssignmentModel): string {
  const words = DISCUSSION_MAIL_TEXTS[model.locale];
  return [words.hello(model.readerName), '', model.line, words.assignment.due(model.dueDate), model.url, '', `${words.assignment.settings} ${model.preferencesUrl}`].join('\n');
}

export function assignmentHtml(model: AssignmentModel): string {
  const words = DISCUSSION_MAIL_TEXTS[model.locale];
  return html`<!doctype html><html lang="${model.locale}" dir="${words.rtl ? 'rtl' : 'ltr'}"><body style="font-family:system-ui,sans-serif">
<p>${words.hello(model.readerName)}</p>
<p><a href="${model.url}">${model.line}</a></p>
<p>${words.assignment.due(model.dueDate)}</p>
<p style="color:#555">${words.assignment.settings} <a href="${model.preferencesUrl}">${words.mention.settingsLink}</a>.</p>
</body></html>`.value;
}
