import type { Request } from 'express';
import type { Principal } from '../common/principal';

/** How long the second step of a sign-in may wait after the password was accepted. */
export const PENDING_SIGN_IN_MS = 5 * 60 * 1000;

/**
 * How a session signed in: with the password alone, the password and a code (TOTP or recovery), the agency's provider
 * alone, the provider and then a code, or the provider whose ID token says it used several factors (`amr`).
 */
export const SIGN_IN_METHODS = ['password', 'password_second_factor', 'provider', 'provider_second_factor', 'provider_mfa'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** The methods that meet a role's two-factor requirement. */
const MULTI_FACTOR_METHODS: readonly SignInMethod[] = ['password_second_factor', 'provider_second_factor', 'provider_mfa'];

declare module 'express-session' {
  interface SessionData {
    /** The first step was right and the user has a second factor: the session is not signed in until the code is. */
    pendingSignIn?: { userId: string; email: string; expiresAt: number; via?: 'password' | 'provider' };
    /** Kept on the session itself: the REST guard and the socket handshake both read it (`mustTurnOnSecondFactor`). */
    signedInWith?: SignInMethod;
  }
}

/**
 * Whether this user, on this session, may only turn two-factor sign-in on: their role requires a second factor, they
 * have none in Concert, and the session did not sign in with several factors at their agency's provider. Read by the
 * REST guard and the socket handshake alike, from the session the request carries.
 */
export function mustTurnOnSecondFactor(user: Principal, session: { signedInWith?: SignInMethod } | undefined): boolean {
  if (user.secondFactor !== 'enrolment_required') return false;
  return !MULTI_FACTOR_METHODS.includes(session?.signedInWith ?? 'password');
}

/**
 * The session that authenticates this request, if one does: none when an API token does (whatever cookie comes with
 * it), so that how someone's session signed in never speaks for a token's user.
 */
export function authenticatingSession(request: Request): { signedInWith?: SignInMethod } | undefined {
  return /^Bearer\s/i.test(request.headers.authorization ?? '') ? undefined : request.session;
}

/** Signs the principal in on a fresh session (passport ≥ 0.6 regenerates it: an id planted before is worthless). */
export async function logIn(request: Request, principal: Principal, method: SignInMethod): Promise<void> {
  await new Promise<void>((resolve, reject) => request.logIn(principal, (error: unknown) => (error ? reject(asError(error)) : resolve())));
  request.session.signedInWith = method;
}

/** A fresh session id, with nothing in it: after the password step, so that a planted id learns nothing. */
export function regenerateSession(request: Request): Promise<void> {
  return new Promise((resolve, reject) => request.session.regenerate((error: unknown) => (error ? reject(asError(error)) : resolve())));
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
