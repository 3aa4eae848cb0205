import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COLLAB_ERROR_CODES } from '../../src/collaboration/protocol';
import { sourceFiles } from './jsx-literals';

const ROOT = process.cwd();
const LOCALES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;

type Tree = { [key: string]: string | Tree };
const has = (tree: Tree, key: string) => typeof key.split('.').reduce<Tree | string | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree) === 'string';
const catalogues = LOCALES.map((locale) => [locale, JSON.parse(readFileSync(path.join(ROOT, 'web/src/locales', `${locale}.json`), 'utf8')) as Tree] as const);

/** The client's error messages: those the login page can show (first load), and the others (loaded behind it). */
const clientFiles = ['web/src/lib/errors.ts', 'web/src/lib/error-messages.ts'].map((file) => readFileSync(path.join(ROOT, file), 'utf8'));
const clientErrors = clientFiles.join('\n');
/** The client's table of error codes: `  code: 'errors.key',` lines of MESSAGE, in either file. */
const tables = clientFiles.map((file) => file.slice(file.indexOf('const MESSAGE'), file.indexOf('};', file.indexOf('const MESSAGE'))));
const listed = new Map(tables.flatMap((table) => [...table.matchAll(/^\s+'?([\w.]+)'?: '([\w.]+)',$/gm)].map((match) => [match[1], match[2]] as const)));
const server = sourceFiles(path.join(ROOT, 'src'), /\.ts$/)
  .filter((file) => !file.endsWith('.spec.ts'))
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

/**
 * Every error code the server sends has a message in the browser client, in the six languages, so that a page in
 * French never shows the server's English sentence (issue #16).
 */
describe('the error codes the server sends', () => {
  it('are in the client’s table: every conflict, every live-protocol error, every HTTP fallback', () => {
    const conflicts = [...server.matchAll(/new ConflictError\('(\w+)'/g)].map((match) => match[1]);
    expect(conflicts).toEqual(expect.arrayContaining(['discussion_closed', 'thread_state', 'no_action_item', 'comment_deleted', 'action_item_done']));
    const fallbacks = ['bad_request', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'payload_too_large', 'too_many_requests', 'internal_error'];
    // A live-protocol `read_only` always says why as a refusal (errors.refusal.*).
    const live = COLLAB_ERROR_CODES.filter((code) => code !== 'read_only');
    const missing = [...new Set([...conflicts, ...fallbacks, ...live])].filter((code) => !listed.has(code));
    expect(missing).toEqual([]);
  });

  it.each(catalogues)('have each message the client names in the %s catalogue', (_locale, catalogue) => {
    const keys = [...new Set([...clientErrors.matchAll(/'(errors\.[\w.]+)'/g)].map((match) => match[1]))];
    expect(keys.length).toBeGreaterThan(listed.size);
    expect(keys.filter((key) => !has(catalogue, key))).toEqual([]);
  });
});
