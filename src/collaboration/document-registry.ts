import { HttpStatus, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DomainError, NotFoundError } from '../common/errors';
import type { Principal } from '../common/principal';
import { AppConfig } from '../config/app-config';
import { DocumentAccess } from '../documents/document-access';
import { DocumentStore } from '../documents/document-store';
import { DocumentUnavailableError } from '../documents/documents.errors';
import { EditBursts } from '../documents/edit-bursts';
import { decodeUpdateOrNull } from '../documents/yjs-checks';
import { DurableWrites } from './durable-writes';
import { LiveDocument } from './live-document';

export { DocumentUnavailableError } from '../documents/documents.errors';

export class DocumentFullError extends DomainError {
  readonly status = HttpStatus.PAYLOAD_TOO_LARGE;
  constructor(documentId: string, maxBytes: number) {
    super('document_full', `Document ${documentId} has reached its size limit (${maxBytes} bytes); the update was not stored.`);
  }
}

/** What the registry asks the transport to do with the edits it applied. */
export interface DocumentBroadcaster {
  /** To every client in the room (on every process), but `except`. */
  broadcastUpdate(documentId: string, update: Uint8Array, except: readonly string[]): void;
  /** To the other server processes, so their in-memory copies follow. */
  relayUpdate(documentId: string, update: Uint8Array): void;
}

interface Incoming {
  update: Uint8Array;
  socketId: string;
  editor: Principal;
  stored: () => void;
}

/** How long a stopping process waits for its pending writes. */
const SHUTDOWN_WAIT_MS = 10_000;

/** How long a document nobody has open stays in memory. */
export const UNLOAD_AFTER_MS = 30_000;

/**
 * The documents this process holds open. One load per document however many join at once. Relay first, acknowledge
 * when stored: the checked updates of one event-loop turn are applied to the document together and relayed to its
 * room at once (peers never wait for the disk), then handed to DurableWrites, and each sender's submit() resolves only
 * when its update's INSERT has committed. A document is never unloaded while writes of it are pending. The log is
 * squashed into a snapshot once it grows. (Modelled on hocuspocus's Hocuspocus.ts and AFFiNE's doc storage.)
 */
@Injectable()
export class DocumentRegistry implements OnModuleDestroy {
  private readonly logger = new Logger(DocumentRegistry.name);
  private readonly documents = new Map<string, LiveDocument>();
  private readonly loading = new Map<string, Promise<LiveDocument>>();
  private incoming = new Map<LiveDocument, Incoming[]>();
  private applyScheduled = false;
  private broadcaster: DocumentBroadcaster | null = null;
  unloadAfterMs = UNLOAD_AFTER_MS;

  constructor(
    private readonly store: DocumentStore,
    private readonly access: DocumentAccess,
    private readonly bursts: EditBursts,
    private readonly writes: DurableWrites,
    private readonly config: AppConfig,
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

  /**
   * Opens (loading at most once) and registers `socketId` as a connection. Its owner is as of this call: the load
   * asks once it has read the log; a joiner of a document already open asks again, since a change it has just made
   * (a report submitted, then reopened) may not have reached the AccessWatcher yet.
   */
  async open(documentId: string, socketId: string): Promise<LiveDocument> {
    let document = this.documents.get(documentId);
    const loadsIt = !document;
    if (!document) {
      document = new LiveDocument(documentId);
      this.documents.set(documentId, document);
      this.loading.set(documentId, this.load(document));
    }
    document.connect(socketId);
    try {
      await this.loading.get(documentId);
    } catch (error) {
      document.disconnect(socketId);
      throw error;
    }
    if (!loadsIt) {
      try {
        document.ownerChanged(await this.access.owner(documentId));
      } catch (error) {
        this.close(documentId, socketId);
        throw error;
      }
    }
    return document;
  }

  close(documentId: string, socketId: string): void {
    const document = this.documents.get(documentId);
    if (!document?.disconnect(socketId)) return;
    document.unloadAfter(this.unloadAfterMs, () => void this.unload(document));
  }

  private async load(document: LiveDocument): Promise<LiveDocument> {
    try {
      const stored = await this.store.load(document.id);
      if (!stored) throw new NotFoundError('document', document.id);
      if (stored.unavailableReason) throw new DocumentUnavailableError(document.id);
      if (stored.updates.some((update) => !decodeUpdateOrNull(update))) {
        await this.store.markUnavailable(document.id, 'a stored update cannot be decoded');
        this.logger.error(`Document ${document.id} holds an update that cannot be decoded; it is now unavailable.`);
        throw new DocumentUnavailableError(document.id);
      }
      // Asked once the log is read, with nothing awaited after it: a change committed while the document loaded (a
      // report submitted) is in the answer; a later one reaches the loaded document through the AccessWatcher.
      const owner = await this.access.owner(document.id);
      document.load(stored, owner);
      try {
        this.bursts.opened(document.id, document.render());
      } catch (error) {
        // The text is for search and digests; a document that cannot be rendered can still be edited.
        this.logger.error(`Rendering document ${document.id} failed: ${String(error)}`);
      }
      return document;
    } catch (error) {
      // Never keep (or later write back) a document that did not load: the next join loads it afresh.
      this.documents.delete(document.id);
      document.destroy();
      if (error instanceof DomainError) throw error;
      this.logger.error(`Loading document ${document.id} failed: ${String(error)}`);
      throw new DocumentUnavailableError(document.id);
    } finally {
      this.loading.delete(document.id);
    }
  }

  /**
   * A checked update of an editor of a loaded document: applied and relayed within this event-loop turn, stored in
   * the next INSERT; resolves once stored. Refused (DocumentFullError) when it would take the document past
   * DOCUMENT_MAX_BYTES in storage: a document does not grow without end.
   */
  submit(document: LiveDocument, update: Uint8Array, socketId: string, editor: Principal): Promise<void> {
    if (document.storedBytes + update.byteLength > this.config.documentMaxBytes) {
      return Promise.reject(new DocumentFullError(document.id, this.config.documentMaxBytes));
    }
    document.writesPending(1, update.byteLength);
    return new Promise((resolve) => {
      const edits = this.incoming.get(document) ?? [];
      edits.push({ update, socketId, editor, stored: resolve });
      this.incoming.set(document, edits);
      if (!this.applyScheduled) {
        this.applyScheduled = true;
        setImmediate(() => this.applyIncoming());
      }
    });
  }

  /** An update another process applied and relayed: follow it in memory; that process stores it. */
  applyRemote(documentId: string, update: Uint8Array): void {
    const document = this.documents.get(documentId);
    if (document && decodeUpdateOrNull(update)) document.applyRemote(update);
  }

  /** This turn's edits: applied per document in one transaction, relayed at once, then handed to the log's writer. */
  private applyIncoming(): void {
    this.applyScheduled = false;
    const incoming = this.incoming;
    this.incoming = new Map();
    for (const [document, edits] of incoming) {
      const relayed = document.applyEdits(edits.map((edit) => edit.update));
      // Nothing the document did not have already (a client re-sending after a reconnect): nothing to tell anyone.
      if (relayed) {
        const senders = [...new Set(edits.map((edit) => edit.socketId))];
        // One sender: everyone else. Several: everyone, since each sender lacks the others' edits (and a client
        // applying its own update again is a no-op).
        this.broadcaster?.broadcastUpdate(document.id, relayed, senders.length === 1 ? senders : []);
        this.broadcaster?.relayUpdate(document.id, relayed);
      }
      for (const edit of edits) this.bursts.edited(document.id, edit.editor, document);
      const bytes = edits.reduce((sum, edit) => sum + edit.update.byteLength, 0);
      let left = edits.length;
      this.writes.write(
        edits.map((edit) => ({
          documentId: document.id,
          update: edit.update,
          userId: edit.editor.userId,
          stored: () => {
            edit.stored();
            if (--left === 0) this.stored(document, edits.length, bytes);
          },
        })),
      );
    }
  }

  private stored(document: LiveDocument, count: number, bytes: number): void {
    document.writesStored(count, bytes);
    if (!document.startCompaction()) return;
    this.store
      .compact(document.id, document)
      .then(
        (snapshotBytes) => document.compactionEnded(snapshotBytes),
        (error: unknown) => {
          document.compactionEnded(null);
          this.logger.error(`Compacting document ${document.id} failed: ${String(error)}`);
        },
      );
  }

  private async unload(document: LiveDocument): Promise<void> {
    if (document.connectionCount > 0 || this.documents.get(document.id) !== document) return;
    await this.bursts.settle(document.id, document).catch((error: unknown) => this.logger.error(String(error)));
    if (document.connectionCount > 0 || document.hasPendingWrites || this.incoming.has(document)) {
      // Still in use, or writes of it not stored yet (failing, say): kept, and tried again later.
      document.unloadAfter(this.unloadAfterMs, () => void this.unload(document));
      return;
    }
    this.documents.delete(document.id);
    this.bursts.forget(document.id);
    document.destroy();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.applyScheduled) this.applyIncoming();
    // What was acknowledged is stored; what is still pending gets a bounded wait (a database that is down is not
    // waited for forever: those senders had no ack, and send again when they reconnect).
    await Promise.race([this.writes.drained(), new Promise((resolve) => setTimeout(resolve, SHUTDOWN_WAIT_MS).unref())]);
    this.writes.stop();
    for (const document of this.documents.values()) {
      if (document.loaded) await this.bursts.settle(document.id, document).catch(() => undefined);
      document.destroy();
    }
    this.documents.clear();
  }
}
