import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../common/params';
import { CollabGateway } from './collab.gateway';
import { DocumentAccess, type DocumentOwner } from './document-access';
import { DocumentStore } from './document-store';
import type { PresenceUser } from './protocol';
import { NotFoundError } from '../common/errors';

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
    private readonly gateway: CollabGateway,
  ) {}

  @Get(':id')
  async get(@UuidParam() id: string): Promise<DocumentView> {
    const [owner, materialized] = await Promise.all([this.access.owner(id), this.store.materialized(id)]);
    if (!materialized) throw new NotFoundError('document', id);
    return { id, owner, ...materialized };
  }

  /** Who has the document open, for dashboards: `{ items: [{ userId, name, agency, color }] }`. */
  @Get(':id/presence')
  async presence(@UuidParam() id: string): Promise<{ items: PresenceUser[]; total: number }> {
    await this.access.owner(id);
    const items = this.gateway.presence(id);
    return { items, total: items.length };
  }
}
