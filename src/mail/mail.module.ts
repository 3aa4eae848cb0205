import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MailController } from './mail.controller';
import { MailDelivery } from './mail-delivery';
import { MailboxService } from './mailbox.service';
import { Outbox } from './outbox';
import { OutboxRepository } from './outbox.repository';

/** The mail outbox, its delivery to SMTP_URL, and the secretariat's mailbox. */
@Module({
  imports: [AuditModule],
  controllers: [MailController],
  providers: [OutboxRepository, Outbox, MailDelivery, MailboxService],
  exports: [Outbox, OutboxRepository, MailDelivery],
})
export class MailModule {}
