import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import type { Locale } from '../common/locales';
import type { ReportComposition } from './report-composition';
import { renderDocx } from './report-docx';

/**
 * The heap a rendering process may take: a report that needs more fails alone, with an error, not the server. The
 * benchmark's 261-page report needs more than 160 MB and renders in 256; this leaves it half as much again.
 */
const RENDERER_HEAP_MB = 384;

/** What the rendering process answers: the file's bytes, or why it could not make them. */
type Answer = Uint8Array | { error: string };

/**
 * Word files rendered in a process of their own, one at a time, as PDFs are in Chromium's. A 260-page report builds
 * some hundred thousand objects over seconds: in the server's thread that would stop every live document of the
 * process for as long. In a worker thread it did not, but the thread's heap stayed in the server's memory once it had
 * ended (npm run bench:reports: the server's RSS grew by 390 MB and kept it); a process gives its memory back to the
 * system when it exits.
 *
 * Built (`nest build`), the process runs docx-worker.js beside this file. Run from the TypeScript sources (the Jest
 * suite), there is no such file and the rendering runs in this process; test/e2e/docx-thread.e2e-spec.ts compiles the
 * worker to try the process itself.
 */
@Injectable()
export class DocxRenderer {
  private turn: Promise<unknown> = Promise.resolve();
  private workerFile = compiledWorker();

  /** A renderer whose process runs this compiled worker, or (null) that renders in the calling thread. */
  static using(workerFile: string | null): DocxRenderer {
    const renderer = new DocxRenderer();
    renderer.workerFile = workerFile;
    return renderer;
  }

  render(composition: ReportComposition, locale: Locale): Promise<Buffer> {
    const rendering = this.turn.then(() => (this.workerFile ? this.inProcess(this.workerFile, composition, locale) : renderDocx(composition, locale)));
    this.turn = rendering.catch(() => undefined);
    return rendering;
  }

  private inProcess(file: string, composition: ReportComposition, locale: Locale): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      let answered = false;
      const fail = (reason: string, cause?: unknown) => {
        if (answered) return;
        answered = true;
        reject(new Error(`Rendering the Word file failed: ${reason}`, { cause }));
      };
      // Structured clone over the channel ('advanced'): the composition's dates stay dates, the file comes back whole.
      const renderer = fork(file, [], {
        execArgv: [`--max-old-space-size=${RENDERER_HEAP_MB}`],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      renderer.once('message', (answer: Answer) => {
        if (answer instanceof Uint8Array) {
          answered = true;
          resolve(Buffer.from(answer.buffer, answer.byteOffset, answer.byteLength));
        } else fail(answer.error);
      });
      renderer.once('error', (error) => fail(error.message, error));
      renderer.once('exit', (code, signal) => fail(`the rendering process ended without a file (${signal ?? `exit code ${code}`}).`));
      renderer.send({ composition, locale }, (error) => {
        if (error) fail(error.message, error);
      });
    });
  }
}

/** docx-worker.js beside this file when it runs compiled; null when it runs from its TypeScript source. */
function compiledWorker(): string | null {
  if (typeof __dirname !== 'string') return null;
  const file = path.join(__dirname, 'docx-worker.js');
  return existsSync(file) ? file : null;
}
