import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { CHANGE_FACT_KINDS, THREAD_TARGETS } from '../../src/changes/change-facts';

const ROOT = process.cwd();
const LOCALES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;
type Tree = { [key: string]: string | Tree };

const catalogues = Object.fromEntries(
  LOCALES.map((locale) => [locale, JSON.parse(readFileSync(path.join(ROOT, 'web/src/locales', `${locale}.json`), 'utf8')) as Tree]),
) as Record<(typeof LOCALES)[number], Tree>;
const message = (tree: Tree, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined), tree);
const client = readFileSync(path.join(ROOT, 'web/src/lib/events.ts'), 'utf8');

/** Every parameter the facts of any kind carry, as the client hands them to the messages (statuses and dates worded). */
const PARAMS = {
  agency: 'FAO',
  reportAgency: 'WFP',
  reference: 'BPoA-5',
  framework: 'BPoA',
  cycle: '2026-H1',
  indicator: 'Countries supported',
  fromStatus: 'Not started',
  toStatus: 'On track',
  added: 12,
  removed: 3,
  edition: 2,
  due: '30 June 2026',
  on: 'the report of BPoA-5',
  assignee: 'WFP',
  title: 'Gender strategy',
  code: 'UNEP',
  name: 'United Nations Environment Programme',
  sentence: 'FAO returned it',
  quote: 'Add the figures.',
};

/**
 * Every kind of change the server can tell in facts (src/changes/change-facts.ts) is told in each of the six
 * languages: a kind without a message would show its English summary to every reader.
 */
describe('the messages of the change events', () => {
  const keys = [...CHANGE_FACT_KINDS.map((kind) => `events.${kind}`), ...THREAD_TARGETS.map((target) => `events.on.${target}`), 'events.quoting'];

  it.each(LOCALES)('are all in the %s catalogue, and say something with the facts’ parameters', (locale) => {
    const missing = keys.filter((key) => typeof message(catalogues[locale], key) !== 'string');
    expect(missing).toEqual([]);
    for (const key of keys) {
      const told = new IntlMessageFormat(message(catalogues[locale], key) as string, locale).format(PARAMS) as string;
      expect({ key, told }).toEqual({ key, told: expect.stringMatching(/\S/) });
      expect({ key, unfilled: told.includes('{') }).toEqual({ key, unfilled: false });
    }
  });

  it('are each the client’s message for their kind (web/src/lib/events.ts)', () => {
    for (const key of keys) expect({ key, inClient: client.includes(`'${key}'`) }).toEqual({ key, inClient: true });
  });
});
