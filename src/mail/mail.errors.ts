import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/errors';

/** An unsubscribe link that was not made by this deployment (or was altered). */
export class UnsubscribeTokenInvalidError extends DomainError {
  readonly status = HttpStatus.FORBIDDEN;
  constructor() {
    super('unsubscribe_token_invalid', 'This unsubscribe link is not valid.');
  }
}

/** The link of one mail unsubscribes once; the preferences page turns digests back on. */
export class UnsubscribeTokenUsedError extends DomainError {
  readonly status = HttpStatus.GONE;
  constructor() {
    super('unsubscribe_token_used', 'This unsubscribe link was already used; you receive no digests.');
  }
}

/** In production without SMTP_URL a secret link could only be held where others read it: it is not made at all. */
export class MailNotConfiguredError extends DomainError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  constructor() {
    super('mail_not_configured', 'Concert cannot send mail here (SMTP_URL is not set), so it cannot send this link. Ask the operator to configure mail.');
  }
}
