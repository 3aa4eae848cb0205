import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { jsxLiterals, sourceFiles } from './jsx-literals';

const ROOT = process.cwd();

/**
 * Words that are the same in every language: the product's name. Anything else a user reads comes from the
 * catalogues (web/src/locales), so that no English is left on a page in another language.
 */
const ALLOWED = new Set(['Concert']);

/** Pages still to move into the catalogues (each is its own chunk; their strings are English until then). */
const NOT_YET_TRANSLATED = new Set<string>([
]);

describe('the browser client’s words', () => {
  it('are never written straight into JSX: every text and label a user reads comes from the catalogues', () => {
    const files = sourceFiles(path.join(ROOT, 'web/src'), /\.tsx$/);
    expect(files.length).toBeGreaterThan(20);
    const literals = files
      .flatMap((file) => jsxLiterals(file, ROOT))
      .filter((literal) => !ALLOWED.has(literal.text) && !NOT_YET_TRANSLATED.has(literal.file))
      .map((literal) => `${literal.file}:${literal.line} ${literal.text}`);
    expect(literals).toEqual([]);
  });

  it('are caught by the check when one is left in a component', () => {
    const literals = jsxLiterals(path.join(ROOT, 'test/web/fixtures/literal.tsx.fixture'), ROOT).map((literal) => literal.text);
    expect(literals).toEqual(['Save the report', 'Due date', 'Close']);
  });
});
