import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sourceFiles } from './jsx-literals';
import { placeholders } from '../support/icu';

const ROOT = process.cwd();
const LOCALES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value]] : Object.entries(flatten(value, `${prefix}${key}.`)))),
  );
}

const catalogues = Object.fromEntries(
  LOCALES.map((locale) => [locale, flatten(JSON.parse(readFileSync(path.join(ROOT, 'web/src/locales', `${locale}.json`), 'utf8')) as Tree)]),
) as Record<(typeof LOCALES)[number], Record<string, string>>;
const english = Object.keys(catalogues.en).sort();
const sources = sourceFiles(path.join(ROOT, 'web/src'), /\.tsx?$/).map((file) => readFileSync(file, 'utf8'));

describe('the six catalogues', () => {
  it('have every key of the English one, and no other', () => {
    expect(english.length).toBeGreaterThan(100);
    for (const locale of LOCALES) expect({ locale, keys: Object.keys(catalogues[locale]).sort() }).toEqual({ locale, keys: english });
  });

  it('say every message in their own language: nothing empty, nothing left in English but names', () => {
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const untranslated = english.filter((key) => !catalogues[locale][key].trim() || (catalogues[locale][key] === catalogues.en[key] && /\p{L}{4,}/u.test(catalogues.en[key])));
      // Words the same in both: a proper name (Concert), French's "Programme", "Cycle" and "Notifications".
      expect({ locale, untranslated: untranslated.filter((key) => !['frameworks.kind.programme', 'dashboard.column.cycle', 'notifications.label'].includes(key)) }).toEqual({ locale, untranslated: [] });
    }
  });

  it('are valid ICU messages, with the same placeholders as the English one', () => {
    for (const locale of LOCALES) {
      for (const key of english) {
        expect({ locale, key, placeholders: placeholders(catalogues[locale][key], locale) }).toEqual({ locale, key, placeholders: placeholders(catalogues.en[key], 'en') });
      }
    }
  });

  it('have no key the client does not use, and the client uses no key they lack', () => {
    const unused = english.filter((key) => !sources.some((source) => source.includes(`'${key}'`)));
    expect(unused).toEqual([]);
    const used = new Set(sources.flatMap((source) => [...source.matchAll(/\bt\('([\w.]+)'/g)].map((match) => match[1])));
    expect([...used].filter((key) => !(key in catalogues.en))).toEqual([]);
  });
});
