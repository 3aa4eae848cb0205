/**
 * The live-document protocol over socket.io, namespace `/collab` (docs/collaboration-protocol.md is its full text).
 * One event map shared by the gateway, the tests and the browser client. Yjs payloads travel as base64 text, so that
 * each message is one WebSocket frame (socket.io sends binary as a separate attachment frame per recipient).
 */

import type { Access } from '../common/access';
import type { Refusal } from '../common/refusals';
import type { ChangeFacts } from '../changes/change-facts';
import type { NotificationContent } from '../discussions/notification-params';

export const COLLAB_NAMESPACE = '/collab';

/** base64 of a y-protocols sync message (step 1, step 2 or update). */
export type SyncPayload = string;
/** base64 of a y-protocols awareness update. */
export type AwarenessPayload = string;

export type { Access, Refusal };

export const COLLAB_ERROR_CODES = [
  'unauthenticated',
  'bad_request',
  'not_found',
  'forbidden',
  'read_only',
  'not_joined',
  'invalid_update',
  'too_large',
  'document_full',
  'rate_limited',
  'too_many_connections',
  'too_many_documents',
  'too_many_clients',
  'document_unavailable',
  'access_revoked',
  'internal_error',
] as const;
export type CollabErrorCode = (typeof COLLAB_ERROR_CODES)[number];

export interface CollabError {
  code: CollabErrorCode;
  message: string;
  /** Why, as data, where the code covers several cases (`read_only`, `access_revoked`): see src/common/refusals.ts. */
  details?: Refusal;
}

/** `reason`: why the user only views, in English; `details`: the same as a reason code and its parameters. */
export type JoinAck = { ok: true; access: Access; reason?: string; details?: Refusal } | { ok: false; error: CollabError };
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
  /** The change told in facts for the reader's language; null: show `summary` (see src/changes/change-facts.ts). */
  facts: ChangeFacts | null;
  actor: { userId: string; agencyCode: string } | null;
}

/** A user as discussions show them: no email. */
export interface DiscussionPerson {
  id: string;
  displayName: string;
  agencyCode: string;
}

export interface DiscussionComment {
  id: string;
  threadId: string;
  author: DiscussionPerson;
  /** Empty once deleted: the thread shows "comment deleted" in its place. */
  body: string;
  mentions: DiscussionPerson[];
  deleted: boolean;
  createdAt: string;
  editedAt: string | null;
  version: number;
}

export interface DiscussionAction {
  assigneeAgency: string;
  assigneeUser: DiscussionPerson | null;
  dueDate: string;
  done: boolean;
  doneAt: string | null;
}

/**
 * A comment thread beside a document's text. `anchor` holds two base64 Yjs relative positions in the `default`
 * fragment (null: about the whole document); `quote` is the text they enclosed when the thread was opened.
 */
export interface DiscussionThread {
  id: string;
  documentId: string;
  anchor: { start: string; end: string } | null;
  quote: string | null;
  state: 'open' | 'resolved';
  createdBy: DiscussionPerson;
  createdAt: string;
  resolvedBy: DiscussionPerson | null;
  resolvedAt: string | null;
  action: DiscussionAction | null;
  version: number;
  comments: DiscussionComment[];
}

export const THREAD_EVENT_KINDS = [
  'created',
  'comment_added',
  'comment_edited',
  'comment_deleted',
  'resolved',
  'reopened',
  'action_set',
  'action_cleared',
  'action_done',
] as const;
export type ThreadEventKind = (typeof THREAD_EVENT_KINDS)[number];

/** Sent to every socket joined to the thread's document when the thread changes. */
export interface ThreadEvent {
  documentId: string;
  kind: ThreadEventKind;
  actor: { userId: string; agencyCode: string } | null;
  thread: DiscussionThread;
}

/** Sent to each of the user's own sockets when a notification is written for them. */
export type LiveNotification = NotificationContent & {
  id: string;
  threadId: string | null;
  commentId: string | null;
  /** The notification in English; `kind` and `params` say it as data (src/discussions/notification-params.ts). */
  summary: string;
  url: string;
  read: boolean;
  createdAt: string;
  /** The user's unread count, this one included. */
  unread: number;
};

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
  /** The user's access to a joined document changed (an activity report was accepted, say); `details` says why it was withdrawn. */
  access: (documentId: string, access: Access | null, reason: string, details?: Refusal) => void;
  change: (change: LiveChange) => void;
  thread: (event: ThreadEvent) => void;
  notification: (notification: LiveNotification) => void;
}

/** The presence entry each client's awareness state carries under `user`, always set by the server. */
export interface PresenceUser {
  userId: string;
  name: string;
  agency: string;
  color: string;
}

export const documentRoom = (documentId: string) => `doc:${documentId}`;
/** Every socket of one user, on every process: how the limit of sockets per user is counted across processes. */
export const userRoom = (userId: string) => `user:${userId}`;
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
