import { Injectable } from '@nestjs/common';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { AuditTrail } from '../audit/audit.service';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors';
import type { Page } from '../common/pagination';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import { updateVersioned } from '../database/versioned-update';
import { AccountSessions } from './account-sessions';
import { PrincipalCache } from './principal-cache';
import type { Role, SecondFactorState } from './role';
import { User } from './user.entity';
import { UpdateUserDto, UsersQuery } from './users.dto';
import { type ManagedUser, UsersRepository } from './users.repository';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
  version: number;
  /** Whether the user signs in with a second factor (a manager can reset it when it is lost). */
  secondFactor: SecondFactorState;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesRepository,
    private readonly sessions: AccountSessions,
    private readonly principals: PrincipalCache,
    private readonly audit: AuditTrail,
  ) {}

  async list(user: Principal, query: UsersQuery): Promise<Page<UserView>> {
    const db = this.transactions.db;
    const [agency] = await this.agencies.findByCodes(db, [query.agency]);
    if (!agency) throw new InvalidInputError('agency', `agency: no agency has the code ${query.agency}.`);
    authorize(user, 'users.manage', { agencyId: agency.id, agencyCode: agency.code });
    const all = await this.users.listByAgency(db, agency.id);
    const items = all.slice(query.offset, query.offset + query.limit).map(toView);
    return { items, total: all.length };
  }

  /**
   * Role changes, deactivation and reactivation, within the manager's own agency (the secretariat: any). A
   * deactivation ends the user's sessions and sockets in the same transaction's commit.
   */
  async update(user: Principal, userId: string, change: UpdateUserDto): Promise<UserView> {
    const updated = await this.transactions.run(async (tx) => {
      const target = await this.users.findManaged(tx, userId);
      if (!target) throw new NotFoundError('user', userId);
      authorize(user, 'users.manage', { agencyId: target.agencyId, agencyCode: target.agencyCode });
      if (target.role === 'secretariat' || change.role === 'secretariat') authorize(user, 'users.manageSecretariat', null);
      const roleChanges = change.role !== undefined && change.role !== target.role;
      const activeChanges = change.active !== undefined && change.active !== target.active;
      if (target.id === user.userId && (roleChanges || activeChanges)) {
        throw new ForbiddenError('You cannot change your own role or deactivate your own account; ask another manager.');
      }
      await updateVersioned(tx, User, 'user', userId, change.version, {
        ...(change.role !== undefined && { role: change.role }),
        ...(change.active !== undefined && { active: change.active }),
      });
      const base = { actorUserId: user.userId, subjectUserId: target.id, agencyId: target.agencyId, email: target.email };
      if (roleChanges) await this.audit.record({ ...base, action: 'user.role_changed', details: { from: target.role, to: change.role } }, tx);
      if (activeChanges && change.active === false) {
        const ended = await this.sessions.endAll(tx, target.id);
        await this.audit.record({ ...base, action: 'user.deactivated', details: { sessionsEnded: ended } }, tx);
      }
      if (activeChanges && change.active === true) await this.audit.record({ ...base, action: 'user.reactivated' }, tx);
      if (roleChanges || activeChanges) await this.principals.changed(tx, userId);
      return (await this.users.findManaged(tx, userId))!;
    });
    this.principals.forget(userId);
    return toView(updated);
  }
}

function toView({ id, email, displayName, role, active, version, secondFactor }: ManagedUser): UserView {
  return { id, email, displayName, role, active, version, secondFactor };
}
