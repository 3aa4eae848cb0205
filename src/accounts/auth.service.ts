import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { InvalidInputError, UnauthenticatedError } from '../common/errors';
import { allows } from '../common/policy';
import type { Principal } from '../common/principal';
import { AuditTrail } from '../audit/audit.service';
import { Transactions } from '../database/transactions';
import { SESSION_ENDED_CHANNEL } from './account-sessions';
import { InvalidSecondFactorError, TooManyAttemptsError } from './accounts.errors';
import type { SessionResponse } from './accounts.responses';
import type { SecondFactorDto } from './auth.dto';
import { LoginThrottle } from './login-throttle';
import { verifyPassword } from './passwords';
import { SecondFactors, type SecondFactorUsed } from './second-factor.service';
import { mustTurnOnSecondFactor, type SignInMethod } from './session-steps';
import { type LoginCandidate, UsersRepository } from './users.repository';
import { grantableRoles } from './users.service';

export const BAD_CREDENTIALS = 'Email or password is incorrect.';

@Injectable()
export class AuthService {
  constructor(
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditTrail,
    private readonly secondFactors: SecondFactors,
  ) {}

  /**
   * The password step. The same answer, after the same work, for an unknown email, a wrong password, a deactivated
   * account, a demo account in production and an agency that signs in only through its provider: the answer tells
   * nobody which accounts exist (the login page sends such an agency's people to its provider from the email alone).
   */
  async verifyCredentials(email: string, password: string, ip = 'unknown'): Promise<Principal> {
    await this.spendAttempt(email, ip);
    const candidate = await this.users.findLoginCandidate(this.transactions.db, email);
    const passwordMatches = await verifyPassword(candidate?.passwordHash ?? null, password);
    const passwordRefused = candidate?.passwordLoginDisabled ?? false;
    if (!candidate || !passwordMatches || !candidate.active || (candidate.demo && this.config.production) || passwordRefused) {
      await this.audit.record({
        action: 'login.failed',
        email,
        ip,
        subjectUserId: candidate?.userId ?? null,
        agencyId: candidate?.agencyId ?? null,
        ...(passwordRefused && { details: { reason: 'password_login_disabled' } }),
      });
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    await this.throttle.refund(email, ip);
    return toPrincipal(candidate);
  }

  /** One attempt spent before anything is verified (see LoginThrottle); a refusal is audited. */
  private async spendAttempt(email: string, ip: string): Promise<void> {
    try {
      await this.throttle.attempt(email, ip);
    } catch (error) {
      if (error instanceof TooManyAttemptsError) {
        await this.audit.record({ action: 'login.throttled', email, ip, details: { retryAfterSeconds: error.retryAfterSeconds } });
      }
      throw error;
    }
  }

  /**
   * The second step of a sign-in whose password was right: a code from the app or a recovery code. Wrong answers
   * count towards the same throttle as wrong passwords. Returns who signs in, and with which factor.
   */
  async verifySecondFactor(
    pending: { userId: string; email: string },
    answer: SecondFactorDto,
    ip = 'unknown',
  ): Promise<{ principal: Principal; used: SecondFactorUsed }> {
    if ((answer.code === undefined) === (answer.recoveryCode === undefined)) {
      throw new InvalidInputError('code', 'code: send either the 6-digit code from your authenticator app or a recoveryCode.');
    }
    await this.spendAttempt(pending.email, ip);
    const used = await this.secondFactors.verifyAtSignIn(pending.userId, answer);
    if (!used) {
      await this.audit.record({ action: 'login.failed', subjectUserId: pending.userId, email: pending.email, ip, details: { step: 'second_factor' } });
      throw new InvalidSecondFactorError(answer.code !== undefined ? 'code' : 'recoveryCode');
    }
    await this.throttle.refund(pending.email, ip);
    return { principal: await this.principalOf(pending.email), used };
  }

  /** Records a completed sign-in (and clears the account's failure count). */
  async signedIn(
    principal: Principal,
    ip: string | undefined,
    how: { method: SignInMethod; secondFactor?: SecondFactorUsed; amr?: string[] },
  ): Promise<void> {
    await this.throttle.signedIn(principal.email);
    const { secondFactor } = how;
    const details = {
      ...how,
      ...(secondFactor === 'recovery_code' && { recoveryCodesLeft: await this.secondFactors.recoveryCodesLeft(principal.userId) }),
    };
    await this.audit.record({
      action: 'login.succeeded',
      actorUserId: principal.userId,
      subjectUserId: principal.userId,
      agencyId: principal.agencyId,
      email: principal.email,
      ip,
      details,
    });
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
    return toPrincipal(candidate);
  }

  async describe(principal: Principal, session?: { signedInWith?: SignInMethod }): Promise<SessionResponse> {
    const candidate = await this.users.findLoginCandidate(this.transactions.db, principal.email);
    if (!candidate) throw new UnauthenticatedError();
    const current = toPrincipal(candidate);
    return {
      user: {
        id: candidate.userId,
        email: candidate.email,
        displayName: candidate.displayName,
        role: candidate.role,
        secondFactor: candidate.secondFactor ?? 'off',
      },
      agency: { id: candidate.agencyId, code: candidate.agencyCode, name: candidate.agencyName },
      can: {
        manageUsers: allows(current, 'users.manage', { agencyId: candidate.agencyId, agencyCode: candidate.agencyCode }),
        grantRoles: grantableRoles(current),
        readMail: allows(current, 'mail.read', null),
        readAudit: allows(current, 'audit.read', null),
        manageFrameworks: allows(current, 'framework.manage', null),
        manageCommitments: allows(current, 'commitment.manage', null),
        manageConsolidatedReports: allows(current, 'consolidatedReport.manage', null),
        readSso: allows(current, 'agency.readSso', { agencyId: candidate.agencyId, agencyCode: candidate.agencyCode }),
        manageAgencies: allows(current, 'agency.manage', null),
      },
      signedInWith: session?.signedInWith ?? null,
      mustTurnOnSecondFactor: mustTurnOnSecondFactor({ ...principal, secondFactor: candidate.secondFactor }, session),
    };
  }
}

/** Who a login candidate is, without what only signing in needs (password hash, flags). */
function toPrincipal({ userId, email, displayName, role, agencyId, agencyCode, secondFactor }: LoginCandidate): Principal {
  return { userId, email, displayName, role, agencyId, agencyCode, secondFactor };
}
