import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConnectedSocket, MessageBody, type OnGatewayDisconnect, type OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { DocumentAccess } from '../documents/document-access';
import { decodeUpdateOrNull, isEmptyUpdate } from '../documents/yjs-checks';
import { AccessWatcher } from './access-watcher';
import { AwarenessBroadcaster } from './awareness-broadcaster';
import { decodeAwarenessUpdate } from './awareness-codec';
import { CollabFailure, describeFailure } from './collab-failure';
import { type CollabNamespace, type CollabSocket, fromBase64, messageArguments, seatOf, toBase64, UUID } from './collab-socket';
import { CrossProcessRelay } from './cross-process-relay';
import { DocumentRegistry } from './document-registry';
import type { LiveDocument } from './live-document';
import { COLLAB_NAMESPACE, type CollabError, documentRoom, type JoinAck, type SyncAck } from './protocol';
import { SessionSweep } from './session-sweep';
import { admitSockets } from './handshake';
import { SocketLimits } from './socket-limits';
import { readSyncMessage, syncUpdateMessage } from './sync-messages';

export { MESSAGES_PER_SECOND } from './socket-limits';
export { MAX_UPDATE_BYTES } from './sync-messages';

/**
 * The live-document protocol (docs/collaboration-protocol.md) as a thin layer: it maps each event to the piece that
 * does the work (the registry for text, the awareness broadcaster for presence), and answers with the protocol's acks
 * and errors. Who may connect is decided at the handshake (handshake.ts); every event's rate is limited before it gets
 * here (CollabIoAdapter).
 */
@WebSocketGateway({ namespace: COLLAB_NAMESPACE })
export class CollabGateway implements OnGatewayInit, OnGatewayDisconnect, OnApplicationBootstrap {
  private readonly logger = new Logger(CollabGateway.name);
  @WebSocketServer() private readonly server!: CollabNamespace;

  constructor(
    private readonly registry: DocumentRegistry,
    private readonly access: DocumentAccess,
    private readonly presence: AwarenessBroadcaster,
    private readonly relay: CrossProcessRelay,
    private readonly watcher: AccessWatcher,
    private readonly limits: SocketLimits,
    private readonly sweep: SessionSweep,
  ) {}

  afterInit(server: CollabNamespace): void {
    admitSockets(server, this.limits);
    this.presence.use(server);
    this.registry.useBroadcaster({
      broadcastUpdate: (documentId, update, except) => server.to(documentRoom(documentId)).except([...except]).emit('sync', documentId, toBase64(syncUpdateMessage(update))),
      relayUpdate: (documentId, update) => this.relay.update(documentId, toBase64(update)),
    });
    this.relay.listen(server, {
      update: (documentId, payload) => this.registry.applyRemote(documentId, fromBase64(payload)),
      awareness: (documentId, relayed) => this.presence.applyRelayed(documentId, relayed),
      whoIsThere: (documentId) => this.presence.heldHere(documentId),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep.start(() => this.server.sockets.values(), (socket) => this.drop(socket));
    this.watcher.start({ sockets: () => this.server.sockets.values(), leave: (socket, documentId) => this.leaveDocument(socket, documentId) });
  }

  @SubscribeMessage('join')
  async join(@ConnectedSocket() socket: CollabSocket, @MessageBody() documentId: unknown): Promise<JoinAck> {
    let joinDone: (() => void) | undefined;
    try {
      if (typeof documentId !== 'string' || !UUID.test(documentId)) throw new CollabFailure('bad_request', 'join takes a document id (a UUID).');
      const id = documentId.toLowerCase();
      const existing = socket.data.documents.get(id);
      if (existing) return { ok: true, access: existing.access };
      joinDone = this.limits.startJoin(socket.id, socket.data.documents.size);
      // Subscribe first, then load (a document that does not exist fails the load with not_found): an update applied meanwhile reaches this socket as a broadcast.
      await socket.join(documentRoom(id));
      let document: LiveDocument | undefined;
      try {
        document = await this.registry.open(id, socket.id);
        if (this.relay.active && document.connectionCount === 1) await this.presence.fetchFromOthers(document);
      } catch (error) {
        await socket.leave(documentRoom(id));
        if (document) this.registry.close(id, socket.id);
        throw error;
      }
      // Nothing awaited from here until the seat is recorded: the AccessWatcher, which keeps the document's owner
      // current, re-checks every seat recorded by the time it has asked again.
      const decision = this.access.decide(socket.data.user, document.owner);
      socket.data.documents.set(id, { access: decision.access, refusal: decision.refusal, clientIds: new Set() });
      socket.emit('sync', id, toBase64(document.syncStep1()));
      const present = this.presence.presentFor(document);
      if (present) socket.emit('awareness', id, present);
      return {
        ok: true,
        access: decision.access,
        ...(decision.reason !== undefined && { reason: decision.reason }),
        ...(decision.refusal !== undefined && { details: decision.refusal }),
      };
    } catch (error) {
      return { ok: false, error: this.describe(error) };
    } finally {
      joinDone?.();
    }
  }

  /** Sync step 1 is answered with step 2; step 2 and updates are applied and relayed, and acknowledged once stored. */
  @SubscribeMessage('sync')
  async sync(@ConnectedSocket() socket: CollabSocket, @MessageBody() body: unknown): Promise<SyncAck> {
    const [documentId, payload] = messageArguments(body);
    try {
      const { document, membership, bytes } = seatOf(socket, this.registry, documentId, payload);
      const message = readSyncMessage(bytes);
      if (message.kind === 'step1') {
        socket.emit('sync', document.id, toBase64(document.syncStep2(message.stateVector)));
        return { ok: true };
      }
      const decoded = decodeUpdateOrNull(message.update);
      if (!decoded) throw new CollabFailure('invalid_update', 'The update is not a valid Yjs update; it was dropped.');
      if (isEmptyUpdate(decoded)) return { ok: true };
      if (membership.access !== 'edit') {
        throw new CollabFailure('read_only', 'You can view this document but not change it; the update was dropped.', membership.refusal);
      }
      await this.registry.submit(document, message.update, socket.id, socket.data.user);
      return { ok: true };
    } catch (error) {
      const described = this.describe(error);
      socket.emit('error', typeof documentId === 'string' ? documentId : null, described);
      return { ok: false, error: described };
    }
  }

  @SubscribeMessage('awareness')
  awareness(@ConnectedSocket() socket: CollabSocket, @MessageBody() body: unknown): void {
    const [documentId, payload] = messageArguments(body);
    try {
      const { document, membership, bytes } = seatOf(socket, this.registry, documentId, payload);
      const entries = decodeAwarenessUpdate(bytes);
      if (!entries) throw new CollabFailure('invalid_update', 'The awareness message is not a y-protocols awareness update.');
      this.presence.received(document, socket, membership, entries);
    } catch (error) {
      socket.emit('error', typeof documentId === 'string' ? documentId : null, this.describe(error));
    }
  }

  @SubscribeMessage('leave')
  async leave(@ConnectedSocket() socket: CollabSocket, @MessageBody() documentId: unknown): Promise<void> {
    if (typeof documentId === 'string') await this.leaveDocument(socket, documentId);
  }

  async handleDisconnect(socket: CollabSocket): Promise<void> {
    if (socket.data.user) this.limits.release(socket.data.user.userId, socket.id);
    for (const documentId of [...(socket.data.documents?.keys() ?? [])]) await this.leaveDocument(socket, documentId);
  }

  private async leaveDocument(socket: CollabSocket, documentId: string): Promise<void> {
    const membership = socket.data.documents.get(documentId);
    if (!membership) return;
    socket.data.documents.delete(documentId);
    await socket.leave(documentRoom(documentId));
    const document = this.registry.get(documentId);
    if (document?.loaded) this.presence.left(document, socket.id, membership);
    this.registry.close(documentId, socket.id);
  }

  /** Ends the socket of a session that ended (logout, expiry), or of a user deactivated or whose agency was archived. */
  private drop(socket: CollabSocket): void {
    socket.emit('error', null, { code: 'unauthenticated', message: 'Your session ended.' });
    socket.disconnect(true);
  }

  private describe(error: unknown): CollabError {
    return describeFailure(error, this.logger);
  }
}
