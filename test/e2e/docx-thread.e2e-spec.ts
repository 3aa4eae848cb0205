import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DocxRenderer } from '../../src/consolidated-reports/docx-renderer';
import type { ReportComposition } from '../../src/consolidated-reports/report-composition';
import { composition } from '../support/report-composition';

/**
 * The Word file rendered in a process of its own, as the built server does it (`nest build` puts docx-worker.js beside
 * the renderer; the rest of the suite runs from the TypeScript sources, in one thread). The worker is compiled here
 * into a scratch folder of the checkout, so that node finds the packages it imports.
 */
describe('Word files rendered in a process of their own', () => {
  const build = path.join(process.cwd(), '.test-build', `docx-thread-${process.pid}`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'concert-docx-'));
  let separate: DocxRenderer;

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, [
      'node_modules/typescript/bin/tsc',
      'src/consolidated-reports/docx-worker.ts',
      ...['--outDir', build, '--rootDir', '.', '--module', 'node20', '--moduleResolution', 'node16', '--target', 'ES2022'],
      ...['--esModuleInterop', '--skipLibCheck', '--types', 'node', '--ignoreConfig'],
    ]);
    separate = DocxRenderer.using(path.join(build, 'src/consolidated-reports/docx-worker.js'));
  }, 120_000);
  afterAll(() => {
    rmSync(build, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  /** word/document.xml, as Word reads it. */
  const documentXml = (docx: Buffer): string => {
    const file = path.join(scratch, `${Math.random().toString(36).slice(2)}.docx`);
    writeFileSync(file, docx);
    return execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8');
  };

  /** The text of its runs, in order (bookmark ids, numbered per process by the docx package, left aside). */
  const words = (docx: Buffer) => [...documentXml(docx).matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((match) => match[1]);

  it('gives the same document as a rendering in the server’s own thread, in English and in Arabic', async () => {
    for (const locale of ['en', 'ar'] as const) {
      const [inItsProcess, inServer] = await Promise.all([separate.render(composition, locale), DocxRenderer.using(null).render(composition, locale)]);
      expect(inItsProcess.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(words(inItsProcess)).toEqual(words(inServer));
      expect(words(inItsProcess).length).toBeGreaterThan(50);
    }
    expect(documentXml(await separate.render(composition, 'ar'))).toContain('<w:bidi/>');
    expect(documentXml(await separate.render(composition, 'en'))).toContain('Enhancing the role of trade in development');
  });

  it('answers a rendering that fails with an error, and renders the next one', async () => {
    const broken = { ...composition, commitments: null } as unknown as ReportComposition;
    await expect(separate.render(broken, 'en')).rejects.toThrow(/^Rendering the Word file failed: /);
    expect(documentXml(await separate.render(composition, 'fr'))).toContain('Enhancing the role of trade in development');
  });
});
