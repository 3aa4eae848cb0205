import { Injectable } from '@nestjs/common';
import type { Db } from '../database/transactions';

export type DocumentKind = 'commitment_report' | 'activity_narrative' | 'consolidated_summary';

/** What is stored of a document: the snapshot (when there is one) and the log after it, oldest first. */
export interface StoredRows {
  snapshot: Buffer | null;
  unavailableReason: string | null;
  log: Buffer[];
}

export interface PendingUpdate {
  documentId: string;
  update: Uint8Array;
  userId: string;
}

/**
 * Every query of live documents: the documents table, its append-only update log, snapshots and the materialized
 * text. The only place that touches them; it reads no other module's tables (who owns a document is asked of the
 * module that owns it, through DocumentAccess).
 */
@Injectable()
export class DocumentsRepository {
  /** A new, empty document, in the caller's transaction (a commitment's report, an activity report's narrative). */
  async create(tx: Db, kind: DocumentKind): Promise<string> {
    const [row]: { id: string }[] = await tx.query('INSERT INTO documents (kind) VALUES ($1) RETURNING id', [kind]);
    return row.id;
  }

  async kindOf(db: Db, documentId: string): Promise<DocumentKind | null> {
    const [row]: { kind: DocumentKind }[] = await db.query('SELECT kind FROM documents WHERE id = $1', [documentId]);
    return row?.kind ?? null;
  }

  /** The snapshot and the log; call it inside one REPEATABLE READ transaction, so that a compaction cannot fall between. */
  async readStored(tx: Db, documentId: string): Promise<StoredRows | null> {
    const [document]: { snapshot: Buffer | null; unavailableReason: string | null }[] = await tx.query(
      'SELECT snapshot, unavailable_reason AS "unavailableReason" FROM documents WHERE id = $1',
      [documentId],
    );
    if (!document) return null;
    const log: { update: Buffer }[] = await tx.query('SELECT update FROM document_updates WHERE document_id = $1 ORDER BY id', [documentId]);
    return { ...document, log: log.map((row) => row.update) };
  }

  /** Every update that arrived together, in one INSERT: one round trip however many editors sent them. */
  async append(db: Db, batch: readonly PendingUpdate[]): Promise<void> {
    await db.query(
      `INSERT INTO document_updates (document_id, update, user_id)
       SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::uuid[])`,
      [batch.map((u) => u.documentId), batch.map((u) => Buffer.from(u.update.buffer, u.update.byteOffset, u.update.byteLength)), batch.map((u) => u.userId)],
    );
  }

  /**
   * Locks the document for a compaction, or answers null when another compaction (any process) holds it or the
   * document is unavailable. NO KEY UPDATE: compactions exclude each other, but the log's INSERTs (whose foreign-key
   * check takes a KEY SHARE lock on this row) go on meanwhile.
   */
  async lockForCompaction(tx: Db, documentId: string): Promise<{ snapshot: Buffer | null } | null> {
    const [locked]: { snapshot: Buffer | null }[] = await tx.query(
      `SELECT snapshot FROM documents WHERE id = $1 AND unavailable_reason IS NULL FOR NO KEY UPDATE SKIP LOCKED`,
      [documentId],
    );
    return locked ?? null;
  }

  /**
   * Every row of the log, not only those above the last snapshot's: ids are taken at INSERT, so another process's
   * row can commit late with a lower id than one already squashed.
   */
  async readLog(tx: Db, documentId: string): Promise<{ id: string; update: Buffer }[]> {
    return tx.query('SELECT id, update FROM document_updates WHERE document_id = $1 ORDER BY id', [documentId]);
  }

  /** The new snapshot in place of the old one and of exactly the log rows it squashed. */
  async replaceWithSnapshot(tx: Db, documentId: string, snapshot: Uint8Array, squashedIds: readonly string[]): Promise<void> {
    await tx.query('UPDATE documents SET snapshot = $2, snapshot_through = $3 WHERE id = $1', [
      documentId,
      Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength),
      squashedIds[squashedIds.length - 1],
    ]);
    await tx.query('DELETE FROM document_updates WHERE id = ANY($1::bigint[])', [squashedIds]);
  }

  async markUnavailable(db: Db, documentId: string, reason: string): Promise<void> {
    await db.query('UPDATE documents SET unavailable_reason = $2 WHERE id = $1 AND unavailable_reason IS NULL', [documentId, reason]);
  }

  async saveMaterialized(db: Db, documentId: string, text: string, html: string): Promise<void> {
    await db.query('UPDATE documents SET text = $2, html = $3, materialized_at = now() WHERE id = $1', [documentId, text, html]);
  }

  async materialized(db: Db, documentId: string): Promise<{ text: string; html: string } | null> {
    const [row]: { text: string; html: string }[] = await db.query('SELECT text, html FROM documents WHERE id = $1', [documentId]);
    return row ?? null;
  }
}
