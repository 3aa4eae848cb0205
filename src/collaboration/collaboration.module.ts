import { Global, Module } from '@nestjs/common';
import { CollabGateway } from './collab.gateway';
import { DocumentAccess } from './document-access';
import { DocumentRegistry } from './document-registry';
import { DocumentStore } from './document-store';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { EditBursts } from './edit-bursts';

/** Live documents: the socket.io gateway, the registry of open documents, their storage and materialized text. */
@Global()
@Module({
  controllers: [DocumentsController],
  providers: [DocumentsRepository, DocumentStore, DocumentAccess, DocumentRegistry, EditBursts, DocumentsService, CollabGateway],
  exports: [DocumentsRepository, DocumentsService],
})
export class CollaborationModule {}
