import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { PgNotifications } from '../database/notifications';
import { type Db, Transactions } from '../database/transactions';
import type { Principal } from '../common/principal';
import { UsersRepository } from './users.repository';

/** Announced (pg_notify, payload: the user id) when who a user is changes: role, active, second factor. */
export const USER_CHANGED_CHANNEL = 'concert_user_changed';

/**
 * Who a session's user is, read once every few seconds rather than on every request: the list pages of the API
 * must not pay a query for it (issue #2's benchmark). A change to a user (role, deactivation, second factor) is
 * announced on USER_CHANGED_CHANNEL when its transaction commits, and every process forgets its copy then; `ttl`
 * only bounds how long a copy lives should a notification be lost (the listening connection reconnecting).
 */
@Injectable()
export class PrincipalCache implements OnApplicationBootstrap {
  /** `false`: no such active user (the cache cannot hold null). Concurrent misses share one lookup. */
  private readonly cache: LRUCache<string, Principal | false>;

  constructor(
    transactions: Transactions,
    users: UsersRepository,
    private readonly notifications: PgNotifications,
  ) {
    this.cache = new LRUCache<string, Principal | false>({
      max: 10_000,
      ttl: 5_000,
      fetchMethod: async (userId) => (await users.findActivePrincipal(transactions.db, userId)) ?? false,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(USER_CHANGED_CHANNEL, (userId) => this.cache.delete(userId));
  }

  async get(userId: string): Promise<Principal | null> {
    // A change announced while the lookup runs aborts it (the row it read may be the old one): look up again.
    for (;;) {
      const status: LRUCache.Status<string, Principal | false> = {};
      try {
        return (await this.cache.fetch(userId, { status })) || null;
      } catch (error) {
        if (!status.fetchAborted) throw error;
      }
    }
  }

  /** After the commit of a change, in the process that made it. */
  forget(userId: string): void {
    this.cache.delete(userId);
  }

  /**
   * In the transaction that changes the user: this process forgets its copy now (and again after the commit, so
   * that a lookup made in between cannot keep the old one), every other process when the NOTIFY arrives.
   */
  async changed(tx: Db, userId: string): Promise<void> {
    this.cache.delete(userId);
    await tx.query('SELECT pg_notify($1, $2)', [USER_CHANGED_CHANNEL, userId]);
  }
}
