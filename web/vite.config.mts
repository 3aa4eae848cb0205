import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { constants } from 'node:zlib';
import { parse } from '@formatjs/icu-messageformat-parser';
import react from '@vitejs/plugin-react-swc';
import ts from 'typescript';
import { defineConfig, type Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

type Catalogue = { [key: string]: string | Catalogue };

const SOURCES = path.join(import.meta.dirname, 'src');

/**
 * The source files of the first load: main.tsx and what it imports, and so on, but not what a page imports lazily
 * (`import()`), nor types.
 */
function firstLoadFiles(): string[] {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    for (const statement of source.statements) {
      const declaration = ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement : null;
      if (!declaration?.moduleSpecifier || !ts.isStringLiteral(declaration.moduleSpecifier)) continue;
      const typeOnly = ts.isImportDeclaration(declaration) ? declaration.importClause?.isTypeOnly : declaration.isTypeOnly;
      if (typeOnly || !declaration.moduleSpecifier.text.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), declaration.moduleSpecifier.text);
      const resolved = ['.ts', '.tsx', '/index.ts', '/index.tsx', ''].map((ending) => base + ending).find((candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate));
      if (resolved) visit(resolved);
    }
  };
  visit(path.join(SOURCES, 'main.tsx'));
  return [...files];
}

/** The catalogue's keys that the first load's code names (every key is named whole in the code: test/web/catalogues.spec.ts). */
function firstLoadKeys(): Set<string> {
  return new Set(firstLoadFiles().flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/['"`]([\w.]+)['"`]/g)].map((match) => match[1])));
}

/**
 * The catalogues (web/src/locales/<lang>.json, ICU messages, the source of truth) reach the browser parsed: each
 * message is its ICU syntax tree, which intl-messageformat formats as it is, so the client ships without the ICU
 * parser (aliased below to FormatJS's no-parser build). A message that does not parse fails the build, naming it.
 * `ignoreTag` as i18next-icu parses at run time: `<` and `>` are text.
 *
 * And in two parts: `<lang>.json?part=first`, the messages the code of the first load (the login page) names, and
 * `?part=rest`, the others, which the pages behind the login wait for (lib/i18n.ts).
 */
function precompiledCatalogues(): Plugin {
  const compile = (catalogue: Catalogue, file: string, keep: (key: string) => boolean, prefix = ''): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(catalogue).flatMap(([key, message]) => {
        if (typeof message !== 'string') {
          const section = compile(message, file, keep, `${prefix}${key}.`);
          return Object.keys(section).length > 0 ? [[key, section]] : [];
        }
        if (!keep(`${prefix}${key}`)) return [];
        try {
          return [[key, parse(message, { ignoreTag: true })]];
        } catch (error) {
          throw new Error(`${file}: ${prefix}${key} is not a valid ICU message (${(error as Error).message})`);
        }
      }),
    );
  return {
    name: 'concert:precompiled-catalogues',
    enforce: 'pre',
    transform(code, id) {
      const match = /\/web\/src\/locales\/\w+\.json(?:\?part=(first|rest))?$/.exec(id);
      if (!match) return null;
      const first = match[1] ? firstLoadKeys() : null;
      const keep = (key: string) => !first || first.has(key) === (match[1] === 'first');
      const compiled = JSON.stringify(compile(JSON.parse(code) as Catalogue, match[0].slice(1), keep));
      // A part (its query hides that it is JSON) is a module exporting its object; the whole catalogue stays JSON.
      return match[1] ? { code: `export default ${compiled};`, map: null, moduleType: 'js' } : { code: compiled, map: null };
    },
  };
}

// The browser client, built into web/dist and served by the Nest server from the same origin, so the session cookie
// and the socket need no CORS. `npm run dev:web` proxies /api and /socket.io to a server on :3000.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    precompiledCatalogues(),
    react(),
    // Each script and stylesheet also as .gz and .br, compressed once here at the highest levels, which the server
    // sends as they are (src/app.ts) rather than compressing every file at every request.
    compression({
      include: /\.(js|css)$/,
      threshold: 1024,
      algorithms: [defineAlgorithm('gzip', { level: 9 }), defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })],
    }),
  ],
  resolve: {
    alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }],
  },
  // No modulepreload polyfill (0.2 KB): the browsers Concert supports preload modules; one that did not would fetch
  // the same chunks, only later.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000, modulePreload: { polyfill: false } },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'http://localhost:3000', ws: true } },
  },
});
