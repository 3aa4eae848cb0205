import type { Namespace, Socket } from 'socket.io';
import type { Principal } from '../common/principal';
import { CollabFailure } from './collab-failure';
import type { LiveDocument } from './live-document';
import type { Access, ClientToServerEvents, Refusal, ServerToClientEvents } from './protocol';
import { MAX_PAYLOAD_CHARS, MAX_UPDATE_BYTES } from './sync-messages';

/** A socket's seat in one document. */
export interface Membership {
  access: Access;
  /** Why the socket only views, when it does. */
  refusal?: Refusal;
  /** Yjs client ids this socket speaks for in the document's awareness. */
  clientIds: Set<number>;
}

export interface SocketData {
  user: Principal;
  sessionId: string | undefined;
  documents: Map<string, Membership>;
}

export type CollabSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type CollabNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Yjs payloads travel as base64 text (one WebSocket frame each; see protocol.ts). */
export const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
export const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * The arguments of an event: Nest hands a handler the lone argument itself, or the array of several (the ack taken
 * off), so that `sync(id, payload)` and a malformed `sync(null)` both arrive here as a list.
 */
export function messageArguments(body: unknown): unknown[] {
  return Array.isArray(body) ? body : [body];
}

/**
 * The seat the socket holds in the document a `sync` or `awareness` message names, the document (loaded), and the
 * message's bytes; or the CollabFailure the message gets.
 */
export function seatOf(socket: CollabSocket, documents: { get(id: string): LiveDocument | undefined }, documentId: unknown, payload: unknown) {
  if (typeof documentId !== 'string' || typeof payload !== 'string') throw new CollabFailure('bad_request', 'Send the document id and a base64 payload.');
  const membership = socket.data.documents.get(documentId);
  const document = documents.get(documentId);
  if (!membership || !document?.loaded) throw new CollabFailure('not_joined', 'Join the document first.');
  if (payload.length > MAX_PAYLOAD_CHARS) throw new CollabFailure('too_large', `A message may carry at most ${MAX_UPDATE_BYTES} bytes.`);
  return { document, membership, bytes: fromBase64(payload) };
}
