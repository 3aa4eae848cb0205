import type { SessionData } from 'express-session';
import { mustTurnOnSecondFactor } from '../accounts/session-steps';
import type { Principal } from '../common/principal';
import type { CollabNamespace } from './collab-socket';
import { userRoom } from './protocol';
import { MAX_SOCKETS_PER_USER, type SocketLimits } from './socket-limits';

/**
 * Who may open a socket on the live-document namespace: a signed-in user (the session cookie, read by the HTTP
 * middleware CollabIoAdapter runs first), past the second factor their role requires, within the socket caps. A refusal
 * is the connect_error's message (docs/collaboration-protocol.md). Each socket joins its user's room, which is how
 * every process counts a user's sockets.
 */
export function admitSockets(server: CollabNamespace, limits: SocketLimits): void {
  server.use((socket, next) => {
    const request = socket.request as typeof socket.request & { user?: Principal; sessionID?: string; session?: SessionData };
    if (!request.user) return next(new Error('unauthenticated'));
    // A role that requires two-factor sign-in, not met by how this session signed in: the user may only turn it on (REST).
    if (mustTurnOnSecondFactor(request.user, request.session)) return next(new Error('second_factor_required'));
    const { userId } = request.user;
    const refusal = limits.admit(userId, socket.id);
    if (refusal) return next(new Error(refusal));
    // Also when the connection closes before the socket connects (then no disconnect event comes).
    socket.conn.once('close', () => limits.release(userId, socket.id));
    socket.data = { user: request.user, sessionId: request.sessionID, documents: new Map() };
    // The user's sockets on every process (each is in its user's room once connected). Should the other processes
    // not answer, the socket is let in: the limit protects the servers, it must not lock people out.
    server
      .in(userRoom(userId))
      .fetchSockets()
      .then(
        (sockets) => {
          if (sockets.length < MAX_SOCKETS_PER_USER) return next();
          limits.release(userId, socket.id);
          next(new Error('too_many_connections'));
        },
        () => next(),
      );
  });
  server.on('connection', (socket) => void socket.join(userRoom(socket.data.user.userId)));
}
