/** The six official languages of the United Nations, the languages Concert speaks. */
export const LOCALES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language named in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  ar: 'العربية',
  en: 'English',
  es: 'Español',
  fr: 'Français',
  ru: 'Русский',
  zh: '中文',
};

const KEY = 'concert.locale';

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** The first of the browser's languages Concert speaks (`fr-SN` is French), else null. */
export function browserLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale | null {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return null;
}

/** The language to show: the stored choice, else the browser's, else English. */
export function initialLocale(): Locale {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    // Storage refused (private mode): the browser's language.
  }
  return isLocale(stored) ? stored : (browserLocale() ?? 'en');
}

/**
 * Keeps the user's choice: in this browser, and, signed in, in their preferences on the server (`locale` in
 * /api/me/preferences), where their mail's language comes from and which wins in any browser they sign in from.
 */
export function saveLocale(locale: Locale, signedIn: boolean): void {
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    // Storage refused: the choice lasts until the page is closed.
  }
  if (signedIn) {
    void fetch('/api/me/preferences', {
      method: 'PATCH',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale }),
    }).catch(() => undefined);
  }
}

export const isRightToLeft = (locale: string) => locale === 'ar';
