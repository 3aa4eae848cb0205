import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { fromBase64, toBase64 } from 'lib0/buffer';
import type { Socket } from 'socket.io-client';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import type { Access, ClientToServerEvents, CollabError, JoinAck, Refusal, ServerToClientEvents } from '../protocol';

export type CollabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How often, at most, this client sends its own awareness (onAwarenessUpdate). */
export const AWARENESS_INTERVAL_MS = 50;

export type ProviderStatus = 'connecting' | 'joining' | 'synced' | 'offline' | 'refused';

/** How long a message refused as one too many (`rate_limited`) waits before it is sent again: the limit's window. */
const RESEND_AFTER_MS = 1_000;

/**
 * A Yjs provider over Concert's socket.io protocol (docs/collaboration-protocol.md), for the browser client and
 * the tests alike: joins the document on every (re)connect, syncs both ways (so edits made offline are sent on
 * reconnect), sends each local update with an ack that says it is durable, and carries awareness.
 */
export class CollabProvider {
  readonly awareness: awarenessProtocol.Awareness;
  status: ProviderStatus = 'connecting';
  access: Access | null = null;
  /** Why the user only views, when the server said so: in English, and as a reason code with its parameters. */
  readOnlyReason: string | undefined;
  readOnlyRefusal: Refusal | undefined;
  /** Local updates sent on this connection and not yet acknowledged as stored. */
  pending = 0;
  /**
   * Local edits the server may not have stored: typed while offline or joining, or sent on a connection that ended
   * before their ack. They go again in the sync step 2 that answers the server's step 1 at the next join; that
   * message's ack clears this.
   */
  private carriedOver = false;
  lastError: CollabError | null = null;
  private readonly listeners = new Set<() => void>();
  /** Counts connections: an ack from an earlier one is not counted (socket.io drops those acks silently). */
  private epoch = 0;
  /** Whether this connection's join was acknowledged: from then on local edits are sent as they happen. */
  private joined = false;
  /** The server's state vector from its sync step 1, answered once the join says we may edit. */
  private serverStateVector: Uint8Array | null = null;
  /** Messages the server refused as too many at once (`rate_limited`), each waiting to be sent again. */
  private readonly resends = new Set<ReturnType<typeof setTimeout>>();
  /** The next send of this client's awareness, when a change of it waits (`onAwarenessUpdate`). */
  private awarenessSend: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly socket: CollabSocket,
    readonly documentId: string,
    readonly doc: Y.Doc,
    awareness?: awarenessProtocol.Awareness,
  ) {
    this.awareness = awareness ?? new awarenessProtocol.Awareness(doc);
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    socket.on('connect', this.onConnect);
    socket.on('disconnect', this.onDisconnect);
    socket.on('sync', this.onSync);
    socket.on('awareness', this.onAwareness);
    socket.on('error', this.onError);
    socket.on('access', this.onAccess);
    if (socket.connected) this.onConnect();
  }

  /** Whether every local edit is stored on the server: what "Saved" may say. */
  get saved(): boolean {
    return this.pending === 0 && this.resends.size === 0 && !this.carriedOver;
  }

  /** Called on every status change. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'destroy');
    this.socket.off('connect', this.onConnect);
    this.socket.off('disconnect', this.onDisconnect);
    this.socket.off('sync', this.onSync);
    this.socket.off('awareness', this.onAwareness);
    this.socket.off('error', this.onError);
    this.socket.off('access', this.onAccess);
    this.dropResends();
    this.dropAwarenessSend();
    if (this.socket.connected) this.socket.emit('leave', this.documentId);
    this.awareness.destroy();
    this.listeners.clear();
  }

  private setStatus(status: ProviderStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener();
  }

  private readonly onConnect = () => {
    const epoch = ++this.epoch;
    this.joined = false;
    this.serverStateVector = null;
    this.setStatus('joining');
    this.socket.emit('join', this.documentId, (ack: JoinAck) => {
      if (epoch !== this.epoch) return;
      if (!ack.ok) {
        this.lastError = ack.error;
        this.setStatus('refused');
        return;
      }
      this.access = ack.access;
      this.readOnlyReason = ack.reason;
      this.readOnlyRefusal = ack.details;
      this.joined = true;
      // The server's step 1 came before this ack, when we did not know yet whether we may edit: answer it now,
      // with everything it lacks, edits typed while joining and while offline included.
      if (this.access === 'edit' && this.serverStateVector) {
        const reply = encoding.createEncoder();
        syncProtocol.writeSyncStep2(reply, this.doc, this.serverStateVector);
        this.send(encoding.toUint8Array(reply), () => (this.carriedOver = false));
      }
      const encoder = encoding.createEncoder();
      syncProtocol.writeSyncStep1(encoder, this.doc);
      this.send(encoding.toUint8Array(encoder));
      if (this.awareness.getLocalState() !== null) {
        this.socket.emit('awareness', this.documentId, toBase64(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])));
      }
    });
  };

  private readonly onDisconnect = () => {
    this.epoch++;
    this.joined = false;
    // Acks of this connection will never come; what they covered is sent again by the sync on reconnect, and is not
    // saved until that sync's ack.
    if (this.pending > 0 || this.resends.size > 0) this.carriedOver = true;
    this.pending = 0;
    this.dropResends();
    // The join sends the state as it then is.
    this.dropAwarenessSend();
    this.setStatus('offline');
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, this);
    // Forget their clocks too, so that the states the server sends on the next join are taken whatever their clock.
    for (const id of others) this.awareness.meta.delete(id);
  };

  private readonly onSync = (documentId: string, payload: string) => {
    if (documentId !== this.documentId) return;
    const bytes = fromBase64(payload);
    const peek = decoding.createDecoder(bytes);
    if (!this.joined && decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) {
      // Before the join ack: keep the server's state vector, answered once we know we may edit.
      this.serverStateVector = decoding.readVarUint8Array(peek);
      return;
    }
    const decoder = decoding.createDecoder(bytes);
    const encoder = encoding.createEncoder();
    const kind = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
    // The server's step 1 asks for what we have that it lacks: edits made while offline, say.
    if (encoding.length(encoder) > 0 && this.access === 'edit') this.send(encoding.toUint8Array(encoder));
    if (kind === syncProtocol.messageYjsSyncStep2 && this.status !== 'synced') this.setStatus('synced');
  };

  private readonly onAwareness = (documentId: string, payload: string) => {
    if (documentId === this.documentId) awarenessProtocol.applyAwarenessUpdate(this.awareness, fromBase64(payload), this);
  };

  private readonly onError = (documentId: string | null, error: CollabError) => {
    if (documentId !== null && documentId !== this.documentId) return;
    this.lastError = error;
    if (error.code === 'access_revoked' && this.socket.connected) this.onConnect();
    for (const listener of this.listeners) listener();
  };

  private readonly onAccess = (documentId: string, access: Access | null) => {
    if (documentId !== this.documentId) return;
    if (access === null) return;
    this.access = access;
    for (const listener of this.listeners) listener();
  };

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    // Before the join ack (and while offline) edits stay in the doc: the step 2 answered at the ack carries them.
    if (origin === this) return;
    if (!this.socket.connected || !this.joined) {
      this.carriedOver = true;
      return;
    }
    if (this.access !== 'edit') return;
    const encoder = encoding.createEncoder();
    syncProtocol.writeUpdate(encoder, update);
    this.send(encoding.toUint8Array(encoder));
  };

  /**
   * This client's awareness (its caret moves at every keystroke) goes at most once per AWARENESS_INTERVAL_MS, as it is
   * when it goes: while typing, half the messages, well within the server's rate, and the last position always sent.
   * Sent at each change, a fast typist's carets and edits passed the rate together and the refused carets were lost:
   * the others saw the caret stuck mid-word.
   */
  private readonly onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin === this || !this.socket.connected) return;
    if (![...added, ...updated, ...removed].includes(this.doc.clientID)) return;
    this.awarenessSend ??= setTimeout(() => {
      this.awarenessSend = null;
      if (this.socket.connected) this.socket.emit('awareness', this.documentId, toBase64(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])));
    }, AWARENESS_INTERVAL_MS);
  };

  private dropAwarenessSend(): void {
    if (this.awarenessSend) clearTimeout(this.awarenessSend);
    this.awarenessSend = null;
  }

  private send(message: Uint8Array, onStored?: () => void): void {
    const epoch = this.epoch;
    this.pending++;
    this.socket.emit('sync', this.documentId, toBase64(message), (ack) => {
      if (epoch !== this.epoch) return;
      this.pending--;
      if (ack.ok) onStored?.();
      else {
        this.lastError = ack.error;
        // Not stored. Told to slow down (fast typing, a paste of many steps): sent again a moment later, unsaved
        // meanwhile. Refused for good (read only, too large, a full document): kept here, and never called saved.
        if (ack.error.code === 'rate_limited') this.sendLater(message, onStored);
        else this.carriedOver = true;
      }
      for (const listener of this.listeners) listener();
    });
  }

  private dropResends(): void {
    for (const timer of this.resends) clearTimeout(timer);
    this.resends.clear();
  }

  private sendLater(message: Uint8Array, onStored?: () => void): void {
    const timer = setTimeout(() => {
      this.resends.delete(timer);
      this.send(message, onStored);
    }, RESEND_AFTER_MS);
    this.resends.add(timer);
  }
}
