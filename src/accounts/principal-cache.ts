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
  /** `false`: no such active user (the cache cannot hold null). Concurrent misses share one lookup. */
  private readonly cache: LRUCache<string, Principal | false>;

  constructor(transactions: Transactions, users: UsersRepository) {
    this.cache = new LRUCache<string, Principal | false>({
      max: 10_000,
      ttl: 5_000,
      fetchMethod: async (userId) => (await users.findActivePrincipal(transactions.db, userId)) ?? false,
    });
  }

  async get(userId: string): Promise<Principal | null> {
    return (await this.cache.fetch(userId)) || null;
  }

  forget(userId: string): void {
    this.cache.delete(userId);
  }
}
