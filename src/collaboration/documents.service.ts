import { Injectable } from '@nestjs/common';
import * as Y from 'yjs';
import { NotFoundError } from '../common/errors';
import { DocumentUnavailableError } from './document-registry';
import { DocumentStore } from './document-store';
import { type RenderedDocument, renderDocument } from './document-text';
import { decodeUpdateOrNull } from './yjs-checks';

/** A live document's content read from the database, for those who do not hold it open (snapshots, exports). */
@Injectable()
export class DocumentsService {
  constructor(private readonly store: DocumentStore) {}

  async render(documentId: string): Promise<RenderedDocument> {
    const stored = await this.store.load(documentId);
    if (!stored) throw new NotFoundError('document', documentId);
    if (stored.unavailableReason) throw new DocumentUnavailableError(documentId);
    const doc = new Y.Doc();
    try {
      for (const update of stored.updates) {
        if (!decodeUpdateOrNull(update)) throw new DocumentUnavailableError(documentId);
        Y.applyUpdate(doc, update);
      }
      return renderDocument(doc);
    } finally {
      doc.destroy();
    }
  }
}
