import { Injectable } from '@nestjs/common';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { type Db, Transactions } from '../database/transactions';
import { AuditQuery } from './audit.dto';
import { type AuditRecord, AuditRepository } from './audit.repository';
import type { AuditEventPage } from './audit.responses';

/** Who did what and when: written in the transaction of what it records (or on its own for sign-in attempts). */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: AuditRepository,
  ) {}

  record(record: AuditRecord, tx: Db = this.transactions.db): Promise<void> {
    return this.events.insert(tx, record);
  }

  list(user: Principal, query: AuditQuery): Promise<AuditEventPage> {
    authorize(user, 'audit.read', null);
    return this.events.list(this.transactions.db, query);
  }
}
