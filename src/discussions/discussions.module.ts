import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AgenciesModule } from '../agencies/agencies.module';
import { ChangesModule } from '../changes/changes.module';
import { DocumentsModule } from '../documents/documents.module';
import { MailModule } from '../mail/mail.module';
import {
  ActionItemsController,
  CommentsController,
  DocumentThreadsController,
  MyNotificationsController,
  ThreadsController,
} from './discussions.controller';
import { DiscussionsService } from './discussions.service';
import { LiveDiscussionsGateway } from './live-discussions.gateway';
import { MentionMail } from './mention-mail';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { ThreadsRepository } from './threads.repository';

/**
 * Review discussions beside live documents: threads anchored by Yjs relative positions, comments with mentions,
 * action items, each user's notifications (live on /collab) and mail for mentions. Documents' rules say who may do
 * what; reporting opens a thread when it returns a report; digests read action items for reminders.
 */
@Module({
  imports: [AccountsModule, AgenciesModule, ChangesModule, DocumentsModule, MailModule],
  controllers: [DocumentThreadsController, ThreadsController, CommentsController, ActionItemsController, MyNotificationsController],
  providers: [ThreadsRepository, NotificationsRepository, DiscussionsService, NotificationsService, MentionMail, LiveDiscussionsGateway],
  exports: [DiscussionsService, NotificationsRepository, MentionMail],
})
export class DiscussionsModule {}
