/**
 * The live-document protocol over socket.io, namespace `/collab` (docs/collaboration-protocol.md is its full text).
 * One event map shared by the gateway, the tests and the browser client. Yjs payloads travel as base64 text, so that
 * each message is one WebSocket frame (socket.io sends binary as a separate attachment frame per recipient).
 */

export const COLLAB_NAMESPACE = '/collab';

/** base64 of a y-protocols sync message (step 1, step 2 or update). */
export type SyncPayload = string;
/** base64 of a y-protocols awareness update. */
export type AwarenessPayload = string;

export type Access = 'edit' | 'view';

export const COLLAB_ERROR_CODES = [
  'unauthenticated',
  'bad_request',
  'not_found',
  'forbidden',
  'read_only',
  'not_joined',
  'invalid_update',
  'too_large',
  'rate_limited',
  'document_unavailable',
  'access_revoked',
  'internal_error',
] as const;
export type CollabErrorCode = (typeof COLLAB_ERROR_CODES)[number];

export interface CollabError {
  code: CollabErrorCode;
  message: string;
}

export type JoinAck = { ok: true; access: Access; reason?: string } | { ok: false; error: CollabError };
export type WatchAck = { ok: true } | { ok: false; error: CollabError };
/** Sent once the update is durable (stored in PostgreSQL), or with the reason it was dropped. */
export type SyncAck = { ok: true } | { ok: false; error: CollabError };

/** A change event pushed to a framework's live dashboard room. */
export interface LiveChange {
  id: string;
  occurredAt: string;
  entityType: string;
  entityId: string;
  action: string;
  frameworkId: string | null;
  commitmentId: string | null;
  summary: string;
  actor: { userId: string; agencyCode: string } | null;
}

export interface ClientToServerEvents {
  join: (documentId: string, ack: (result: JoinAck) => void) => void;
  sync: (documentId: string, payload: SyncPayload, ack?: (result: SyncAck) => void) => void;
  awareness: (documentId: string, payload: AwarenessPayload) => void;
  leave: (documentId: string) => void;
  watch: (frameworkId: string, ack: (result: WatchAck) => void) => void;
  unwatch: (frameworkId: string) => void;
}

export interface ServerToClientEvents {
  sync: (documentId: string, payload: SyncPayload) => void;
  awareness: (documentId: string, payload: AwarenessPayload) => void;
  error: (documentId: string | null, error: CollabError) => void;
  /** The user's access to a joined document changed (an activity report was accepted, say). */
  access: (documentId: string, access: Access | null, reason: string) => void;
  change: (change: LiveChange) => void;
}

/** The presence entry each client's awareness state carries under `user`, always set by the server. */
export interface PresenceUser {
  userId: string;
  name: string;
  agency: string;
  color: string;
}

export const documentRoom = (documentId: string) => `doc:${documentId}`;
export const frameworkRoom = (frameworkId: string) => `framework:${frameworkId}`;

/**
 * Each user's colour in live documents (carets, presence), the same for everyone who sees them. Every colour keeps
 * white text above 4.5:1 contrast.
 */
export const PRESENCE_COLORS = ['#1864ab', '#c92a2a', '#5f3dc4', '#0b7285', '#862e9c', '#a61e4d', '#495057', '#364fc7', '#237032', '#b33d0c'] as const;

export function presenceColor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return PRESENCE_COLORS[Math.abs(hash) % PRESENCE_COLORS.length];
}
