import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PgNotifications } from '../database/notifications';
import type { Db } from '../database/transactions';
import { PrincipalCache } from './principal-cache';
import type { CachedPgSessionStore } from './session-store';

/** Announced (pg_notify) when a session ends, so that every process drops the live connections it opened. */
export const SESSION_ENDED_CHANNEL = 'concert_session_ended';

/**
 * Ends every session of a user (deactivation, password reset): deletes their rows, and announces each on
 * SESSION_ENDED_CHANNEL once the transaction commits, so that every process forgets its cached copy and the socket
 * gateway drops the sockets those sessions opened.
 */
@Injectable()
export class AccountSessions implements OnApplicationBootstrap, OnApplicationShutdown {
  private store: CachedPgSessionStore | null = null;

  constructor(
    private readonly notifications: PgNotifications,
    private readonly principals: PrincipalCache,
  ) {}

  /** app.ts hands over the session store it built, so that an ended session leaves this process's read cache too. */
  useStore(store: CachedPgSessionStore): void {
    this.store = store;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(SESSION_ENDED_CHANNEL, (sid) => this.store?.evict(sid));
  }

  /** Stops the store's timer that prunes expired sessions: it would outlive the app and query a closed pool. */
  onApplicationShutdown(): void {
    // It ends no pool (the pool is TypeORM's), so there is nothing to wait for.
    this.store?.close();
  }

  /** In the caller's transaction: the NOTIFYs are delivered only if it commits. */
  async endAll(tx: Db, userId: string, options: { except?: string } = {}): Promise<number> {
    const rows: { sid: string }[] = await tx.query(
      // A CTE, so that the driver answers rows (a bare DELETE … RETURNING answers [rows, count]).
      `WITH ended AS (DELETE FROM sessions WHERE sess->'passport'->>'user' = $1 AND sid <> $2 RETURNING sid) SELECT sid FROM ended`,
      [userId, options.except ?? ''],
    );
    for (const { sid } of rows) {
      this.store?.evict(sid);
      await tx.query('SELECT pg_notify($1, $2)', [SESSION_ENDED_CHANNEL, sid]);
    }
    this.principals.forget(userId);
    return rows.length;
  }
}
