import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { DocumentOwner } from '../documents/document-access';
import type { StoredDocument } from '../documents/document-store';
import { type RenderedDocument, renderDocument } from '../documents/document-text';
import { COMPACT_AFTER_BYTES, COMPACT_AFTER_UPDATES } from '../documents/document-store';
import { type AwarenessEntry, encodeAwarenessUpdate } from './awareness-codec';
import type { PresenceUser } from './protocol';

/** The origin of a batch applied by applyEdits. */
const APPLIED_BATCH = Symbol('applied batch');

/**
 * A document held in memory while anyone in this process has it open: its Y.Doc and awareness, the sockets of this
 * process that joined it, what it takes in storage, and the writes of it not yet stored. Everything changes through
 * its methods; the registry decides when, the gateway speaks the protocol with what they answer.
 */
export class LiveDocument {
  private readonly doc = new Y.Doc({ gc: true });
  private readonly awareness = new Awareness(this.doc);
  private readonly connections = new Set<string>();
  /** Updates from other processes that arrived while the document was loading. */
  private readonly early: Uint8Array[] = [];
  private owned: DocumentOwner | undefined;
  private logCount = 0;
  private logBytes = 0;
  /** The stored snapshot's bytes, as of the load or this process's last compaction. */
  private snapshotBytes = 0;
  /** Updates other processes stored since then (as relayed here: about the bytes they store). */
  private remoteBytes = 0;
  /** Updates of this process applied and not yet stored, and their bytes: the document is not unloaded with them. */
  private pendingWrites = 0;
  private pendingBytes = 0;
  private compacting = false;
  /**
   * The last awareness clock forwarded for each client. y-protocols applies a state only when its clock is higher
   * than the one known; the server forwards states and removals in its own name, so it owns the clocks: a client that
   * comes back with an old clock, or a removal, is still seen by everyone.
   */
  private readonly awarenessClocks = new Map<number, number>();
  private unloadTimer: NodeJS.Timeout | undefined;

  constructor(readonly id: string) {
    // The server is no participant: it keeps no presence of its own.
    this.awareness.setLocalState(null);
  }

  get loaded(): boolean {
    return this.owned !== undefined;
  }

  get owner(): DocumentOwner {
    if (!this.owned) throw new Error(`Document ${this.id} is not loaded.`);
    return this.owned;
  }

  /** Who owns the document, asked again when a change may have moved its access (AccessWatcher). */
  ownerChanged(owner: DocumentOwner): void {
    this.owned = owner;
  }

  /** Fills the document from storage (and whatever other processes relayed meanwhile); it is loaded from then on. */
  load(stored: StoredDocument, owner: DocumentOwner): void {
    for (const update of stored.updates) Y.applyUpdate(this.doc, update, 'store');
    for (const update of this.early.splice(0)) Y.applyUpdate(this.doc, update, 'remote');
    this.logCount = stored.logCount;
    this.logBytes = stored.logBytes;
    this.snapshotBytes = stored.snapshotBytes;
    this.owned = owner;
  }

  // --- connections -------------------------------------------------------------------------------------------------

  connect(socketId: string): void {
    clearTimeout(this.unloadTimer);
    this.connections.add(socketId);
  }

  /** Calls `unload` after `ms` unless a connection comes first (or this is asked again, which starts the wait afresh). */
  unloadAfter(ms: number, unload: () => void): void {
    clearTimeout(this.unloadTimer);
    this.unloadTimer = setTimeout(unload, ms);
    this.unloadTimer.unref();
  }

  /** True when that was the last connection of this process. */
  disconnect(socketId: string): boolean {
    return this.connections.delete(socketId) && this.connections.size === 0;
  }

  isConnected(socketId: string): boolean {
    return this.connections.has(socketId);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  // --- text --------------------------------------------------------------------------------------------------------

  /**
   * Applies a batch of checked updates in one transaction, and answers what to relay: the one update that transaction
   * made (what the document lacked of the batch; null when nothing), which is cheaper than merging the batch again,
   * as y-websocket's server relays its document's update events.
   */
  applyEdits(updates: readonly Uint8Array[]): Uint8Array | null {
    let made: Uint8Array | null = null;
    const capture = (update: Uint8Array, origin: unknown) => {
      if (origin === APPLIED_BATCH) made = update;
    };
    this.doc.on('update', capture);
    try {
      this.doc.transact(() => {
        for (const update of updates) Y.applyUpdate(this.doc, update, APPLIED_BATCH);
      }, APPLIED_BATCH);
    } finally {
      this.doc.off('update', capture);
    }
    // Part of the batch waits for something this process has not seen yet (an edit another process relayed, still on
    // its way here): the transaction's update leaves that part out, so relay the batch as it came.
    if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) return asOneUpdate(updates);
    return made;
  }

  /** An update another process applied and relayed: followed in memory, stored there. */
  applyRemote(update: Uint8Array): void {
    if (!this.loaded) return void this.early.push(update);
    Y.applyUpdate(this.doc, update, 'remote');
    this.remoteBytes += update.byteLength;
  }

  /** Sync step 1: this document's state vector, asking the peer for what it lacks. */
  syncStep1(): Uint8Array {
    const encoder = encoding.createEncoder();
    syncProtocol.writeSyncStep1(encoder, this.doc);
    return encoding.toUint8Array(encoder);
  }

  /** Sync step 2: what the peer with this (encoded) state vector lacks. */
  syncStep2(theirStateVector: Uint8Array): Uint8Array {
    const encoder = encoding.createEncoder();
    syncProtocol.writeSyncStep2(encoder, this.doc, theirStateVector);
    return encoding.toUint8Array(encoder);
  }

  /** For compaction (CompactionSource): the log's rows taken in, and the whole state as one update. */
  absorb(rows: readonly Uint8Array[]): Uint8Array {
    this.doc.transact(() => {
      for (const row of rows) Y.applyUpdate(this.doc, row, 'store');
    }, 'store');
    return Y.encodeStateAsUpdate(this.doc);
  }

  render(): RenderedDocument {
    return renderDocument(this.doc);
  }

  /** The TipTap content as JSON, for tests and diagnostics. */
  contentJSON(): string {
    return this.doc.getXmlFragment('default').toJSON();
  }

  // --- storage -----------------------------------------------------------------------------------------------------

  /** What the document takes in storage (snapshot and log), as far as this process knows, with what is pending. */
  get storedBytes(): number {
    return this.snapshotBytes + this.logBytes + this.remoteBytes + this.pendingBytes;
  }

  writesPending(count: number, bytes: number): void {
    this.pendingWrites += count;
    this.pendingBytes += bytes;
  }

  /** Writes of this process stored: they now count in the log. */
  writesStored(count: number, bytes: number): void {
    this.pendingWrites -= count;
    this.pendingBytes -= bytes;
    this.logCount += count;
    this.logBytes += bytes;
  }

  get hasPendingWrites(): boolean {
    return this.pendingWrites > 0;
  }

  /** Whether the log has grown enough to squash, and no compaction of this process is under way. */
  startCompaction(): boolean {
    if (this.compacting || (this.logCount < COMPACT_AFTER_UPDATES && this.logBytes < COMPACT_AFTER_BYTES)) return false;
    this.compacting = true;
    return true;
  }

  /** The compaction ended: with the new snapshot's size when it squashed the log (other processes' updates included). */
  compactionEnded(snapshotBytes: number | null): void {
    this.compacting = false;
    if (snapshotBytes === null) return;
    this.snapshotBytes = snapshotBytes;
    this.logCount = 0;
    this.logBytes = 0;
    this.remoteBytes = 0;
  }

  // --- awareness ---------------------------------------------------------------------------------------------------

  /** Stamps states with the server's clocks (see awarenessClocks) and applies them; `origin` is the sender. */
  applyAwareness(entries: AwarenessEntry[], origin: unknown): Uint8Array {
    for (const entry of entries) entry.clock = this.nextAwarenessClock(entry.clientId, entry.clock);
    const update = encodeAwarenessUpdate(entries);
    applyAwarenessUpdate(this.awareness, update, origin);
    return update;
  }

  /** States relayed by another process, applied as they are (that process stamped them). */
  applyRelayedAwareness(update: Uint8Array): void {
    applyAwarenessUpdate(this.awareness, update, 'remote');
  }

  /** Removes clients that left; answers the message that tells the others (a null state with the next clock). */
  removeAwareness(clientIds: number[], origin: unknown): Uint8Array {
    const removal = encodeAwarenessUpdate(clientIds.map((clientId) => ({ clientId, clock: this.nextAwarenessClock(clientId, 0), state: null })));
    removeAwarenessStates(this.awareness, clientIds, origin);
    return removal;
  }

  hasAwarenessState(clientId: number): boolean {
    return this.awareness.getStates().has(clientId);
  }

  awarenessClientIds(): number[] {
    return [...this.awareness.getStates().keys()];
  }

  /** The current states of these clients, as one awareness update (for a joiner, or another process). */
  awarenessUpdateOf(clientIds: number[]): Uint8Array {
    const states = this.awareness.getStates();
    return encodeAwarenessUpdate(
      clientIds.map((clientId) => ({ clientId, clock: this.awareness.meta.get(clientId)?.clock ?? 0, state: states.get(clientId) ?? null })),
    );
  }

  /** Who is in the document (every process's clients, through the relayed awareness), once per user. */
  presence(): PresenceUser[] {
    const seen = new Map<string, PresenceUser>();
    for (const state of this.awareness.getStates().values()) {
      const user = (state as { user?: PresenceUser }).user;
      if (user?.userId) seen.set(user.userId, user);
    }
    return [...seen.values()];
  }

  private nextAwarenessClock(clientId: number, proposed: number): number {
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

/** A batch as it came, as one update. */
function asOneUpdate(updates: readonly Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0] : Y.mergeUpdates([...updates]);
}
