import { Global, Module } from '@nestjs/common';
import { DocumentsRepository } from './documents.repository';

@Global()
@Module({ providers: [DocumentsRepository], exports: [DocumentsRepository] })
export class CollaborationModule {}
