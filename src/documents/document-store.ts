import { Injectable } from '@nestjs/common';
import * as Y from 'yjs';
import { Transactions } from '../database/transactions';
import { DocumentsRepository, type PendingUpdate } from './documents.repository';
import { decodeUpdateOrNull } from './yjs-checks';

export type { PendingUpdate } from './documents.repository';

export interface StoredDocument {
  /** The snapshot first (when there is one), then every logged update after it, oldest first. */
  updates: Uint8Array[];
  /** Set when a stored update could not be decoded: the document is then never served nor written. */
  unavailableReason: string | null;
  /** Updates logged since the last snapshot, and their bytes, for deciding when to compact. */
  logCount: number;
  logBytes: number;
  /** The snapshot's bytes: with logBytes, what the document takes in storage. */
  snapshotBytes: number;
}

/**
 * A copy of the document already in memory (the live one), which can take the log's rows in and answer its whole
 * state: compaction then costs one encoding instead of rebuilding the document from the snapshot and every row.
 */
export interface CompactionSource {
  /** Applies the rows (each already known, or not yet: another process's) and answers the whole state as one update. */
  absorb(rows: readonly Uint8Array[]): Uint8Array;
}

/** When the log passes either, it is squashed into the snapshot. */
export const COMPACT_AFTER_UPDATES = 500;
export const COMPACT_AFTER_BYTES = 1024 * 1024;

/**
 * The durable side of live documents: an append-only update log per document, compacted into a snapshot inside a
 * transaction that holds the document's row lock, so that concurrent compactions (from any process) cannot both
 * squash the same updates. Opening a document costs about the same however long its history.
 */
@Injectable()
export class DocumentStore {
  constructor(
    private readonly transactions: Transactions,
    private readonly documents: DocumentsRepository,
  ) {}

  /**
   * The snapshot and every update still in the log, read in one snapshot of the database (a compaction committing
   * in between would otherwise drop the updates it squashed from both reads).
   */
  async load(documentId: string): Promise<StoredDocument | null> {
    const stored = await this.transactions.db.transaction('REPEATABLE READ', (tx) => this.documents.readStored(tx, documentId));
    if (!stored) return null;
    return {
      updates: [...(stored.snapshot ? [stored.snapshot] : []), ...stored.log].map((bytes) => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
      unavailableReason: stored.unavailableReason,
      logCount: stored.log.length,
      logBytes: stored.log.reduce((sum, update) => sum + update.byteLength, 0),
      snapshotBytes: stored.snapshot?.byteLength ?? 0,
    };
  }

  /** Every update that arrived together, in one INSERT: one round trip however many editors sent them. */
  async append(batch: readonly PendingUpdate[]): Promise<void> {
    if (batch.length > 0) await this.documents.append(this.transactions.db, batch);
  }

  /**
   * Squashes the snapshot and the log into a new snapshot. With a `live` copy (the registry's), the rows read are
   * absorbed into it and its state encoded: it holds the old snapshot already (loaded from it) and everything of the
   * log it has seen; what it holds beyond the rows (edits not yet stored) is harmless in a snapshot, since updates are
   * idempotent. Without one, the snapshot and the rows are loaded into a new Y.Doc (merging raw updates grows faster
   * than linearly with their number). Answers the snapshot's size in bytes, or null when another process holds the
   * lock (or the document is unavailable) and nothing was done.
   */
  async compact(documentId: string, live?: CompactionSource): Promise<number | null> {
    return this.transactions.run(async (tx) => {
      const locked = await this.documents.lockForCompaction(tx, documentId);
      if (!locked) return null;
      const log = await this.documents.readLog(tx, documentId);
      if (log.length === 0) return locked.snapshot?.byteLength ?? 0;
      const rows = log.map((row) => new Uint8Array(row.update.buffer, row.update.byteOffset, row.update.byteLength));
      if (rows.some((row) => !decodeUpdateOrNull(row))) throw new Error('an undecodable update is in the log');
      if (live) {
        const snapshot = live.absorb(rows);
        await this.documents.replaceWithSnapshot(tx, documentId, snapshot, log.map((row) => row.id));
        return snapshot.byteLength;
      }
      const doc = new Y.Doc({ gc: true });
      try {
        if (locked.snapshot) Y.applyUpdate(doc, new Uint8Array(locked.snapshot.buffer, locked.snapshot.byteOffset, locked.snapshot.byteLength));
        for (const row of rows) Y.applyUpdate(doc, row);
        const snapshot = Y.encodeStateAsUpdate(doc);
        // Only the rows read are deleted: one that commits meanwhile stays in the log for the next compaction.
        await this.documents.replaceWithSnapshot(tx, documentId, snapshot, log.map((row) => row.id));
        return snapshot.byteLength;
      } finally {
        doc.destroy();
      }
    });
  }

  markUnavailable(documentId: string, reason: string): Promise<void> {
    return this.documents.markUnavailable(this.transactions.db, documentId, reason);
  }

  materialized(documentId: string): Promise<{ text: string; html: string } | null> {
    return this.documents.materialized(this.transactions.db, documentId);
  }
}
