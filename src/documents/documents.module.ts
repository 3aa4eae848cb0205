import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module';
import { DocumentAccess } from './document-access';
import { DocumentStore } from './document-store';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { EditBursts } from './edit-bursts';

/**
 * Live documents' storage and meaning: the update log, snapshots and compaction, the materialized text and HTML,
 * edit summaries in the change feed, word diffs. The modules that own documents create them here, in their own
 * transactions, and register who may edit and review them (DocumentAccess); collaboration/ carries them live.
 */
@Module({
  imports: [ChangesModule],
  controllers: [DocumentsController],
  providers: [DocumentsRepository, DocumentStore, DocumentAccess, DocumentsService, EditBursts],
  exports: [DocumentStore, DocumentAccess, DocumentsService, EditBursts],
})
export class DocumentsModule {}
