import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { UnauthenticatedError } from '../common/errors';
import type { Principal } from '../common/principal';
import { AuditTrail } from '../audit/audit.service';
import { Transactions } from '../database/transactions';
import { TooManyAttemptsError } from './accounts.errors';
import { LoginThrottle } from './login-throttle';
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
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * The same answer, after the same work, for an unknown email, a wrong password, a deactivated account and a demo
   * account in production: the answer tells nobody which accounts exist.
   */
  async verifyCredentials(email: string, password: string, ip = 'unknown'): Promise<Principal> {
    try {
      await this.throttle.check(email, ip);
    } catch (error) {
      if (error instanceof TooManyAttemptsError) {
        await this.audit.record({ action: 'login.throttled', email, ip, details: { retryAfterSeconds: error.retryAfterSeconds } });
      }
      throw error;
    }
    const candidate = await this.users.findLoginCandidate(this.transactions.db, email);
    const passwordMatches = await verifyPassword(candidate?.passwordHash ?? null, password);
    if (!candidate || !passwordMatches || !candidate.active || (candidate.demo && this.config.production)) {
      await this.throttle.failed(email, ip);
      await this.audit.record({ action: 'login.failed', email, ip, subjectUserId: candidate?.userId ?? null, agencyId: candidate?.agencyId ?? null });
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    await this.throttle.succeeded(email);
    const { userId, email: address, displayName, role, agencyId, agencyCode } = candidate;
    await this.audit.record({ action: 'login.succeeded', actorUserId: userId, subjectUserId: userId, agencyId, email: address, ip });
    return { userId, email: address, displayName, role, agencyId, agencyCode };
  }

  async loggedOut(user: Principal | undefined, ip: string | undefined): Promise<void> {
    if (!user) return;
    await this.audit.record({ action: 'logout', actorUserId: user.userId, subjectUserId: user.userId, agencyId: user.agencyId, email: user.email, ip });
  }

  async sessionEnded(sessionId: string): Promise<void> {
    await this.transactions.db.query('SELECT pg_notify($1, $2)', [SESSION_ENDED_CHANNEL, sessionId]);
  }

  /** The principal of an account just created or changed (not through the cache). */
  async principalOf(email: string): Promise<Principal> {
    const candidate = await this.users.findLoginCandidate(this.transactions.db, email);
    if (!candidate?.active) throw new UnauthenticatedError();
    const { userId, email: address, displayName, role, agencyId, agencyCode } = candidate;
    return { userId, email: address, displayName, role, agencyId, agencyCode };
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
