import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../audit/audit.service';
import { InvalidInputError, NotFoundError } from '../common/errors';
import type { Principal } from '../common/principal';
import { type Db, Transactions } from '../database/transactions';
import { AccountTokensRepository } from './account-tokens.repository';
import type { ApiTokenPage, CreatedApiTokenResponse } from './accounts.responses';
import { CreateApiTokenDto } from './api-tokens.dto';
import { hashSecret, newSecret } from './secret-tokens';
import { type ManagedUser, UsersRepository } from './users.repository';
import { authorizeManage } from './manage-rule';

export const API_TOKEN_PREFIX = 'cnc_';
/** Token use is audited (and last_used_at written) at most once per token per this interval. */
const USE_RECORDED_EVERY_MS = 60_000;

export type TokenRevocationReason = 'password_reset' | 'second_factor_enabled' | 'second_factor_disabled' | 'second_factor_reset' | 'deactivated';

/**
 * Personal API tokens: an agency's system acts as the user who made the token, with exactly that user's permissions
 * (the principal is the user's own). Tokens authenticate REST calls only, never the live-document sockets.
 */
@Injectable()
export class ApiTokens {
  constructor(
    private readonly transactions: Transactions,
    private readonly tokens: AccountTokensRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditTrail,
  ) {}

  async create(user: Principal, request: CreateApiTokenDto): Promise<CreatedApiTokenResponse> {
    if (request.expiresAt && request.expiresAt.getTime() <= Date.now()) {
      throw new InvalidInputError('expiresAt', 'expiresAt must be in the future.');
    }
    const { secret, hash } = newSecret(API_TOKEN_PREFIX);
    return this.transactions.run(async (tx) => {
      const view = await this.tokens.insertApiToken(tx, { userId: user.userId, name: request.name.trim(), tokenHash: hash, expiresAt: request.expiresAt ?? null });
      await this.audit.record({ action: 'api_token.created', actorUserId: user.userId, subjectUserId: user.userId, agencyId: user.agencyId, details: { tokenId: view.id, name: view.name } }, tx);
      return { ...view, token: secret };
    });
  }

  async list(user: Principal): Promise<ApiTokenPage> {
    const items = await this.tokens.listApiTokens(this.transactions.db, user.userId);
    return { items, total: items.length };
  }

  async revoke(user: Principal, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const revoked = await this.tokens.revokeApiToken(tx, user.userId, id);
      if (!revoked) throw new NotFoundError('API token', id);
      await this.audit.record({ action: 'api_token.revoked', actorUserId: user.userId, subjectUserId: user.userId, agencyId: user.agencyId, details: { tokenId: id, name: revoked.name } }, tx);
    });
  }

  /** A user's tokens, for a focal point of their agency or the secretariat (secretariat accounts: the secretariat). */
  async listFor(manager: Principal, userId: string): Promise<ApiTokenPage> {
    await this.authorizeManager(this.transactions.db, manager, userId);
    const items = await this.tokens.listApiTokens(this.transactions.db, userId);
    return { items, total: items.length };
  }

  async revokeFor(manager: Principal, userId: string, tokenId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const target = await this.authorizeManager(tx, manager, userId);
      const revoked = await this.tokens.revokeApiToken(tx, userId, tokenId);
      if (!revoked) throw new NotFoundError('API token', tokenId);
      await this.audit.record(
        { action: 'api_token.revoked', actorUserId: manager.userId, subjectUserId: userId, agencyId: target.agencyId, email: target.email, details: { tokenId, name: revoked.name } },
        tx,
      );
    });
  }

  /**
   * Revokes every token of a user whose credentials changed (a new password, a second factor turned on, off or reset,
   * deactivation): what a thief made with the old credentials dies with them. Audited when there were any.
   */
  async revokeAllOf(tx: Db, subject: { userId: string; agencyId: string; email: string }, reason: TokenRevocationReason, actorUserId: string): Promise<number> {
    const revoked = await this.tokens.revokeAllApiTokens(tx, subject.userId);
    if (revoked.length > 0) {
      await this.audit.record(
        { action: 'api_token.revoked', actorUserId, subjectUserId: subject.userId, agencyId: subject.agencyId, email: subject.email, details: { tokenIds: revoked, reason } },
        tx,
      );
    }
    return revoked.length;
  }

  private async authorizeManager(db: Db, manager: Principal, userId: string): Promise<ManagedUser> {
    const target = await this.users.findManaged(db, userId);
    if (!target) throw new NotFoundError('user', userId);
    authorizeManage(manager, target);
    return target;
  }

  /** The principal a Bearer token speaks for, or null. */
  async authenticate(secret: string, ip: string | undefined, route: string): Promise<Principal | null> {
    if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 200) return null;
    const found = await this.tokens.findTokenPrincipal(this.transactions.db, hashSecret(secret));
    if (!found) return null;
    const { tokenId, lastUsedAt, ...principal } = found;
    if (!lastUsedAt || Date.now() - new Date(lastUsedAt).getTime() > USE_RECORDED_EVERY_MS) {
      await this.transactions.run(async (tx) => {
        await this.tokens.touchApiToken(tx, tokenId);
        await this.audit.record({ action: 'api_token.used', actorUserId: principal.userId, subjectUserId: principal.userId, agencyId: principal.agencyId, ip, details: { tokenId, route } }, tx);
      });
    }
    return principal;
  }
}
