import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/errors';

/** Too many failed sign-ins for this account or from this address; the answer carries Retry-After. */
export class TooManyAttemptsError extends DomainError {
  readonly status = HttpStatus.TOO_MANY_REQUESTS;
  constructor(readonly retryAfterSeconds: number) {
    super('too_many_attempts', `Too many failed sign-ins. Try again in ${describeWait(retryAfterSeconds)}.`, { retryAfterSeconds });
  }
}

/** An invitation or reset link that is unknown, expired or used: one answer for all three, so none is revealed. */
export class InvalidAccountTokenError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(what: 'invitation' | 'password reset') {
    super('invalid_token', `This ${what} link is invalid, has expired or was already used. Ask for a new one.`, { fields: ['token'] });
  }
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** A user whose role requires two-factor sign-in has not turned it on: nothing but enrolling is open to them. */
export class SecondFactorRequiredError extends DomainError {
  readonly status = HttpStatus.FORBIDDEN;
  constructor() {
    super(
      'second_factor_required',
      'Your role requires two-factor sign-in. Turn it on first (Settings → Two-factor sign-in); nothing else is open until then.',
    );
  }
}

/** A TOTP or recovery code that is wrong, outside the time window, or already used: one answer for all. */
export class InvalidSecondFactorError extends DomainError {
  readonly status = HttpStatus.UNAUTHORIZED;
  constructor(field: 'code' | 'recoveryCode') {
    super('invalid_code', field === 'code' ? 'This code is not valid or was already used. Enter the current code from your app.' : 'This recovery code is not valid or was already used.', {
      fields: [field],
    });
  }
}

/** An invitation into an agency that signs in only through its provider: accepted there, not with a password. */
export class InvitationThroughProviderError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor(agencyCode: string) {
    super('sign_in_through_provider', `${agencyCode} signs in through its own sign-in service: accept the invitation there, not with a password.`, {
      agency: agencyCode,
    });
  }
}
