import { Injectable } from '@nestjs/common';
import { CollabFailure } from './collab-failure';

/** Events (of any kind) one socket may send per second before it is told to slow down. */
export const MESSAGES_PER_SECOND = 100;
/** Sockets one user may hold open: on this process here, on all of them at the handshake (handshake.ts). */
export const MAX_SOCKETS_PER_USER = 20;
/** Documents one socket may have joined (or be joining) at once. */
export const MAX_DOCUMENTS_PER_SOCKET = 50;
/** Yjs client ids one socket may speak for in one document's awareness. */
export const MAX_AWARENESS_CLIENTS_PER_SOCKET = 4;

/**
 * What one process allows each socket and user on the live-document namespace (docs/collaboration-protocol.md,
 * "Limits"). Synchronous on purpose: a socket's allowance is spent (by CollabIoAdapter) before its handler runs, so
 * that events are counted, and refused, in the order they arrived.
 */
@Injectable()
export class SocketLimits {
  private readonly socketsOfUser = new Map<string, Set<string>>();
  /** The current one-second window of each socket: when it began and how many events it has counted. */
  private readonly windows = new Map<string, { startedAt: number; events: number }>();
  private readonly joinsInFlight = new Map<string, number>();

  /** The clock; unit tests set their own. */
  now: () => number = Date.now;

  /** At the handshake: registers the socket, or answers why it is refused (the connect_error message). */
  admit(userId: string, socketId: string): 'too_many_connections' | null {
    const sockets = this.socketsOfUser.get(userId) ?? new Set<string>();
    if (!sockets.has(socketId) && sockets.size >= MAX_SOCKETS_PER_USER) return 'too_many_connections';
    sockets.add(socketId);
    this.socketsOfUser.set(userId, sockets);
    return null;
  }

  /** The socket is gone: its seat, its rate window and its joins in flight are forgotten. Safe to call twice. */
  release(userId: string, socketId: string): void {
    const sockets = this.socketsOfUser.get(userId);
    sockets?.delete(socketId);
    if (sockets?.size === 0) this.socketsOfUser.delete(userId);
    this.windows.delete(socketId);
    this.joinsInFlight.delete(socketId);
  }

  /** Counts one event of the socket, or throws `rate_limited` when its second is used up. */
  spend(socketId: string): void {
    const now = this.now();
    let window = this.windows.get(socketId);
    if (!window || now - window.startedAt >= 1_000) {
      window = { startedAt: now, events: 0 };
      this.windows.set(socketId, window);
    }
    if (window.events >= MESSAGES_PER_SECOND) {
      throw new CollabFailure('rate_limited', `Slow down: at most ${MESSAGES_PER_SECOND} messages a second.`);
    }
    window.events++;
  }

  /**
   * Reserves a document seat for a join about to load, counting the socket's `joined` documents and its other joins
   * in flight (so that 51 joins sent at once cannot all pass), or throws `too_many_documents`. Call the returned
   * function once the join is done, joined or not.
   */
  startJoin(socketId: string, joined: number): () => void {
    const inFlight = this.joinsInFlight.get(socketId) ?? 0;
    if (joined + inFlight >= MAX_DOCUMENTS_PER_SOCKET) {
      throw new CollabFailure('too_many_documents', `A connection may have at most ${MAX_DOCUMENTS_PER_SOCKET} documents open; leave one first.`);
    }
    this.joinsInFlight.set(socketId, inFlight + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.joinsInFlight.get(socketId) ?? 1) - 1;
      if (left > 0) this.joinsInFlight.set(socketId, left);
      else this.joinsInFlight.delete(socketId);
    };
  }

  /** Sockets this process holds for the user, for tests and diagnostics. */
  socketsOf(userId: string): number {
    return this.socketsOfUser.get(userId)?.size ?? 0;
  }
}
