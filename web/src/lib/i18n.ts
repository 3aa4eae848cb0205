import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next, useTranslation } from 'react-i18next';
import { initialLocale, isRightToLeft, type Locale, saveLocale } from './locale';

/**
 * The catalogues, each in two parts (web/vite.config.mts): `first`, the messages the login page and the code around
 * it use, and `rest`, those of the pages behind the login, which wait for it (`loadAllMessages`). Each part is its
 * own chunk, fetched only when it is used: a page loads its own language's messages and no other (the catalogues
 * hold the same keys, test/web/catalogues.spec.ts, so no language needs another to fall back on). Each message arrives as its ICU syntax tree (parsed at build time), which
 * i18next-icu hands to intl-messageformat as it is: the client has no ICU parser.
 */
type Part = 'first' | 'rest';
type Messages = { default: Record<string, unknown> };

const PARTS: Record<Part, Record<Locale, () => Promise<Messages>>> = {
  first: {
    ar: () => import('../locales/ar.json?part=first'),
    en: () => import('../locales/en.json?part=first'),
    es: () => import('../locales/es.json?part=first'),
    fr: () => import('../locales/fr.json?part=first'),
    ru: () => import('../locales/ru.json?part=first'),
    zh: () => import('../locales/zh.json?part=first'),
  },
  rest: {
    ar: () => import('../locales/ar.json?part=rest'),
    en: () => import('../locales/en.json?part=rest'),
    es: () => import('../locales/es.json?part=rest'),
    fr: () => import('../locales/fr.json?part=rest'),
    ru: () => import('../locales/ru.json?part=rest'),
    zh: () => import('../locales/zh.json?part=rest'),
  },
};

const loading = new Map<string, Promise<void>>();
/** Set once a page behind the login (or reached from a mail) is shown: from then on every language loads whole. */
let whole = false;

function loadPart(locale: Locale, part: Part): Promise<void> {
  const name = `${locale}:${part}`;
  let loaded = loading.get(name);
  if (!loaded) {
    loaded = PARTS[part][locale]().then((messages) => void i18next.addResourceBundle(locale, 'translation', messages.default, true, false));
    // A part that failed to come is asked again next time.
    loaded.catch(() => loading.delete(name));
    loading.set(name, loaded);
  }
  return loaded;
}

/** The messages of `locale` the page needs: the login page's, or all of them once a page behind the login is shown. */
async function load(locale: Locale): Promise<void> {
  const parts: Part[] = whole ? ['first', 'rest'] : ['first'];
  await Promise.all(parts.map((part) => loadPart(locale, part)));
}

/** The pages past the login page wait for this: every message of the language shown. */
export async function loadAllMessages(): Promise<void> {
  whole = true;
  await load(i18next.language as Locale);
}

/** `lang` and `dir` of the page follow the language (screen readers, fonts, and the browser's own mirroring). */
function applyToDocument(locale: Locale) {
  document.documentElement.lang = locale;
  document.documentElement.dir = isRightToLeft(locale) ? 'rtl' : 'ltr';
}

/** Starts i18next in the language chosen before (or the browser's); resolves once its catalogue is there. */
export async function startI18n(): Promise<void> {
  const locale = initialLocale();
  await i18next
    // A message that cannot be formatted (a value missing) shows its key: its syntax tree is no text to show.
    .use(new ICU({ parseErrorHandler: (_error, key) => key }))
    .use(initReactI18next)
    .init({
      resources: {},
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: ['ar', 'en', 'es', 'fr', 'ru', 'zh'],
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  const loaded = await load(locale).then(
    () => true,
    () => false,
  );
  // A language whose messages could not be fetched: English, fetched in its turn.
  if (!loaded) await load('en');
  await i18next.changeLanguage(loaded ? locale : 'en');
  applyToDocument(i18next.language as Locale);
}

/**
 * Switches the whole interface to `locale` at once (no reload), and keeps the choice (on the server too when
 * `signedIn`: the login page's switcher keeps it in this browser only).
 */
export async function switchLocale(locale: Locale, signedIn = false): Promise<void> {
  await load(locale);
  await i18next.changeLanguage(locale);
  applyToDocument(locale);
  saveLocale(locale, signedIn);
}

/** Once signed in: the language the person chose on the server (in any browser) wins over this browser's. */
export async function adoptServerLocale(): Promise<void> {
  const response = await fetch('/api/me/preferences', { credentials: 'same-origin' }).catch(() => null);
  if (!response?.ok) return;
  const { locale, localeChosen } = (await response.json()) as { locale: Locale; localeChosen: boolean };
  if (localeChosen && locale !== i18next.language) await switchLocale(locale);
  // Chosen before signing in (the login page's switcher) and not yet on the server: keep it there.
  else if (!localeChosen && i18next.language !== 'en') saveLocale(i18next.language as Locale, true);
}

/**
 * The locale for Intl: the interface's language, in the browser's regional variant of it where the browser has one
 * (en-GB writes 22 Dec 2026, ar-EG Arabic-Indic digits), else the language as CLDR has it.
 */
export function currentLocale(): string {
  const language = i18next.language || 'en';
  return navigator.languages?.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

/** A character no message contains, put where an element goes. */
const SLOT = '\u{E000}';

/**
 * A message with an element inside it (a link, a code): its text before and after the element, wherever the language
 * puts it. `message` is given the placeholder to pass as the element's value: `(slot) => t(key, { link: slot })`.
 */
export function aroundElement(message: (slot: string) => string): [before: string, after: string] {
  const [before = '', after = ''] = message(SLOT).split(SLOT);
  return [before, after];
}

export { useTranslation };
export default i18next;
