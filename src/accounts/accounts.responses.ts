import { ApiAlwaysTrue } from '../openapi/always-true';
import type { Role, SecondFactorState } from './role';
import type { SignInMethod } from './session-steps';

// What the API answers about sessions, users, invitations, API tokens, two-factor sign-in and the people directory.
// The Swagger plugin of `nest build` describes these classes in the OpenAPI document, from which the browser client's
// types are generated (`npm run api:types`); each handler returns one of them.

/** What the user may do beyond reading, from the policy table: which pages and actions the client offers. */
export class SessionCan {
  manageUsers!: boolean;
  /** The roles the user may give. */
  grantRoles!: Role[];
  readMail!: boolean;
  readAudit!: boolean;
  manageFrameworks!: boolean;
  manageCommitments!: boolean;
  manageConsolidatedReports!: boolean;
  /** See the agency's single sign-on settings (its focal points; the secretariat, who also changes them). */
  readSso!: boolean;
  manageAgencies!: boolean;
}

/** The signed-in user, their agency and what they may do: GET /api/auth/me and every sign-in. */
export class SessionResponse {
  user!: { id: string; email: string; displayName: string; role: Role; secondFactor: SecondFactorState };
  agency!: { id: string; code: string; name: string };
  can!: SessionCan;
  /** How this session signed in (null for an API token). */
  signedInWith!: SignInMethod | null;
  /** Nothing but turning on two-factor sign-in is open to this session (its role requires a factor it has not met). */
  mustTurnOnSecondFactor!: boolean;
}

/** The answer to a right password when the account has a second factor: the session is not signed in yet. */
export class SecondFactorChallengeResponse {
  @ApiAlwaysTrue()
  secondFactorRequired!: true;
}

/** The same answer whether or not the address has an account (invitations, password resets). */
export class RequestAcceptedResponse {
  @ApiAlwaysTrue()
  accepted!: true;
  email!: string;
}

/** Whether the caller may change this user (role, active, second factor). */
export class UserCan {
  /** Change this user's role, deactivate or reactivate them, reset their second factor. */
  manage!: boolean;
}

export class UserResponse {
  id!: string;
  email!: string;
  displayName!: string;
  role!: Role;
  active!: boolean;
  version!: number;
  /** Whether the user signs in with a second factor (a manager can reset it when it is lost). */
  secondFactor!: SecondFactorState;
  can!: UserCan;
}

export class UserPage {
  items!: UserResponse[];
  total!: number;
}

/** Who sent an invitation. */
export class InviterResponse {
  id!: string;
  displayName!: string;
}

/** An invitation not yet accepted, revoked or expired, as the managers of its agency see it. */
export class InvitationResponse {
  id!: string;
  email!: string;
  displayName!: string;
  role!: Role;
  invitedBy!: InviterResponse | null;
  createdAt!: Date;
  expiresAt!: Date;
}

export class InvitationPage {
  items!: InvitationResponse[];
  total!: number;
}

/** A personal API token, without its secret. */
export class ApiTokenResponse {
  id!: string;
  name!: string;
  createdAt!: Date;
  expiresAt!: Date | null;
  lastUsedAt!: Date | null;
  revokedAt!: Date | null;
}

export class ApiTokenPage {
  items!: ApiTokenResponse[];
  total!: number;
}

/** A token just made, with its secret. */
export class CreatedApiTokenResponse extends ApiTokenResponse {
  /** The secret, shown this once: only its hash is kept. */
  token!: string;
}

/** The signed-in user's two-factor sign-in. */
export class SecondFactorStatusResponse {
  state!: SecondFactorState;
  /** The role requires it: it cannot be turned off, only reset by a manager when the app is lost. */
  required!: boolean;
  enabledAt!: Date | null;
  recoveryCodesLeft!: number;
}

/** A new secret for the authenticator app; nothing changes until it is confirmed. */
export class SecondFactorEnrolmentResponse {
  /** Base32, for typing into an app by hand. */
  secret!: string;
  /** otpauth://totp/… for the QR code. */
  uri!: string;
  /** The URI as a PNG data: URL, to show as an image. */
  qrCode!: string;
}

export class RecoveryCodesResponse {
  /** Shown once: only their hashes are kept. */
  recoveryCodes!: string[];
}

/** A user as others see them (the people directory, discussions): name and agency, never email. */
export class PersonResponse {
  id!: string;
  displayName!: string;
  agencyCode!: string;
}

/** At most 20 people: no total, no paging. */
export class PeopleSearchResponse {
  items!: PersonResponse[];
}
