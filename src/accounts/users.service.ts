import { Injectable } from '@nestjs/common';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { InvalidInputError } from '../common/errors';
import type { Page } from '../common/pagination';
import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { Transactions } from '../database/transactions';
import type { Role } from './role';
import { UsersQuery } from './users.dto';
import { UsersRepository } from './users.repository';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesRepository,
  ) {}

  async list(user: Principal, query: UsersQuery): Promise<Page<UserView>> {
    const db = this.transactions.db;
    const [agency] = await this.agencies.findByCodes(db, [query.agency]);
    if (!agency) throw new InvalidInputError('agency', `agency: no agency has the code ${query.agency}.`);
    authorize(user, 'users.manage', { agencyId: agency.id, agencyCode: agency.code });
    const all = await this.users.listByAgency(db, agency.id);
    const items = all.slice(query.offset, query.offset + query.limit).map(({ id, email, displayName, role, active }) => ({ id, email, displayName, role, active }));
    return { items, total: all.length };
  }
}
