import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Transactions } from '../database/transactions';
import type { Principal } from '../common/principal';
import { UsersRepository } from './users.repository';

/**
 * Who a session's user is, read once every few seconds rather than on every request: the list pages of the API
 * must not pay a query for it (issue #2's benchmark). A role change or deactivation is seen within `ttl` by every
 * process, and at once by the process that made it (`forget`).
 */
@Injectable()
export class PrincipalCache {
  private readonly cache = new LRUCache<string, Principal | false>({ max: 10_000, ttl: 5_000 });

  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
  ) {}

  async get(userId: string): Promise<Principal | null> {
    const cached = this.cache.get(userId);
    if (cached !== undefined) return cached || null;
    const principal = await this.users.findActivePrincipal(this.transactions.db, userId);
    this.cache.set(userId, principal ?? false);
    return principal;
  }

  forget(userId: string): void {
    this.cache.delete(userId);
  }
}
