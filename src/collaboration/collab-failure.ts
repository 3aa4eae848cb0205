import type { Logger } from '@nestjs/common';
import { DomainError, ForbiddenError } from '../common/errors';
import type { CollabError, CollabErrorCode, Refusal } from './protocol';

/** A refusal of the live-document protocol: the code and sentence the sender gets (docs/collaboration-protocol.md). */
export class CollabFailure extends Error {
  constructor(
    readonly code: CollabErrorCode,
    message: string,
    readonly details?: Refusal,
  ) {
    super(message);
  }
}

/** What the sender of a refused or failed event is told; anything unforeseen is logged and told as internal_error. */
export function describeFailure(error: unknown, logger: Pick<Logger, 'error'>): CollabError {
  if (error instanceof CollabFailure) return { code: error.code, message: error.message, ...(error.details && { details: error.details }) };
  if (error instanceof ForbiddenError) return { code: 'forbidden', message: error.message, details: error.refusal };
  if (error instanceof DomainError) {
    const code = (['not_found', 'document_unavailable', 'document_full'] as const).find((c) => c === error.code) ?? 'internal_error';
    return { code, message: error.message };
  }
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' };
}
