import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '../common/errors';
import { UuidParam } from '../common/params';
import { CurrentUser, type Principal } from '../common/principal';
import { DocumentAccess, type DocumentOwner } from './document-access';
import { DocumentStore } from './document-store';

export interface DocumentView {
  id: string;
  owner: DocumentOwner;
  /** As last materialized, a couple of seconds after edits settle. */
  text: string;
  html: string;
  /** What the user may do with it, from the rules its owning module registered (issue #14, item 7). */
  can: {
    /** Edit the text live (the others view it). */
    edit: boolean;
    /** Start discussions and reply on it. */
    comment: boolean;
    /** Resolve its discussions and make action items of them. */
    review: boolean;
  };
}

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly access: DocumentAccess,
    private readonly store: DocumentStore,
  ) {}

  @Get(':id')
  async get(@CurrentUser() user: Principal, @UuidParam() id: string): Promise<DocumentView> {
    const [owner, materialized] = await Promise.all([this.access.owner(id), this.store.materialized(id)]);
    if (!materialized) throw new NotFoundError('document', id);
    const can = {
      edit: this.access.decide(user, owner).access === 'edit',
      comment: this.access.discussionClosed(owner) === null,
      review: this.access.reviews(user, owner),
    };
    return { id, owner, ...materialized, can };
  }
}
