import type { Locale } from '../common/locales';

/**
 * Numbers, dates and plural forms in a mail's language, by the runtime's Intl (CLDR): the catalogues of the mails
 * give each plural category its words, and `#` stands for the number as the language writes it.
 */
/** The Intl locale of each language: English as the UN writes it (15 March 2027, 24-hour time). */
const INTL_LOCALE: Record<Locale, string> = { ar: 'ar', en: 'en-GB', es: 'es', fr: 'fr', ru: 'ru', zh: 'zh' };

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * Intl formatters are costly to build (ICU data, allocated outside the JavaScript heap, so the collector sees little
 * of it): a digest run that built one per date grew by gigabytes. Each formatter is built once per language, time
 * zone and kind; there are six languages and a few hundred time zones at most.
 */
const formatters = new Map<string, unknown>();
function cached<F>(key: string, build: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (formatter === undefined) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function plural(locale: Locale, count: number, forms: PluralForms): string {
  const rules = cached(`plural:${locale}`, () => new Intl.PluralRules(INTL_LOCALE[locale]));
  const form = forms[rules.select(count)] ?? forms.other;
  return form.replace('#', formatNumber(locale, count));
}

export function formatNumber(locale: Locale, value: number): string {
  return cached(`number:${locale}`, () => new Intl.NumberFormat(INTL_LOCALE[locale])).format(value);
}

/** "A, B and C" as the language joins a list. */
export function formatList(locale: Locale, items: readonly string[]): string {
  return cached(`list:${locale}`, () => new Intl.ListFormat(INTL_LOCALE[locale], { style: 'long', type: 'conjunction' })).format(items);
}

/** A moment as its reader's clock shows it: weekday, day, month, 24-hour time. */
export function formatDateTime(locale: Locale, at: Date | string, timeZone: string): string {
  const format = cached(
    `datetime:${locale}:${timeZone}`,
    () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  );
  return format.format(typeof at === 'string' ? new Date(at) : at);
}

/** The reader's day of a moment: weekday, day, month. */
export function formatDay(locale: Locale, at: Date, timeZone: string): string {
  return cached(`day:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, weekday: 'short', day: 'numeric', month: 'short' })).format(at);
}

/** A calendar date kept as YYYY-MM-DD (a due date): the same day in every time zone. */
export function formatCalendarDate(locale: Locale, date: string): string {
  const format = cached(`calendar:${locale}`, () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }));
  return format.format(new Date(`${date}T00:00:00Z`));
}
