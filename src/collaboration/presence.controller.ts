import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../common/params';
import { DocumentAccess } from '../documents/document-access';
import { PresencePage } from './collaboration.responses';
import { DocumentRegistry } from './document-registry';

@ApiTags('documents')
@Controller('documents')
export class PresenceController {
  constructor(
    private readonly access: DocumentAccess,
    private readonly registry: DocumentRegistry,
  ) {}

  /** Who has the document open, for dashboards: `{ items: [{ userId, name, agency, color }] }` (every process's users). */
  @Get(':id/presence')
  async presence(@UuidParam() id: string): Promise<PresencePage> {
    await this.access.owner(id);
    const document = this.registry.get(id);
    const items = document?.loaded ? document.presence() : [];
    return { items, total: items.length };
  }
}
