import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors';
import type { Page } from '../common/pagination';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import type { MailQuery } from './mail.dto';
import { type MailSummary, type MailView, OutboxRepository } from './outbox.repository';

/** The secretariat's view of the outbox: without SMTP_URL it is the mailbox; with it, where failures show. */
@Injectable()
export class MailboxService {
  constructor(
    private readonly transactions: Transactions,
    private readonly outbox: OutboxRepository,
  ) {}

  list(user: Principal, query: MailQuery): Promise<Page<MailSummary>> {
    authorize(user, 'mail.read', null);
    return this.outbox.list(this.transactions.db, query);
  }

  async get(user: Principal, id: string): Promise<MailView> {
    authorize(user, 'mail.read', null);
    const mail = await this.outbox.find(this.transactions.db, id);
    if (!mail) throw new NotFoundError('mail', id);
    return mail;
  }
}
