import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AwarenessClaims } from './awareness-claims';
import { type AwarenessEntry, decodeAwarenessUpdate, encodeAwarenessUpdate } from './awareness-codec';
import { type CollabNamespace, type CollabSocket, fromBase64, type Membership, toBase64 } from './collab-socket';
import { CrossProcessRelay, type RelayedAwareness } from './cross-process-relay';
import { DocumentRegistry } from './document-registry';
import type { LiveDocument } from './live-document';
import { documentRoom, type PresenceUser, presenceColor } from './protocol';

/**
 * Presence in live documents: which socket speaks for which awareness client (AwarenessClaims), who each one is (the
 * server's record, whatever the client says), and the forwarding. States are forwarded once per event-loop turn per
 * document (the latest per client), so that N editors moving their carets cost about N packets per turn, not N × N.
 */
@Injectable()
export class AwarenessBroadcaster implements OnModuleDestroy {
  private readonly claims = new AwarenessClaims();
  /** Stamped states not yet forwarded, per document and client id, with the socket that sent each. */
  private readonly outbox = new Map<string, Map<number, { entry: AwarenessEntry; from: string }>>();
  private flushScheduled: NodeJS.Immediate | null = null;
  private server: CollabNamespace | undefined;

  constructor(
    private readonly registry: DocumentRegistry,
    private readonly relay: CrossProcessRelay,
  ) {}

  use(server: CollabNamespace): void {
    this.server = server;
  }

  /**
   * A socket's awareness update: its client ids claimed (or a CollabFailure, applying nothing), each state stamped
   * with who the user is and the server's clock, applied, and queued for forwarding.
   */
  received(document: LiveDocument, socket: CollabSocket, membership: Membership, entries: AwarenessEntry[]): void {
    this.claims.claim(document.id, socket.id, membership.clientIds, entries.map((entry) => entry.clientId), (clientId) => document.hasAwarenessState(clientId));
    const { userId, displayName, agencyCode } = socket.data.user;
    const presence: PresenceUser = { userId, name: displayName, agency: agencyCode, color: presenceColor(userId) };
    for (const entry of entries) if (entry.state) entry.state.user = presence;
    document.applyAwareness(entries, socket.id);
    let pending = this.outbox.get(document.id);
    if (!pending) {
      pending = new Map();
      this.outbox.set(document.id, pending);
    }
    for (const entry of entries) pending.set(entry.clientId, { entry, from: socket.id });
    this.flushScheduled ??= setImmediate(() => {
      this.flushScheduled = null;
      for (const documentId of [...this.outbox.keys()]) this.flush(documentId);
    });
  }

  /** Everyone present, as one message for a socket that just joined (null when nobody is). */
  presentFor(document: LiveDocument): string | null {
    const clientIds = document.awarenessClientIds();
    return clientIds.length > 0 ? toBase64(document.awarenessUpdateOf(clientIds)) : null;
  }

  /** A socket left the document: what it said last goes out first, then its removal, to everyone. */
  left(document: LiveDocument, socketId: string, membership: Membership): void {
    if (membership.clientIds.size > 0) {
      this.flush(document.id);
      const clientIds = [...membership.clientIds];
      const removal = toBase64(document.removeAwareness(clientIds, socketId));
      this.server?.to(documentRoom(document.id)).emit('awareness', document.id, removal);
      this.relay.awareness(document.id, removal, clientIds.map(() => socketId));
    }
    this.claims.release(document.id, socketId, membership.clientIds);
  }

  /** A document opened here while other processes have it open: their users' presence at once. */
  async fetchFromOthers(document: LiveDocument): Promise<void> {
    for (const answer of await this.relay.whoIsThere(document.id)) this.applyRelayed(document.id, answer);
  }

  /** This process's sockets' states in the document, for another process that asks. */
  heldHere(documentId: string): RelayedAwareness | null {
    const document = this.registry.get(documentId);
    if (!document?.loaded) return null;
    const held = this.claims.heldHere(documentId).filter(([clientId]) => document.hasAwarenessState(clientId));
    if (held.length === 0) return null;
    return { payload: toBase64(document.awarenessUpdateOf(held.map(([clientId]) => clientId))), owners: held.map(([, socketId]) => socketId) };
  }

  /** Another process's sockets' awareness, applied here as far as the claims allow. */
  applyRelayed(documentId: string, { payload, owners }: Partial<RelayedAwareness>): void {
    const document = this.registry.get(documentId);
    if (!document?.loaded || typeof payload !== 'string') return;
    const entries = decodeAwarenessUpdate(fromBase64(payload));
    const admitted = entries ? this.claims.admitRelayed(documentId, entries, owners) : [];
    if (admitted.length > 0) document.applyRelayedAwareness(encodeAwarenessUpdate(admitted));
  }

  /**
   * One message with every pending state of the document to everyone who sent none of them (other processes'
   * sockets included, through the adapter), and to each sender the same without their own states: their copy is
   * newer than the server's, which must not overwrite it.
   */
  private flush(documentId: string): void {
    const pending = this.outbox.get(documentId);
    if (!pending || !this.server) return;
    this.outbox.delete(documentId);
    const entries = [...pending.values()];
    const senders = new Set(entries.map((e) => e.from));
    const all = toBase64(encodeAwarenessUpdate(entries.map((e) => e.entry)));
    this.server.to(documentRoom(documentId)).except([...senders]).emit('awareness', documentId, all);
    if (senders.size > 1) {
      for (const sender of senders) {
        const others = entries.filter((e) => e.from !== sender).map((e) => e.entry);
        this.server.to(sender).emit('awareness', documentId, toBase64(encodeAwarenessUpdate(others)));
      }
    }
    this.relay.awareness(documentId, all, entries.map((e) => e.from));
  }

  onModuleDestroy(): void {
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
  }
}
