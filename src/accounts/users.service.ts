import { Injectable } from '@nestjs/common';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { AuditTrail } from '../audit/audit.service';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors';
import { refusal } from '../common/refusals';
import { allows, authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import { updateVersioned } from '../database/versioned-update';
import { AccountSessions } from './account-sessions';
import { AccountTokensRepository, invitationMailKey } from './account-tokens.repository';
import type { PeopleSearchResponse, UserPage, UserResponse } from './accounts.responses';
import { ApiTokens } from './api-tokens.service';
import { Outbox } from '../mail/outbox';
import { PrincipalCache } from './principal-cache';
import type { Role } from './role';
import { User } from './user.entity';
import { PeopleQuery, UpdateUserDto, UsersQuery } from './users.dto';
import { type ManagedUser, UsersRepository } from './users.repository';

/**
 * Whether the manager may change this user (role, active, second factor): their agency's managers or the
 * secretariat, the secretariat alone for secretariat accounts, and nobody themselves. update() and the second
 * factor's reset refuse with a reason on the same grounds; the list's `can` says it beforehand.
 */
export function managesUser(manager: Principal, target: Pick<ManagedUser, 'id' | 'role' | 'agencyId' | 'agencyCode'>): boolean {
  return (
    target.id !== manager.userId &&
    allows(manager, 'users.manage', { agencyId: target.agencyId, agencyCode: target.agencyCode }) &&
    (target.role !== 'secretariat' || allows(manager, 'users.manageSecretariat', null))
  );
}

/** The roles the manager may give: the secretariat's only by the secretariat. */
export function grantableRoles(manager: Principal): Role[] {
  return allows(manager, 'users.manageSecretariat', null) ? ['staff', 'focal_point', 'secretariat'] : ['staff', 'focal_point'];
}

@Injectable()
export class UsersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesRepository,
    private readonly sessions: AccountSessions,
    private readonly principals: PrincipalCache,
    private readonly apiTokens: ApiTokens,
    private readonly tokens: AccountTokensRepository,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  /** The directory for mentions: open to everyone signed in, 20 at most, no email. */
  async people(query: PeopleQuery): Promise<PeopleSearchResponse> {
    return { items: await this.users.people(this.transactions.db, { q: query.q, agency: query.agency, limit: 20 }) };
  }

  async list(user: Principal, query: UsersQuery): Promise<UserPage> {
    const db = this.transactions.db;
    const [agency] = await this.agencies.findByCodes(db, [query.agency]);
    if (!agency) throw new InvalidInputError('agency', `agency: no agency has the code ${query.agency}.`);
    authorize(user, 'users.manage', { agencyId: agency.id, agencyCode: agency.code });
    const all = await this.users.listByAgency(db, agency.id);
    const items = all.slice(query.offset, query.offset + query.limit).map((row) => toView(row, user));
    return { items, total: all.length };
  }

  /**
   * Role changes, deactivation and reactivation, within the manager's own agency (the secretariat: any). A
   * deactivation ends the user's sessions and sockets in the same transaction's commit.
   */
  async update(user: Principal, userId: string, change: UpdateUserDto): Promise<UserResponse> {
    const updated = await this.transactions.run(async (tx) => {
      const target = await this.users.findManaged(tx, userId);
      if (!target) throw new NotFoundError('user', userId);
      authorize(user, 'users.manage', { agencyId: target.agencyId, agencyCode: target.agencyCode });
      if (target.role === 'secretariat' || change.role === 'secretariat') authorize(user, 'users.manageSecretariat', null);
      const roleChanges = change.role !== undefined && change.role !== target.role;
      const activeChanges = change.active !== undefined && change.active !== target.active;
      if (target.id === user.userId && (roleChanges || activeChanges)) {
        throw new ForbiddenError(refusal('own_account_change', {}));
      }
      await updateVersioned(tx, User, 'user', userId, change.version, {
        ...(change.role !== undefined && { role: change.role }),
        ...(change.active !== undefined && { active: change.active }),
      });
      const base = { actorUserId: user.userId, subjectUserId: target.id, agencyId: target.agencyId, email: target.email };
      if (roleChanges) await this.audit.record({ ...base, action: 'user.role_changed', details: { from: target.role, to: change.role } }, tx);
      if (activeChanges && change.active === false) {
        const ended = await this.sessions.endAll(tx, target.id);
        await this.apiTokens.revokeAllOf(tx, { userId: target.id, agencyId: target.agencyId, email: target.email }, 'deactivated', user.userId);
        // What they sent stays theirs: an invitation from someone who left opens no door.
        const cancelled = await this.tokens.revokeInvitationsBy(tx, target.id, user.userId);
        await this.outbox.withdraw(tx, cancelled.map(invitationMailKey), 'Withdrawn: the inviter was deactivated before the invitation went out.');
        for (const invitationId of cancelled) {
          await this.audit.record({ ...base, action: 'invitation.revoked', details: { invitationId, reason: 'inviter_deactivated' } }, tx);
        }
        await this.audit.record({ ...base, action: 'user.deactivated', details: { sessionsEnded: ended, invitationsCancelled: cancelled.length } }, tx);
      }
      if (activeChanges && change.active === true) await this.audit.record({ ...base, action: 'user.reactivated' }, tx);
      if (roleChanges || activeChanges) await this.principals.changed(tx, userId);
      return (await this.users.findManaged(tx, userId))!;
    });
    this.principals.forget(userId);
    return toView(updated, user);
  }
}

function toView(row: ManagedUser, viewer: Principal): UserResponse {
  const { id, email, displayName, role, active, version, secondFactor } = row;
  return { id, email, displayName, role, active, version, secondFactor, can: { manage: managesUser(viewer, row) } };
}
