import { Injectable } from '@nestjs/common';
import { PassportSerializer } from '@nestjs/passport';
import type { Principal } from '../common/principal';
import { PrincipalCache } from './principal-cache';

/** The session keeps only the user's id; who they are now (role, agency, active) is looked up on each request. */
@Injectable()
export class SessionSerializer extends PassportSerializer {
  constructor(private readonly principals: PrincipalCache) {
    super();
  }

  serializeUser(user: Principal, done: (error: unknown, id?: string) => void): void {
    done(null, user.userId);
  }

  deserializeUser(userId: string, done: (error: unknown, user?: Principal | false) => void): void {
    this.principals.get(userId).then(
      (principal) => done(null, principal ?? false),
      (error: unknown) => done(error),
    );
  }
}
