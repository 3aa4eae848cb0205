import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { TooManyAttemptsError } from './accounts.errors';

/** Failed sign-ins allowed per account per window, then refused (429) until the window ends. */
export const ACCOUNT_FAILURES = { points: 10, duration: 15 * 60 } as const;
/** Failed sign-ins allowed per client address per window: many accounts guessed from one place. */
export const ADDRESS_FAILURES = { points: 100, duration: 60 * 60 } as const;

/**
 * Counts failed sign-ins per account and per address in Postgres (rate-limiter-flexible's RateLimiterPostgres, table
 * `login_throttle` made by the migration), so that the limit holds across processes and restarts. Only failures
 * count; a success clears the account's count.
 */
@Injectable()
export class LoginThrottle {
  private readonly byAccount: RateLimiterPostgres;
  private readonly byAddress: RateLimiterPostgres;

  constructor(dataSource: DataSource) {
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    const common = { storeClient: pool, storeType: 'pool', tableName: 'login_throttle', tableCreated: true, clearExpiredByTimeout: false };
    this.byAccount = new RateLimiterPostgres({ ...common, keyPrefix: 'account', ...ACCOUNT_FAILURES });
    this.byAddress = new RateLimiterPostgres({ ...common, keyPrefix: 'address', ...ADDRESS_FAILURES });
  }

  /** Throws a 429 (with the seconds to wait) when either count is used up. */
  async check(email: string, address: string): Promise<void> {
    const [account, origin] = await Promise.all([this.byAccount.get(accountKey(email)), this.byAddress.get(address)]);
    const waits = [
      blockedFor(account, ACCOUNT_FAILURES.points),
      blockedFor(origin, ADDRESS_FAILURES.points),
    ].filter((ms): ms is number => ms !== null);
    if (waits.length > 0) throw new TooManyAttemptsError(Math.max(1, Math.ceil(Math.max(...waits) / 1000)));
  }

  async failed(email: string, address: string): Promise<void> {
    // penalty() adds points without rejecting: check() is what refuses.
    await Promise.all([this.byAccount.penalty(accountKey(email), 1), this.byAddress.penalty(address, 1)]);
  }

  async succeeded(email: string): Promise<void> {
    await this.byAccount.delete(accountKey(email));
  }
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

function blockedFor(state: RateLimiterRes | null, points: number): number | null {
  return state && state.consumedPoints >= points && state.msBeforeNext > 0 ? state.msBeforeNext : null;
}
