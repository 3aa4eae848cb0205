import { Injectable, Logger } from '@nestjs/common';
import { diffWords } from 'diff';
import { ChangesRepository } from '../changes/changes.repository';
import { Transactions } from '../database/transactions';
import type { DocumentOwner } from './document-access';
import { DocumentsRepository } from './documents.repository';
import type { RenderedDocument } from './document-text';
import type { Principal } from '../common/principal';

/** Edits closer together than this are one burst: one change event per editor, one materialization. */
export const SETTLE_AFTER_MS = 2_000;
/** A burst that goes on (several editors typing without a pause) still ends this long after its first edit. */
export const LONGEST_BURST_MS = 60_000;
/** How much of a document's text a change event keeps (before and after), for digests' excerpts. */
const TEXT_KEPT = 20_000;

/** A document being edited, as bursts need it: who owns it, and its text now. */
export interface EditedDocument {
  readonly owner: DocumentOwner;
  render(): RenderedDocument;
}

interface Burst {
  before: RenderedDocument;
  editors: Map<string, Principal>;
  timer: NodeJS.Timeout | undefined;
  /** When the burst's first edit came (0: no edit yet). */
  startedAt: number;
}

export interface EditSummary {
  wordsAdded: number;
  wordsRemoved: number;
  sections: string[];
}

/** Compares two renderings word by word: how many words came and went, and under which headings. */
export function summarizeEdit(before: RenderedDocument, after: RenderedDocument): EditSummary {
  let wordsAdded = 0;
  let wordsRemoved = 0;
  for (const part of diffWords(before.text, after.text)) {
    const words = part.value.split(/\s+/).filter(Boolean).length;
    if (part.added) wordsAdded += words;
    else if (part.removed) wordsRemoved += words;
  }
  const previous = new Map(before.sections.map((s) => [s.heading, s.text]));
  const sections = after.sections.filter((s) => previous.get(s.heading) !== s.text).map((s) => s.heading || '(untitled)');
  for (const heading of previous.keys()) if (!after.sections.some((s) => s.heading === heading)) sections.push(heading || '(untitled)');
  return { wordsAdded, wordsRemoved, sections };
}

/**
 * Turns a burst of keystrokes into what people and digests want to read: once edits settle, the document's text and
 * HTML are stored beside it, and each editor of the burst gets one change event ("+54 words in Progress").
 */
@Injectable()
export class EditBursts {
  private readonly logger = new Logger(EditBursts.name);
  private readonly bursts = new Map<string, Burst>();
  settleAfterMs = SETTLE_AFTER_MS;
  longestBurstMs = LONGEST_BURST_MS;

  constructor(
    private readonly transactions: Transactions,
    private readonly documents: DocumentsRepository,
    private readonly changes: ChangesRepository,
  ) {}

  opened(documentId: string, rendered: RenderedDocument): void {
    if (!this.bursts.has(documentId)) this.bursts.set(documentId, { before: rendered, editors: new Map(), timer: undefined, startedAt: 0 });
  }

  edited(documentId: string, editor: Principal, document: EditedDocument): void {
    const burst = this.bursts.get(documentId);
    if (!burst) return;
    burst.editors.set(editor.userId, editor);
    const now = Date.now();
    if (burst.startedAt === 0) burst.startedAt = now;
    // Each edit puts the end off, but never past LONGEST_BURST_MS: digests and search see text that is being typed.
    const settleIn = Math.min(this.settleAfterMs, Math.max(0, burst.startedAt + this.longestBurstMs - now));
    clearTimeout(burst.timer);
    burst.timer = setTimeout(() => void this.settle(documentId, document).catch((e: unknown) => this.logger.error(String(e))), settleIn);
    burst.timer.unref();
  }

  /** Ends the burst now (on unload and shutdown too). */
  async settle(documentId: string, document: EditedDocument): Promise<void> {
    const burst = this.bursts.get(documentId);
    if (!burst) return;
    clearTimeout(burst.timer);
    if (burst.editors.size === 0) return;
    const editors = [...burst.editors.values()];
    const before = burst.before;
    burst.startedAt = 0;
    const after = document.render();
    burst.editors = new Map();
    burst.before = after;
    const summary = summarizeEdit(before, after);
    const owner = document.owner;
    await this.transactions.run(async (tx) => {
      await this.documents.saveMaterialized(tx, documentId, after.text, after.html);
      if (summary.wordsAdded === 0 && summary.wordsRemoved === 0) return;
      const agencies = [...new Set(editors.map((e) => e.agencyCode))];
      const change = `+${summary.wordsAdded} words, −${summary.wordsRemoved} words${summary.sections.length ? ` in ${summary.sections.join(', ')}` : ''}`;
      for (const editor of editors) {
        await this.changes.append(tx, {
          actor: editor,
          entityType: owner.entityType,
          entityId: owner.entityId,
          frameworkId: owner.frameworkId,
          commitmentId: owner.commitmentId,
          action: 'text_edited',
          summary: `${agencies.join(', ')}${editors.length > 1 ? `, ${editors.length} editors` : ''}: ${change} of ${owner.title}`,
          before: { text: before.text.slice(0, TEXT_KEPT) },
          after: { text: after.text.slice(0, TEXT_KEPT), documentId, ...summary },
        });
      }
    });
  }

  forget(documentId: string): void {
    const burst = this.bursts.get(documentId);
    clearTimeout(burst?.timer);
    this.bursts.delete(documentId);
  }
}
