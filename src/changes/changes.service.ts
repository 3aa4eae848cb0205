import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { ChangesQuery } from './changes.dto';
import { ChangesRepository } from './changes.repository';
import type { ChangePage } from './changes.responses';

@Injectable()
export class ChangesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly changes: ChangesRepository,
  ) {}

  /** Every active user reads the whole feed (DESIGN.md §3). */
  async list(query: ChangesQuery): Promise<ChangePage> {
    const items = await this.changes.list(this.transactions.db, {
      afterId: query.cursor,
      since: query.since ? new Date(query.since) : undefined,
      frameworkId: query.frameworkId,
      commitmentId: query.commitmentId,
      entityType: query.entityType,
      entityId: query.entityId,
      order: query.order,
      limit: query.limit,
    });
    return { items, nextCursor: items.length === query.limit ? items[items.length - 1].id : null };
  }
}
