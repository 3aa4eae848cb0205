/** The six official languages of the United Nations, as Concert speaks them (BCP 47 primary tags). */
export const LOCALES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/** The languages other than English, which Concert's own data (an agency's name, say) keeps in English first. */
export const TRANSLATED_LOCALES = ['ar', 'es', 'fr', 'ru', 'zh'] as const satisfies readonly Locale[];
export type TranslatedLocale = (typeof TRANSLATED_LOCALES)[number];

/**
 * The first of the six languages an Accept-Language header asks for (`fr-CA,fr;q=0.9,en;q=0.8` → fr), by its
 * weights; null when it asks for none of them.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const asked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: tag.trim().toLowerCase().split('-')[0], weight: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.weight > 0 && Number.isFinite(entry.weight))
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return asked.map((entry) => entry.language).find((language): language is Locale => (LOCALES as readonly string[]).includes(language)) ?? null;
}
