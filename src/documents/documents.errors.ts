import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/errors';

/** A document that cannot be opened (its store failed, or it holds an update that cannot be decoded). */
export class DocumentUnavailableError extends DomainError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  constructor(documentId: string) {
    super('document_unavailable', `Document ${documentId} cannot be opened right now; nothing was changed.`);
  }
}
