import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Namespace, Socket } from 'socket.io';
import { applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { SESSION_ENDED_CHANNEL } from '../accounts/account-sessions';
import { ChangeNotifications } from '../changes/change-notifications';
import type { ChangeView } from '../changes/changes.repository';
import { DomainError } from '../common/errors';
import { AppConfig } from '../config/app-config';
import type { Principal } from '../common/principal';
import { PgNotifications } from '../database/notifications';
import { type AwarenessEntry, decodeAwarenessUpdate, encodeAwarenessUpdate } from './awareness-codec';
import { DocumentAccess } from './document-access';
import { DocumentRegistry, type LiveDocument } from './document-registry';
import {
  type Access,
  type AwarenessPayload,
  type ClientToServerEvents,
  COLLAB_NAMESPACE,
  type CollabError,
  type CollabErrorCode,
  documentRoom,
  frameworkRoom,
  type JoinAck,
  type LiveChange,
  type PresenceUser,
  presenceColor,
  type ServerToClientEvents,
  type SyncAck,
  type SyncPayload,
  type WatchAck,
} from './protocol';
import { decodeUpdateOrNull, isEmptyUpdate } from './yjs-checks';

/** The largest single Yjs update a client may send (a paste of a long text fits; a flood does not). */
export const MAX_UPDATE_BYTES = 256 * 1024;
const MAX_PAYLOAD_CHARS = Math.ceil((MAX_UPDATE_BYTES + 16) / 3) * 4;
/** Messages one socket may send per second before it is told to slow down. */
export const MESSAGES_PER_SECOND = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Membership {
  access: Access;
  /** Yjs client ids this socket speaks for in the document's awareness. */
  clientIds: Set<number>;
}

interface SocketData {
  user: Principal;
  sessionId: string | undefined;
  documents: Map<string, Membership>;
}

type CollabSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type CollabNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The namespace's server-to-server ask; typed loosely because its event map is the other processes', not ours. */
interface ServerSideAsker {
  serverSideEmitWithAck(event: string, ...args: unknown[]): Promise<unknown[]>;
}

class CollabFailure extends Error {
  constructor(
    readonly code: CollabErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');


/**
 * The live-document protocol (docs/collaboration-protocol.md) as a thin layer: it authenticates, checks each message
 * (access, size, rate, well-formed Yjs), and hands updates to the document registry, which stores them before they
 * are broadcast.
 */
@WebSocketGateway({ namespace: COLLAB_NAMESPACE })
export class CollabGateway implements OnGatewayInit, OnGatewayDisconnect, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CollabGateway.name);
  private readonly limiter = new RateLimiterMemory({ points: MESSAGES_PER_SECOND, duration: 1 });
  private unsubscribe: (() => void) | undefined;
  /**
   * Stamped awareness states not yet forwarded, per document and client id (the latest wins), with the socket that
   * sent each: forwarded once per event-loop turn, so that N editors moving their carets cost about N packets per
   * turn rather than N × N.
   */
  private readonly awarenessOutbox = new Map<string, Map<number, { entry: AwarenessEntry; from: string }>>();
  private awarenessFlush: NodeJS.Immediate | null = null;

  @WebSocketServer() private readonly server!: CollabNamespace;

  constructor(
    private readonly registry: DocumentRegistry,
    private readonly access: DocumentAccess,
    private readonly changes: ChangeNotifications,
    private readonly notifications: PgNotifications,
    private readonly config: AppConfig,
  ) {}

  /** Other server processes exist only behind the Redis adapter; alone, there is nobody to relay to. */
  private relay(event: 'relay:update' | 'relay:awareness', documentId: string, payload: string): void {
    if (this.config.redisUrl) this.server.serverSideEmit(event, documentId, payload);
  }

  afterInit(server: CollabNamespace): void {
    server.use((socket, next) => {
      const request = socket.request as typeof socket.request & { user?: Principal; sessionID?: string };
      if (!request.user) return next(new Error('unauthenticated'));
      // A role that requires two-factor sign-in, not yet turned on: the user may only turn it on (REST).
      if (request.user.secondFactor === 'enrolment_required') return next(new Error('second_factor_required'));
      socket.data = { user: request.user, sessionId: request.sessionID, documents: new Map() };
      next();
    });
    this.registry.useBroadcaster({
      broadcastUpdate: (documentId, update, except) => {
        const payload = toBase64(syncUpdateMessage(update));
        server.to(documentRoom(documentId)).except([...except]).emit('sync', documentId, payload);
      },
      relayUpdate: (documentId, update) => this.relay('relay:update', documentId, toBase64(update)),
    });
    server.on('relay:update', (documentId: string, payload: string) =>
      this.registry.applyRemote(documentId, new Uint8Array(Buffer.from(payload, 'base64'))),
    );
    // Another process opening a document asks who is already there, so its joiners see everyone at once.
    server.on('relay:awareness-query', (documentId: string, answer: (payload: string) => void) => {
      const document = this.registry.get(documentId);
      const present = document?.loaded ? [...document.awareness.getStates().keys()] : [];
      answer(document && present.length > 0 ? toBase64(encodeAwarenessUpdateOf(document, present)) : '');
    });
    server.on('relay:awareness', (documentId: string, payload: string) => {
      const document = this.registry.get(documentId);
      if (document?.loaded) applyAwarenessUpdate(document.awareness, new Uint8Array(Buffer.from(payload, 'base64')), 'remote');
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.unsubscribe = this.changes.subscribe((change) => void this.onChange(change));
    await this.notifications.listen(SESSION_ENDED_CHANNEL, (sessionId) => this.dropSession(sessionId));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    if (this.awarenessFlush) clearImmediate(this.awarenessFlush);
  }

  @SubscribeMessage('join')
  async join(@ConnectedSocket() socket: CollabSocket, @MessageBody() documentId: unknown): Promise<JoinAck> {
    try {
      const id = this.documentId(documentId);
      const existing = socket.data.documents.get(id);
      if (existing) return { ok: true, access: existing.access };
      const owner = await this.access.owner(id).catch((error: unknown) => {
        throw error instanceof DomainError && error.code === 'not_found'
          ? new CollabFailure('not_found', `No document with id ${id}.`)
          : error;
      });
      const decision = this.access.decide(socket.data.user, owner);
      // Subscribe first, then load: an update stored meanwhile reaches this socket as a broadcast.
      await socket.join(documentRoom(id));
      let document: LiveDocument;
      try {
        document = await this.registry.open(id, socket.id);
      } catch (error) {
        await socket.leave(documentRoom(id));
        throw error;
      }
      if (this.config.redisUrl && document.connections.size === 1) await this.askOthersWhoIsThere(document);
      socket.data.documents.set(id, { access: decision.access, clientIds: new Set() });
      socket.emit('sync', id, toBase64(syncStep1Message(document.doc)));
      const states = [...document.awareness.getStates().keys()];
      if (states.length > 0) {
        socket.emit('awareness', id, toBase64(encodeAwarenessUpdateOf(document, states)));
      }
      return { ok: true, access: decision.access, ...(decision.reason !== undefined && { reason: decision.reason }) };
    } catch (error) {
      return { ok: false, error: this.describe(error) };
    }
  }

  @SubscribeMessage('sync')
  async sync(@ConnectedSocket() socket: CollabSocket, @MessageBody() body: unknown): Promise<SyncAck> {
    const [documentIdArg, payloadArg] = messageArguments(body);
    const documentId = typeof documentIdArg === 'string' ? documentIdArg : null;
    try {
      const { document, membership, payload } = await this.checkMessage(socket, documentIdArg, payloadArg);
      const decoder = decoding.createDecoder(new Uint8Array(Buffer.from(payload satisfies SyncPayload, 'base64')));
      let kind: number;
      let content: Uint8Array;
      try {
        kind = decoding.readVarUint(decoder);
        content = decoding.readVarUint8Array(decoder);
      } catch {
        throw new CollabFailure('invalid_update', 'The sync message is not a y-protocols sync message.');
      }
      if (kind === syncProtocol.messageYjsSyncStep1) {
        try {
          Y.decodeStateVector(content);
        } catch {
          throw new CollabFailure('invalid_update', 'Sync step 1 carries no valid state vector.');
        }
        socket.emit('sync', document.id, toBase64(syncStep2Message(document.doc, content)));
        return { ok: true };
      }
      if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
        throw new CollabFailure('invalid_update', `Unknown sync message type ${kind}.`);
      }
      if (content.byteLength > MAX_UPDATE_BYTES) throw new CollabFailure('too_large', `An update may be at most ${MAX_UPDATE_BYTES} bytes.`);
      const decoded = decodeUpdateOrNull(content);
      if (!decoded) throw new CollabFailure('invalid_update', 'The update is not a valid Yjs update; it was dropped.');
      if (isEmptyUpdate(decoded)) return { ok: true };
      if (membership.access !== 'edit') throw new CollabFailure('read_only', 'You can view this document but not change it; the update was dropped.');
      await this.registry.submit(document.id, content, socket.id, socket.data.user);
      return { ok: true };
    } catch (error) {
      const described = this.describe(error);
      socket.emit('error', documentId, described);
      return { ok: false, error: described };
    }
  }

  @SubscribeMessage('awareness')
  async awareness(@ConnectedSocket() socket: CollabSocket, @MessageBody() body: unknown): Promise<void> {
    const [documentIdArg, payloadArg] = messageArguments(body);
    const documentId = typeof documentIdArg === 'string' ? documentIdArg : null;
    try {
      const { document, membership, payload } = await this.checkMessage(socket, documentIdArg, payloadArg);
      const entries = decodeAwarenessUpdate(new Uint8Array(Buffer.from(payload satisfies AwarenessPayload, 'base64')));
      if (!entries) throw new CollabFailure('invalid_update', 'The awareness message is not a y-protocols awareness update.');
      const user = socket.data.user;
      const presence: PresenceUser = { userId: user.userId, name: user.displayName, agency: user.agencyCode, color: presenceColor(user.userId) };
      for (const entry of entries) {
        if (!membership.clientIds.has(entry.clientId)) {
          if (this.claimedByOther(document, entry.clientId, socket.id)) {
            throw new CollabFailure('forbidden', 'That awareness state belongs to another connection.');
          }
          membership.clientIds.add(entry.clientId);
        }
        // Who you are comes from the server's record, whatever the client says.
        if (entry.state) entry.state.user = presence;
        entry.clock = document.nextAwarenessClock(entry.clientId, entry.clock);
      }
      applyAwarenessUpdate(document.awareness, encodeAwarenessUpdate(entries), socket.id);
      this.queueAwareness(document.id, entries, socket.id);
    } catch (error) {
      socket.emit('error', documentId, this.describe(error));
    }
  }

  @SubscribeMessage('leave')
  async leave(@ConnectedSocket() socket: CollabSocket, @MessageBody() documentId: unknown): Promise<void> {
    if (typeof documentId === 'string') await this.leaveDocument(socket, documentId);
  }

  @SubscribeMessage('watch')
  async watch(@ConnectedSocket() socket: CollabSocket, @MessageBody() frameworkId: unknown): Promise<WatchAck> {
    if (typeof frameworkId !== 'string' || !UUID.test(frameworkId)) {
      return { ok: false, error: { code: 'bad_request', message: 'watch takes a framework id (a UUID).' } };
    }
    await socket.join(frameworkRoom(frameworkId));
    return { ok: true };
  }

  @SubscribeMessage('unwatch')
  async unwatch(@ConnectedSocket() socket: CollabSocket, @MessageBody() frameworkId: unknown): Promise<void> {
    if (typeof frameworkId === 'string') await socket.leave(frameworkRoom(frameworkId));
  }

  async handleDisconnect(socket: CollabSocket): Promise<void> {
    for (const documentId of [...(socket.data.documents?.keys() ?? [])]) await this.leaveDocument(socket, documentId);
  }

  private async askOthersWhoIsThere(document: LiveDocument): Promise<void> {
    try {
      const answers: unknown[] = await (this.server as unknown as ServerSideAsker).serverSideEmitWithAck('relay:awareness-query', document.id);
      for (const answer of answers) {
        if (typeof answer === 'string' && answer) applyAwarenessUpdate(document.awareness, new Uint8Array(Buffer.from(answer, 'base64')), 'remote');
      }
    } catch {
      // A process that does not answer in time: its users appear with their next presence renewal.
    }
  }

  /** Who is in a document right now (every process's clients, through the relayed awareness). */
  presence(documentId: string): PresenceUser[] {
    const document = this.registry.get(documentId);
    if (!document?.loaded) return [];
    const seen = new Map<string, PresenceUser>();
    for (const state of document.awareness.getStates().values()) {
      const user = (state as { user?: PresenceUser }).user;
      if (user?.userId) seen.set(user.userId, user);
    }
    return [...seen.values()];
  }

  private async checkMessage(socket: CollabSocket, documentId: unknown, payload: unknown) {
    if (typeof documentId !== 'string' || typeof payload !== 'string') {
      throw new CollabFailure('bad_request', 'Send the document id and a base64 payload.');
    }
    const membership = socket.data.documents.get(documentId);
    const document = this.registry.get(documentId);
    if (!membership || !document?.loaded) throw new CollabFailure('not_joined', 'Join the document first.');
    if (payload.length > MAX_PAYLOAD_CHARS) throw new CollabFailure('too_large', `A message may carry at most ${MAX_UPDATE_BYTES} bytes.`);
    try {
      await this.limiter.consume(socket.id);
    } catch {
      throw new CollabFailure('rate_limited', `Slow down: at most ${MESSAGES_PER_SECOND} messages a second.`);
    }
    return { document, membership, payload };
  }

  private queueAwareness(documentId: string, entries: AwarenessEntry[], from: string): void {
    let pending = this.awarenessOutbox.get(documentId);
    if (!pending) {
      pending = new Map();
      this.awarenessOutbox.set(documentId, pending);
    }
    for (const entry of entries) pending.set(entry.clientId, { entry, from });
    this.awarenessFlush ??= setImmediate(() => {
      this.awarenessFlush = null;
      for (const id of [...this.awarenessOutbox.keys()]) this.flushAwareness(id);
    });
  }

  /**
   * One message with every pending state of the document to everyone who sent none of them (other processes'
   * sockets included, through the adapter), and to each sender the same without their own states: their copy is
   * newer than the server's, which must not overwrite it.
   */
  private flushAwareness(documentId: string): void {
    const pending = this.awarenessOutbox.get(documentId);
    if (!pending) return;
    this.awarenessOutbox.delete(documentId);
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
    this.relay('relay:awareness', documentId, all);
  }

  private claimedByOther(document: LiveDocument, clientId: number, socketId: string): boolean {
    for (const other of this.server.sockets.values()) {
      if (other.id !== socketId && other.data.documents?.get(document.id)?.clientIds.has(clientId)) return true;
    }
    return false;
  }

  private async leaveDocument(socket: CollabSocket, documentId: string): Promise<void> {
    const membership = socket.data.documents.get(documentId);
    if (!membership) return;
    socket.data.documents.delete(documentId);
    await socket.leave(documentRoom(documentId));
    const document = this.registry.get(documentId);
    if (document?.loaded && membership.clientIds.size > 0) {
      // What the leaver said last goes out before they are removed, never after.
      this.flushAwareness(documentId);
      const ids = [...membership.clientIds];
      const removal = toBase64(encodeAwarenessRemoval(document, ids));
      removeAwarenessStates(document.awareness, ids, socket.id);
      this.server.to(documentRoom(documentId)).emit('awareness', documentId, removal);
      this.relay('relay:awareness', documentId, removal);
    }
    this.registry.close(documentId, socket.id);
  }

  /** Pushes committed changes to dashboards, and re-checks access to the documents a change concerns. */
  private async onChange(change: ChangeView): Promise<void> {
    if (change.frameworkId) this.server.local.to(frameworkRoom(change.frameworkId)).emit('change', toLiveChange(change));
    const concernsAccess =
      (change.entityType === 'commitment' && change.action === 'updated') ||
      (change.entityType === 'activity_report' && ['submitted', 'accepted', 'returned', 'reopened'].includes(change.action));
    if (!concernsAccess || !change.commitmentId) return;
    for (const document of this.registry.loaded()) {
      if (document.owner.commitmentId !== change.commitmentId) continue;
      try {
        document.owner = await this.access.owner(document.id);
      } catch (error) {
        this.logger.error(`Re-checking access to ${document.id} failed: ${String(error)}`);
        continue;
      }
      for (const socket of this.server.sockets.values()) {
        const membership = socket.data.documents?.get(document.id);
        if (!membership) continue;
        const decision = this.access.decide(socket.data.user, document.owner);
        if (decision.access === membership.access) continue;
        if (decision.access === 'view') {
          // Edit rights withdrawn: out of the room at once; joining again gives a view-only seat.
          await this.leaveDocument(socket, document.id);
          socket.emit('error', document.id, { code: 'access_revoked', message: decision.reason ?? 'You can no longer edit this document.' });
          socket.emit('access', document.id, null, decision.reason ?? '');
        } else {
          membership.access = 'edit';
          socket.emit('access', document.id, 'edit', 'You can edit this document now.');
        }
      }
    }
  }

  private dropSession(sessionId: string): void {
    for (const socket of this.server.sockets.values()) {
      if (socket.data.sessionId === sessionId) {
        socket.emit('error', null, { code: 'unauthenticated', message: 'Your session ended.' });
        socket.disconnect(true);
      }
    }
  }

  private documentId(value: unknown): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw new CollabFailure('bad_request', 'join takes a document id (a UUID).');
    return value.toLowerCase();
  }

  private describe(error: unknown): CollabError {
    if (error instanceof CollabFailure) return { code: error.code, message: error.message };
    if (error instanceof DomainError) {
      const code = (['not_found', 'forbidden', 'document_unavailable'] as const).find((c) => c === error.code) ?? 'internal_error';
      return { code, message: error.message };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' };
  }
}

/**
 * The arguments of an event: Nest hands a handler the lone argument itself, or the array of several (the ack taken
 * off), so that `sync(id, payload)` and a malformed `sync(null)` both arrive here as a list.
 */
function messageArguments(body: unknown): unknown[] {
  return Array.isArray(body) ? body : [body];
}

function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** What `doc` has that the peer with this (encoded) state vector lacks. */
function syncStep2Message(doc: Y.Doc, theirStateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeSyncStep2(encoder, doc, theirStateVector);
  return encoding.toUint8Array(encoder);
}

function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function encodeAwarenessUpdateOf(document: LiveDocument, clientIds: number[]): Uint8Array {
  const states = document.awareness.getStates();
  return encodeAwarenessUpdate(
    clientIds.map((clientId) => ({
      clientId,
      clock: document.awareness.meta.get(clientId)?.clock ?? 0,
      state: (states.get(clientId)) ?? null,
    })),
  );
}

/** A null state with the next clock: how y-protocols says a client left. */
function encodeAwarenessRemoval(document: LiveDocument, clientIds: number[]): Uint8Array {
  return encodeAwarenessUpdate(clientIds.map((clientId) => ({ clientId, clock: document.nextAwarenessClock(clientId, 0), state: null })));
}

function toLiveChange(change: ChangeView): LiveChange {
  return {
    id: change.id,
    occurredAt: new Date(change.occurredAt).toISOString(),
    entityType: change.entityType,
    entityId: change.entityId,
    action: change.action,
    frameworkId: change.frameworkId,
    commitmentId: change.commitmentId,
    summary: change.summary,
    actor: change.actor ? { userId: change.actor.userId, agencyCode: change.actor.agencyCode } : null,
  };
}
