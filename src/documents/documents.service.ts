import { Injectable } from '@nestjs/common';
import { diffWords } from 'diff';
import * as Y from 'yjs';
import { NotFoundError } from '../common/errors';
import type { Db } from '../database/transactions';
import { DocumentStore } from './document-store';
import { type RenderedDocument, renderDocument } from './document-text';
import { type DocumentKind, DocumentsRepository } from './documents.repository';
import { DocumentUnavailableError } from './documents.errors';
import { decodeUpdateOrNull } from './yjs-checks';

/** One part of a word-level comparison of two texts. */
export interface WordChange {
  value: string;
  added?: true;
  removed?: true;
}

/**
 * What the domain asks of documents: a new one, made in the caller's own transaction; a document's content read from
 * the database, for those who do not hold it open (snapshots, exports); and two texts compared word by word.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly store: DocumentStore,
  ) {}

  create(tx: Db, kind: DocumentKind): Promise<string> {
    return this.documents.create(tx, kind);
  }

  render(documentId: string): Promise<RenderedDocument> {
    return this.read(documentId, renderDocument);
  }

  /**
   * The document as stored, built afresh and handed to `reader` (which must not keep it): for those who do not hold
   * it open, such as checking that a comment's anchor points into it.
   */
  async read<T>(documentId: string, reader: (doc: Y.Doc) => T): Promise<T> {
    const stored = await this.store.load(documentId);
    if (!stored) throw new NotFoundError('document', documentId);
    if (stored.unavailableReason) throw new DocumentUnavailableError(documentId);
    const doc = new Y.Doc();
    try {
      for (const update of stored.updates) {
        if (!decodeUpdateOrNull(update)) throw new DocumentUnavailableError(documentId);
        Y.applyUpdate(doc, update);
      }
      return reader(doc);
    } finally {
      doc.destroy();
    }
  }

  /** Word by word, what changed from `before` to `after` (an accepted narrative against the previous cycle's). */
  diffWords(before: string, after: string): WordChange[] {
    return diffWords(before, after).map((part) => ({ value: part.value, ...(part.added && { added: true }), ...(part.removed && { removed: true }) }));
  }
}
