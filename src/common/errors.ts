import { HttpStatus } from '@nestjs/common';
import { type Refusal, refusalSentence } from './refusals';

/**
 * An error a user can act on: a stable code for programs, a sentence for people, and the HTTP status it maps to.
 * Features throw subclasses; the one exception filter turns them into HTTP answers (and socket errors later).
 */
export abstract class DomainError extends Error {
  abstract readonly status: HttpStatus;
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor(entity: string, id: string) {
    super('not_found', `No ${entity} with id ${id}.`, { entity, id });
  }
}

/** A refusal: its English sentence as the message, and `details: { reason, ...params }` for clients to say it in any language. */
export class ForbiddenError extends DomainError {
  readonly status = HttpStatus.FORBIDDEN;
  constructor(readonly refusal: Refusal) {
    super('forbidden', refusalSentence(refusal), { ...refusal });
  }
}

export class UnauthenticatedError extends DomainError {
  readonly status = HttpStatus.UNAUTHORIZED;
  constructor(message = 'You need to log in.') {
    super('unauthenticated', message);
  }
}

/** The row changed since the client read it (optimistic concurrency). */
export class StaleVersionError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor(entity: string, id: string, sentVersion: number, currentVersion: number) {
    super(
      'stale_version',
      `This ${entity} was changed by someone else (version ${currentVersion}, you sent ${sentVersion}). Reload it and try again.`,
      { id, currentVersion },
    );
  }
}

export class ConflictError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

/** Input that passed the shape checks but breaks a domain rule (an indicator of another commitment, say). */
export class InvalidInputError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(field: string, message: string) {
    // `fields`, as validation failures carry it, so that clients read one shape for every 400.
    super('invalid_input', message, { field, fields: [field] });
  }
}
