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
