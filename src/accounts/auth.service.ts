import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { UnauthenticatedError } from '../common/errors';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import { verifyPassword } from './passwords';
import { UsersRepository } from './users.repository';

export const BAD_CREDENTIALS = 'Email or password is incorrect.';
/** Announced (pg_notify) when a session ends, so that every process drops the live connections it opened. */
export const SESSION_ENDED_CHANNEL = 'concert_session_ended';

export interface SessionView {
  user: { id: string; email: string; displayName: string; role: Principal['role'] };
  agency: { id: string; code: string; name: string };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
  ) {}

  /**
   * The same answer, after the same work, for an unknown email, a wrong password, a deactivated account and a demo
   * account in production: the answer tells nobody which accounts exist.
   */
  async verifyCredentials(email: string, password: string): Promise<Principal> {
    const candidate = await this.users.findLoginCandidate(this.transactions.db, email);
    const passwordMatches = await verifyPassword(candidate?.passwordHash ?? null, password);
    if (!candidate || !passwordMatches || !candidate.active || (candidate.demo && this.config.production)) {
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    const { userId, email: address, displayName, role, agencyId, agencyCode } = candidate;
    return { userId, email: address, displayName, role, agencyId, agencyCode };
  }

  async sessionEnded(sessionId: string): Promise<void> {
    await this.transactions.db.query('SELECT pg_notify($1, $2)', [SESSION_ENDED_CHANNEL, sessionId]);
  }

  async describe(principal: Principal): Promise<SessionView> {
    const candidate = await this.users.findLoginCandidate(this.transactions.db, principal.email);
    if (!candidate) throw new UnauthenticatedError();
    return {
      user: { id: candidate.userId, email: candidate.email, displayName: candidate.displayName, role: candidate.role },
      agency: { id: candidate.agencyId, code: candidate.agencyCode, name: candidate.agencyName },
    };
  }
}
