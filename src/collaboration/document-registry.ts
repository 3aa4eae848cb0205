import { HttpStatus, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DomainError } from '../common/errors';
import type { Principal } from '../common/principal';
import { DocumentAccess, type DocumentOwner } from './document-access';
import { COMPACT_AFTER_BYTES, COMPACT_AFTER_UPDATES, DocumentStore, type PendingUpdate } from './document-store';
import { renderDocument } from './document-text';
import { EditBursts } from './edit-bursts';
import { decodeUpdateOrNull } from './yjs-checks';

export class DocumentUnavailableError extends DomainError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  constructor(documentId: string) {
    super('document_unavailable', `Document ${documentId} cannot be opened right now; nothing was changed.`);
  }
}

/** An editor of this process, for the change feed. */
export type Editor = Principal;

/** A document held in memory while anyone in this process has it open. */
export class LiveDocument {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new Awareness(this.doc);
  /** Sockets of this process that joined. */
  readonly connections = new Set<string>();
  /** Updates from other processes that arrived while the document was loading. */
  readonly early: Uint8Array[] = [];
  ready!: Promise<void>;
  loaded = false;
  owner!: DocumentOwner;
  unloadTimer: NodeJS.Timeout | undefined;
  logCount = 0;
  logBytes = 0;
  compacting = false;

  /**
   * The last awareness clock forwarded for each client. y-protocols applies a state only when its clock is higher
   * than the one known; the server forwards states and removals in its own name, so it owns the clocks: a client that
   * comes back with an old clock, or a removal, is still seen by everyone.
   */
  private readonly awarenessClocks = new Map<number, number>();

  constructor(readonly id: string) {
    // The server is no participant: it keeps no presence of its own.
    this.awareness.setLocalState(null);
  }

  nextAwarenessClock(clientId: number, proposed: number): number {
    const last = this.awarenessClocks.get(clientId) ?? this.awareness.meta.get(clientId)?.clock ?? -1;
    // At least 1: a receiver that never saw the client takes its clock as 0 and ignores a state with clock 0.
    const clock = Math.max(proposed, last + 1, 1);
    this.awarenessClocks.set(clientId, clock);
    return clock;
  }

  destroy(): void {
    clearTimeout(this.unloadTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** What the registry asks the transport to do once updates are durable. */
export interface DocumentBroadcaster {
  /** To every client in the room (on every process), but `except`. */
  broadcastUpdate(documentId: string, update: Uint8Array, except: readonly string[]): void;
  /** To the other server processes, so their in-memory copies follow. */
  relayUpdate(documentId: string, update: Uint8Array): void;
}

interface Queued extends PendingUpdate {
  socketId: string;
  editor: Editor;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** How long a document nobody has open stays in memory. */
export const UNLOAD_AFTER_MS = 30_000;

/**
 * One load per document however many join at once; every update stored before it is applied or broadcast; the
 * updates that arrive in one event-loop turn written in one INSERT and fanned out as one merged update; the log
 * squashed into a snapshot once it grows; a document nobody has open unloaded after a while, unless its last writes
 * failed. (Modelled on hocuspocus's Hocuspocus.ts and AFFiNE's doc storage.)
 */
@Injectable()
export class DocumentRegistry implements OnModuleDestroy {
  private readonly logger = new Logger(DocumentRegistry.name);
  private readonly documents = new Map<string, LiveDocument>();
  private queue: Queued[] = [];
  private flushing: Promise<void> | null = null;
  private flushScheduled = false;
  private broadcaster: DocumentBroadcaster | null = null;
  unloadAfterMs = UNLOAD_AFTER_MS;

  constructor(
    private readonly store: DocumentStore,
    private readonly access: DocumentAccess,
    private readonly bursts: EditBursts,
  ) {}

  useBroadcaster(broadcaster: DocumentBroadcaster): void {
    this.broadcaster = broadcaster;
  }

  get(documentId: string): LiveDocument | undefined {
    return this.documents.get(documentId);
  }

  loaded(): LiveDocument[] {
    return [...this.documents.values()].filter((document) => document.loaded);
  }

  /** Opens (loading at most once) and registers `socketId` as a connection. */
  async open(documentId: string, socketId: string): Promise<LiveDocument> {
    let document = this.documents.get(documentId);
    if (!document) {
      document = new LiveDocument(documentId);
      document.ready = this.load(document);
      this.documents.set(documentId, document);
    }
    clearTimeout(document.unloadTimer);
    document.connections.add(socketId);
    try {
      await document.ready;
    } catch (error) {
      document.connections.delete(socketId);
      throw error;
    }
    return document;
  }

  close(documentId: string, socketId: string): void {
    const document = this.documents.get(documentId);
    if (!document || !document.connections.delete(socketId) || document.connections.size > 0) return;
    clearTimeout(document.unloadTimer);
    document.unloadTimer = setTimeout(() => void this.unload(document), this.unloadAfterMs);
    document.unloadTimer.unref();
  }

  private async load(document: LiveDocument): Promise<void> {
    try {
      const [stored, owner] = await Promise.all([this.store.load(document.id), this.access.owner(document.id)]);
      if (!stored) throw new DocumentUnavailableError(document.id);
      if (stored.unavailableReason) throw new DocumentUnavailableError(document.id);
      for (const update of stored.updates) {
        if (!decodeUpdateOrNull(update)) {
          await this.store.markUnavailable(document.id, 'a stored update cannot be decoded');
          this.logger.error(`Document ${document.id} holds an update that cannot be decoded; it is now unavailable.`);
          throw new DocumentUnavailableError(document.id);
        }
        Y.applyUpdate(document.doc, update, 'store');
      }
      for (const update of document.early.splice(0)) Y.applyUpdate(document.doc, update, 'remote');
      document.owner = owner;
      document.logCount = stored.logCount;
      document.logBytes = stored.logBytes;
      document.loaded = true;
      try {
        this.bursts.opened(document.id, renderDocument(document.doc));
      } catch (error) {
        // The text is for search and digests; a document that cannot be rendered can still be edited.
        this.logger.error(`Rendering document ${document.id} failed: ${String(error)}`);
      }
    } catch (error) {
      // Never keep (or later write back) a document that did not load: the next join loads it afresh.
      this.documents.delete(document.id);
      document.destroy();
      if (error instanceof DomainError) throw error;
      this.logger.error(`Loading document ${document.id} failed: ${String(error)}`);
      throw new DocumentUnavailableError(document.id);
    }
  }

  /** Queues a checked update; resolves once it is stored, applied and broadcast. */
  submit(documentId: string, update: Uint8Array, socketId: string, editor: Editor): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ documentId, update, userId: editor.userId, socketId, editor, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** An update another process stored and broadcast: follow it in memory, store nothing. */
  applyRemote(documentId: string, update: Uint8Array): void {
    const document = this.documents.get(documentId);
    if (!document || !decodeUpdateOrNull(update)) return;
    if (!document.loaded) document.early.push(update);
    else Y.applyUpdate(document.doc, update, 'remote');
  }

  /** Writes everything queued in one round trip; a write in flight makes the next batch wait and grow. */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    if (this.flushing) {
      await this.flushing;
      if (this.flushScheduled || this.queue.length === 0) return;
    }
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.flushing = this.write(batch).finally(() => {
      this.flushing = null;
    });
    await this.flushing;
    if (this.queue.length > 0 && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  private async write(batch: Queued[]): Promise<void> {
    try {
      await this.store.append(batch);
    } catch (error) {
      this.logger.error(`Storing ${batch.length} update(s) failed: ${String(error)}`);
      for (const queued of batch) queued.reject(new DocumentUnavailableError(queued.documentId));
      return;
    }
    const byDocument = new Map<string, Queued[]>();
    for (const queued of batch) {
      const list = byDocument.get(queued.documentId) ?? [];
      list.push(queued);
      byDocument.set(queued.documentId, list);
    }
    for (const [documentId, queued] of byDocument) {
      const document = this.documents.get(documentId);
      const updates = queued.map((q) => q.update);
      let merged: Uint8Array | null;
      if (document?.loaded) {
        merged = applyTogether(document.doc, updates);
        document.logCount += updates.length;
        document.logBytes += updates.reduce((sum, u) => sum + u.byteLength, 0);
        for (const q of queued) this.bursts.edited(documentId, q.editor, document);
        this.maybeCompact(document);
      } else {
        merged = asOneUpdate(updates);
      }
      // Nothing the document did not have already (a client re-sending after a reconnect): nothing to tell anyone.
      if (!merged) continue;
      const senders = [...new Set(queued.map((q) => q.socketId))];
      // One sender: everyone else. Several: everyone, since each sender lacks the others' edits (and a
      // client applying its own update again is a no-op).
      this.broadcaster?.broadcastUpdate(documentId, merged, senders.length === 1 ? senders : []);
      this.broadcaster?.relayUpdate(documentId, merged);
    }
    for (const queued of batch) queued.resolve();
  }

  private maybeCompact(document: LiveDocument): void {
    if (document.compacting || (document.logCount < COMPACT_AFTER_UPDATES && document.logBytes < COMPACT_AFTER_BYTES)) return;
    document.compacting = true;
    this.store
      .compact(document.id)
      .then((done) => {
        if (done) {
          document.logCount = 0;
          document.logBytes = 0;
        }
      })
      .catch((error: unknown) => this.logger.error(`Compacting document ${document.id} failed: ${String(error)}`))
      .finally(() => {
        document.compacting = false;
      });
  }

  private async unload(document: LiveDocument): Promise<void> {
    if (document.connections.size > 0 || this.documents.get(document.id) !== document) return;
    await this.bursts.settle(document.id, document).catch((error: unknown) => this.logger.error(String(error)));
    if (document.connections.size > 0 || this.queue.some((q) => q.documentId === document.id) || this.flushing) {
      document.unloadTimer = setTimeout(() => void this.unload(document), this.unloadAfterMs);
      document.unloadTimer.unref();
      return;
    }
    this.documents.delete(document.id);
    this.bursts.forget(document.id);
    document.destroy();
  }

  async onModuleDestroy(): Promise<void> {
    while (this.flushing || this.queue.length > 0) await (this.flushing ?? this.flush());
    for (const document of this.documents.values()) {
      if (document.loaded) await this.bursts.settle(document.id, document).catch(() => undefined);
      document.destroy();
    }
    this.documents.clear();
  }
}

/** The origin of a batch applied by applyTogether. */
const APPLIED_BATCH = Symbol('applied batch');

/**
 * Applies a batch in one transaction and answers what to broadcast: the one update that transaction made (what the
 * document lacked of the batch; null when nothing), which is cheaper than merging the batch again, as y-websocket's
 * server relays its document's update events.
 */
function applyTogether(doc: Y.Doc, updates: Uint8Array[]): Uint8Array | null {
  let made: Uint8Array | null = null;
  const capture = (update: Uint8Array, origin: unknown) => {
    if (origin === APPLIED_BATCH) made = update;
  };
  doc.on('update', capture);
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update, APPLIED_BATCH);
    }, APPLIED_BATCH);
  } finally {
    doc.off('update', capture);
  }
  // Part of the batch waits for something this process has not seen yet (an edit another process stored, still on
  // its way here): the transaction's update leaves that part out, so relay the batch as it came.
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return asOneUpdate(updates);
  return made;
}

/** A batch as it came, as one update. */
function asOneUpdate(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
}
