import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Injectable } from '@nestjs/common';
import type { Locale } from '../common/locales';
import type { ReportComposition } from './report-composition';
import { renderDocx } from './report-docx';

/**
 * The heap a rendering thread may take: a report that needs more fails alone, with an error, not the server. The
 * benchmark's 261-page report needs more than 160 MB and renders in 256; this leaves it half as much again.
 */
const THREAD_HEAP_MB = 384;

/**
 * Word files rendered in a thread of their own, one at a time. A 260-page report builds some hundred thousand
 * objects over seconds: in the server's thread that would stop every live document of the process for as long, and
 * leave the garbage in the server's heap (npm run bench:reports measured the heap growing by the size of every
 * rendering until V8 chose to collect). A thread's heap is released when it ends.
 *
 * Built (`nest build`), the thread runs docx-worker.js beside this file. Run from the TypeScript sources (the Jest
 * suite), there is no such file and the rendering runs in this thread; test/e2e/docx-thread.e2e-spec.ts compiles the
 * worker to try the thread itself.
 */
@Injectable()
export class DocxRenderer {
  private turn: Promise<unknown> = Promise.resolve();
  private workerFile = compiledWorker();

  /** A renderer whose thread runs this compiled worker, or (null) that renders in the calling thread. */
  static using(workerFile: string | null): DocxRenderer {
    const renderer = new DocxRenderer();
    renderer.workerFile = workerFile;
    return renderer;
  }

  render(composition: ReportComposition, locale: Locale): Promise<Buffer> {
    const rendering = this.turn.then(() => (this.workerFile ? this.inThread(this.workerFile, composition, locale) : renderDocx(composition, locale)));
    this.turn = rendering.catch(() => undefined);
    return rendering;
  }

  private inThread(file: string, composition: ReportComposition, locale: Locale): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      let answered = false;
      const thread = new Worker(file, { workerData: { composition, locale }, resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB } });
      thread.once('message', (bytes: Uint8Array) => {
        answered = true;
        resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      });
      thread.once('error', (error) => {
        answered = true;
        reject(new Error(`Rendering the Word file failed: ${error.message}`, { cause: error }));
      });
      thread.once('exit', (code) => {
        if (!answered) reject(new Error(`The Word rendering thread ended without a file (exit code ${code}).`));
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
