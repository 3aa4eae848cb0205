import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '../common/errors';
import { UuidParam } from '../common/params';
import { CurrentUser, type Principal } from '../common/principal';
import { DocumentAccess } from './document-access';
import { DocumentStore } from './document-store';
import { DocumentResponse } from './documents.responses';

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly access: DocumentAccess,
    private readonly store: DocumentStore,
  ) {}

  @Get(':id')
  async get(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<DocumentResponse> {
    const [owner, materialized] = await Promise.all([this.access.owner(id), this.store.materialized(id)]);
    if (!materialized) throw new NotFoundError('document', id);
    const can = {
      edit: this.access.decide(user, owner).access === 'edit',
      comment: this.access.discussionClosed(owner) === null,
      review: this.access.reviews(user, owner),
    };
    // The owner as documented: each kind's rules keep more about it (agency ids, a report's state) for their decisions.
    const { kind, documentId, frameworkId, commitmentId, entityType, entityId, title, name } = owner;
    return { id, owner: { kind, documentId, frameworkId, commitmentId, entityType, entityId, title, name }, ...materialized, can };
  }
}
