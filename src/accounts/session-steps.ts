import type { Request } from 'express';
import type { Principal } from '../common/principal';

/** How long the second step of a sign-in may wait after the password was accepted. */
export const PENDING_SIGN_IN_MS = 5 * 60 * 1000;

declare module 'express-session' {
  interface SessionData {
    /** The password was right and the user has a second factor: the session is not signed in until the code is. */
    pendingSignIn?: { userId: string; email: string; expiresAt: number };
  }
}

/** Signs the principal in on a fresh session (passport ≥ 0.6 regenerates it: an id planted before is worthless). */
export function logIn(request: Request, principal: Principal): Promise<void> {
  return new Promise((resolve, reject) => request.logIn(principal, (error: unknown) => (error ? reject(asError(error)) : resolve())));
}

/** A fresh session id, with nothing in it: after the password step, so that a planted id learns nothing. */
export function regenerateSession(request: Request): Promise<void> {
  return new Promise((resolve, reject) => request.session.regenerate((error: unknown) => (error ? reject(asError(error)) : resolve())));
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
