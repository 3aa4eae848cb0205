import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '../common/errors';
import { UuidParam } from '../common/params';
import { DocumentAccess, type DocumentOwner } from './document-access';
import { DocumentStore } from './document-store';

export interface DocumentView {
  id: string;
  owner: DocumentOwner;
  /** As last materialized, a couple of seconds after edits settle. */
  text: string;
  html: string;
}

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly access: DocumentAccess,
    private readonly store: DocumentStore,
  ) {}

  @Get(':id')
  async get(@UuidParam() id: string): Promise<DocumentView> {
    const [owner, materialized] = await Promise.all([this.access.owner(id), this.store.materialized(id)]);
    if (!materialized) throw new NotFoundError('document', id);
    return { id, owner, ...materialized };
  }
}
