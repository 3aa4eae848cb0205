import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../audit/audit.service';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { refusal } from '../common/refusals';
import type { Principal } from '../common/principal';
import { AppConfig } from '../config/app-config';
import { type Db, Transactions } from '../database/transactions';
import { AccountSessions } from './account-sessions';
import { ApiTokens } from './api-tokens.service';
import { InvalidSecondFactorError } from './accounts.errors';
import type { RecoveryCodesResponse, SecondFactorEnrolmentResponse, SecondFactorStatusResponse } from './accounts.responses';
import { LoginThrottle } from './login-throttle';
import { PrincipalCache } from './principal-cache';
import { SecondFactorRepository, type StoredSecondFactor } from './second-factor.repository';
import { enrolment, matchingStep, newRecoveryCodes, newTotpSecret, recoveryCodeHash, TotpSecretBox } from './totp';
import { UsersRepository } from './users.repository';
import { authorizeManage } from './manage-rule';

export type SecondFactorUsed = 'totp' | 'recovery_code';

/**
 * Two-factor sign-in with an authenticator app (TOTP, RFC 6238) and single-use recovery codes: turning it on (a new
 * secret, confirmed by a first code), the second step of a sign-in, new recovery codes, turning it off where the role
 * allows, and a manager's reset when the app is lost. Every change is audited.
 */
@Injectable()
export class SecondFactors {
  private readonly box: TotpSecretBox;

  constructor(
    config: AppConfig,
    private readonly transactions: Transactions,
    private readonly factors: SecondFactorRepository,
    private readonly users: UsersRepository,
    private readonly sessions: AccountSessions,
    private readonly principals: PrincipalCache,
    private readonly throttle: LoginThrottle,
    private readonly apiTokens: ApiTokens,
    private readonly audit: AuditTrail,
  ) {
    this.box = new TotpSecretBox(config.twoFactorKey);
  }

  async status(user: Principal): Promise<SecondFactorStatusResponse> {
    const db = this.transactions.db;
    const [stored, required] = await Promise.all([this.factors.find(db, user.userId), this.factors.isRequired(db, user.userId)]);
    const on = stored?.confirmed ?? false;
    return {
      state: on ? 'on' : required ? 'enrolment_required' : 'off',
      required,
      enabledAt: on ? stored!.enabledAt : null,
      recoveryCodesLeft: on ? await this.factors.recoveryCodesLeft(db, user.userId) : 0,
    };
  }

  /** A new secret for the user's app; it protects nothing until `confirm` receives a first code from it. */
  async begin(user: Principal): Promise<SecondFactorEnrolmentResponse> {
    const secret = newTotpSecret();
    const saved = await this.factors.savePending(this.transactions.db, user.userId, this.box.seal(secret));
    if (!saved) throw new ConflictError('second_factor_on', 'Two-factor sign-in is already on. To move it to another app, turn it off first.');
    return enrolment(secret, user.email);
  }

  /** The first code turns the second factor on: recovery codes are made, and every other session of the user ends. */
  async confirm(user: Principal, code: string, currentSessionId: string | undefined, ip: string | undefined): Promise<RecoveryCodesResponse> {
    const result = await this.transactions.run(async (tx) => {
      const stored = await this.factors.find(tx, user.userId);
      if (!stored || stored.confirmed) {
        throw new ConflictError('no_setup_pending', 'There is no two-factor setup to confirm. Start the setup again.');
      }
      if (!(await this.spendCode(tx, user.userId, stored, code, { confirming: true }))) throw new InvalidSecondFactorError('code');
      const { codes, hashes } = newRecoveryCodes();
      await this.factors.replaceRecoveryCodes(tx, user.userId, hashes);
      const ended = await this.sessions.endAll(tx, user.userId, { except: currentSessionId });
      await this.apiTokens.revokeAllOf(tx, user, 'second_factor_enabled', user.userId);
      await this.audit.record({ ...this.auditBase(user, ip), action: 'second_factor.enabled', details: { otherSessionsEnded: ended } }, tx);
      await this.principals.changed(tx, user.userId);
      return { recoveryCodes: codes };
    });
    this.principals.forget(user.userId);
    return result;
  }

  /** New recovery codes in place of the old ones, against a current code from the app. */
  async regenerateRecoveryCodes(user: Principal, code: string, ip: string | undefined): Promise<RecoveryCodesResponse> {
    return this.withCurrentCode(user, code, ip, async (tx) => {
      const { codes, hashes } = newRecoveryCodes();
      await this.factors.replaceRecoveryCodes(tx, user.userId, hashes);
      await this.audit.record({ ...this.auditBase(user, ip), action: 'recovery_codes.regenerated' }, tx);
      return { recoveryCodes: codes };
    });
  }

  /** Turns the second factor off, against a current code; refused where the role requires it. */
  async disable(user: Principal, code: string, ip: string | undefined): Promise<void> {
    if (await this.factors.isRequired(this.transactions.db, user.userId)) {
      throw new ForbiddenError(refusal('second_factor_required_by_role', { role: user.role }));
    }
    await this.withCurrentCode(user, code, ip, async (tx) => {
      await this.factors.remove(tx, user.userId);
      await this.apiTokens.revokeAllOf(tx, user, 'second_factor_disabled', user.userId);
      await this.audit.record({ ...this.auditBase(user, ip), action: 'second_factor.disabled' }, tx);
      await this.principals.changed(tx, user.userId);
    });
    this.principals.forget(user.userId);
  }

  /**
   * The second step of a sign-in: a code from the app (each accepted once), or one recovery code (each usable once).
   * Null when neither holds; the caller counts the failure.
   */
  async verifyAtSignIn(userId: string, answer: { code?: string; recoveryCode?: string }): Promise<SecondFactorUsed | null> {
    return this.transactions.run(async (tx) => {
      if (answer.code !== undefined) {
        const stored = await this.factors.find(tx, userId);
        if (!stored?.confirmed) return null;
        return (await this.spendCode(tx, userId, stored, answer.code, { confirming: false })) ? 'totp' : null;
      }
      if (answer.recoveryCode !== undefined) {
        return (await this.factors.useRecoveryCode(tx, userId, recoveryCodeHash(answer.recoveryCode))) ? 'recovery_code' : null;
      }
      return null;
    });
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    return this.factors.recoveryCodesLeft(this.transactions.db, userId);
  }

  /**
   * A focal point (their agency's users) or the secretariat (anyone; the only ones for secretariat accounts) removes
   * the second factor of a user who lost it. The user's sessions end; they sign in with their password and, where the
   * role requires it, must set up a new one before anything else. Nobody resets their own.
   */
  async reset(manager: Principal, userId: string, ip: string | undefined): Promise<void> {
    await this.transactions.run(async (tx) => {
      const target = await this.users.findManaged(tx, userId);
      if (!target) throw new NotFoundError('user', userId);
      authorizeManage(manager, target);
      if (target.id === manager.userId) {
        throw new ForbiddenError(refusal('own_second_factor_reset', {}));
      }
      const wasOn = await this.factors.remove(tx, userId);
      if (!wasOn) throw new ConflictError('second_factor_off', `${target.displayName} has no two-factor sign-in to reset.`);
      const ended = await this.sessions.endAll(tx, userId);
      await this.apiTokens.revokeAllOf(tx, { userId, agencyId: target.agencyId, email: target.email }, 'second_factor_reset', manager.userId);
      await this.audit.record(
        { action: 'second_factor.reset', actorUserId: manager.userId, subjectUserId: userId, agencyId: target.agencyId, email: target.email, ip, details: { sessionsEnded: ended } },
        tx,
      );
      await this.principals.changed(tx, userId);
    });
    this.principals.forget(userId);
  }

  /** Runs `change` once the user's current code is checked (and spent); wrong codes count towards the sign-in throttle. */
  private async withCurrentCode<T>(user: Principal, code: string, ip: string | undefined, change: (tx: Db) => Promise<T>): Promise<T> {
    const address = ip ?? 'unknown';
    // Spent before the code is checked, given back when it is right (see LoginThrottle).
    await this.throttle.attempt(user.email, address);
    try {
      const result = await this.transactions.run(async (tx) => {
        const stored = await this.factors.find(tx, user.userId);
        if (!stored?.confirmed) throw new ConflictError('second_factor_off', 'Two-factor sign-in is not on.');
        if (!(await this.spendCode(tx, user.userId, stored, code, { confirming: false }))) throw new InvalidSecondFactorError('code');
        return change(tx);
      });
      await this.throttle.refund(user.email, address);
      return result;
    } catch (error) {
      // Only a wrong code stays counted: anything else was no guess.
      if (!(error instanceof InvalidSecondFactorError)) await this.throttle.refund(user.email, address);
      throw error;
    }
  }

  /** Whether `code` is the app's code of a step around now not used before; if so, that step is used up. */
  private async spendCode(tx: Db, userId: string, stored: StoredSecondFactor, code: string, options: { confirming: boolean }): Promise<boolean> {
    const step = matchingStep(this.box.open(stored.sealedSecret), code);
    return step !== null && (await this.factors.useStep(tx, userId, step, options));
  }

  private auditBase(user: Principal, ip: string | undefined) {
    return { actorUserId: user.userId, subjectUserId: user.userId, agencyId: user.agencyId, email: user.email, ip };
  }
}
