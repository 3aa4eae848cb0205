import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { UnauthenticatedError } from './errors';

export const ROLES = ['staff', 'focal_point', 'secretariat'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A user's two-factor sign-in: `on`, `off`, or `enrolment_required` (their role requires it and it is not on yet: they
 * may do nothing but turn it on). Demo accounts, which production refuses, are never required to, so the demo opens
 * in one step.
 */
export type SecondFactorState = 'on' | 'off' | 'enrolment_required';

/** Who is acting: what every permission rule and change event needs to know about the user. */
export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  agencyId: string;
  agencyCode: string;
  /**
   * Set by whatever authenticates a request (session, API token): `enrolment_required` confines the user to turning
   * on two-factor sign-in. Principals made for internal work (digests, tests of a rule) leave it out.
   */
  secondFactor?: SecondFactorState;
}

/** The logged-in user of this request (routes behind the session guard always have one). */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const user = context.switchToHttp().getRequest<Request>().user as Principal | undefined;
  if (!user) throw new UnauthenticatedError();
  return user;
});

export const PUBLIC_ROUTE = 'concert:public';
/** Marks a route that answers without a session (login, health). Every other route requires one. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export const SESSION_ONLY = 'concert:session-only';
/** Marks a route an API token may not call, whatever its user may do: changing how that user signs in, or tokens. */
export const SessionOnly = () => SetMetadata(SESSION_ONLY, true);

export const OPEN_BEFORE_SECOND_FACTOR = 'concert:open-before-second-factor';
/** Marks a route a user whose role requires two-factor sign-in may use before turning it on (to turn it on). */
export const OpenBeforeSecondFactor = () => SetMetadata(OPEN_BEFORE_SECOND_FACTOR, true);
