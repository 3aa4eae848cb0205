import { Injectable } from '@nestjs/common';
import type { Db } from '../database/transactions';
import type { Principal } from '../common/principal';
import { type Role, SECOND_FACTOR_STATE_SQL, type SecondFactorState } from './role';
import { User } from './user.entity';

export interface LoginCandidate extends Principal {
  passwordHash: string | null;
  active: boolean;
  demo: boolean;
  agencyName: string;
}

export interface ManagedUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
  version: number;
  agencyId: string;
  agencyCode: string;
  secondFactor: SecondFactorState;
}

const MANAGED_COLUMNS = `
  u.id, u.email, u.display_name AS "displayName", u.role, u.active, u.version, u.agency_id AS "agencyId", a.code AS "agencyCode",
  ${SECOND_FACTOR_STATE_SQL} AS "secondFactor"`;

const PRINCIPAL_COLUMNS = `
  u.id AS "userId", u.email, u.display_name AS "displayName", u.role,
  u.agency_id AS "agencyId", a.code AS "agencyCode", ${SECOND_FACTOR_STATE_SQL} AS "secondFactor"`;

@Injectable()
export class UsersRepository {
  async findLoginCandidate(db: Db, email: string): Promise<LoginCandidate | null> {
    const rows: LoginCandidate[] = await db.query(
      `SELECT ${PRINCIPAL_COLUMNS}, u.password_hash AS "passwordHash", u.active, u.demo, a.name AS "agencyName"
         FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.email = $1`,
      [email.trim().toLowerCase()],
    );
    return rows[0] ?? null;
  }

  /** The principal of an active user, or null when the user is gone or deactivated. */
  async findActivePrincipal(db: Db, userId: string): Promise<Principal | null> {
    const rows: Principal[] = await db.query(
      `SELECT ${PRINCIPAL_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.id = $1 AND u.active AND a.archived_at IS NULL`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async insert(
    db: Db,
    user: { email: string; displayName: string; agencyId: string; role: Role; passwordHash: string | null; demo?: boolean },
  ): Promise<User> {
    const repository = db.getRepository(User);
    return repository.save(
      repository.create({ ...user, email: user.email.trim().toLowerCase(), demo: user.demo ?? false, active: true, version: 1 }),
    );
  }

  /** A user with their agency's code, whatever their state: what managing them needs. */
  async findManaged(db: Db, userId: string): Promise<ManagedUser | null> {
    const rows: ManagedUser[] = await db.query(
      `SELECT ${MANAGED_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async emailTaken(db: Db, email: string): Promise<{ id: string; active: boolean; demo: boolean } | null> {
    const rows: { id: string; active: boolean; demo: boolean }[] = await db.query(
      `SELECT id, active, demo FROM users WHERE email = $1`,
      [email.trim().toLowerCase()],
    );
    return rows[0] ?? null;
  }

  async setPassword(tx: Db, userId: string, passwordHash: string): Promise<void> {
    await tx.query(`UPDATE users SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1`, [userId, passwordHash]);
  }

  async listByAgency(db: Db, agencyId: string): Promise<ManagedUser[]> {
    return db.query(
      `SELECT ${MANAGED_COLUMNS} FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.agency_id = $1 ORDER BY u.display_name, u.id`,
      [agencyId],
    );
  }
}
