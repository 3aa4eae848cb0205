import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors';

/** Why a sign-in through a provider was refused: each has a sentence on the login page (web/src/pages/LoginPage.tsx). */
export const SSO_REFUSALS = [
  'no_sign_in_under_way',
  'provider_error',
  'invalid_response',
  'email_missing',
  'email_unverified',
  'domain_not_agency',
  'no_account',
  'account_in_other_agency',
  'deactivated',
  'invitation_invalid',
] as const;
export type SsoRefusalReason = (typeof SSO_REFUSALS)[number];

/** A sign-in through the agency's provider that Concert refuses; the callback sends the browser to the login page with it. */
export class SsoRefusal extends DomainError {
  readonly status = HttpStatus.UNAUTHORIZED;
  constructor(
    readonly reason: SsoRefusalReason,
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(`sso_${reason}`, message, { reason });
  }
}

/** The email's domain belongs to no agency that signs in through a provider. */
export class NoProviderError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(field: 'email' | 'agency', message: string) {
    super('no_provider', message, { field, fields: [field] });
  }
}
