import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { TooManyAttemptsError } from './accounts.errors';

/** Failed sign-ins allowed per account per window, then refused (429) until the window ends. */
export const ACCOUNT_FAILURES = { points: 10, duration: 15 * 60 } as const;
/** Failed sign-ins allowed per client address per window: many accounts guessed from one place. */
export const ADDRESS_FAILURES = { points: 100, duration: 60 * 60 } as const;
/** Password-reset requests per address asked for, and per client address, per hour: no mail bombing, no enumeration. */
export const RESET_REQUESTS_PER_EMAIL = { points: 5, duration: 60 * 60 } as const;
export const RESET_REQUESTS_PER_ADDRESS = { points: 20, duration: 60 * 60 } as const;

/**
 * Counts sign-in attempts (password, authenticator code, recovery code) per account and per client address in
 * PostgreSQL (rate-limiter-flexible's RateLimiterPostgres, table `login_throttle` made by the migration), so that the
 * limit holds across processes and restarts.
 *
 * An attempt is spent BEFORE the secret is verified, in one atomic upsert, and given back when it succeeds: fifty
 * guesses sent in parallel get no more verifications than fifty sent one by one (a check-then-count would let all
 * fifty through the check before the first failure is counted). So only failures stay counted, as before.
 */
@Injectable()
export class LoginThrottle {
  private readonly byAccount: RateLimiterPostgres;
  private readonly byAddress: RateLimiterPostgres;
  private readonly resetsByEmail: RateLimiterPostgres;
  private readonly resetsByAddress: RateLimiterPostgres;

  constructor(dataSource: DataSource) {
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    const common = { storeClient: pool, storeType: 'pool', tableName: 'login_throttle', tableCreated: true, clearExpiredByTimeout: false };
    this.byAccount = new RateLimiterPostgres({ ...common, keyPrefix: 'account', ...ACCOUNT_FAILURES });
    this.byAddress = new RateLimiterPostgres({ ...common, keyPrefix: 'address', ...ADDRESS_FAILURES });
    this.resetsByEmail = new RateLimiterPostgres({ ...common, keyPrefix: 'reset_email', ...RESET_REQUESTS_PER_EMAIL });
    this.resetsByAddress = new RateLimiterPostgres({ ...common, keyPrefix: 'reset_address', ...RESET_REQUESTS_PER_ADDRESS });
  }

  /**
   * Spends one attempt of the account and one of the address, or throws a 429 (with the seconds to wait) when either
   * is used up; then, and only then, may the caller verify. A refused attempt spends nothing of the other count.
   */
  async attempt(email: string, address: string): Promise<void> {
    await spend(this.byAccount, accountKey(email));
    try {
      await spend(this.byAddress, address);
    } catch (error) {
      await this.byAccount.reward(accountKey(email), 1);
      throw error;
    }
  }

  /**
   * The attempt was right (a password, a code): both counts get it back. Only a completed sign-in (`signedIn`) clears
   * the account's failures, so that knowing the password does not buy more guesses of the second factor.
   */
  async refund(email: string, address: string): Promise<void> {
    await Promise.all([this.byAccount.reward(accountKey(email), 1), this.byAddress.reward(address, 1)]);
  }

  /** A completed sign-in: the account's failures are forgotten. */
  async signedIn(email: string): Promise<void> {
    await this.byAccount.delete(accountKey(email));
  }

  /** One password-reset request for this address from this client, or a 429 (the same for known and unknown addresses). */
  async resetRequested(email: string, address: string): Promise<void> {
    await spend(this.resetsByEmail, accountKey(email));
    await spend(this.resetsByAddress, address);
  }
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/** consume() rejects with the limiter's state when the points are used up, and with an Error when the store fails. */
async function spend(limiter: RateLimiterPostgres, key: string): Promise<void> {
  try {
    await limiter.consume(key, 1);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw new TooManyAttemptsError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    throw rejection;
  }
}
