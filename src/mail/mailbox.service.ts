import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../audit/audit.service';
import { NotFoundError } from '../common/errors';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import type { MailQuery } from './mail.dto';
import { REDACTED_LINK, withSecretLink } from './outbox';
import type { MailResponse, MailSummaryPage } from './mail.responses';
import { OutboxRepository } from './outbox.repository';

/**
 * The secretariat's view of the outbox: without SMTP_URL it is the mailbox; with it, where failures show. A secret
 * link (invitation, password reset) is never in it: bodies show it redacted, and reading a body is audited.
 */
@Injectable()
export class MailboxService {
  constructor(
    private readonly transactions: Transactions,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditTrail,
  ) {}

  list(user: Principal, query: MailQuery): Promise<MailSummaryPage> {
    authorize(user, 'mail.read', null);
    return this.outbox.list(this.transactions.db, query);
  }

  async get(user: Principal, id: string, ip: string | undefined): Promise<MailResponse> {
    authorize(user, 'mail.read', null);
    const mail = await this.outbox.find(this.transactions.db, id);
    if (!mail) throw new NotFoundError('mail', id);
    await this.audit.record({
      action: 'mail.read',
      actorUserId: user.userId,
      subjectUserId: mail.recipientUserId,
      agencyId: user.agencyId,
      email: mail.to,
      ip,
      details: { mailId: mail.id, kind: mail.kind },
    });
    return { ...mail, text: withSecretLink(mail.text, REDACTED_LINK), html: withSecretLink(mail.html, REDACTED_LINK) };
  }
}
