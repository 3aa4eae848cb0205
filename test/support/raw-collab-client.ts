import * as encoding from 'lib0/encoding';
import { io, type Socket } from 'socket.io-client';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  type Access,
  COLLAB_NAMESPACE,
  type CollabError,
  type JoinAck,
  type LiveChange,
  type LiveNotification,
  type Refusal,
  type SyncAck,
  type ThreadEvent,
  type WatchAck,
} from '../../src/collaboration/protocol';

/** How a program would present itself at the handshake: a browser's session cookie, or an API token. */
export interface Credentials {
  cookie?: string;
  authorization?: string;
}

function socketTo(baseUrl: string, credentials: Credentials): Socket {
  const extraHeaders: Record<string, string> = {};
  if (credentials.cookie) extraHeaders.cookie = credentials.cookie;
  if (credentials.authorization) extraHeaders.authorization = credentials.authorization;
  return io(`${baseUrl}${COLLAB_NAMESPACE}`, { transports: ['websocket'], extraHeaders, forceNew: true, reconnection: false });
}

/**
 * A socket of the live-document namespace that speaks the protocol by hand (docs/collaboration-protocol.md) and
 * records everything the server pushes to it, for tests that send what a well-behaved client never would.
 */
export class RawCollabClient {
  readonly errors: { documentId: string | null; error: CollabError }[] = [];
  readonly accessChanges: { documentId: string; access: Access | null; reason: string; details?: Refusal }[] = [];
  readonly changes: LiveChange[] = [];
  readonly threads: ThreadEvent[] = [];
  readonly notifications: LiveNotification[] = [];
  readonly disconnects: string[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('disconnect', (reason: string) => this.disconnects.push(reason));
    socket.on('error', (documentId: string | null, error: CollabError) => this.errors.push({ documentId, error }));
    socket.on('access', (documentId: string, access: Access | null, reason: string, details?: Refusal) =>
      this.accessChanges.push({ documentId, access, reason, ...(details && { details }) }),
    );
    socket.on('change', (change: LiveChange) => this.changes.push(change));
    socket.on('thread', (event: ThreadEvent) => this.threads.push(event));
    socket.on('notification', (notification: LiveNotification) => this.notifications.push(notification));
  }

  static async connect(baseUrl: string, credentials: Credentials): Promise<RawCollabClient> {
    const socket = socketTo(baseUrl, credentials);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return new RawCollabClient(socket);
  }

  /** The message of the handshake's refusal (`unauthenticated`, `second_factor_required`), or null if it was let in. */
  static async refusal(baseUrl: string, credentials: Credentials): Promise<string | null> {
    const socket = socketTo(baseUrl, credentials);
    try {
      return await new Promise<string | null>((resolve) => {
        socket.once('connect', () => resolve(null));
        socket.once('connect_error', (error) => resolve(error.message));
      });
    } finally {
      socket.close();
    }
  }

  join(documentId: string): Promise<JoinAck> {
    return this.socket.timeout(5_000).emitWithAck('join', documentId) as Promise<JoinAck>;
  }

  sync(documentId: string, payload: string): Promise<SyncAck> {
    return this.socket.timeout(5_000).emitWithAck('sync', documentId, payload) as Promise<SyncAck>;
  }

  awareness(documentId: string, payload: string): void {
    this.socket.emit('awareness', documentId, payload);
  }

  leave(documentId: string): void {
    this.socket.emit('leave', documentId);
  }

  watch(frameworkId: string): Promise<WatchAck> {
    return this.socket.timeout(5_000).emitWithAck('watch', frameworkId) as Promise<WatchAck>;
  }

  unwatch(frameworkId: string): void {
    this.socket.emit('unwatch', frameworkId);
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** A y-protocols sync update message (type 2) appending one paragraph from a fresh replica, as base64. */
export function paragraphMessage(text: string): string {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('default').push([paragraph]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return Buffer.from(encoding.toUint8Array(encoder)).toString('base64');
}

/** A y-protocols awareness update carrying `state` for a fresh Yjs client, as base64. */
export function awarenessMessage(state: Record<string, unknown>): string {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalState(state);
  const update = encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  doc.destroy();
  return Buffer.from(update).toString('base64');
}

/** A y-protocols awareness update written by hand, so that it can claim any client ids, as base64. */
export function awarenessEntries(entries: { clientId: number; clock: number; state: Record<string, unknown> | null }[]): string {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return Buffer.from(encoding.toUint8Array(encoder)).toString('base64');
}

// The specs that drive this client import their polling helper with it.
export { eventually } from './wait';
