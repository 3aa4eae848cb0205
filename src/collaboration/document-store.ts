import { Injectable } from '@nestjs/common';
import * as Y from 'yjs';
import { type Db, Transactions } from '../database/transactions';
import { decodeUpdateOrNull } from './yjs-checks';

export interface StoredDocument {
  /** The snapshot first (when there is one), then every logged update after it, oldest first. */
  updates: Uint8Array[];
  /** Set when a stored update could not be decoded: the document is then never served nor written. */
  unavailableReason: string | null;
  /** Updates logged since the last snapshot, and their bytes, for deciding when to compact. */
  logCount: number;
  logBytes: number;
}

export interface PendingUpdate {
  documentId: string;
  update: Uint8Array;
  userId: string;
}

/** When the log passes either, it is squashed into the snapshot. */
export const COMPACT_AFTER_UPDATES = 500;
export const COMPACT_AFTER_BYTES = 1024 * 1024;

/**
 * The durable side of live documents: an append-only update log per document, compacted into a snapshot inside a
 * transaction that holds the document's row lock, so that concurrent compactions (from any process) cannot both
 * squash the same updates.
 */
@Injectable()
export class DocumentStore {
  constructor(private readonly transactions: Transactions) {}

  /**
   * The snapshot and every update still in the log, read in one snapshot of the database (a compaction committing
   * in between would otherwise drop the updates it squashed from both reads).
   */
  async load(documentId: string): Promise<StoredDocument | null> {
    return this.transactions.db.transaction('REPEATABLE READ', async (tx) => {
      const [document]: { snapshot: Buffer | null; unavailableReason: string | null }[] = await tx.query(
        'SELECT snapshot, unavailable_reason AS "unavailableReason" FROM documents WHERE id = $1',
        [documentId],
      );
      if (!document) return null;
      const log: { update: Buffer }[] = await tx.query('SELECT update FROM document_updates WHERE document_id = $1 ORDER BY id', [
        documentId,
      ]);
      const updates = [...(document.snapshot ? [document.snapshot] : []), ...log.map((row) => row.update)].map(
        (bytes) => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      );
      return {
        updates,
        unavailableReason: document.unavailableReason,
        logCount: log.length,
        logBytes: log.reduce((sum, row) => sum + row.update.byteLength, 0),
      };
    });
  }

  /** Every update that arrived together, in one INSERT: one round trip however many editors sent them. */
  async append(batch: readonly PendingUpdate[]): Promise<void> {
    if (batch.length === 0) return;
    await this.transactions.db.query(
      `INSERT INTO document_updates (document_id, update, user_id)
       SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::uuid[])`,
      [batch.map((u) => u.documentId), batch.map((u) => Buffer.from(u.update)), batch.map((u) => u.userId)],
    );
  }

  /**
   * Squashes the snapshot and the log into a new snapshot: loads them into a Y.Doc and encodes its state (merging
   * raw updates grows faster than linearly with their number). Returns false when another process holds the lock.
   */
  async compact(documentId: string): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const [locked]: { snapshot: Buffer | null }[] = await tx.query(
        // NO KEY UPDATE: compactions exclude each other, but the INSERTs of the log (whose foreign-key check takes a
        // KEY SHARE lock on this row) go on while the snapshot is built.
        `SELECT snapshot FROM documents WHERE id = $1 AND unavailable_reason IS NULL FOR NO KEY UPDATE SKIP LOCKED`,
        [documentId],
      );
      if (!locked) return false;
      // Every row in the log, not only those above the last snapshot's: ids are taken at INSERT, so another
      // process's row can commit late with a lower id than one already squashed. Only the rows read are deleted.
      const log: { id: string; update: Buffer }[] = await tx.query(
        'SELECT id, update FROM document_updates WHERE document_id = $1 ORDER BY id',
        [documentId],
      );
      if (log.length === 0) return true;
      const doc = new Y.Doc({ gc: true });
      try {
        for (const bytes of [...(locked.snapshot ? [locked.snapshot] : []), ...log.map((row) => row.update)]) {
          const update = new Uint8Array(bytes);
          if (!decodeUpdateOrNull(update)) throw new Error('an undecodable update is in the log');
          Y.applyUpdate(doc, update);
        }
        const through = log[log.length - 1].id;
        await tx.query('UPDATE documents SET snapshot = $2, snapshot_through = $3 WHERE id = $1', [
          documentId,
          Buffer.from(Y.encodeStateAsUpdate(doc)),
          through,
        ]);
        await tx.query('DELETE FROM document_updates WHERE id = ANY($1::bigint[])', [log.map((row) => row.id)]);
        return true;
      } finally {
        doc.destroy();
      }
    });
  }

  async markUnavailable(documentId: string, reason: string): Promise<void> {
    await this.transactions.db.query('UPDATE documents SET unavailable_reason = $2 WHERE id = $1 AND unavailable_reason IS NULL', [
      documentId,
      reason,
    ]);
  }

  async saveMaterialized(documentId: string, text: string, html: string, db: Db = this.transactions.db): Promise<void> {
    await db.query('UPDATE documents SET text = $2, html = $3, materialized_at = now() WHERE id = $1', [
      documentId,
      text,
      html,
    ]);
  }

  async materialized(documentId: string): Promise<{ text: string; html: string } | null> {
    const [row]: { text: string; html: string }[] = await this.transactions.db.query('SELECT text, html FROM documents WHERE id = $1', [
      documentId,
    ]);
    return row ?? null;
  }
}
